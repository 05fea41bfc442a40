/*
 * cmd_score.c: `worthit score [--json] [--limit N] [ID...]`: pending
 * and maybe invitations from now on (or the given ones), ranked by
 * score, each with its verdict, score, cost and top reasons; --json
 * prints one cli_score_report_json object per line, in rank order.
 */
#include "worthit/clock.h"
#include "worthit/datefmt.h"
#include "worthit/cmd.h"
#include "worthit/rank.h"
#include "worthit/cli_score_report.h"
#include "worthit/text.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_score_entry;

#define TOP_REASONS 3

struct score_opts {
	bool json;
	long limit; /* 0 = all */
	int64_t *ids;
	size_t n_ids;
};

static int parse_opts(struct app_ctx *ctx, int argc, char **argv, struct score_opts *o)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'j': o->json = true; break;
		case 'n':
			errno = 0;
			o->limit = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg || o->limit < 1)
				return cmd_error(ctx, WIT_USAGE, "--limit: '%s' is not a positive number",
				                 optarg);
			break;
		default: return cmd_usage(ctx, &cmd_score_entry);
		}
	}
	o->ids = xcalloc((size_t)(argc - optind) + 1, sizeof *o->ids);
	for (int i = optind; i < argc; i++) {
		char *why = NULL;
		enum wit_status st = cmd_parse_id(argv[i], &o->ids[o->n_ids++], &why);
		if (st != WIT_OK) {
			return cmd_fail(ctx, st, why);
		}
	}
	return 0;
}

/* The table's 16 columns: an all-day event as its date in datefmt's
 * style ("09 Apr, all day", a span "09-11 Apr"), never a local midnight. */
static void print_when(const struct invitation *inv, int64_t now, char *buf, size_t len)
{
	if (inv->all_day) {
		struct datefmt_event ev = { inv->starts_at, inv->ends_at, true, 0 };
		datefmt_when(&ev, DATEFMT_TIME, datefmt_year(now, clock_local_offset(now)), false, buf,
		             len);
	} else {
		clock_format_local(inv->starts_at, "%a %d %b %H:%M", buf, len);
	}
}

static void print_row(struct app_ctx *ctx, const struct score_batch *b, size_t rank, size_t i)
{
	const struct invitation *inv = &b->invs.items[i];
	const struct score_result *r = &b->res[i];
	char when[32], title[160], money[32], cost[48], line[512];
	print_when(inv, ctx->now, when, sizeof when);
	score_format_money(r->cost_minor, ctx->cfg->currency, money, sizeof money);
	snprintf(cost, sizeof cost, "%.1f h %s", r->hours, money);
	text_fit(inv->title != NULL ? inv->title : "", 28, title, sizeof title);
	fprintf(ctx->out, "%3zu %5lld %5.1f %-5s %-16s %-17s %s\n", rank, (long long)inv->id,
	        r->total, score_verdict_name(r->verdict), when, cost, title);
	struct rank_diff why[SC_COUNT];
	size_t n = rank_reasons(r, &ctx->cfg->score, why);
	if (r->gate != GATE_NONE) { /* the reason that decides, whatever its points */
		score_explain(r, inv, &b->ctx[i], ctx->cfg, SCORE_EXPLAIN_GATE, line, sizeof line);
		fprintf(ctx->out, "%15s ! %s\n", "", line);
	}
	for (size_t k = 0; k < n && k < TOP_REASONS; k++) {
		score_explain(r, inv, &b->ctx[i], ctx->cfg, why[k].component, line, sizeof line);
		fprintf(ctx->out, "%15s %s %s\n", "", why[k].delta >= 0 ? "+" : "-", line);
	}
}

static int score_run(struct app_ctx *ctx, int argc, char **argv)
{
	struct score_opts o = { 0 };
	int code = parse_opts(ctx, argc, argv, &o);
	if (code != 0) {
		free(o.ids);
		return code;
	}
	struct score_batch b;
	char *why = NULL;
	enum wit_status st = cli_score_report_load(ctx, o.ids, o.n_ids, &b, &why);
	if (st != WIT_OK) {
		code = cmd_fail(ctx, st, why);
		why = NULL;
	} else {
		size_t n = b.invs.len;
		if (o.limit > 0 && (size_t)o.limit < n)
			n = (size_t)o.limit;
		if (!o.json)
			fprintf(ctx->out, "%3s %5s %5s %-5s %-16s %-17s %s\n", "#", "ID", "SCORE", "VERD.",
			        "WHEN", "COST", "TITLE");
		for (size_t k = 0; k < n; k++) {
			if (o.json) {
				char *line = cli_score_report_json(&b, b.order[k], ctx->cfg);
				fprintf(ctx->out, "%s\n", line);
				free(line);
			} else {
				print_row(ctx, &b, k + 1, b.order[k]);
			}
		}
		if (!o.json && b.invs.len == 0)
			fprintf(ctx->out, "(nothing pending from now on; `worthit import FILE` adds "
			                  "invitations)\n");
	}
	free(why);
	cli_score_report_done(&b);
	free(o.ids);
	return code;
}

const struct cmd_entry cmd_score_entry = {
	.name = "score",
	.usage = "score [--json] [--limit N] [ID...]",
	.summary = "rank invitations by score, with the reasons",
	.help = "Without IDs, ranks the pending and maybe invitations from now on.\n"
	        "Each row shows the verdict (go, maybe, skip), the score 0-100, the\n"
	        "cost in hours and money, and the reasons that weigh most (+ lifts,\n"
	        "- drags, ! a gate: a clash with an accepted or busy event, or a\n"
	        "blocked hour, which makes it skip). docs/scoring.md has\n"
	        "the formulas; `worthit weights` the knobs; --weights N=V,... tries\n"
	        "other values for one run.\n"
	        "  --json      one JSON object per line, in rank order\n"
	        "  --limit N   the N best only\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = score_run,
};
