/*
 * app_score.c: score contexts for a batch of invitations (see
 * app_score.h). The accepted and attended events spanning the batch are
 * loaded once, sorted by start; each invitation then finds its month's
 * committed hours and its conflicts by binary search, so scoring 10,000
 * invitations stays in milliseconds.
 */
#include "worthit/app_score.h"
#include "worthit/app.h"
#include "worthit/clock.h"
#include "worthit/db_invite.h"
#include "worthit/timeutil.h"

#include <stdio.h>
#include <stdlib.h>

#define DAY_SEC 86400

static int64_t month_start(int64_t t)
{
	int off = clock_local_offset(t), y, m, d;
	int64_t days = (t + off) / DAY_SEC - ((t + off) % DAY_SEC < 0);
	time_civil_from_days(days, &y, &m, &d);
	int64_t s = time_from_utc_fields(y, m, 1, 0, 0, 0);
	return s - clock_local_offset(s - off);
}

/* First index whose start is >= t (the list is ordered by start). */
static size_t lower_bound(const struct invitation_list *l, int64_t t)
{
	size_t lo = 0, hi = l->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->items[mid].starts_at < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int64_t buffer_sec(const struct invitation *inv)
{
	int travel = inv->reach == REACH_VIRTUAL ? 0 : inv->travel_min;
	return (int64_t)(travel + inv->prep_min) * 60;
}

/* The longest accepted event bounds how far back an overlap can start. */
static int64_t longest_span(const struct invitation_list *l)
{
	int64_t m = 0;
	for (size_t i = 0; i < l->len; i++) {
		int64_t s = l->items[i].ends_at - l->items[i].starts_at + buffer_sec(&l->items[i]);
		if (s > m)
			m = s;
	}
	return m;
}

static void find_conflicts(const struct invitation *inv, const struct invitation_list *acc,
                           int64_t span, struct score_context *c)
{
	int64_t b = buffer_sec(inv);
	int64_t lo = inv->starts_at - b, hi = inv->ends_at + b;
	for (size_t j = lower_bound(acc, lo - span); j < acc->len; j++) {
		const struct invitation *a = &acc->items[j];
		if (a->starts_at - buffer_sec(a) >= hi)
			break;
		if (a->id == inv->id || a->ends_at + buffer_sec(a) <= lo)
			continue;
		if (c->n_conflicts++ == 0) {
			c->conflict_id = a->id;
			snprintf(c->conflict_title, sizeof c->conflict_title, "%s",
			         a->title != NULL ? a->title : "");
		}
	}
}

static double month_hours(const struct invitation *inv, const struct invitation_list *acc)
{
	int64_t ms = month_start(inv->starts_at);
	int64_t me = month_start(ms + 32 * DAY_SEC);
	double h = 0;
	for (size_t j = lower_bound(acc, ms); j < acc->len && acc->items[j].starts_at < me; j++)
		if (acc->items[j].id != inv->id)
			h += app_invitation_hours(&acc->items[j]);
	return h;
}

enum wit_status app_score_all(struct db *db, const struct wit_config *cfg, int64_t now,
                              const struct invitation *invs, size_t n,
                              struct score_context *ctx, struct score_result *out,
                              char **why)
{
	struct invitation_list acc;
	struct invite_filter f = { 0 };
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		lo = invs[i].starts_at < lo ? invs[i].starts_at : lo;
		hi = invs[i].ends_at > hi ? invs[i].ends_at : hi;
	}
	invitation_list_init(&acc);
	enum wit_status st = WIT_OK;
	if (n > 0) {
		f.status_mask = (1u << STATUS_ACCEPTED) | (1u << STATUS_ATTENDED);
		f.from = month_start(lo) - 2 * DAY_SEC;
		f.to = month_start(month_start(hi) + 32 * DAY_SEC) + 2 * DAY_SEC;
		f.order = ORDER_START;
		st = db_invite_list(db, &f, &acc, why);
	}
	int64_t span = longest_span(&acc);
	for (size_t i = 0; i < n; i++) {
		struct score_context *c = &ctx[i];
		score_context_init(c);
		c->now = now;
		c->utc_offset_sec = clock_local_offset(invs[i].starts_at);
		c->committed_hours = month_hours(&invs[i], &acc);
		if (invs[i].status != STATUS_ACCEPTED && invs[i].status != STATUS_ATTENDED)
			find_conflicts(&invs[i], &acc, span, c);
		c->n_target = score_match_targets(&invs[i], cfg, c->contact_name,
		                                  sizeof c->contact_name);
		score_compute(&invs[i], c, cfg, &out[i]);
	}
	invitation_list_done(&acc);
	return st;
}
