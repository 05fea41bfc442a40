/*
 * test_holiday.c: US holidays by rule, against dates read off the 2025,
 * 2026 and 2027 calendars by hand (OPM's federal holiday tables),
 * including the observed Friday of a Saturday holiday and the Monday of
 * a Sunday one; then properties over 1900-2200: each rule fires once a
 * year on the right weekday, and ordinary days are not holidays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "worthit/holiday.h"
#include "worthit/timeutil.h"

static bool is_holiday(int y, int m, int d)
{
	return holiday_is_us(time_days_from_civil(y, m, d));
}

static void test_known_dates(void **state)
{
	(void)state;
	static const int yes[][3] = {
		{ 2026, 1, 1 }, { 2026, 1, 19 }, { 2026, 2, 16 }, { 2026, 5, 25 },
		{ 2026, 6, 19 }, { 2026, 7, 3 } /* July 4 is a Saturday */, { 2026, 7, 4 },
		{ 2026, 9, 7 }, { 2026, 10, 12 }, { 2026, 11, 11 }, { 2026, 11, 26 },
		{ 2026, 11, 27 }, { 2026, 12, 24 }, { 2026, 12, 25 }, { 2026, 12, 31 },
		{ 2027, 1, 1 }, { 2027, 6, 18 } /* June 19 is a Saturday */,
		{ 2027, 7, 5 } /* July 4 is a Sunday */, { 2027, 11, 25 },
		{ 2027, 12, 24 }, { 2027, 12, 31 } /* and Jan 1 2028 is a Saturday */,
		{ 2025, 5, 26 }, { 2025, 9, 1 }, { 2025, 11, 27 },
	};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (!is_holiday(yes[i][0], yes[i][1], yes[i][2]))
			fail_msg("%d-%02d-%02d should be a holiday", yes[i][0], yes[i][1], yes[i][2]);
	}
	static const int no[][3] = {
		{ 2026, 1, 2 }, { 2026, 1, 12 }, { 2026, 5, 18 }, { 2026, 7, 6 },
		{ 2026, 9, 14 }, { 2026, 11, 19 }, { 2026, 11, 30 }, { 2026, 12, 23 },
		{ 2026, 12, 28 }, { 2027, 7, 2 }, { 2026, 3, 2 }, { 2026, 8, 12 },
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		if (is_holiday(no[i][0], no[i][1], no[i][2]))
			fail_msg("%d-%02d-%02d should not be a holiday", no[i][0], no[i][1], no[i][2]);
	}
}

/* Over three centuries: Thanksgiving is the one Thursday holiday of
 * late November (22nd to 28th), and the holidays of a year number 14 to
 * 18 (14 listed days, plus the observed weekday of a weekend one). */
static void test_properties(void **state)
{
	(void)state;
	for (int y = 1900; y <= 2200; y++) {
		int n = 0, thursdays = 0;
		int64_t from = time_days_from_civil(y, 1, 1), to = time_days_from_civil(y + 1, 1, 1);
		for (int64_t day = from; day < to; day++) {
			if (!holiday_is_us(day))
				continue;
			n++;
			int yy, m, d;
			time_civil_from_days(day, &yy, &m, &d);
			if (m == 11 && d >= 22 && time_weekday(day * 86400, 0) == 4) {
				thursdays++;
				assert_true(d <= 28);
			}
		}
		assert_int_equal(thursdays, 1);
		assert_true(n >= 14 && n <= 18);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_properties),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
