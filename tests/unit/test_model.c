/*
 * test_model.c: invitation_planned_hours(), the hours an invitation
 * takes (the budget's figure and a first outcome's default): duration,
 * travel both ways unless virtual, preparation; a negative duration
 * counts as none. invitation_counted_hours(): an all-day event counts
 * all_day_hours per day, not 24; invitation_local_span(): an all-day
 * event lies from local midnight to local midnight of its dates, so it
 * neither falls in the month before nor meets the evening before.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "worthit/model.h"
#include "worthit/timeutil.h"

static void test_planned_hours(void **state)
{
	(void)state;
	struct invitation inv;
	invitation_init(&inv);
	inv.starts_at = 1000000;
	inv.ends_at = inv.starts_at + 90 * 60;
	inv.travel_min = 30;
	inv.prep_min = 15;
	inv.reach = REACH_LOCAL;
	assert_true(invitation_planned_hours(&inv) == (90 + 60 + 15) / 60.0);
	inv.reach = REACH_VIRTUAL; /* no travel to a virtual room */
	assert_true(invitation_planned_hours(&inv) == (90 + 15) / 60.0);
	inv.ends_at = inv.starts_at - 60;
	assert_true(invitation_planned_hours(&inv) == 15 / 60.0);
	invitation_done(&inv);
}

static void test_all_day_hours_and_span(void **state)
{
	(void)state;
	struct invitation inv;
	invitation_init(&inv);
	inv.all_day = true;
	inv.starts_at = time_from_utc_fields(2026, 5, 1, 0, 0, 0); /* Fri 1 May */
	inv.ends_at = inv.starts_at + 3 * DAY_SEC;                 /* to Sun 3 May */
	inv.travel_min = 30;
	assert_int_equal(invitation_all_day_days(&inv), 3);
	assert_true(invitation_counted_hours(&inv, 4.0) == 12.0);
	assert_true(invitation_counted_hours(&inv, 8.0) == 24.0);
	inv.ends_at = inv.starts_at; /* malformed: still one day */
	assert_int_equal(invitation_all_day_days(&inv), 1);
	assert_true(invitation_counted_hours(&inv, 8.0) == 8.0);
	inv.ends_at = inv.starts_at + DAY_SEC;

	/* Chicago (CDT, -5 h): 1 May 00:00 local = 05:00 UTC, not 30 Apr 19:00 */
	int64_t from, to;
	invitation_local_span(&inv, -5 * 3600, &from, &to);
	assert_int_equal(from, time_from_utc_fields(2026, 5, 1, 5, 0, 0));
	assert_int_equal(to, time_from_utc_fields(2026, 5, 2, 5, 0, 0));
	/* an evening event the day before (30 Apr 18:00-21:00 CDT) ends before it */
	assert_true(time_from_utc_fields(2026, 5, 1, 2, 0, 0) <= from);
	/* London (BST, +1 h): 30 Apr 23:00 UTC */
	invitation_local_span(&inv, 3600, &from, &to);
	assert_int_equal(from, time_from_utc_fields(2026, 4, 30, 23, 0, 0));
	assert_int_equal(to - from, DAY_SEC);

	/* timed: as stored, planned hours */
	inv.all_day = false;
	inv.ends_at = inv.starts_at + 3600;
	assert_int_equal(invitation_all_day_days(&inv), 0);
	assert_true(invitation_counted_hours(&inv, 8.0) == invitation_planned_hours(&inv));
	invitation_local_span(&inv, -5 * 3600, &from, &to);
	assert_int_equal(from, inv.starts_at);
	assert_int_equal(to, inv.ends_at);
	invitation_done(&inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_planned_hours),
		cmocka_unit_test(test_all_day_hours_and_span),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
