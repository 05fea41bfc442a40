/*
 * score.c: score_compute(), the formulas of the eight components and
 * the total (docs/scoring.md is their specification; keep the two in
 * step), plus the once-per-invitation precompute of target-account
 * matches. Pure core: no I/O, no allocation, no formatting, no globals:
 * the weights view re-ranks 100,000 invitations with it per keystroke.
 *
 * Invariants the property tests check: every raw value is in 0..1; the
 * total is the sum of the contributions and lies in 0..100; a zero
 * weight contributes exactly 0; more matching audience never lowers the
 * total; more duration, travel, preparation or ticket never raises it
 * (so no formula here may reward hours of this event).
 */
#include "worthit/score.h"
#include "worthit/config.h"
#include "worthit/timeutil.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#define DAY_SEC 86400
#define MAX_DAYS 62 /* longer away-intervals are counted up to this */

static double clamp01(double x)
{
	if (!(x > 0.0)) /* also maps NaN to 0 */
		return 0.0;
	return x < 1.0 ? x : 1.0;
}

static double nonneg(double x)
{
	return x > 0.0 ? x : 0.0;
}

void score_context_init(struct score_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
}

/* ---- overlap -------------------------------------------------------- */

static double segment_weight(const struct profile_dimension *pd, const char *value)
{
	for (size_t i = 0; i < pd->n; i++)
		if (pd->seg[i].value[0] == value[0] && strcmp(pd->seg[i].value, value) == 0)
			return clamp01(pd->seg[i].weight);
	return 0.0;
}

static void score_overlap(const struct invitation *inv, const struct wit_config *cfg,
                          struct score_result *r)
{
	const double *k = cfg->score.knob;
	double match_d[DIM_COUNT] = { 0 };
	bool described[DIM_COUNT] = { false };

	for (size_t i = 0; i < inv->n_shares && i < INVITE_SHARES_MAX; i++) {
		const struct audience_share *s = &inv->shares[i];
		if ((unsigned)s->dim >= DIM_COUNT)
			continue;
		described[s->dim] = true;
		double f = s->is_second_degree ? clamp01(k[KNOB_SECOND_DEGREE_DISCOUNT]) : 1.0;
		match_d[s->dim] += clamp01(s->share) * f *
		                   segment_weight(&cfg->profile[s->dim], s->value);
	}
	double num = 0.0, den = 0.0;
	for (int d = 0; d < DIM_COUNT; d++) {
		double w = nonneg(cfg->profile[d].weight);
		if (!described[d] || w <= 0.0)
			continue;
		num += w * clamp01(match_d[d]);
		den += w;
	}
	r->match = den > 0.0 ? num / den : clamp01(k[KNOB_UNDESCRIBED_MATCH]);
	r->attendance_assumed = inv->expected_attendance <= 0;
	r->attendance = r->attendance_assumed ? (int)lround(k[KNOB_DEFAULT_ATTENDANCE])
	                                      : inv->expected_attendance;
	r->prospects = r->match * r->attendance;
	double half = k[KNOB_OVERLAP_HALF] > 0.0 ? k[KNOB_OVERLAP_HALF] : 1.0;
	r->part[SC_OVERLAP].raw = r->prospects / (r->prospects + half);
}

/* ---- time cost ------------------------------------------------------ */

static int travel_min(const struct invitation *inv)
{
	return inv->reach == REACH_VIRTUAL || inv->travel_min < 0 ? 0 : inv->travel_min;
}

static int64_t all_day_days(const struct invitation *inv)
{
	int64_t days = (inv->ends_at - inv->starts_at + DAY_SEC - 1) / DAY_SEC;
	return days < 1 ? 1 : days;
}

static void score_time_cost(const struct invitation *inv, const struct wit_config *cfg,
                            struct score_result *r)
{
	const double *k = cfg->score.knob;
	if (inv->all_day)
		r->event_hours = (double)all_day_days(inv) * k[KNOB_ALL_DAY_HOURS];
	else
		r->event_hours = nonneg((double)(inv->ends_at - inv->starts_at) / 3600.0);
	int prep = inv->prep_min > 0 ? inv->prep_min : 0;
	r->hours = r->event_hours + (2.0 * travel_min(inv) + prep) / 60.0;
	r->rate_minor = cfg->hourly_rate_minor > 0 ? cfg->hourly_rate_minor
	                                           : (int64_t)llround(k[KNOB_FALLBACK_RATE]);
	if (r->rate_minor < 1)
		r->rate_minor = 1;
	int64_t ticket = inv->ticket_minor > 0 ? inv->ticket_minor : 0;
	r->cost_minor = (int64_t)llround(r->hours * (double)r->rate_minor) + ticket;
	r->cost_rate_hours = (double)r->cost_minor / (double)r->rate_minor;
	double half = k[KNOB_TIME_HALF_HOURS] > 0.0 ? k[KNOB_TIME_HALF_HOURS] : 1.0;
	r->part[SC_TIME_COST].raw = half / (half + r->cost_rate_hours);
}

