/*
 * test_db.c: the database module against real SQLite files in a
 * temporary directory: creation modes, identity checks (foreign and
 * newer files refused byte-identical), migration of the version-1
 * fixture, upsert rules, listing filters, the decision journal and the
 * locked-database path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "worthit/db.h"
#include "worthit/db_decision.h"
#include "worthit/db_invite.h"
#include "worthit/xmalloc.h"

static char *tmp_path(const char *name)
{
	const char *dir = getenv("TMPDIR");
	char *p = xasprintf("%s/wt-db-%d-%s", dir ? dir : "/tmp", (int)getpid(), name);
	unlink(p);
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xmalloc(1 << 20);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static void sql_exec(const char *path, const char *sql)
{
	sqlite3 *s;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	char *err = NULL;
	int rc = sqlite3_exec(s, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fail_msg("sql: %s", err);
	sqlite3_close(s);
}

static int64_t sql_int(const char *path, const char *sql)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return v;
}

static void test_create_modes_and_identity(void **state)
{
	(void)state;
	char *dir = tmp_path("newdir");
	char *path = xasprintf("%s/sub/w.db", dir);
	struct db *db = NULL;
	char *why = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	db_close(db);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *sub = xasprintf("%s/sub", dir);
	assert_int_equal(stat(sub, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(sql_int(path, "PRAGMA application_id"), DB_APPLICATION_ID);
	assert_int_equal(sql_int(path, "PRAGMA user_version"), db_schema_version());
	assert_int_equal(sql_int(path, "SELECT count(*) FROM pragma_integrity_check "
	                               "WHERE integrity_check = 'ok'"), 1);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM pragma_journal_mode "
	                               "WHERE journal_mode = 'wal'"), 1);
	free(sub);
	free(path);
	free(dir);
}

static void test_existing_mode_needs_file(void **state)
{
	(void)state;
	char *path = tmp_path("missing.db");
	struct db *db = NULL;
	char *why = NULL;
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, &why), WIT_NOINPUT);
	assert_non_null(strstr(why, path));
	assert_int_equal(access(path, F_OK), -1);
	free(why);
	free(path);
}

static void assert_refused_untouched(const char *path, const char *expect_in_message)
{
	size_t len0, len1;
	char *before = slurp(path, &len0);
	struct db *db = NULL;
	char *why = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_IOERR);
	assert_null(db);
	assert_non_null(strstr(why, expect_in_message));
	char *after = slurp(path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);
	free(why);
}

static void test_foreign_and_newer_refused(void **state)
{
	(void)state;
	char *foreign = tmp_path("foreign.db");
	sql_exec(foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
	assert_refused_untouched(foreign, "another program");

	char *newer = tmp_path("newer.db");
	sql_exec(newer, "PRAGMA application_id = 2003399729; PRAGMA user_version = 999; "
	                "CREATE TABLE future (x);");
	assert_refused_untouched(newer, "newer worthit");

	char *text = tmp_path("text.db");
	FILE *f = fopen(text, "w");
	fputs("this is not a database, just notes\n", f);
	fclose(f);
	assert_refused_untouched(text, "not a worthit database");
	free(foreign);
	free(newer);
	free(text);
}

static void test_v1_fixture_migrates(void **state)
{
	(void)state;
	char *path = tmp_path("v1.db");
	size_t len;
	char *script_path = xasprintf("%s/tests/data/schema-v1.sql", getenv("WORTHIT_TOP"));
	char *script = slurp(script_path, &len);
	script[len] = '\0';
	sql_exec(path, script);
	struct db *db = NULL;
	char *why = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	struct invitation inv;
	invitation_init(&inv);
	assert_int_equal(db_invite_get(db, 1, &inv, &why), WIT_OK);
	assert_string_equal(inv.title, "Chamber breakfast");
	assert_int_equal(inv.status, STATUS_ACCEPTED);
	assert_int_equal(inv.ticket_minor, 2500);
	assert_int_equal(inv.n_shares, 1);
	assert_string_equal(inv.shares[0].value, "legal");
	invitation_done(&inv);
	db_close(db);
	assert_int_equal(sql_int(path, "PRAGMA user_version"), db_schema_version());
	assert_int_equal(sql_int(path, "SELECT count(*) FROM decision"), 1);
	free(script);
	free(script_path);
	free(path);
}

static void fill(struct invitation *inv, const char *uid, int64_t start)
{
	invitation_init(inv);
	inv->uid = xstrdup(uid);
	inv->recurrence_id = xstrdup("");
	inv->title = xstrdup("Legal-tech meetup");
	inv->organizer = xstrdup("Bar Association");
	inv->location = xstrdup("Downtown library");
	inv->kind = KIND_MEETUP;
	inv->starts_at = start;
	inv->ends_at = start + 7200;
	inv->expected_attendance = 40;
	invitation_add_share(inv, &(struct audience_share){DIM_INDUSTRY, "legal", 0.5, false});
}

static struct db *fresh(const char *name)
{
	char *path = tmp_path(name);
	struct db *db = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, NULL), WIT_OK);
	free(path);
	return db;
}

static void test_upsert_rules(void **state)
{
	(void)state;
	struct db *db = fresh("upsert.db");
	struct invitation inv;
	enum db_upsert_result r;
	int64_t id, id2;
	fill(&inv, "a@x", 1800000000);
	assert_int_equal(db_begin(db, NULL), WIT_OK);
	assert_int_equal(db_invite_upsert(db, &inv, 1, &r, &id, NULL), WIT_OK);
	assert_int_equal(r, DB_ADDED);
	assert_int_equal(db_invite_upsert(db, &inv, 2, &r, &id2, NULL), WIT_OK);
	assert_int_equal(r, DB_UNCHANGED);
	assert_int_equal(id, id2);
	/* the user's decision survives a content update */
	assert_int_equal(db_invite_set_status(db, id, STATUS_ACCEPTED, 3, NULL), WIT_OK);
	free(inv.title);
	inv.title = xstrdup("Legal-tech meetup (new room)");
	inv.sequence = 2;
	assert_int_equal(db_invite_upsert(db, &inv, 4, &r, &id2, NULL), WIT_OK);
	assert_int_equal(r, DB_UPDATED);
	inv.sequence = 1; /* older copy arrives late */
	assert_int_equal(db_invite_upsert(db, &inv, 5, &r, NULL, NULL), WIT_OK);
	assert_int_equal(r, DB_STALE);
	inv.sequence = 2;
	assert_int_equal(db_invite_cancel(db, &inv, 6, &r, NULL), WIT_OK);
	assert_int_equal(r, DB_CANCELLED);
	assert_int_equal(db_invite_cancel(db, &inv, 6, &r, NULL), WIT_OK);
	assert_int_equal(r, DB_UNCHANGED);
	assert_int_equal(db_commit(db, NULL), WIT_OK);
	struct invitation got;
	invitation_init(&got);
	assert_int_equal(db_invite_get(db, id, &got, NULL), WIT_OK);
	assert_string_equal(got.title, "Legal-tech meetup (new room)");
	assert_int_equal(got.status, STATUS_CANCELLED);
	invitation_done(&got);
	invitation_done(&inv);
	db_close(db);
}

