/*
 * test_invite_csv.c: the CSV invitation format (RFC 4180). Quoted fields
 * with commas, quotes and line breaks, CRLF and LF, blank lines, each
 * kind of bad record with the line it is reported on, bad headers,
 * hostile input, the window, and the writer/reader round trip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worthit/invite_csv.h"
#include "worthit/invite_json.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

struct run {
	struct invitation_list list;
	int lines[64];
	enum import_action actions[64];
	struct import_problems problems;
	enum wit_status st;
};

static enum wit_status sink(void *ctx, const struct invitation *inv, int line,
                            enum import_action action)
{
	struct run *r = ctx;
	if (r->list.len < 64) {
		r->lines[r->list.len] = line;
		r->actions[r->list.len] = action;
	}
	invitation_copy(invitation_list_push(&r->list), inv);
	return WIT_OK;
}

static void run_len(struct run *r, const char *text, size_t len, const struct import_options *o)
{
	memset(r, 0, sizeof *r);
	invitation_list_init(&r->list);
	import_problems_init(&r->problems);
	r->st = invite_csv_parse(text, len, o, sink, r, &r->problems);
}

static void run_parse(struct run *r, const char *text)
{
	run_len(r, text, strlen(text), NULL);
}

static void run_done(struct run *r)
{
	invitation_list_done(&r->list);
	import_problems_done(&r->problems);
}

static int64_t utc(const char *s)
{
	int64_t t;
	bool is_date;
	assert_true(time_parse_iso(s, false, &t, &is_date));
	return t;
}

static void test_quoting(void **state)
{
	(void)state;
	struct run r;
	run_parse(&r,
	          "Title,starts_at,Location,description,categories,duration_min\r\n"
	          "\"Breakfast, with \"\"friends\"\"\",2026-03-05T13:30:00Z,\"Hall A\",\"two\r\n"
	          "lines, and more\",\"Law,Networking\",60\r\n"
	          "\r\n"
	          "Plain,2026-03-06,,,,\n"
	          "Café ☕ \"quoted\" inside,2026-03-07T08:00:00+01:00,x,,,30\n");
	assert_int_equal(r.st, WIT_OK);
	assert_int_equal(r.problems.len, 0);
	assert_int_equal(r.list.len, 3);
	struct invitation *a = &r.list.items[0];
	assert_string_equal(a->title, "Breakfast, with \"friends\"");
	assert_int_equal(a->starts_at, utc("2026-03-05T13:30:00Z"));
	assert_string_equal(a->location, "Hall A");
	assert_string_equal(a->description, "two\r\nlines, and more");
	assert_string_equal(a->categories, "Law,Networking");
	assert_string_equal(a->recurrence_id, "");
	assert_non_null(a->uid); /* made from title and start */
	assert_int_equal(r.lines[0], 2);
	struct invitation *b = &r.list.items[1];
	assert_true(b->all_day);
	assert_null(b->location);
	assert_int_equal(b->ends_at - b->starts_at, 86400);
	assert_int_equal(r.lines[1], 5); /* the record in lines 2-3, a blank line 4 */
	assert_string_equal(r.list.items[2].title, "Café ☕ \"quoted\" inside");
	assert_int_equal(r.list.items[2].starts_at, utc("2026-03-07T07:00:00Z"));
	assert_int_equal(r.lines[2], 6);
	run_done(&r);
}

static void test_typed_columns(void **state)
{
	(void)state;
	struct run r;
	run_parse(&r,
	          "uid,title,starts_at,ends_at,kind,status,all_day,travel_min,ticket,currency,"
	          "speaking,speaking_fee,attendees,audience,x_note,sequence\n"
	          "u1,Gala,2026-04-01T18:00:00Z,2026-04-01T21:00:00Z,conference,cancelled,no,25,"
	          "40.50,eur,yes,100,\"Ann <ann@x.org>\nbob@y.org\","
	          "\"industry:legal=0.3; ~role:owner=0.5\",anything,3\n");
	assert_int_equal(r.problems.len, 0);
	assert_int_equal(r.list.len, 1);
	struct invitation *a = &r.list.items[0];
	assert_string_equal(a->uid, "u1");
	assert_int_equal(a->kind, KIND_CONFERENCE);
	assert_int_equal(r.actions[0], IMPORT_CANCEL);
	assert_false(a->all_day);
	assert_int_equal(a->travel_min, 25);
	assert_int_equal(a->ticket_minor, 4050);
	assert_string_equal(a->currency, "EUR");
	assert_true(a->is_speaking);
	assert_int_equal(a->speaking_fee_minor, 10000);
	assert_string_equal(a->attendees, "Ann <ann@x.org>\nbob@y.org");
	assert_int_equal(a->sequence, 3);
	assert_int_equal(a->n_shares, 2);
	assert_int_equal(a->shares[0].dim, DIM_INDUSTRY);
	assert_string_equal(a->shares[0].value, "legal");
	assert_float_equal(a->shares[0].share, 0.3, 1e-12);
	assert_int_equal(a->shares[1].dim, DIM_ROLE);
	assert_true(a->shares[1].is_second_degree);
	run_done(&r);
}

