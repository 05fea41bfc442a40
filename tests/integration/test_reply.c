/*
 * test_reply.c: RSVP reply files (reply.c), shared by `worthit decide
 * --reply` and the dashboard's r key:
 *   - who answers: the address of "me" attending, WORTHIT_EMAIL, else
 *     EMAIL, else the first of "me", else the only attendee unless it
 *     is the organizer;
 *   - a COMMENT escaped and parsed back;
 *     none of them (two attendees) is WIT_USAGE naming WORTHIT_EMAIL
 *     and writes nothing;
 *   - the text is an iTIP REPLY with the PARTSTAT of the answer, parsed
 *     back with libical;
 *   - an existing file is refused and left as it was unless may_replace,
 *     which replaces it; no temporary file is ever left beside it; a
 *     missing directory is WIT_CANTCREAT.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worthit/reply.h"
#include "worthit/xmalloc.h"

#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

static void make_invitation(struct invitation *inv, const char *attendees)
{
	invitation_init(inv);
	inv->uid = xstrdup("rsvp@test");
	inv->recurrence_id = xstrdup("");
	inv->title = xstrdup("Reply test");
	inv->organizer = xstrdup("Org <org@example.org>");
	inv->attendees = xstrdup(attendees);
	inv->starts_at = NOW + 86400;
	inv->ends_at = NOW + 90000;
	inv->sequence = 3;
	inv->status = STATUS_DECLINED;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	char *buf = xcalloc(1, 65536);
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Entries of dir other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void test_address(void **state)
{
	(void)state;
	struct invitation two, one;
	char *why = NULL, *a;
	make_invitation(&two, "me@example.com\nOther <other@example.com>");
	make_invitation(&one, "Me <me@example.com>");
	setenv("WORTHIT_EMAIL", "w@example.com", 1);
	setenv("EMAIL", "e@example.com", 1);
	a = reply_address(&two, NULL, &why);
	assert_string_equal(a, "w@example.com");
	free(a);
	unsetenv("WORTHIT_EMAIL");
	a = reply_address(&two, NULL, &why);
	assert_string_equal(a, "e@example.com");
	free(a);
	unsetenv("EMAIL");
	a = reply_address(&one, NULL, &why);
	assert_string_equal(a, "me@example.com");
	free(a);
	assert_null(reply_address(&two, NULL, &why));
	assert_non_null(strstr(why, "set WORTHIT_EMAIL="));
	free(why);
	invitation_done(&two);
	invitation_done(&one);
}

/* config "me": the one attending first, then the environment, then the
 * first of "me"; the only attendee never when it is the organizer. */
static void test_address_me(void **state)
{
	(void)state;
	struct wit_config *cfg = xcalloc(1, sizeof *cfg);
	config_defaults(cfg);
	cfg->n_me = 2;
	strcpy(cfg->me[0], "first@example.com");
	strcpy(cfg->me[1], "me@example.com");
	struct invitation two, org;
	char *why = NULL, *a;
	make_invitation(&two, "Someone <x@example.com>\nMe Too <ME@example.com>");
	make_invitation(&org, "Org <org@example.org>");
	setenv("WORTHIT_EMAIL", "w@example.com", 1);
	a = reply_address(&two, cfg, &why);
	assert_string_equal(a, "ME@example.com"); /* as the invitation writes it */
	free(a);
	a = reply_address(&org, cfg, &why);
	assert_string_equal(a, "w@example.com");
	free(a);
	unsetenv("WORTHIT_EMAIL");
	unsetenv("EMAIL");
	a = reply_address(&org, cfg, &why);
	assert_string_equal(a, "first@example.com");
	free(a);
	/* no "me", no environment: the organizer as only attendee is refused */
	assert_null(reply_address(&org, NULL, &why));
	assert_non_null(strstr(why, "\"me\""));
	free(why);
	invitation_done(&two);
	invitation_done(&org);
	free(cfg);
}

