/*
 * ics_rule.c: judging one RRULE by its shape before libical 3.0's
 * icalrecur_iterator runs it (see ics_rule.h). Owns no state.
 *
 * What libical does (src/libical/icalrecur.c, v3.0.16), and so what
 * these answers model:
 * - icalrecur_iterator_next() steps by FREQ and INTERVAL, or through
 *   the BY list of the FREQ's own unit (BYSECOND for SECONDLY, BYMINUTE
 *   for MINUTELY, BYHOUR for HOURLY: INTERVAL is then ignored and the
 *   next larger unit moves by one), expanding the finer BY lists
 *   (BYHOUR, BYMINUTE, BYSECOND; default: DTSTART's value) at each
 *   step. After each candidate it checks the "contracting" BY parts of
 *   its expand_map[] (BYMONTH, BYMONTHDAY, BYYEARDAY, BYDAY, and for
 *   SECONDLY and MINUTELY also BYHOUR, BYMINUTE), and loops inside the
 *   one call until a candidate passes, UNTIL is passed or the year
 *   passes 2582. A BYDAY with an ordinal (-1SU) or a negative
 *   BYMONTHDAY never passes that check; FREQ=HOURLY;BYDAY=-1SU from
 *   1601 walked 8.6 million hours (about 17 s) in one call.
 * - MONTHLY and YEARLY rules expand a whole month or year of days at a
 *   time; every candidate is an occurrence. But when the expansion of a
 *   period is empty it moves to the next period and tries again: from
 *   icalrecur_iterator_new() up to the year 20000 (0.1 to 0.9 s), and
 *   within next() without any limit. The Gregorian calendar repeats
 *   every 400 years, so a rule that matches once matches again within
 *   400 periods; only a rule that can never match searches that long.
 *   (A YEARLY rule without BYMONTH takes DTSTART's month for BYMONTHDAY;
 *   it is judged over every month here, which errs on "possible".)
 * - A VTIMEZONE observance is expanded by libical (icaltimezone.c) into
 *   one change per occurrence from its DTSTART up to the year it needs
 *   (at most 2582): ics_rule_per_year() bounds the changes a year.
 */
#include "worthit/ics_rule.h"

#include <stdlib.h>

static size_t by_len(const short *by, size_t size)
{
	size_t n = 0;
	while (n < size && by[n] != ICAL_RECURRENCE_ARRAY_MAX)
		n++;
	return n;
}

#define BY_LEN(r, field, size) by_len((r)->field, size)

/* Whether v of a BY list (negative: from the end) names position at of
 * a run of len; with is_filter, libical compares v as written. */
static bool names(int v, int at, int len, bool is_filter)
{
	if (v < 0 && !is_filter)
		v = len + 1 + v;
	return v == at;
}

static bool list_names(const short *by, size_t size, int at, int len, bool is_filter)
{
	size_t n = by_len(by, size);
	for (size_t i = 0; i < n; i++)
		if (names(by[i], at, len, is_filter))
			return true;
	return n == 0;
}

static bool month_listed(const struct icalrecurrencetype *r, int month)
{
	size_t n = BY_LEN(r, by_month, ICAL_BY_MONTH_SIZE);
	for (size_t i = 0; i < n; i++)
		if (icalrecurrencetype_month_month(r->by_month[i]) == month)
			return true;
	return n == 0;
}

/* Whether the day at (1-based) of a run of len days (the month, or the
 * year) can be the BYDAY entry day: its weekday is free (every date falls
 * on every weekday in some year), so only the ordinal's window counts.
 * libical's filter (is_filter) never matches an ordinal. */
static bool ordinal_holds(short day, int at, int len, bool is_filter)
{
	int pos = icalrecurrencetype_day_position(day);
	if (pos == 0)
		return true;
	if (is_filter)
		return false;
	if (len == 0)
		return true; /* ordinals not judged */
	int lo = pos > 0 ? 7 * (pos - 1) + 1 : len + 7 * pos + 1;
	return at >= lo && at <= lo + 6;
}

static bool byday_holds(const struct icalrecurrencetype *r, int at, int len, bool is_filter)
{
	size_t n = BY_LEN(r, by_day, ICAL_BY_DAY_SIZE);
	for (size_t i = 0; i < n; i++)
		if (ordinal_holds(r->by_day[i], at, len, is_filter))
			return true;
	return n == 0;
}

/*
 * Whether some day of a common or a leap year passes BYMONTH,
 * BYMONTHDAY, BYYEARDAY and BYDAY together (RFC 5545 3.3.10: each
 * limits the others), BYDAY ordinals counted in the month
 * (is_month_scope: MONTHLY, or YEARLY with BYMONTH) or in the year; or,
 * is_filter, as libical's candidate filter compares them (SECONDLY to
 * DAILY). 731 days: cheap next to what libical spends on a rule that
 * never matches.
 */
