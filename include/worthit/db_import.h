/*
 * db_import.h: storage settings for a bulk import (`worthit import`).
 * The rules of an import meeting stored rows stay in db_invite.h.
 */
#ifndef WORTHIT_DB_IMPORT_H
#define WORTHIT_DB_IMPORT_H

#include "worthit/db.h"
#include "worthit/status.h"

/* Page cache for this connection while importing, in KiB (SQLite's
 * default is 2 MiB). Large imports insert into the start-time indexes in
 * date order, not row order: with the default cache those index pages
 * are written out and read back over and over, and the time per event
 * grows with the size of the database. */
#define DB_IMPORT_CACHE_KIB 32768

/* Set the import page cache on db and leave CHECK constraints and
 * foreign keys to db_invite_upsert() (for this connection only); a
 * database this command created (db_is_new()) is also switched to
 * rollback mode and written directly, or stays in WAL mode when SQLite
 * does not switch (see db_import.c). Call before db_begin(). */
enum wit_status db_import_tune(struct db *db, char **why);
/* Back to the usual settings, after the import's commit or rollback,
 * whether or not db_import_tune() ran: the connection's PRAGMAs, and
 * WAL mode for the file. WIT_OK, or the file is left out of WAL mode
 * (WIT_TEMPFAIL when another program held it past the busy timeout,
 * else WIT_IOERR) and *why says so with its path: what was committed
 * stays committed, and the next db_open() switches the file back. */
enum wit_status db_import_untune(struct db *db, char **why);

#endif
