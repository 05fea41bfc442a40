/*
 * db.h: the database handle. This module and the db_*.c files are the
 * only code that speaks SQL. A worthit database is an SQLite file marked
 * with PRAGMA application_id, versioned by PRAGMA user_version and
 * migrated in order, each migration in its own transaction. Files from
 * other programs or newer worthit versions are refused untouched.
 *
 * Writes go through db_begin() (BEGIN IMMEDIATE) / db_commit() or
 * db_rollback(); a database still locked after the busy timeout is
 * WIT_TEMPFAIL with a message, nothing half-written.
 */
#ifndef WORTHIT_DB_H
#define WORTHIT_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/status.h"

struct db;

#define DB_APPLICATION_ID 0x77697431 /* "wit1" */
#define DB_BUSY_TIMEOUT_MS 5000

enum db_open_mode {
	DB_OPEN_CREATE,  /* create file (0600) and directory (0700) if missing */
	DB_OPEN_EXISTING /* the file must exist already */
};

/*
 * Make SQLite allocate by xmalloc's rule: a failed allocation ends the
 * process with status 70 and a message (xmalloc.h) instead of surfacing
 * as SQLITE_NOMEM or as a NULL column. Call once at process start,
 * before any other SQLite call.
 */
void db_use_xmalloc(void);

/*
 * Open and migrate. *out is set only on WIT_OK. A worthit file found out
 * of WAL mode (a bulk import into a new file that crashed, db_import.h)
 * is put back into WAL, after the file is known to be ours; when another
 * program holds it that long, WIT_TEMPFAIL.
 */
enum wit_status db_open(const char *path, enum db_open_mode mode, struct db **out,
                        char **why);
/*
 * True when this db_open() created the file (DB_OPEN_CREATE found none
 * there): nothing of anyone's was in it before this process, so a bulk
 * import may write it without the WAL (db_import_tune()). False for a
 * file that was there already, even an empty one.
 */
bool db_is_new(const struct db *db);
void db_close(struct db *db);

/* The schema version this build writes (PRAGMA user_version). */
int db_schema_version(void);

/* BEGIN IMMEDIATE; WIT_TEMPFAIL when still locked after the timeout. */
enum wit_status db_begin(struct db *db, char **why);
enum wit_status db_commit(struct db *db, char **why);
void db_rollback(struct db *db);

/* PRAGMA data_version: changes when another connection commits. */
int64_t db_data_version(struct db *db);

/* Path the handle was opened with. Borrowed. */
const char *db_path(const struct db *db);

#endif
