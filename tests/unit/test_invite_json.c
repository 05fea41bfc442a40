/*
 * test_invite_json.c: the JSON invitation format. Hand-written fixtures
 * for each outer shape, every field, each kind of invalid field with the
 * exact line it is reported on, the writer/reader round trip, and
 * hostile input (deep nesting, huge numbers, invalid UTF-8, junk).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worthit/invite_json.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

/* What the sink saw. */
struct seen {
	struct invitation_list list;
	int lines[64];
	enum import_action actions[64];
	int stop_after; /* return WIT_SOFTWARE after this many; 0 = never */
};

static enum wit_status sink(void *ctx, const struct invitation *inv, int line,
                            enum import_action action)
{
	struct seen *s = ctx;
	if (s->list.len < 64) {
		s->lines[s->list.len] = line;
		s->actions[s->list.len] = action;
	}
	invitation_copy(invitation_list_push(&s->list), inv);
	if (s->stop_after > 0 && (int)s->list.len >= s->stop_after)
		return WIT_SOFTWARE;
	return WIT_OK;
}

struct run {
	struct seen seen;
	struct import_problems problems;
	enum wit_status st;
};

static void run_parse(struct run *r, const char *text, const struct import_options *opt)
{
	memset(&r->seen, 0, sizeof r->seen);
	invitation_list_init(&r->seen.list);
	import_problems_init(&r->problems);
	r->st = invite_json_parse(text, strlen(text), opt, sink, &r->seen, &r->problems);
}

static void run_done(struct run *r)
{
	invitation_list_done(&r->seen.list);
	import_problems_done(&r->problems);
}

static int64_t utc(const char *s)
{
	int64_t t = 0;
	assert_true(time_parse_iso(s, false, &t, NULL));
	return t;
}

static const char full_object[] =
	"[\n"
	"  {\n"
	"    \"uid\": \"chamber-2026-03@lakeside.example\",\n"
	"    \"title\": \"Chamber breakfast: Café & Co\",\n"
	"    \"organizer\": \"Lakeside Chamber <events@lakesidechamber.example>\",\n"
	"    \"series\": \"chamber-monthly\",\n"
	"    \"kind\": \"breakfast\",\n"
	"    \"status\": \"maybe\",\n"
	"    \"starts_at\": \"2026-03-05T07:30:00-06:00\",\n"
	"    \"ends_at\": \"2026-03-05T09:00:00-06:00\",\n"
	"    \"tzid\": \"America/Chicago\",\n"
	"    \"location\": \"Harbor Hotel, Room B\",\n"
	"    \"reach\": \"regional\",\n"
	"    \"travel_min\": 25,\n"
	"    \"prep_min\": 10,\n"
	"    \"ticket\": 25.5,\n"
	"    \"currency\": \"usd\",\n"
	"    \"expected_attendance\": 60,\n"
	"    \"speaking\": true,\n"
	"    \"speaking_fee\": \"300.00\",\n"
	"    \"sequence\": 2,\n"
	"    \"source_file\": \"hand.json\",\n"
	"    \"description\": \"Line one\\nLine two\",\n"
	"    \"url\": \"https://lakesidechamber.example/march\",\n"
	"    \"categories\": [\"networking\", \"chamber\"],\n"
	"    \"attendees\": [\"Ann Lee <ann@hartwellprice.example>\", \"bo@clinic.example\"],\n"
	"    \"audience\": [\n"
	"      {\"dimension\": \"industry\", \"segment\": \"Legal\", \"share\": 0.3},\n"
	"      {\"dimension\": \"role\", \"segment\": \"owner\", \"share\": 0.5,\n"
	"       \"second_degree\": true}\n"
	"    ],\n"
	"    \"x_note\": \"ignored extension\"\n"
	"  }\n"
	"]\n";

