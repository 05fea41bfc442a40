/*
 * score_prepare.c: score_prepare(), the once-per-invitation work of the
 * scoring engine that no knob changes (score.h): matching the audience
 * to the profile per dimension and multiplying out the factors that do
 * not depend on a knob, the minutes away outside the availability
 * windows, the hours and money of the event, and the context (history,
 * contacts, conflicts) copied into a compact score_input. Pure core: no
 * I/O, no allocation. score.c applies the knobs.
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
}

/* Groupings with events, broadest first (the order of the shrinkage). */
static void prepare_track(const struct score_context *ctx, struct score_input *in)
{
	for (int lv = 0; lv < TRACK_LEVEL_COUNT; lv++) {
		const struct score_track *t = &ctx->track[lv];
		if (t->events <= 0)
			continue;
		in->track[in->n_track++] = (struct score_track_input){
			.hours = score_nonneg(t->hours),
			.revenue = (double)(t->revenue_minor > 0 ? t->revenue_minor : 0),
			.leads = t->leads > 0 ? t->leads : 0,
			.events = t->events,
		};
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
	in->n_clients = ctx->n_clients > 0 ? ctx->n_clients : 0;
	in->n_warm = ctx->n_warm > 0 ? ctx->n_warm : 0;
	in->n_target = ctx->n_target > 0 ? ctx->n_target : 0;
	in->has_conflict = ctx->n_conflicts > 0;
}

void score_prepare(const struct invitation *inv, const struct score_context *ctx,
                   const struct wit_config *cfg, struct score_input *in)
{
	double e[DIM_COUNT];
	score_dim_exponents(cfg, e);
	score_prepare_with(inv, ctx, cfg, e, in);
}
