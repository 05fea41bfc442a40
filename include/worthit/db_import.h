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
 * foreign keys to db_invite_upsert() (for this connection only; see
 * db_import.c). Call before db_begin(). */
enum wit_status db_import_tune(struct db *db, char **why);
/* Back to the usual settings, after the import's commit or rollback. */
void db_import_untune(struct db *db);

#endif
