/*
 * score.c: score_compute(), the formulas of the eight components and
 * the total (docs/scoring.md is their specification; keep the two in
 * step) and the compiled knobs they run on (score_plan); target-account
 * matching is in score_target.c. Pure core: no I/O, no allocation, no
 * formatting, no globals: the weights view re-ranks 100,000 invitations
 * with it per keystroke.
 *
 * score_prepare() does the knob-independent work once per invitation
 * (profile matching, windows, copying the context); score_plan_init()
 * compiles the knobs once per batch (weights summed and scaled, curve
 * parameters defaulted, the prior's powers multiplied out), so that
 * score_finish() and the re-ranking of score_totals() are arithmetic on
 * a compact score_input: no pow() per invitation unless
 * second_degree_discount moved since the prepare, no libm call else.
 * Each formula is written once (the inline helpers below) and used by
 * both the full result and the lean totals, in the same order of
 * operations, so the two give bit-identical totals.
 *
 * Invariants the property tests check: every raw value is in 0..1; the
 * total is the sum of the contributions and lies in 0..100; a zero
 * weight contributes exactly 0; more matching audience never lowers the
 * total; more duration, travel, preparation or ticket never raises it
 * (so no formula here may reward hours of this event).
 */
#include "score_math.h"

#include <string.h>

/* ---- the plan: what the knobs alone decide --------------------------- */

static void plan_overlap(struct score_plan *pl, const struct wit_config *cfg, bool with_table)
{
	const double *k = cfg->score.knob;
	pl->disc = score_clamp01(k[KNOB_SECOND_DEGREE_DISCOUNT]);
	pl->undescribed = score_clamp01(k[KNOB_UNDESCRIBED_MATCH]);
	pl->prior = score_clamp01(k[KNOB_UNKNOWN_DIMENSION_MATCH]);
	score_dim_exponents(cfg, pl->dim_exponent);
	pl->counted = 0;
	for (int d = 0; d < DIM_COUNT; d++)
		if (pl->dim_exponent[d] > 0.0)
			pl->counted |= 1u << d;
	/* prior_factor[mask] = 1 * power[d0] * power[d1] * ... over the
	 * bits of mask in ascending order: the table entry without the top
	 * bit times that bit's power is that same product */
	pl->has_prior_table = with_table;
	pl->prior_factor[0] = 1.0;
	for (unsigned mask = 1; with_table && mask < (1u << DIM_COUNT); mask++) {
		int top = DIM_COUNT - 1;
		while (!((mask >> top) & 1u))
			top--;
		pl->prior_factor[mask] = pl->prior_factor[mask & ~(1u << top)] *
		                         score_power01(pl->prior, pl->dim_exponent[top]);
	}
	pl->overlap_half = score_positive_or(k[KNOB_OVERLAP_HALF], 1.0);
	pl->attendance = (int)score_round_half_away(k[KNOB_DEFAULT_ATTENDANCE]);
	pl->people_met = score_positive_or(k[KNOB_PEOPLE_MET], 1.0);
}

static void plan_total(struct score_plan *pl, const struct wit_config *cfg)
{
	const double *k = cfg->score.knob;
	pl->wsum = 0.0;
	for (int c = 0; c < SC_COUNT; c++) {
		pl->weight[c] = score_nonneg(k[c]);
		pl->wsum += pl->weight[c];
	}
	pl->factor[0] = 1.0;
	pl->factor[1] = score_clamp01(k[KNOB_CONFLICT_FACTOR]);
	for (int g = 0; g < 2; g++) {
		double scale = pl->wsum > 0.0 ? 100.0 * pl->factor[g] / pl->wsum : 0.0;
		for (int c = 0; c < SC_COUNT; c++)
			pl->scaled[g][c] = scale * pl->weight[c];
	}
	pl->go = k[KNOB_GO_THRESHOLD];
	pl->maybe = k[KNOB_MAYBE_THRESHOLD];
}

/* with_table false: no prior_factor table, for a plan that scores one
 * invitation (score_compute): its few products are cheaper made when
 * needed than 16 of them made in advance. */
