/*
 * db_import.c: connection settings for bulk imports (db_import.h).
 * Only PRAGMAs of this connection: nothing here changes the file.
 */
#include "worthit/db_import.h"
#include "worthit/db_internal.h"

#include <stdio.h>

enum wit_status db_import_tune(struct db *db, char **why)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", DB_IMPORT_CACHE_KIB);
	int rc = sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? WIT_OK : db_fail(db, rc, "setting the import cache", why);
}
