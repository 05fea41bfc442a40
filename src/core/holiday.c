/*
 * holiday.c: US public holidays by rule (holiday.h). Fixed dates and
 * "the Nth weekday of a month" rules, with the federal observance shift
 * for fixed dates that fall on a weekend (5 U.S.C. 6103(b)). Owns no
 * calendar of any other country; callers that need one add a function
 * beside holiday_is_us().
 */
#include "worthit/holiday.h"

#include "worthit/timeutil.h"

/* 0 = Sunday .. 6 = Saturday; 1970-01-01 was a Thursday. */
static int weekday(int64_t day)
{
	return (int)(((day % 7) + 7 + 4) % 7);
}

/* Day number of the nth (1-based) weekday wd of month m; n = -1 is the
 * last one. */
static int64_t nth_weekday(int y, int m, int wd, int n)
{
	if (n < 0) {
		int64_t last = (m == 12 ? time_days_from_civil(y + 1, 1, 1)
		                        : time_days_from_civil(y, m + 1, 1)) - 1;
		return last - (weekday(last) - wd + 7) % 7;
	}
	int64_t first = time_days_from_civil(y, m, 1);
	return first + (wd - weekday(first) + 7) % 7 + 7 * (n - 1);
}

/* A fixed-date holiday, or the weekday it is observed on. */
static bool is_fixed(int64_t day, int y, int m, int d)
{
	int64_t h = time_days_from_civil(y, m, d);
	int wd = weekday(h);
	int64_t observed = wd == 6 ? h - 1 : wd == 0 ? h + 1 : h;
	return day == h || day == observed;
}

static bool is_fixed_in(int64_t day, int y, int m, int d)
{
	static const int federal[][2] = { { 1, 1 }, { 6, 19 }, { 7, 4 }, { 11, 11 }, { 12, 25 } };
	for (unsigned i = 0; i < sizeof federal / sizeof federal[0]; i++)
		if (is_fixed(day, y, federal[i][0], federal[i][1]))
			return true;
	/* next year's New Year's Day, observed on Dec 31 when a Saturday */
	if (m == 12 && is_fixed(day, y + 1, 1, 1))
		return true;
	/* the eves offices close on, not shifted */
	return m == 12 && (d == 24 || d == 31);
}

static bool is_by_rule(int64_t day, int y)
{
	int64_t thanksgiving = nth_weekday(y, 11, 4, 4);
	return day == nth_weekday(y, 1, 1, 3) ||  /* Martin Luther King Jr. Day */
	       day == nth_weekday(y, 2, 1, 3) ||  /* Presidents' Day */
	       day == nth_weekday(y, 5, 1, -1) || /* Memorial Day */
	       day == nth_weekday(y, 9, 1, 1) ||  /* Labor Day */
	       day == nth_weekday(y, 10, 1, 2) || /* Columbus Day */
	       day == thanksgiving || day == thanksgiving + 1;
}

bool holiday_is_us(int64_t day)
{
	int y, m, d;
	time_civil_from_days(day, &y, &m, &d);
	return is_fixed_in(day, y, m, d) || is_by_rule(day, y);
}