static void plan_init(struct score_plan *pl, const struct wit_config *cfg, bool with_table)
{
	const double *k = cfg->score.knob;
	memset(pl, 0, sizeof *pl);
	plan_overlap(pl, cfg, with_table);
	pl->all_day_hours = k[KNOB_ALL_DAY_HOURS];
	pl->time_half = score_positive_or(k[KNOB_TIME_HALF_HOURS], 1.0);
	pl->fallback_rate = score_round_half_away(k[KNOB_FALLBACK_RATE]);
	pl->per_day_min = (int)score_round_half_away(k[KNOB_ALL_DAY_HOURS] * 60.0);
	pl->outside_zero = score_positive_or(k[KNOB_OUTSIDE_ZERO_MIN], 1.0);
	pl->lo = score_nonneg(cfg->budget_min_hours);
	double hi = score_nonneg(cfg->budget_max_hours);
	pl->hi = hi < pl->lo ? pl->lo : hi;
	pl->bonus = k[KNOB_BUDGET_UNDER_BONUS];
	pl->over_zero = score_positive_or(k[KNOB_BUDGET_OVER_ZERO_HOURS], 1.0);
	pl->lead_value_hours = score_nonneg(k[KNOB_LEAD_VALUE_HOURS]);
	pl->prior_h = score_nonneg(k[KNOB_TRACK_PRIOR_HOURS]);
	pl->prior_roi = score_nonneg(k[KNOB_TRACK_PRIOR_ROI]);
	pl->track_half = score_positive_or(k[KNOB_TRACK_HALF_ROI], 1.0);
	pl->client = score_nonneg(k[KNOB_CLIENT_POINTS]);
	pl->warm = score_nonneg(k[KNOB_WARM_POINTS]);
	pl->target = score_nonneg(k[KNOB_TARGET_POINTS]);
	pl->rel_half = score_positive_or(k[KNOB_RELATIONSHIPS_HALF], 1.0);
	pl->slot = score_clamp01(k[KNOB_STAGE_SLOT]);
	pl->fee_half = score_positive_or(k[KNOB_STAGE_FEE_HALF_HOURS], 1.0);
	unsigned scope = (unsigned)cfg->scope < SCOPE_COUNT ? (unsigned)cfg->scope : SCOPE_LOCAL;
	for (int r = 0; r < REACH_COUNT; r++)
		pl->locality[r] = score_clamp01(k[KNOB_LOCALITY_FIRST_ + scope * REACH_COUNT + r]);
	plan_total(pl, cfg);
}

void score_plan_init(struct score_plan *pl, const struct wit_config *cfg)
{
	plan_init(pl, cfg, true);
}

/* ---- the formulas of docs/scoring.md, shared by the full result and
 * the lean totals of re-ranking (so the two cannot drift apart) ------- */

/* x / (x + half): the saturating curve of most components. */
static inline double half_curve(double x, double half)
{
	return x / (x + half);
}

/* Prospects match the profile on every counted dimension at once: the
 * product of the dimensions' matches, each to its exponent; dimensions
 * the invitation does not describe take the prior. */
SCORE_INLINE double overlap_match(const struct score_plan *pl, const struct score_input *in)
{
	unsigned described = in->described & pl->counted;
	if (described == 0)
		return pl->undescribed;
	unsigned prior = pl->counted & ~described;
	double prior_factor = pl->has_prior_table ? pl->prior_factor[prior] : 1.0;
	if (!pl->has_prior_table) /* the table's product, made here */
		for (int d = 0; d < DIM_COUNT; d++)
			if ((prior >> d) & 1u)
				prior_factor *= score_power01(pl->prior, pl->dim_exponent[d]);
	double match = in->match_known * prior_factor;
	if (in->match_late == 0)
		return match;
	bool reuse = pl->disc == in->late_disc;
	for (int d = 0; d < DIM_COUNT; d++)
		if ((in->match_late >> d) & 1u)
			match *= reuse ? in->late_factor[d]
			               : score_power01(score_clamp01(in->first[d] + pl->disc * in->second[d]),
			                         pl->dim_exponent[d]);
	return match;
}

static inline int attendance_of(const struct score_plan *pl, const struct score_input *in)
{
	return in->attendance <= 0 ? pl->attendance : in->attendance;
}

/* match * min(attendance, people_met): the prospects one talks to. */
static inline double prospects_met(const struct score_plan *pl, double match, int attendance)
{
	double people = (double)attendance;
	return match * (people < pl->people_met ? people : pl->people_met);
}

static inline int64_t rate_of(const struct score_plan *pl, const struct score_input *in)
{
	int64_t rate = in->rate_minor > 0 ? in->rate_minor : pl->fallback_rate;
	return rate < 1 ? 1 : rate;
}

static inline double event_hours_of(const struct score_plan *pl, const struct score_input *in)
{
	return in->all_day ? in->all_day_days * pl->all_day_hours : in->event_hours;
}

