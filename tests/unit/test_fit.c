/*
 * test_fit.c: learning weights from outcomes (fit.h). The fit recovers
 * known weights from generated outcomes (seeded PRNG, outcome = known
 * linear combination of the raw values + noise) within a stated
 * tolerance; it refuses on too little data, on equal outcomes and when
 * no component helps; it is exact on noise-free data without ridge;
 * components that never vary keep their weight; the 0..10 range holds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "worthit/fit.h"

#define RATE 10000 /* 100.00 an hour */

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static double uniform(void) { return (double)(next() >> 11) / 9007199254740992.0; }
static double gauss(void)
{
	double u = uniform(), v = uniform();
	return sqrt(-2.0 * log(u > 0 ? u : 1e-300)) * cos(2.0 * M_PI * v);
}

static void options(struct fit_options *o, enum fit_target t)
{
	/* current weights stated here, not taken from the defaults (which
	 * the scoring engine may re-tune): 3 2 1 0.5 1.5 2 1 1, sum 12 */
	static const double current[SC_COUNT] = {3, 2, 1, 0.5, 1.5, 2, 1, 1};
	struct score_settings s;
	score_settings_defaults(&s);
	for (int c = 0; c < SC_COUNT; c++)
		s.knob[c] = current[c];
	fit_options_init(o, t, RATE, &s);
	o->is_log = false; /* the tests below state outcomes on the linear scale */
}

/* An event whose value per hour (in multiples of the rate) is y, with a
 * cost of one hour of the rate: its value terms per hour of cost are
 * its raw value terms. */
static void set_value(struct fit_event *e, double y)
{
	e->hours = 1.0;
	e->raw[SC_COST] = 1.0;
	e->recorded_score = -1;
	e->revenue_minor = (int64_t)llround(y * RATE);
}

static void test_outcome_by_hand(void **state)
{
	(void)state;
	struct fit_options o;
	options(&o, FIT_VALUE_PER_HOUR);
	o.rate_minor = 15000;
	struct fit_event e = { .hours = 2.5, .revenue_minor = 30000, .leads = 2, .rating = 4 };
	double y = 0;
	/* (300 USD + 2 leads x 2 h x 150 USD) / 2.5 h / 150 USD = 2.4 x the rate */
	assert_true(fit_event_outcome(&e, &o, &y));
	assert_true(fabs(y - 2.4) < 1e-12);
	struct score_settings s;
	score_settings_defaults(&s);
	struct fit_options dflt;
	fit_options_init(&dflt, FIT_VALUE_PER_HOUR, 15000, &s);
	assert_true(dflt.is_log); /* value per hour is fitted as log(1 + y) */
	assert_true(fit_event_outcome(&e, &dflt, &y));
	assert_true(fabs(y - log(3.4)) < 1e-12);
	fit_options_init(&dflt, FIT_RATING, 15000, &s);
	assert_false(dflt.is_log);
	e.hours = 0;
	assert_false(fit_event_outcome(&e, &o, &y));
	o.target = FIT_RATING;
	assert_true(fit_event_outcome(&e, &o, &y));
	assert_true(y == 4.0);
	e.rating = 0;
	assert_false(fit_event_outcome(&e, &o, &y));
	assert_int_equal(fit_target_from_name("rating"), FIT_RATING);
	assert_int_equal(fit_target_from_name("value"), FIT_VALUE_PER_HOUR);
	assert_int_equal(fit_target_from_name("revenue"), -1);
}

/*
 * 500 events, every raw value uniform in 0..1, outcome = 0.2 + 0.1 x
 * (true weights . raw value terms) + N(0, 0.02). The true weights of
 * the four value terms sum to their current 6.5, so the suggestion
 * should be them; the cost terms and the balance are never fitted (they
 * vary here too) and keep their current weights. Tolerance: each
 * suggested weight within 0.25 of the true one (about 2 % of the
 * weight total; the noise alone gives a standard error near 0.03, the
 * 1 % ridge a shrinkage under 0.05, the rounding to the step 0.05).
 */
