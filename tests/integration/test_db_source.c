/*
 * test_db_source.c: what sync stores (migration 4) against a real
 * SQLite file:
 *   - busy time: rows replaced per source, the scan returning exactly
 *     the events overlapping a range, by start;
 *   - busy time in the score's committed list (app_score.c): a negative
 *     id, is_busy, no hours, conflict_is_busy with the clash titled
 *     "TITLE HH:MM–HH:MM";
 *   - source files: remembered sorted, replaced, dropped, forgotten;
 *   - feeds: validators and errors round-trip, dropped on unsubscribe;
 *   - cancel_missing: only the invitations of that file, not listed,
 *     not ended; set_answer: only a pending one changes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worthit/app_score.h"
#include "worthit/db.h"
#include "worthit/db_busy.h"
#include "worthit/db_invite.h"
#include "worthit/db_source.h"
#include "worthit/xmalloc.h"

#define NOW 1772355600 /* 2026-03-01T09:00:00Z */
#define HOUR 3600

struct fixture {
	char *path;
	struct db *db;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *dir = getenv("TMPDIR");
	f->path = xasprintf("%s/wt-source-%d.db", dir ? dir : "/tmp", (int)getpid());
	unlink(f->path);
	char *why = NULL;
	if (db_open(f->path, DB_OPEN_CREATE, &f->db, &why) != WIT_OK)
		fail_msg("db_open: %s", why);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	unlink(f->path);
	free(f->path);
	free(f);
	return 0;
}

static void event(struct invitation *inv, const char *uid, const char *title, int64_t start,
                  int64_t end)
{
	invitation_init(inv);
	inv->uid = xstrdup(uid);
	inv->recurrence_id = xstrdup("");
	inv->title = xstrdup(title);
	inv->starts_at = start;
	inv->ends_at = end;
}

struct seen {
	char titles[256];
};

static void collect(const struct busy_event *e, void *arg)
{
	struct seen *s = arg;
	size_t n = strlen(s->titles);
	snprintf(s->titles + n, sizeof s->titles - n, "%s%s", n ? "," : "", e->title);
}

static void add_busy(struct db *db, const char *source, const char *uid, const char *title,
                     int64_t start, int64_t end)
{
	struct invitation inv;
	event(&inv, uid, title, start, end);
	char *why = NULL;
	assert_int_equal(db_busy_add(db, source, &inv, &why), WIT_OK);
	invitation_done(&inv);
}

static void test_busy(void **state)
{
	struct fixture *f = *state;
	char *why = NULL;
	add_busy(f->db, "/cal/a.ics", "a", "Client call", NOW + 23 * HOUR, NOW + 23 * HOUR + 1800);
	add_busy(f->db, "/cal/b.ics", "b", "Dentist", NOW + 2 * HOUR, NOW + 3 * HOUR);
	add_busy(f->db, "/cal/b.ics", "b2", "Gym", NOW + 30 * HOUR, NOW + 31 * HOUR);
	struct seen s = {""};
	assert_int_equal(db_busy_scan(f->db, NOW, NOW + 24 * HOUR, collect, &s, &why), WIT_OK);
	assert_string_equal(s.titles, "Dentist,Client call");
	/* overlap, not containment: a range inside the dentist finds it */
	memset(&s, 0, sizeof s);
	db_busy_scan(f->db, NOW + 2 * HOUR + 600, NOW + 2 * HOUR + 900, collect, &s, &why);
	assert_string_equal(s.titles, "Dentist");
	/* touching ends do not overlap */
	memset(&s, 0, sizeof s);
	db_busy_scan(f->db, NOW + 3 * HOUR, NOW + 23 * HOUR, collect, &s, &why);
	assert_string_equal(s.titles, "");
	long n = 0;
	assert_int_equal(db_busy_clear(f->db, "/cal/b.ics", &n, &why), WIT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(db_busy_count(f->db, &n, &why), WIT_OK);
	assert_int_equal(n, 1);
}

static void test_busy_in_score(void **state)
{
	struct fixture *f = *state;
	char *why = NULL;
	setenv("TZ", "UTC", 1);
	/* March 10, 08:00-08:30 UTC */
	int64_t call = NOW + 9 * 24 * HOUR - HOUR;
	add_busy(f->db, "/cal/c.ics", "c", "Client call", call, call + 1800);
	struct invitation bfast;
	event(&bfast, "bfast", "Breakfast", call - HOUR, call - 600);
	bfast.travel_min = 20; /* 07:00-07:50 + 20 min: until 08:10 */
	struct app_span span = app_score_span(&bfast, 1, NOW);
	struct app_committed c;
	assert_int_equal(app_score_committed_load(f->db, &span, 8.0, &c, &why), WIT_OK);
	assert_int_equal(c.len, 1);
	assert_true(c.events[0].id < 0);
	assert_true(c.events[0].hours == 0);
	struct score_context ctx;
	score_context_init(&ctx);
	app_score_fill(&c, &bfast, NULL, &ctx);
	assert_int_equal(ctx.n_conflicts, 1);
	assert_int_equal(ctx.conflict_id, 0); /* score.h: 0 for a busy event */
	assert_string_equal(ctx.conflict_title, "Client call 08:00\u201308:30");
	assert_true(ctx.conflict_is_busy);
	assert_true(ctx.committed_hours == 0);
	/* without travel it ends at 07:50: no clash */
	bfast.travel_min = 0;
	score_context_init(&ctx);
	app_score_fill(&c, &bfast, NULL, &ctx);
	assert_int_equal(ctx.n_conflicts, 0);
	app_score_committed_done(&c);
	invitation_done(&bfast);
}

static void test_files_and_feeds(void **state)
{
	struct fixture *f = *state;
	char *why = NULL;
	struct source_file_state a = {(char *)"/v/b.ics", 5, 10}, b = {(char *)"/v/a.ics", 7, 20};
	assert_int_equal(db_source_file_put(f->db, "/v", &a, &why), WIT_OK);
	assert_int_equal(db_source_file_put(f->db, "/v", &b, &why), WIT_OK);
	a.mtime_ns = 6;
	assert_int_equal(db_source_file_put(f->db, "/v", &a, &why), WIT_OK);
	struct source_file_state *v;
	size_t n;
	assert_int_equal(db_source_files(f->db, "/v", &v, &n, &why), WIT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].file, "/v/a.ics");
	assert_int_equal(v[1].mtime_ns, 6);
	vdir_files_free(v, n);
	assert_int_equal(db_source_file_drop(f->db, "/v/a.ics", &why), WIT_OK);
	assert_int_equal(db_source_files(f->db, "/v", &v, &n, &why), WIT_OK);
	assert_int_equal(n, 1);
	vdir_files_free(v, n);
	assert_int_equal(db_source_forget(f->db, "/v", &why), WIT_OK);
	assert_int_equal(db_source_files(f->db, "/v", &v, &n, &why), WIT_OK);
	assert_int_equal(n, 0);
	vdir_files_free(v, n);

	int64_t mt = 0;
	bool found = true;
	assert_int_equal(db_source_dir_get(f->db, "/m/cur", &mt, &found, &why), WIT_OK);
	assert_false(found);
	assert_int_equal(db_source_dir_put(f->db, "/m/cur", 42, &why), WIT_OK);
	assert_int_equal(db_source_dir_get(f->db, "/m/cur", &mt, &found, &why), WIT_OK);
	assert_true(found);
	assert_int_equal(mt, 42);

	struct feed_state fs = { .etag = (char *)"\"x1\"", .checked_at = NOW, .ok_at = NOW - 5,
		                 .events = 3, .error = (char *)"https://f/x.ics: HTTP status 500" };
	assert_int_equal(db_source_feed_put(f->db, "https://f/x.ics", &fs, &why), WIT_OK);
	struct feed_state got;
	assert_int_equal(db_source_feed_get(f->db, "https://f/x.ics", &got, &found, &why), WIT_OK);
	assert_true(found);
	assert_string_equal(got.etag, "\"x1\"");
	assert_null(got.last_modified);
	assert_int_equal(got.ok_at, NOW - 5);
	assert_string_equal(got.error, fs.error);
	feed_state_done(&got);
	assert_int_equal(db_source_feed_drop(f->db, "https://f/x.ics", &why), WIT_OK);
	assert_int_equal(db_source_feed_get(f->db, "https://f/x.ics", &got, &found, &why), WIT_OK);
	assert_false(found);
}