static void test_full_object(void **state)
{
	(void)state;
	struct run r;
	run_parse(&r, full_object, NULL);
	assert_int_equal(r.st, WIT_OK);
	assert_int_equal(r.problems.len, 0);
	assert_int_equal(r.seen.list.len, 1);
	assert_int_equal(r.seen.lines[0], 2);
	assert_int_equal(r.seen.actions[0], IMPORT_UPSERT);
	const struct invitation *inv = &r.seen.list.items[0];
	assert_string_equal(inv->uid, "chamber-2026-03@lakeside.example");
	assert_string_equal(inv->recurrence_id, "");
	assert_string_equal(inv->title, "Chamber breakfast: Café & Co");
	assert_string_equal(inv->organizer, "Lakeside Chamber <events@lakesidechamber.example>");
	assert_string_equal(inv->series, "chamber-monthly");
	assert_int_equal(inv->kind, KIND_BREAKFAST);
	assert_int_equal(inv->status, STATUS_MAYBE);
	assert_int_equal(inv->starts_at, utc("2026-03-05T13:30:00Z"));
	assert_int_equal(inv->ends_at, utc("2026-03-05T15:00:00Z"));
	assert_false(inv->all_day);
	assert_string_equal(inv->tzid, "America/Chicago");
	assert_string_equal(inv->location, "Harbor Hotel, Room B");
	assert_int_equal(inv->reach, REACH_REGIONAL);
	assert_int_equal(inv->travel_min, 25);
	assert_int_equal(inv->prep_min, 10);
	assert_int_equal(inv->ticket_minor, 2550);
	assert_string_equal(inv->currency, "USD");
	assert_int_equal(inv->expected_attendance, 60);
	assert_true(inv->is_speaking);
	assert_int_equal(inv->speaking_fee_minor, 30000);
	assert_int_equal(inv->sequence, 2);
	assert_string_equal(inv->source_file, "hand.json");
	assert_string_equal(inv->description, "Line one\nLine two");
	assert_string_equal(inv->url, "https://lakesidechamber.example/march");
	assert_string_equal(inv->categories, "networking,chamber");
	assert_string_equal(inv->attendees,
	                    "Ann Lee <ann@hartwellprice.example>\nbo@clinic.example");
	assert_int_equal(inv->n_shares, 2);
	assert_int_equal(inv->shares[0].dim, DIM_INDUSTRY);
	assert_string_equal(inv->shares[0].value, "legal");
	assert_true(fabs(inv->shares[0].share - 0.3) < 1e-12);
	assert_false(inv->shares[0].is_second_degree);
	assert_int_equal(inv->shares[1].dim, DIM_ROLE);
	assert_string_equal(inv->shares[1].value, "owner");
	assert_true(inv->shares[1].is_second_degree);
	run_done(&r);
}

static void test_three_shapes_and_lines(void **state)
{
	(void)state;
	static const char wrapper[] =
		"{\"x_generator\": \"hand\",\n"
		" \"invitations\": [\n"
		"  {\"title\": \"A\", \"starts_at\": \"2026-03-05\"},\n"
		"\n"
		"  {\"title\": \"B\",\n"
		"   \"starts_at\": \"2026-03-06T12:00:00Z\", \"duration_min\": 90}\n"
		"]}\n";
	struct run r;
	run_parse(&r, wrapper, NULL);
	assert_int_equal(r.st, WIT_OK);
	assert_int_equal(r.seen.list.len, 2);
	assert_int_equal(r.seen.lines[0], 3);
	assert_int_equal(r.seen.lines[1], 5);
	/* a plain date makes an all-day event of one day (end exclusive) */
	assert_true(r.seen.list.items[0].all_day);
	assert_int_equal(r.seen.list.items[0].ends_at - r.seen.list.items[0].starts_at, 86400);
	assert_int_equal(r.seen.list.items[1].ends_at, utc("2026-03-06T13:30:00Z"));
	run_done(&r);

	static const char lines[] =
		"{\"title\": \"A\", \"starts_at\": \"2026-03-05\"}\n"
		"\n"
		"{\"title\": \"B\", \"starts_at\": \"2026-03-06\", \"status\": \"cancelled\"}\r\n"
		"{\"title\": \"C\", \"starts_at\": \"2026-03-07\", \"all_day\": true,"
		" \"ends_at\": \"2026-03-09\"}";
	run_parse(&r, lines, NULL);
	assert_int_equal(r.st, WIT_OK);
	assert_int_equal(r.seen.list.len, 3);
	assert_int_equal(r.seen.lines[0], 1);
	assert_int_equal(r.seen.lines[1], 3);
	assert_int_equal(r.seen.lines[2], 4);
	assert_int_equal(r.seen.actions[1], IMPORT_CANCEL);
	assert_int_equal(r.seen.list.items[2].ends_at - r.seen.list.items[2].starts_at,
	                 2 * 86400);
	run_done(&r);

	run_parse(&r, "  \n", NULL);
	assert_int_equal(r.st, WIT_OK);
	assert_int_equal(r.seen.list.len, 0);
	run_done(&r);
	run_parse(&r, "[]", NULL);
	assert_int_equal(r.st, WIT_OK);
	assert_int_equal(r.seen.list.len, 0);
	run_done(&r);
}