static inline int64_t cost_of(double hours, int64_t rate, const struct score_input *in)
{
	return score_round_half_away(hours * (double)rate) + in->ticket_minor;
}

static inline int outside_of(const struct score_plan *pl, const struct score_input *in)
{
	if (!in->all_day)
		return in->outside_min;
	int outside = 0;
	for (int wd = 0; wd < 7; wd++) {
		int free_min = pl->per_day_min - in->window_min[wd];
		outside += in->day_count[wd] * (free_min > 0 ? free_min : 0);
	}
	return outside;
}

static inline double availability_raw(const struct score_plan *pl, const struct score_input *in,
                                      int outside)
{
	return in->has_conflict ? 0.0 : score_clamp01(1.0 - outside / pl->outside_zero);
}

static inline double budget_raw(const struct score_plan *pl, double after)
{
	double raw;
	if (after <= pl->lo)
		raw = 0.5 + pl->bonus;
	else if (after <= pl->hi)
		raw = 0.5 + pl->bonus * (pl->hi - after) / (pl->hi - pl->lo);
	else
		raw = 0.5 * score_clamp01(1.0 - (after - pl->hi) / pl->over_zero);
	return score_clamp01(raw);
}

/* The shrunk value per hour, in multiples of the rate; *events gets the
 * events behind it (the largest grouping's). */
static inline double track_estimate(const struct score_plan *pl, const struct score_input *in,
                                    double rate, int *events)
{
	double lead_value = pl->lead_value_hours * rate;
	double est = pl->prior_roi;
	*events = 0;
	for (int i = 0; i < in->n_track; i++) {
		const struct score_track_input *t = &in->track[i];
		if (t->hours + pl->prior_h <= 0.0)
			continue;
		if (t->events > *events)
			*events = t->events;
		double value = t->revenue + t->leads * lead_value;
		est = (value / rate + pl->prior_h * est) / (t->hours + pl->prior_h);
	}
	return est;
}

static inline double relationship_points(const struct score_plan *pl,
                                         const struct score_input *in)
{
	return in->n_clients * pl->client + in->n_warm * pl->warm + in->n_target * pl->target;
}

static inline double stage_raw(const struct score_plan *pl, const struct score_input *in,
                               double fee_rate_hours)
{
	return in->is_speaking ? pl->slot + (1.0 - pl->slot) * fee_rate_hours /
	                                            (fee_rate_hours + pl->fee_half)
	                       : 0.0;
}

static inline double locality_raw(const struct score_plan *pl, const struct score_input *in)
{
	return pl->locality[in->reach < REACH_COUNT ? in->reach : REACH_LOCAL];
}

/* ---- the full result ------------------------------------------------ */

static void finish_overlap(const struct score_plan *pl, const struct score_input *in,
                           struct score_result *r)
{
	for (int d = 0; d < DIM_COUNT; d++) {
		r->dim_match[d] = (in->described >> d) & 1u
		                          ? score_clamp01(in->first[d] + pl->disc * in->second[d])
		                          : pl->prior;
		r->dim_exponent[d] = pl->dim_exponent[d];
	}
	r->dim_described = in->described;
	r->match = overlap_match(pl, in);
	r->attendance_assumed = in->attendance <= 0;
	r->attendance = attendance_of(pl, in);
	r->prospects = r->match * r->attendance;
	r->prospects_met = prospects_met(pl, r->match, r->attendance);
	r->part[SC_OVERLAP].raw = half_curve(r->prospects_met, pl->overlap_half);
}

static void finish_cost_and_time(const struct score_plan *pl, const struct score_input *in,
                                 struct score_result *r)
{
	r->event_hours = event_hours_of(pl, in);
	r->hours = r->event_hours + in->extra_hours;
	r->rate_minor = rate_of(pl, in);
	r->cost_minor = cost_of(r->hours, r->rate_minor, in);
	r->cost_rate_hours = (double)r->cost_minor / (double)r->rate_minor;
	r->part[SC_TIME_COST].raw = half_curve(pl->time_half, r->cost_rate_hours);
	r->outside_min = outside_of(pl, in);
	r->has_conflict = in->has_conflict;
	r->part[SC_AVAILABILITY].raw = availability_raw(pl, in, r->outside_min);
	r->factor = pl->factor[in->has_conflict];
	r->budget_after_hours = in->committed_hours + r->hours;
	r->part[SC_BUDGET].raw = budget_raw(pl, r->budget_after_hours);
}