static int64_t store(struct db *db, const char *uid, const char *file, int64_t start)
{
	struct invitation inv;
	event(&inv, uid, uid, start, start + HOUR);
	inv.source_file = xstrdup(file);
	enum db_upsert_result r;
	int64_t id = 0;
	char *why = NULL;
	assert_int_equal(db_invite_upsert(db, &inv, NOW, &r, &id, &why), WIT_OK);
	invitation_done(&inv);
	return id;
}

static const char *status_of(struct db *db, int64_t id)
{
	struct invitation inv;
	invitation_init(&inv);
	char *why = NULL;
	assert_int_equal(db_invite_get(db, id, &inv, &why), WIT_OK);
	const char *name = invite_status_name(inv.status);
	invitation_done(&inv);
	return name;
}

static void test_invitations(void **state)
{
	struct fixture *f = *state;
	char *why = NULL;
	int64_t kept = store(f->db, "kept", "https://f/x.ics", NOW + 24 * HOUR);
	int64_t gone = store(f->db, "gone", "https://f/x.ics", NOW + 48 * HOUR);
	int64_t past = store(f->db, "past", "https://f/x.ics", NOW - 48 * HOUR);
	int64_t other = store(f->db, "other", "/v/other.ics", NOW + 24 * HOUR);
	char *keep[] = { db_source_key("kept", "") };
	long n = 0;
	assert_int_equal(db_source_cancel_missing(f->db, "https://f/x.ics", keep, 1, NOW, &n, &why),
	                 WIT_OK);
	free(keep[0]);
	assert_int_equal(n, 1);
	assert_string_equal(status_of(f->db, gone), "cancelled");
	assert_string_equal(status_of(f->db, kept), "pending");
	assert_string_equal(status_of(f->db, past), "pending"); /* ended: left alone */
	assert_string_equal(status_of(f->db, other), "pending");
	/* an empty list: every one of the file still ahead */
	assert_int_equal(db_source_cancel_missing(f->db, "/v/other.ics", NULL, 0, NOW, &n, &why),
	                 WIT_OK);
	assert_int_equal(n, 1);

	bool changed = false;
	assert_int_equal(db_source_set_answer(f->db, "kept", "", STATUS_ACCEPTED, NOW, &changed,
	                                      &why), WIT_OK);
	assert_true(changed);
	assert_string_equal(status_of(f->db, kept), "accepted");
	assert_int_equal(db_source_set_answer(f->db, "kept", "", STATUS_DECLINED, NOW, &changed,
	                                      &why), WIT_OK);
	assert_false(changed); /* decided already: the calendar does not overwrite it */
	assert_string_equal(status_of(f->db, kept), "accepted");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_in_score, setup, teardown),
		cmocka_unit_test_setup_teardown(test_files_and_feeds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invitations, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
