/*
 * test_db_migrate.c: a version-1 database (tests/data/schema-v1.sql plus
 * the outcomes, contacts and deals a version-1 user could have written)
 * migrates to the current version with every row intact, the history
 * summaries of migration 2 backfilled to exactly what a plain GROUP BY
 * over the outcomes gives, the new tables empty and usable, and
 * PRAGMA integrity_check and foreign_key_check clean.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worthit/db.h"
#include "worthit/db_journal.h"
#include "worthit/db_outcome.h"
#include "worthit/db_referral.h"
#include "worthit/db_report.h"
#include "worthit/xmalloc.h"

/* v1-era rows: more invitations, outcomes (one with no organizer),
 * contacts with a referral and a deal. Times in March 2026 and before. */
static const char v1_rows[] =
	"INSERT INTO invitation (id, uid, title, organizer, kind, status, starts_at, ends_at, "
	"created_at, updated_at) VALUES "
	"(2, 'v1-meetup-a', 'Meetup A', 'Tech Guild', 'meetup', 'attended', 1767268800, "
	"1767276000, 1767000000, 1767000000), "
	"(3, 'v1-meetup-b', 'Meetup B', 'Tech Guild', 'meetup', 'attended', 1768478400, "
	"1768485600, 1767000000, 1767000000), "
	"(4, 'v1-conf', 'Conference', NULL, 'conference', 'attended', 1769860800, 1769947200, "
	"1767000000, 1767000000);\n"
	"INSERT INTO outcome (invitation_id, actual_minutes, contacts_met, leads, meetings, deals, "
	"revenue_minor, rating, notes, logged_at) VALUES "
	"(2, 150, 6, 1, 1, 0, 0, 3, 'ok', 1767300000), "
	"(3, 120, 4, 2, 1, 1, 450000, 5, NULL, 1768500000), "
	"(4, 600, 20, 3, 2, 0, 0, 0, 'long day', 1770000000);\n"
	"INSERT INTO contact (id, name, email, met_at, referred_by, is_client, created_at) VALUES "
	"(1, 'Nadia', 'nadia@example.org', 3, NULL, 1, 1768500000), "
	"(2, 'Omar', NULL, NULL, 1, 0, 1768600000);\n"
	"INSERT INTO deal (contact_id, amount_minor, currency, closed_at, note) VALUES "
	"(2, 300000, 'USD', 1770500000, 'site rebuild');\n";

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xmalloc(1 << 20);
	size_t len = fread(buf, 1, (1 << 20) - 1, f);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static void exec_sql(sqlite3 *s, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(s, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("sql: %s", err);
}

static int64_t one_int(sqlite3 *s, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Query a and query b give the same set of rows, and some. */
static void same_rows(sqlite3 *s, const char *a, const char *b)
{
	char *sql = xasprintf("SELECT count(*) FROM (SELECT * FROM (%s) EXCEPT SELECT * FROM (%s)) "
	                      "UNION ALL SELECT count(*) FROM (SELECT * FROM (%s) EXCEPT "
	                      "SELECT * FROM (%s)) UNION ALL "
	                      "SELECT count(*) FROM (%s)", a, b, b, a, a);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(st, 0), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(st, 0), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_true(sqlite3_column_int64(st, 0) > 0);
	sqlite3_finalize(st);
	free(sql);
}

#define MONTH "strftime('%Y-%m', i.starts_at, 'unixepoch', 'localtime')"
#define PLAIN(key) \
	"SELECT " MONTH ", " key ", count(*), sum(o.actual_minutes), sum(o.contacts_met), " \
	"sum(o.leads), sum(o.meetings), sum(o.deals), sum(o.revenue_minor), sum(o.rating > 0), " \
	"sum(o.rating) FROM outcome o JOIN invitation i ON i.id = o.invitation_id GROUP BY 1, 2"

static void test_v1_migrates_with_summaries(void **state)
{
	(void)state;
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/wt-migrate-%d.db", dir ? dir : "/tmp", (int)getpid());
	unlink(path);
	char *script_path = xasprintf("%s/tests/data/schema-v1.sql", getenv("WORTHIT_TOP"));
	char *script = slurp(script_path);
	sqlite3 *s;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	exec_sql(s, script);
	exec_sql(s, v1_rows);
	assert_int_equal(one_int(s, "PRAGMA user_version"), 1);
	sqlite3_close(s);

	struct db *db = NULL;
	char *why = NULL;
	if (db_open(path, DB_OPEN_CREATE, &db, &why) != WIT_OK)
		fail_msg("db_open: %s", why);
	/* the new code works on the migrated file */
	struct report_row *r;
	size_t n;
	assert_int_equal(db_report_aggregate(db, REPORT_BY_KIND, REPORT_OPEN_FROM, REPORT_OPEN_TO,
	                                     &r, &n, &why), WIT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].key, "meetup");
	assert_int_equal(r[0].events, 2);
	assert_int_equal(r[0].minutes, 270);
	assert_int_equal(r[0].revenue_minor, 450000);
	assert_string_equal(r[1].key, "conference");
	db_report_free_rows(r, n);
	struct attrib_report ar;
	assert_int_equal(db_report_attribution(db, ATTRIB_FIRST, REPORT_OPEN_FROM, REPORT_OPEN_TO,
	                                       &ar, &why), WIT_OK);
	assert_int_equal(ar.total_minor, 300000);
	assert_int_equal(ar.n_origins, 1);
	assert_int_equal(ar.origins[0].invitation_id, 3); /* Nadia met at Meetup B */
	db_report_attribution_done(&ar);
	assert_int_equal(db_referral_add(db, 2, 1, 1770600000, &why), WIT_OK); /* no-op */
	db_close(db);

	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(one_int(s, "PRAGMA user_version"), db_schema_version());
	/* data intact */
	assert_int_equal(one_int(s, "SELECT count(*) FROM invitation"), 4);
	assert_int_equal(one_int(s, "SELECT count(*) FROM outcome"), 3);
	assert_int_equal(one_int(s, "SELECT sum(revenue_minor) FROM outcome"), 450000);
	assert_int_equal(one_int(s, "SELECT score * 10 FROM decision WHERE invitation_id = 1"), 645);
	assert_int_equal(one_int(s, "SELECT referred_by FROM contact WHERE id = 2"), 1);
	assert_int_equal(one_int(s, "SELECT amount_minor FROM deal"), 300000);
	/* summaries backfilled to exactly the plain GROUP BY */
	same_rows(s, "SELECT * FROM history_by_kind", PLAIN("i.kind"));
	same_rows(s, "SELECT * FROM history_by_organizer", PLAIN("coalesce(i.organizer, '')"));
	assert_int_equal(one_int(s, "SELECT count(*) FROM history_by_organizer "
	                            "WHERE organizer = ''"), 1);
	assert_int_equal(one_int(s, "SELECT count(*) FROM outcome_edit"), 0);
	assert_int_equal(one_int(s, "SELECT count(*) FROM referral"), 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA foreign_key_check", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(s);
	unlink(path);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	free(wal);
	free(shm);
	free(script);
	free(script_path);
	free(path);
	free(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v1_migrates_with_summaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