static void test_recovers_known_weights(void **state)
{
	(void)state;
	static const double truth[SC_COUNT] = {4, 2, 0, 0.5, 1.5, 2, 1, 1};
	enum { N = 500 };
	static struct fit_event ev[N];
	for (int i = 0; i < N; i++) {
		double y = 0.2;
		for (int c = 0; c < SC_COUNT; c++) {
			ev[i].raw[c] = uniform();
			if (c <= SC_VALUE_LAST_)
				y += 0.1 * truth[c] * ev[i].raw[c];
		}
		set_value(&ev[i], y + 0.02 * gauss());
	}
	struct fit_options o;
	options(&o, FIT_VALUE_PER_HOUR);
	struct fit_result r;
	char *why = NULL;
	assert_int_equal(fit_weights(ev, N, &o, &r, &why), WIT_OK);
	assert_null(why);
	assert_int_equal(r.n, N);
	for (int c = 0; c < SC_COUNT; c++) {
		assert_true(r.is_informed[c] == (c <= SC_VALUE_LAST_));
		assert_true(fabs(r.weight[c] - truth[c]) <= 0.25);
		/* a multiple of the step 0.1 */
		assert_true(fabs(r.weight[c] * 10 - round(r.weight[c] * 10)) < 1e-9);
	}
	assert_true(fabs(r.intercept - 0.2) < 0.03);
	assert_true(r.r2 > 0.95 && r.r2 <= 1.0);
	assert_true(r.cv_r2 > 0.9 && r.cv_r2 <= r.r2 + 0.01);
	assert_true(r.cv_rmse > 0.01 && r.cv_rmse < 0.03); /* near the noise, 0.02 */
}

/* The default for value per hour: log(1 + y) = 0.1 + 0.1 x (true
 * weights . raw) + N(0, 0.02), y heavy-tailed as real revenue is; the
 * same tolerance (0.25) holds on the log scale. */
static void test_recovers_on_log_scale(void **state)
{
	(void)state;
	static const double truth[SC_COUNT] = {1, 0, 3, 2.5, 1.5, 2, 1, 1};
	enum { N = 400 };
	static struct fit_event ev[N];
	for (int i = 0; i < N; i++) {
		double z = 0.1;
		for (int c = 0; c <= SC_VALUE_LAST_; c++) {
			ev[i].raw[c] = uniform();
			z += 0.1 * truth[c] * ev[i].raw[c];
		}
		set_value(&ev[i], expm1(z + 0.02 * gauss()));
	}
	struct fit_options o;
	options(&o, FIT_VALUE_PER_HOUR);
	o.is_log = true;
	struct fit_result r;
	assert_int_equal(fit_weights(ev, N, &o, &r, NULL), WIT_OK);
	for (int c = 0; c < SC_COUNT; c++)
		assert_true(fabs(r.weight[c] - truth[c]) <= 0.25);
	assert_true(r.cv_r2 > 0.9);
}

/* Noise-free, no ridge, two informed components, the rest constant:
 * exact slopes and intercept, R² 1; constant components keep their
 * current weight; the informed pair keeps its current sum (3 + 2). */