static void test_list_filters(void **state)
{
	(void)state;
	struct db *db = fresh("list.db");
	const char *uids[] = {"u1", "u2", "u3", "u4"};
	assert_int_equal(db_begin(db, NULL), WIT_OK);
	for (int i = 0; i < 4; i++) {
		struct invitation inv;
		enum db_upsert_result r;
		fill(&inv, uids[i], 1800000000 + (int64_t)(3 - i) * 86400);
		if (i == 2) {
			free(inv.organizer);
			inv.organizer = xstrdup("Women in Business");
		}
		if (i == 3)
			inv.status = STATUS_DECLINED;
		assert_int_equal(db_invite_upsert(db, &inv, 1, &r, NULL, NULL), WIT_OK);
		invitation_done(&inv);
	}
	assert_int_equal(db_commit(db, NULL), WIT_OK);
	struct invitation_list l;
	invitation_list_init(&l);
	struct invite_filter f = {0};
	assert_int_equal(db_invite_list(db, &f, &l, NULL), WIT_OK);
	assert_int_equal(l.len, 3); /* declined hidden by default */
	assert_string_equal(l.items[0].uid, "u3"); /* earliest first */
	assert_true(l.items[0].starts_at < l.items[1].starts_at);
	assert_int_equal(l.items[0].n_shares, 1);
	invitation_list_done(&l);
	f.status_mask = STATUS_MASK_ALL;
	f.text = "women IN";
	assert_int_equal(db_invite_list(db, &f, &l, NULL), WIT_OK);
	assert_int_equal(l.len, 1);
	assert_string_equal(l.items[0].uid, "u3");
	invitation_list_done(&l);
	f.text = NULL;
	f.from = 1800000000 + 86400;
	f.to = 1800000000 + 3 * 86400;
	assert_int_equal(db_invite_list(db, &f, &l, NULL), WIT_OK);
	assert_int_equal(l.len, 2);
	invitation_list_done(&l);
	db_close(db);
}

