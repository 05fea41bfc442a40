/*
 * test_vdir.c: the user's role in an event (vdir_event.c) and the
 * PARTSTAT write-back (vdir_partstat.c), on texts built to hit RFC 5545
 * 3.1 folding:
 *   - roles: a PARTSTAT split by a fold, a quoted CN holding ':' and
 *     ';', an ATTENDEE of a VALARM (not an attendee of the event), the
 *     organizer, no attendees; the classification of each;
 *   - edits: a value split by a fold (the fold's bytes replaced, every
 *     other byte kept), a PARTSTAT added before the value, a new fold
 *     when the line would pass 75 octets (in the file's line ending),
 *     LF-only files, other attendees untouched, every ATTENDEE of the
 *     user in every VEVENT changed;
 *   - the file: replaced atomically with its mode kept, no temporary
 *     file left, WIT_NOTFOUND (file untouched) when the user is no
 *     attendee.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "worthit/config.h"
#include "worthit/vdir_event.h"
#include "worthit/vdir_partstat.h"
#include "worthit/xmalloc.h"

static struct wit_config cfg;

static int setup(void **state)
{
	(void)state;
	config_defaults(&cfg);
	cfg.n_me = 2;
	strcpy(cfg.me[0], "me@example.com");
	strcpy(cfg.me[1], "me@work.example");
	return 0;
}

static const char folded[] =
	"BEGIN:VCALENDAR\r\n"
	"BEGIN:VEVENT\r\n"
	"UID:a@test\r\n"
	"ORGANIZER;CN=Ann:mailto:ann@example.org\r\n"
	"ATTENDEE;CN=\"Doe: J; Jr\";PARTSTAT=NEEDS-AC\r\n"
	" TION;RSVP=TRUE:mailto:ME@Example.com\r\n"
	"ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:bob@example.org\r\n"
	"BEGIN:VALARM\r\n"
	"ATTENDEE:mailto:alarm@example.org\r\n"
	"END:VALARM\r\n"
	"END:VEVENT\r\n"
	"BEGIN:VEVENT\r\n"
	"UID:b@test\r\n"
	"ORGANIZER:mailto:me@work.example\r\n"
	"ATTENDEE:mailto:x@example.org\r\n"
	"END:VEVENT\r\n"
	"BEGIN:VEVENT\r\n"
	"UID:c@test\r\n"
	"SUMMARY:Dentist\r\n"
	"END:VEVENT\r\n"
	"END:VCALENDAR\r\n";

static void test_roles(void **state)
{
	(void)state;
	struct vdir_role *r;
	size_t n = vdir_event_roles(folded, strlen(folded), &cfg, &r);
	assert_int_equal(n, 3);
	assert_string_equal(r[0].uid, "a@test");
	assert_int_equal(r[0].n_attendees, 2); /* the VALARM's is not one */
	assert_true(r[0].has_me);
	assert_false(r[0].is_organizer_me);
	assert_string_equal(r[0].partstat, "NEEDS-ACTION");
	bool is_busy;
	enum invite_status st;
	vdir_role_classify(&r[0], &is_busy, &st);
	assert_false(is_busy);
	assert_int_equal(st, STATUS_PENDING);
	vdir_role_classify(&r[1], &is_busy, &st);
	assert_true(r[1].is_organizer_me);
	assert_true(is_busy);
	vdir_role_classify(&r[2], &is_busy, &st);
	assert_int_equal(r[2].n_attendees, 0);
	assert_true(is_busy);
	assert_ptr_equal(vdir_role_find(r, n, "c@test"), &r[2]);
	assert_null(vdir_role_find(r, n, "zz"));
	vdir_roles_free(r, n);

	static const char *const answers[][2] = {
		{"ACCEPTED", "accepted"}, {"declined", "declined"}, {"TENTATIVE", "maybe"},
		{"DELEGATED", "declined"},
	};
	for (size_t i = 0; i < 4; i++) {
		char *t = xasprintf("BEGIN:VEVENT\nUID:x\nATTENDEE;PARTSTAT=%s:mailto:me@example.com\n"
		                    "END:VEVENT\n", answers[i][0]);
		n = vdir_event_roles(t, strlen(t), &cfg, &r);
		vdir_role_classify(&r[0], &is_busy, &st);
		assert_false(is_busy);
		assert_string_equal(invite_status_name(st), answers[i][1]);
		vdir_roles_free(r, n);
		free(t);
	}
}

