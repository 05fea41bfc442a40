/*
 * test_ics.c: the iCalendar importer's mapping from parsed events to
 * invitations, on fixtures in tests/data/ics (time zones through the
 * system database, Windows names and a custom VTIMEZONE; all-day events;
 * RRULE with EXDATE and RECURRENCE-ID overrides, RANGE=THISANDFUTURE
 * included; METHOD:CANCEL and SEQUENCE; escapes, non-ASCII and folded
 * lines), and hostile input generated on the fly (a 2 MiB line,
 * 300,000 attendees, deep nesting, NUL bytes, junk that is not
 * iCalendar). Expected times are computed by
 * hand (see the comments) as UTC seconds. The RSVP REPLY file is parsed
 * back with libical and checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "worthit/ics.h"
#include <libical/ical.h>
#include "worthit/xmalloc.h"

struct got {
	struct invitation_list invs;
	enum import_action actions[64];
	int lines[64];
};

static enum wit_status keep(void *ctx, const struct invitation *inv, int line,
                            enum import_action action)
{
	struct got *g = ctx;
	if (g->invs.len < 64) {
		g->actions[g->invs.len] = action;
		g->lines[g->invs.len] = line;
	}
	invitation_copy(invitation_list_push(&g->invs), inv);
	return WIT_OK;
}

static enum wit_status parse_stream(FILE *in, struct got *g, struct import_problems *p)
{
	struct import_options opt = {.from = 0, .to = 4102444800 /* 2100-01-01 */,
	                             .source_name = "test.ics"};
	invitation_list_init(&g->invs);
	import_problems_init(p);
	char *why = NULL;
	enum wit_status st = ics_parse(in, &opt, keep, g, p, NULL, &why);
	free(why);
	return st;
}

static enum wit_status parse_file(const char *name, struct got *g, struct import_problems *p)
{
	const char *top = getenv("WORTHIT_TOP");
	char *path = xasprintf("%s/tests/data/ics/%s", top ? top : ".", name);
	FILE *in = fopen(path, "rb");
	free(path);
	assert_non_null(in);
	enum wit_status st = parse_stream(in, g, p);
	fclose(in);
	return st;
}

static void done(struct got *g, struct import_problems *p)
{
	invitation_list_done(&g->invs);
	import_problems_done(p);
}

static void test_mapping(void **state)
{
	(void)state;
	struct got g;
	struct import_problems p;
	assert_int_equal(parse_file("mapping.ics", &g, &p), WIT_OK);
	assert_int_equal(p.len, 0);
	assert_int_equal(g.invs.len, 3);
	const struct invitation *ny = &g.invs.items[0];
	assert_string_equal(ny->uid, "ny@test");
	assert_string_equal(ny->recurrence_id, "");
	/* 09:00 EDT (DST began 2026-03-08) = 13:00Z */
	assert_int_equal(ny->starts_at, 1773147600);
	assert_int_equal(ny->ends_at, 1773153000);
	assert_string_equal(ny->tzid, "America/New_York");
	assert_string_equal(ny->title, "Caf\xc3\xa9 breakfast, legal; bring cards");
	assert_string_equal(ny->description, "Line one\nline two that is folded and continues here");
	assert_string_equal(ny->organizer, "Ann Lee <ann@firm.example>");
	assert_string_equal(ny->attendees, "Bob <bob@x.example>\ncarol@y.example");
	/* the attendees are people to meet, not the room size */
	assert_int_equal(ny->expected_attendance, 0);
	assert_string_equal(ny->categories, "Law\\,Legal,Breakfast");
	assert_int_equal(ny->sequence, 3);
	assert_int_equal(ny->reach, REACH_LOCAL);
	assert_string_equal(ny->source_file, "test.ics");
	assert_int_equal(g.actions[0], IMPORT_UPSERT);
	assert_int_equal(g.lines[0], 5);

	const struct invitation *win = &g.invs.items[1];
	/* "Pacific Standard Time" = America/Los_Angeles: 10:00 PST = 18:00Z */
	assert_int_equal(win->starts_at, 1768500000);
	assert_int_equal(win->ends_at, 1768500000 + 2 * 3600);
	assert_string_equal(win->tzid, "America/Los_Angeles");
	assert_int_equal(win->reach, REACH_VIRTUAL);

	const struct invitation *day = &g.invs.items[2];
	assert_true(day->all_day);
	assert_int_equal(day->starts_at, 1775001600); /* 2026-04-01 */
	assert_int_equal(day->ends_at, 1775174400);   /* 2026-04-03, exclusive */
	assert_null(day->tzid);
	done(&g, &p);
}

