/*
 * cmd_show.c: `worthit show ID`: one invitation in full: when (local
 * time and original zone), where, cost inputs, audience shares and
 * status, then the score breakdown component by component. With --json
 * the object `list --json` prints plus a "scoring" member holding what
 * `score --json` prints for it.
 */
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/db_invite.h"
#include "worthit/invite_json.h"
#include "worthit/cli_score_report.h"
#include "worthit/xmalloc.h"
#include "worthit/timeutil.h"

#include <cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void field(struct cmd_ctx *ctx, const char *label, const char *value)
{
	if (value != NULL && *value != '\0')
		fprintf(ctx->out, "%-12s %s\n", label, value);
}

static void print_when(struct cmd_ctx *ctx, const struct invitation *inv)
{
	char a[64], b[64], line[160];
	if (inv->all_day) {
		time_format_date(inv->starts_at, a, sizeof a);
		time_format_date(inv->ends_at - DAY_SEC, b, sizeof b);
		snprintf(line, sizeof line, strcmp(a, b) ? "%s to %s (all day)" : "%s (all day)", a, b);
	} else {
		clock_format_local(inv->starts_at, "%a %d %b %Y %H:%M", a, sizeof a);
		clock_format_local(inv->ends_at, "%H:%M %Z", b, sizeof b);
		snprintf(line, sizeof line, "%s - %s (%d min)", a, b, invitation_duration_min(inv));
	}
	field(ctx, "When", line);
	if (inv->tzid != NULL)
		field(ctx, "Time zone", inv->tzid);
}

static void print_costs(struct cmd_ctx *ctx, const struct invitation *inv)
{
	char line[128], money[32];
	snprintf(line, sizeof line, "%s, %d min each way, %d min preparation",
	         invite_reach_name(inv->reach), inv->travel_min, inv->prep_min);
	field(ctx, "Travel", line);
	if (inv->ticket_minor > 0) {
		invite_json_money_format(inv->ticket_minor, inv->currency, money, sizeof money);
		snprintf(line, sizeof line, "%s %s", money, inv->currency);
		field(ctx, "Ticket", line);
	}
	if (inv->expected_attendance > 0) {
		snprintf(line, sizeof line, "%d people", inv->expected_attendance);
		field(ctx, "Attendance", line);
	}
	if (inv->is_speaking) {
		invite_json_money_format(inv->speaking_fee_minor, inv->currency, money, sizeof money);
		snprintf(line, sizeof line, inv->speaking_fee_minor > 0 ? "yes, fee %s %s" : "yes",
		         money, inv->currency);
		field(ctx, "Speaking", line);
	}
}

static void print_audience(struct cmd_ctx *ctx, const struct invitation *inv)
{
	if (inv->n_shares == 0)
		return;
	fprintf(ctx->out, "Audience\n");
	for (size_t i = 0; i < inv->n_shares; i++) {
		const struct audience_share *sh = &inv->shares[i];
		fprintf(ctx->out, "  %-13s %-20s %3.0f %%%s\n", audience_dim_name(sh->dim), sh->value,
		        sh->share * 100.0, sh->is_second_degree ? "  (know buyers)" : "");
	}
}

static void print_human(struct cmd_ctx *ctx, const struct invitation *inv)
{
	char id[32];
	snprintf(id, sizeof id, "%lld", (long long)inv->id);
	fprintf(ctx->out, "%s\n", inv->title ? inv->title : "(untitled)");
	field(ctx, "Id", id);
	field(ctx, "Status", invite_status_name(inv->status));
	field(ctx, "Kind", invite_kind_name(inv->kind));
	field(ctx, "Organizer", inv->organizer);
	print_when(ctx, inv);
	field(ctx, "Location", inv->location);
	print_costs(ctx, inv);
	field(ctx, "Categories", inv->categories);
	field(ctx, "URL", inv->url);
	field(ctx, "Source", inv->source_file);
	print_audience(ctx, inv);
	if (inv->description != NULL && *inv->description != '\0')
		fprintf(ctx->out, "\n%s\n", inv->description);
}

/* The invitation's JSON object with the score's object as "scoring".
 * Caller frees. */
static char *json_with_score(const struct invitation *inv, const char *score_json)
{
	char *base = invite_json_object(inv);
	cJSON *obj = cJSON_Parse(base);
	cJSON *score = score_json ? cJSON_Parse(score_json) : NULL;
	if (obj == NULL || score == NULL) {
		cJSON_Delete(obj);
		cJSON_Delete(score);
		return base;
	}
	cJSON_AddItemToObject(obj, "scoring", score);
	char *text = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	free(base);
	char *line = xstrdup(text);
	cJSON_free(text);
	return line;
}

static int print_scored(struct cmd_ctx *ctx, int64_t id, bool json)
{
	struct score_batch b;
	char *why = NULL;
	enum wit_status st = cli_score_report_load(ctx, &id, 1, &b, &why);
	int code = 0;
	if (st != WIT_OK) {
		code = cmd_fail(ctx, st, why);
		why = NULL;
	} else if (json) {
		char *score = cli_score_report_json(&b, 0, ctx->cfg);
		char *line = json_with_score(&b.invs.items[0], score);
		fprintf(ctx->out, "%s\n", line);
		free(line);
		free(score);
	} else {
		print_human(ctx, &b.invs.items[0]);
		fputc('\n', ctx->out);
		cli_score_report_breakdown(ctx->out, &b, 0, ctx->cfg);
	}
	cli_score_report_done(&b);
	free(why);
	return code;
}

static int show_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	extern const struct cmd_entry cmd_show_entry;
	bool json = false;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'j')
			return cmd_usage(ctx, &cmd_show_entry);
		json = true;
	}
	if (optind + 1 != argc)
		return cmd_usage(ctx, &cmd_show_entry);
	char *why = NULL;
	int64_t id;
	enum wit_status st = cmd_parse_id(argv[optind], &id, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	return print_scored(ctx, id, json);
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "show [--json] ID",
	.summary = "show one invitation in full",
	.help = "  --json   the invitation as one JSON object (as in list --json)\n",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_CONFIG,
	.run = show_run,
};
