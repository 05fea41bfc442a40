/*
 * score.c: score_compute(), the formulas of score v2 (docs/scoring.md
 * is their specification; keep the two in step): the gates, the value
 * terms (room, people, stage, track record, balance) and the cost terms
 * (cost, availability, over the band), all in hours of the user's rate,
 * and the compiled knobs they run on (score_plan). Target-account
 * matching is in score_target.c. Pure core: no I/O, no allocation, no
 * formatting, no globals: the weights view re-ranks 100,000 invitations
 * with it per keystroke.
 *
 * score_prepare() does the knob-independent work once per invitation
 * (profile matching, windows, gates, copying the context);
 * score_plan_init() compiles the knobs once per batch, so that
 * score_finish() and the re-ranking of score_totals() are arithmetic on
 * a compact score_input. Each formula is written once (the inline
 * helpers below) and used by both the full result and the lean totals,
 * and the total of both is score_total_of() of score.h, so the two give
 * bit-identical totals.
 *
 * Invariants the property tests check: every raw term is >= 0; the
 * total lies in 0..100 and is the sum of the contributions; a zero
 * weight removes its term; more buyers, a client or referrer, a higher
 * fee never lower the total; more duration, travel, preparation or
 * ticket never raise it (no value term reads this event's hours); a
 * gated invitation is always skip.
 */
#include "score_math.h"

#include <string.h>

/* ---- the plan: what the knobs alone decide --------------------------- */

static void plan_room(struct score_plan *pl, const struct wit_config *cfg, bool with_table)
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
	 * bits of mask in ascending order */
	pl->has_prior_table = with_table;
	pl->prior_factor[0] = 1.0;
	for (unsigned mask = 1; with_table && mask < (1u << DIM_COUNT); mask++) {
		int top = DIM_COUNT - 1;
		while (!((mask >> top) & 1u))
			top--;
		pl->prior_factor[mask] = pl->prior_factor[mask & ~(1u << top)] *
		                         score_power01(pl->prior, pl->dim_exponent[top]);
	}
	pl->attendance = (int)score_round_half_away(k[KNOB_DEFAULT_ATTENDANCE]);
	pl->people_met = score_positive_or(k[KNOB_PEOPLE_MET], 1.0);
	pl->buyer_prior = score_nonneg(k[KNOB_BUYER_VALUE_HOURS]);
	pl->buyer_n0 = score_nonneg(k[KNOB_BUYER_PRIOR_PEOPLE]);
	pl->lead_value_hours = score_nonneg(k[KNOB_LEAD_VALUE_HOURS]);
	unsigned scope = (unsigned)cfg->scope < SCOPE_COUNT ? (unsigned)cfg->scope : SCOPE_LOCAL;
	for (int r = 0; r < REACH_COUNT; r++)
		pl->locality[r] = score_clamp01(k[KNOB_LOCALITY_FIRST_ + scope * REACH_COUNT + r]);
}

static void plan_people(struct score_plan *pl, const double *k)
{
	pl->client_h = score_nonneg(k[KNOB_CLIENT_VALUE_HOURS]);
	pl->client_share = score_clamp01(k[KNOB_CLIENT_SHARE]);
	pl->prospect_h = score_nonneg(k[KNOB_PROSPECT_VALUE_HOURS]);
	pl->referrer_h = score_nonneg(k[KNOB_REFERRER_VALUE_HOURS]);
	pl->referrer_share = score_clamp01(k[KNOB_REFERRER_SHARE]);
	pl->warm_h = score_nonneg(k[KNOB_WARM_VALUE_HOURS]);
	pl->target_h = score_nonneg(k[KNOB_TARGET_VALUE_HOURS]);
	pl->exposure = score_clamp01(k[KNOB_EXPOSURE_SHARE]);
	pl->track_n0 = score_nonneg(k[KNOB_TRACK_PRIOR_EVENTS]);
}

/* with_table false: no prior_factor table, for a plan that scores one
 * invitation (score_compute). */