static void finish_record_and_people(const struct score_plan *pl, const struct score_input *in,
                                     struct score_result *r)
{
	double rate = (double)r->rate_minor;
	r->roi = track_estimate(pl, in, rate, &r->history_events);
	r->has_history = r->history_events > 0;
	r->value_per_hour_minor = r->roi * rate;
	r->part[SC_TRACK_RECORD].raw = half_curve(r->roi, pl->track_half);
	r->relationship_points = relationship_points(pl, in);
	r->part[SC_RELATIONSHIPS].raw = half_curve(r->relationship_points, pl->rel_half);
	r->fee_rate_hours = (double)in->fee_minor / rate;
	r->part[SC_STAGE].raw = stage_raw(pl, in, r->fee_rate_hours);
	r->part[SC_LOCALITY].raw = locality_raw(pl, in);
}

static void finish_total(const struct score_plan *pl, struct score_result *r)
{
	const double *scaled = pl->scaled[r->has_conflict];
	r->total = 0.0;
	for (int c = 0; c < SC_COUNT; c++) {
		r->part[c].weight = pl->weight[c];
		r->part[c].raw = score_clamp01(r->part[c].raw);
		r->part[c].contribution = scaled[c] * r->part[c].raw;
		r->total += r->part[c].contribution;
	}
	if (r->has_conflict)
		r->verdict = VERDICT_SKIP;
	else if (r->total >= pl->go)
		r->verdict = VERDICT_GO;
	else if (r->total >= pl->maybe)
		r->verdict = VERDICT_MAYBE;
	else
		r->verdict = VERDICT_SKIP;
}

void score_plan_finish(const struct score_plan *pl, const struct score_input *in,
                       struct score_result *out)
{
	memset(out, 0, sizeof *out);
	out->is_past = in->is_past;
	finish_overlap(pl, in, out);
	finish_cost_and_time(pl, in, out); /* sets rate_minor first */
	finish_record_and_people(pl, in, out);
	finish_total(pl, out);
}

void score_finish(const struct score_input *in, const struct wit_config *cfg,
                  struct score_result *out)
{
	struct score_plan pl;
	plan_init(&pl, cfg, false);
	score_plan_finish(&pl, in, out);
}

/* ---- the lean path: raw values and total only ------------------------- */

#define ALL_COMPONENTS ((1u << SC_COUNT) - 1u)
#define BIT(c) (1u << (c))

/* The same formulas and the same order of operations as the full
 * result, without the explanation's figures, for the components in
 * mask (the others' raw values are left as they are): the totals are
 * identical to score_plan_finish's (test_score_props and test_preview
 * check). With a constant mask the compiler drops the unused parts. */
SCORE_INLINE void plan_raw(const struct score_plan *pl, const struct score_input *in,
                            unsigned mask, double raw[SC_COUNT])
{
	if (mask & BIT(SC_OVERLAP)) {
		double met = prospects_met(pl, overlap_match(pl, in), attendance_of(pl, in));
		raw[SC_OVERLAP] = half_curve(met, pl->overlap_half);
	}
	int64_t rate = rate_of(pl, in);
	double rate_d = (double)rate;
	double hours = event_hours_of(pl, in) + in->extra_hours;
	if (mask & BIT(SC_TIME_COST)) {
		double cost_rate_hours = (double)cost_of(hours, rate, in) / rate_d;
		raw[SC_TIME_COST] = half_curve(pl->time_half, cost_rate_hours);
	}
	if (mask & BIT(SC_AVAILABILITY))
		raw[SC_AVAILABILITY] = availability_raw(pl, in, outside_of(pl, in));
	if (mask & BIT(SC_BUDGET))
		raw[SC_BUDGET] = budget_raw(pl, in->committed_hours + hours);
	if (mask & BIT(SC_TRACK_RECORD)) {
		int events;
		raw[SC_TRACK_RECORD] =
			half_curve(track_estimate(pl, in, rate_d, &events), pl->track_half);
	}
	if (mask & BIT(SC_RELATIONSHIPS))
		raw[SC_RELATIONSHIPS] = half_curve(relationship_points(pl, in), pl->rel_half);
	if (mask & BIT(SC_STAGE))
		raw[SC_STAGE] =
			in->is_speaking ? stage_raw(pl, in, (double)in->fee_minor / rate_d) : 0.0;
	if (mask & BIT(SC_LOCALITY))
		raw[SC_LOCALITY] = locality_raw(pl, in);
	for (int c = 0; c < SC_COUNT; c++)
		if (mask & BIT(c))
			raw[c] = score_clamp01(raw[c]);
}

