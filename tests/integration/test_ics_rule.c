/*
 * test_ics_rule.c: ics_rule.c's judgements against libical itself.
 * - A rule called impossible gives libical no occurrence (so the check
 *   never refuses a rule that works); a rule not called impossible gives
 *   one (thousands of generated MONTHLY, YEARLY and DAILY rules; of the
 *   impossible ones one in 10 DAILY and one in 400 MONTHLY or YEARLY, as
 *   libical walks each to its end, up to a second).
 * - The candidates counted per day are what libical returns for rules
 *   without filters (where every candidate is an occurrence).
 * - The occurrences counted per year (for VTIMEZONE rules) bound what
 *   libical gives each year.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "worthit/ics_rule.h"

static struct icalrecurrencetype rule(const char *text)
{
	struct icalrecurrencetype r = icalrecurrencetype_from_string(text);
	assert_int_not_equal(r.freq, ICAL_NO_RECURRENCE);
	return r;
}

/* Whether libical gives an occurrence of text from start up to until
 * (both floating "YYYYMMDDTHHMMSS"; until NULL: libical's own end). */
static bool libical_matches(const char *text, const char *start, const char *until)
{
	struct icalrecurrencetype r = rule(text);
	if (until != NULL)
		r.until = icaltime_from_string(until);
	icalrecur_iterator *it = icalrecur_iterator_new(r, icaltime_from_string(start));
	if (it == NULL)
		return false;
	struct icaltimetype t = icalrecur_iterator_next(it);
	icalrecur_iterator_free(it);
	return !icaltime_is_null_time(t);
}

static void test_never_table(void **state)
{
	(void)state;
	static const struct {
		const char *rule;
		bool is_never;
	} cases[] = {
		{"FREQ=HOURLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", true}, /* the fuzz find */
		{"FREQ=HOURLY;BYDAY=SU;BYMONTH=10", false},
		{"FREQ=MINUTELY;BYMONTHDAY=30;BYMONTH=2", true},
		{"FREQ=MINUTELY;BYMONTHDAY=29;BYMONTH=2", false},
		{"FREQ=DAILY;BYMONTHDAY=-1", true},
		{"FREQ=DAILY;BYMONTHDAY=-1,31", false},
		{"FREQ=HOURLY;BYYEARDAY=-1", true},
		{"FREQ=HOURLY;BYYEARDAY=366", false},
		{"FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=1MO", true},
		{"FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=5MO", false},
		{"FREQ=MONTHLY;BYMONTHDAY=-1;BYDAY=-1FR", false},
		{"FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2", true},
		{"FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2,4,6,9,11", true},
		{"FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2,12", false},
		{"FREQ=MONTHLY;BYDAY=6MO", true},
		{"FREQ=MONTHLY;BYSETPOS=40;BYMONTHDAY=1", true},
		{"FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", false},
		{"FREQ=YEARLY;BYMONTHDAY=30;BYMONTH=2", true},
		{"FREQ=YEARLY;BYMONTHDAY=29;BYMONTH=2", false},
		{"FREQ=YEARLY;BYDAY=6MO;BYMONTH=2", true},
		{"FREQ=YEARLY;BYDAY=5MO;BYMONTH=2", false},
		{"FREQ=YEARLY;BYDAY=53MO", false},
		{"FREQ=YEARLY;BYYEARDAY=366", false},
		{"FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", false},
		{"FREQ=WEEKLY;BYDAY=-1SU", false}, /* WEEKLY ignores the ordinal */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct icalrecurrencetype r = rule(cases[i].rule);
		const char *never = ics_rule_never(&r);
		if ((never != NULL) != cases[i].is_never)
			fail_msg("%s: %s", cases[i].rule, never ? never : "possible");
		/* and libical agrees: from 2001, MONTHLY and YEARLY searching up
		 * to the year 20000 (about a second), the finer ones up to 2009
		 * (a leap year and every weekday of every month; MINUTELY would
		 * take 4 million steps: its filters are HOURLY's) */
		if (r.freq == ICAL_MINUTELY_RECURRENCE)
			continue;
		bool is_fine = r.freq != ICAL_MONTHLY_RECURRENCE && r.freq != ICAL_YEARLY_RECURRENCE &&
		               r.freq != ICAL_WEEKLY_RECURRENCE;
		if (libical_matches(cases[i].rule, "20010101T090000",
		                    is_fine ? "20090101T000000" : NULL) == cases[i].is_never)
			fail_msg("%s: libical disagrees", cases[i].rule);
	}
}

