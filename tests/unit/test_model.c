/*
 * test_model.c: invitation_planned_hours(), the hours an invitation
 * takes (the budget's figure and a first outcome's default): duration,
 * travel both ways unless virtual, preparation; a negative duration
 * counts as none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "worthit/model.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_planned_hours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