static bool some_day_passes(const struct icalrecurrencetype *r, bool is_month_scope,
                            bool is_filter)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	/* ordinals in the year next to BYWEEKNO or BYYEARDAY: RFC 5545 leaves
	 * them undefined or libical half supports them; not judged */
	bool judge_year = BY_LEN(r, by_week_no, ICAL_BY_WEEKNO_SIZE) == 0 &&
	                  BY_LEN(r, by_year_day, ICAL_BY_YEARDAY_SIZE) == 0;
	for (int leap = 0; leap <= 1; leap++) {
		int year_len = 365 + leap, doy = 0;
		for (int m = 1; m <= 12; m++) {
			int len = mdays[m - 1] + (m == 2 ? leap : 0);
			for (int d = 1; d <= len; d++) {
				doy++;
				if (!month_listed(r, m) ||
				    !list_names(r->by_month_day, ICAL_BY_MONTHDAY_SIZE, d, len,
				                is_filter) ||
				    !list_names(r->by_year_day, ICAL_BY_YEARDAY_SIZE, doy, year_len,
				                is_filter))
					continue;
				if (is_month_scope ? byday_holds(r, d, len, is_filter)
				                   : byday_holds(r, doy, judge_year ? year_len : 0,
				                                 is_filter))
					return true;
			}
		}
	}
	return false;
}

/* Whether some value of the list is within 1..max in absolute value. */
static bool any_within(const short *by, size_t size, int max)
{
	size_t n = by_len(by, size);
	for (size_t i = 0; i < n; i++)
		if (abs(by[i]) >= 1 && abs(by[i]) <= max)
			return true;
	return n == 0;
}

static bool any_ordinal_within(const struct icalrecurrencetype *r, int max)
{
	size_t n = BY_LEN(r, by_day, ICAL_BY_DAY_SIZE);
	for (size_t i = 0; i < n; i++)
		if (abs(icalrecurrencetype_day_position(r->by_day[i])) <= max)
			return true;
	return n == 0;
}

/* For the rules libical filters candidate by candidate (SECONDLY to
 * DAILY): its check compares the day of the month, of the year and of
 * the week with the values as written, so a negative BYMONTHDAY or
 * BYYEARDAY and a BYDAY with an ordinal never pass. */
static const char *filter_never(const struct icalrecurrencetype *r)
{
	size_t n_day = BY_LEN(r, by_day, ICAL_BY_DAY_SIZE);
	bool has_plain_day = n_day == 0;
	for (size_t i = 0; i < n_day; i++)
		has_plain_day = has_plain_day || icalrecurrencetype_day_position(r->by_day[i]) == 0;
	if (!has_plain_day)
		return "a BYDAY ordinal needs FREQ=MONTHLY or YEARLY, RFC 5545 3.3.10";
	if (!some_day_passes(r, false, true))
		return "no day passes; libical compares BYMONTHDAY and BYYEARDAY as written";
	return NULL;
}

const char *ics_rule_never(const struct icalrecurrencetype *r)
{
	bool is_monthly = r->freq == ICAL_MONTHLY_RECURRENCE;
	switch (r->freq) {
	case ICAL_SECONDLY_RECURRENCE:
	case ICAL_MINUTELY_RECURRENCE:
	case ICAL_HOURLY_RECURRENCE:
	case ICAL_DAILY_RECURRENCE:
		return filter_never(r);
	case ICAL_MONTHLY_RECURRENCE:
	case ICAL_YEARLY_RECURRENCE:
		break;
	default:
		return NULL;
	}
	bool is_month_scope = is_monthly || BY_LEN(r, by_month, ICAL_BY_MONTH_SIZE) > 0;
	if (!any_within(r->by_year_day, ICAL_BY_YEARDAY_SIZE, 366))
		return "no BYYEARDAY within 1..366";
	if (!any_within(r->by_week_no, ICAL_BY_WEEKNO_SIZE, 53))
		return "no BYWEEKNO within 1..53";
	if (!any_within(r->by_month_day, ICAL_BY_MONTHDAY_SIZE, 31))
		return "no BYMONTHDAY within 1..31";
	if (!any_ordinal_within(r, is_month_scope ? 5 : 53))
		return is_month_scope ? "no BYDAY ordinal within 1..5 of a month"
		                      : "no BYDAY ordinal within 1..53 of a year";
	/* libical counts BYSETPOS over the days of the period */
	if (!any_within(r->by_set_pos, ICAL_BY_SETPOS_SIZE, is_monthly ? 31 : 366))
		return is_monthly ? "no BYSETPOS within 1..31 days of a month"
		                  : "no BYSETPOS within 1..366 days of a year";
	if (!some_day_passes(r, is_month_scope, false))
		return "no day of a year passes BYMONTH, BYMONTHDAY, BYYEARDAY and BYDAY together";
	return NULL;
}

