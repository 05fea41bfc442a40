/*
 * cmd_edit.c: `worthit edit ID field=value...`: correct any fact of an
 * invitation, by the names of the JSON format (invite_fact.h). Every
 * bad assignment is reported (exit 65, 64 for an unknown field) and
 * nothing is written; otherwise one transaction and one journal step,
 * so `worthit undo` takes the whole edit back. Edited facts are the
 * user's from then on: a later import of the same invitation keeps them.
 */
#include "worthit/app_facts.h"
#include "worthit/cli_score_report.h"
#include "worthit/cmd.h"
#include "worthit/db_invite.h"

#include <stdlib.h>

extern const struct cmd_entry cmd_edit_entry;

struct edit_report {
	struct app_ctx *ctx;
	int code;
};

static void report_bad(void *arg, enum wit_status st, const char *msg)
{
	struct edit_report *r = arg;
	int code = cmd_error(r->ctx, st, "%s", msg);
	if (r->code == 0 || st == WIT_USAGE)
		r->code = code;
}

static void print_changes(struct app_ctx *ctx, const struct invitation *inv,
                          const bool edited[FACT_COUNT])
{
	struct when_zone zone;
	app_facts_edit_ctx(ctx, &zone);
	char value[256];
	const char *sep = ": ";
	for (int f = 0; f < FACT_COUNT; f++) {
		if (!edited[f])
			continue;
		invite_fact_format(inv, (enum invite_fact)f, &zone, value, sizeof value);
		fprintf(ctx->out, "%s%s %s", sep, invite_fact_name((enum invite_fact)f),
		        value[0] ? value : "(none)");
		sep = ", ";
	}
}

static int edit_run(struct app_ctx *ctx, int argc, char **argv)
{
	if (cmd_wants_help(argc, argv))
		return cmd_print_help(ctx, &cmd_edit_entry);
	if (argc < 3)
		return cmd_usage(ctx, &cmd_edit_entry);
	int64_t id;
	char *why = NULL;
	enum wit_status st = cmd_parse_id(argv[1], &id, &why);
	struct invitation inv;
	invitation_init(&inv);
	if (st == WIT_OK)
		st = db_invite_get(ctx->db, id, &inv, &why);
	if (st != WIT_OK) {
		invitation_done(&inv);
		return cmd_fail(ctx, st, why);
	}
	bool edited[FACT_COUNT] = {false};
	struct edit_report r = {ctx, 0};
	st = app_facts_apply(ctx, &inv, argv + 2, argc - 2, edited, report_bad, &r);
	if (st != WIT_OK) {
		cmd_error(ctx, st, "nothing changed");
		invitation_done(&inv);
		return r.code;
	}
	st = app_facts_save(ctx, &inv, edited, &why);
	if (st != WIT_OK) {
		invitation_done(&inv);
		return cmd_fail(ctx, st, why);
	}
	fprintf(ctx->out, "edited #%lld %s", (long long)id, inv.title ? inv.title : "");
	print_changes(ctx, &inv, edited);
	char line[96];
	if (cli_score_report_line(ctx, id, line, sizeof line, &why) == WIT_OK)
		fprintf(ctx->out, "; now %s", line);
	free(why);
	fputs("\n", ctx->out);
	invitation_done(&inv);
	return 0;
}

const struct cmd_entry cmd_edit_entry = {
	.name = "edit",
	.usage = "edit ID field=value...",
	.summary = "correct facts of an invitation (travel, ticket, attendance, audience, ...)",
	.help = "Fields are those of the JSON invitation format (docs/formats.md):\n"
	        "  title kind starts_at ends_at duration location reach virtual travel_min\n"
	        "  prep_min ticket currency expected_attendance audience speaking\n"
	        "  speaking_fee attendees organizer description url\n"
	        "(aliases: start end travel prep attendance fee people). Examples:\n"
	        "  worthit edit 12 travel_min=25 ticket=45 currency=EUR\n"
	        "  worthit edit 12 audience=industry:legal:0.3,role:partner:0.5\n"
	        "  worthit edit 12 start='fri 7:30am' duration=1h30 attendees='Ana <ana@x.org>'\n"
	        "Dates take every form of --from (today, fri 7am, +3d, 2026-03-12 07:30, ISO\n"
	        "8601); money is in the invitation's currency, else yours. All or nothing: a\n"
	        "bad value exits 65 (an unknown field 64) with nothing written. One edit is one\n"
	        "step of 'worthit undo'. What you edit is yours: a later import of the same\n"
	        "invitation keeps it; 'worthit show' marks it \"(you)\".\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = edit_run,
};