static void expect_problem(const struct run *r, size_t i, int line, const char *msg)
{
	assert_true(i < r->problems.len);
	assert_int_equal(r->problems.items[i].line, line);
	if (strstr(r->problems.items[i].message, msg) == NULL)
		fail_msg("problem %zu is '%s', expected '%s'", i, r->problems.items[i].message, msg);
}

static void test_bad_records(void **state)
{
	(void)state;
	struct run r;
	run_parse(&r,
	          "title,starts_at,travel_min,all_day,audience,ticket\n"
	          "Good,2026-03-05,10,true,,\n"           /* 2 */
	          "No zone,2026-03-05T13:30:00,,,,\n"                 /* 3 */
	          "Few,2026-03-05\n"                                  /* 4 */
	          "Bad int,2026-03-05,ten,,,\n"                       /* 5 */
	          "Bad bool,2026-03-05,,maybe,,\n"                    /* 6 */
	          "Bad share,2026-03-05,,,industry=legal,\n"          /* 7 */
	          "\"Stray\"x,2026-03-05,,,,\n"                       /* 8 */
	          ",2026-03-05,,,,\n"                                 /* 9 */
	          "Money,2026-03-05,,,,1.234\n"                       /* 10 */
	          "Also good,2026-03-06,,,,\n");                      /* 11 */
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.list.len, 2);
	assert_int_equal(r.lines[0], 2);
	assert_int_equal(r.lines[1], 11);
	assert_int_equal(r.problems.len, 8);
	expect_problem(&r, 0, 3, "starts_at: no time zone");
	expect_problem(&r, 1, 4, "2 fields, the header has 6");
	expect_problem(&r, 2, 5, "travel_min: expected a whole number, found \"ten\"");
	expect_problem(&r, 3, 6, "all_day: expected true or false");
	expect_problem(&r, 4, 7, "audience: entry 1");
	expect_problem(&r, 5, 8, "title: text after the closing quote");
	expect_problem(&r, 6, 9, "title: missing");
	expect_problem(&r, 7, 10, "ticket:");
	run_done(&r);
}

static void test_bad_headers(void **state)
{
	(void)state;
	struct run r;
	run_parse(&r, "title,startz,x_ok\nA,2026-03-05,\n");
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.list.len, 0);
	expect_problem(&r, 0, 1, "column 2 \"startz\": unknown column");
	run_done(&r);
	run_parse(&r, "title,TITLE,starts_at\n");
	expect_problem(&r, 0, 1, "column 2 \"TITLE\": given twice");
	run_done(&r);
	run_parse(&r, "title,location\nA,B\n");
	expect_problem(&r, 0, 1, "no starts_at column");
	run_done(&r);
	/* empty input is no invitations, not an error */
	run_parse(&r, "");
	assert_int_equal(r.st, WIT_OK);
	assert_int_equal(r.problems.len, 0);
	run_done(&r);
}

static void test_hostile(void **state)
{
	(void)state;
	struct run r;
	/* a quote that never closes: reported where its record starts */
	run_parse(&r, "title,starts_at\nA,2026-03-05\n\"B,2026-03-06\nC,2026-03-07\n");
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.list.len, 1);
	expect_problem(&r, 0, 3, "never ends");
	run_done(&r);
	/* NUL bytes and invalid UTF-8 */
	const char nul[] = "title,starts_at\nA\0B,2026-03-05\n\xff\xfe,2026-03-05\n";
	run_len(&r, nul, sizeof nul - 1, NULL);
	assert_int_equal(r.list.len, 0);
	expect_problem(&r, 0, 2, "title: contains a NUL byte");
	expect_problem(&r, 1, 3, "title: not valid UTF-8");
	run_done(&r);
	/* a field over 1 MiB */
	size_t big = INVITE_CSV_FIELD_MAX + 10;
	char *text = xmalloc(big + 64);
	int n = snprintf(text, 64, "title,starts_at\n");
	memset(text + n, 'a', big);
	memcpy(text + n + big, ",2026-03-05\n", 13);
	run_len(&r, text, strlen(text), NULL);
	expect_problem(&r, 0, 2, "title: longer than 1 MiB");
	run_done(&r);
	free(text);
	/* too many columns */
	char wide[1024] = "title,starts_at";
	for (int i = 0; i < 70; i++)
		snprintf(wide + strlen(wide), sizeof wide - strlen(wide), ",x_%d", i);
	run_parse(&r, wide);
	expect_problem(&r, 0, 1, "at most 64");
	run_done(&r);
}