static void test_exact_and_uninformed_kept(void **state)
{
	(void)state;
	enum { N = 40 };
	struct fit_event ev[N];
	memset(ev, 0, sizeof ev);
	for (int i = 0; i < N; i++) {
		ev[i].raw[SC_ROOM] = (double)(i % 7) / 6.0;
		ev[i].raw[SC_PEOPLE] = (double)((i * 3) % 11) / 10.0;
		ev[i].raw[SC_TRACK_RECORD] = 0.7; /* constant */
		ev[i].raw[SC_OVER_BAND] = (double)(i % 5); /* a cost term: never fitted */
		set_value(&ev[i], 0.5 + 0.75 * ev[i].raw[SC_ROOM] + 0.25 * ev[i].raw[SC_PEOPLE]);
	}
	struct fit_options o;
	options(&o, FIT_VALUE_PER_HOUR);
	o.ridge = 0;
	struct fit_result r;
	assert_int_equal(fit_weights(ev, N, &o, &r, NULL), WIT_OK);
	assert_true(fabs(r.beta[SC_ROOM] - 0.75) < 1e-3); /* revenue rounded to the cent */
	assert_true(fabs(r.beta[SC_PEOPLE] - 0.25) < 1e-3);
	assert_true(fabs(r.intercept - 0.5) < 1e-3);
	assert_true(r.r2 > 0.999999);
	assert_false(r.is_informed[SC_TRACK_RECORD]);
	assert_false(r.is_informed[SC_STAGE]);
	assert_false(r.is_informed[SC_OVER_BAND]);
	/* 0.75 : 0.25 of 3 + 2 = 5 -> 3.75 and 1.25, rounded to 0.1 */
	assert_true(fabs(r.weight[SC_ROOM] - 3.8) < 1e-9 || fabs(r.weight[SC_ROOM] - 3.7) < 1e-9);
	assert_true(fabs(r.weight[SC_PEOPLE] - 1.2) < 1e-9 || fabs(r.weight[SC_PEOPLE] - 1.3) < 1e-9);
	assert_true(fabs(r.weight[SC_AVAILABILITY] - 1.0) < 1e-12);
	assert_true(fabs(r.weight[SC_BALANCE] - 1.5) < 1e-12);
	assert_true(fabs(r.weight[SC_TRACK_RECORD] - 0.5) < 1e-12);
	assert_true(fabs(r.weight[SC_OVER_BAND] - 1.0) < 1e-12);
	assert_true(fabs(r.weight[SC_COST] - 2.0) < 1e-12);
}

/* A component that only hurts gets weight 0, never a negative one. */
static void test_non_negative(void **state)
{
	(void)state;
	enum { N = 60 };
	struct fit_event ev[N];
	memset(ev, 0, sizeof ev);
	for (int i = 0; i < N; i++) {
		ev[i].raw[SC_ROOM] = uniform();
		ev[i].raw[SC_STAGE] = uniform();
		set_value(&ev[i], 1.0 + ev[i].raw[SC_ROOM] - 0.8 * ev[i].raw[SC_STAGE]);
	}
	struct fit_options o;
	options(&o, FIT_VALUE_PER_HOUR);
	struct fit_result r;
	assert_int_equal(fit_weights(ev, N, &o, &r, NULL), WIT_OK);
	assert_true(r.beta[SC_STAGE] == 0.0);
	assert_true(r.weight[SC_STAGE] == 0.0);
	/* the room takes the informed pair's whole sum, 3 + 1 */
	assert_true(fabs(r.weight[SC_ROOM] - 4.0) < 1e-9);
}

static void fill_linear(struct fit_event *ev, size_t n)
{
	memset(ev, 0, n * sizeof *ev);
	for (size_t i = 0; i < n; i++) {
		ev[i].raw[SC_ROOM] = (double)i / (double)n;
		set_value(&ev[i], 0.1 + ev[i].raw[SC_ROOM]);
		ev[i].rating = 1 + (int)(i % 5);
	}
}