/* ---- availability --------------------------------------------------- */

/* Minutes of [s, e) (minutes of a local day) covered by the day's
 * windows; windows may overlap each other, their union counts. */
static int minutes_inside(const struct wit_config *cfg, int wd, int s, int e)
{
	size_t n = cfg->n_avail[wd] < AVAIL_WINDOWS_MAX ? cfg->n_avail[wd] : AVAIL_WINDOWS_MAX;
	struct avail_window w[AVAIL_WINDOWS_MAX];
	for (size_t i = 0; i < n; i++) { /* insertion sort by start */
		size_t j = i;
		while (j > 0 && w[j - 1].start_min > cfg->avail[wd][i].start_min) {
			w[j] = w[j - 1];
			j--;
		}
		w[j] = cfg->avail[wd][i];
	}
	int inside = 0, covered_to = s;
	for (size_t i = 0; i < n; i++) {
		int a = w[i].start_min > covered_to ? w[i].start_min : covered_to;
		int b = w[i].end_min < e ? w[i].end_min : e;
		if (b > a) {
			inside += b - a;
			covered_to = b;
		}
	}
	return inside;
}

static int window_total(const struct wit_config *cfg, int wd)
{
	return minutes_inside(cfg, wd, 0, 1440);
}

static int outside_all_day(const struct invitation *inv, const struct wit_config *cfg)
{
	int64_t days = all_day_days(inv);
	int per_day = (int)lround(cfg->score.knob[KNOB_ALL_DAY_HOURS] * 60.0);
	int outside = 0;
	for (int64_t d = 0; d < days && d < MAX_DAYS; d++) {
		int wd = time_weekday(inv->starts_at + d * DAY_SEC, 0);
		int free_min = per_day - window_total(cfg, wd);
		outside += free_min > 0 ? free_min : 0;
	}
	return outside;
}

static int outside_timed(const struct invitation *inv, const struct score_context *ctx,
                         const struct wit_config *cfg)
{
	int64_t travel = (int64_t)travel_min(inv) * 60;
	int64_t a = inv->starts_at - travel + ctx->utc_offset_sec;
	int64_t b = inv->ends_at + travel + ctx->utc_offset_sec;
	int outside = 0;
	int64_t day = (a >= 0 ? a : a - (DAY_SEC - 1)) / DAY_SEC;
	for (int n = 0; day * DAY_SEC < b && n < MAX_DAYS; day++, n++) {
		int64_t d0 = day * DAY_SEC;
		int s = (int)(((a > d0 ? a : d0) - d0) / 60);
		int e = (int)(((b < d0 + DAY_SEC ? b : d0 + DAY_SEC) - d0 + 59) / 60);
		int wd = time_weekday(d0, 0);
		outside += (e - s) - minutes_inside(cfg, wd, s, e);
	}
	return outside;
}

static void score_availability(const struct invitation *inv, const struct score_context *ctx,
                               const struct wit_config *cfg, struct score_result *r)
{
	const double *k = cfg->score.knob;
	r->outside_min = inv->all_day ? outside_all_day(inv, cfg) : outside_timed(inv, ctx, cfg);
	r->has_conflict = ctx->n_conflicts > 0;
	double zero = k[KNOB_OUTSIDE_ZERO_MIN] > 0.0 ? k[KNOB_OUTSIDE_ZERO_MIN] : 1.0;
	r->part[SC_AVAILABILITY].raw = r->has_conflict ? 0.0 : clamp01(1.0 - r->outside_min / zero);
	r->factor = r->has_conflict ? clamp01(k[KNOB_CONFLICT_FACTOR]) : 1.0;
}

/* ---- budget --------------------------------------------------------- */

