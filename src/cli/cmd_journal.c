/*
 * cmd_journal.c: what `worthit undo` and `worthit redo` share: one step
 * back or forth through the journal of decisions and outcome edits
 * (db_journal.h), the same one the dashboard's u / U keys walk, and the
 * line that says what changed. A decision undone or redone is written
 * back to the user's vdir like the decision itself (sync.h).
 */
#include "worthit/cmd_journal.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/sync.h"

#include <stdlib.h>

int cmd_journal_step(struct app_ctx *ctx, int argc, bool is_undo, const struct cmd_entry *e)
{
	if (argc != 1)
		return cmd_usage(ctx, e);
	struct journal_step js;
	char *why = NULL;
	enum wit_status st = is_undo ? db_journal_undo(ctx->db, &js, &why)
	                             : db_journal_redo(ctx->db, &js, &why);
	if (st != WIT_OK) {
		return cmd_fail(ctx, st, why);
	}
	struct invitation inv;
	invitation_init(&inv);
	const char *title = "";
	if (db_invite_get(ctx->db, js.invitation_id, &inv, NULL) == WIT_OK && inv.title != NULL)
		title = inv.title;
	fprintf(ctx->out, "%s #%lld %s", is_undo ? "undid" : "redid", (long long)js.invitation_id,
	        title);
	if (js.has_facts)
		fprintf(ctx->out, ": edit of its facts");
	if (js.has_outcome)
		fprintf(ctx->out, ": outcome %s", js.had_outcome_before ? "edit"
		                                  : is_undo ? "removed" : "logged");
	if (js.has_decision) {
		const struct decision *d = &js.decision;
		enum invite_status from = is_undo ? d->new_status : d->old_status;
		enum invite_status to = is_undo ? d->old_status : d->new_status;
		fprintf(ctx->out, "%s %s -> %s", js.has_outcome ? "," : ":", invite_status_name(from),
		        invite_status_name(to));
		if (js.n_decisions > 1)
			fprintf(ctx->out, " (series: %zu occurrences)", js.n_decisions);
	}
	fputc('\n', ctx->out);
	bool written = false;
	if (js.has_decision &&
	    sync_write_back(ctx->db, ctx->cfg, js.invitation_id,
	                    is_undo ? js.decision.old_status : js.decision.new_status, &written,
	                    &why) != WIT_OK) {
		fprintf(ctx->err, "worthit: not written back to your calendar: %s\n", why);
		free(why);
	}
	invitation_done(&inv);
	return 0;
}