static void plan_init(struct score_plan *pl, const struct wit_config *cfg, bool with_table)
{
	const double *k = cfg->score.knob;
	memset(pl, 0, sizeof *pl);
	plan_room(pl, cfg, with_table);
	plan_people(pl, k);
	pl->all_day_hours = k[KNOB_ALL_DAY_HOURS];
	pl->fallback_rate = score_round_half_away(k[KNOB_FALLBACK_RATE]);
	pl->per_day_min = (int)score_round_half_away(k[KNOB_ALL_DAY_HOURS] * 60.0);
	pl->outside_extra = score_nonneg(k[KNOB_OUTSIDE_EXTRA]);
	pl->boost = score_nonneg(k[KNOB_BALANCE_BOOST]);
	pl->over_factor = score_nonneg(k[KNOB_OVER_BAND_FACTOR]);
	pl->lo = score_nonneg(cfg->budget_min_hours);
	double hi = score_nonneg(cfg->budget_max_hours);
	pl->hi = hi < pl->lo ? pl->lo : hi;
	for (int c = 0; c < SC_COUNT; c++)
		pl->weight[c] = score_nonneg(k[c]);
	pl->go = k[KNOB_GO_THRESHOLD];
	pl->maybe = k[KNOB_MAYBE_THRESHOLD];
}

void score_plan_init(struct score_plan *pl, const struct wit_config *cfg)
{
	plan_init(pl, cfg, true);
}

/* ---- the formulas of docs/scoring.md, shared by the full result and
 * the lean totals of re-ranking (so the two cannot drift apart) ------- */

/* Prospects match the profile on every counted dimension at once: the
 * product of the dimensions' matches, each to its exponent; dimensions
 * the invitation does not describe take the prior. */