static void score_budget(const struct score_context *ctx, const struct wit_config *cfg,
                         struct score_result *r)
{
	const double *k = cfg->score.knob;
	double lo = nonneg(cfg->budget_min_hours), hi = nonneg(cfg->budget_max_hours);
	if (hi < lo)
		hi = lo;
	double bonus = k[KNOB_BUDGET_UNDER_BONUS];
	double zero = k[KNOB_BUDGET_OVER_ZERO_HOURS] > 0.0 ? k[KNOB_BUDGET_OVER_ZERO_HOURS] : 1.0;
	double after = nonneg(ctx->committed_hours) + r->hours;
	double raw;
	if (after <= lo)
		raw = 0.5 + bonus;
	else if (after <= hi)
		raw = 0.5 + bonus * (hi - after) / (hi - lo);
	else
		raw = 0.5 * clamp01(1.0 - (after - hi) / zero);
	r->budget_after_hours = after;
	r->part[SC_BUDGET].raw = clamp01(raw);
}

/* ---- track record --------------------------------------------------- */

static void score_track_record(const struct score_context *ctx, const struct wit_config *cfg,
                               struct score_result *r)
{
	const double *k = cfg->score.knob;
	double rate = (double)r->rate_minor;
	double lead_value = nonneg(k[KNOB_LEAD_VALUE_HOURS]) * rate;
	double prior_h = nonneg(k[KNOB_TRACK_PRIOR_HOURS]);
	double est = nonneg(k[KNOB_TRACK_PRIOR_ROI]);
	r->history_events = 0;
	for (int lv = 0; lv < TRACK_LEVEL_COUNT; lv++) {
		const struct score_track *t = &ctx->track[lv];
		double h = nonneg(t->hours);
		if (t->events <= 0 || h + prior_h <= 0.0)
			continue;
		if (t->events > r->history_events)
			r->history_events = t->events;
		double value = (double)(t->revenue_minor > 0 ? t->revenue_minor : 0) +
		               (t->leads > 0 ? t->leads : 0) * lead_value;
		est = (value / rate + prior_h * est) / (h + prior_h);
	}
	r->has_history = r->history_events > 0;
	r->roi = est;
	r->value_per_hour_minor = est * rate;
	double half = k[KNOB_TRACK_HALF_ROI] > 0.0 ? k[KNOB_TRACK_HALF_ROI] : 1.0;
	r->part[SC_TRACK_RECORD].raw = est / (est + half);
}

/* ---- relationships, stage, locality --------------------------------- */

static void score_relationships(const struct score_context *ctx, const struct wit_config *cfg,
                                struct score_result *r)
{
	const double *k = cfg->score.knob;
	double pts = (ctx->n_clients > 0 ? ctx->n_clients : 0) * nonneg(k[KNOB_CLIENT_POINTS]) +
	             (ctx->n_warm > 0 ? ctx->n_warm : 0) * nonneg(k[KNOB_WARM_POINTS]) +
	             (ctx->n_target > 0 ? ctx->n_target : 0) * nonneg(k[KNOB_TARGET_POINTS]);
	double half = k[KNOB_RELATIONSHIPS_HALF] > 0.0 ? k[KNOB_RELATIONSHIPS_HALF] : 1.0;
	r->relationship_points = pts;
	r->part[SC_RELATIONSHIPS].raw = pts / (pts + half);
}

static void score_stage(const struct invitation *inv, const struct wit_config *cfg,
                        struct score_result *r)
{
	const double *k = cfg->score.knob;
	int64_t fee = inv->speaking_fee_minor > 0 ? inv->speaking_fee_minor : 0;
	r->fee_rate_hours = (double)fee / (double)r->rate_minor;
	if (!inv->is_speaking) {
		r->part[SC_STAGE].raw = 0.0;
		return;
	}
	double slot = clamp01(k[KNOB_STAGE_SLOT]);
	double half = k[KNOB_STAGE_FEE_HALF_HOURS] > 0.0 ? k[KNOB_STAGE_FEE_HALF_HOURS] : 1.0;
	r->part[SC_STAGE].raw = slot + (1.0 - slot) * r->fee_rate_hours / (r->fee_rate_hours + half);
}

static void score_locality(const struct invitation *inv, const struct wit_config *cfg,
                           struct score_result *r)
{
	unsigned scope = (unsigned)cfg->scope < SCOPE_COUNT ? (unsigned)cfg->scope : SCOPE_LOCAL;
	unsigned reach = (unsigned)inv->reach < REACH_COUNT ? (unsigned)inv->reach : REACH_LOCAL;
	r->part[SC_LOCALITY].raw =
		clamp01(cfg->score.knob[KNOB_LOCALITY_FIRST_ + scope * REACH_COUNT + reach]);
}

/* ---- total ---------------------------------------------------------- */

