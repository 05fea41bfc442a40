/*
 * cmd_undo.c: `worthit undo`: step back through the journal of
 * decisions and outcome edits (as u in the dashboard).
 */
#include "worthit/cmd_journal.h"

extern const struct cmd_entry cmd_undo_entry;

static int undo_run(struct app_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	return cmd_journal_step(ctx, argc, true, &cmd_undo_entry);
}

const struct cmd_entry cmd_undo_entry = {
	.name = "undo",
	.usage = "undo",
	.summary = "undo the latest decision or outcome edit (as u in the dashboard)",
	.help = "Restores the status the invitation had before. Repeat to go further back;\n"
	        "'worthit redo' re-applies. Exits 65 when there is nothing to undo.\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB, /* config: the write-back sources */
	.run = undo_run,
};
