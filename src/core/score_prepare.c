/*
 * score_prepare.c: score_prepare(), the once-per-invitation work of the
 * scoring engine that no knob changes (score.h): matching the audience
 * to the profile per dimension and multiplying out the factors that do
 * not depend on a knob, the minutes away outside the availability
 * windows, the gates (a conflict or busy event from the context, a
 * config "blocked" window), the hours and money of the event, and the
 * context (history, people) copied into a compact score_input. Pure
 * core: no I/O, no allocation. score.c applies the knobs.
 */
#include "score_math.h"
#include "worthit/timeutil.h"

#include <string.h>

#define DAY_SEC 86400
#define MAX_DAYS 62 /* longer away-intervals are counted up to this */

void score_context_init(struct score_context *ctx)
{
	memset(ctx, 0, sizeof *ctx);
}

static double segment_weight(const struct profile_dimension *pd, const char *value)
{
	for (size_t i = 0; i < pd->n; i++)
		if (pd->seg[i].value[0] == value[0] && strcmp(pd->seg[i].value, value) == 0)
			return score_clamp01(pd->seg[i].weight);
	return 0.0;
}

static void prepare_audience(const struct invitation *inv, const struct wit_config *cfg,
                             const double e[DIM_COUNT], struct score_input *in)
{
	for (size_t i = 0; i < inv->n_shares && i < INVITE_SHARES_MAX; i++) {
		const struct audience_share *s = &inv->shares[i];
		if ((unsigned)s->dim >= DIM_COUNT)
			continue;
		in->described |= (unsigned char)(1u << s->dim);
		double m = score_clamp01(s->share) * segment_weight(&cfg->profile[s->dim], s->value);
		if (s->is_second_degree)
			in->second[s->dim] += m;
		else
			in->first[s->dim] += m;
	}
	/* the factors no knob changes are multiplied once, here; those of
	 * dimensions with second-degree shares depend on
	 * second_degree_discount: computed for its current value, which
	 * re-ranking reuses while the knob keeps it */
	in->match_known = 1.0;
	in->late_disc = score_clamp01(cfg->score.knob[KNOB_SECOND_DEGREE_DISCOUNT]);
	for (int d = 0; d < DIM_COUNT; d++) {
		if (!((in->described >> d) & 1u) || e[d] == 0.0)
			continue;
		if (in->second[d] > 0.0) {
			in->match_late |= (unsigned char)(1u << d);
			in->late_factor[d] =
				score_power01(score_clamp01(in->first[d] + in->late_disc * in->second[d]), e[d]);
		} else {
			in->match_known *= score_power01(score_clamp01(in->first[d]), e[d]);
		}
	}
}

/* Minutes of [s, e) (minutes of a local day) covered by the day's
 * windows; windows may overlap each other, their union counts. */
