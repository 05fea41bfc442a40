/*
 * db_import.c: connection settings for bulk imports (db_import.h).
 * Only PRAGMAs of this connection: nothing here changes the file.
 *
 * During an import SQLite's own CHECK and foreign-key enforcement is
 * off, and the rules are kept by the writer instead:
 *   - CHECK: db_invite_upsert() tests every row against the schema's
 *     CHECK constraints first (check_row() in db_invite.c). SQLite 3.40
 *     evaluates each "x IN (list of more than two constants)" through a
 *     temporary index built on every execution of the statement: with
 *     the enum columns of invitation and audience_share that was a fifth
 *     of an import's time.
 *   - foreign keys: an import only writes audience_share rows for the
 *     invitation it has just inserted or found, and deletes no
 *     invitation, so the parent lookup per share row proves nothing.
 *   - synchronous = NORMAL: the commit does not wait for the WAL to
 *     reach the disk (the checkpoint that follows still syncs the
 *     database file). In WAL mode that can lose the last import on a
 *     power cut, never damage the file; the import is simply run again.
 * All are PRAGMAs that take effect outside a transaction: set before
 * db_begin(), restored after the commit or rollback.
 */
#include "worthit/db_import.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

enum wit_status db_import_tune(struct db *db, char **why)
{
	char sql[160];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d; PRAGMA ignore_check_constraints = ON; "
	         "PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL", DB_IMPORT_CACHE_KIB);
	int rc = sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? WIT_OK : db_fail(db, rc, "setting up the import", why);
}

void db_import_untune(struct db *db)
{
	sqlite3_exec(db_sqlite(db), "PRAGMA ignore_check_constraints = OFF; "
	             "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000; "
	             "PRAGMA synchronous = FULL", NULL, NULL, NULL);
}

/* ---- secondary indexes built once (db_import.h) ---- */

#define DB_SORT_CACHE_KIB_TEXT "2000" /* the page cache while they are built */

struct db_deferred_indexes {
	char **sql;   /* CREATE INDEX statements, as sqlite_master holds them */
	size_t n;
};

void db_import_forget_indexes(struct db_deferred_indexes *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->sql[i]);
	free(d->sql);
	free(d);
}

static enum wit_status is_table_empty(struct db *db, bool *is_empty, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT NOT EXISTS (SELECT 1 FROM invitation)", why);
	if (st == NULL)
		return WIT_IOERR;
	int rc = sqlite3_step(st);
	*is_empty = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WIT_OK : db_fail(db, rc, "reading the invitations", why);
}

/* The table's own indexes (not UNIQUE's, which has no SQL), into d. */
static enum wit_status read_indexes(struct db *db, struct db_deferred_indexes *d, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND "
	                                  "tbl_name = 'invitation' AND sql IS NOT NULL "
	                                  "ORDER BY name", why);
	if (st == NULL)
		return WIT_IOERR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->sql = xreallocarray(d->sql, d->n + 1, sizeof *d->sql);
		d->sql[d->n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "reading the schema", why);
}

static enum wit_status drop_indexes(struct db *db, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND "
	                                  "tbl_name = 'invitation' AND sql IS NOT NULL", why);
	if (st == NULL)
		return WIT_IOERR;
	size_t n = 0;
	char **names = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	enum wit_status res = rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "reading the schema", why);
	for (size_t i = 0; i < n; i++) {
		if (res == WIT_OK) {
			char *sql = sqlite3_mprintf("DROP INDEX \"%w\"", names[i]);
			int drc = sql != NULL ? sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL)
			                      : SQLITE_NOMEM;
			sqlite3_free(sql);
			if (drc != SQLITE_OK)
				res = db_fail(db, drc, "setting up the import", why);
		}
		free(names[i]);
	}
	free(names);
	return res;
}

enum wit_status db_import_defer_indexes(struct db *db, struct db_deferred_indexes **out,
                                        char **why)
{
	*out = NULL;
	bool is_empty = false;
	enum wit_status st = is_table_empty(db, &is_empty, why);
	if (st != WIT_OK || !is_empty)
		return st;
	struct db_deferred_indexes *d = xcalloc(1, sizeof *d);
	st = read_indexes(db, d, why);
	if (st == WIT_OK)
		st = drop_indexes(db, why);
	if (st != WIT_OK) {
		db_import_forget_indexes(d);
		return st;
	}
	*out = d;
	return WIT_OK;
}

enum wit_status db_import_restore_indexes(struct db *db, struct db_deferred_indexes *d,
                                          char **why)
{
	enum wit_status st = WIT_OK;
	/* SQLite's sorter may take as much memory as the page cache holds:
	 * with the import's it would be twice that */
	if (d != NULL && d->n > 0)
		sqlite3_exec(db_sqlite(db), "PRAGMA cache_size = -" DB_SORT_CACHE_KIB_TEXT "; PRAGMA mmap_size = 0", NULL, NULL,
		             NULL);
	for (size_t i = 0; d != NULL && i < d->n && st == WIT_OK; i++) {
		int rc = sqlite3_exec(db_sqlite(db), d->sql[i], NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			st = db_fail(db, rc, "building the invitation indexes", why);
	}
	db_import_forget_indexes(d);
	return st;
}
