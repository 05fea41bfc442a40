/*
 * test_db_track.c: track records read from track_summary (migration 3)
 * against a real SQLite file: hand-computed sums (logged minutes, else
 * planned duration + 2 x travel unless virtual + preparation; only
 * attended and accepted invitations; outcomes of invitations starting
 * after `before` left out), then kept right by the triggers through
 * outcome edits and deletions and changes of an invitation's organizer,
 * status, reach and existence, each step also checked against the
 * aggregate over every outcome that the summary replaces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worthit/db.h"
#include "worthit/db_track.h"
#include "worthit/xmalloc.h"

#define DAY 86400
#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

struct fixture {
	char *path;
	struct db *db;
	sqlite3 *raw; /* a second connection writing as another process would */
};

static void exec(struct fixture *f, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(f->raw, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* id, kind, organizer, series, status, start, minutes long, reach,
 * travel, preparation */
static void add(struct fixture *f, int id, const char *kind, const char *org,
                const char *series, const char *status, int64_t start, int minutes,
                const char *reach, int travel, int prep)
{
	char *sql = xasprintf("INSERT INTO invitation (id, uid, title, kind, organizer, series, "
	                      "status, starts_at, ends_at, reach, travel_min, prep_min, "
	                      "created_at, updated_at) VALUES (%d, 'u%d', 't', '%s', %s%s%s, "
	                      "%s%s%s, '%s', %lld, %lld, '%s', %d, %d, 0, 0)",
	                      id, id, kind, org ? "'" : "", org ? org : "NULL", org ? "'" : "",
	                      series ? "'" : "", series ? series : "NULL", series ? "'" : "",
	                      status, (long long)start, (long long)(start + minutes * 60), reach,
	                      travel, prep);
	exec(f, sql);
	free(sql);
}

static void outcome(struct fixture *f, int id, int minutes, int leads, int deals, int revenue)
{
	char *sql = xasprintf("INSERT INTO outcome (invitation_id, actual_minutes, leads, deals, "
	                      "revenue_minor, logged_at) VALUES (%d, %d, %d, %d, %d, %d)",
	                      id, minutes, leads, deals, revenue, NOW);
	exec(f, sql);
	free(sql);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *dir = getenv("TMPDIR");
	f->path = xasprintf("%s/wt-track-%d.db", dir ? dir : "/tmp", (int)getpid());
	unlink(f->path);
	char *why = NULL;
	if (db_open(f->path, DB_OPEN_CREATE, &f->db, &why) != WIT_OK)
		fail_msg("db_open: %s", why);
	assert_int_equal(sqlite3_open(f->path, &f->raw), SQLITE_OK);
	exec(f, "PRAGMA foreign_keys = ON");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	sqlite3_close(f->raw);
	db_close(f->db);
	unlink(f->path);
	free(f->path);
	free(f);
	return 0;
}

static void check(const struct score_track *t, int events, double hours, int leads, int deals,
                  int64_t revenue)
{
	assert_int_equal(t->events, events);
	assert_true(fabs(t->hours - hours) < 1e-9);
	assert_int_equal(t->leads, leads);
	assert_int_equal(t->deals, deals);
	assert_int_equal(t->revenue_minor, revenue);
}

/* The aggregate over every outcome the summary replaces, for one
 * column = value (kind, organizer or series). */
static void reference(struct fixture *f, int64_t before, const char *column, const char *value,
                      struct score_track *t)
{
	char *sql = xasprintf(
		"SELECT count(*), coalesce(sum(CASE WHEN o.actual_minutes > 0 THEN o.actual_minutes "
		"ELSE (i.ends_at - i.starts_at) / 60 + CASE WHEN i.reach = 'virtual' THEN 0 ELSE "
		"2 * i.travel_min END + i.prep_min END), 0), coalesce(sum(o.leads), 0), "
		"coalesce(sum(o.deals), 0), coalesce(sum(o.revenue_minor), 0) FROM outcome o "
		"JOIN invitation i ON i.id = o.invitation_id WHERE i.starts_at < %lld AND "
		"i.status IN ('attended', 'accepted') AND i.%s = '%s'",
		(long long)before, column, value);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(f->raw, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	*t = (struct score_track){ sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1) / 60.0,
		                   sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
		                   sqlite3_column_int64(st, 4), 0 };
	sqlite3_finalize(st);
	free(sql);
}

/* db_track_load agrees with the reference for every key in play. */
static void agree(struct fixture *f, int64_t before)
{
	static const char *const kinds[] = { "meetup", "lunch" };
	static const char *const orgs[] = { "Bar", "Guild", "Chamber" };
	struct track_book b;
	assert_int_equal(db_track_load(f->db, before, &b, NULL), WIT_OK);
	struct invitation inv;
	invitation_init(&inv);
	struct score_track got[TRACK_LEVEL_COUNT], want;
	for (size_t k = 0; k < 2; k++)
		for (size_t o = 0; o < 3; o++) {
			inv.kind = (enum invite_kind)invite_kind_from_name(kinds[k]);
			inv.organizer = (char *)(uintptr_t)orgs[o];
			inv.series = (char *)(uintptr_t) "s1";
			db_track_lookup(&b, &inv, got);
			reference(f, before, "kind", kinds[k], &want);
			check(&got[TRACK_KIND], want.events, want.hours, want.leads, want.deals,
			      want.revenue_minor);
			reference(f, before, "organizer", orgs[o], &want);
			check(&got[TRACK_ORGANIZER], want.events, want.hours, want.leads, want.deals,
			      want.revenue_minor);
			reference(f, before, "series", "s1", &want);
			check(&got[TRACK_SERIES], want.events, want.hours, want.leads, want.deals,
			      want.revenue_minor);
		}
	db_track_done(&b);
}

static void lookup(struct fixture *f, int64_t before, const char *kind, const char *org,
                   const char *series, struct score_track out[TRACK_LEVEL_COUNT])
{
	struct track_book b;
	assert_int_equal(db_track_load(f->db, before, &b, NULL), WIT_OK);
	struct invitation inv;
	invitation_init(&inv);
	inv.kind = (enum invite_kind)invite_kind_from_name(kind);
	inv.organizer = (char *)(uintptr_t)org;
	inv.series = (char *)(uintptr_t)series;
	db_track_lookup(&b, &inv, out);
	db_track_done(&b);
}

static void test_sums_and_triggers(void **state)
{
	struct fixture *f = *state;
	struct score_track t[TRACK_LEVEL_COUNT];
	/* A: 90 min + 2 x 20 travel + 10 prep = 140 planned minutes */
	add(f, 1, "meetup", "Bar", NULL, "attended", NOW - 10 * DAY, 90, "local", 20, 10);
	outcome(f, 1, 0, 2, 1, 50000);
	/* B: 120 logged minutes */
	add(f, 2, "meetup", "Bar", "s1", "attended", NOW - 5 * DAY, 60, "local", 0, 0);
	outcome(f, 2, 120, 1, 0, 0);
	/* C: virtual, travel ignored: 60 minutes */
	add(f, 3, "lunch", "Chamber", NULL, "accepted", NOW - 2 * DAY, 60, "virtual", 30, 0);
	outcome(f, 3, 0, 0, 0, 0);
	/* D: declined, not counted; E: starts after now */
	add(f, 4, "meetup", "Bar", NULL, "declined", NOW - 3 * DAY, 60, "local", 0, 0);
	outcome(f, 4, 60, 5, 5, 5);
	add(f, 5, "meetup", "Bar", "s1", "accepted", NOW + 2 * DAY, 60, "local", 0, 0);
	outcome(f, 5, 30, 1, 0, 0);

	lookup(f, NOW, "meetup", "Bar", "s1", t);
	check(&t[TRACK_KIND], 2, 260 / 60.0, 3, 1, 50000);
	check(&t[TRACK_ORGANIZER], 2, 260 / 60.0, 3, 1, 50000);
	check(&t[TRACK_SERIES], 1, 2.0, 1, 0, 0);
	lookup(f, NOW, "lunch", "Chamber", NULL, t);
	check(&t[TRACK_KIND], 1, 1.0, 0, 0, 0);
	check(&t[TRACK_ORGANIZER], 1, 1.0, 0, 0, 0);
	check(&t[TRACK_SERIES], 0, 0, 0, 0, 0);
	/* three days on, E has started and counts */
	lookup(f, NOW + 3 * DAY, "meetup", "Bar", "s1", t);
	check(&t[TRACK_KIND], 3, 290 / 60.0, 4, 1, 50000);
	check(&t[TRACK_SERIES], 2, 2.5, 2, 0, 0);
	agree(f, NOW);
	agree(f, NOW + 3 * DAY);

	exec(f, "UPDATE outcome SET actual_minutes = 60 WHERE invitation_id = 2");
	lookup(f, NOW, "meetup", "Bar", "s1", t);
	check(&t[TRACK_KIND], 2, 200 / 60.0, 3, 1, 50000);
	agree(f, NOW);
	exec(f, "UPDATE invitation SET organizer = 'Guild' WHERE id = 1");
	lookup(f, NOW, "meetup", "Guild", NULL, t);
	check(&t[TRACK_ORGANIZER], 1, 140 / 60.0, 2, 1, 50000);
	check(&t[TRACK_KIND], 2, 200 / 60.0, 3, 1, 50000);
	agree(f, NOW);
	exec(f, "UPDATE invitation SET status = 'skipped' WHERE id = 1");
	lookup(f, NOW, "meetup", "Guild", NULL, t);
	check(&t[TRACK_ORGANIZER], 0, 0, 0, 0, 0);
	check(&t[TRACK_KIND], 1, 1.0, 1, 0, 0);
	agree(f, NOW);
	exec(f, "UPDATE invitation SET reach = 'local' WHERE id = 3"); /* 60 + 2 x 30 */
	lookup(f, NOW, "lunch", "Chamber", NULL, t);
	check(&t[TRACK_KIND], 1, 2.0, 0, 0, 0);
	agree(f, NOW);
	exec(f, "DELETE FROM outcome WHERE invitation_id = 2");
	exec(f, "DELETE FROM invitation WHERE id = 3");
	lookup(f, NOW, "lunch", "Chamber", "s1", t);
	check(&t[TRACK_KIND], 0, 0, 0, 0, 0);
	check(&t[TRACK_ORGANIZER], 0, 0, 0, 0, 0);
	agree(f, NOW);
	agree(f, NOW + 3 * DAY);
	/* nothing left behind with no events */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(f->raw, "SELECT count(*) FROM track_summary WHERE "
	                                    "events <= 0", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sums_and_triggers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
