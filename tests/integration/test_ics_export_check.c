/*
 * test_ics_export_check.c: what `worthit export` writes as iCalendar
 * passes libical's own check (icalrestriction_check, the RFC 5545 and
 * RFC 5546 property rules): the demo data set (312 invitations, with
 * attendees and without organizers) written by ics_write_calendar(),
 * parsed back and checked. The calendar has no METHOD (a plain calendar,
 * so ATTENDEEs may stay: RFC 5546 3.2.1 forbids them in PUBLISH), and
 * each VTIMEZONE is cut to the years its events need, not every change
 * since the 1880s.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worthit/db.h"
#include "worthit/db_invite.h"
#include "worthit/demo.h"
#include "worthit/ics.h"
#include "worthit/xmalloc.h"

#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

/* The calendar ics_write_calendar() makes of invs, parsed. */
static icalcomponent *written(const struct invitation *invs, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	char *why = NULL;
	assert_int_equal(ics_write_calendar(invs, n, NOW, out, &why), WIT_OK);
	fclose(out);
	icalcomponent *cal = icalparser_parse_string(text);
	free(text);
	assert_non_null(cal);
	return cal;
}

/* Every X-LIC-ERROR libical attached anywhere, printed; their number. */
static int errors(icalcomponent *c)
{
	int n = 0;
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY), n++)
		print_message("%s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(c)),
		              icalproperty_get_xlicerror(p));
	for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
	     s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		n += errors(s);
	return n;
}

static int count_props(icalcomponent *cal, icalproperty_kind kind)
{
	int n = 0;
	for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
	     e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		n += icalcomponent_count_properties(e, kind);
	return n;
}

static void test_demo_export_passes_libical_check(void **state)
{
	(void)state;
	char dir[64], *why = NULL;
	snprintf(dir, sizeof dir, "%s/exp.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/t.db", dir);
	const char *top = getenv("WORTHIT_TOP") ? getenv("WORTHIT_TOP") : ".";
	char *demo = xasprintf("%s/share/demo", top);
	struct db *db = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	struct demo_summary sum;
	if (demo_load(db, demo, NOW, &sum, &why) != WIT_OK)
		fail_msg("demo: %s", why);
	struct invitation_list list;
	invitation_list_init(&list);
	struct invite_filter f = {.status_mask = STATUS_MASK_ALL};
	assert_int_equal(db_invite_list(db, &f, &list, &why), WIT_OK);
	assert_true(list.len >= 300);
	icalcomponent *cal = written(list.items, list.len);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), (int)list.len);
	assert_null(icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY));
	assert_true(count_props(cal, ICAL_ATTENDEE_PROPERTY) > 0); /* kept */
	int ok = icalrestriction_check(cal);
	int n_errors = errors(cal);
	assert_int_equal(n_errors, 0);
	assert_true(ok);
	icalcomponent_free(cal);
	invitation_list_done(&list);
	db_close(db);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(demo);
	free(path);
}

/* Two Paris events in 2026 and 2027: the VTIMEZONE holds no onset
 * before 2026 nor after 2027, and still passes the check. */
static void test_vtimezone_truncated(void **state)
{
	(void)state;
	struct invitation inv[2];
	for (int i = 0; i < 2; i++) {
		invitation_init(&inv[i]);
		inv[i].uid = xasprintf("paris-%d@test", i);
		inv[i].recurrence_id = xstrdup("");
		inv[i].title = xstrdup("Paris");
		inv[i].tzid = xstrdup("Europe/Paris");
		inv[i].attendees = xstrdup("Ann <ann@x.example>\nbob@y.example");
	}
	inv[0].starts_at = 1781078400; /* 2026-06-10T08:00:00Z */
	inv[1].starts_at = 1799568000; /* 2027-01-10T08:00:00Z */
	for (int i = 0; i < 2; i++)
		inv[i].ends_at = inv[i].starts_at + 3600;
	icalcomponent *cal = written(inv, 2);
	icalcomponent *vtz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
	assert_non_null(vtz);
	icalproperty *tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	assert_non_null(tzid);
	assert_string_equal(icalproperty_get_tzid(tzid), "Europe/Paris");
	int n_obs = 0;
	for (icalcomponent *o = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); o;
	     o = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT), n_obs++) {
		int year = icalcomponent_get_dtstart(o).year;
		if (year < 2026 || year > 2027)
			fail_msg("observance starting in %d kept", year);
	}
	assert_true(n_obs >= 2 && n_obs <= 6);
	assert_int_equal(count_props(cal, ICAL_ATTENDEE_PROPERTY), 4);
	assert_true(icalrestriction_check(cal));
	assert_int_equal(errors(cal), 0);
	icalcomponent_free(cal);
	for (int i = 0; i < 2; i++)
		invitation_done(&inv[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_export_passes_libical_check),
		cmocka_unit_test(test_vtimezone_truncated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
