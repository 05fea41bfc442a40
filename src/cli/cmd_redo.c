/*
 * cmd_redo.c: `worthit redo`: re-apply the latest undone decision or
 * outcome edit (as U in the dashboard).
 */
#include "worthit/cmd_journal.h"

extern const struct cmd_entry cmd_redo_entry;

static int redo_run(struct app_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	return cmd_journal_step(ctx, argc, false, &cmd_redo_entry);
}

const struct cmd_entry cmd_redo_entry = {
	.name = "redo",
	.usage = "redo",
	.summary = "redo the latest undone decision or outcome edit (as U in the dashboard)",
	.help = "A new decision clears what could be redone. Exits 65 when there is nothing to redo.\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB, /* config: the write-back sources */
	.run = redo_run,
};
