/*
 * cli_score_report.c: the CLI's view of scores (see cli_score_report.h). It
 * loads invitations through db_invite, contexts through app_score.c and
 * app_score, ranks with rank.h and formats with cJSON and stdio. The
 * numbers printed are rounded for reading (score and points to 2
 * decimals in JSON, 1 in text), so they add up within rounding; the
 * cost terms print "cost" for points (they set the denominator).
 */
#include "worthit/app_score.h"
#include "worthit/cli_score_report.h"
#include "worthit/clock.h"
#include "worthit/db_invite.h"
#include "worthit/invite_json.h"
#include "worthit/rank.h"

#include "worthit/text.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static enum wit_status load_invitations(struct app_ctx *ctx, const int64_t *ids, size_t n_ids,
                                        struct invitation_list *l, char **why)
{
	if (n_ids == 0) {
		struct invite_filter f = { .from = ctx->now, .order = ORDER_START };
		return db_invite_list(ctx->db, &f, l, why);
	}
	for (size_t i = 0; i < n_ids; i++) {
		struct invitation *inv = invitation_list_push(l);
		enum wit_status st = db_invite_get(ctx->db, ids[i], inv, why);
		if (st != WIT_OK)
			return st == WIT_NOTFOUND
			               ? wit_fail(why, st, "no invitation %lld", (long long)ids[i])
			               : st;
	}
	return WIT_OK;
}

enum wit_status cli_score_report_load(struct app_ctx *ctx, const int64_t *ids, size_t n_ids,
                                  struct score_batch *b, char **why)
{
	memset(b, 0, sizeof *b);
	invitation_list_init(&b->invs);
	enum wit_status st = load_invitations(ctx, ids, n_ids, &b->invs, why);
	if (st != WIT_OK)
		return st;
	size_t n = b->invs.len;
	b->ctx = xcalloc(n + 1, sizeof *b->ctx);
	b->res = xcalloc(n + 1, sizeof *b->res);
	b->order = xcalloc(n + 1, sizeof *b->order);
	st = app_score_all_enriched(ctx->db, ctx->cfg, ctx->now, b->invs.items, n, b->ctx, b->res,
	                         why);
	if (st != WIT_OK)
		return st;
	struct rank_item *items = xcalloc(n + 1, sizeof *items);
	struct rank_item *tmp = xcalloc(n + 1, sizeof *tmp);
	for (size_t i = 0; i < n; i++)
		items[i] = (struct rank_item){ b->res[i].total, b->invs.items[i].starts_at,
			                       b->invs.items[i].id, i };
	rank_sort(items, n, tmp);
	for (size_t i = 0; i < n; i++)
		b->order[i] = items[i].index;
	free(items);
	free(tmp);
	return WIT_OK;
}

void cli_score_report_done(struct score_batch *b)
{
	invitation_list_done(&b->invs);
	free(b->ctx);
	free(b->res);
	free(b->order);
	memset(b, 0, sizeof *b);
}

enum wit_status cli_score_report_line(struct app_ctx *ctx, int64_t id, char *buf, size_t len,
                                      char **why)
{
	struct score_batch b;
	enum wit_status st = cli_score_report_load(ctx, &id, 1, &b, why);
	if (st == WIT_OK && b.invs.len == 1)
		snprintf(buf, len, "score %.1f (%s)", b.res[0].total,
		         score_verdict_name(b.res[0].verdict));
	cli_score_report_done(&b);
	return st;
}

static double round_to(double x, int decimals)
{
	double p = pow(10.0, decimals);
	return round(x * p) / p;
}

static const char *currency(const struct wit_config *cfg)
{
	return cfg->currency[0] != '\0' ? cfg->currency : "";
}

