/*
 * score.c: score_compute(), the formulas of the eight components and
 * the total (docs/scoring.md is their specification; keep the two in
 * step), plus the once-per-invitation precompute of target-account
 * matches. Pure core: no I/O, no allocation, no formatting, no globals:
 * the weights view re-ranks 100,000 invitations with it per keystroke.
 *
 * score_prepare() does the knob-independent work once per invitation
 * (profile matching, windows, copying the context); score_finish()
 * applies the knobs to a compact score_input, which is all that
 * re-ranking while tuning weights has to touch.
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
	return fmin(fmax(x, 0.0), 1.0); /* fmax(NaN, 0) is 0; no branch */
}

static double nonneg(double x)
{
	return x > 0.0 ? x : 0.0;
}

void score_context_init(struct score_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
}

/* ---- prepare: the work no knob changes ------------------------------ */

static double segment_weight(const struct profile_dimension *pd, const char *value)
{
	for (size_t i = 0; i < pd->n; i++)
		if (pd->seg[i].value[0] == value[0] && strcmp(pd->seg[i].value, value) == 0)
			return clamp01(pd->seg[i].weight);
	return 0.0;
}

/* Relative importance of each dimension: its profile weight over the
 * largest one, so the most important dimension filters fully (exponent
 * 1) and a weight of 0 drops its dimension (exponent 0). */
static void dim_exponents(const struct wit_config *cfg, double e[DIM_COUNT])
{
	double top = 0.0;
	for (int d = 0; d < DIM_COUNT; d++)
		top = fmax(top, nonneg(cfg->profile[d].weight));
	for (int d = 0; d < DIM_COUNT; d++)
		e[d] = top > 0.0 ? nonneg(cfg->profile[d].weight) / top : 0.0;
}

/* x^e for x in 0..1, e >= 0, without pow() where it is not needed. */
static double power01(double x, double e)
{
	if (e == 1.0 || x >= 1.0)
		return fmin(x, 1.0);
	if (e == 0.0)
		return 1.0;
	return x > 0.0 ? pow(x, e) : 0.0;
}

static void prepare_audience(const struct invitation *inv, const struct wit_config *cfg,
                             struct score_input *in)
{
	for (size_t i = 0; i < inv->n_shares && i < INVITE_SHARES_MAX; i++) {
		const struct audience_share *s = &inv->shares[i];
		if ((unsigned)s->dim >= DIM_COUNT)
			continue;
		in->described |= 1u << s->dim;
		double m = clamp01(s->share) * segment_weight(&cfg->profile[s->dim], s->value);
		if (s->is_second_degree)
			in->second[s->dim] += m;
		else
			in->first[s->dim] += m;
	}
	/* the factors no knob changes are multiplied once, here: re-ranking
	 * then raises to a power only the dimensions with second-degree
	 * shares (their match depends on second_degree_discount) */
	double e[DIM_COUNT];
	dim_exponents(cfg, e);
	in->match_known = 1.0;
	for (int d = 0; d < DIM_COUNT; d++) {
		if (!((in->described >> d) & 1u) || e[d] == 0.0)
			continue;
		if (in->second[d] > 0.0)
			in->match_late |= 1u << d;
		else
			in->match_known *= power01(clamp01(in->first[d]), e[d]);
	}
}

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

