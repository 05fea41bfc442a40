/*
 * test_plan.c: the month plan (plan.h). A case by hand (a clash, the
 * band full, a gated and a worthless invitation, each with its reason),
 * and over thousands of generated months the DP's choice against brute
 * force over every subset: the same best net value, never two chosen
 * that clash, never past the band, never a gated or worthless one, the
 * reasons consistent (a left-out candidate clashes with a chosen one or
 * would not fit).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "worthit/plan.h"

#define H 3600

static void test_by_hand(void **state)
{
	(void)state;
	/* band 8-14 h, 3 h committed: 11 h of room */
	struct plan_item it[] = {
		{ 1, 10 * H, 13 * H, 3.0, 90000, 45000, false },   /* net 450 */
		{ 2, 12 * H, 14 * H, 2.0, 100000, 30000, false },  /* clashes with 1: net 700 */
		{ 3, 20 * H, 26 * H, 6.0, 120000, 90000, false },  /* net 300 */
		{ 4, 30 * H, 34 * H, 4.0, 80000, 60000, false },   /* net 200 */
		{ 5, 40 * H, 41 * H, 1.0, 90000, 15000, true },    /* gated */
		{ 6, 50 * H, 52 * H, 2.0, 20000, 30000, false },   /* worth less than its cost */
	};
	struct plan_result r;
	plan_make(it, 6, 3.0, 8.0, 14.0, &r);
	/* 2 + 3 = 8 h (net 1000) beats 1 + 3 (9 h, 750) and 2 + 3 + 4
	 * (12 h: too much); 2 + 4 is 6 h, net 900 */
	assert_int_equal(r.reason[1], PLAN_CHOSEN);
	assert_int_equal(r.reason[2], PLAN_CHOSEN);
	assert_int_equal(r.reason[0], PLAN_CLASH);
	assert_int_equal(r.clash_with[0], 2);
	assert_int_equal(r.reason[3], PLAN_OVER_BAND);
	assert_int_equal(r.reason[4], PLAN_GATED);
	assert_int_equal(r.reason[5], PLAN_NOT_WORTH);
	assert_int_equal(r.n_chosen, 2);
	assert_true(r.hours == 8.0);
	assert_true(r.value == 220000 && r.cost == 120000);
	assert_true(r.capacity == 11.0);
	plan_done(&r);
	/* a full month: nothing fits */
	plan_make(it, 6, 14.5, 8.0, 14.0, &r);
	assert_int_equal(r.n_chosen, 0);
	assert_int_equal(r.reason[1], PLAN_OVER_BAND);
	plan_done(&r);
	plan_make(NULL, 0, 0, 8, 14, &r);
	assert_int_equal(r.n_chosen, 0);
	plan_done(&r);
}

static uint64_t rng = 0x2545F4914F6CDD1Du;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static int upto(int n) { return (int)(next() % (uint64_t)n); }

#define MAXN 12

static bool clash(const struct plan_item *a, const struct plan_item *b)
{
	return a->from < b->to && b->from < a->to;
}

/* The best net value over every subset, by brute force. */
static double brute(const struct plan_item *it, int n, double cap)
{
	double best = 0;
	for (unsigned s = 0; s < (1u << n); s++) {
		double hours = 0, net = 0;
		bool ok = true;
		for (int i = 0; i < n && ok; i++) {
			if (!((s >> i) & 1u))
				continue;
			if (it[i].is_gated || !(it[i].value > it[i].cost))
				ok = false;
			hours += ceil(it[i].hours * 4.0 - 1e-9) / 4.0;
			net += it[i].value - it[i].cost;
			for (int j = 0; j < i && ok; j++)
				if (((s >> j) & 1u) && clash(&it[i], &it[j]))
					ok = false;
		}
		if (ok && hours <= floor(cap * 4.0 + 1e-9) / 4.0 && net > best)
			best = net;
	}
	return best;
}

static void test_exact_against_brute_force(void **state)
{
	(void)state;
	for (int run = 0; run < 3000; run++) {
		struct plan_item it[MAXN];
		int n = 1 + upto(MAXN);
		for (int i = 0; i < n; i++) {
			int64_t from = (int64_t)upto(60) * 900;
			it[i] = (struct plan_item){ i + 1, from, from + (1 + upto(16)) * 900,
				                    (1 + upto(24)) / 4.0, upto(100000), upto(80000),
				                    upto(8) == 0 };
		}
		double committed = upto(40) / 4.0, hi = committed + upto(40) / 4.0;
		struct plan_result r;
		plan_make(it, (size_t)n, committed, 0, hi, &r);
		double net = 0, hours = 0;
		for (int i = 0; i < n; i++) {
			if (r.reason[i] != PLAN_CHOSEN) {
				if (r.reason[i] == PLAN_CLASH) {
					bool found = false;
					for (int j = 0; j < n; j++)
						found |= it[j].id == r.clash_with[i] &&
						         r.reason[j] == PLAN_CHOSEN && clash(&it[i], &it[j]);
					assert_true(found);
				}
				continue;
			}
			assert_false(it[i].is_gated);
			assert_true(it[i].value > it[i].cost);
			net += it[i].value - it[i].cost;
			hours += it[i].hours;
			for (int j = 0; j < i; j++)
				assert_false(r.reason[j] == PLAN_CHOSEN && clash(&it[i], &it[j]));
		}
		assert_true(hours <= hi - committed + 1e-9); /* weights are rounded up */
		assert_true(fabs(net - brute(it, n, hi - committed)) < 1e-6);
		assert_true(fabs(net - (r.value - r.cost)) < 1e-6);
		plan_done(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_hand),
		cmocka_unit_test(test_exact_against_brute_force),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