static inline double plan_total_of(const struct score_plan *pl, const struct score_input *in,
                                   const double raw[SC_COUNT])
{
	const double *scaled = pl->scaled[in->has_conflict];
	double total = 0.0;
	for (int c = 0; c < SC_COUNT; c++)
		total += scaled[c] * raw[c];
	return total;
}

double score_plan_raw(const struct score_plan *pl, const struct score_input *in,
                      double raw[SC_COUNT])
{
	plan_raw(pl, in, ALL_COMPONENTS, raw);
	return plan_total_of(pl, in, raw);
}

void score_plan_raw_some(const struct score_plan *pl, const struct score_input *in,
                         unsigned mask, double raw[SC_COUNT])
{
	plan_raw(pl, in, mask & ALL_COMPONENTS, raw);
}

/* Which raw values each formula parameter enters, read off the formulas
 * above: keep in step with them (test_preview checks every knob). */
unsigned score_knob_components(enum score_knob k)
{
	if (k >= KNOB_LOCALITY_FIRST_ && k < KNOB_COUNT)
		return BIT(SC_LOCALITY);
	switch (k) {
	case KNOB_SECOND_DEGREE_DISCOUNT:
	case KNOB_DEFAULT_ATTENDANCE:
	case KNOB_UNDESCRIBED_MATCH:
	case KNOB_UNKNOWN_DIMENSION_MATCH:
	case KNOB_OVERLAP_HALF:
	case KNOB_PEOPLE_MET: return BIT(SC_OVERLAP);
	case KNOB_TIME_HALF_HOURS: return BIT(SC_TIME_COST);
	case KNOB_ALL_DAY_HOURS: /* the hours: cost, time outside, budget */
		return BIT(SC_TIME_COST) | BIT(SC_AVAILABILITY) | BIT(SC_BUDGET);
	case KNOB_FALLBACK_RATE: /* the rate: cost, value of history, fee */
		return BIT(SC_TIME_COST) | BIT(SC_TRACK_RECORD) | BIT(SC_STAGE);
	case KNOB_OUTSIDE_ZERO_MIN: return BIT(SC_AVAILABILITY);
	case KNOB_BUDGET_UNDER_BONUS:
	case KNOB_BUDGET_OVER_ZERO_HOURS: return BIT(SC_BUDGET);
	case KNOB_LEAD_VALUE_HOURS:
	case KNOB_TRACK_PRIOR_ROI:
	case KNOB_TRACK_PRIOR_HOURS:
	case KNOB_TRACK_HALF_ROI: return BIT(SC_TRACK_RECORD);
	case KNOB_CLIENT_POINTS:
	case KNOB_WARM_POINTS:
	case KNOB_TARGET_POINTS:
	case KNOB_RELATIONSHIPS_HALF: return BIT(SC_RELATIONSHIPS);
	case KNOB_STAGE_SLOT:
	case KNOB_STAGE_FEE_HALF_HOURS: return BIT(SC_STAGE);
	default: return 0; /* weights, thresholds, conflict_factor (g) */
	}
}

void score_plan_totals(const struct score_plan *pl, const struct score_input *in, size_t n,
                       double *totals)
{
	for (size_t i = 0; i < n; i++) {
		double raw[SC_COUNT];
		plan_raw(pl, &in[i], ALL_COMPONENTS, raw);
		totals[i] = plan_total_of(pl, &in[i], raw);
	}
}

void score_totals(const struct score_input *in, size_t n, const struct wit_config *cfg,
                  double *totals)
{
	struct score_plan pl;
	score_plan_init(&pl, cfg);
	score_plan_totals(&pl, in, n, totals);
}

void score_plan_compute(const struct score_plan *pl, const struct invitation *inv,
                        const struct score_context *ctx, const struct wit_config *cfg,
                        struct score_result *out)
{
	struct score_input in;
	score_prepare_with(inv, ctx, cfg, pl->dim_exponent, &in);
	score_plan_finish(pl, &in, out);
}

void score_compute(const struct invitation *inv, const struct score_context *ctx,
                   const struct wit_config *cfg, struct score_result *out)
{
	struct score_plan pl;
	plan_init(&pl, cfg, false);
	score_plan_compute(&pl, inv, ctx, cfg, out);
}

