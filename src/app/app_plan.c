/*
 * app_plan.c: the month plan's inputs, choice and words (see
 * app_plan.h). Scores exactly as `worthit score` does (db_invite_list
 * from now, app_score_all_enriched, rank_sort), so the plan's numbers
 * are the score's; the choice itself is plan.c's (pure). Accepting goes
 * through app_decision_record(), the path of `decide` and the `a` key,
 * so `u` and `worthit undo` take each acceptance back.
 */
#include "worthit/app_decision.h"
#include "worthit/app_plan.h"
#include "worthit/clock.h"
#include "worthit/db_invite.h"
#include "worthit/invite_json.h"
#include "worthit/rank.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool app_plan_parse_month(const char *s, int *year, int *mon)
{
	char tail;
	return sscanf(s, "%4d-%2d%c", year, mon, &tail) == 2 && strlen(s) == 7 && *year >= 1970 &&
	       *year <= 9999 && *mon >= 1 && *mon <= 12;
}

void app_plan_month_of(int64_t t, int *year, int *mon)
{
	int d;
	int64_t local = t + clock_local_offset(t);
	time_civil_from_days(local / DAY_SEC - (local % DAY_SEC < 0), year, mon, &d);
}

static int64_t buffer_sec(const struct invitation *inv)
{
	int travel = inv->reach == REACH_VIRTUAL || inv->travel_min < 0 ? 0 : inv->travel_min;
	return (int64_t)(travel + (inv->prep_min > 0 ? inv->prep_min : 0)) * 60;
}

/* Every pending or maybe invitation from now on, scored and ranked. */
static enum wit_status load_scored(struct db *db, const struct wit_config *cfg, int64_t now,
                                   struct app_plan *p, size_t *order, char **why)
{
	size_t n = p->invs.len;
	p->ctx = xcalloc(n + 1, sizeof *p->ctx);
	p->res = xcalloc(n + 1, sizeof *p->res);
	enum wit_status st = app_score_all_enriched(db, cfg, now, p->invs.items, n, p->ctx, p->res,
	                                            why);
	if (st != WIT_OK)
		return st;
	struct rank_item *items = xcalloc(n + 1, sizeof *items);
	struct rank_item *tmp = xcalloc(n + 1, sizeof *tmp);
	for (size_t i = 0; i < n; i++)
		items[i] = (struct rank_item){ p->res[i].total, p->invs.items[i].starts_at,
			                       p->invs.items[i].id, i };
	rank_sort(items, n, tmp);
	for (size_t i = 0; i < n; i++)
		order[i] = items[i].index;
	free(items);
	free(tmp);
	return WIT_OK;
}

static enum wit_status load_accepted(struct db *db, struct app_plan *p, char **why)
{
	struct app_span span = { .full_from = p->month.start, .from = p->month.start - 7 * DAY_SEC,
		                 .to = p->month.next, .busy_after = INT64_MAX };
	enum wit_status st = app_score_committed_load(db, &span, &p->accepted, why);
	p->committed = app_score_committed_hours(&p->accepted, p->month.start, p->month.next, 0);
	return st;
}

