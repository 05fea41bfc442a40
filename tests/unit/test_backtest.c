/*
 * test_backtest.c: Spearman's rank correlation on small cases computed
 * by hand (ties on one side, on both sides, reversed, undefined), the
 * score under a set of weights, and revenue per hour of the top-scored
 * quarter against the rest, by hand (cut size, ties at the cut in event
 * order, recorded scores).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "worthit/backtest.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_spearman_by_hand(void **state)
{
	(void)state;
	struct backtest_row rows[8];
	bool ok = false;
	/* ranks y: 1 3 2 5 4, d² = 0+1+1+1+1 = 4: 1 - 6*4/(5*24) = 0.8 */
	double x1[] = {10, 20, 30, 40, 50}, y1[] = {1, 3, 2, 5, 4};
	NEAR(backtest_spearman(x1, y1, 5, rows, &ok), 0.8);
	assert_true(ok);
	/* ties in x: ranks 1 2.5 2.5 4 against 1 2 3 4; centred: (-1.5 0 0
	 * 1.5) . (-1.5 -0.5 0.5 1.5) = 4.5, |x|² = 4.5, |y|² = 5:
	 * 4.5 / sqrt(22.5) = 3 / sqrt(10) */
	double x2[] = {1, 2, 2, 3}, y2[] = {1, 2, 3, 4};
	NEAR(backtest_spearman(x2, y2, 4, rows, &ok), 3.0 / sqrt(10.0));
	/* ties on both sides: (1.5 1.5 3.5 3.5) vs (1 2.5 2.5 4): 3 / sqrt(4 * 4.5) */
	double x3[] = {1, 1, 2, 2}, y3[] = {1, 2, 2, 3};
	NEAR(backtest_spearman(x3, y3, 4, rows, &ok), 1.0 / sqrt(2.0));
	/* order does not matter, only ranks: same pairs shuffled */
	double x4[] = {2, 1, 2, 1}, y4[] = {3, 2, 2, 1};
	NEAR(backtest_spearman(x4, y4, 4, rows, &ok), 1.0 / sqrt(2.0));
	/* reversed */
	double y5[] = {50, 40, 30, 20, 10};
	NEAR(backtest_spearman(x1, y5, 5, rows, &ok), -1.0);
	/* monotone but not linear: still 1 */
	double y6[] = {1, 4, 9, 16, 1000};
	NEAR(backtest_spearman(x1, y6, 5, rows, &ok), 1.0);
	/* constant side or fewer than 2: undefined */
	double c[] = {7, 7, 7, 7, 7};
	assert_true(backtest_spearman(x1, c, 5, rows, &ok) == 0.0);
	assert_false(ok);
	backtest_spearman(x1, y1, 1, rows, &ok);
	assert_false(ok);
}

static void test_score(void **state)
{
	(void)state;
	/* score v2: 100 V / (V + C), V = 3 x 1 + 1 x 0.5 = 3.5, C = 1 x 2 */
	struct fit_event e = { .raw = {0} };
	double w[SC_COUNT] = {3, 1};
	w[SC_COST] = 1;
	e.raw[SC_ROOM] = 1.0;
	e.raw[SC_PEOPLE] = 0.5;
	e.raw[SC_COST] = 2.0;
	NEAR(backtest_score(&e, w), 100.0 * 3.5 / 5.5);
	/* the balance lifts the value: V = 3.5 x (1 + 1 x 0.5) = 5.25 */
	w[SC_BALANCE] = 1;
	e.raw[SC_BALANCE] = 0.5;
	NEAR(backtest_score(&e, w), 100.0 * 5.25 / 7.25);
	/* a negative weight counts as 0 */
	w[SC_PEOPLE] = -1;
	NEAR(backtest_score(&e, w), 100.0 * 4.5 / 6.5);
	double zero[SC_COUNT] = {0};
	NEAR(backtest_score(&e, zero), 0.0);
}

/* Events whose score under weights room 1, cost 1 (the rest 0) is
 * score: 100 r / (r + 1) with r = score / (100 - score). */
static void event(struct fit_event *e, double score, int64_t revenue, double hours)
{
	memset(e, 0, sizeof *e);
	e->raw[SC_ROOM] = score / (100.0 - score);
	e->raw[SC_COST] = 1.0;
	e->revenue_minor = revenue;
	e->hours = hours;
	e->recorded_score = -1;
}