static void score_total(const struct wit_config *cfg, struct score_result *r)
{
	const double *k = cfg->score.knob;
	double wsum = 0.0;
	for (int c = 0; c < SC_COUNT; c++) {
		r->part[c].weight = nonneg(k[c]);
		r->part[c].raw = clamp01(r->part[c].raw);
		wsum += r->part[c].weight;
	}
	r->total = 0.0;
	for (int c = 0; c < SC_COUNT; c++) {
		double w = r->part[c].weight;
		r->part[c].contribution = wsum > 0.0 && w > 0.0
		                                  ? 100.0 * r->factor * w * r->part[c].raw / wsum
		                                  : 0.0;
		r->total += r->part[c].contribution;
	}
	if (r->has_conflict)
		r->verdict = VERDICT_SKIP;
	else if (r->total >= k[KNOB_GO_THRESHOLD])
		r->verdict = VERDICT_GO;
	else if (r->total >= k[KNOB_MAYBE_THRESHOLD])
		r->verdict = VERDICT_MAYBE;
	else
		r->verdict = VERDICT_SKIP;
}

void score_compute(const struct invitation *inv, const struct score_context *ctx,
                   const struct wit_config *cfg, struct score_result *out)
{
	memset(out, 0, sizeof *out);
	out->is_past = inv->starts_at < ctx->now;
	score_overlap(inv, cfg, out);
	score_time_cost(inv, cfg, out); /* sets rate_minor and hours first */
	score_availability(inv, ctx, cfg, out);
	score_budget(ctx, cfg, out);
	score_track_record(ctx, cfg, out);
	score_relationships(ctx, cfg, out);
	score_stage(inv, cfg, out);
	score_locality(inv, cfg, out);
	score_total(cfg, out);
}

/* ---- target accounts ------------------------------------------------ */

static bool domain_matches(const char *dom, size_t dlen, const char *target)
{
	size_t tlen = strlen(target);
	if (tlen == 0 || tlen > dlen || strncasecmp(dom + dlen - tlen, target, tlen) != 0)
		return false;
	return tlen == dlen || dom[dlen - tlen - 1] == '.';
}

/* One attendee line [p, p+len): is its address at a target domain? */
static bool line_is_target(const struct wit_config *cfg, const char *p, size_t len)
{
	const char *lt = memchr(p, '<', len);
	const char *addr = lt != NULL ? lt + 1 : p;
	const char *end = p + len;
	const char *gt = memchr(addr, '>', (size_t)(end - addr));
	if (gt != NULL)
		end = gt;
	while (end > addr && isspace((unsigned char)end[-1]))
		end--;
	const char *at = NULL;
	for (const char *q = addr; q < end; q++)
		if (*q == '@')
			at = q;
	if (at == NULL || at + 1 >= end)
		return false;
	for (size_t i = 0; i < cfg->n_target_domains && i < TARGET_DOMAINS_MAX; i++)
		if (domain_matches(at + 1, (size_t)(end - at - 1), cfg->target_domains[i]))
			return true;
	return false;
}

/* The attendee's display name, or the bare address when the line has
 * none ("<addr>", "mailto:addr"). */
static void copy_name(char *name, size_t name_len, const char *line, size_t len)
{
	const char *lt = memchr(line, '<', len);
	const char *p = line;
	size_t n = lt != NULL ? (size_t)(lt - line) : len;
	while (n > 0 && (isspace((unsigned char)*p) || *p == '"')) {
		p++;
		n--;
	}
	while (n > 0 && (isspace((unsigned char)p[n - 1]) || p[n - 1] == '"'))
		n--;
	if (n == 0 && lt != NULL) {
		p = lt + 1;
		const char *gt = memchr(p, '>', len - (size_t)(p - line));
		n = gt != NULL ? (size_t)(gt - p) : len - (size_t)(p - line);
	}
	if (n > 7 && strncasecmp(p, "mailto:", 7) == 0) {
		p += 7;
		n -= 7;
	}
	if (n >= name_len)
		n = name_len - 1;
	memcpy(name, p, n);
	name[n] = '\0';
}

int score_match_targets(const struct invitation *inv, const struct wit_config *cfg, char *name,
                        size_t name_len)
{
	int count = 0;
	const char *p = inv->attendees;
	while (p != NULL && *p != '\0') {
		size_t len = strcspn(p, "\n");
		if (len > 0 && line_is_target(cfg, p, len)) {
			count++;
			if (name != NULL && name_len > 0 && name[0] == '\0')
				copy_name(name, name_len, p, len);
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	return count;
}
