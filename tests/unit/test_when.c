/*
 * test_when.c: the user's dates and times (when.h): every form, in UTC,
 * in a zone east of UTC (Tokyo, +9) and in zones with daylight saving
 * (London and Chicago rules of 2026, written out here so the test does
 * not depend on the machine's zone database): the spring gap, the fall
 * repeat, `--to` days ending at the next local midnight, impossible
 * dates (WIT_DATA) and text that is no date (WIT_USAGE); durations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "worthit/timeutil.h"
#include "worthit/when.h"

static int64_t utc(const char *iso)
{
	int64_t t = 0;
	assert_true(time_parse_iso(iso, true, &t, NULL));
	return t;
}

static int fixed_offset(int64_t t, void *arg)
{
	(void)t;
	return *(int *)arg;
}

/* Europe/London 2026: BST from 29 Mar 01:00 UTC to 25 Oct 01:00 UTC. */
static int london(int64_t t, void *arg)
{
	(void)arg;
	return t >= utc("2026-03-29T01:00:00Z") && t < utc("2026-10-25T01:00:00Z") ? 3600 : 0;
}

/* America/Chicago 2026: CDT from 8 Mar 08:00 UTC to 1 Nov 07:00 UTC. */
static int chicago(int64_t t, void *arg)
{
	(void)arg;
	return t >= utc("2026-03-08T08:00:00Z") && t < utc("2026-11-01T07:00:00Z") ? -5 * 3600
	                                                                           : -6 * 3600;
}

static int zero = 0, tokyo_off = 9 * 3600;
static const struct when_zone UTC = {fixed_offset, &zero};
static const struct when_zone TOKYO = {fixed_offset, &tokyo_off};
static const struct when_zone LONDON = {london, NULL};
static const struct when_zone CHICAGO = {chicago, NULL};

/* 2026-03-01 is a Sunday. */
#define NOW "2026-03-01T09:00:00Z"

static struct when parse_ok(const char *s, const char *now, const struct when_zone *z)
{
	struct when w;
	char *why = NULL;
	enum wit_status st = when_parse(s, utc(now), z, &w, &why);
	if (st != WIT_OK)
		fail_msg("\"%s\": %s", s, why ? why : "?");
	free(why);
	return w;
}

static void expect(const char *s, const struct when_zone *z, const char *start)
{
	struct when w = parse_ok(s, NOW, z);
	char buf[32];
	if (w.start != utc(start))
		fail_msg("\"%s\": got %s, expected %s", s, time_format_utc(w.start, buf, sizeof buf),
		         start);
}

static void expect_fail(const char *s, enum wit_status want, const char *fragment)
{
	struct when w;
	char *why = NULL;
	assert_int_equal(when_parse(s, utc(NOW), &UTC, &w, &why), want);
	assert_non_null(why);
	if (strstr(why, fragment) == NULL)
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", s, why, fragment);
	free(why);
}

static void test_days(void **state)
{
	(void)state;
	expect("today", &UTC, "2026-03-01T00:00:00Z");
	expect("Tomorrow", &UTC, "2026-03-02T00:00:00Z");
	expect("yesterday", &UTC, "2026-02-28T00:00:00Z");
	expect("2026-03-12", &UTC, "2026-03-12T00:00:00Z");
	expect("sun", &UTC, "2026-03-01T00:00:00Z");     /* today counts */
	expect("next sunday", &UTC, "2026-03-08T00:00:00Z");
	expect("fri", &UTC, "2026-03-06T00:00:00Z");
	expect("friday", &UTC, "2026-03-06T00:00:00Z");
	expect("next tuesday", &UTC, "2026-03-03T00:00:00Z");
	expect("thurs", &UTC, "2026-03-05T00:00:00Z");
	struct when w = parse_ok("2026-03-31", NOW, &UTC);
	assert_int_equal(w.end - w.start, 86400); /* --to includes the day */
	assert_int_equal(w.flags, WHEN_HAS_DATE);
}

static void test_times(void **state)
{
	(void)state;
	expect("fri 7am", &UTC, "2026-03-06T07:00:00Z");
	expect("fri 7 pm", &UTC, "2026-03-06T19:00:00Z");
	expect("next tuesday 12:00", &UTC, "2026-03-03T12:00:00Z");
	expect("tomorrow 9:30", &UTC, "2026-03-02T09:30:00Z");
	expect("tomorrow at noon", &UTC, "2026-03-02T12:00:00Z");
	expect("2026-03-12 07:30", &UTC, "2026-03-12T07:30:00Z");
	expect("2026-03-12T07:30", &UTC, "2026-03-12T07:30:00Z");
	expect("9:30", &UTC, "2026-03-01T09:30:00Z");
	expect("12am", &UTC, "2026-03-01T00:00:00Z");
	expect("12pm", &UTC, "2026-03-01T12:00:00Z");
	expect("7:45pm", &UTC, "2026-03-01T19:45:00Z");
	expect("midnight", &UTC, "2026-03-01T00:00:00Z");
	struct when w = parse_ok("fri 7am", NOW, &UTC);
	assert_int_equal(w.start, w.end);
	assert_int_equal(w.flags, WHEN_HAS_DATE | WHEN_HAS_TIME);
}

static void test_iso_and_relative(void **state)
{
	(void)state;
	expect("2026-03-12T07:30:00Z", &TOKYO, "2026-03-12T07:30:00Z");
	expect("2026-03-12T07:30:00+02:00", &TOKYO, "2026-03-12T05:30:00Z");
	expect("2026-03-12T07:30-0500", &UTC, "2026-03-12T12:30:00Z");
	expect("now", &TOKYO, NOW);
	expect("+3d", &UTC, "2026-03-04T09:00:00Z");
	expect("-30d", &UTC, "2026-01-30T09:00:00Z");
	expect("+1w", &UTC, "2026-03-08T09:00:00Z");
	expect("+2h", &TOKYO, "2026-03-01T11:00:00Z");
	expect("+90m", &UTC, "2026-03-01T10:30:00Z");
	expect("+3d 10:00", &UTC, "2026-03-04T10:00:00Z");
}