char *cli_score_report_json(const struct score_batch *b, size_t i, const struct wit_config *cfg)
{
	const struct invitation *inv = &b->invs.items[i];
	const struct score_result *r = &b->res[i];
	char buf[512];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)inv->id);
	cJSON_AddStringToObject(o, "title", inv->title != NULL ? inv->title : "");
	if (inv->all_day)
		time_format_date(inv->starts_at, buf, sizeof buf);
	else
		time_format_utc(inv->starts_at, buf, sizeof buf);
	cJSON_AddStringToObject(o, "starts_at", buf);
	cJSON_AddNumberToObject(o, "score", round_to(r->total, 2));
	cJSON_AddStringToObject(o, "verdict", score_verdict_name(r->verdict));
	cJSON_AddBoolToObject(o, "conflict", r->has_conflict);
	if (r->gate != GATE_NONE) {
		cJSON *g = cJSON_AddObjectToObject(o, "gate");
		cJSON_AddStringToObject(g, "kind", score_gate_name(r->gate));
		score_explain(r, inv, &b->ctx[i], cfg, SCORE_EXPLAIN_GATE, buf, sizeof buf);
		cJSON_AddStringToObject(g, "reason", buf);
	} else {
		cJSON_AddNullToObject(o, "gate");
	}
	cJSON_AddNumberToObject(o, "prospects", round_to(r->prospects, 2));
	cJSON *cost = cJSON_AddObjectToObject(o, "cost");
	cJSON_AddNumberToObject(cost, "hours", round_to(r->hours, 2));
	cJSON_AddRawToObject(cost, "money",
	                     invite_json_money_format(r->cost_minor, currency(cfg), buf, sizeof buf));
	cJSON_AddStringToObject(cost, "currency", currency(cfg));
	cJSON_AddRawToObject(cost, "net_money", invite_json_money_format(r->net_cost_minor,
	                                                                 currency(cfg), buf,
	                                                                 sizeof buf));
	double unit = pow(10.0, invite_json_currency_exponent(currency(cfg)));
	double rate = (double)r->rate_minor;
	cJSON_AddNumberToObject(o, "value", round_to(r->value * rate, 0) / unit);
	cJSON_AddNumberToObject(o, "ratio", round_to(r->ratio, 2));
	cJSON_AddNumberToObject(o, "value_per_hour",
	                        r->hours > 0 ? round_to(r->value * rate / r->hours, 0) / unit : 0);
	cJSON *arr = cJSON_AddArrayToObject(o, "components");
	for (int c = 0; c < SC_COUNT; c++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "name", score_component_name(c));
		cJSON_AddNumberToObject(e, "raw", round_to(r->part[c].raw, 4));
		cJSON_AddNumberToObject(e, "weight", r->part[c].weight);
		cJSON_AddNumberToObject(e, "contribution", round_to(r->part[c].contribution, 2));
		score_explain(r, inv, &b->ctx[i], cfg, c, buf, sizeof buf);
		cJSON_AddStringToObject(e, "explanation", buf);
		cJSON_AddItemToArray(arr, e);
	}
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char *line = xstrdup(text);
	cJSON_free(text);
	return line;
}

void cli_score_report_breakdown(FILE *out, const struct score_batch *b, size_t i,
                            const struct wit_config *cfg)
{
	const struct invitation *inv = &b->invs.items[i];
	const struct score_result *r = &b->res[i];
	char buf[512], label[32];
	fprintf(out, "Score        %.1f (%s)\n", r->total, score_verdict_name(r->verdict));
	if (r->gate != GATE_NONE) {
		score_explain(r, inv, &b->ctx[i], cfg, SCORE_EXPLAIN_GATE, buf, sizeof buf);
		fprintf(out, "Gate         skip: %s\n", buf);
	}
	score_explain(r, inv, &b->ctx[i], cfg, SCORE_EXPLAIN_SUMMARY, buf, sizeof buf);
	fprintf(out, "Summary      %s\n", buf);
	fprintf(out, "  %-16s %6s %6s  %s\n", "TERM", "WEIGHT", "POINTS", "WHY");
	for (int c = 0; c < SC_COUNT; c++) {
		score_explain(r, inv, &b->ctx[i], cfg, c, buf, sizeof buf);
		text_fit(score_component_label(c), 16, label, sizeof label);
		if (score_component_is_cost(c))
			fprintf(out, "  %s %6.2g %6s  %s\n", label, r->part[c].weight, "cost", buf);
		else
			fprintf(out, "  %s %6.2g %6.1f  %s\n", label, r->part[c].weight,
			        r->part[c].contribution, buf);
	}
}