enum wit_status app_plan_load(struct db *db, const struct wit_config *cfg, int64_t now, int year,
                              int mon, struct app_plan *p, char **why)
{
	memset(p, 0, sizeof *p);
	invitation_list_init(&p->invs);
	p->year = year;
	p->mon = mon;
	p->lo = cfg->budget_min_hours;
	p->hi = cfg->budget_max_hours;
	p->month = app_score_month(time_from_utc_fields(year, mon, 15, 12, 0, 0), NULL);
	/* only the month's: a score depends on its own month and neighbours
	 * (app_score.c), never on the other pending invitations loaded */
	struct invite_filter f = { .from = now > p->month.start ? now : p->month.start,
		                   .to = p->month.next, .order = ORDER_START };
	/* a past month (from >= to) lists nothing: nothing pending is left */
	enum wit_status st = db_invite_list(db, &f, &p->invs, why);
	size_t n = p->invs.len;
	size_t *order = xcalloc(n + 1, sizeof *order);
	if (st == WIT_OK)
		st = load_scored(db, cfg, now, p, order, why);
	if (st == WIT_OK)
		st = load_accepted(db, p, why);
	if (st != WIT_OK) {
		free(order);
		return st;
	}
	p->pick = xcalloc(n + 1, sizeof *p->pick);
	p->items = xcalloc(n + 1, sizeof *p->items);
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k]; /* best first, as `score` ranks */
		const struct invitation *inv = &p->invs.items[i];
		const struct score_result *r = &p->res[i];
		if (inv->starts_at < p->month.start || inv->starts_at >= p->month.next)
			continue;
		double rate = (double)r->rate_minor;
		p->items[p->n] = (struct plan_item){
			inv->id, inv->starts_at - buffer_sec(inv), inv->ends_at + buffer_sec(inv),
			r->hours, r->value * rate, r->cost_side * rate, r->gate != GATE_NONE,
		};
		p->pick[p->n++] = i;
	}
	free(order);
	plan_make(p->items, p->n, p->committed, p->lo, p->hi, &p->r);
	return WIT_OK;
}

void app_plan_done(struct app_plan *p)
{
	plan_done(&p->r);
	app_score_committed_done(&p->accepted);
	invitation_list_done(&p->invs);
	free(p->ctx);
	free(p->res);
	free(p->pick);
	free(p->items);
	memset(p, 0, sizeof *p);
}

/* An estimate in minor units, rounded to whole currency units. */
static int64_t whole(const struct wit_config *cfg, double minor)
{
	double unit = pow(10.0, invite_json_currency_exponent(cfg->currency));
	return (int64_t)llround(minor / unit) * (int64_t)unit;
}

double app_plan_major(const struct wit_config *cfg, double minor)
{
	return (double)whole(cfg, minor) / pow(10.0, invite_json_currency_exponent(cfg->currency));
}

void app_plan_summary(const struct app_plan *p, const struct wit_config *cfg, char *buf,
                      size_t len)
{
	char m1[32], m2[32];
	double total = p->committed + p->r.hours;
	score_format_money(whole(cfg, p->r.value), cfg->currency, m1, sizeof m1);
	score_format_money(whole(cfg, p->r.value - p->r.cost), cfg->currency, m2, sizeof m2);
	snprintf(buf, len, "These %zu fill %.2f of your %g–%g h (%.2f h with the committed) and "
	         "bring ≈%s of expected value, ≈%s more than they cost%s",
	         p->r.n_chosen, p->r.hours, p->lo, p->hi, total, m1, m2,
	         total < p->lo ? "; the month stays below its band: nothing else is worth its hours"
	                       : "");
}

void app_plan_why(const struct app_plan *p, const struct wit_config *cfg, size_t k, char *buf,
                  size_t len)
{
	size_t i = p->pick[k];
	const struct score_result *r = &p->res[i];
	char line[400];
	switch (p->r.reason[k]) {
	case PLAN_GATED:
		score_explain(r, &p->invs.items[i], &p->ctx[i], cfg, SCORE_EXPLAIN_GATE, line,
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
		         "the band's %g h", r->hours, p->committed + p->r.hours + r->hours, p->hi);
		break;
	case PLAN_CHOSEN: buf[0] = '\0'; break;
	}
}

enum wit_status app_plan_accept(struct db *db, const struct wit_config *cfg,
                                const struct app_plan *p, int64_t now, size_t *n_done,
                                char **why)
{
	*n_done = 0;
	if (p->r.n_chosen == 0)
		return WIT_OK;
	enum wit_status st = db_begin(db, why);
	for (size_t k = 0; k < p->n && st == WIT_OK; k++) {
		if (p->r.reason[k] != PLAN_CHOSEN)
			continue;
		size_t i = p->pick[k];
		st = app_decision_record(db, p->invs.items[i].id, STATUS_ACCEPTED, &p->res[i],
		                         &cfg->score, now, NULL, why);
		*n_done += st == WIT_OK;
	}
	if (st == WIT_OK)
		st = db_commit(db, why);
	if (st != WIT_OK) {
		db_rollback(db);
		*n_done = 0;
	}
	return st;
}
