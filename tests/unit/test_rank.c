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

/* A result as the engine writes it (score.c's finish_total): the total
 * from score_total_of, each value term's points its share of V + C,
 * the balance its lift's, cost terms 0. */
static void set(struct score_result *r, const double raw[SC_COUNT], const double w[SC_COUNT])
{
	memset(r, 0, sizeof *r);
	double v, c;
	r->total = score_total_of(w, raw, &v, &c);
	double base = 0;
	for (int k = 0; k < SC_COUNT; k++) {
		r->part[k].raw = raw[k];
		r->part[k].weight = w[k];
		if (k <= SC_VALUE_LAST_) {
			r->part[k].contribution = 100 * w[k] * raw[k] / (v + c);
			base += w[k] * raw[k];
		}
	}
	r->part[SC_BALANCE].contribution = 100 * (v - base) / (v + c);
}

static void test_why(void **state)
{
	(void)state;
	const double w[SC_COUNT] = { 1, 1, 1, 1, 1, 1, 1, 1 };
	/* A: V = (3 + 2 + 0 + 1) x 1.5 = 9, C = 2: 81.8; B: V = (1 + 2 + 0
	 * + 1) x 1.5 = 6, C = 3 + 1 = 4: 60 */
	const double ra[SC_COUNT] = { 3, 2, 0, 1, 0.5, 2, 0, 0 };
	const double rb[SC_COUNT] = { 1, 2, 0, 1, 0.5, 3, 1, 0 };
	struct score_result a, b;
	set(&a, ra, w);
	set(&b, rb, w);
	assert_true(fabs(a.total - 900.0 / 11) < 1e-9);
	assert_true(fabs(b.total - 60.0) < 1e-9);
	struct rank_diff d[SC_COUNT];
	size_t n = rank_why(&a, &b, d);
	/* room 27.27 - 10, people 18.18 - 20, track 9.09 - 10, balance
	 * 27.27 - 20: four value terms, then the two cost terms that differ */
	assert_int_equal(n, 6);
	assert_int_equal(d[0].component, SC_ROOM);
	assert_true(fabs(d[0].delta - (300.0 / 11 - 10)) < 1e-9);
	assert_int_equal(d[1].component, SC_BALANCE);
	assert_int_equal(d[2].component, SC_PEOPLE);
	assert_int_equal(d[3].component, SC_TRACK_RECORD);
	assert_int_equal(d[4].component, SC_COST);
	assert_true(d[4].delta == 0.0);
	assert_int_equal(d[5].component, SC_AVAILABILITY);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += d[i].delta;
	assert_true(fabs(sum - (a.total - b.total)) < 1e-12);
}

static void test_reasons(void **state)
{
	(void)state;
	struct score_settings s;
	score_settings_defaults(&s);
	/* V = (4 + 1) x (1 + 0.5) = 7.5, C = 2 + 0.5 = 2.5: 75. Without
	 * the room: V = 1.5, 37.5; without people: V = 6, 70.6; without the
	 * balance: V = 5, 66.7; without the cost: V / (V + 0.5) = 93.75;
	 * without availability: 7.5 / 9.5 = 78.9. Stage has weight 0. */
	const double w[SC_COUNT] = { 1, 1, 0, 1, 1, 1, 1, 1 };
	const double raw[SC_COUNT] = { 4, 1, 3, 0, 0.5, 2, 0.5, 0 };
	struct score_result r;
	set(&r, raw, w);
	assert_true(fabs(r.total - 75.0) < 1e-9);
	struct rank_diff d[SC_COUNT];
	size_t n = rank_reasons(&r, &s, d);
	assert_int_equal(n, 5); /* stage off, track and over-band 0 */
	assert_int_equal(d[0].component, SC_ROOM);
	assert_true(fabs(d[0].delta - 37.5) < 1e-9);
	assert_int_equal(d[1].component, SC_COST);
	assert_true(fabs(d[1].delta - (75 - 93.75)) < 1e-9);
	assert_int_equal(d[2].component, SC_BALANCE);
	assert_true(fabs(d[2].delta - (75 - 500.0 / 7.5)) < 1e-9);
	assert_int_equal(d[3].component, SC_PEOPLE);
	assert_true(fabs(d[3].delta - (75 - 600.0 / 8.5)) < 1e-9);
	assert_int_equal(d[4].component, SC_AVAILABILITY);
	assert_true(fabs(d[4].delta - (75 - 750.0 / 9.5)) < 1e-9);
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
