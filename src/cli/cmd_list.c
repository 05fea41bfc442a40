/*
 * cmd_list.c: `worthit list`: invitations in date order, as an aligned
 * table in local time (fits 80 columns) or as JSON Lines with --json
 * (one invite_json_object per line). Without --status and --from it
 * lists what is still to decide: pending and maybe, from now on. Each
 * row carries its score and verdict under the weights in effect (so the
 * global --weights gives a one-off what-if here too); JSON adds "score"
 * and "verdict" members.
 */
#include "worthit/app_score.h"
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/datefmt.h"
#include "worthit/db_invite.h"
#include "worthit/invite_json.h"

#include "worthit/xmalloc.h"
#include "worthit/text.h"
#include "worthit/timeutil.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct list_opts {
	bool json;
	struct invite_filter filter;
};

static int parse_opts(struct app_ctx *ctx, int argc, char **argv, struct list_opts *o)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{"status", required_argument, NULL, 's'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	extern const struct cmd_entry cmd_list_entry;
	char *why = NULL;
	bool from_given = false;
	enum wit_status st = WIT_OK;
	int c;
	while (st == WIT_OK && (c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': o->json = true; break;
		case 's': st = cmd_parse_status_mask(optarg, &o->filter.status_mask, &why); break;
		case 'f':
			st = clock_parse_user_date(optarg, ctx->now, &o->filter.from, &why);
			from_given = true;
			break;
		case 't': st = clock_parse_user_date_end(optarg, ctx->now, &o->filter.to, &why); break;
		default: return cmd_usage(ctx, &cmd_list_entry);
		}
	}
	if (st != WIT_OK) {
		return cmd_fail(ctx, st, why);
	}
	if (optind < argc) {
		cmd_error(ctx, WIT_USAGE, "unexpected argument '%s'", argv[optind]);
		return cmd_usage(ctx, &cmd_list_entry);
	}
	if (!from_given && o->filter.status_mask == 0)
		o->filter.from = ctx->now;
	return 0;
}

static void print_table(struct app_ctx *ctx, const struct invitation_list *l,
                        const struct score_result *res)
{
	char when[32], title[160], kind[16];
	fprintf(ctx->out, "%5s  %-19s  %-10s  %-9s  %5s  %s\n", "ID", "WHEN", "KIND", "STATUS",
	        "SCORE", "TITLE");
	for (size_t i = 0; i < l->len; i++) {
		const struct invitation *inv = &l->items[i];
		/* the dashboard's date style (datefmt.h): all-day events as dates */
		struct datefmt_event ev = { inv->starts_at, inv->ends_at, inv->all_day,
			                    clock_local_offset(inv->starts_at) };
		datefmt_when(&ev, DATEFMT_FULL, datefmt_year(ctx->now, clock_local_offset(ctx->now)),
		             false, when, sizeof when);
		text_fit(invite_kind_name(inv->kind), 10, kind, sizeof kind);
		text_fit(inv->title ? inv->title : "", 80 - 59, title, sizeof title);
		fprintf(ctx->out, "%5lld  %-19s  %s  %-9s  %5.1f  %s\n", (long long)inv->id, when,
		        kind, invite_status_name(inv->status), res[i].total, title);
	}
	if (l->len == 0)
		fprintf(ctx->out, "(no invitations match; try --status all)\n");
}

/* The invitation's JSON object with its score and verdict. Caller frees. */
static char *json_with_score(const struct invitation *inv, const struct score_result *r)
{
	char *base = invite_json_object(inv);
	cJSON *obj = cJSON_Parse(base);
	if (obj == NULL)
		return base;
	cJSON_AddNumberToObject(obj, "score", round(r->total * 100) / 100); /* as score --json */
	cJSON_AddStringToObject(obj, "verdict", score_verdict_name(r->verdict));
	char *text = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	free(base);
	char *line = xstrdup(text);
	cJSON_free(text);
	return line;
}

static int list_run(struct app_ctx *ctx, int argc, char **argv)
{
	struct list_opts o = {0};
	int code = parse_opts(ctx, argc, argv, &o);
	if (code != 0)
		return code;
	struct invitation_list l;
	invitation_list_init(&l);
	char *why = NULL;
	enum wit_status st = db_invite_list(ctx->db, &o.filter, &l, &why);
	struct score_context *sctx = xcalloc(l.len + 1, sizeof *sctx);
	struct score_result *res = xcalloc(l.len + 1, sizeof *res);
	if (st == WIT_OK)
		st = app_score_all_enriched(ctx->db, ctx->cfg, ctx->now, l.items, l.len, sctx, res, &why);
	if (st != WIT_OK) {
		code = cmd_fail(ctx, st, why);
		why = NULL;
	} else if (o.json) {
		for (size_t i = 0; i < l.len; i++) {
			char *line = json_with_score(&l.items[i], &res[i]);
			fprintf(ctx->out, "%s\n", line);
			free(line);
		}
	} else {
		print_table(ctx, &l, res);
	}
	free(sctx);
	free(res);
	free(why);
	invitation_list_done(&l);
	return code;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.usage = "list [--json] [--status S[,S...]|all] [--from DATE] [--to DATE]",
	.summary = "list invitations by date",
	.help = "Without options, lists pending and maybe invitations from now on.\n"
	        "  --json       one JSON object per line (JSON Lines)\n"
	        "  --status S   pending, accepted, declined, maybe, attended, skipped,\n"
	        "               cancelled, a comma-separated list, or all\n"
	        "  --from DATE  starting on or after DATE (2026-03-12, today, fri, +3d, -30d, ISO 8601...)\n"
	        "  --to DATE    starting before DATE\n",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_CONFIG,
	.run = list_run,
};
