/*
 * cmd_plan.c: `worthit plan [MONTH] [--json]`: of the month's pending
 * invitations, the set that brings the most value net of its cost within
 * the networking band without clashes (plan.h, exact), and why each of
 * the others is left out. It scores through cli_score_report (the same
 * numbers as `worthit score`), reads the month's committed hours from
 * app_score.c and prints; it decides nothing (the dashboard's plan
 * accepts through the journal).
 */
#include "worthit/app_score.h"
#include "worthit/cli_score_report.h"
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/invite_json.h"
#include "worthit/plan.h"
#include "worthit/text.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_plan_entry;

struct month_plan {
	struct score_batch b;
	struct app_month month;
	int year, mon;
	double committed;
	size_t *pick;            /* indices into b of the month's invitations */
	size_t n;
	struct plan_item *items; /* n of them */
	struct plan_result r;
};

/* "2026-03" into the local month holding its 15th. */
static bool parse_month(const char *s, int *y, int *m)
{
	char tail;
	return sscanf(s, "%4d-%2d%c", y, m, &tail) == 2 && strlen(s) == 7 && *y >= 1970 &&
	       *y <= 9999 && *m >= 1 && *m <= 12;
}

static int64_t buffer_sec(const struct invitation *inv)
{
	int travel = inv->reach == REACH_VIRTUAL || inv->travel_min < 0 ? 0 : inv->travel_min;
	return (int64_t)(travel + (inv->prep_min > 0 ? inv->prep_min : 0)) * 60;
}

static enum wit_status committed_hours(struct cmd_ctx *ctx, struct month_plan *p, char **why)
{
	struct app_span span = { .full_from = p->month.start, .from = p->month.start - 7 * DAY_SEC,
		                 .to = p->month.next, .busy_after = INT64_MAX };
	struct app_committed c;
	enum wit_status st = app_score_committed_load(ctx->db, &span, &c, why);
	p->committed = app_score_committed_hours(&c, p->month.start, p->month.next, 0);
	app_score_committed_done(&c);
	return st;
}

static enum wit_status make_plan(struct cmd_ctx *ctx, struct month_plan *p, char **why)
{
	enum wit_status st = cli_score_report_load(ctx, NULL, 0, &p->b, why);
	if (st == WIT_OK)
		st = committed_hours(ctx, p, why);
	if (st != WIT_OK)
		return st;
	size_t n = p->b.invs.len;
	p->pick = xcalloc(n + 1, sizeof *p->pick);
	p->items = xcalloc(n + 1, sizeof *p->items);
	for (size_t k = 0; k < n; k++) {
		size_t i = p->b.order[k]; /* best first, as `score` ranks */
		const struct invitation *inv = &p->b.invs.items[i];
		const struct score_result *r = &p->b.res[i];
		if (inv->starts_at < p->month.start || inv->starts_at >= p->month.next)
			continue;
		double rate = (double)r->rate_minor;
		p->items[p->n] = (struct plan_item){
			inv->id, inv->starts_at - buffer_sec(inv), inv->ends_at + buffer_sec(inv),
			r->hours, r->value * rate, r->cost_side * rate, r->gate != GATE_NONE,
		};
		p->pick[p->n++] = i;
	}
	plan_make(p->items, p->n, p->committed, ctx->cfg->budget_min_hours,
	          ctx->cfg->budget_max_hours, &p->r);
	return WIT_OK;
}

/* Why item k was left out, in words. */
static void why_left_out(struct cmd_ctx *ctx, const struct month_plan *p, size_t k, char *buf,
                         size_t len)
{
	size_t i = p->pick[k];
	const struct score_result *r = &p->b.res[i];
	char line[400];
	switch (p->r.reason[k]) {
	case PLAN_GATED:
		score_explain(r, &p->b.invs.items[i], &p->b.ctx[i], ctx->cfg, SCORE_EXPLAIN_GATE, line,
		              sizeof line);
		snprintf(buf, len, "skip: %s", line);
		break;
	case PLAN_NOT_WORTH:
		snprintf(buf, len, "worth less than it costs (%.1f× its cost, score %.0f)", r->ratio,
		         r->total);
		break;
	case PLAN_CLASH:
		snprintf(buf, len, "clashes with #%lld, chosen", (long long)p->r.clash_with[k]);
		break;
	case PLAN_OVER_BAND:
		snprintf(buf, len, "no room left: its %.2f h would bring the month to %.2f h, past "
		         "the band's %g h", r->hours, p->committed + p->r.hours + r->hours,
		         ctx->cfg->budget_max_hours);
		break;
	case PLAN_CHOSEN: buf[0] = '\0'; break;
	}
}

static const char *cur(const struct cmd_ctx *ctx)
{
	return ctx->cfg->currency;
}

/* An estimate in minor units, rounded to whole currency units. */
static int64_t whole(const struct cmd_ctx *ctx, double minor)
{
	double unit = pow(10.0, invite_json_currency_exponent(cur(ctx)));
	return (int64_t)llround(minor / unit) * (int64_t)unit;
}

