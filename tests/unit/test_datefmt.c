/*
 * test_datefmt.c: the one date style of the lists (datefmt.c), cases
 * worked by hand: an all-day event is its calendar date at any offset
 * (west of UTC it is not the evening before, in London not 01:00),
 * spans within a month, across months and across a new year, the year
 * shown only when it is not the current one, timed events at their
 * local time in each style, and a short buffer cut safely.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "worthit/datefmt.h"
#include "worthit/timeutil.h"

#define CHICAGO (-5 * 3600) /* CDT */
#define LONDON (1 * 3600)   /* BST */

static const char *when(int64_t s, int64_t e, bool all_day, int off, enum datefmt_style st,
                        int year, bool utf8)
{
	static char buf[64];
	struct datefmt_event ev = { s, e, all_day, off };
	return datefmt_when(&ev, st, year, utf8, buf, sizeof buf);
}

static int64_t day(int y, int m, int d)
{
	return time_from_utc_fields(y, m, d, 0, 0, 0);
}

static void test_all_day_is_a_date_in_every_zone(void **state)
{
	(void)state;
	int64_t s = day(2026, 4, 9), e = day(2026, 4, 10);
	for (int off = -12 * 3600; off <= 14 * 3600; off += 1800) {
		assert_string_equal(when(s, e, true, off, DATEFMT_FULL, 2026, true),
		                    "Thu 09 Apr, all day");
		assert_string_equal(when(s, e, true, off, DATEFMT_TIME, 2026, true), "09 Apr, all day");
		assert_string_equal(when(s, e, true, off, DATEFMT_DAY, 2026, true), "09 Apr");
	}
	/* 13 May in London: a date, not "13 May 01:00" */
	assert_string_equal(when(day(2026, 5, 13), day(2026, 5, 14), true, LONDON, DATEFMT_FULL,
	                         2026, true), "Wed 13 May, all day");
}

static void test_all_day_spans(void **state)
{
	(void)state;
	assert_string_equal(when(day(2026, 4, 9), day(2026, 4, 12), true, CHICAGO, DATEFMT_FULL,
	                         2026, true), "09–11 Apr, all day");
	assert_string_equal(when(day(2026, 4, 9), day(2026, 4, 12), true, CHICAGO, DATEFMT_FULL,
	                         2026, false), "09-11 Apr, all day");
	assert_string_equal(when(day(2026, 4, 30), day(2026, 5, 3), true, 0, DATEFMT_FULL, 2026,
	                         true), "30 Apr–2 May, all day");
	assert_string_equal(when(day(2026, 12, 31), day(2027, 1, 2), true, 0, DATEFMT_FULL, 2026,
	                         true), "31 Dec–1 Jan 2027, all day");
	/* where room is short a span needs no "all day" */
	assert_string_equal(when(day(2026, 4, 30), day(2026, 5, 3), true, 0, DATEFMT_TIME, 2026,
	                         true), "30 Apr–2 May");
	assert_string_equal(when(day(2025, 12, 31), day(2026, 1, 2), true, 0, DATEFMT_TIME, 2026,
	                         true), "31 Dec 2025–1 Jan");
	assert_string_equal(when(day(2026, 4, 9), day(2026, 4, 12), true, 0, DATEFMT_DAY, 2026,
	                         true), "09–11 Apr");
	/* an end equal to the start (malformed but seen) is one day */
	assert_string_equal(when(day(2026, 4, 9), day(2026, 4, 9), true, 0, DATEFMT_TIME, 2026,
	                         true), "09 Apr, all day");
}

static void test_year_only_when_not_this_one(void **state)
{
	(void)state;
	assert_string_equal(when(day(2027, 4, 9), day(2027, 4, 10), true, 0, DATEFMT_FULL, 2026,
	                         true), "Fri 09 Apr 2027, all day");
	/* 15 columns: the year takes the room of the time or of "all day" */
	assert_string_equal(when(day(2027, 4, 9), day(2027, 4, 10), true, 0, DATEFMT_TIME, 2026,
	                         true), "09 Apr 2027");
	int64_t t27 = time_from_utc_fields(2027, 4, 9, 18, 0, 0);
	assert_string_equal(when(t27, t27, false, 0, DATEFMT_TIME, 2026, true), "09 Apr 2027");
	int64_t t = time_from_utc_fields(2025, 12, 28, 18, 30, 0);
	assert_string_equal(when(t, t + 3600, false, 0, DATEFMT_DAY, 2026, true), "28 Dec 2025");
	assert_string_equal(when(t, t + 3600, false, 0, DATEFMT_DAY, 2025, true), "28 Dec");
	assert_string_equal(when(t, t + 3600, false, 0, DATEFMT_FULL, 2026, true),
	                    "Sun 28 Dec 2025 18:30");
}

static void test_timed_local(void **state)
{
	(void)state;
	int64_t t = time_from_utc_fields(2026, 4, 9, 23, 0, 0);
	assert_string_equal(when(t, t + 3600, false, CHICAGO, DATEFMT_FULL, 2026, true),
	                    "Thu 09 Apr 18:00");
	assert_string_equal(when(t, t + 3600, false, CHICAGO, DATEFMT_TIME, 2026, true),
	                    "09 Apr 18:00");
	assert_string_equal(when(t, t + 3600, false, LONDON, DATEFMT_FULL, 2026, true),
	                    "Fri 10 Apr 00:00");
	/* new year's eve in Chicago is already next year in UTC */
	int64_t nye = time_from_utc_fields(2027, 1, 1, 3, 0, 0);
	assert_int_equal(datefmt_year(nye, CHICAGO), 2026);
	assert_int_equal(datefmt_year(nye, 0), 2027);
	assert_string_equal(when(nye, nye, false, CHICAGO, DATEFMT_TIME, 2026, true),
	                    "31 Dec 22:00");
	/* before 1970 */
	int64_t old = time_from_utc_fields(1969, 12, 31, 12, 0, 0);
	assert_string_equal(when(old, old, false, 0, DATEFMT_DAY, 2026, true), "31 Dec 1969");
}

static void test_short_buffer(void **state)
{
	(void)state;
	char buf[5];
	struct datefmt_event ev = { day(2026, 4, 9), day(2026, 4, 10), true, 0 };
	assert_string_equal(datefmt_when(&ev, DATEFMT_FULL, 2026, true, buf, sizeof buf), "Thu ");
	assert_ptr_equal(datefmt_when(&ev, DATEFMT_FULL, 2026, true, buf, 0), buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_day_is_a_date_in_every_zone),
		cmocka_unit_test(test_all_day_spans),
		cmocka_unit_test(test_year_only_when_not_this_one),
		cmocka_unit_test(test_timed_local),
		cmocka_unit_test(test_short_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
