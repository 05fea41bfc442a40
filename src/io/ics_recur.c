/*
 * ics_recur.c: RRULE/RDATE/EXDATE expansion for one VEVENT (see
 * ics_recur.h). Bounded: at most ICS_RECUR_STEPS_MAX iterator steps per
 * RRULE and ICS_OCCURRENCES_MAX occurrences in the window, so that a
 * hostile FREQ=SECONDLY cannot run for hours or fill memory.
 *
 * A step is a candidate time libical examines, not only one it returns:
 * for the rules it filters candidate by candidate (SECONDLY to DAILY,
 * WEEKLY with BYMONTH; see ics_rule.c) one call of
 * icalrecur_iterator_next() can walk millions of candidates that fail
 * BYMONTH/BYDAY (FREQ=HOURLY;BYDAY=-1SU;BYMONTH=10 from 1601 never
 * matches: 17 s in one call). So before libical runs such a rule, the
 * candidates between DTSTART and the end of the window are counted from
 * the rule's shape (ics_rule_candidates_per_day(), an upper bound; at
 * about 2 us each, the bound is about a second of libical's time), and a
 * rule over the bound is refused. libical's own UNTIL is set to the end of
 * the window (plus a day for zone offsets), so that no call walks past
 * it looking for a next match; the rule's real UNTIL is still applied
 * here, in UTC. Rules that can never match (libical would search
 * MONTHLY and YEARLY ones up to the year 20000, the finer ones up to
 * the window's end) are refused first, by ics_rule_never().
 *
 * With an RRULE, the occurrences are what libical's iterator gives: a
 * DTSTART that does not match the rule is left out (RFC 5545 3.8.5.3
 * calls that set undefined; ical.js and libical agree on leaving it out).
 * With RDATEs alone, DTSTART is the first occurrence. A DATE EXDATE on a timed event
 * removes the occurrences on that local date.
 */
#include "worthit/ics_recur.h"
#include "worthit/ics.h"
#include "worthit/ics_rule.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>

struct occ_list {
	struct ics_occurrence *items;
	size_t len, cap;
};

static void occ_push(struct occ_list *l, int64_t start, int64_t end)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
	}
	l->items[l->len].start = start;
	l->items[l->len].end = end < start ? start : end;
	l->len++;
}

int64_t ics_recur_end(const struct ics_recur_input *in, struct icaltimetype occ, int64_t occ_utc)
{
	if (!in->has_dur)
		return occ_utc + in->exact_sec;
	/* nominal days and weeks keep the wall-clock time (RFC 5545 3.3.6) */
	struct icaldurationtype days = icaldurationtype_null_duration();
	days.days = in->dur.days + 7 * in->dur.weeks;
	int64_t secs = in->dur.hours * 3600 + in->dur.minutes * 60 + in->dur.seconds;
	if (in->dur.is_neg) {
		days.is_neg = 1;
		secs = -secs;
	}
	struct icaltimetype e = icaltime_add(occ, days);
	return ics_zones_to_utc(e, in->zone) + secs;
}

/* The zone a RDATE/EXDATE value is in: its own TZID, else the event's. */
static icaltimezone *prop_zone(const struct ics_recur_input *in, icalproperty *p)
{
	icalparameter *tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	const char *tzid = tz ? icalparameter_get_tzid(tz) : NULL;
	if (tzid == NULL)
		return in->zone;
	icaltimezone *z = ics_zones_find(in->zones, tzid, NULL);
	return z ? z : in->zone;
}

/* Last UTC second allowed by UNTIL, or INT64_MAX. */
static int64_t until_limit(const struct ics_recur_input *in, struct icaltimetype until)
{
	if (icaltime_is_null_time(until))
		return INT64_MAX;
	if (until.is_date) {
		if (in->dtstart.is_date)
			return ics_zones_to_utc(until, NULL);
		until.is_date = 0;
		until.hour = 23;
		until.minute = 59;
		until.second = 59;
		return ics_zones_to_utc(until, in->zone);
	}
	if (in->dtstart.is_date) {
		/* a DATE-TIME UNTIL on all-day events: its date counts */
		if (!icaltime_is_utc(until))
			until = icaltime_convert_to_zone(until, icaltimezone_get_utc_timezone());
		until.hour = until.minute = until.second = 0;
		until.is_date = 1;
		return ics_zones_to_utc(until, NULL);
	}
	return ics_zones_to_utc(until, icaltime_is_utc(until) ? NULL : in->zone);
}

/* libical gives up past the end of this year (MAX_TIME_T_YEAR, 64-bit
 * time_t): walking further costs nothing. */
#define LIBICAL_LAST_YEAR 2582

/* utc as the event's wall-clock time, counted like UTC seconds (the
 * fields libical's iterator works in). */