/* One bad field per line: the message and the line, exactly. */
static const struct {
	const char *object;
	const char *message;
} bad_cases[] = {
	{ "{\"starts_at\": \"2026-03-05\"}", "title: missing: every invitation needs a title" },
	{ "{\"title\": \"x\"}", "starts_at: missing: every invitation needs a start" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05T07:30:00\", \"duration_min\": 60}",
	  "starts_at: no time zone in \"2026-03-05T07:30:00\": add Z or an offset such as "
	  "-05:00" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-02-30\"}",
	  "starts_at: not an ISO 8601 date or time: \"2026-02-30\" (e.g. 2026-03-05T13:30:00Z "
	  "or 2026-03-05)" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05T10:00:00Z\","
	  " \"ends_at\": \"2026-03-05T09:00:00Z\"}", "ends_at: must be after starts_at" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05T10:00:00Z\"}",
	  "ends_at: missing: give ends_at or duration_min" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05T10:00:00Z\", \"all_day\": true}",
	  "starts_at: an all-day event starts on a plain date (YYYY-MM-DD)" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"kind\": \"brunch\"}",
	  "kind: unknown value \"brunch\" (one of: breakfast, meetup, conference, coffee, "
	  "lunch, speaking, webinar, other)" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"status\": 3}",
	  "status: expected a string, found a number" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"ticket\": 25.005,"
	  " \"currency\": \"USD\"}",
	  "ticket: not an amount in USD: a decimal from 0 with at most 2 decimals, below 10 "
	  "billion" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"ticket\": -5}",
	  "ticket: not an amount in the currency: a decimal from 0 with at most 2 decimals, "
	  "below 10 billion" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"currency\": \"dollars\"}",
	  "currency: expected a three-letter ISO 4217 code such as \"USD\", found \"dollars\"" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"travel_min\": -10}",
	  "travel_min: -10 is out of range (0 to 1440)" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"prep_min\": 2.5}",
	  "prep_min: expected a whole number, found 2.5" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"audience\": [{\"dimension\":"
	  " \"industry\", \"segment\": \"legal\", \"share\": 1.5}]}",
	  "audience[0].share: expected a fraction of the room from 0 to 1" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"audience\": ["
	  "{\"dimension\": \"industry\", \"segment\": \"legal\", \"share\": 0.7},"
	  "{\"dimension\": \"industry\", \"segment\": \"health\", \"share\": 0.6}]}",
	  "audience[1]: industry shares add up to 1.30, more than the whole room" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"audience\": ["
	  "{\"dimension\": \"shoe size\", \"segment\": \"9\", \"share\": 0.1}]}",
	  "audience[0].dimension: unknown value \"shoe size\" (one of: industry, role, "
	  "company_size, region)" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"attendees\": [\"a@b.example\", 7]}",
	  "attendees[1]: expected a string" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"tiket\": 5}",
	  "tiket: unknown field (extensions start with x_)" },
	{ "{\"title\": \"x\", \"title\": \"y\", \"starts_at\": \"2026-03-05\"}",
	  "title: given twice" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"reach\": \"local\","
	  " \"is_virtual\": true}", "is_virtual: contradicts \"reach\": \"local\"" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"is_virtual\": true,"
	  " \"travel_min\": 20}", "travel_min: a virtual event has no travel: 0 or leave it out" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"speaking\": false,"
	  " \"speaking_fee\": 200}",
	  "speaking_fee: a fee is paid for speaking but \"speaking\" is false" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"all_day\": \"yes\"}",
	  "all_day: expected true or false, found a string" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"uid\": \"\"}",
	  "uid: empty: leave it out to have one made from title and start" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"ends_at\": \"2026-03-05\"}",
	  "ends_at: must be after starts_at (for an all-day event, the day after the last "
	  "day, as in iCalendar)" },
	{ "{\"title\": \"x\\u0007\", \"starts_at\": \"2026-03-05\"}",
	  "title: contains a control character" },
	{ "{\"title\": \"x\", \"starts_at\": \"2026-03-05T10:00:00Z\", \"ends_at\":"
	  " \"2026-03-05T11:00:00Z\", \"duration_min\": 60}",
	  "duration_min: give either ends_at or duration_min, not both" },
};

