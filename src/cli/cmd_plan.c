/*
 * cmd_plan.c: `worthit plan [MONTH] [--json]`: of the month's pending
 * invitations, the set that brings the most value net of its cost within
 * the networking band without clashes (plan.h, exact), and why each of
 * the others is left out. The plan and its words are app_plan.c's (the
 * dashboard's Plan tab shows the same); this file parses the arguments
 * and prints. It decides nothing (the Plan tab's A key accepts through
 * the journal).
 */
#include "worthit/app_plan.h"
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/text.h"
#include "worthit/timeutil.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_plan_entry;

static void print_text(struct app_ctx *ctx, const struct app_plan *p)
{
	FILE *f = ctx->out;
	char when[32], title[64], line[600];
	fprintf(f, "Plan for %04d-%02d: band %g–%g h, %.2f h committed\n", p->year, p->mon, p->lo,
	        p->hi, p->committed);
	app_plan_summary(p, ctx->cfg, line, sizeof line);
	fprintf(f, "%s\n", line);
	for (size_t k = 0; k < p->n; k++) {
		if (p->r.reason[k] != PLAN_CHOSEN)
			continue;
		const struct invitation *inv = &p->invs.items[p->pick[k]];
		const struct score_result *r = &p->res[p->pick[k]];
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
		const struct invitation *inv = &p->invs.items[p->pick[k]];
		app_plan_why(p, ctx->cfg, k, line, sizeof line);
		fprintf(f, "  #%-5lld %s: %s\n", (long long)inv->id,
		        text_fit(inv->title ? inv->title : "", 40, title, sizeof title), line);
	}
}

static void print_json(struct app_ctx *ctx, const struct app_plan *p)
{
	char buf[480];
	cJSON *o = cJSON_CreateObject();
	snprintf(buf, sizeof buf, "%04d-%02d", p->year, p->mon);
	cJSON_AddStringToObject(o, "month", buf);
	cJSON *band = cJSON_AddArrayToObject(o, "band");
	cJSON_AddItemToArray(band, cJSON_CreateNumber(p->lo));
	cJSON_AddItemToArray(band, cJSON_CreateNumber(p->hi));
	cJSON_AddNumberToObject(o, "committed", round(p->committed * 100) / 100);
	cJSON_AddNumberToObject(o, "hours", round((p->committed + p->r.hours) * 100) / 100);
	cJSON_AddNumberToObject(o, "value", app_plan_major(ctx->cfg, p->r.value));
	cJSON_AddNumberToObject(o, "net", app_plan_major(ctx->cfg, p->r.value - p->r.cost));
	cJSON_AddStringToObject(o, "currency", ctx->cfg->currency);
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
		app_plan_why(p, ctx->cfg, k, buf, sizeof buf);
		cJSON_AddStringToObject(e, "why", buf);
		cJSON_AddItemToArray(left, e);
	}
	cmd_print_json(ctx->out, o);
}

static int plan_run(struct app_ctx *ctx, int argc, char **argv)
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
	int year, mon;
	if (optind < argc) {
		if (!app_plan_parse_month(argv[optind], &year, &mon))
			return cmd_error(ctx, WIT_USAGE, "plan: '%s' is not a month such as 2026-03",
			                 argv[optind]);
	} else {
		app_plan_month_of(ctx->now, &year, &mon);
	}
	struct app_plan p;
	char *why = NULL;
	enum wit_status st = app_plan_load(ctx->db, ctx->cfg, ctx->now, year, mon, &p, &why);
	int code = 0;
	if (st != WIT_OK)
		code = cmd_error(ctx, st, "%s", why != NULL ? why : wit_status_name(st));
	else if (json)
		print_json(ctx, &p);
	else
		print_text(ctx, &p);
	free(why);
	app_plan_done(&p);
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