static int windows_cover(const struct avail_window *src, size_t n_src, int s, int e)
{
	size_t n = n_src < AVAIL_WINDOWS_MAX ? n_src : AVAIL_WINDOWS_MAX;
	struct avail_window w[AVAIL_WINDOWS_MAX];
	for (size_t i = 0; i < n; i++) { /* insertion sort by start */
		size_t j = i;
		while (j > 0 && w[j - 1].start_min > src[i].start_min) {
			w[j] = w[j - 1];
			j--;
		}
		w[j] = src[i];
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

static int minutes_inside(const struct wit_config *cfg, int wd, int s, int e)
{
	return windows_cover(cfg->avail[wd], cfg->n_avail[wd], s, e);
}

/* The first blocked window of weekday wd that [s, e) enters, or -1. */
static int blocked_window(const struct wit_config *cfg, int wd, int s, int e)
{
	size_t n = cfg->n_blocked[wd] < AVAIL_WINDOWS_MAX ? cfg->n_blocked[wd] : AVAIL_WINDOWS_MAX;
	for (size_t i = 0; i < n; i++)
		if (cfg->blocked[wd][i].start_min < e && s < cfg->blocked[wd][i].end_min)
			return (int)i;
	return -1;
}

static void set_blocked(const struct wit_config *cfg, int wd, int i, struct score_input *in)
{
	in->gate = GATE_BLOCKED;
	in->blocked_wday = (short)wd;
	in->blocked_start = (short)cfg->blocked[wd][i].start_min;
	in->blocked_end = (short)cfg->blocked[wd][i].end_min;
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

/* The away time [start - travel, end + travel] enters a blocked window:
 * the gate, with the first such window for the explanation. An all-day
 * event is gated only by a day blocked from 00:00 to 24:00. */
static void gate_blocked(const struct invitation *inv, const struct score_context *ctx,
                         const struct wit_config *cfg, int travel, struct score_input *in)
{
	if (inv->all_day) {
		for (int wd = 0; wd < 7; wd++)
			if (in->day_count[wd] > 0 &&
			    windows_cover(cfg->blocked[wd], cfg->n_blocked[wd], 0, 1440) == 1440) {
				set_blocked(cfg, wd, 0, in);
				return;
			}
		return;
	}
	int64_t a = inv->starts_at - (int64_t)travel * 60 + ctx->utc_offset_sec;
	int64_t b = inv->ends_at + (int64_t)travel * 60 + ctx->utc_offset_sec;
	int64_t day = (a >= 0 ? a : a - (DAY_SEC - 1)) / DAY_SEC;
	for (int n = 0; day * DAY_SEC < b && n < MAX_DAYS; day++, n++) {
		int64_t d0 = day * DAY_SEC;
		int s = (int)(((a > d0 ? a : d0) - d0) / 60);
		int e = (int)(((b < d0 + DAY_SEC ? b : d0 + DAY_SEC) - d0 + 59) / 60);
		int wd = time_weekday(d0, 0);
		int i = blocked_window(cfg, wd, s, e);
		if (i >= 0) {
			set_blocked(cfg, wd, i, in);
			return;
		}
	}
}

static void prepare_time(const struct invitation *inv, const struct score_context *ctx,
                         const struct wit_config *cfg, struct score_input *in)
{
	int travel = inv->reach == REACH_VIRTUAL || inv->travel_min < 0 ? 0 : inv->travel_min;
	int prep = inv->prep_min > 0 ? inv->prep_min : 0;
	in->extra_hours = (2.0 * travel + prep) / 60.0;
	in->all_day = inv->all_day;
	if (inv->all_day) {
		int64_t days = (inv->ends_at - inv->starts_at + DAY_SEC - 1) / DAY_SEC;
		in->all_day_days = (unsigned char)(days < 1 ? 1 : days > MAX_DAYS ? MAX_DAYS : days);
		for (int d = 0; d < in->all_day_days; d++)
			in->day_count[time_weekday(inv->starts_at + (int64_t)d * DAY_SEC, 0)]++;
		for (int wd = 0; wd < 7; wd++)
			in->window_min[wd] = (short)minutes_inside(cfg, wd, 0, 1440);
	} else {
		in->event_hours = score_nonneg((double)(inv->ends_at - inv->starts_at) / 3600.0);
		in->outside_min = outside_timed(inv, ctx, cfg, travel);
	}
	gate_blocked(inv, ctx, cfg, travel, in);
}

static struct score_track_input track_input(const struct score_track *t)
{
	return (struct score_track_input){
		.hours = score_nonneg(t->hours),
		.revenue = (double)(t->revenue_minor > 0 ? t->revenue_minor : 0),
		.leads = t->leads > 0 ? t->leads : 0,
		.events = t->events > 0 ? t->events : 0,
		.people_met = score_nonneg(t->people_met),
	};
}

/* The track record: organizer, then series (the order of the
 * shrinkage), those with events. The room's history: every past event,
 * then this kind's (the kind is the room's prior, never the people's). */
static void prepare_track(const struct score_context *ctx, struct score_input *in)
{
	for (int lv = TRACK_ORGANIZER; lv <= TRACK_SERIES; lv++)
		if (ctx->track[lv].events > 0)
			in->track[in->n_track++] = track_input(&ctx->track[lv]);
	in->room[0] = track_input(&ctx->all);
	in->room[1] = track_input(&ctx->track[TRACK_KIND]);
}

static int nonneg_int(int x)
{
	return x > 0 ? x : 0;
}

static void prepare_people(const struct score_context *ctx, struct score_input *in)
{
	const struct score_people *p = &ctx->people;
	in->people = (struct score_people){
		.clients = nonneg_int(p->clients),
		.client_deals_minor = p->client_deals_minor > 0 ? p->client_deals_minor : 0,
		.prospects = nonneg_int(p->prospects),
		.referrers = nonneg_int(p->referrers),
		.referrer_credit_minor = p->referrer_credit_minor > 0 ? p->referrer_credit_minor : 0,
		.warm = nonneg_int(p->warm),
		.target = nonneg_int(p->target),
		.organizer_known = p->organizer_known,
	};
	/* a context filled the v1 way (counts only) still counts */
	if (in->people.clients == 0 && in->people.warm == 0 && in->people.target == 0) {
		in->people.clients = nonneg_int(ctx->n_clients);
		in->people.warm = nonneg_int(ctx->n_warm);
		in->people.target = nonneg_int(ctx->n_target);
	}
}

void score_prepare_with(const struct invitation *inv, const struct score_context *ctx,
                        const struct wit_config *cfg, const double e[DIM_COUNT],
                        struct score_input *in)
{
	memset(in, 0, sizeof *in);
	in->id = inv->id;
	in->starts_at = inv->starts_at;
	in->is_past = inv->starts_at < ctx->now;
	prepare_audience(inv, cfg, e, in);
	in->attendance = inv->expected_attendance > 0 ? inv->expected_attendance : 0;
	prepare_time(inv, ctx, cfg, in);
	in->ticket_minor = inv->ticket_minor > 0 ? inv->ticket_minor : 0;
	in->fee_minor = inv->speaking_fee_minor > 0 ? inv->speaking_fee_minor : 0;
	in->is_speaking = inv->is_speaking;
	in->rate_minor = cfg->hourly_rate_minor > 0 ? cfg->hourly_rate_minor : 0;
	in->reach = (unsigned)inv->reach < REACH_COUNT ? (unsigned char)inv->reach : REACH_LOCAL;
	in->committed_hours = score_nonneg(ctx->committed_hours);
	prepare_track(ctx, in);
	prepare_people(ctx, in);
	/* a clash with the calendar outranks a blocked window in the reason */
	if (ctx->n_conflicts > 0)
		in->gate = ctx->conflict_is_busy ? GATE_BUSY : GATE_CONFLICT;
	in->has_conflict = in->gate != GATE_NONE;
}

void score_prepare(const struct invitation *inv, const struct score_context *ctx,
                   const struct wit_config *cfg, struct score_input *in)
{
	double e[DIM_COUNT];
	score_dim_exponents(cfg, e);
	score_prepare_with(inv, ctx, cfg, e, in);
}