static int64_t wall_clock(const struct ics_recur_input *in, int64_t utc)
{
	if (in->dtstart.is_date || icaltime_is_utc(in->dtstart))
		return utc;
	struct icaltimetype t = ics_zones_from_utc(utc, in->zone);
	return time_from_utc_fields(t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/* The wall-clock second after which no candidate can matter: the end of
 * the window or UNTIL (whichever comes first), a day later for zone
 * offsets, and never past libical's last year. */
static int64_t walk_end(const struct ics_recur_input *in, int64_t limit)
{
	int64_t last = time_from_utc_fields(LIBICAL_LAST_YEAR + 1, 1, 1, 0, 0, 0);
	int64_t end = in->to < last ? in->to : last;
	if (limit < end)
		end = limit;
	end = wall_clock(in, end) + DAY_SEC;
	return end < last ? end : last;
}

static struct icaltimetype as_icaltime(int64_t wall, bool is_date)
{
	struct icaltimetype t = icaltime_null_time();
	int64_t days = wall / DAY_SEC, rest = wall % DAY_SEC;
	if (rest < 0)
		days--, rest += DAY_SEC;
	time_civil_from_days(days, &t.year, &t.month, &t.day);
	t.is_date = is_date;
	if (!is_date) {
		t.hour = (int)(rest / 3600);
		t.minute = (int)(rest / 60 % 60);
		t.second = (int)(rest % 60);
	}
	return t;
}

/*
 * Refuse r when libical would examine more than ICS_RECUR_STEPS_MAX
 * candidates between DTSTART and end (see the top of this file), or
 * when it can never match.
 */
static enum wit_status check_cost(const struct ics_recur_input *in, struct icalrecurrencetype *r,
                                  int64_t end, char **why)
{
	const char *never = ics_rule_never(r);
	if (never != NULL)
		return wit_fail(why, WIT_DATA, "RRULE %s can never give an occurrence (%s)",
		                icalrecurrencetype_as_string(r), never);
	double per_day = ics_rule_candidates_per_day(r);
	if (per_day <= 0)
		return WIT_OK;
	int64_t begin = time_from_utc_fields(in->dtstart.year, in->dtstart.month, in->dtstart.day,
	                                     0, 0, 0);
	double days = end > begin ? (double)(end - begin) / DAY_SEC + 1 : 1;
	double cost = days * per_day;
	if (r->count > 0 && !ics_rule_is_filtered(r) && cost > r->count)
		cost = r->count; /* each candidate is an occurrence */
	if (cost <= ICS_RECUR_STEPS_MAX)
		return WIT_OK;
	return wit_fail(why, WIT_DATA,
	                "RRULE %s needs more than %u steps to cover the import window "
	                "(about %.0f candidate times from its DTSTART, %04d-%02d-%02d)",
	                icalrecurrencetype_as_string(r),
	                ICS_RECUR_STEPS_MAX, cost, in->dtstart.year, in->dtstart.month,
	                in->dtstart.day);
}

static enum wit_status expand_rrule(const struct ics_recur_input *in, struct icalrecurrencetype r,
                                    struct occ_list *l, char **why)
{
	if (r.freq == ICAL_NO_RECURRENCE)
		return wit_fail(why, WIT_DATA, "RRULE has no valid FREQ");
	int64_t limit = until_limit(in, r.until);
	int64_t end = walk_end(in, limit);
	enum wit_status checked = check_cost(in, &r, end, why);
	if (checked != WIT_OK)
		return checked;
	/* libical's UNTIL stops its search for a next match; ours (limit)
	 * decides, in UTC */
	r.until = as_icaltime(end, in->dtstart.is_date != 0);
	icalrecur_iterator *it = icalrecur_iterator_new(r, in->dtstart);
	if (it == NULL)
		return wit_fail(why, WIT_DATA, "RRULE cannot be expanded");
	enum wit_status st = WIT_OK;
	for (long steps = 0;; steps++) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(t))
			break;
		if (steps >= (long)ICS_RECUR_STEPS_MAX) {
			st = wit_fail(why, WIT_DATA,
			              "RRULE needs more than %u steps to cover the import window",
			              ICS_RECUR_STEPS_MAX);
			break;
		}
		int64_t s = ics_zones_to_utc(t, in->zone);
		if (s > limit || s >= in->to)
			break;
		if (s < in->from)
			continue;
		if (l->len >= ICS_OCCURRENCES_MAX) {
			st = wit_fail(why, WIT_DATA,
			              "the recurrence gives more than %u occurrences in the import "
			              "window; narrow it with --from/--to",
			              ICS_OCCURRENCES_MAX);
			break;
		}
		occ_push(l, s, ics_recur_end(in, t, s));
	}
	icalrecur_iterator_free(it);
	return st;
}