/* Every physical line of t is at most 75 octets. */
static void assert_short_lines(const char *t)
{
	for (const char *p = t; *p != '\0';) {
		const char *e = strchr(p, '\n');
		size_t len = e != NULL ? (size_t)(e - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		assert_true(len <= 75);
		p += e != NULL ? (size_t)(e - p) + 1 : len;
	}
}

static void test_edit(void **state)
{
	(void)state;
	char *out;
	size_t n;
	int lines;
	vdir_partstat_edit(folded, strlen(folded), &cfg, "ACCEPTED", &out, &n, &lines);
	assert_int_equal(lines, 1);
	/* the fold inside the old value is gone with the value; nothing else moved */
	char *want = xstrdup(folded);
	char *at = strstr(want, "NEEDS-AC\r\n TION");
	memcpy(at, "ACCEPTED", 8);
	memmove(at + 8, at + 15, strlen(at + 15) + 1);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
	free(out);
	free(want);

	/* no PARTSTAT: added before the value; LF kept */
	const char *lf = "BEGIN:VEVENT\nATTENDEE;CN=Me:mailto:me@example.com\nEND:VEVENT\n";
	vdir_partstat_edit(lf, strlen(lf), &cfg, "DECLINED", &out, &n, &lines);
	assert_int_equal(lines, 1);
	assert_string_equal(out, "BEGIN:VEVENT\nATTENDEE;CN=Me;PARTSTAT=DECLINED:mailto:me@example.com\n"
	                         "END:VEVENT\n");
	free(out);

	/* a long line: the insertion goes on a new folded line, CRLF kept */
	const char *longl = "BEGIN:VEVENT\r\nATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;CN=Some"
	                    "one:mailto:me@example.com\r\nEND:VEVENT\r\n";
	vdir_partstat_edit(longl, strlen(longl), &cfg, "TENTATIVE", &out, &n, &lines);
	assert_int_equal(lines, 1);
	assert_non_null(strstr(out, "CN=Someone\r\n ;PARTSTAT=TENTATIVE:mailto:me@example.com\r\n"));
	assert_short_lines(out);
	/* written back again, the same answer changes nothing: no fold piles up */
	char *again;
	size_t n_again;
	int lines_again;
	vdir_partstat_edit(out, n, &cfg, "TENTATIVE", &again, &n_again, &lines_again);
	assert_int_equal(lines_again, 1);
	assert_int_equal(n_again, n);
	assert_memory_equal(again, out, n);
	free(again);
	free(out);

	/* the user in two VEVENTs under two addresses: both; others kept */
	const char *two = "BEGIN:VEVENT\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com\n"
	                  "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:bob@example.org\nEND:VEVENT\n"
	                  "BEGIN:VEVENT\nATTENDEE;PARTSTAT=ACCEPTED:MAILTO:me@work.example\n"
	                  "END:VEVENT\n";
	vdir_partstat_edit(two, strlen(two), &cfg, "DECLINED", &out, &n, &lines);
	assert_int_equal(lines, 2);
	assert_non_null(strstr(out, "PARTSTAT=DECLINED:mailto:me@example.com"));
	assert_non_null(strstr(out, "PARTSTAT=NEEDS-ACTION:mailto:bob@example.org"));
	assert_non_null(strstr(out, "PARTSTAT=DECLINED:MAILTO:me@work.example"));
	free(out);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xcalloc(1, 65536);
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/wt-vdir-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/event.ics", dir);
	FILE *f = fopen(path, "wb");
	fputs(folded, f);
	fclose(f);
	chmod(path, 0640);
	char *why = NULL;
	assert_int_equal(vdir_partstat_write(path, &cfg, "ACCEPTED", &why), WIT_OK);
	char *text = slurp(path);
	assert_non_null(strstr(text, "PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:ME@Example.com\r\n"));
	free(text);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(count_entries(dir), 1);

	struct wit_config other = cfg;
	strcpy(other.me[0], "nobody@example.com");
	other.n_me = 1;
	char *before = slurp(path);
	assert_int_equal(vdir_partstat_write(path, &other, "DECLINED", &why), WIT_NOTFOUND);
	assert_non_null(strstr(why, "event.ics"));
	free(why);
	char *after = slurp(path);
	assert_string_equal(before, after);
	free(before);
	free(after);

	char *missing = xasprintf("%s/gone.ics", dir);
	why = NULL;
	assert_int_equal(vdir_partstat_write(missing, &cfg, "DECLINED", &why), WIT_NOINPUT);
	free(why);
	free(missing);
	unlink(path);
	rmdir(dir);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_file),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