static void test_recurrence(void **state)
{
	(void)state;
	struct got g;
	struct import_problems p;
	assert_int_equal(parse_file("recur.ics", &g, &p), WIT_OK);
	assert_int_equal(p.len, 0);
	/* COUNT=4 from Mon 2026-03-02 18:00 +03:00 (15:00Z): 2, 9 (EXDATE),
	 * 16 (overridden), 23 March; plus the override, moved to 20:00 */
	assert_int_equal(g.invs.len, 3);
	int64_t want[] = {1772463600, 1774278000};
	const char *keys[] = {"2026-03-02T15:00:00Z", "2026-03-23T15:00:00Z"};
	size_t k = 0;
	for (size_t i = 0; i < g.invs.len; i++) {
		const struct invitation *inv = &g.invs.items[i];
		assert_string_equal(inv->series, "weekly@test");
		if (strcmp(inv->title, "Meetup (moved)") == 0) {
			assert_string_equal(inv->recurrence_id, "2026-03-16T15:00:00Z");
			assert_int_equal(inv->starts_at, 1773680400);
			continue;
		}
		assert_true(k < 2);
		assert_int_equal(inv->starts_at, want[k]);
		assert_int_equal(inv->ends_at, want[k] + 3600);
		assert_string_equal(inv->recurrence_id, keys[k]);
		k++;
	}
	assert_int_equal(k, 2);
	done(&g, &p);
}

/* RANGE=THISANDFUTURE (RFC 5545 3.8.4.4), written before its series:
 * weekly from Mon 2026-03-02 10:00Z (1772445600), COUNT=5; the override
 * of 16 March moves it to 11:30-12:15 with a new title and room, and so
 * the 23rd too; the 30th has its own override (exact beats range). */
static void test_range_this_and_future(void **state)
{
	(void)state;
	struct got g;
	struct import_problems p;
	assert_int_equal(parse_file("range.ics", &g, &p), WIT_OK);
	assert_int_equal(p.len, 0);
	assert_int_equal(g.invs.len, 5);
	static const struct {
		const char *key, *title, *location;
		int64_t start, minutes;
		int sequence;
	} want[] = {
		{"2026-03-02T10:00:00Z", "Weekly", "Room 1", 1772445600, 60, 0},
		{"2026-03-09T10:00:00Z", "Weekly", "Room 1", 1772445600 + 7 * 86400, 60, 0},
		{"2026-03-16T10:00:00Z", "Weekly (later)", "Room 2", 1772445600 + 14 * 86400 + 5400, 45, 1},
		{"2026-03-23T10:00:00Z", "Weekly (later)", "Room 2", 1772445600 + 21 * 86400 + 5400, 45, 1},
		{"2026-03-30T10:00:00Z", "Last one", NULL, 1772445600 + 28 * 86400 - 3600, 60, 1},
	};
	for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
		const struct invitation *inv = NULL;
		for (size_t i = 0; i < g.invs.len; i++)
			if (strcmp(g.invs.items[i].recurrence_id, want[w].key) == 0)
				inv = &g.invs.items[i];
		assert_non_null(inv);
		assert_string_equal(inv->uid, "range@test");
		assert_string_equal(inv->series, "range@test");
		assert_string_equal(inv->title, want[w].title);
		if (want[w].location != NULL)
			assert_string_equal(inv->location, want[w].location);
		else
			assert_null(inv->location);
		assert_int_equal(inv->starts_at, want[w].start);
		assert_int_equal(inv->ends_at, want[w].start + 60 * want[w].minutes);
		assert_int_equal(inv->sequence, want[w].sequence);
	}
	done(&g, &p);
}

static void test_cancel(void **state)
{
	(void)state;
	struct got g;
	struct import_problems p;
	assert_int_equal(parse_file("cancel.ics", &g, &p), WIT_OK);
	assert_int_equal(g.invs.len, 1);
	assert_int_equal(g.actions[0], IMPORT_CANCEL);
	assert_int_equal(g.invs.items[0].status, STATUS_CANCELLED);
	assert_int_equal(g.invs.items[0].sequence, 4);
	assert_string_equal(g.invs.items[0].uid, "ny@test");
	done(&g, &p);
}