/* A COMMENT is escaped (RFC 5545 3.3.11) and parsed back whole. */
static void test_comment(void **state)
{
	(void)state;
	struct invitation inv;
	char *text = NULL, *why = NULL;
	make_invitation(&inv, "Me <me@example.com>");
	unsetenv("WORTHIT_EMAIL");
	unsetenv("EMAIL");
	const char *c = "Thank you for thinking of me; the room is not my crowd, so I will "
	                "pass this time. Merci, à bientôt.";
	assert_int_equal(reply_text(&inv, NULL, STATUS_DECLINED, c, NOW, &text, &why), WIT_OK);
	assert_non_null(strstr(text, "me\\; the room"));
	icalcomponent *cal = icalparser_parse_string(text);
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	icalproperty *p = icalcomponent_get_first_property(ev, ICAL_COMMENT_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_comment(p), c);
	icalcomponent_free(cal);
	free(text);
	invitation_done(&inv);
}

static void test_text(void **state)
{
	(void)state;
	struct invitation inv;
	char *text = NULL, *why = NULL;
	make_invitation(&inv, "Me <me@example.com>");
	unsetenv("WORTHIT_EMAIL");
	unsetenv("EMAIL");
	assert_int_equal(reply_text(&inv, NULL, STATUS_MAYBE, NULL, NOW, &text, &why), WIT_OK);
	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_REPLY);
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ev), "rsvp@test");
	assert_int_equal(icalcomponent_get_sequence(ev), 3);
	icalproperty *att = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	assert_string_equal(icalproperty_get_attendee(att), "mailto:me@example.com");
	icalparameter *ps = icalproperty_get_first_parameter(att, ICAL_PARTSTAT_PARAMETER);
	assert_int_equal(icalparameter_get_partstat(ps), ICAL_PARTSTAT_TENTATIVE);
	icalcomponent_free(cal);
	free(text);
	assert_int_equal(reply_text(&inv, NULL, STATUS_PENDING, NULL, NOW, &text, &why), WIT_USAGE);
	assert_null(text);
	free(why);
	why = NULL;
	free(inv.organizer);
	inv.organizer = xstrdup("Org without an address");
	assert_int_equal(reply_text(&inv, NULL, STATUS_ACCEPTED, NULL, NOW, &text, &why), WIT_DATA);
	assert_null(text);
	free(why);
	invitation_done(&inv);
}

static void test_files(void **state)
{
	(void)state;
	char dir[128];
	snprintf(dir, sizeof dir, "%s/reply.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/r.ics", dir), *nodir = xasprintf("%s/none/r.ics", dir);
	struct invitation inv, two;
	char *why = NULL, *text;
	make_invitation(&inv, "me@example.com");
	make_invitation(&two, "me@example.com\nother@example.com");
	unsetenv("WORTHIT_EMAIL");
	unsetenv("EMAIL");

	/* no address: nothing written */
	assert_int_equal(reply_write(&two, NULL, STATUS_ACCEPTED, NULL, path, NOW, false, &why), WIT_USAGE);
	free(why);
	why = NULL;
	assert_int_equal(count_entries(dir), 0);

	assert_int_equal(reply_write(&inv, NULL, STATUS_DECLINED, NULL, path, NOW, false, &why), WIT_OK);
	text = slurp(path);
	assert_non_null(strstr(text, "ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com\r\n"));
	free(text);

	spit(path, "KEEP ME\n");
	assert_int_equal(reply_write(&inv, NULL, STATUS_ACCEPTED, NULL, path, NOW, false, &why),
	                 WIT_CANTCREAT);
	assert_non_null(strstr(why, "exists; not overwritten"));
	free(why);
	why = NULL;
	text = slurp(path);
	assert_string_equal(text, "KEEP ME\n");
	free(text);
	assert_int_equal(count_entries(dir), 1);

	assert_int_equal(reply_write(&inv, NULL, STATUS_ACCEPTED, NULL, path, NOW, true, &why), WIT_OK);
	text = slurp(path);
	assert_non_null(strstr(text, "METHOD:REPLY\r\n"));
	assert_non_null(strstr(text, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com\r\n"));
	assert_null(strstr(text, "KEEP ME"));
	free(text);
	assert_int_equal(count_entries(dir), 1);

	assert_int_equal(reply_write(&inv, NULL, STATUS_ACCEPTED, NULL, nodir, NOW, true, &why),
	                 WIT_CANTCREAT);
	assert_non_null(strstr(why, "cannot"));
	free(why);
	assert_int_equal(count_entries(dir), 1);

	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
	free(nodir);
	invitation_done(&inv);
	invitation_done(&two);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_address_me),
		cmocka_unit_test(test_comment),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
