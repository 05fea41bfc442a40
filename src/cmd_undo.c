/*
 * cmd_undo.c: `worthit undo` and `worthit redo`: step back and forth
 * through the journal of decisions and outcome edits (db_journal.h), the
 * same one the dashboard's u / U keys walk. The two commands are mirror
 * images sharing one function, so they live in one file (an exception to
 * one-file-per-command).
 */
#include "worthit/cmd.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"

#include <stdlib.h>

static int step(struct cmd_ctx *ctx, int argc, bool is_undo, const struct cmd_entry *e)
{
	if (argc != 1)
		return cmd_usage(ctx, e);
	struct journal_step js;
	char *why = NULL;
	enum wit_status st = is_undo ? db_journal_undo(ctx->db, &js, &why)
	                             : db_journal_redo(ctx->db, &js, &why);
	if (st != WIT_OK) {
		int code = cmd_error(ctx, st, "%s", why);
		free(why);
		return code;
	}
	struct invitation inv;
	invitation_init(&inv);
	const char *title = "";
	if (db_invite_get(ctx->db, js.invitation_id, &inv, NULL) == WIT_OK && inv.title != NULL)
		title = inv.title;
	fprintf(ctx->out, "%s #%lld %s", is_undo ? "undid" : "redid", (long long)js.invitation_id,
	        title);
	if (js.has_outcome)
		fprintf(ctx->out, ": outcome %s", js.had_outcome_before ? "edit"
		                                  : is_undo ? "removed" : "logged");
	if (js.has_decision) {
		const struct decision *d = &js.decision;
		enum invite_status from = is_undo ? d->new_status : d->old_status;
		enum invite_status to = is_undo ? d->old_status : d->new_status;
		fprintf(ctx->out, "%s %s -> %s", js.has_outcome ? "," : ":", invite_status_name(from),
		        invite_status_name(to));
	}
	fputc('\n', ctx->out);
	invitation_done(&inv);
	return 0;
}

extern const struct cmd_entry cmd_undo_entry, cmd_redo_entry;

static int undo_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	return step(ctx, argc, true, &cmd_undo_entry);
}

static int redo_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	return step(ctx, argc, false, &cmd_redo_entry);
}

const struct cmd_entry cmd_undo_entry = {
	.name = "undo",
	.usage = "undo",
	.summary = "undo the latest decision or outcome edit (as u in the dashboard)",
	.help = "Restores the status the invitation had before. Repeat to go further back;\n"
	        "'worthit redo' re-applies. Exits 65 when there is nothing to undo.\n",
	.flags = CMD_NEEDS_DB,
	.run = undo_run,
};

const struct cmd_entry cmd_redo_entry = {
	.name = "redo",
	.usage = "redo",
	.summary = "redo the latest undone decision or outcome edit (as U in the dashboard)",
	.help = "A new decision clears what could be redone. Exits 65 when there is nothing to redo.\n",
	.flags = CMD_NEEDS_DB,
	.run = redo_run,
};