static void test_local_zone(void **state)
{
	(void)state;
	/* in Tokyo 09:00Z is 18:00 on the 1st: today is the 1st there */
	expect("today", &TOKYO, "2026-02-28T15:00:00Z");
	expect("2026-07-01", &TOKYO, "2026-06-30T15:00:00Z");
	expect("tomorrow 9:30", &TOKYO, "2026-03-02T00:30:00Z");
	/* summer in London: a plain date is local midnight, BST */
	expect("2026-07-01", &LONDON, "2026-06-30T23:00:00Z");
	expect("2026-07-01 12:00", &LONDON, "2026-07-01T11:00:00Z");
	/* the local date of now decides "today": 03:00Z is 21:00 the day before in Chicago */
	struct when w = parse_ok("today", "2026-03-02T03:00:00Z", &CHICAGO);
	assert_int_equal(w.start, utc("2026-03-01T06:00:00Z"));
	int y, m, d;
	when_local_date(&CHICAGO, utc("2026-03-02T03:00:00Z"), &y, &m, &d);
	assert_int_equal(d, 1);
}

static void test_dst_edges(void **state)
{
	(void)state;
	/* spring gap: 01:30 does not exist in London on 29 Mar: 02:30 BST */
	struct when w = parse_ok("2026-03-29 01:30", NOW, &LONDON);
	assert_int_equal(w.start, utc("2026-03-29T01:30:00Z"));
	assert_true(w.flags & WHEN_SHIFTED);
	/* Chicago spring gap 02:30 -> 03:30 CDT */
	w = parse_ok("2026-03-08 02:30", NOW, &CHICAGO);
	assert_int_equal(w.start, utc("2026-03-08T08:30:00Z"));
	assert_true(w.flags & WHEN_SHIFTED);
	/* fall: 01:30 happens twice in London on 25 Oct: the first (BST) */
	w = parse_ok("2026-10-25 01:30", NOW, &LONDON);
	assert_int_equal(w.start, utc("2026-10-25T00:30:00Z"));
	assert_true(w.flags & WHEN_AMBIGUOUS);
	w = parse_ok("2026-11-01 01:30", NOW, &CHICAGO);
	assert_int_equal(w.start, utc("2026-11-01T06:30:00Z"));
	assert_true(w.flags & WHEN_AMBIGUOUS);
	/* an ordinary time has neither flag; the day of a change is 23 or 25 h */
	w = parse_ok("2026-03-29 12:00", NOW, &LONDON);
	assert_int_equal(w.flags & (WHEN_SHIFTED | WHEN_AMBIGUOUS), 0);
	w = parse_ok("2026-03-29", NOW, &LONDON);
	assert_int_equal(w.end - w.start, 23 * 3600);
	w = parse_ok("2026-10-25", NOW, &LONDON);
	assert_int_equal(w.end - w.start, 25 * 3600);
	/* +1d across the change keeps the wall time */
	w = parse_ok("+1d", "2026-03-28T12:00:00Z", &LONDON);
	assert_int_equal(w.start, utc("2026-03-29T11:00:00Z"));
}

static void test_errors(void **state)
{
	(void)state;
	expect_fail("2026-02-30", WIT_DATA, "2026-02 has 28 days, not 30");
	expect_fail("2026-13-01", WIT_DATA, "no month 13");
	expect_fail("2028-02-30 10:00", WIT_DATA, "has 29 days");
	expect_fail("25:00", WIT_DATA, "not a time of day");
	expect_fail("tomorrow 13pm", WIT_DATA, "not a time of day");
	expect_fail("9:75", WIT_DATA, "not a time of day");
	expect_fail("someday", WIT_USAGE, "\"someday\" is not a date or time");
	expect_fail("", WIT_USAGE, "empty date");
	expect_fail("tomorrow 7", WIT_USAGE, "is not a date");
	expect_fail("fri 7am extra", WIT_USAGE, "is not a date");
	expect_fail("+2h 10:00", WIT_USAGE, "is not a date");
	expect_fail("+3x", WIT_USAGE, "is not a date");
	expect_fail("next", WIT_USAGE, "is not a date");
	expect_fail("2026-3-1", WIT_USAGE, "is not a date");
	expect_fail("a b c d e f g h i j", WIT_USAGE, "is not a date");
}

static void test_duration(void **state)
{
	(void)state;
	int m = 0;
	assert_true(when_parse_duration("45m", &m));
	assert_int_equal(m, 45);
	assert_true(when_parse_duration("1h30", &m));
	assert_int_equal(m, 90);
	assert_true(when_parse_duration("1h30m", &m));
	assert_int_equal(m, 90);
	assert_true(when_parse_duration("2h", &m));
	assert_int_equal(m, 120);
	assert_true(when_parse_duration("1.5h", &m));
	assert_int_equal(m, 90);
	assert_true(when_parse_duration("90", &m));
	assert_int_equal(m, 90);
	assert_false(when_parse_duration("0m", &m));
	assert_false(when_parse_duration("1h75", &m));
	assert_false(when_parse_duration("fri", &m));
	assert_false(when_parse_duration("9:30", &m));
	assert_false(when_parse_duration("0x10", &m));
	assert_false(when_parse_duration("200h", &m));
	assert_false(when_parse_duration("1.5h30", &m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_iso_and_relative),
		cmocka_unit_test(test_local_zone),
		cmocka_unit_test(test_dst_edges),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_duration),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
