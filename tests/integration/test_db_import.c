/*
 * test_db_import.c: the bulk-import connection settings (db_import.c)
 * against real SQLite files: db_is_new() is true only for the open that
 * created the file; a new file is switched to rollback mode by
 * db_import_tune() and back to WAL by db_import_untune(); an existing
 * file, or a new one another connection holds, stays in WAL; a switch
 * back that fails is an error naming the file, and the next db_open()
 * switches the file; an open while a new file is filled says "locked"
 * after the busy timeout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "worthit/db.h"
#include "worthit/db_import.h"
#include "worthit/xmalloc.h"

static char *tmp_path(const char *name)
{
	const char *dir = getenv("TMPDIR");
	char *p = xasprintf("%s/wt-dbi-%d-%s", dir ? dir : "/tmp", (int)getpid(), name);
	unlink(p);
	return p;
}

static void remove_db(const char *path)
{
	char *side[] = {xasprintf("%s-wal", path), xasprintf("%s-shm", path),
	                xasprintf("%s-journal", path)};
	unlink(path);
	for (size_t i = 0; i < 3; i++) {
		unlink(side[i]);
		free(side[i]);
	}
}

/* The journal mode the file header gives a fresh connection. Caller frees. */
static char *file_mode(const char *path)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *mode = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(s);
	return mode;
}

static void assert_mode(const char *path, const char *want)
{
	char *mode = file_mode(path);
	assert_string_equal(mode, want);
	free(mode);
}

/* Another connection with a read transaction open on path. */
static sqlite3 *reader_open(const char *path)
{
	sqlite3 *s;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "BEGIN; SELECT count(*) FROM invitation", NULL, NULL,
	                              NULL), SQLITE_OK);
	return s;
}

static void test_is_new_only_for_the_creating_open(void **state)
{
	(void)state;
	char *path = tmp_path("new.db");
	struct db *db = NULL;
	char *why = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	assert_true(db_is_new(db));
	db_close(db);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	assert_false(db_is_new(db));
	db_close(db);
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, &why), WIT_OK);
	assert_false(db_is_new(db));
	db_close(db);
	remove_db(path);
	/* an empty file that was there already is not new */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	assert_false(db_is_new(db));
	db_close(db);
	remove_db(path);
	free(path);
}

static void test_new_file_direct_then_wal(void **state)
{
	(void)state;
	char *path = tmp_path("direct.db");
	struct db *db = NULL;
	char *why = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	assert_int_equal(db_import_tune(db, &why), WIT_OK);
	assert_mode(path, "delete");
	assert_int_equal(db_import_untune(db, &why), WIT_OK);
	assert_null(why);
	assert_mode(path, "wal");
	db_close(db);
	/* the same file again: no longer new, stays in WAL */
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	assert_int_equal(db_import_tune(db, &why), WIT_OK);
	assert_mode(path, "wal");
	assert_int_equal(db_import_untune(db, &why), WIT_OK);
	db_close(db);
	remove_db(path);
	free(path);
}

static void test_new_file_held_stays_wal(void **state)
{
	(void)state;
	char *path = tmp_path("held.db");
	struct db *db = NULL;
	char *why = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	sqlite3 *other = reader_open(path);
	assert_int_equal(db_import_tune(db, &why), WIT_OK); /* silently stays */
	assert_null(why);
	assert_int_equal(db_begin(db, &why), WIT_OK);
	assert_int_equal(db_commit(db, &why), WIT_OK);
	assert_int_equal(db_import_untune(db, &why), WIT_OK);
	sqlite3_close(other);
	assert_mode(path, "wal");
	db_close(db);
	remove_db(path);
	free(path);
}

static void test_untune_failure_said_then_healed(void **state)
{
	(void)state;
	char *path = tmp_path("stuck.db");
	struct db *db = NULL;
	char *why = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	assert_int_equal(db_import_tune(db, &why), WIT_OK);
	assert_mode(path, "delete");
	sqlite3 *other = reader_open(path); /* holds the file through the busy timeout */
	assert_int_equal(db_import_untune(db, &why), WIT_TEMPFAIL);
	assert_non_null(why);
	assert_non_null(strstr(why, path));
	assert_non_null(strstr(why, "left out of WAL mode"));
	free(why);
	why = NULL;
	sqlite3_close(other);
	db_close(db);
	assert_mode(path, "delete");
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, &why), WIT_OK);
	db_close(db);
	assert_mode(path, "wal");
	remove_db(path);
	free(path);
}

/* Another open while a new file is filled in rollback mode: it cannot
 * read past the import's lock nor switch the file back to WAL, and says
 * "locked" after the busy timeout (not after one per retry). */
static void test_open_during_direct_import_is_locked(void **state)
{
	(void)state;
	char *path = tmp_path("filling.db");
	struct db *db = NULL, *other = NULL;
	char *why = NULL;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, &why), WIT_OK);
	assert_int_equal(db_import_tune(db, &why), WIT_OK);
	assert_int_equal(db_begin(db, &why), WIT_OK);
	time_t t0 = time(NULL);
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, &other, &why), WIT_TEMPFAIL);
	assert_true(time(NULL) - t0 < 3 * DB_BUSY_TIMEOUT_MS / 1000);
	assert_non_null(strstr(why, path));
	assert_non_null(strstr(why, "locked"));
	free(why);
	why = NULL;
	db_rollback(db);
	assert_int_equal(db_import_untune(db, &why), WIT_OK);
	db_close(db);
	assert_mode(path, "wal");
	remove_db(path);
	free(path);
}

int main(void)
{
	db_use_xmalloc();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_new_only_for_the_creating_open),
		cmocka_unit_test(test_new_file_direct_then_wal),
		cmocka_unit_test(test_new_file_held_stays_wal),
		cmocka_unit_test(test_untune_failure_said_then_healed),
		cmocka_unit_test(test_open_during_direct_import_is_locked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
