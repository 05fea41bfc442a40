/*
 * score_explain.c: the one-line explanation of each score component,
 * written on demand from a computed score_result (score_compute itself
 * never formats), and money formatting for those lines. Pure core: no
 * I/O; it formats into the caller's buffer with snprintf and always
 * NUL-terminates, truncating when the buffer is short.
 *
 * The sentences quote the numbers the formulas used (docs/scoring.md),
 * in the user's words: buyers, people, hours, money, windows, the
 * band, past events. Honest arithmetic: every sum or product a line
 * shows is computed from the figures as shown (hours as whole minutes,
 * estimates rounded to whole currency units before they are added), so
 * it adds up as printed; an assumption is named where it is made.
 * Money is printed with its currency's ISO 4217 minor digits.
 */
#include "worthit/score.h"
#include "worthit/config.h"
#include "worthit/invite_json.h"
#include "worthit/timeutil.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct line {
	char *buf;
	size_t len, used;
	bool is_full; /* truncated once: nothing more is appended */
};

static void add(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct line *l, const char *fmt, ...)
{
	if (l->is_full || l->used + 1 >= l->len)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(l->buf + l->used, l->len - l->used, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	if ((size_t)n < l->len - l->used) {
		l->used += (size_t)n;
		return;
	}
	/* truncated: never leave half a UTF-8 sequence at the end */
	l->is_full = true;
	l->used = l->len - 1;
	size_t i = l->used;
	while (i > 0 && ((unsigned char)l->buf[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && ((unsigned char)l->buf[i - 1] & 0x80) != 0) {
		unsigned char lead = (unsigned char)l->buf[i - 1];
		size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
		if (l->used - (i - 1) < want)
			l->used = i - 1;
	}
	l->buf[l->used] = '\0';
}

/* A short number: "6", "4.5", "0.3"; one decimal below 10. */
static const char *num(double x, char *buf, size_t len)
{
	double r = fabs(x) < 10.0 ? round(x * 10.0) / 10.0 : round(x);
	if (r == floor(r))
		snprintf(buf, len, "%.0f", r);
	else
		snprintf(buf, len, "%.1f", r);
	return buf;
}

/* "15 %", "7.5 %", "0.3 %": one decimal below 10 % unless whole. */
static const char *percent(double share, char *buf, size_t len)
{
	double p = share * 100.0;
	if (p > 0.0 && p < 10.0 && fabs(p - round(p)) >= 0.05)
		snprintf(buf, len, "%.1f %%", p);
	else
		snprintf(buf, len, "%.0f %%", p);
	return buf;
}

char *score_format_money(int64_t minor, const char *currency, char *buf, size_t len)
{
	const char *cur = currency != NULL && currency[0] != '\0' ? currency : "";
	const char *sign = minor < 0 ? "-" : "";
	uint64_t m = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
	int e = invite_json_currency_exponent(cur); /* ISO 4217 minor digits */
	uint64_t unit = e == 0 ? 1 : e == 3 ? 1000 : 100;
	if (m % unit == 0)
		snprintf(buf, len, "%s%" PRIu64 "%s%s", sign, m / unit, cur[0] ? " " : "", cur);
	else
		snprintf(buf, len, "%s%" PRIu64 ".%0*" PRIu64 "%s%s", sign, m / unit, e, m % unit,
		         cur[0] ? " " : "", cur);
	return buf;
}

static const char *currency_of(const struct invitation *inv, const struct wit_config *cfg)
{
	(void)inv; /* one currency: the user's (no exchange rates) */
	return cfg->currency;
}

/* Minutes as "3 h 30 min", "45 min", "2 h". */
static const char *hm(long minutes, char *buf, size_t len)
{
	const char *sign = minutes < 0 ? "-" : "";
	long m = minutes < 0 ? -minutes : minutes;
	if (m >= 60 && m % 60 != 0)
		snprintf(buf, len, "%s%ld h %ld min", sign, m / 60, m % 60);
	else if (m >= 60)
		snprintf(buf, len, "%s%ld h", sign, m / 60);
	else
		snprintf(buf, len, "%s%ld min", sign, m);
	return buf;
}

static long minutes_of(double hours)
{
	return lround(hours * 60.0);
}

/* Minor units of one whole currency unit. */
static int64_t unit_of(const char *cur)
{
	int e = invite_json_currency_exponent(cur);
	return e == 0 ? 1 : e == 3 ? 1000 : 100;
}

/* An estimate in hours of the rate as money, rounded to whole units. */
static int64_t est_money(double hours, const struct score_result *r, const char *cur)
{
	int64_t unit = unit_of(cur);
	return (int64_t)llround(hours * (double)r->rate_minor / (double)unit) * unit;
}

static const char *money(int64_t minor, const char *cur, char *buf, size_t len)
{
	return score_format_money(minor, cur, buf, len);
}

static void explain_dims(struct line *l, const struct score_result *r,
                         const struct invitation *inv, const struct wit_config *cfg)
{
	static const char *const dim_label[DIM_COUNT] = { "industry", "role", "company size",
		                                          "region" };
	char a[16];
	const char *sep = "; ";
	for (int d = 0; d < DIM_COUNT && r->dim_described != 0; d++) {
		if (r->dim_exponent[d] <= 0.0)
			continue;
		if ((r->dim_described >> d) & 1u)
			add(l, "%s%s %s", sep, dim_label[d], percent(r->dim_match[d], a, sizeof a));
		else
			add(l, "%s%s not described (assumed %s)", sep, dim_label[d],
			    percent(r->dim_match[d], a, sizeof a));
		sep = ", ";
	}
	if (r->dim_described == 0)
		add(l, "; audience not described, assumed %s buyers",
		    percent(r->match, a, sizeof a));
	bool second = false;
	for (size_t i = 0; i < inv->n_shares && i < INVITE_SHARES_MAX; i++)
		second |= inv->shares[i].is_second_degree;
	if (second)
		add(l, "; 'knows a buyer' counted at %s",
		    percent(cfg->score.knob[KNOB_SECOND_DEGREE_DISCOUNT], a, sizeof a));
}

/* "≈1.08 buyers met × 321 USD = 347 USD": the buyers to two decimals,
 * a buyer's worth in whole units, their product as shown. */
static void explain_room(struct line *l, const struct score_result *r,
                         const struct invitation *inv, const struct wit_config *cfg)
{
	char a[16], b[16], m1[32], m2[32];
	const char *cur = currency_of(inv, cfg);
	double met = round(r->prospects_met * 100.0) / 100.0;
	int64_t per = est_money(r->buyer_value_hours, r, cur);
	double loc = round(r->locality * 100.0) / 100.0;
	int64_t unit = unit_of(cur);
	int64_t shown = (int64_t)llround(met * (double)per * loc / (double)unit) * unit;
	add(l, "≈%.2f buyers met (%s of %d other%s", met, percent(r->match, a, sizeof a),
	    r->others, r->others == 1 ? "" : "s");
	double cap = cfg->score.knob[KNOB_PEOPLE_MET];
	if (r->others > cap)
		add(l, ", you talk to %s", num(cap, b, sizeof b));
	add(l, ") × %s a buyer met", money(per, cur, m1, sizeof m1));
	if (loc != 1.0)
		add(l, " × %.2f (%s room, %s business)", loc, invite_reach_name(inv->reach),
		    business_scope_name(cfg->scope));
	add(l, " = %s", money(shown, cur, m2, sizeof m2));
	if (r->attendance_assumed)
		add(l, "; room size unknown, assumed %d", r->attendance);
	if (r->room_people_met > 0)
		add(l, "; a buyer's worth learned from %d people met at past events",
		    r->room_people_met);
	else
		add(l, "; a buyer's worth is the prior (no people met logged yet)");
	explain_dims(l, r, inv, cfg);
}

/* One role's share of the people term, added to *sum as shown. */
static void people_part(struct line *l, const char **sep, int n, const char *what,
                        int64_t each, const char *cur, int64_t *sum)
{
	char m[32];
	if (n <= 0 || each <= 0)
		return;
	add(l, "%s%d %s%s × %s", *sep, n, what, n == 1 ? "" : "s", money(each, cur, m, sizeof m));
	*sum += n * each;
	*sep = " + ";
}

static void explain_people(struct line *l, const struct score_result *r,
                           const struct score_context *ctx, const struct invitation *inv,
                           const struct wit_config *cfg)
{
	const struct score_people *p = &ctx->people;
	const double *k = cfg->score.knob;
	const char *cur = currency_of(inv, cfg), *sep = "";
	char m[32], a[16];
	int64_t sum = 0, unit = unit_of(cur);
	int clients = p->clients, warm = p->warm, target = p->target;
	if (clients == 0 && warm == 0 && target == 0 && p->prospects == 0 && p->referrers == 0) {
		clients = ctx->n_clients;
		warm = ctx->n_warm;
		target = ctx->n_target;
	}
	people_part(l, &sep, clients, "client", est_money(k[KNOB_CLIENT_VALUE_HOURS], r, cur), cur,
	            &sum);
	if (clients > 0 && p->client_deals_minor > 0 && k[KNOB_CLIENT_SHARE] > 0) {
		int64_t share = (int64_t)llround((double)p->client_deals_minor *
		                                 k[KNOB_CLIENT_SHARE] / (double)unit) * unit;
		add(l, "%s%s of their %s deals (repeat business) ", sep,
		    percent(k[KNOB_CLIENT_SHARE], a, sizeof a),
		    money(p->client_deals_minor, cur, m, sizeof m));
		add(l, "%s", money(share, cur, m, sizeof m));
		sum += share;
		sep = " + ";
	}
	people_part(l, &sep, p->referrers, "referrer",
	            est_money(k[KNOB_REFERRER_VALUE_HOURS], r, cur), cur, &sum);
	if (p->referrers > 0 && p->referrer_credit_minor > 0 && k[KNOB_REFERRER_SHARE] > 0) {
		int64_t share = (int64_t)llround((double)p->referrer_credit_minor *
		                                 k[KNOB_REFERRER_SHARE] / (double)unit) * unit;
		add(l, "%s%s of the %s credited to them (referrals) ", sep,
		    percent(k[KNOB_REFERRER_SHARE], a, sizeof a),
		    money(p->referrer_credit_minor, cur, m, sizeof m));
		add(l, "%s", money(share, cur, m, sizeof m));
		sum += share;
		sep = " + ";
	}
	people_part(l, &sep, p->prospects, "prospect",
	            est_money(k[KNOB_PROSPECT_VALUE_HOURS], r, cur), cur, &sum);
	people_part(l, &sep, warm, "warm contact", est_money(k[KNOB_WARM_VALUE_HOURS], r, cur),
	            cur, &sum);
	people_part(l, &sep, target, "target-account attendee",
	            est_money(k[KNOB_TARGET_VALUE_HOURS], r, cur), cur, &sum);
	if (*sep == '\0') {
		add(l, "nobody you know among the organizer and attendees");
		return;
	}
	add(l, " = %s", money(sum, cur, m, sizeof m));
	if (ctx->contact_name[0] != '\0')
		add(l, " (%s%s)", ctx->contact_name, p->organizer_known ? ", organizer" : "");
}

static void explain_stage(struct line *l, const struct score_result *r,
                          const struct invitation *inv, const struct wit_config *cfg)
{
	char m1[32], m2[32], m3[32], m4[32];
	const char *cur = currency_of(inv, cfg);
	if (!inv->is_speaking && r->fee_minor <= 0) {
		add(l, "no speaking slot");
		return;
	}
	int64_t exposure = est_money(r->exposure_hours, r, cur);
	add(l, "speaking: %s fee (income, set against the %s cost) + exposure to ≈%.1f buyers "
	       "in the room %s = %s",
	    money(r->fee_minor, cur, m1, sizeof m1), money(r->cost_minor, cur, m2, sizeof m2),
	    r->prospects, money(exposure, cur, m3, sizeof m3),
	    money(r->fee_minor + exposure, cur, m4, sizeof m4));
}

static void explain_track(struct line *l, const struct score_result *r,
                          const struct score_context *ctx, const struct invitation *inv,
                          const struct wit_config *cfg)
{
	char m[32];
	if (!r->has_history) {
		add(l, "no past events of this organizer or series: nothing counted (the kind's "
		       "history only sets a buyer's worth in the room)");
		return;
	}
	static const char *const level[TRACK_LEVEL_COUNT] = { "kind", "organizer", "series" };
	add(l, "past events:");
	const char *sep = " ";
	for (int lv = TRACK_SERIES; lv >= TRACK_ORGANIZER; lv--) {
		if (ctx->track[lv].events <= 0)
			continue;
		add(l, "%sn=%d %s", sep, ctx->track[lv].events, level[lv]);
		sep = ", ";
	}
	add(l, " → ≈%s per event (shrunk toward 0 by %g events)",
	    money(est_money(r->track_value_hours, r, currency_of(inv, cfg)), currency_of(inv, cfg), m,
	          sizeof m),
	    cfg->score.knob[KNOB_TRACK_PRIOR_EVENTS]);
}

static void band(struct line *l, const struct wit_config *cfg)
{
	char a[16], b[16];
	add(l, "your %s–%s h band", num(cfg->budget_min_hours, a, sizeof a),
	    num(cfg->budget_max_hours, b, sizeof b));
}

static void explain_balance(struct line *l, const struct score_result *r,
                            const struct wit_config *cfg)
{
	char a[32];
	add(l, "%s committed this month before this one, ", hm(minutes_of(r->committed_hours), a,
	                                                     sizeof a));
	if (r->band_room >= 1.0)
		add(l, "at or below the bottom of ");
	else if (r->band_room > 0.0)
		add(l, "inside ");
	else
		add(l, "at or above the top of ");
	band(l, cfg);
	if (r->part[SC_BALANCE].raw > 0.0)
		add(l, ": the value counts × %.2f", 1.0 + r->part[SC_BALANCE].weight *
		                                                 r->part[SC_BALANCE].raw);
	else
		add(l, ": no lift");
}

static void explain_cost(struct line *l, const struct score_result *r,
                         const struct invitation *inv, const struct wit_config *cfg)
{
	char a[32], b[32], m1[32], m2[32], m3[32];
	const char *cur = currency_of(inv, cfg);
	int travel = inv->reach == REACH_VIRTUAL || inv->travel_min < 0 ? 0 : inv->travel_min;
	int prep = inv->prep_min > 0 ? inv->prep_min : 0;
	add(l, "%s", hm(minutes_of(r->hours), a, sizeof a));
	if (travel > 0 || prep > 0) {
		add(l, " (%s event", hm(minutes_of(r->event_hours), b, sizeof b));
		if (travel > 0)
			add(l, " + 2 × %d min travel", travel);
		if (prep > 0)
			add(l, " + %d min prep", prep);
		add(l, ")");
	}
	if (inv->all_day)
		add(l, " (all-day at %s h a day)", num(cfg->score.knob[KNOB_ALL_DAY_HOURS], b, sizeof b));
	int64_t ticket = inv->ticket_minor > 0 ? inv->ticket_minor : 0;
	add(l, " at %s/h = %s", money(r->rate_minor, cur, m1, sizeof m1),
	    money(r->cost_minor - ticket, cur, m2, sizeof m2));
	if (cfg->hourly_rate_minor <= 0)
		add(l, " (rate assumed: none set)");
	if (ticket > 0)
		add(l, " + %s ticket = %s", money(ticket, cur, m1, sizeof m1),
		    money(r->cost_minor, cur, m3, sizeof m3));
	if (r->fee_minor > 0)
		add(l, "; less the %s fee: net %s%s", money(r->fee_minor, cur, m1, sizeof m1),
		    money(r->net_cost_minor, cur, m2, sizeof m2),
		    r->net_cost_minor < 0 ? " (the slot pays you)" : "");
}

static void explain_availability(struct line *l, const struct score_result *r,
                                 const struct invitation *inv, const struct score_context *ctx,
                                 const struct wit_config *cfg)
{
	static const char *const days[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	char a[32], m1[32], m2[32];
	const char *cur = currency_of(inv, cfg);
	if (r->outside_min > 0) {
		double extra = cfg->score.knob[KNOB_OUTSIDE_EXTRA];
		int64_t each = est_money(extra, r, cur);
		/* per hour as shown × the minutes as shown, to the minor unit */
		int64_t shown = (int64_t)llround((double)each * r->outside_min / 60.0);
		add(l, "%s away outside your available hours × %s/h extra = %s",
		    hm(r->outside_min, a, sizeof a), money(each, cur, m1, sizeof m1),
		    money(shown, cur, m2, sizeof m2));
	} else {
		add(l, "within your available hours");
	}
	if (inv->all_day) {
		add(l, " (all-day, %s)", days[time_weekday(inv->starts_at, 0)]);
		return;
	}
	int64_t local = inv->starts_at + ctx->utc_offset_sec;
	int64_t sod = ((local % 86400) + 86400) % 86400;
	add(l, " (%s %02d:%02d local)", days[time_weekday(inv->starts_at, ctx->utc_offset_sec)],
	    (int)(sod / 3600), (int)(sod % 3600 / 60));
}

static void explain_over_band(struct line *l, const struct score_result *r,
                              const struct invitation *inv, const struct wit_config *cfg)
{
	char a[32], b[32], c[32], m1[32], m2[32];
	const char *cur = currency_of(inv, cfg);
	long committed = minutes_of(r->committed_hours), hours = minutes_of(r->hours);
	add(l, "%s committed + %s = %s this month", hm(committed, a, sizeof a),
	    hm(hours, b, sizeof b), hm(committed + hours, c, sizeof c));
	if (r->over_hours <= 0.0) {
		add(l, ", within ");
		band(l, cfg);
		return;
	}
	long over = minutes_of(r->over_hours);
	double factor = cfg->score.knob[KNOB_OVER_BAND_FACTOR];
	int64_t each = est_money(factor, r, cur);
	int64_t shown = (int64_t)llround((double)each * over / 60.0);
	add(l, ", %s over ", hm(over, a, sizeof a));
	band(l, cfg);
	add(l, ": %s × %s/h extra = %s", hm(over, b, sizeof b), money(each, cur, m1, sizeof m1),
	    money(shown, cur, m2, sizeof m2));
}

static void explain_gate(struct line *l, const struct score_result *r,
                         const struct score_context *ctx)
{
	static const char *const days[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	switch (r->gate) {
	case GATE_NONE: break;
	case GATE_CONFLICT:
		add(l, "conflicts with %s (accepted)",
		    ctx->conflict_title[0] ? ctx->conflict_title : "another event");
		if (ctx->n_conflicts > 1)
			add(l, " and %d more", ctx->n_conflicts - 1);
		break;
	case GATE_BUSY:
		add(l, "clashes with %s (busy in your calendar)",
		    ctx->conflict_title[0] ? ctx->conflict_title : "an event");
		if (ctx->n_conflicts > 1)
			add(l, " and %d more", ctx->n_conflicts - 1);
		break;
	case GATE_BLOCKED:
		add(l, "inside your blocked hours (%s %02d:%02d-%02d:%02d)",
		    days[r->blocked_wday % 7], r->blocked_start / 60, r->blocked_start % 60,
		    r->blocked_end / 60, r->blocked_end % 60);
		break;
	case GATE_COUNT: break;
	}
}

static void explain_summary(struct line *l, const struct score_result *r,
                            const struct score_context *ctx, const struct invitation *inv,
                            const struct wit_config *cfg)
{
	char a[16], m1[32], m2[32];
	const char *cur = currency_of(inv, cfg);
	add(l, "%s %s: value ≈%s against cost ≈%s", score_verdict_name(r->verdict),
	    num(r->total, a, sizeof a), money(est_money(r->value, r, cur), cur, m1, sizeof m1),
	    money(est_money(r->cost_side, r, cur), cur, m2, sizeof m2));
	if (r->cost_side > 0.0)
		add(l, " (%.1f×)", r->ratio);
	if (r->gate != GATE_NONE) {
		add(l, "; skip: ");
		explain_gate(l, r, ctx);
	}
}

char *score_explain(const struct score_result *r, const struct invitation *inv,
                    const struct score_context *ctx, const struct wit_config *cfg,
                    int component, char *buf, size_t len)
{
	struct line l = { buf, len, 0, false };
	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (component == SCORE_EXPLAIN_GATE) {
		explain_gate(&l, r, ctx);
		return buf;
	}
	if (component < 0 || component >= SC_COUNT) {
		explain_summary(&l, r, ctx, inv, cfg);
		return buf;
	}
	switch ((enum score_component)component) {
	case SC_ROOM: explain_room(&l, r, inv, cfg); break;
	case SC_PEOPLE: explain_people(&l, r, ctx, inv, cfg); break;
	case SC_STAGE: explain_stage(&l, r, inv, cfg); break;
	case SC_TRACK_RECORD: explain_track(&l, r, ctx, inv, cfg); break;
	case SC_BALANCE: explain_balance(&l, r, cfg); break;
	case SC_COST: explain_cost(&l, r, inv, cfg); break;
	case SC_AVAILABILITY: explain_availability(&l, r, inv, ctx, cfg); break;
	case SC_OVER_BAND: explain_over_band(&l, r, inv, cfg); break;
	case SC_COUNT: explain_summary(&l, r, ctx, inv, cfg); break;
	}
	return buf;
}