static void test_each_bad_field_on_its_line(void **state)
{
	(void)state;
	size_t n = sizeof bad_cases / sizeof bad_cases[0];
	/* JSON Lines with a good object first, then one bad one per line */
	size_t cap = 256;
	for (size_t i = 0; i < n; i++)
		cap += strlen(bad_cases[i].object) + 2;
	char *text = xmalloc(cap);
	strcpy(text, "{\"title\": \"good\", \"starts_at\": \"2026-03-01\"}\n");
	for (size_t i = 0; i < n; i++) {
		strcat(text, bad_cases[i].object);
		strcat(text, "\n");
	}
	struct run r;
	run_parse(&r, text, NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.seen.list.len, 1); /* only the good one reached the sink */
	assert_int_equal(r.problems.len, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(r.problems.items[i].line, (int)i + 2);
		assert_string_equal(r.problems.items[i].message, bad_cases[i].message);
	}
	run_done(&r);
	free(text);
}

static void test_lines_in_a_pretty_array(void **state)
{
	(void)state;
	static const char text[] =
		"[\n"
		"  {\n"
		"    \"title\": \"fine\",\n"
		"    \"starts_at\": \"2026-03-05\"\n"
		"  },\n"
		"  {\n"
		"    \"title\": \"bad\",\n"
		"    \"starts_at\": \"2026-03-05\",\n"
		"    \"kind\": \"party\"\n"
		"  },\n"
		"  42\n"
		"]\n";
	struct run r;
	run_parse(&r, text, NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.seen.list.len, 1);
	assert_int_equal(r.problems.len, 2);
	assert_int_equal(r.problems.items[0].line, 6);
	assert_int_equal(r.problems.items[1].line, 11);
	assert_string_equal(r.problems.items[1].message,
	                    "invitation: expected a JSON object {...}, found a plain value");
	run_done(&r);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	struct run r;
	run_parse(&r, "[\n{\"title\": \"a\", \"starts_at\": \"2026-03-05\"},\n{\"title\": }\n]",
	          NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.seen.list.len, 1);
	assert_int_equal(r.problems.len, 1);
	assert_int_equal(r.problems.items[0].line, 3);
	assert_non_null(strstr(r.problems.items[0].message, "invalid JSON"));
	run_done(&r);

	run_parse(&r, "[{\"title\": \"a\", \"starts_at\": \"2026-03-05\"}\n\n{}]", NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.problems.items[0].line, 3);
	assert_string_equal(r.problems.items[0].message,
	                    "invalid JSON: expected ',' or ']' after an invitation near \"{}]\"");
	run_done(&r);

	run_parse(&r, "title,starts_at\nx,2026-03-05\n", NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.problems.items[0].line, 1);
	run_done(&r);

	run_parse(&r, "[{\"title\": \"a\", \"starts_at\": \"2026-03-05\"}] trailing", NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_string_equal(r.problems.items[0].message,
	                    "invalid JSON: unexpected text after the invitations near \"trailing\"");
	run_done(&r);

	run_parse(&r, "{\"invitations\": 5}", NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_string_equal(r.problems.items[0].message, "invitations: must be an array");
	run_done(&r);

	run_parse(&r, "[{\"title\": \"a\", \"starts_at\": \"2026-03-05\"", NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.seen.list.len, 0);
	run_done(&r);
}

static void test_window_uid_and_abort(void **state)
{
	(void)state;
	static const char text[] =
		"{\"title\": \"early\", \"starts_at\": \"2026-01-01\"}\n"
		"{\"title\": \"inside\", \"starts_at\": \"2026-03-01T10:00:00Z\", \"duration_min\": 30}\n"
		"{\"title\": \"late\", \"starts_at\": \"2026-06-01\"}\n";
	struct import_options opt = { .from = utc("2026-02-01T00:00:00Z"),
	                              .to = utc("2026-04-01T00:00:00Z") };
	struct run r;
	run_parse(&r, text, &opt);
	assert_int_equal(r.st, WIT_OK);
	assert_int_equal(r.seen.list.len, 1);
	assert_string_equal(r.seen.list.items[0].title, "inside");
	assert_int_equal(r.seen.lines[0], 2);
	/* the derived UID depends on title and start only: stable */
	char *uid = xstrdup(r.seen.list.items[0].uid);
	assert_non_null(strstr(uid, "@worthit"));
	run_done(&r);
	run_parse(&r, text, NULL);
	assert_int_equal(r.seen.list.len, 3);
	assert_string_equal(r.seen.list.items[1].uid, uid);
	assert_string_not_equal(r.seen.list.items[0].uid, uid);
	free(uid);
	run_done(&r);

	memset(&r, 0, sizeof r);
	invitation_list_init(&r.seen.list);
	import_problems_init(&r.problems);
	r.seen.stop_after = 2;
	r.st = invite_json_parse(text, strlen(text), NULL, sink, &r.seen, &r.problems);
	assert_int_equal(r.st, WIT_SOFTWARE);
	assert_int_equal(r.seen.list.len, 2);
	run_done(&r);
}

static void make_sample(struct invitation *inv, int which)
{
	invitation_init(inv);
	inv->id = 40 + which;
	inv->uid = xasprintf("sample-%d@demo.example", which);
	inv->recurrence_id = xstrdup(which == 1 ? "2026-04-02T12:00:00Z" : "");
	inv->title = xstrdup(which == 2 ? "Journée « portes ouvertes », 東京" : "Legal tech summit");
	inv->organizer = which == 2 ? NULL : xstrdup("LegalTech Midwest <hello@ltm.example>");
	inv->kind = (enum invite_kind)(which % KIND_COUNT);
	inv->status = (enum invite_status)(which % STATUS_COUNT);
	inv->all_day = which == 2;
	inv->starts_at = which == 2 ? utc("2026-05-12") : utc("2026-04-02T12:00:00Z");
	inv->ends_at = inv->starts_at + (which == 2 ? 2 * 86400 : 5400);
	inv->reach = which == 1 ? REACH_VIRTUAL : REACH_REGIONAL;
	inv->travel_min = which == 1 ? 0 : 45;
	inv->prep_min = 30;
	inv->ticket_minor = which == 2 ? 12000 : 19999;
	strcpy(inv->currency, which == 2 ? "JPY" : "USD");
	inv->expected_attendance = 350;
	inv->is_speaking = which == 0;
	inv->speaking_fee_minor = which == 0 ? 75000 : 0;
	inv->sequence = which;
	inv->series = which == 1 ? xstrdup("weekly-webinar") : NULL;
	inv->tzid = which == 0 ? xstrdup("America/Chicago") : NULL;
	inv->location = which == 1 ? NULL : xstrdup("Convention Center, Hall \"C\"");
	inv->source_file = xstrdup("/tmp/in.ics");
	inv->description = xstrdup("Two lines\n\twith a tab and a \\ backslash");
	inv->url = xstrdup("https://ltm.example/2026");
	inv->categories = xstrdup("legal,tech");
	inv->attendees = which == 1 ? NULL : xstrdup("Ann <ann@a.example>\nbob@b.example");
	const struct audience_share shares[] = {
		{ DIM_INDUSTRY, "legal", 0.45, false },
		{ DIM_INDUSTRY, "healthcare", 0.1, true },
		{ DIM_COMPANY_SIZE, "51-200", 1.0 / 3.0, false },
	};
	invitation_set_shares(inv, shares, which == 1 ? 0 : 3);
}

static void assert_same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_same(const struct invitation *a, const struct invitation *b)
{
	assert_int_equal(a->id, b->id);
	assert_same_text(a->uid, b->uid);
	assert_same_text(a->recurrence_id, b->recurrence_id);
	assert_same_text(a->title, b->title);
	assert_same_text(a->organizer, b->organizer);
	assert_same_text(a->series, b->series);
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->starts_at, b->starts_at);
	assert_int_equal(a->ends_at, b->ends_at);
	assert_int_equal(a->all_day, b->all_day);
	assert_same_text(a->tzid, b->tzid);
	assert_same_text(a->location, b->location);
	assert_int_equal(a->reach, b->reach);
	assert_int_equal(a->travel_min, b->travel_min);
	assert_int_equal(a->prep_min, b->prep_min);
	assert_int_equal(a->ticket_minor, b->ticket_minor);
	assert_string_equal(a->currency, b->currency);
	assert_int_equal(a->expected_attendance, b->expected_attendance);
	assert_int_equal(a->is_speaking, b->is_speaking);
	assert_int_equal(a->speaking_fee_minor, b->speaking_fee_minor);
	assert_int_equal(a->sequence, b->sequence);
	assert_same_text(a->source_file, b->source_file);
	assert_same_text(a->description, b->description);
	assert_same_text(a->url, b->url);
	assert_same_text(a->categories, b->categories);
	assert_same_text(a->attendees, b->attendees);
	assert_int_equal(a->n_shares, b->n_shares);
	for (size_t i = 0; i < a->n_shares; i++) {
		assert_int_equal(a->shares[i].dim, b->shares[i].dim);
		assert_string_equal(a->shares[i].value, b->shares[i].value);
		assert_true(a->shares[i].share == b->shares[i].share); /* bit-exact */
		assert_int_equal(a->shares[i].is_second_degree, b->shares[i].is_second_degree);
	}
}

static void test_round_trip(void **state)
{
	(void)state;
	for (int which = 0; which < 3; which++) {
		struct invitation inv;
		make_sample(&inv, which);
		char *line = invite_json_object(&inv);
		assert_null(strchr(line, '\n'));
		struct run r;
		run_parse(&r, line, NULL);
		if (r.problems.len > 0)
			fail_msg("%s: %s", line, r.problems.items[0].message);
		assert_int_equal(r.st, WIT_OK);
		assert_int_equal(r.seen.list.len, 1);
		assert_same(&inv, &r.seen.list.items[0]);
		/* and the second generation prints identically */
		char *again = invite_json_object(&r.seen.list.items[0]);
		assert_string_equal(line, again);
		free(again);
		free(line);
		run_done(&r);
		invitation_done(&inv);
	}
}

static void test_writer_fields(void **state)
{
	(void)state;
	struct invitation inv;
	make_sample(&inv, 0);
	char *line = invite_json_object(&inv);
	assert_non_null(strstr(line, "{\"id\":40,\"uid\":\"sample-0@demo.example\","
	                             "\"recurrence_id\":\"\",\"title\":\"Legal tech summit\","));
	assert_non_null(strstr(line, "\"kind\":\"breakfast\",\"starts_at\":\"2026-04-02T12:00:00Z\","
	                             "\"ends_at\":\"2026-04-02T13:30:00Z\",\"all_day\":false,"));
	assert_non_null(strstr(line, "\"is_virtual\":false,\"status\":\"pending\""));
	assert_non_null(strstr(line, "\"ticket\":\"199.99\",\"currency\":\"USD\""));
	assert_non_null(strstr(line, "\"speaking_fee\":\"750.00\""));
	free(line);
	invitation_done(&inv);
	make_sample(&inv, 2);
	line = invite_json_object(&inv);
	assert_non_null(strstr(line, "\"starts_at\":\"2026-05-12\",\"ends_at\":\"2026-05-14\","
	                             "\"all_day\":true,"));
	assert_non_null(strstr(line, "\"organizer\":null"));
	assert_non_null(strstr(line, "\"ticket\":\"12000\",\"currency\":\"JPY\""));
	free(line);
	invitation_done(&inv);
}

static void test_money(void **state)
{
	(void)state;
	int64_t m = -1;
	char buf[32];
	assert_true(invite_json_money_from_text("25", "USD", &m));
	assert_int_equal(m, 2500);
	assert_true(invite_json_money_from_text("25.5", "", &m));
	assert_int_equal(m, 2550);
	assert_true(invite_json_money_from_text("0.070", "USD", &m));
	assert_int_equal(m, 7);
	assert_false(invite_json_money_from_text("0.071", "USD", &m));
	assert_false(invite_json_money_from_text("1.5", "JPY", &m));
	assert_true(invite_json_money_from_text("1.5", "KWD", &m));
	assert_int_equal(m, 1500);
	assert_false(invite_json_money_from_text("-1", "USD", &m));
	assert_false(invite_json_money_from_text("1e3", "USD", &m));
	assert_false(invite_json_money_from_text(".5", "USD", &m));
	assert_false(invite_json_money_from_text("5.", "USD", &m));
	assert_false(invite_json_money_from_text("99999999999", "USD", &m));
	assert_true(invite_json_money_from_double(0.1 + 0.2, "USD", &m));
	assert_int_equal(m, 30);
	assert_true(invite_json_money_from_double(150, "USD", &m));
	assert_int_equal(m, 15000);
	assert_false(invite_json_money_from_double(1e300, "USD", &m));
	assert_false(invite_json_money_from_double(INFINITY, "USD", &m));
	assert_false(invite_json_money_from_double(NAN, "USD", &m));
	assert_string_equal(invite_json_money_format(2550, "USD", buf, sizeof buf), "25.50");
	assert_string_equal(invite_json_money_format(7, "", buf, sizeof buf), "0.07");
	assert_string_equal(invite_json_money_format(300, "JPY", buf, sizeof buf), "300");
	assert_string_equal(invite_json_money_format(1005, "BHD", buf, sizeof buf), "1.005");
}

static void test_hostile_nesting(void **state)
{
	(void)state;
	size_t n = 200000;
	char *text = xmalloc(2 * n + 1);
	memset(text, '[', n);
	memset(text + n, ']', n);
	text[2 * n] = '\0';
	struct run r;
	run_parse(&r, text, NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.seen.list.len, 0);
	assert_true(r.problems.len >= 1);
	run_done(&r);
	/* deep nesting inside the wrapper probe and in a field */
	memcpy(text, "{\"invitations\":", 15);
	run_parse(&r, text, NULL);
	assert_int_equal(r.st, WIT_DATA);
	run_done(&r);
	free(text);

	static const char nested_field[] =
		"{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"audience\": [[[[{}]]]]}";
	run_parse(&r, nested_field, NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_string_equal(r.problems.items[0].message,
	                    "audience[0]: expected an object, found an array");
	run_done(&r);
}

static void test_hostile_numbers(void **state)
{
	(void)state;
	static const char text[] =
		"{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"travel_min\": 1e999}\n"
		"{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"expected_attendance\": "
		"99999999999999999999999999999}\n"
		"{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"ticket\": 1e300}\n"
		"{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"id\": -1}\n"
		"{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"sequence\": 3000000000}\n";
	struct run r;
	run_parse(&r, text, NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.seen.list.len, 0);
	assert_int_equal(r.problems.len, 5);
	assert_string_equal(r.problems.items[0].message,
	                    "travel_min: expected a whole number, found inf");
	assert_string_equal(r.problems.items[1].message,
	                    "expected_attendance: 1e+29 is out of range (0 to 1000000)");
	for (int i = 0; i < 5; i++)
		assert_int_equal(r.problems.items[i].line, i + 1);
	run_done(&r);
}

static void test_hostile_text(void **state)
{
	(void)state;
	struct run r;
	/* invalid UTF-8: a lone continuation byte, an overlong '/', a surrogate */
	static const char text[] =
		"{\"title\": \"caf\x80\", \"starts_at\": \"2026-03-05\"}\n"
		"{\"title\": \"x\", \"location\": \"\xC0\xAF\", \"starts_at\": \"2026-03-05\"}\n"
		"{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"attendees\": [\"\xED\xA0\x80\"]}\n"
		"{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"x\xff\": 1}\n";
	run_parse(&r, text, NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.seen.list.len, 0);
	assert_int_equal(r.problems.len, 4);
	assert_string_equal(r.problems.items[0].message, "title: not valid UTF-8");
	assert_string_equal(r.problems.items[1].message, "location: not valid UTF-8");
	assert_string_equal(r.problems.items[2].message, "attendees[0]: not valid UTF-8");
	assert_string_equal(r.problems.items[3].message,
	                    "(invalid UTF-8): unknown field (extensions start with x_)");
	run_done(&r);

	/* binary junk, with a NUL inside the given length */
	static const char junk[] = "\x01\x02\xfe\x00{[\"";
	import_problems_init(&r.problems);
	invitation_list_init(&r.seen.list);
	r.st = invite_json_parse(junk, sizeof junk - 1, NULL, sink, &r.seen, &r.problems);
	assert_int_equal(r.st, WIT_DATA);
	assert_int_equal(r.problems.len, 1);
	run_done(&r);

	/* a 2 MB description and 10,001 attendees are refused, not stored */
	size_t big = 2u << 20;
	char *huge = xmalloc(big + 200);
	int n = sprintf(huge, "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", \"description\": \"");
	memset(huge + n, 'a', big);
	strcpy(huge + n + big, "\"}\n");
	run_parse(&r, huge, NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_string_equal(r.problems.items[0].message,
	                    "description: too long: 2097152 bytes, at most 1048576");
	run_done(&r);
	free(huge);

	size_t cap = 64 + 20 * 10001;
	char *many = xmalloc(cap);
	char *p = many + sprintf(many, "{\"title\": \"x\", \"starts_at\": \"2026-03-05\", "
	                                 "\"attendees\": [");
	for (int i = 0; i < 10001; i++)
		p += sprintf(p, "%s\"a@b.example\"", i ? "," : "");
	strcpy(p, "]}");
	run_parse(&r, many, NULL);
	assert_int_equal(r.st, WIT_DATA);
	assert_string_equal(r.problems.items[0].message, "attendees: 10001 entries, at most 10000");
	run_done(&r);
	free(many);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_object),
		cmocka_unit_test(test_three_shapes_and_lines),
		cmocka_unit_test(test_each_bad_field_on_its_line),
		cmocka_unit_test(test_lines_in_a_pretty_array),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_window_uid_and_abort),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_writer_fields),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_hostile_nesting),
		cmocka_unit_test(test_hostile_numbers),
		cmocka_unit_test(test_hostile_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
