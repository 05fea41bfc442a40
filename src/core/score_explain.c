/*
 * score_explain.c: the one-line explanation of each score component,
 * written on demand from a computed score_result (score_compute itself
 * never formats), and money formatting for those lines. Pure core: no
 * I/O; it formats into the caller's buffer with snprintf and always
 * NUL-terminates, truncating when the buffer is short.
 *
 * The sentences quote the numbers the formulas used (docs/scoring.md),
 * in the user's words: prospects, hours, money, windows, the budget
 * band, n past events, names of people attending. Money is printed
 * with its currency's ISO 4217 minor digits (invite_json.h).
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

/* Hours with one decimal: "4.5", "2", "15.7". */
static const char *hrs(double x, char *buf, size_t len)
{
	double r = round(x * 10.0) / 10.0;
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

/* The sentence names the prospects in the room, those among the
 * people one gets to talk to when the room is bigger, and the match of
 * every dimension the score counts, so a low figure shows its cause
 * ("industry 16 %"). */
static void explain_overlap(struct line *l, const struct score_result *r,
                            const struct invitation *inv, const struct wit_config *cfg)
{
	static const char *const dim_label[DIM_COUNT] = { "industry", "role", "company size",
		                                          "region" };
	char a[16], b[16];
	add(l, "≈%s of %s%d attendees match your customers (%s)", num(r->prospects, a, sizeof a),
	    r->attendance_assumed ? "~" : "", r->attendance, percent(r->match, b, sizeof b));
	double met = cfg->score.knob[KNOB_PEOPLE_MET];
	if (r->attendance > met)
		add(l, ", ≈%s among the %s you get to talk to", num(r->prospects_met, a, sizeof a),
		    num(met, b, sizeof b));
	if (r->attendance_assumed)
		add(l, "; room size unknown, assumed %d", r->attendance);
	bool second = false;
	for (size_t i = 0; i < inv->n_shares && i < INVITE_SHARES_MAX; i++)
		second |= inv->shares[i].is_second_degree;
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
		add(l, "; audience not described");
	if (second)
		add(l, "; 'knows a buyer' counted at %s",
		    percent(cfg->score.knob[KNOB_SECOND_DEGREE_DISCOUNT], b, sizeof b));
}

static void explain_time_cost(struct line *l, const struct score_result *r,
                              const struct invitation *inv, const struct wit_config *cfg)
{
	char a[16], m1[32], m2[32], m3[32];
	const char *cur = currency_of(inv, cfg);
	int travel = inv->reach == REACH_VIRTUAL || inv->travel_min < 0 ? 0 : inv->travel_min;
	int prep = inv->prep_min > 0 ? inv->prep_min : 0;
	add(l, "%s h", hrs(r->hours, a, sizeof a));
	if (travel > 0 && prep > 0)
		add(l, " incl. 2 × %d min travel and %d min prep", travel, prep);
	else if (travel > 0)
		add(l, " incl. 2 × %d min travel", travel);
	else if (prep > 0)
		add(l, " incl. %d min prep", prep);
	if (inv->all_day)
		add(l, " (all-day at %s h a day)",
		    hrs(cfg->score.knob[KNOB_ALL_DAY_HOURS], a, sizeof a));
	int64_t ticket = inv->ticket_minor > 0 ? inv->ticket_minor : 0;
	add(l, " = %s at %s/h", score_format_money(r->cost_minor - ticket, cur, m1, sizeof m1),
	    score_format_money(r->rate_minor, cur, m2, sizeof m2));
	if (cfg->hourly_rate_minor <= 0)
		add(l, " (assumed: no hourly rate set)");
	if (ticket > 0)
		add(l, " + %s ticket", score_format_money(ticket, cur, m3, sizeof m3));
}

static void explain_availability(struct line *l, const struct score_result *r,
                                 const struct invitation *inv, const struct score_context *ctx)
{
	static const char *const days[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	char a[16];
	if (r->has_conflict) {
		add(l, "conflicts with %s (accepted)",
		    ctx->conflict_title[0] ? ctx->conflict_title : "another event");
		if (ctx->n_conflicts > 1)
			add(l, " and %d more", ctx->n_conflicts - 1);
		return;
	}
	if (r->outside_min > 0)
		add(l, "%s h away outside your available hours", hrs(r->outside_min / 60.0, a,
		                                                     sizeof a));
	else
		add(l, "within your available hours");
	if (inv->all_day) {
		add(l, " (all-day, %s)", days[time_weekday(inv->starts_at, 0)]);
		return;
	}
	int64_t local = inv->starts_at + ctx->utc_offset_sec;
	int64_t sod = ((local % 86400) + 86400) % 86400;
	add(l, " (%s %02d:%02d local)", days[time_weekday(inv->starts_at, ctx->utc_offset_sec)],
	    (int)(sod / 3600), (int)(sod % 3600 / 60));
}

static void explain_budget(struct line *l, const struct score_result *r,
                           const struct score_context *ctx, const struct wit_config *cfg)
{
	char a[16], b[16], c[16], d[16], e[16];
	double lo = cfg->budget_min_hours, hi = cfg->budget_max_hours;
	add(l, "%s h committed this month + %s h = %s h", hrs(ctx->committed_hours, a, sizeof a),
	    hrs(r->hours, b, sizeof b), hrs(r->budget_after_hours, c, sizeof c));
	if (r->budget_after_hours <= lo)
		add(l, ", below your %s–%s h band", hrs(lo, d, sizeof d), hrs(hi, e, sizeof e));
	else if (r->budget_after_hours <= hi)
		add(l, ", within your %s–%s h band", hrs(lo, d, sizeof d), hrs(hi, e, sizeof e));
	else
		add(l, ", %s h over your %s–%s h band", hrs(r->budget_after_hours - hi, a, sizeof a),
		    hrs(lo, d, sizeof d), hrs(hi, e, sizeof e));
}

static void explain_track(struct line *l, const struct score_result *r,
                          const struct score_context *ctx, const struct invitation *inv,
                          const struct wit_config *cfg)
{
	char a[16], m[32];
	if (!r->has_history) {
		add(l, "no past events of this organizer, series or kind: assumed %s× your rate "
		       "per hour",
		    num(r->roi, a, sizeof a));
		return;
	}
	static const char *const level[TRACK_LEVEL_COUNT] = { "kind", "organizer", "series" };
	add(l, "past events:");
	const char *sep = " ";
	for (int lv = TRACK_LEVEL_COUNT - 1; lv >= 0; lv--) {
		if (ctx->track[lv].events <= 0)
			continue;
		add(l, "%sn=%d %s", sep, ctx->track[lv].events, level[lv]);
		sep = ", ";
	}
	add(l, " → ≈%s× your rate per hour (%s/h, shrunk to a prior)", num(r->roi, a, sizeof a),
	    score_format_money((int64_t)llround(r->value_per_hour_minor), currency_of(inv, cfg), m,
	                       sizeof m));
}

static void explain_relationships(struct line *l, const struct score_context *ctx)
{
	if (ctx->n_clients <= 0 && ctx->n_warm <= 0 && ctx->n_target <= 0) {
		add(l, "no known clients, contacts or target accounts attending");
		return;
	}
	const char *sep = "";
	if (ctx->n_clients > 0) {
		add(l, "%d client%s", ctx->n_clients, ctx->n_clients == 1 ? "" : "s");
		sep = ", ";
	}
	if (ctx->n_warm > 0) {
		add(l, "%s%d warm contact%s", sep, ctx->n_warm, ctx->n_warm == 1 ? "" : "s");
		sep = ", ";
	}
	if (ctx->n_target > 0)
		add(l, "%s%d from target accounts", sep, ctx->n_target);
	add(l, " attending");
	if (ctx->contact_name[0] != '\0')
		add(l, " (%s)", ctx->contact_name);
}

static void explain_stage(struct line *l, const struct score_result *r,
                          const struct invitation *inv, const struct wit_config *cfg)
{
	char m[32];
	if (!inv->is_speaking)
		add(l, "no speaking slot");
	else if (inv->speaking_fee_minor > 0)
		add(l, "speaking slot in front of the room, %s fee",
		    score_format_money(inv->speaking_fee_minor, currency_of(inv, cfg), m, sizeof m));
	else
		add(l, "speaking slot in front of the room, unpaid");
	(void)r;
}

static void explain_locality(struct line *l, const struct score_result *r,
                             const struct invitation *inv, const struct wit_config *cfg)
{
	char a[16];
	add(l, "%s room for %s %s business (fit %s)", invite_reach_name(inv->reach),
	    cfg->scope == SCOPE_ONLINE ? "an" : "a", business_scope_name(cfg->scope),
	    num(r->part[SC_LOCALITY].raw, a, sizeof a));
}

static void explain_summary(struct line *l, const struct score_result *r,
                            const struct invitation *inv, const struct wit_config *cfg)
{
	char a[16], b[16], c[16], m[32];
	add(l, "%s %s: ≈%s prospects, %s h, %s", score_verdict_name(r->verdict),
	    num(r->total, a, sizeof a), num(r->prospects, b, sizeof b), hrs(r->hours, c, sizeof c),
	    score_format_money(r->cost_minor, currency_of(inv, cfg), m, sizeof m));
	if (r->has_conflict)
		add(l, ", conflict");
}

char *score_explain(const struct score_result *r, const struct invitation *inv,
                    const struct score_context *ctx, const struct wit_config *cfg,
                    enum score_component component, char *buf, size_t len)
{
	struct line l = { buf, len, 0, false };
	if (len == 0)
		return buf;
	buf[0] = '\0';
	switch (component) {
	case SC_OVERLAP: explain_overlap(&l, r, inv, cfg); break;
	case SC_TIME_COST: explain_time_cost(&l, r, inv, cfg); break;
	case SC_AVAILABILITY: explain_availability(&l, r, inv, ctx); break;
	case SC_BUDGET: explain_budget(&l, r, ctx, cfg); break;
	case SC_TRACK_RECORD: explain_track(&l, r, ctx, inv, cfg); break;
	case SC_RELATIONSHIPS: explain_relationships(&l, ctx); break;
	case SC_STAGE: explain_stage(&l, r, inv, cfg); break;
	case SC_LOCALITY: explain_locality(&l, r, inv, cfg); break;
	default: explain_summary(&l, r, inv, cfg); break;
	}
	return buf;
}