static const char head[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:h@test\r\n"
                           "DTSTART:20260301T100000Z\r\nSUMMARY:hostile\r\n";
static const char tail[] = "END:VEVENT\r\nEND:VCALENDAR\r\n";

/* Parse head + body + tail written to a temporary file. */
static enum wit_status hostile(const char *body, size_t body_len, struct got *g,
                               struct import_problems *p)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	fputs(head, f);
	fwrite(body, 1, body_len, f);
	fputs(tail, f);
	rewind(f);
	enum wit_status st = parse_stream(f, g, p);
	fclose(f);
	return st;
}

/* 101 RANGE=THISANDFUTURE overrides of a daily series of 200 from
 * 2026-03-01 10:00Z (1772359200), one a day from the first, each moving
 * its day to 11:00: the 101st passes ICS_RANGES_MAX, is one problem and
 * replaces its own day only; days 101..199 follow the 100th (day 99). */
static void test_range_limit(void **state)
{
	(void)state;
	size_t cap = 120 * 200, len = 0;
	char *body = xmalloc(cap);
	len += (size_t)sprintf(body, "RRULE:FREQ=DAILY;COUNT=200\r\nEND:VEVENT\r\n");
	for (int i = 0; i <= ICS_RANGES_MAX; i++) {
		time_t day = (time_t)(1772359200 + 86400 * (int64_t)i);
		struct tm tm;
		char ymd[16];
		strftime(ymd, sizeof ymd, "%Y%m%d", gmtime_r(&day, &tm));
		len += (size_t)sprintf(body + len, "BEGIN:VEVENT\r\nUID:h@test\r\n"
		                       "RECURRENCE-ID;RANGE=THISANDFUTURE:%sT100000Z\r\n"
		                       "DTSTART:%sT110000Z\r\nSUMMARY:from day %d\r\n%s", ymd, ymd, i,
		                       i < ICS_RANGES_MAX ? "END:VEVENT\r\n" : "");
	}
	struct got g;
	struct import_problems p;
	assert_int_equal(hostile(body, len, &g, &p), WIT_OK);
	assert_int_equal(p.len, 1);
	assert_non_null(strstr(p.items[0].message, "more than 100 RANGE=THISANDFUTURE"));
	assert_int_equal(g.invs.len, 200);
	int seen = 0;
	for (size_t i = 0; i < g.invs.len; i++) {
		const struct invitation *inv = &g.invs.items[i];
		int64_t day = (inv->starts_at - 1772359200) / 86400;
		assert_int_equal(inv->starts_at, 1772359200 + 86400 * day + 3600);
		char want[32];
		snprintf(want, sizeof want, "from day %d", day > ICS_RANGES_MAX ? 99 : (int)day);
		assert_string_equal(inv->title, want);
		seen += day == 150;
	}
	assert_int_equal(seen, 1);
	free(body);
	done(&g, &p);
}

static void test_huge_line(void **state)
{
	(void)state;
	size_t n = 2u << 20;
	char *body = xmalloc(n + 16);
	memcpy(body, "DESCRIPTION:", 12);
	memset(body + 12, 'x', n);
	memcpy(body + 12 + n, "\r\n", 2);
	struct got g;
	struct import_problems p;
	assert_int_equal(hostile(body, n + 14, &g, &p), WIT_OK);
	assert_int_equal(g.invs.len, 0);
	assert_int_equal(p.len, 1);
	assert_non_null(strstr(p.items[0].message, "longer than 1 MiB"));
	free(body);
	done(&g, &p);
}

static void test_many_attendees(void **state)
{
	(void)state;
	size_t n = 300000, len = 0;
	char *body = xmalloc(n * 40);
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(body + len, "ATTENDEE:mailto:p%zu@x.example\r\n", i);
	struct got g;
	struct import_problems p;
	assert_int_equal(hostile(body, len, &g, &p), WIT_OK);
	assert_int_equal(p.len, 0);
	assert_int_equal(g.invs.len, 1);
	assert_int_equal(g.invs.items[0].expected_attendance, 0); /* unknown, not 300000 */
	assert_true(strlen(g.invs.items[0].attendees) <= ICS_ATTENDEE_BYTES);
	free(body);
	done(&g, &p);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	size_t len = 0;
	char *body = xmalloc(40 * 2000);
	for (int i = 0; i < 1000; i++)
		len += (size_t)sprintf(body + len, "BEGIN:VALARM\r\n");
	for (int i = 0; i < 1000; i++)
		len += (size_t)sprintf(body + len, "END:VALARM\r\n");
	struct got g;
	struct import_problems p;
	assert_int_equal(hostile(body, len, &g, &p), WIT_OK);
	assert_int_equal(g.invs.len, 0);
	assert_int_equal(p.len, 1);
	assert_non_null(strstr(p.items[0].message, "nests components too deeply"));
	free(body);
	done(&g, &p);
}

