/*
 * db_internal.h: for the db_*.c storage modules only. Gives them the
 * SQLite handle and shared statement helpers; no other layer includes
 * this file (nothing else writes SQL).
 */
#ifndef WORTHIT_DB_INTERNAL_H
#define WORTHIT_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/status.h"

/* mmap_size of every connection (db.c configure()), bytes: memory-mapped
 * reads, fewer system calls when loading large lists. */
#define DB_MMAP_BYTES 268435456

/* The connection. Borrowed: valid until db_close(). */
sqlite3 *db_sqlite(struct db *db);

/* True while a db_begin() transaction is open on this handle. */
bool db_in_transaction(struct db *db);

/*
 * Map an SQLite result code to a status with a message naming the
 * database file and what was being done: SQLITE_BUSY/LOCKED become
 * WIT_TEMPFAIL, SQLITE_CONSTRAINT WIT_DATA, the rest WIT_IOERR.
 */
enum wit_status db_fail(struct db *db, int rc, const char *doing, char **why);

/*
 * Run sql, "PRAGMA journal_mode" or "PRAGMA journal_mode = MODE", and set
 * *is_wal from the mode SQLite answers (the mode the file is in after
 * it). False, with SQLite's code in *rc, when the statement failed
 * (SQLITE_BUSY when another connection holds the file).
 */
bool db_journal_mode(struct db *db, const char *sql, bool *is_wal, int *rc);

/*
 * PRAGMA journal_mode = WAL, retried while other connections hold the
 * file, up to the busy timeout. WIT_OK only when SQLite answers "wal";
 * else WIT_TEMPFAIL (still locked) or WIT_IOERR, the message naming the
 * file. Outside a transaction only.
 */
enum wit_status db_set_wal(struct db *db, char **why);

/* Prepare sql; on failure fill *why and return NULL. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, char **why);

/*
 * A statement prepared once per handle and reused: sql must be a string
 * literal (its address is the key). Returned reset with no bindings.
 * The handle owns it: sqlite3_reset() it when done, never finalize it.
 */
sqlite3_stmt *db_cached(struct db *db, const char *sql, char **why);
/* Step a cached statement that returns no rows, then reset it. */
enum wit_status db_step_done(struct db *db, sqlite3_stmt *st, const char *doing, char **why);

/* Step a prepared (not cached) UPDATE or DELETE once and finalize it:
 * WIT_OK when it changed a row, WIT_NOTFOUND with *why untouched when it
 * changed none (the caller says what was missing), else db_fail(doing). */
enum wit_status db_step_changed(struct db *db, sqlite3_stmt *st, const char *doing, char **why);

/* Bind helpers: NULL text binds SQL NULL. */
void db_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* db_bind_text() without SQLite's copy, for the rows of a bulk import:
 * s must stay valid until the statement's step is done (db_step_done:
 * db_cached() clears the bindings before the next use). */
void db_bind_text_borrowed(sqlite3_stmt *st, int idx, const char *s);
/* Column text duplicated (NULL for SQL NULL). Caller frees. */
char *db_column_strdup(sqlite3_stmt *st, int col);

/*
 * Run fn inside a transaction: if the caller already has one open, just
 * call fn; otherwise BEGIN IMMEDIATE, fn, COMMIT (ROLLBACK on failure).
 */
enum wit_status db_with_transaction(struct db *db,
                                    enum wit_status (*fn)(struct db *db, void *arg, char **why),
                                    void *arg, char **why);

#endif