static void test_refuses_too_few(void **state)
{
	(void)state;
	struct fit_event ev[FIT_MIN_EVENTS];
	fill_linear(ev, FIT_MIN_EVENTS);
	ev[3].hours = 0; /* unusable for value per hour: 19 left */
	struct fit_options o;
	options(&o, FIT_VALUE_PER_HOUR);
	struct fit_result r;
	char *why = NULL;
	assert_int_equal(fit_weights(ev, FIT_MIN_EVENTS, &o, &r, &why), WIT_DATA);
	assert_int_equal(r.n, FIT_MIN_EVENTS - 1);
	assert_non_null(strstr(why, "only 19 past events"));
	assert_non_null(strstr(why, "at least 20"));
	assert_non_null(strstr(why, "nothing suggested"));
	for (int c = 0; c < SC_COUNT; c++)
		assert_true(r.weight[c] == 0.0); /* no suggestion */
	free(why);
	why = NULL;
	ev[3].hours = 1.0; /* 20: enough */
	assert_int_equal(fit_weights(ev, FIT_MIN_EVENTS, &o, &r, &why), WIT_OK);
	assert_null(why);
	assert_int_equal(r.n, FIT_MIN_EVENTS);
	/* unrated events do not count for the rating */
	o.target = FIT_RATING;
	ev[0].rating = 0;
	assert_int_equal(fit_weights(ev, FIT_MIN_EVENTS, &o, &r, &why), WIT_DATA);
	assert_non_null(strstr(why, "only 19 past events with a logged rating"));
	assert_int_equal(fit_weights(ev, 0, &o, &r, &why), WIT_DATA);
	assert_non_null(strstr(why, "0 past events with a logged rating"));
	assert_null(strstr(why, "only"));
	free(why);
	assert_int_equal(r.n, 0);
}

static void test_refuses_uninformative(void **state)
{
	(void)state;
	enum { N = 30 };
	struct fit_event ev[N];
	fill_linear(ev, N);
	struct fit_options o;
	options(&o, FIT_VALUE_PER_HOUR);
	struct fit_result r;
	char *why = NULL;
	for (int i = 0; i < N; i++)
		set_value(&ev[i], 0.5);
	assert_int_equal(fit_weights(ev, N, &o, &r, &why), WIT_DATA);
	assert_non_null(strstr(why, "all 30 outcomes are equal"));
	for (int i = 0; i < N; i++)
		set_value(&ev[i], 1.0 - ev[i].raw[SC_ROOM]); /* overlap only hurts */
	assert_int_equal(fit_weights(ev, N, &o, &r, &why), WIT_DATA);
	assert_non_null(strstr(why, "every fitted weight is 0"));
	for (int i = 0; i < N; i++) {
		ev[i].raw[SC_ROOM] = 0.5;
		set_value(&ev[i], (double)i);
	}
	assert_int_equal(fit_weights(ev, N, &o, &r, &why), WIT_DATA);
	assert_non_null(strstr(why, "no score component varies"));
	free(why);
}

/* With large current weights the informed ones are scaled to fit 0..10
 * keeping their proportions (3 : 1 -> 10 and 3.3). */
static void test_range_kept(void **state)
{
	(void)state;
	enum { N = 50 };
	struct fit_event ev[N];
	memset(ev, 0, sizeof ev);
	for (int i = 0; i < N; i++) {
		ev[i].raw[SC_ROOM] = (double)(i % 10) / 9.0;
		ev[i].raw[SC_PEOPLE] = (double)((i * 7) % 13) / 12.0;
		set_value(&ev[i], 0.3 * ev[i].raw[SC_ROOM] + 0.1 * ev[i].raw[SC_PEOPLE]);
	}
	struct fit_options o;
	options(&o, FIT_VALUE_PER_HOUR);
	o.ridge = 0;
	for (int c = 0; c < SC_COUNT; c++)
		o.current[c] = 10;
	struct fit_result r;
	assert_int_equal(fit_weights(ev, N, &o, &r, NULL), WIT_OK);
	assert_true(fabs(r.weight[SC_ROOM] - 10.0) < 1e-9);
	assert_true(fabs(r.weight[SC_PEOPLE] - 3.3) < 1e-9);
	assert_true(fabs(r.weight[SC_STAGE] - 10.0) < 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcome_by_hand),
		cmocka_unit_test(test_recovers_known_weights),
		cmocka_unit_test(test_recovers_on_log_scale),
		cmocka_unit_test(test_exact_and_uninformed_kept),
		cmocka_unit_test(test_non_negative),
		cmocka_unit_test(test_refuses_too_few),
		cmocka_unit_test(test_refuses_uninformative),
		cmocka_unit_test(test_range_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
