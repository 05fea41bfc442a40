/*
 * cmd_why.c: `worthit why A B`: why invitation A ranks above (or
 * below) B, component by component, the largest differences in points
 * first, each with both explanations; --json prints one object.
 */
#include "worthit/cmd.h"
#include "worthit/rank.h"
#include "worthit/cli_score_report.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_why_entry;

static void print_text(struct app_ctx *ctx, const struct score_batch *b, size_t a, size_t c,
                       const struct rank_diff *d, size_t n, bool a_first)
{
	const struct invitation *ia = &b->invs.items[a], *ib = &b->invs.items[c];
	const struct score_result *ra = &b->res[a], *rb = &b->res[c];
	char ea[512], eb[512];
	fprintf(ctx->out, "A #%lld %s: %.1f (%s)\n", (long long)ia->id, ia->title ? ia->title : "",
	        ra->total, score_verdict_name(ra->verdict));
	fprintf(ctx->out, "B #%lld %s: %.1f (%s)\n", (long long)ib->id, ib->title ? ib->title : "",
	        rb->total, score_verdict_name(rb->verdict));
	double diff = ra->total - rb->total;
	if (diff != 0.0)
		fprintf(ctx->out, "A ranks %s B by %.1f points:\n", a_first ? "above" : "below",
		        fabs(diff));
	else
		fprintf(ctx->out, "Equal scores: A ranks %s B by %s.\n", a_first ? "above" : "below",
		        ia->starts_at != ib->starts_at ? "start time" : "id");
	if (ra->gate != GATE_NONE) {
		score_explain(ra, ia, &b->ctx[a], ctx->cfg, SCORE_EXPLAIN_GATE, ea, sizeof ea);
		fprintf(ctx->out, "  ! A is skip whatever its score: %s\n", ea);
	}
	if (rb->gate != GATE_NONE) {
		score_explain(rb, ib, &b->ctx[c], ctx->cfg, SCORE_EXPLAIN_GATE, eb, sizeof eb);
		fprintf(ctx->out, "  ! B is skip whatever its score: %s\n", eb);
	}
	for (size_t k = 0; k < n; k++) {
		enum score_component comp = d[k].component;
		score_explain(ra, ia, &b->ctx[a], ctx->cfg, comp, ea, sizeof ea);
		score_explain(rb, ib, &b->ctx[c], ctx->cfg, comp, eb, sizeof eb);
		if (score_component_is_cost(comp))
			fprintf(ctx->out, "  %6s  %s\n          A: %s\n          B: %s\n", "cost",
			        score_component_label(comp), ea, eb);
		else
			fprintf(ctx->out, "  %+6.1f  %s\n          A: %s\n          B: %s\n",
			        d[k].delta, score_component_label(comp), ea, eb);
	}
	if (n == 0)
		fprintf(ctx->out, "  no component differs\n");
}

static void print_json(struct app_ctx *ctx, const struct score_batch *b, size_t a, size_t c,
                       const struct rank_diff *d, size_t n, bool a_first)
{
	char e[512];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "a", (double)b->invs.items[a].id);
	cJSON_AddNumberToObject(o, "b", (double)b->invs.items[c].id);
	cJSON_AddNumberToObject(o, "a_score", round(b->res[a].total * 100) / 100);
	cJSON_AddNumberToObject(o, "b_score", round(b->res[c].total * 100) / 100);
	cJSON_AddBoolToObject(o, "a_ranks_above", a_first);
	cJSON *arr = cJSON_AddArrayToObject(o, "differences");
	for (size_t k = 0; k < n; k++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "name", score_component_name(d[k].component));
		cJSON_AddNumberToObject(x, "delta", round(d[k].delta * 100) / 100);
		score_explain(&b->res[a], &b->invs.items[a], &b->ctx[a], ctx->cfg, d[k].component, e,
		              sizeof e);
		cJSON_AddStringToObject(x, "a", e);
		score_explain(&b->res[c], &b->invs.items[c], &b->ctx[c], ctx->cfg, d[k].component, e,
		              sizeof e);
		cJSON_AddStringToObject(x, "b", e);
		cJSON_AddItemToArray(arr, x);
	}
	cmd_print_json(ctx->out, o);
}

static int why_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'j')
			return cmd_usage(ctx, &cmd_why_entry);
		json = true;
	}
	if (argc - optind != 2)
		return cmd_usage(ctx, &cmd_why_entry);
	int64_t ids[2];
	char *why = NULL;
	for (int i = 0; i < 2; i++) {
		enum wit_status st = cmd_parse_id(argv[optind + i], &ids[i], &why);
		if (st != WIT_OK) {
			return cmd_fail(ctx, st, why);
		}
	}
	struct score_batch b;
	int code = 0;
	enum wit_status st = cli_score_report_load(ctx, ids, 2, &b, &why);
	if (st != WIT_OK) {
		code = cmd_fail(ctx, st, why);
		why = NULL;
	} else {
		struct rank_item ra = { b.res[0].total, b.invs.items[0].starts_at, ids[0], 0 };
		struct rank_item rb = { b.res[1].total, b.invs.items[1].starts_at, ids[1], 1 };
		bool a_first = rank_compare(&ra, &rb) <= 0;
		struct rank_diff d[SC_COUNT];
		size_t n = rank_why(&b.res[0], &b.res[1], d);
		if (json)
			print_json(ctx, &b, 0, 1, d, n, a_first);
		else
			print_text(ctx, &b, 0, 1, d, n, a_first);
	}
	free(why);
	cli_score_report_done(&b);
	return code;
}

const struct cmd_entry cmd_why_entry = {
	.name = "why",
	.usage = "why [--json] A B",
	.summary = "explain why invitation A ranks above or below B",
	.help = "Lists the terms whose points differ, largest difference first,\n"
	        "each with both invitations' explanations, then the cost terms that\n"
	        "differ (they earn no points: they set what the points are worth).\n"
	        "The differences add up to the difference of the scores (within\n"
	        "rounding).\n"
	        "  --json   one object: a, b, a_score, b_score, a_ranks_above,\n"
	        "           differences [{name, delta, a, b}]\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = why_run,
};