static void print_text(struct cmd_ctx *ctx, const struct month_plan *p)
{
	FILE *f = ctx->out;
	char m1[32], m2[32], when[32], title[64], why[480];
	double lo = ctx->cfg->budget_min_hours, hi = ctx->cfg->budget_max_hours;
	double total = p->committed + p->r.hours;
	fprintf(f, "Plan for %04d-%02d: band %g–%g h, %.2f h committed\n", p->year, p->mon, lo, hi,
	        p->committed);
	score_format_money(whole(ctx, p->r.value), cur(ctx), m1, sizeof m1);
	score_format_money(whole(ctx, p->r.value - p->r.cost), cur(ctx), m2, sizeof m2);
	fprintf(f, "These %zu fill %.2f of your %g–%g h (%.2f h with the committed) and bring ≈%s "
	           "of expected value, ≈%s more than they cost%s\n",
	        p->r.n_chosen, p->r.hours, lo, hi, total, m1, m2,
	        total < lo ? "; the month stays below its band: nothing else is worth its hours" : "");
	for (size_t k = 0; k < p->n; k++) {
		if (p->r.reason[k] != PLAN_CHOSEN)
			continue;
		const struct invitation *inv = &p->b.invs.items[p->pick[k]];
		const struct score_result *r = &p->b.res[p->pick[k]];
		clock_format_local(inv->starts_at, "%a %d %b %H:%M", when, sizeof when);
		fprintf(f, "  #%-5lld %s  %5.2f h  %-5s %3.0f  %s\n", (long long)inv->id, when, r->hours,
		        score_verdict_name(r->verdict), r->total,
		        text_fit(inv->title ? inv->title : "", 40, title, sizeof title));
	}
	size_t left = p->n - p->r.n_chosen;
	if (left > 0)
		fprintf(f, "These %zu left out:\n", left);
	for (size_t k = 0; k < p->n; k++) {
		if (p->r.reason[k] == PLAN_CHOSEN)
			continue;
		const struct invitation *inv = &p->b.invs.items[p->pick[k]];
		why_left_out(ctx, p, k, why, sizeof why);
		fprintf(f, "  #%-5lld %s: %s\n", (long long)inv->id,
		        text_fit(inv->title ? inv->title : "", 40, title, sizeof title), why);
	}
}

static double major(const struct cmd_ctx *ctx, double minor)
{
	return (double)whole(ctx, minor) / pow(10.0, invite_json_currency_exponent(cur(ctx)));
}

static void print_json(struct cmd_ctx *ctx, const struct month_plan *p)
{
	char buf[480];
	cJSON *o = cJSON_CreateObject();
	snprintf(buf, sizeof buf, "%04d-%02d", p->year, p->mon);
	cJSON_AddStringToObject(o, "month", buf);
	cJSON *band = cJSON_AddArrayToObject(o, "band");
	cJSON_AddItemToArray(band, cJSON_CreateNumber(ctx->cfg->budget_min_hours));
	cJSON_AddItemToArray(band, cJSON_CreateNumber(ctx->cfg->budget_max_hours));
	cJSON_AddNumberToObject(o, "committed", round(p->committed * 100) / 100);
	cJSON_AddNumberToObject(o, "hours", round((p->committed + p->r.hours) * 100) / 100);
	cJSON_AddNumberToObject(o, "value", major(ctx, p->r.value));
	cJSON_AddNumberToObject(o, "net", major(ctx, p->r.value - p->r.cost));
	cJSON_AddStringToObject(o, "currency", cur(ctx));
	cJSON *chosen = cJSON_AddArrayToObject(o, "chosen");
	cJSON *left = cJSON_AddArrayToObject(o, "left_out");
	for (size_t k = 0; k < p->n; k++) {
		double id = (double)p->items[k].id;
		if (p->r.reason[k] == PLAN_CHOSEN) {
			cJSON_AddItemToArray(chosen, cJSON_CreateNumber(id));
			continue;
		}
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "id", id);
		why_left_out(ctx, p, k, buf, sizeof buf);
		cJSON_AddStringToObject(e, "why", buf);
		cJSON_AddItemToArray(left, e);
	}
	char *text = cJSON_PrintUnformatted(o);
	fprintf(ctx->out, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(o);
}

static int plan_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'j')
			return cmd_usage(ctx, &cmd_plan_entry);
		json = true;
	}
	if (argc - optind > 1)
		return cmd_usage(ctx, &cmd_plan_entry);
	struct month_plan p;
	memset(&p, 0, sizeof p);
	if (optind < argc) {
		if (!parse_month(argv[optind], &p.year, &p.mon))
			return cmd_error(ctx, WIT_USAGE, "plan: '%s' is not a month such as 2026-03",
			                 argv[optind]);
		p.month = app_score_month(time_from_utc_fields(p.year, p.mon, 15, 12, 0, 0), NULL);
	} else {
		p.month = app_score_month(ctx->now, NULL);
		int d;
		int64_t local = ctx->now + clock_local_offset(ctx->now);
		time_civil_from_days(local / DAY_SEC - (local % DAY_SEC < 0), &p.year, &p.mon, &d);
	}
	char *why = NULL;
	enum wit_status st = make_plan(ctx, &p, &why);
	int code = 0;
	if (st != WIT_OK)
		code = cmd_error(ctx, st, "%s", why != NULL ? why : wit_status_name(st));
	else if (json)
		print_json(ctx, &p);
	else
		print_text(ctx, &p);
	free(why);
	plan_done(&p.r);
	free(p.items);
	free(p.pick);
	cli_score_report_done(&p.b);
	return code;
}

const struct cmd_entry cmd_plan_entry = {
	.name = "plan",
	.usage = "plan [MONTH] [--json]",
	.summary = "the month's best set of pending invitations within your band",
	.help = "MONTH is YYYY-MM (default: this month). Of the month's pending\n"
	        "invitations, proposes the set that brings the most value net of its\n"
	        "cost without passing the band's top and without two that clash\n"
	        "(travel and preparation included): an exact choice, not a greedy\n"
	        "one. Gated invitations and those worth less than their hours are\n"
	        "never proposed; each one left out says why. Nothing is decided.\n"
	        "  --json   one object: month, band [min, max], committed, hours\n"
	        "           (committed + chosen), value, net, currency, chosen [ids],\n"
	        "           left_out [{id, why}]\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = plan_run,
};
