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

#include <stdio.h>

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
