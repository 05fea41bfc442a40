/*
 * db_import.c: connection settings for bulk imports (db_import.h).
 * PRAGMAs of this connection, and for a database this very command
 * created, its journal mode.
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
 *
 * A new database (db_is_new(): this command created the file) is
 * written directly, in rollback mode (journal_mode = DELETE), not
 * through the WAL: in WAL mode every page is written twice, into the
 * -wal during the transaction and into the file by the checkpoint at
 * the commit (for 100,000 events, 380 MB twice, a commit of 1.1 s after
 * the parser ended). In rollback mode only the pages the file had
 * before (its schema) go to the -journal; the pages past its old end
 * are written once. With it:
 *   - mmap_size = 0, since mapped pages of the growing file count in
 *     the process's resident memory (75 MB instead of 63 for 100,000
 *     events);
 *   - synchronous = FULL, since in rollback mode NORMAL could leave a
 *     damaged file after a power cut;
 *   - another process opening the file while it is filled waits for the
 *     busy timeout and then fails with "database is locked" (exit 75)
 *     instead of reading: it finds the file out of WAL mode and cannot
 *     switch it back (db_open()), nor read past the import's lock. The
 *     file held nothing of the user's yet, so nothing readable is lost;
 *   - a crash in the middle leaves a hot -journal: the next open rolls
 *     it back (nothing of the import stays) and db_open() puts the file
 *     back into WAL mode.
 * When the switch does not happen (another connection has the file
 * open), the import stays in WAL mode, as for an existing database:
 * correct, only slower. An existing database is always imported in WAL
 * mode, so its readers go on reading the last commit throughout.
 *
 * All are PRAGMAs that take effect outside a transaction: set before
 * db_begin(), restored after the commit or rollback.
 */
#include "worthit/db_import.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* A new file: rollback mode, no memory map, full syncs. Stays in WAL
 * silently when SQLite does not switch. */
static void write_directly(struct db *db)
{
	bool is_wal = true;
	int rc = SQLITE_OK;
	if (!db_journal_mode(db, "PRAGMA journal_mode = DELETE", &is_wal, &rc) || is_wal)
		return;
	sqlite3_exec(db_sqlite(db), "PRAGMA mmap_size = 0; PRAGMA synchronous = FULL", NULL, NULL,
	             NULL);
}

enum wit_status db_import_tune(struct db *db, char **why)
{
	char sql[160];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d; PRAGMA ignore_check_constraints = ON; "
	         "PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL", DB_IMPORT_CACHE_KIB);
	int rc = sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, "setting up the import", why);
	if (db_is_new(db))
		write_directly(db);
	return WIT_OK;
}

enum wit_status db_import_untune(struct db *db, char **why)
{
	char sql[200];
	snprintf(sql, sizeof sql, "PRAGMA ignore_check_constraints = OFF; "
	         "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000; "
	         "PRAGMA synchronous = FULL; PRAGMA mmap_size = %lld", (long long)DB_MMAP_BYTES);
	sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL);
	bool is_wal = false;
	int rc = SQLITE_OK;
	if (db_journal_mode(db, "PRAGMA journal_mode", &is_wal, &rc) && is_wal)
		return WIT_OK;
	char *cause = NULL;
	enum wit_status st = db_set_wal(db, &cause);
	if (st != WIT_OK)
		wit_fail(why, st, "%s: the import is saved, but the database was left out of WAL mode "
		         "(%s); the next worthit command that opens it switches it back",
		         db_path(db), st == WIT_TEMPFAIL ? "another program held it" : cause);
	free(cause);
	return st;
}

/* ---- the start-time indexes built once (db_import.h) ---- */

#define DB_SORT_CACHE_KIB_TEXT "2000" /* the page cache while they are built */
#define DEFERRED_SQL_LIKE "sql LIKE '%starts_at%'" /* the indexes over start time */

struct db_deferred_indexes {
	char **name;  /* each index's name ... */
	char **sql;   /* ... and CREATE INDEX statement, as sqlite_master holds them */
	size_t n;
};

void db_import_forget_indexes(struct db_deferred_indexes *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->name[i]);
		free(d->sql[i]);
	}
	free(d->name);
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

/* The indexes to defer (db_import.h), their names and SQL, into d. */
static enum wit_status read_indexes(struct db *db, struct db_deferred_indexes *d, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT name, sql FROM sqlite_master WHERE type = "
	                                  "'index' AND tbl_name = 'invitation' AND "
	                                  DEFERRED_SQL_LIKE " ORDER BY name", why);
	if (st == NULL)
		return WIT_IOERR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->name = xreallocarray(d->name, d->n + 1, sizeof *d->name);
		d->sql = xreallocarray(d->sql, d->n + 1, sizeof *d->sql);
		d->name[d->n] = xstrdup((const char *)sqlite3_column_text(st, 0));
		d->sql[d->n++] = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "reading the schema", why);
}

static enum wit_status drop_indexes(struct db *db, const struct db_deferred_indexes *d,
                                    char **why)
{
	for (size_t i = 0; i < d->n; i++) {
		char *sql = sqlite3_mprintf("DROP INDEX \"%w\"", d->name[i]);
		int rc = sql != NULL ? sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return db_fail(db, rc, "setting up the import", why);
	}
	return WIT_OK;
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
		st = drop_indexes(db, d, why);
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
	/* SQLite's sorter may take as much memory as the page cache holds
	 * (with the import's, twice that), and pages it reads through a
	 * memory map count as resident too; db_import_untune() restores both */
	if (d != NULL && d->n > 0)
		sqlite3_exec(db_sqlite(db), "PRAGMA cache_size = -" DB_SORT_CACHE_KIB_TEXT "; "
		             "PRAGMA mmap_size = 0", NULL, NULL, NULL);
	for (size_t i = 0; d != NULL && i < d->n && st == WIT_OK; i++) {
		int rc = sqlite3_exec(db_sqlite(db), d->sql[i], NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			st = db_fail(db, rc, "building the invitation indexes", why);
	}
	db_import_forget_indexes(d);
	return st;
}