static void test_window(void **state)
{
	(void)state;
	struct import_options o = {utc("2026-03-06T00:00:00Z"), utc("2026-03-08T00:00:00Z"), "x"};
	struct run r;
	const char *text = "title,starts_at,duration_min\nA,2026-03-05,\nB,2026-03-06,\n"
	                   "C,2026-03-07T23:59:59Z,5\nD,2026-03-08,\n";
	run_len(&r, text, strlen(text), &o);
	assert_int_equal(r.list.len, 2);
	assert_string_equal(r.list.items[0].title, "B");
	assert_string_equal(r.list.items[1].title, "C");
	run_done(&r);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct invitation a;
	invitation_init(&a);
	a.id = 7;
	a.uid = xstrdup("abc@example.com");
	a.recurrence_id = xstrdup("2026-03-05T13:30:00Z");
	a.title = xstrdup(" Lunch, \"the\" best ");
	a.organizer = xstrdup("Ann <ann@x.org>");
	a.series = xstrdup("abc@example.com");
	a.kind = KIND_LUNCH;
	a.status = STATUS_ACCEPTED;
	a.starts_at = utc("2026-03-05T13:30:00Z");
	a.ends_at = a.starts_at + 5400;
	a.tzid = xstrdup("America/Chicago");
	a.location = xstrdup("Main St 1, Springfield");
	a.reach = REACH_REGIONAL;
	a.travel_min = 30;
	a.prep_min = 15;
	a.ticket_minor = 2500;
	memcpy(a.currency, "USD", 4);
	a.expected_attendance = 40;
	a.is_speaking = true;
	a.speaking_fee_minor = 50000;
	a.sequence = 2;
	a.source_file = xstrdup("cal.ics");
	a.description = xstrdup("line 1\nline 2\twith tab");
	a.url = xstrdup("https://example.com/?a=1,2");
	a.categories = xstrdup("Law,Lunch");
	a.attendees = xstrdup("Ann <ann@x.org>\nbob@y.org");
	invitation_add_share(&a, &(struct audience_share){DIM_INDUSTRY, "legal", 0.1, false});
	invitation_add_share(&a, &(struct audience_share){DIM_ROLE, "owner", 1.0 / 3, true});
	char *row = invite_csv_row(&a, false);
	size_t n = strlen(invite_csv_header()) + strlen(row);
	char *text = xmalloc(n + 1);
	snprintf(text, n + 1, "%s%s", invite_csv_header(), row);
	struct run r;
	run_parse(&r, text);
	for (size_t i = 0; i < r.problems.len; i++)
		print_message("%d: %s\n", r.problems.items[i].line, r.problems.items[i].message);
	assert_int_equal(r.problems.len, 0);
	assert_int_equal(r.list.len, 1);
	r.list.items[0].id = a.id; /* id is written but never read back */
	char *want = invite_json_object(&a), *got = invite_json_object(&r.list.items[0]);
	assert_string_equal(got, want);
	assert_float_equal(r.list.items[0].shares[1].share, 1.0 / 3, 0);
	free(want);
	free(got);
	run_done(&r);
	free(text);
	free(row);
	invitation_done(&a);
}

/* The formula guard (docs/formats.md): which fields get an apostrophe,
 * and every title, however many apostrophes it starts with, reads back
 * exactly as written. */
static void test_formula_guard(void **state)
{
	(void)state;
	const char *guarded[] = {"=1+1", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=x", "''@x",
	                         "-", "+", "-1e5x"};
	const char *plain[] = {"", "Title", "-12.50", "+3", "1e-3", "-1E+5", "'x", "''", "'-5",
	                       "12=3", NULL};
	for (size_t i = 0; i < sizeof guarded / sizeof guarded[0]; i++)
		assert_true(invite_csv_needs_guard(guarded[i]));
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		assert_false(invite_csv_needs_guard(plain[i]));

	const char *titles[] = {"=HYPERLINK(\"x\")", "'=x", "''=x", "'-5", "-5", "@a, b", "'", "-x"};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		struct invitation a;
		invitation_init(&a);
		a.title = xstrdup(titles[i]);
		a.uid = xstrdup("g@test");
		a.starts_at = 1772964000;
		a.ends_at = a.starts_at + 3600;
		char *row = invite_csv_row(&a, false);
		size_t n = strlen(invite_csv_header()) + strlen(row);
		char *text = xmalloc(n + 1);
		snprintf(text, n + 1, "%s%s", invite_csv_header(), row);
		struct run r;
		run_parse(&r, text);
		assert_int_equal(r.problems.len, 0);
		assert_int_equal(r.list.len, 1);
		assert_string_equal(r.list.items[0].title, titles[i]);
		run_done(&r);
		free(text);
		free(row);
		invitation_done(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),     cmocka_unit_test(test_typed_columns),
		cmocka_unit_test(test_bad_records), cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_hostile),     cmocka_unit_test(test_window),
		cmocka_unit_test(test_round_trip),  cmocka_unit_test(test_formula_guard),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
