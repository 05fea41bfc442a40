/*
 * test_attrib.c: the credit models of attrib.c on hand-computed cases:
 * a referral chain three deep, a contact introduced by two people (the
 * worked example of docs/attribution.md), exact totals after rounding,
 * tie-breaking, and path parsing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "worthit/attrib.h"

static int64_t credit_of(const struct attrib_credit *c, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].contact_id == id)
			return c[i].amount_minor;
	return -1;
}

/* D(4) referred by C(3) referred by B(2) referred by A(1): 900.00. */
static void test_chain_three_deep(void **state)
{
	(void)state;
	const int64_t nodes[] = { 4, 3, 2, 1 };
	struct attrib_path p = { nodes, 4, 1.0 };
	struct attrib_credit c[4];
	assert_int_equal(attrib_split(ATTRIB_FIRST, 90000, &p, 1, c), 1);
	assert_int_equal(c[0].contact_id, 1);
	assert_int_equal(c[0].amount_minor, 90000);
	assert_int_equal(attrib_split(ATTRIB_LAST, 90000, &p, 1, c), 1);
	assert_int_equal(c[0].contact_id, 4);
	assert_int_equal(c[0].amount_minor, 90000);
	assert_int_equal(attrib_split(ATTRIB_LINEAR, 90000, &p, 1, c), 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(c[i].contact_id, i + 1); /* ascending ids */
		assert_int_equal(c[i].amount_minor, 22500);
	}
}

/*
 * The docs example: Priya(1) introduced Marcus(2); Marcus and Sandra(3)
 * both introduced Elena(4), who signed 32,000.00. Paths: 4,2,1 and 4,3,
 * half each.
 */
static void test_two_referrers_docs_example(void **state)
{
	(void)state;
	const int64_t a[] = { 4, 2, 1 }, b[] = { 4, 3 };
	struct attrib_path p[] = { { a, 3, 0.5 }, { b, 2, 0.5 } };
	struct attrib_credit c[5];
	size_t n = attrib_split(ATTRIB_FIRST, 3200000, p, 2, c);
	assert_int_equal(n, 2);
	assert_int_equal(credit_of(c, n, 1), 1600000);
	assert_int_equal(credit_of(c, n, 3), 1600000);
	n = attrib_split(ATTRIB_LAST, 3200000, p, 2, c);
	assert_int_equal(n, 1);
	assert_int_equal(credit_of(c, n, 4), 3200000);
	/* linear: path 1 gives 1,600,000 / 3 = 533,333.33 to each of 4, 2, 1;
	 * path 2 gives 800,000 to each of 4, 3. Elena 1,333,333.33, Priya
	 * and Marcus 533,333.33, Sandra 800,000: one cent left after
	 * rounding down goes to the lowest id among the equal fractions. */
	n = attrib_split(ATTRIB_LINEAR, 3200000, p, 2, c);
	assert_int_equal(n, 4);
	assert_int_equal(credit_of(c, n, 1), 533334);
	assert_int_equal(credit_of(c, n, 2), 533333);
	assert_int_equal(credit_of(c, n, 3), 800000);
	assert_int_equal(credit_of(c, n, 4), 1333333);
}

static void test_totals_exact(void **state)
{
	(void)state;
	const int64_t a[] = { 5, 9, 2 }, b[] = { 5, 7, 8, 1 }, d[] = { 5, 6 };
	struct attrib_path p[] = { { a, 3, 1.0 / 3 }, { b, 4, 1.0 / 3 }, { d, 2, 1.0 / 3 } };
	struct attrib_credit c[9];
	for (int64_t amount = 0; amount < 2000; amount += 7)
		for (int m = 0; m < ATTRIB_MODEL_COUNT; m++) {
			size_t n = attrib_split((enum attrib_model)m, amount, p, 3, c);
			int64_t sum = 0;
			for (size_t i = 0; i < n; i++) {
				assert_true(c[i].amount_minor >= 0);
				sum += c[i].amount_minor;
			}
			assert_int_equal(sum, amount);
		}
	/* 100 cents in thirds under first touch: roots 2, 1 and 6 get 33
	 * each, the cent left goes to the lowest id */
	size_t n = attrib_split(ATTRIB_FIRST, 100, p, 3, c);
	assert_int_equal(n, 3);
	assert_int_equal(credit_of(c, n, 1), 34);
	assert_int_equal(credit_of(c, n, 2), 33);
	assert_int_equal(credit_of(c, n, 6), 33);
	assert_int_equal(attrib_split(ATTRIB_LINEAR, 100, p, 0, c), 0);
}

static void test_names_and_parse(void **state)
{
	(void)state;
	assert_int_equal(attrib_model_from_name("linear"), ATTRIB_LINEAR);
	assert_int_equal(attrib_model_from_name("middle"), -1);
	assert_string_equal(attrib_model_name(ATTRIB_FIRST), "first");
	int64_t v[4];
	size_t n;
	assert_true(attrib_parse_path("12,7,3", v, 4, &n));
	assert_int_equal(n, 3);
	assert_int_equal(v[0], 12);
	assert_int_equal(v[2], 3);
	assert_false(attrib_parse_path("1,,2", v, 4, &n));
	assert_false(attrib_parse_path("1,2,", v, 4, &n));
	assert_false(attrib_parse_path("0", v, 4, &n));
	assert_false(attrib_parse_path("1,2,3,4,5", v, 4, &n));
	assert_false(attrib_parse_path("", v, 4, &n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain_three_deep),
		cmocka_unit_test(test_two_referrers_docs_example),
		cmocka_unit_test(test_totals_exact),
		cmocka_unit_test(test_names_and_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
