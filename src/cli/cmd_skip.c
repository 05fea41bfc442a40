/*
 * cmd_skip.c: `worthit skip ID`: "did not go" for an accepted event
 * that has started (the dashboard's x). Recorded as a "skipped"
 * decision, so `worthit undo` takes it back.
 */
#include "worthit/cmd.h"
#include "worthit/cmd_hist.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"

#include <stdlib.h>

extern const struct cmd_entry cmd_skip_entry;

static int skip_run(struct app_ctx *ctx, int argc, char **argv)
{
	if (cmd_wants_help(argc, argv))
		return cmd_print_help(ctx, &cmd_skip_entry);
	if (argc != 2)
		return cmd_usage(ctx, &cmd_skip_entry);
	int64_t id;
	char *why = NULL;
	enum wit_status st = cmd_parse_id(argv[1], &id, &why);
	if (st == WIT_OK)
		st = db_journal_skip(ctx->db, id, ctx->now, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	struct invitation inv;
	invitation_init(&inv);
	if (db_invite_get(ctx->db, id, &inv, NULL) == WIT_OK)
		fprintf(ctx->out, "skipped #%lld %s (did not go); 'worthit undo' takes it back\n",
		        (long long)id, inv.title ? inv.title : "");
	invitation_done(&inv);
	return 0;
}

const struct cmd_entry cmd_skip_entry = {
	.name = "skip",
	.usage = "skip ID",
	.summary = "mark an accepted event you did not go to as skipped",
	.help = "For an accepted invitation that has started. It leaves the review list and\n"
	        "counts in no history. Exit 65 for an unknown id, a future event, or one that\n"
	        "has an outcome logged.\n",
	.flags = CMD_NEEDS_DB,
	.run = skip_run,
};