/* Away [start - travel, end + travel] in local time, minute by day. */
static int outside_timed(const struct invitation *inv, const struct score_context *ctx,
                         const struct wit_config *cfg, int travel)
{
	int64_t a = inv->starts_at - (int64_t)travel * 60 + ctx->utc_offset_sec;
	int64_t b = inv->ends_at + (int64_t)travel * 60 + ctx->utc_offset_sec;
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

static void prepare_time(const struct invitation *inv, const struct score_context *ctx,
                         const struct wit_config *cfg, struct score_input *in)
{
	in->travel_min = inv->reach == REACH_VIRTUAL || inv->travel_min < 0 ? 0 : inv->travel_min;
	in->prep_min = inv->prep_min > 0 ? inv->prep_min : 0;
	in->all_day = inv->all_day;
	if (inv->all_day) {
		int64_t days = (inv->ends_at - inv->starts_at + DAY_SEC - 1) / DAY_SEC;
		in->all_day_days = days < 1 ? 1 : days > MAX_DAYS ? MAX_DAYS : (int)days;
		for (int d = 0; d < in->all_day_days; d++)
			in->day_count[time_weekday(inv->starts_at + (int64_t)d * DAY_SEC, 0)]++;
		for (int wd = 0; wd < 7; wd++)
			in->window_min[wd] = (short)minutes_inside(cfg, wd, 0, 1440);
	} else {
		in->event_hours = nonneg((double)(inv->ends_at - inv->starts_at) / 3600.0);
		in->outside_min = outside_timed(inv, ctx, cfg, in->travel_min);
	}
}

void score_prepare(const struct invitation *inv, const struct score_context *ctx,
                   const struct wit_config *cfg, struct score_input *in)
{
	memset(in, 0, sizeof *in);
	in->id = inv->id;
	in->starts_at = inv->starts_at;
	in->is_past = inv->starts_at < ctx->now;
	prepare_audience(inv, cfg, in);
	in->attendance = inv->expected_attendance > 0 ? inv->expected_attendance : 0;
	prepare_time(inv, ctx, cfg, in);
	in->ticket_minor = inv->ticket_minor > 0 ? inv->ticket_minor : 0;
	in->fee_minor = inv->speaking_fee_minor > 0 ? inv->speaking_fee_minor : 0;
	in->is_speaking = inv->is_speaking;
	in->rate_minor = cfg->hourly_rate_minor > 0 ? cfg->hourly_rate_minor : 0;
	in->reach = (unsigned)inv->reach < REACH_COUNT ? (unsigned char)inv->reach : REACH_LOCAL;
	in->committed_hours = nonneg(ctx->committed_hours);
	memcpy(in->track, ctx->track, sizeof in->track);
	in->n_clients = ctx->n_clients > 0 ? ctx->n_clients : 0;
	in->n_warm = ctx->n_warm > 0 ? ctx->n_warm : 0;
	in->n_target = ctx->n_target > 0 ? ctx->n_target : 0;
	in->n_conflicts = ctx->n_conflicts > 0 ? ctx->n_conflicts : 0;
}

/* ---- finish: the formulas of docs/scoring.md ------------------------ */

/* The knobs as the formulas use them (clamped, defaulted), derived once
 * per call of score_finish / score_totals rather than per invitation. */
struct derived {
	double dim_exponent[DIM_COUNT];
	unsigned counted;              /* bit d: dim_exponent[d] > 0 */
	double prior_factor[1u << DIM_COUNT]; /* product over the bits of the
	                                         index of prior^exponent */
	double disc, undescribed, prior, overlap_half, people_met;
	int attendance;
	double all_day_hours, time_half;
	int64_t fallback_rate;
	int per_day_min;
	double outside_zero, conflict_factor;
	double lo, hi, bonus, over_zero;
	double lead_value_hours, prior_h, prior_roi, track_half;
	double client, warm, target, rel_half;
	double slot, fee_half;
	double locality[REACH_COUNT];
	double weight[SC_COUNT], wsum;
	double go, maybe;
};

static double positive_or(double x, double fallback)
{
	return x > 0.0 ? x : fallback;
}

static void derive(const struct wit_config *cfg, struct derived *dk)
{
	const double *k = cfg->score.knob;
	dk->disc = clamp01(k[KNOB_SECOND_DEGREE_DISCOUNT]);
	dk->undescribed = clamp01(k[KNOB_UNDESCRIBED_MATCH]);
	dk->prior = clamp01(k[KNOB_UNKNOWN_DIMENSION_MATCH]);
	dim_exponents(cfg, dk->dim_exponent);
	dk->counted = 0;
	for (int d = 0; d < DIM_COUNT; d++)
		if (dk->dim_exponent[d] > 0.0)
			dk->counted |= 1u << d;
	for (unsigned mask = 0; mask < (1u << DIM_COUNT); mask++) {
		dk->prior_factor[mask] = 1.0;
		for (int d = 0; d < DIM_COUNT; d++)
			if ((mask >> d) & 1u)
				dk->prior_factor[mask] *= power01(dk->prior, dk->dim_exponent[d]);
	}
	dk->overlap_half = positive_or(k[KNOB_OVERLAP_HALF], 1.0);
	dk->attendance = (int)lround(k[KNOB_DEFAULT_ATTENDANCE]);
	dk->people_met = positive_or(k[KNOB_PEOPLE_MET], 1.0);
	dk->all_day_hours = k[KNOB_ALL_DAY_HOURS];
	dk->time_half = positive_or(k[KNOB_TIME_HALF_HOURS], 1.0);
	dk->fallback_rate = (int64_t)llround(k[KNOB_FALLBACK_RATE]);
	dk->per_day_min = (int)lround(k[KNOB_ALL_DAY_HOURS] * 60.0);
	dk->outside_zero = positive_or(k[KNOB_OUTSIDE_ZERO_MIN], 1.0);
	dk->conflict_factor = clamp01(k[KNOB_CONFLICT_FACTOR]);
	dk->lo = nonneg(cfg->budget_min_hours);
	dk->hi = nonneg(cfg->budget_max_hours) < dk->lo ? dk->lo : nonneg(cfg->budget_max_hours);
	dk->bonus = k[KNOB_BUDGET_UNDER_BONUS];
	dk->over_zero = positive_or(k[KNOB_BUDGET_OVER_ZERO_HOURS], 1.0);
	dk->lead_value_hours = nonneg(k[KNOB_LEAD_VALUE_HOURS]);
	dk->prior_h = nonneg(k[KNOB_TRACK_PRIOR_HOURS]);
	dk->prior_roi = nonneg(k[KNOB_TRACK_PRIOR_ROI]);
	dk->track_half = positive_or(k[KNOB_TRACK_HALF_ROI], 1.0);
	dk->client = nonneg(k[KNOB_CLIENT_POINTS]);
	dk->warm = nonneg(k[KNOB_WARM_POINTS]);
	dk->target = nonneg(k[KNOB_TARGET_POINTS]);
	dk->rel_half = positive_or(k[KNOB_RELATIONSHIPS_HALF], 1.0);
	dk->slot = clamp01(k[KNOB_STAGE_SLOT]);
	dk->fee_half = positive_or(k[KNOB_STAGE_FEE_HALF_HOURS], 1.0);
	unsigned scope = (unsigned)cfg->scope < SCOPE_COUNT ? (unsigned)cfg->scope : SCOPE_LOCAL;
	for (int r = 0; r < REACH_COUNT; r++)
		dk->locality[r] = clamp01(k[KNOB_LOCALITY_FIRST_ + scope * REACH_COUNT + r]);
	dk->wsum = 0.0;
	for (int c = 0; c < SC_COUNT; c++) {
		dk->weight[c] = nonneg(k[c]);
		dk->wsum += dk->weight[c];
	}
	dk->go = k[KNOB_GO_THRESHOLD];
	dk->maybe = k[KNOB_MAYBE_THRESHOLD];
}

/* Prospects match the profile on every counted dimension at once: the
 * product of the dimensions' matches, each to its exponent; dimensions
 * the invitation does not describe take the prior. */
static void score_overlap(const struct score_input *in, const struct derived *dk,
                          struct score_result *r)
{
	unsigned described = in->described & dk->counted;
	double match = in->match_known * dk->prior_factor[dk->counted & ~described];
	for (int d = 0; d < DIM_COUNT; d++) {
		double m = (in->described >> d) & 1u
		                   ? clamp01(in->first[d] + dk->disc * in->second[d])
		                   : dk->prior;
		if ((in->match_late >> d) & 1u)
			match *= power01(m, dk->dim_exponent[d]);
		r->dim_match[d] = m;
		r->dim_exponent[d] = dk->dim_exponent[d];
	}
	r->dim_described = in->described;
	r->match = described != 0 ? match : dk->undescribed;
	r->attendance_assumed = in->attendance <= 0;
	r->attendance = r->attendance_assumed ? dk->attendance : in->attendance;
	r->prospects = r->match * r->attendance;
	r->prospects_met = r->match * fmin((double)r->attendance, dk->people_met);
	r->part[SC_OVERLAP].raw = r->prospects_met / (r->prospects_met + dk->overlap_half);
}

static void score_time_cost(const struct score_input *in, const struct derived *dk,
                            struct score_result *r)
{
	r->event_hours = in->all_day ? in->all_day_days * dk->all_day_hours : in->event_hours;
	r->hours = r->event_hours + (2.0 * in->travel_min + in->prep_min) / 60.0;
	r->rate_minor = in->rate_minor > 0 ? in->rate_minor : dk->fallback_rate;
	if (r->rate_minor < 1)
		r->rate_minor = 1;
	r->cost_minor = (int64_t)llround(r->hours * (double)r->rate_minor) + in->ticket_minor;
	r->cost_rate_hours = (double)r->cost_minor / (double)r->rate_minor;
	r->part[SC_TIME_COST].raw = dk->time_half / (dk->time_half + r->cost_rate_hours);
}

static void score_availability(const struct score_input *in, const struct derived *dk,
                               struct score_result *r)
{
	if (in->all_day) {
		r->outside_min = 0;
		for (int wd = 0; wd < 7; wd++) {
			int free_min = dk->per_day_min - in->window_min[wd];
			r->outside_min += in->day_count[wd] * (free_min > 0 ? free_min : 0);
		}
	} else {
		r->outside_min = in->outside_min;
	}
	r->has_conflict = in->n_conflicts > 0;
	r->part[SC_AVAILABILITY].raw =
		r->has_conflict ? 0.0 : clamp01(1.0 - r->outside_min / dk->outside_zero);
	r->factor = r->has_conflict ? dk->conflict_factor : 1.0;
}

static void score_budget(const struct score_input *in, const struct derived *dk,
                         struct score_result *r)
{
	double after = in->committed_hours + r->hours;
	double raw;
	if (after <= dk->lo)
		raw = 0.5 + dk->bonus;
	else if (after <= dk->hi)
		raw = 0.5 + dk->bonus * (dk->hi - after) / (dk->hi - dk->lo);
	else
		raw = 0.5 * clamp01(1.0 - (after - dk->hi) / dk->over_zero);
	r->budget_after_hours = after;
	r->part[SC_BUDGET].raw = clamp01(raw);
}

static void score_track_record(const struct score_input *in, const struct derived *dk,
                               struct score_result *r)
{
	double rate = (double)r->rate_minor;
	double lead_value = dk->lead_value_hours * rate;
	double est = dk->prior_roi;
	r->history_events = 0;
	for (int lv = 0; lv < TRACK_LEVEL_COUNT; lv++) {
		const struct score_track *t = &in->track[lv];
		double h = nonneg(t->hours);
		if (t->events <= 0 || h + dk->prior_h <= 0.0)
			continue;
		if (t->events > r->history_events)
			r->history_events = t->events;
		double value = (double)(t->revenue_minor > 0 ? t->revenue_minor : 0) +
		               (t->leads > 0 ? t->leads : 0) * lead_value;
		est = (value / rate + dk->prior_h * est) / (h + dk->prior_h);
	}
	r->has_history = r->history_events > 0;
	r->roi = est;
	r->value_per_hour_minor = est * rate;
	r->part[SC_TRACK_RECORD].raw = est / (est + dk->track_half);
}

static void score_people_stage_place(const struct score_input *in, const struct derived *dk,
                                     struct score_result *r)
{
	double pts = in->n_clients * dk->client + in->n_warm * dk->warm + in->n_target * dk->target;
	r->relationship_points = pts;
	r->part[SC_RELATIONSHIPS].raw = pts / (pts + dk->rel_half);
	r->fee_rate_hours = (double)in->fee_minor / (double)r->rate_minor;
	r->part[SC_STAGE].raw = in->is_speaking ? dk->slot + (1.0 - dk->slot) * r->fee_rate_hours /
	                                                              (r->fee_rate_hours + dk->fee_half)
	                                        : 0.0;
	r->part[SC_LOCALITY].raw = dk->locality[in->reach < REACH_COUNT ? in->reach : REACH_LOCAL];
}

static void score_total(const struct derived *dk, struct score_result *r)
{
	double scale = dk->wsum > 0.0 ? 100.0 * r->factor / dk->wsum : 0.0;
	r->total = 0.0;
	for (int c = 0; c < SC_COUNT; c++) {
		r->part[c].weight = dk->weight[c];
		r->part[c].raw = clamp01(r->part[c].raw);
		r->part[c].contribution = scale * dk->weight[c] * r->part[c].raw;
		r->total += r->part[c].contribution;
	}
	if (r->has_conflict)
		r->verdict = VERDICT_SKIP;
	else if (r->total >= dk->go)
		r->verdict = VERDICT_GO;
	else if (r->total >= dk->maybe)
		r->verdict = VERDICT_MAYBE;
	else
		r->verdict = VERDICT_SKIP;
}

/* Sets every field of out (padding aside: callers wanting whole-struct
 * determinism clear it first). */
static void finish(const struct score_input *in, const struct derived *dk,
                   struct score_result *out)
{
	out->is_past = in->is_past;
	score_overlap(in, dk, out);
	score_time_cost(in, dk, out); /* sets rate_minor and hours first */
	score_availability(in, dk, out);
	score_budget(in, dk, out);
	score_track_record(in, dk, out);
	score_people_stage_place(in, dk, out);
	score_total(dk, out);
}

void score_finish(const struct score_input *in, const struct wit_config *cfg,
                  struct score_result *out)
{
	struct derived dk;
	derive(cfg, &dk);
	memset(out, 0, sizeof *out);
	finish(in, &dk, out);
}

void score_totals(const struct score_input *in, size_t n, const struct wit_config *cfg,
                  double *totals)
{
	struct derived dk;
	struct score_result r;
	derive(cfg, &dk);
	for (size_t i = 0; i < n; i++) {
		finish(&in[i], &dk, &r);
		totals[i] = r.total;
	}
}

void score_compute(const struct invitation *inv, const struct score_context *ctx,
                   const struct wit_config *cfg, struct score_result *out)
{
	struct score_input in;
	score_prepare(inv, ctx, cfg, &in);
	score_finish(&in, cfg, out);
}

/* ---- target accounts ------------------------------------------------ */

static bool domain_matches(const char *dom, size_t dlen, const char *target)
{
	size_t tlen = strlen(target);
	if (tlen == 0 || tlen > dlen || strncasecmp(dom + dlen - tlen, target, tlen) != 0)
		return false;
	return tlen == dlen || dom[dlen - tlen - 1] == '.';
}

bool score_attendee_is_target(const struct wit_config *cfg, const char *p, size_t len)
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

void score_attendee_name(const char *line, size_t len, char *name, size_t name_len)
{
	if (name_len == 0)
		return;
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
		if (len > 0 && score_attendee_is_target(cfg, p, len)) {
			count++;
			if (name != NULL && name_len > 0 && name[0] == '\0')
				score_attendee_name(p, len, name, name_len);
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	return count;
}