bool ics_rule_is_filtered(const struct icalrecurrencetype *r)
{
	bool has_date = BY_LEN(r, by_month, ICAL_BY_MONTH_SIZE) > 0;
	switch (r->freq) {
	case ICAL_SECONDLY_RECURRENCE:
		if (BY_LEN(r, by_minute, ICAL_BY_MINUTE_SIZE) > 0)
			return true;
		/* fall through */
	case ICAL_MINUTELY_RECURRENCE:
		if (BY_LEN(r, by_hour, ICAL_BY_HOUR_SIZE) > 0)
			return true;
		/* fall through */
	case ICAL_HOURLY_RECURRENCE:
		if (BY_LEN(r, by_year_day, ICAL_BY_YEARDAY_SIZE) > 0)
			return true;
		/* fall through */
	case ICAL_DAILY_RECURRENCE:
		return has_date || BY_LEN(r, by_month_day, ICAL_BY_MONTHDAY_SIZE) > 0 ||
		       BY_LEN(r, by_day, ICAL_BY_DAY_SIZE) > 0;
	case ICAL_WEEKLY_RECURRENCE:
		return has_date;
	default:
		return false;
	}
}

double ics_rule_candidates_per_day(const struct icalrecurrencetype *r)
{
	double every = r->interval > 0 ? r->interval : 1;
	double n_s = (double)BY_LEN(r, by_second, ICAL_BY_SECOND_SIZE);
	double n_m = (double)BY_LEN(r, by_minute, ICAL_BY_MINUTE_SIZE);
	double n_h = (double)BY_LEN(r, by_hour, ICAL_BY_HOUR_SIZE);
	double n_d = (double)BY_LEN(r, by_day, ICAL_BY_DAY_SIZE);
	/* an empty finer list is DTSTART's one value */
	double times_s = n_s > 0 ? n_s : 1, times_m = n_m > 0 ? n_m : 1;
	double times_h = n_h > 0 ? n_h : 1;
	switch (r->freq) {
	case ICAL_SECONDLY_RECURRENCE:
		return n_s > 0 ? n_s * 1440 : 86400 / every;
	case ICAL_MINUTELY_RECURRENCE:
		return (n_m > 0 ? n_m * 24 : 1440 / every) * times_s;
	case ICAL_HOURLY_RECURRENCE:
		return (n_h > 0 ? n_h : 24 / every) * times_m * times_s;
	case ICAL_DAILY_RECURRENCE:
		return times_h * times_m * times_s / every;
	case ICAL_WEEKLY_RECURRENCE:
		if (!ics_rule_is_filtered(r))
			return 0;
		return (n_d > 0 ? n_d : 1) / (7 * every) * times_h * times_m * times_s;
	default:
		return 0;
	}
}

/* Days a BYDAY list can give in a run of weeks days long: an entry with
 * an ordinal one, without one every such weekday. */
static double byday_days(const struct icalrecurrencetype *r, double weeks)
{
	size_t n = BY_LEN(r, by_day, ICAL_BY_DAY_SIZE);
	double days = 0;
	for (size_t i = 0; i < n; i++)
		days += icalrecurrencetype_day_position(r->by_day[i]) != 0 ? 1 : weeks;
	return days;
}

static double smaller(double a, double b)
{
	return a < b ? a : b;
}

double ics_rule_per_year(const struct icalrecurrencetype *r)
{
	bool is_monthly = r->freq == ICAL_MONTHLY_RECURRENCE;
	if (!is_monthly && r->freq != ICAL_YEARLY_RECURRENCE)
		return 0;
	double n_mon = (double)BY_LEN(r, by_month, ICAL_BY_MONTH_SIZE);
	double n_md = (double)BY_LEN(r, by_month_day, ICAL_BY_MONTHDAY_SIZE);
	double n_yd = (double)BY_LEN(r, by_year_day, ICAL_BY_YEARDAY_SIZE);
	double n_wk = (double)BY_LEN(r, by_week_no, ICAL_BY_WEEKNO_SIZE);
	double n_sp = (double)BY_LEN(r, by_set_pos, ICAL_BY_SETPOS_SIZE);
	bool has_day = BY_LEN(r, by_day, ICAL_BY_DAY_SIZE) > 0;
	double days;
	if (!is_monthly && n_yd > 0) {
		days = n_yd;
	} else if (!is_monthly && n_wk > 0) {
		/* twice: a calendar year can hold days of week 1 of two ISO years */
		days = 2 * n_wk * (has_day ? byday_days(r, 1) : 1);
	} else if (!is_monthly && n_mon == 0 && n_md == 0 && has_day) {
		days = byday_days(r, 53); /* ordinals in the year */
	} else {
		double in_month = n_md > 0 ? n_md : 1;
		if (has_day)
			in_month = n_md > 0 ? smaller(n_md, byday_days(r, 5)) : byday_days(r, 5);
		if (n_sp > 0 && is_monthly)
			in_month = smaller(in_month, n_sp);
		days = (n_mon > 0 ? n_mon : is_monthly ? 12 : 1) * in_month;
	}
	if (n_sp > 0 && !is_monthly)
		days = smaller(days, n_sp);
	double n_h = (double)BY_LEN(r, by_hour, ICAL_BY_HOUR_SIZE);
	double n_m = (double)BY_LEN(r, by_minute, ICAL_BY_MINUTE_SIZE);
	double n_s = (double)BY_LEN(r, by_second, ICAL_BY_SECOND_SIZE);
	return days * (n_h > 0 ? n_h : 1) * (n_m > 0 ? n_m : 1) * (n_s > 0 ? n_s : 1);
}