static void options(struct fit_options *o)
{
	struct score_settings s;
	score_settings_defaults(&s);
	fit_options_init(o, FIT_VALUE_PER_HOUR, 10000, &s);
	o->lead_value_hours = 0;
}

static void test_top_quarter_by_hand(void **state)
{
	(void)state;
	struct fit_event ev[9];
	event(&ev[0], 30, 0, 2);
	event(&ev[1], 90, 50000, 2);   /* top */
	event(&ev[2], 10, 1000, 1);
	event(&ev[3], 80, 10000, 3);   /* top */
	event(&ev[4], 50, 20000, 4);
	event(&ev[5], 20, 0, 1);
	event(&ev[6], 60, 6000, 2);
	event(&ev[7], 40, 3000, 3);
	event(&ev[8], 70, 0, 0);       /* no hours: not usable for value/hour */
	double w[SC_COUNT] = {1};
	w[SC_COST] = 1;
	struct fit_options o;
	options(&o);
	struct backtest_row rows[9];
	struct backtest_result r;
	backtest_run(ev, 9, w, &o, rows, &r);
	assert_int_equal(r.n, 8);
	assert_int_equal(r.n_top, 2);
	NEAR(r.top_revenue_per_hour, 60000.0 / 5.0);
	/* rest: 0 + 1000 + 20000 + 0 + 6000 + 3000 = 30000 over 13 h */
	NEAR(r.rest_revenue_per_hour, 30000.0 / 13.0);
	/* value/hour (rate 10000): 0, 2.5, 0.1, 0.333, 0.5, 0, 0.3, 0.1
	 * score ranks (10..90):   3, 8,   1,   7,     5,   2, 6,   4
	 * outcome ranks:          1.5, 8, 3.5, 6,     7, 1.5, 5, 3.5 */
	double sr[] = {3, 8, 1, 7, 5, 2, 6, 4}, orank[] = {1.5, 8, 3.5, 6, 7, 1.5, 5, 3.5};
	double sxy = 0, sxx = 0, syy = 0;
	for (int i = 0; i < 8; i++) {
		sxy += (sr[i] - 4.5) * (orank[i] - 4.5);
		sxx += (sr[i] - 4.5) * (sr[i] - 4.5);
		syy += (orank[i] - 4.5) * (orank[i] - 4.5);
	}
	assert_true(r.has_spearman);
	NEAR(r.spearman, sxy / sqrt(sxx * syy));
	NEAR(sxy, 34.0); /* the hand sum, so the formula above is not circular */
}

/* n = 5: ceil(5/4) = 2 on top; equal scores at the cut go in event
 * order; recorded scores skip events without one. */
static void test_cut_ties_and_recorded(void **state)
{
	(void)state;
	struct fit_event ev[5];
	event(&ev[0], 50, 100, 1);
	event(&ev[1], 80, 800, 1);
	event(&ev[2], 60, 300, 1);
	event(&ev[3], 60, 600, 1);
	event(&ev[4], 10, 0, 1);
	double w[SC_COUNT] = {1};
	w[SC_COST] = 1;
	struct fit_options o;
	options(&o);
	struct backtest_row rows[5];
	struct backtest_result r;
	backtest_run(ev, 5, w, &o, rows, &r);
	assert_int_equal(r.n_top, 2);
	NEAR(r.top_revenue_per_hour, (800 + 300) / 2.0); /* ev[2] before ev[3] */
	NEAR(r.rest_revenue_per_hour, (100 + 600 + 0) / 3.0);
	/* recorded: only ev[1] (20) and ev[4] (90) and ev[0] (40) have one */
	ev[1].recorded_score = 20;
	ev[4].recorded_score = 90;
	ev[0].recorded_score = 40;
	backtest_run(ev, 5, NULL, &o, rows, &r);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.n_top, 1);
	NEAR(r.top_revenue_per_hour, 0.0);            /* ev[4] */
	NEAR(r.rest_revenue_per_hour, (800 + 100) / 2.0);
	/* recorded 20, 40, 90 against value 0.08, 0.01, 0: reversed */
	NEAR(r.spearman, -1.0);
	/* nothing to backtest */
	backtest_run(ev, 0, w, &o, rows, &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.n_top, 0);
	assert_false(r.has_spearman);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spearman_by_hand),
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_top_quarter_by_hand),
		cmocka_unit_test(test_cut_ties_and_recorded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
