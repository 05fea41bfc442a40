/*
 * db_import.c: connection settings for bulk imports (db_import.h).
 * Only PRAGMAs of this connection: nothing here changes the file.
 */
#include "worthit/db_import.h"
#include "worthit/db_internal.h"

#include <stdio.h>

enum wit_status db_import_tune(struct db *db, char **why)
{
	char sql[128];
	/* CHECK constraints: tested by db_invite_upsert() before each write
	 * (see check_row() there); SQLite's own evaluation of the IN lists
	 * builds a temporary index per statement execution */
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d; PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF",
	         DB_IMPORT_CACHE_KIB);
	int rc = sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? WIT_OK : db_fail(db, rc, "setting the import cache", why);
}

void db_import_untune(struct db *db)
{
	sqlite3_exec(db_sqlite(db), "PRAGMA ignore_check_constraints = OFF; "
	             "PRAGMA cache_size = -2000", NULL, NULL, NULL);
}