static unsigned next_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

static const char *const DAYS[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

/* A rule of freq with up to two BYMONTH, BYMONTHDAY and BYDAY values
 * (ordinals up to +-6 where the freq allows them). */
static void random_rule(unsigned *seed, const char *freq, char *buf, size_t len)
{
	int n = snprintf(buf, len, "FREQ=%s", freq);
	int k = (int)(next_rand(seed) % 3);
	for (int i = 0; i < k; i++)
		n += snprintf(buf + n, len - (size_t)n, "%s%u", i ? "," : ";BYMONTH=",
		              1 + next_rand(seed) % 12);
	k = (int)(next_rand(seed) % 3);
	for (int i = 0; i < k; i++) {
		int v = 28 + (int)(next_rand(seed) % 4);
		n += snprintf(buf + n, len - (size_t)n, "%s%d", i ? "," : ";BYMONTHDAY=",
		              next_rand(seed) % 4 == 0 ? -v : v);
	}
	k = (int)(next_rand(seed) % 3);
	for (int i = 0; i < k; i++) {
		int ord = (int)(next_rand(seed) % 13) - 6;
		n += snprintf(buf + n, len - (size_t)n, "%s", i ? "," : ";BYDAY=");
		if (ord != 0)
			n += snprintf(buf + n, len - (size_t)n, "%d", ord);
		n += snprintf(buf + n, len - (size_t)n, "%s", DAYS[next_rand(seed) % 7]);
	}
}

/* Rules called possible give an occurrence; of the DAILY ones (cheap to
 * walk up to 2040) those called impossible give none. */
static void test_generated_rules(void **state)
{
	(void)state;
	unsigned seed = 14;
	int possible = 0, never = 0;
	for (int i = 0; i < 3000; i++) {
		static const char *const freqs[] = {"MONTHLY", "YEARLY", "DAILY"};
		const char *freq = freqs[i % 3];
		char text[200];
		random_rule(&seed, freq, text, sizeof text);
		struct icalrecurrencetype r = rule(text);
		bool is_never = ics_rule_never(&r) != NULL;
		bool is_daily = i % 3 == 2;
		/* libical walks an impossible rule to its end: up to the year
		 * 20000 for MONTHLY and YEARLY (a second), 2040 here for DAILY */
		if (is_never && never++ % (is_daily ? 10 : 400) != 0)
			continue;
		/* a YEARLY rule without BYMONTH takes DTSTART's month for
		 * BYMONTHDAY in libical; judged for every month, to be safe:
		 * nothing to compare */
		if (!is_never && r.freq == ICAL_YEARLY_RECURRENCE &&
		    r.by_month[0] == ICAL_RECURRENCE_ARRAY_MAX &&
		    r.by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX)
			continue;
		bool has = libical_matches(text, "20010101T090000", is_daily ? "20400101T000000" : NULL);
		if (has == is_never)
			fail_msg("%s: called %s, libical %s", text, is_never ? "impossible" : "possible",
			         has ? "matches" : "never matches");
		possible += !is_never;
	}
	assert_true(possible > 500 && never > 500); /* both kinds were tried */
}

/* Occurrences libical gives from 2026-01-01 over days days. */
static double libical_per_day(const char *text, int days)
{
	struct icalrecurrencetype r = rule(text);
	struct icaltimetype start = icaltime_from_string("20260101T000000");
	struct icaltimetype end = start;
	icaltime_adjust(&end, days, 0, 0, -1);
	r.until = end;
	icalrecur_iterator *it = icalrecur_iterator_new(r, start);
	assert_non_null(it);
	long n = 0;
	while (!icaltime_is_null_time(icalrecur_iterator_next(it)))
		n++;
	icalrecur_iterator_free(it);
	return (double)n / days;
}

static void test_candidates_per_day(void **state)
{
	(void)state;
	static const char *const rules[] = {
		"FREQ=SECONDLY;INTERVAL=7",
		"FREQ=SECONDLY;BYSECOND=0,30",
		"FREQ=MINUTELY;INTERVAL=5",
		"FREQ=MINUTELY;BYMINUTE=0,15,30",
		"FREQ=HOURLY;INTERVAL=3;BYMINUTE=0,30",
		"FREQ=HOURLY;BYHOUR=9,10,11;BYSECOND=0,1",
		"FREQ=DAILY;INTERVAL=2;BYHOUR=9,17;BYMINUTE=0,30",
		"FREQ=DAILY",
	};
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		struct icalrecurrencetype r = rule(rules[i]);
		assert_false(ics_rule_is_filtered(&r));
		double counted = ics_rule_candidates_per_day(&r);
		double seen = libical_per_day(rules[i], 4);
		if (seen > counted * 1.001 + 0.5 || seen < counted * 0.999 - 0.5)
			fail_msg("%s: counted %.2f a day, libical gives %.2f", rules[i], counted, seen);
	}
	struct icalrecurrencetype r = rule("FREQ=HOURLY;BYDAY=SU;BYMONTH=10");
	assert_true(ics_rule_is_filtered(&r));
	assert_true(ics_rule_candidates_per_day(&r) == 24);
	r = rule("FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9,12;BYMONTH=2");
	assert_true(ics_rule_is_filtered(&r));
	assert_true(ics_rule_candidates_per_day(&r) == 4.0 / 7);
	r = rule("FREQ=WEEKLY;BYDAY=MO,TH");
	assert_true(ics_rule_candidates_per_day(&r) == 0); /* every candidate counts */
	r = rule("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
	assert_true(ics_rule_candidates_per_day(&r) == 0);
}

/* Occurrences libical gives in each year from 2001 to 2028 stay within
 * ics_rule_per_year(), and reach it where the bound is exact. */
static void test_per_year(void **state)
{
	(void)state;
	static const struct {
		const char *rule;
		double exact; /* 0: only a bound */
	} cases[] = {
		{"FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", 1},
		{"FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU;BYHOUR=2", 2},
		{"FREQ=MONTHLY;BYDAY=1SU", 12},
		{"FREQ=MONTHLY;BYDAY=SU", 0},
		{"FREQ=YEARLY;BYDAY=MO", 0},
		{"FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=1,15", 24},
		{"FREQ=YEARLY;BYYEARDAY=1,100,200", 3},
		{"FREQ=YEARLY;BYWEEKNO=1,20;BYDAY=MO,TU", 0},
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", 12},
		{"FREQ=DAILY", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct icalrecurrencetype r = rule(cases[i].rule);
		double bound = ics_rule_per_year(&r);
		if (r.freq == ICAL_DAILY_RECURRENCE) {
			assert_true(bound == 0);
			continue;
		}
		icalrecur_iterator *it = icalrecur_iterator_new(r, icaltime_from_string("20010101T000000"));
		assert_non_null(it);
		int per[28] = {0};
		for (;;) {
			struct icaltimetype t = icalrecur_iterator_next(it);
			if (icaltime_is_null_time(t) || t.year > 2028)
				break;
			per[t.year - 2001]++;
		}
		icalrecur_iterator_free(it);
		for (int y = 0; y < 28; y++) {
			if (per[y] > bound)
				fail_msg("%s: %d in %d, bound %.0f", cases[i].rule, per[y], 2001 + y, bound);
			if (cases[i].exact > 0 && per[y] != (int)cases[i].exact)
				fail_msg("%s: %d in %d, expected %.0f", cases[i].rule, per[y], 2001 + y,
				         cases[i].exact);
		}
		if (cases[i].exact > 0)
			assert_true(bound == cases[i].exact);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_never_table),
		cmocka_unit_test(test_generated_rules),
		cmocka_unit_test(test_candidates_per_day),
		cmocka_unit_test(test_per_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