static void add_rdate(const struct ics_recur_input *in, icalproperty *p, struct occ_list *l)
{
	struct icaldatetimeperiodtype v = icalproperty_get_rdate(p);
	icaltimezone *z = prop_zone(in, p);
	if (!icaltime_is_null_time(v.time)) {
		struct icaltimetype t = v.time;
		if (in->dtstart.is_date && !t.is_date)
			t.is_date = 1, t.hour = t.minute = t.second = 0;
		int64_t s = ics_zones_to_utc(t, z);
		if (s >= in->from && s < in->to && l->len < ICS_OCCURRENCES_MAX)
			occ_push(l, s, ics_recur_end(in, t, s));
		return;
	}
	if (icalperiodtype_is_null_period(v.period))
		return;
	int64_t s = ics_zones_to_utc(v.period.start, z);
	int64_t e;
	if (!icaltime_is_null_time(v.period.end))
		e = ics_zones_to_utc(v.period.end, z);
	else
		e = s + icaldurationtype_as_int(v.period.duration);
	if (s >= in->from && s < in->to && l->len < ICS_OCCURRENCES_MAX)
		occ_push(l, s, e);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_occ(const void *a, const void *b)
{
	return cmp_i64(&((const struct ics_occurrence *)a)->start,
	               &((const struct ics_occurrence *)b)->start);
}

/* EXDATE instants (UTC) and, for DATE values on timed events, days. */
struct exclusions {
	int64_t *at, *days;
	size_t n_at, n_days;
};

static int64_t local_day(const struct ics_recur_input *in, int64_t utc)
{
	struct icaltimetype t = ics_zones_from_utc(utc, in->zone);
	t.is_date = 1;
	return ics_zones_to_utc(t, NULL) / DAY_SEC;
}

static void collect_exdates(const struct ics_recur_input *in, struct exclusions *x)
{
	size_t cap = 0;
	for (icalproperty *p = icalcomponent_get_first_property(in->vevent, ICAL_EXDATE_PROPERTY);
	     p != NULL; p = icalcomponent_get_next_property(in->vevent, ICAL_EXDATE_PROPERTY)) {
		struct icaltimetype t = icalproperty_get_exdate(p);
		if (icaltime_is_null_time(t))
			continue;
		if (x->n_at + x->n_days >= cap) {
			cap = cap ? cap * 2 : 16;
			x->at = xreallocarray(x->at, cap, sizeof *x->at);
			x->days = xreallocarray(x->days, cap, sizeof *x->days);
		}
		if (t.is_date && !in->dtstart.is_date)
			x->days[x->n_days++] = ics_zones_to_utc(t, NULL) / DAY_SEC;
		else if (!t.is_date && in->dtstart.is_date)
			x->days[x->n_days++] = local_day(in, ics_zones_to_utc(t, prop_zone(in, p)));
		else
			x->at[x->n_at++] = ics_zones_to_utc(t, prop_zone(in, p));
	}
	if (x->n_at > 1)
		qsort(x->at, x->n_at, sizeof *x->at, cmp_i64);
	if (x->n_days > 1)
		qsort(x->days, x->n_days, sizeof *x->days, cmp_i64);
}

static bool is_excluded(const struct ics_recur_input *in, const struct exclusions *x, int64_t s)
{
	if (x->n_at > 0 && bsearch(&s, x->at, x->n_at, sizeof *x->at, cmp_i64) != NULL)
		return true;
	if (x->n_days == 0)
		return false;
	int64_t day = in->dtstart.is_date ? s / DAY_SEC : local_day(in, s);
	return bsearch(&day, x->days, x->n_days, sizeof *x->days, cmp_i64) != NULL;
}

enum wit_status ics_recur_expand(const struct ics_recur_input *in, struct ics_occurrence **out,
                                 size_t *n_out, char **why)
{
	struct occ_list l = {0};
	enum wit_status st = WIT_OK;
	bool has_rrule = icalcomponent_get_first_property(in->vevent, ICAL_RRULE_PROPERTY) != NULL;
	if (!has_rrule && in->start >= in->from && in->start < in->to)
		occ_push(&l, in->start, ics_recur_end(in, in->dtstart, in->start));
	for (icalproperty *p = icalcomponent_get_first_property(in->vevent, ICAL_RRULE_PROPERTY);
	     p != NULL && st == WIT_OK;
	     p = icalcomponent_get_next_property(in->vevent, ICAL_RRULE_PROPERTY))
		st = expand_rrule(in, icalproperty_get_rrule(p), &l, why);
	for (icalproperty *p = icalcomponent_get_first_property(in->vevent, ICAL_RDATE_PROPERTY);
	     p != NULL && st == WIT_OK;
	     p = icalcomponent_get_next_property(in->vevent, ICAL_RDATE_PROPERTY))
		add_rdate(in, p, &l);
	if (st != WIT_OK) {
		free(l.items);
		return st;
	}
	if (l.len > 1)
		qsort(l.items, l.len, sizeof *l.items, cmp_occ);
	struct exclusions x = {0};
	collect_exdates(in, &x);
	size_t kept = 0;
	for (size_t i = 0; i < l.len; i++) {
		if (kept > 0 && l.items[kept - 1].start == l.items[i].start)
			continue;
		if (is_excluded(in, &x, l.items[i].start))
			continue;
		l.items[kept++] = l.items[i];
	}
	free(x.at);
	free(x.days);
	*out = l.items;
	*n_out = kept;
	return WIT_OK;
}