static void test_decision_journal(void **state)
{
	(void)state;
	struct db *db = fresh("journal.db");
	int64_t a, b;
	struct invitation inv;
	enum db_upsert_result r;
	assert_int_equal(db_begin(db, NULL), WIT_OK);
	fill(&inv, "ja", 1800000000);
	assert_int_equal(db_invite_upsert(db, &inv, 1, &r, &a, NULL), WIT_OK);
	invitation_done(&inv);
	fill(&inv, "jb", 1800090000);
	assert_int_equal(db_invite_upsert(db, &inv, 1, &r, &b, NULL), WIT_OK);
	invitation_done(&inv);
	assert_int_equal(db_commit(db, NULL), WIT_OK);

	struct decision d;
	assert_int_equal(db_decision_record(db, a, STATUS_ACCEPTED, 72.5, "go", "{\"overlap\":30}",
	                                    10, &d, NULL), WIT_OK);
	assert_int_equal(d.old_status, STATUS_PENDING);
	assert_int_equal(db_decision_record(db, b, STATUS_DECLINED, 20, "skip", NULL, 11, NULL,
	                                    NULL), WIT_OK);
	assert_int_equal(db_decision_record(db, a, STATUS_MAYBE, 72.5, "go", NULL, 12, NULL, NULL),
	                 WIT_OK);
	/* undo twice: a back to accepted, then b back to pending */
	assert_int_equal(db_decision_undo(db, &d, NULL), WIT_OK);
	assert_int_equal(d.invitation_id, a);
	assert_int_equal(db_decision_undo(db, &d, NULL), WIT_OK);
	assert_int_equal(d.invitation_id, b);
	struct invitation got;
	invitation_init(&got);
	assert_int_equal(db_invite_get(db, a, &got, NULL), WIT_OK);
	assert_int_equal(got.status, STATUS_ACCEPTED);
	invitation_done(&got);
	assert_int_equal(db_invite_get(db, b, &got, NULL), WIT_OK);
	assert_int_equal(got.status, STATUS_PENDING);
	invitation_done(&got);
	/* redo re-applies in order: b declined */
	assert_int_equal(db_decision_redo(db, &d, NULL), WIT_OK);
	assert_int_equal(d.invitation_id, b);
	assert_int_equal(d.new_status, STATUS_DECLINED);
	/* a new decision drops the rest of the redo stack */
	assert_int_equal(db_decision_record(db, a, STATUS_DECLINED, 1, "skip", NULL, 13, NULL,
	                                    NULL), WIT_OK);
	char *why = NULL;
	assert_int_equal(db_decision_redo(db, &d, &why), WIT_NOTFOUND);
	assert_string_equal(why, "nothing to redo");
	free(why);
	/* unknown invitation: nothing recorded */
	why = NULL;
	assert_int_equal(db_decision_record(db, 999, STATUS_ACCEPTED, 1, NULL, NULL, 14, NULL, &why),
	                 WIT_NOTFOUND);
	free(why);
	db_close(db);
}

static void test_locked_database(void **state)
{
	(void)state;
	char *path = tmp_path("locked.db");
	struct db *db = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, NULL), WIT_OK);
	sqlite3 *other;
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	char *why = NULL;
	assert_int_equal(db_begin(db, &why), WIT_TEMPFAIL);
	assert_non_null(strstr(why, "locked"));
	assert_non_null(strstr(why, path));
	free(why);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	assert_int_equal(db_begin(db, NULL), WIT_OK);
	db_rollback(db);
	db_close(db);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_modes_and_identity),
		cmocka_unit_test(test_existing_mode_needs_file),
		cmocka_unit_test(test_foreign_and_newer_refused),
		cmocka_unit_test(test_v1_fixture_migrates),
		cmocka_unit_test(test_upsert_rules),
		cmocka_unit_test(test_list_filters),
		cmocka_unit_test(test_decision_journal),
		cmocka_unit_test(test_locked_database),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