SCORE_INLINE double room_match(const struct score_plan *pl, const struct score_input *in)
{
	unsigned described = in->described & pl->counted;
	if (described == 0)
		return pl->undescribed;
	unsigned prior = pl->counted & ~described;
	double prior_factor = pl->has_prior_table ? pl->prior_factor[prior] : 1.0;
	if (!pl->has_prior_table)
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

/* The people in the room besides the user. */
static inline int others_of(int attendance)
{
	return attendance > 1 ? attendance - 1 : 0;
}

/* match * min(others, people_met): the buyers one talks to. */
static inline double buyers_met(const struct score_plan *pl, double match, int others)
{
	double people = (double)others;
	return match * (people < pl->people_met ? people : pl->people_met);
}

/* The people met at past events: the context's count, else people_met
 * for each event (what one talks to at an event, as for this room). */
static inline double history_people(const struct score_plan *pl,
                                    const struct score_track_input *t)
{
	return t->people_met > 0.0 ? t->people_met : t->events * pl->people_met;
}

/* Value of one buyer met, hours of rate: the prior buyer_value_hours,
 * then every past event's value per person met, then this kind's, each
 * shrunk to the one before by buyer_prior_people. */
static inline double buyer_value(const struct score_plan *pl, const struct score_input *in,
                                 double rate)
{
	double est = pl->buyer_prior;
	for (int i = 0; i < 2; i++) {
		const struct score_track_input *t = &in->room[i];
		double people = history_people(pl, t);
		if (people + pl->buyer_n0 <= 0.0)
			continue;
		double value = t->revenue / rate + t->leads * pl->lead_value_hours;
		est = (value + pl->buyer_n0 * est) / (people + pl->buyer_n0);
	}
	return est;
}

static inline double locality_of(const struct score_plan *pl, const struct score_input *in)
{
	return pl->locality[in->reach < REACH_COUNT ? in->reach : REACH_LOCAL];
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

/* 1 while the month (before this event) is at or below the band's
 * bottom, falling linearly to 0 at its top: a month with room. It reads
 * no hour of this event, so the lift never rewards a longer event. */
static inline double band_room(const struct score_plan *pl, double committed)
{
	if (committed <= pl->lo)
		return 1.0;
	if (committed >= pl->hi)
		return 0.0;
	return (pl->hi - committed) / (pl->hi - pl->lo);
}

/* Hours of this event beyond the band's top. */
static inline double over_hours(const struct score_plan *pl, double committed, double hours)
{
	double over = committed + hours - pl->hi;
	return over <= 0.0 ? 0.0 : over < hours ? over : hours;
}

/* The expected value of one more event of this organizer and series,
 * hours of rate: their value per event, each shrunk to the one before
 * (the organizer's to 0) by track_prior_events. */
static inline double track_value(const struct score_plan *pl, const struct score_input *in,
                                 double rate, int *events)
{
	double est = 0.0;
	*events = 0;
	for (int i = 0; i < in->n_track; i++) {
		const struct score_track_input *t = &in->track[i];
		if (t->events + pl->track_n0 <= 0.0)
			continue;
		*events = t->events > *events ? t->events : *events;
		double value = t->revenue / rate + t->leads * pl->lead_value_hours;
		est = (value + pl->track_n0 * est) / (t->events + pl->track_n0);
	}
	return est;
}

static inline double people_value(const struct score_plan *pl, const struct score_input *in,
                                  double rate)
{
	const struct score_people *p = &in->people;
	return p->clients * pl->client_h + pl->client_share * (double)p->client_deals_minor / rate +
	       p->prospects * pl->prospect_h + p->referrers * pl->referrer_h +
	       pl->referrer_share * (double)p->referrer_credit_minor / rate +
	       p->warm * pl->warm_h + p->target * pl->target_h;
}

/* ---- the full result ------------------------------------------------ */

static void finish_room(const struct score_plan *pl, const struct score_input *in,
                        struct score_result *r)
{
	for (int d = 0; d < DIM_COUNT; d++) {
		r->dim_match[d] = (in->described >> d) & 1u
		                          ? score_clamp01(in->first[d] + pl->disc * in->second[d])
		                          : pl->prior;
		r->dim_exponent[d] = pl->dim_exponent[d];
	}
	r->dim_described = in->described;
	r->match = room_match(pl, in);
	r->attendance_assumed = in->attendance <= 0;
	r->attendance = attendance_of(pl, in);
	r->others = others_of(r->attendance);
	r->prospects = r->match * r->others;
	r->prospects_met = buyers_met(pl, r->match, r->others);
	r->buyer_value_hours = buyer_value(pl, in, (double)r->rate_minor);
	r->room_people_met = (int)(history_people(pl, &in->room[0]) + 0.5);
	r->locality = locality_of(pl, in);
	r->part[SC_ROOM].raw = r->prospects_met * r->buyer_value_hours * r->locality;
	r->exposure_hours = in->is_speaking ? pl->exposure * r->prospects * r->buyer_value_hours *
	                                              r->locality
	                                    : 0.0;
}

static void finish_cost(const struct score_plan *pl, const struct score_input *in,
                        struct score_result *r)
{
	r->event_hours = event_hours_of(pl, in);
	r->hours = r->event_hours + in->extra_hours;
	r->cost_minor = cost_of(r->hours, r->rate_minor, in);
	r->fee_minor = in->fee_minor;
	r->net_cost_minor = r->cost_minor - r->fee_minor;
	r->cost_rate_hours = (double)r->cost_minor / (double)r->rate_minor;
	r->part[SC_COST].raw = r->cost_rate_hours;
	r->outside_min = outside_of(pl, in);
	r->part[SC_AVAILABILITY].raw = r->outside_min / 60.0 * pl->outside_extra;
	r->committed_hours = in->committed_hours;
	r->budget_after_hours = in->committed_hours + r->hours;
	r->band_room = band_room(pl, in->committed_hours);
	r->part[SC_BALANCE].raw = pl->boost * r->band_room;
	r->over_hours = over_hours(pl, in->committed_hours, r->hours);
	r->part[SC_OVER_BAND].raw = r->over_hours * pl->over_factor;
}

static void finish_people(const struct score_plan *pl, const struct score_input *in,
                          struct score_result *r)
{
	double rate = (double)r->rate_minor;
	r->track_value_hours = track_value(pl, in, rate, &r->history_events);
	r->has_history = r->history_events > 0;
	r->part[SC_TRACK_RECORD].raw = r->track_value_hours;
	r->people_hours = people_value(pl, in, rate);
	r->part[SC_PEOPLE].raw = r->people_hours;
	r->part[SC_STAGE].raw = (double)in->fee_minor / rate + r->exposure_hours;
}

/* Points: each value term's share of V + C, the balance its lift's. */
static void finish_total(const struct score_plan *pl, struct score_result *r)
{
	double raw[SC_COUNT];
	for (int c = 0; c < SC_COUNT; c++) {
		r->part[c].raw = score_nonneg(r->part[c].raw);
		r->part[c].weight = pl->weight[c];
		raw[c] = r->part[c].raw;
	}
	r->total = score_total_of(pl->weight, raw, &r->value, &r->cost_side);
	r->ratio = r->cost_side > 0.0 ? r->value / r->cost_side : 0.0;
	double denom = r->value + r->cost_side, base = 0.0;
	for (int c = 0; c <= SC_VALUE_LAST_; c++) {
		double v = pl->weight[c] * raw[c];
		base += v;
		r->part[c].contribution = denom > 0.0 ? 100.0 * v / denom : 0.0;
	}
	r->part[SC_BALANCE].contribution =
		denom > 0.0 ? 100.0 * (r->value - base) / denom : 0.0;
	for (int c = SC_COST_FIRST_; c < SC_COUNT; c++)
		r->part[c].contribution = 0.0;
	if (r->gate != GATE_NONE)
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
	out->gate = (enum score_gate)(in->gate < GATE_COUNT ? in->gate : GATE_NONE);
	out->has_conflict = out->gate != GATE_NONE;
	out->blocked_wday = in->blocked_wday;
	out->blocked_start = in->blocked_start;
	out->blocked_end = in->blocked_end;
	out->rate_minor = rate_of(pl, in);
	finish_room(pl, in, out);
	finish_cost(pl, in, out);
	finish_people(pl, in, out);
	finish_total(pl, out);
}

void score_finish(const struct score_input *in, const struct wit_config *cfg,
                  struct score_result *out)
{
	struct score_plan pl;
	plan_init(&pl, cfg, false);
	score_plan_finish(&pl, in, out);
}

/* ---- the lean path: raw terms and total only -------------------------- */

#define ALL_COMPONENTS ((1u << SC_COUNT) - 1u)
#define BIT(c) (1u << (c))

/* The same formulas and the same order of operations as the full
 * result, for the components in mask (the others' raw terms are left as
 * they are). Room and stage share the value of a buyer met. */
SCORE_INLINE void plan_raw(const struct score_plan *pl, const struct score_input *in,
                           unsigned mask, double raw[SC_COUNT])
{
	int64_t rate = rate_of(pl, in);
	double rate_d = (double)rate;
	if (mask & (BIT(SC_ROOM) | BIT(SC_STAGE))) {
		double match = room_match(pl, in);
		int others = others_of(attendance_of(pl, in));
		double value = buyer_value(pl, in, rate_d), loc = locality_of(pl, in);
		if (mask & BIT(SC_ROOM))
			raw[SC_ROOM] = buyers_met(pl, match, others) * value * loc;
		if (mask & BIT(SC_STAGE)) {
			double exposure = in->is_speaking ? pl->exposure * (match * others) * value * loc
			                                  : 0.0;
			raw[SC_STAGE] = (double)in->fee_minor / rate_d + exposure;
		}
	}
	if (mask & BIT(SC_PEOPLE))
		raw[SC_PEOPLE] = people_value(pl, in, rate_d);
	if (mask & BIT(SC_TRACK_RECORD)) {
		int events;
		raw[SC_TRACK_RECORD] = track_value(pl, in, rate_d, &events);
	}
	double hours = event_hours_of(pl, in) + in->extra_hours;
	if (mask & BIT(SC_BALANCE))
		raw[SC_BALANCE] = pl->boost * band_room(pl, in->committed_hours);
	if (mask & BIT(SC_COST))
		raw[SC_COST] = (double)cost_of(hours, rate, in) / rate_d;
	if (mask & BIT(SC_AVAILABILITY))
		raw[SC_AVAILABILITY] = outside_of(pl, in) / 60.0 * pl->outside_extra;
	if (mask & BIT(SC_OVER_BAND))
		raw[SC_OVER_BAND] = over_hours(pl, in->committed_hours, hours) * pl->over_factor;
	for (int c = 0; c < SC_COUNT; c++)
		if (mask & BIT(c))
			raw[c] = score_nonneg(raw[c]);
}

double score_plan_raw(const struct score_plan *pl, const struct score_input *in,
                      double raw[SC_COUNT])
{
	plan_raw(pl, in, ALL_COMPONENTS, raw);
	return score_total_of(pl->weight, raw, NULL, NULL);
}

void score_plan_raw_some(const struct score_plan *pl, const struct score_input *in,
                         unsigned mask, double raw[SC_COUNT])
{
	plan_raw(pl, in, mask & ALL_COMPONENTS, raw);
}

/* Which raw terms each formula parameter enters, read off the formulas
 * above: keep in step with them (test_preview checks every knob). No
 * default: a new knob fails to compile (-Wswitch) until it is placed. */
unsigned score_knob_components(enum score_knob k)
{
	if (k >= KNOB_LOCALITY_FIRST_ && k < KNOB_COUNT)
		return BIT(SC_ROOM) | BIT(SC_STAGE);
	switch (k) {
	case KNOB_SECOND_DEGREE_DISCOUNT:
	case KNOB_DEFAULT_ATTENDANCE:
	case KNOB_UNDESCRIBED_MATCH:
	case KNOB_UNKNOWN_DIMENSION_MATCH:
	case KNOB_BUYER_VALUE_HOURS:
	case KNOB_BUYER_PRIOR_PEOPLE: return BIT(SC_ROOM) | BIT(SC_STAGE);
	case KNOB_PEOPLE_MET: return BIT(SC_ROOM) | BIT(SC_STAGE); /* and history */
	case KNOB_LEAD_VALUE_HOURS: /* room history and track record */
		return BIT(SC_ROOM) | BIT(SC_STAGE) | BIT(SC_TRACK_RECORD);
	case KNOB_ALL_DAY_HOURS: /* the hours: cost, time outside, band */
		return BIT(SC_COST) | BIT(SC_AVAILABILITY) | BIT(SC_OVER_BAND);
	case KNOB_FALLBACK_RATE: /* the rate turns money into hours */
		return BIT(SC_ROOM) | BIT(SC_STAGE) | BIT(SC_PEOPLE) | BIT(SC_TRACK_RECORD) |
		       BIT(SC_COST);
	case KNOB_OUTSIDE_EXTRA: return BIT(SC_AVAILABILITY);
	case KNOB_BALANCE_BOOST: return BIT(SC_BALANCE);
	case KNOB_OVER_BAND_FACTOR: return BIT(SC_OVER_BAND);
	case KNOB_TRACK_PRIOR_EVENTS: return BIT(SC_TRACK_RECORD);
	case KNOB_CLIENT_VALUE_HOURS:
	case KNOB_CLIENT_SHARE:
	case KNOB_PROSPECT_VALUE_HOURS:
	case KNOB_REFERRER_VALUE_HOURS:
	case KNOB_REFERRER_SHARE:
	case KNOB_WARM_VALUE_HOURS:
	case KNOB_TARGET_VALUE_HOURS: return BIT(SC_PEOPLE);
	case KNOB_EXPOSURE_SHARE: return BIT(SC_STAGE);
	case KNOB_W_ROOM:
	case KNOB_W_PEOPLE:
	case KNOB_W_STAGE:
	case KNOB_W_TRACK_RECORD:
	case KNOB_W_BALANCE:
	case KNOB_W_COST:
	case KNOB_W_AVAILABILITY:
	case KNOB_W_OVER_BAND:
	case KNOB_GO_THRESHOLD:
	case KNOB_MAYBE_THRESHOLD:
	case KNOB_LOCALITY_LOCAL_REGIONAL:
	case KNOB_LOCALITY_LOCAL_VIRTUAL:
	case KNOB_LOCALITY_REGIONAL_LOCAL:
	case KNOB_LOCALITY_REGIONAL_REGIONAL:
	case KNOB_LOCALITY_REGIONAL_VIRTUAL:
	case KNOB_LOCALITY_NATIONAL_LOCAL:
	case KNOB_LOCALITY_NATIONAL_REGIONAL:
	case KNOB_LOCALITY_NATIONAL_VIRTUAL:
	case KNOB_LOCALITY_ONLINE_LOCAL:
	case KNOB_LOCALITY_ONLINE_REGIONAL:
	case KNOB_LOCALITY_ONLINE_VIRTUAL:
	case KNOB_LOCALITY_LOCAL_LOCAL:
	case KNOB_COUNT: return 0;
	}
	return 0;
}

void score_plan_totals(const struct score_plan *pl, const struct score_input *in, size_t n,
                       double *totals)
{
	for (size_t i = 0; i < n; i++) {
		double raw[SC_COUNT];
		plan_raw(pl, &in[i], ALL_COMPONENTS, raw);
		totals[i] = score_total_of(pl->weight, raw, NULL, NULL);
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
