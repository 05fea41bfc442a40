/*
 * test_outcome_rules.c: the limits and parsers of outcome fields
 * (outcome_rules.c), which `worthit outcome` and the dashboard's form
 * share: each limit accepted at its edge and refused one past it; signs,
 * blanks, trailing text and empty text refused; the message names the
 * caller's label and the text as typed; the rating may be empty only
 * when the caller allows it; a refused value leaves the outcome as it
 * was; outcome_rules_parse fills the field it is asked for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "worthit/outcome_rules.h"

/* Refused with a message holding want (*why is read after the call:
 * a pointer, as argument evaluation order is unspecified). */
static void refused(enum wit_status st, char **why, const char *want)
{
	assert_int_equal(st, WIT_DATA);
	assert_non_null(*why);
	if (strstr(*why, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", *why, want);
	free(*why);
	*why = NULL;
}

static void test_counts(void **state)
{
	(void)state;
	int n = -7;
	assert_int_equal(outcome_rules_count("--leads", "0", &n, NULL), WIT_OK);
	assert_int_equal(n, 0);
	assert_int_equal(outcome_rules_count("--leads", "100000", &n, NULL), WIT_OK);
	assert_int_equal(n, OUTCOME_COUNT_MAX);
	const char *bad[] = {"100001", "-1", "+1", " 1", "1 ", "1x", "", "abc", "1.5",
	                     "99999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *why = NULL, want[64];
		n = 3;
		snprintf(want, sizeof want, "--leads: \"%s\" is not a whole number from 0 to 100000",
		         bad[i]);
		refused(outcome_rules_count("--leads", bad[i], &n, &why), &why, want);
		assert_int_equal(n, 3);
	}
}

static void test_hours(void **state)
{
	(void)state;
	double h = -1;
	assert_int_equal(outcome_rules_hours("hours", "2.5", &h, NULL), WIT_OK);
	assert_true(h == 2.5);
	assert_int_equal(outcome_rules_hours("hours", ".5", &h, NULL), WIT_OK);
	assert_true(h == 0.5);
	assert_int_equal(outcome_rules_hours("hours", "0", &h, NULL), WIT_OK);
	assert_true(h == 0);
	assert_int_equal(outcome_rules_hours("hours", "1000", &h, NULL), WIT_OK);
	assert_true(h == OUTCOME_HOURS_MAX);
	const char *bad[] = {"1000.01", "-1", "+2", " 2", "2h", "", "inf", "nan", "abc"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *why = NULL, want[80];
		h = 4;
		snprintf(want, sizeof want, "hours: \"%s\" is not a number of hours from 0 to 1000",
		         bad[i]);
		refused(outcome_rules_hours("hours", bad[i], &h, &why), &why, want);
		assert_true(h == 4);
	}
}

static void test_money(void **state)
{
	(void)state;
	int64_t m = 0;
	assert_int_equal(outcome_rules_money("--revenue", "1200.50", "USD", &m, NULL), WIT_OK);
	assert_int_equal(m, 120050);
	assert_int_equal(outcome_rules_money("--revenue", "1200", "JPY", &m, NULL), WIT_OK);
	assert_int_equal(m, 1200);
	char *why = NULL;
	refused(outcome_rules_money("--revenue", "12.345", "USD", &m, &why), &why,
	        "--revenue: \"12.345\" is not an amount in USD (such as 1200 or 1200.50; at most 2 "
	        "decimals, not negative)");
	refused(outcome_rules_money("revenue", "-5", "USD", &m, &why), &why, "revenue: \"-5\"");
	refused(outcome_rules_money("revenue", "1.5", "JPY", &m, &why), &why, "at most 0 decimals");
	assert_int_equal(m, 1200);
}

static void test_rating(void **state)
{
	(void)state;
	int r = -1;
	for (int v = OUTCOME_RATING_MIN; v <= OUTCOME_RATING_MAX; v++) {
		char s[12]; /* any int: -O1 cannot see v's range */
		snprintf(s, sizeof s, "%d", v);
		assert_int_equal(outcome_rules_rating("--rating", s, false, &r, NULL), WIT_OK);
		assert_int_equal(r, v);
	}
	assert_int_equal(outcome_rules_rating("rating", "", true, &r, NULL), WIT_OK);
	assert_int_equal(r, 0);
	char *why = NULL;
	r = 4;
	refused(outcome_rules_rating("--rating", "", false, &r, &why), &why,
	        "--rating: \"\" is not a rating from 1 to 5");
	refused(outcome_rules_rating("--rating", "0", false, &r, &why), &why,
	        "--rating: \"0\" is not a rating from 1 to 5");
	refused(outcome_rules_rating("rating", "6", true, &r, &why), &why,
	        "rating: \"6\" is not a rating from 1 to 5 (or empty)");
	refused(outcome_rules_rating("rating", "+3", true, &r, &why), &why, "\"+3\"");
	assert_int_equal(r, 4);
}

static void test_parse_fills_its_field(void **state)
{
	(void)state;
	struct outcome o;
	memset(&o, 0, sizeof o);
	assert_int_equal(outcome_rules_parse(OUTCOME_VALUE_HOURS, "h", "3", "USD", false, &o, NULL),
	                 WIT_OK);
	assert_int_equal(outcome_rules_parse(OUTCOME_VALUE_CONTACTS, "c", "4", "USD", false, &o,
	                                     NULL), WIT_OK);
	assert_int_equal(outcome_rules_parse(OUTCOME_VALUE_LEADS, "l", "5", "USD", false, &o, NULL),
	                 WIT_OK);
	assert_int_equal(outcome_rules_parse(OUTCOME_VALUE_MEETINGS, "m", "6", "USD", false, &o,
	                                     NULL), WIT_OK);
	assert_int_equal(outcome_rules_parse(OUTCOME_VALUE_DEALS, "d", "7", "USD", false, &o, NULL),
	                 WIT_OK);
	assert_int_equal(outcome_rules_parse(OUTCOME_VALUE_REVENUE, "r", "8.01", "EUR", false, &o,
	                                     NULL), WIT_OK);
	assert_int_equal(outcome_rules_parse(OUTCOME_VALUE_RATING, "R", "2", "USD", false, &o, NULL),
	                 WIT_OK);
	assert_true(o.actual_hours == 3);
	assert_int_equal(o.contacts_met, 4);
	assert_int_equal(o.leads, 5);
	assert_int_equal(o.meetings, 6);
	assert_int_equal(o.deals, 7);
	assert_int_equal(o.revenue_minor, 801);
	assert_int_equal(o.rating, 2);
	struct outcome before = o;
	char *why = NULL;
	refused(outcome_rules_parse(OUTCOME_VALUE_DEALS, "--deals", "2x", "USD", false, &o, &why),
	        &why, "--deals: \"2x\"");
	assert_memory_equal(&o, &before, sizeof o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_rating),
		cmocka_unit_test(test_parse_fills_its_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