static void test_binary_junk(void **state)
{
	(void)state;
	static const char body[] = "LOCATION:ab\0\x01\xff\r\n";
	struct got g;
	struct import_problems p;
	assert_int_equal(hostile(body, sizeof body - 1, &g, &p), WIT_OK);
	assert_int_equal(g.invs.len, 0);
	assert_int_equal(p.len, 1);
	assert_non_null(strstr(p.items[0].message, "NUL"));
	assert_int_equal(p.items[0].line, 7);
	done(&g, &p);

	/* not iCalendar at all */
	FILE *f = tmpfile();
	fputs("\x7f" "ELF\x02\x01 garbage\n", f);
	rewind(f);
	assert_int_equal(parse_stream(f, &g, &p), WIT_DATA);
	assert_int_equal(g.invs.len, 0);
	fclose(f);
	done(&g, &p);
}

static void test_windows_1252(void **state)
{
	(void)state;
	/* Latin-1 "Müller" is read as Windows-1252, not rejected */
	static const char body[] = "LOCATION:M\xfcller Stra\xdf" "e\r\n";
	struct got g;
	struct import_problems p;
	assert_int_equal(hostile(body, sizeof body - 1, &g, &p), WIT_OK);
	assert_int_equal(p.len, 0);
	assert_string_equal(g.invs.items[0].location, "M\xc3\xbcller Stra\xc3\x9f" "e");
	done(&g, &p);
}

static void test_winzone_table(void **state)
{
	(void)state;
	assert_string_equal(ics_winzone_to_iana("W. Europe Standard Time"), "Europe/Berlin");
	assert_string_equal(ics_winzone_to_iana("\"eastern standard time\""), "America/New_York");
	assert_null(ics_winzone_to_iana("Nowhere Standard Time"));
}

static void test_reply(void **state)
{
	(void)state;
	struct got g;
	struct import_problems p;
	assert_int_equal(parse_file("mapping.ics", &g, &p), WIT_OK);
	FILE *f = tmpfile();
	char *why = NULL;
	assert_int_equal(ics_write_reply(&g.invs.items[0], "me@mine.example", STATUS_ACCEPTED,
	                                 1772355600, f, &why),
	                 WIT_OK);
	long n = ftell(f);
	rewind(f);
	char *text = xcalloc(1, (size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, f), n);
	fclose(f);
	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_REPLY);
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ev), "ny@test");
	icalproperty *org = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
	assert_string_equal(icalproperty_get_organizer(org), "mailto:ann@firm.example");
	icalproperty *att = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	assert_string_equal(icalproperty_get_attendee(att), "mailto:me@mine.example");
	icalparameter *ps = icalproperty_get_first_parameter(att, ICAL_PARTSTAT_PARAMETER);
	assert_int_equal(icalparameter_get_partstat(ps), ICAL_PARTSTAT_ACCEPTED);
	assert_null(icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY));
	struct icaltimetype ds = icalcomponent_get_dtstart(ev);
	assert_int_equal(icaltime_as_timet(ds), 1773147600);
	icalcomponent_free(cal);
	free(text);

	f = tmpfile();
	assert_int_equal(ics_write_reply(&g.invs.items[0], "me@mine.example", STATUS_PENDING,
	                                 0, f, &why),
	                 WIT_USAGE);
	assert_int_equal(ics_write_reply(&g.invs.items[1], "me@mine.example", STATUS_DECLINED,
	                                 0, f, &why),
	                 WIT_DATA); /* no ORGANIZER to answer */
	assert_non_null(strstr(why, "no organizer"));
	free(why);
	fclose(f);
	done(&g, &p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mapping),     cmocka_unit_test(test_recurrence),
		cmocka_unit_test(test_range_this_and_future), cmocka_unit_test(test_range_limit),
		cmocka_unit_test(test_cancel),      cmocka_unit_test(test_huge_line),
		cmocka_unit_test(test_many_attendees), cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_binary_junk), cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_winzone_table), cmocka_unit_test(test_reply),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
