/*
 * test_rank.c: ranking order (score, then earlier start, then lower id),
 * the merge sort against insertion order on generated rows, the radix
 * path and its fallback against qsort, and the
 * component comparisons behind `worthit why` and the top reasons.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "worthit/rank.h"

static void test_order_and_ties(void **state)
{
	(void)state;
	struct rank_item v[] = {
		{ 50.0, 300, 4, 0 }, { 70.0, 900, 9, 1 }, { 50.0, 100, 8, 2 },
		{ 50.0, 100, 2, 3 }, { 10.0, 0, 1, 4 },
	};
	struct rank_item tmp[5];
	rank_sort(v, 5, tmp);
	size_t want[] = { 1, 3, 2, 0, 4 }; /* 70; 50@100 id 2, id 8; 50@300; 10 */
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(v[i].index, want[i]);
}

static uint64_t rng = 42;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int cmp(const void *a, const void *b)
{
	return rank_compare(a, b);
}

static void test_merge_sort_matches_qsort(void **state)
{
	(void)state;
	size_t sizes[] = { 0, 1, 15, 16, 17, 33, 1000, 4099 };
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		size_t n = sizes[s];
		struct rank_item *a = calloc(n + 1, sizeof *a), *b = calloc(n + 1, sizeof *b);
		struct rank_item *tmp = calloc(n + 1, sizeof *tmp);
		for (size_t i = 0; i < n; i++) {
			/* few distinct scores and starts: plenty of ties */
			a[i] = (struct rank_item){ (double)(next() % 7) * 12.5, (int64_t)(next() % 5),
				                   (int64_t)i, i };
		}
		memcpy(b, a, n * sizeof *a);
		rank_sort(a, n, tmp);
		qsort(b, n, sizeof *b, cmp); /* ids unique: the order is total */
		for (size_t i = 0; i < n; i++)
			assert_int_equal(a[i].index, b[i].index);
		free(a);
		free(b);
		free(tmp);
	}
}

/* Input in (start, id) order takes the radix path: it must agree with
 * qsort(rank_compare), including totals closer than its 2^-20 buckets. */
static void test_radix_path_matches_qsort(void **state)
{
	(void)state;
	size_t sizes[] = { 17, 100, 5000, 70001 };
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		size_t n = sizes[s];
		struct rank_item *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
		struct rank_item *tmp = calloc(n, sizeof *tmp);
		int64_t start = 0;
		for (size_t i = 0; i < n; i++) {
			start += (int64_t)(next() % 3); /* equal starts too */
			double total = (double)(next() % 400) * 0.25;
			if (next() % 3 == 0)
				total += 1e-9 * (double)(next() % 5); /* same bucket, differs */
			if (next() % 50 == 0)
				total = 100.0;
			a[i] = (struct rank_item){ total, start, (int64_t)i + 1, i };
		}
		memcpy(b, a, n * sizeof *a);
		rank_sort(a, n, tmp);
		qsort(b, n, sizeof *b, cmp);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(a[i].index, b[i].index);
		free(a);
		free(b);
		free(tmp);
	}
}

/* Input that breaks the radix path's conditions half-way (a total out
 * of 0..100, then a start out of order) is still ranked exactly: the
 * fallback sees the items as they came. */
static void test_radix_falls_back(void **state)
{
	(void)state;
	const size_t n = 3001;
	for (int broken = 0; broken < 2; broken++) {
		struct rank_item *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
		struct rank_item *tmp = calloc(n, sizeof *tmp);
		for (size_t i = 0; i < n; i++)
			a[i] = (struct rank_item){ (double)(next() % 400) * 0.25, (int64_t)i, (int64_t)i + 1,
			                           i };
		if (broken == 0)
			a[n / 2].total = 150.0;
		else
			a[n / 2].starts_at = -5;
		memcpy(b, a, n * sizeof *a);
		rank_sort(a, n, tmp);
		qsort(b, n, sizeof *b, cmp);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(a[i].index, b[i].index);
		free(a);
		free(b);
		free(tmp);
	}
}

static void set(struct score_result *r, const double contrib[SC_COUNT], const double w[SC_COUNT])
{
	memset(r, 0, sizeof *r);
	r->factor = 1.0;
	for (int c = 0; c < SC_COUNT; c++) {
		r->part[c].contribution = contrib[c];
		r->part[c].weight = w[c];
		r->total += contrib[c];
	}
}

static void test_why(void **state)
{
	(void)state;
	const double w[SC_COUNT] = { 3, 2, 1, 0.5, 1.5, 2, 1, 1 };
	const double ca[SC_COUNT] = { 20, 8, 4, 2, 5, 10, 0, 8 };
	const double cb[SC_COUNT] = { 5, 12, 4, 2.5, 5, 0, 0, 8 };
	struct score_result a, b;
	set(&a, ca, w);
	set(&b, cb, w);
	struct rank_diff d[SC_COUNT];
	size_t n = rank_why(&a, &b, d);
	assert_int_equal(n, 4); /* equal components are left out */
	assert_int_equal(d[0].component, SC_OVERLAP);
	assert_true(d[0].delta == 15.0);
	assert_int_equal(d[1].component, SC_RELATIONSHIPS);
	assert_int_equal(d[2].component, SC_TIME_COST);
	assert_true(d[2].delta == -4.0);
	assert_int_equal(d[3].component, SC_BUDGET);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += d[i].delta;
	assert_true(fabs(sum - (a.total - b.total)) < 1e-12);
}

static void test_reasons(void **state)
{
	(void)state;
	struct score_settings s;
	score_settings_defaults(&s); /* track neutral: 0.5 / (0.5 + 1) = 1/3 */
	/* W = 11 (stage off), full marks = 100 * w / 11:
	 * overlap 27.27 (neutral 13.64), time 18.18 (9.09), availability
	 * 9.09 (9.09: raw 1), budget 4.55 (2.27), track 13.64 (4.55),
	 * relationships 18.18 (0), locality 9.09 (4.55) */
	const double w[SC_COUNT] = { 3, 2, 1, 0.5, 1.5, 2, 0, 1 };
	const double c[SC_COUNT] = { 24, 2, 100.0 / 11, 2, 100.0 * 1.5 / 11 / 3, 8, 0, 6 };
	struct score_result r;
	set(&r, c, w);
	struct rank_diff d[SC_COUNT];
	size_t n = rank_reasons(&r, &s, d);
	/* stage has weight 0; availability and track record sit at neutral */
	assert_int_equal(n, 5);
	assert_int_equal(d[0].component, SC_OVERLAP); /* 24 - 13.64 = 10.36 */
	assert_true(fabs(d[0].delta - (24 - 150.0 / 11)) < 1e-9);
	assert_int_equal(d[1].component, SC_RELATIONSHIPS); /* 8 - 0 */
	assert_true(fabs(d[1].delta - 8.0) < 1e-9);
	assert_int_equal(d[2].component, SC_TIME_COST); /* 2 - 9.09 = -7.09 */
	assert_true(fabs(d[2].delta - (2 - 100.0 / 11)) < 1e-9);
	assert_int_equal(d[3].component, SC_LOCALITY); /* 6 - 4.55 = 1.45 */
	assert_int_equal(d[4].component, SC_BUDGET);   /* 2 - 2.27 = -0.27 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_ties),
		cmocka_unit_test(test_merge_sort_matches_qsort),
		cmocka_unit_test(test_radix_path_matches_qsort),
		cmocka_unit_test(test_radix_falls_back),
		cmocka_unit_test(test_why),
		cmocka_unit_test(test_reasons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
