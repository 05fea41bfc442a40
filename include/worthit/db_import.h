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

/*
 * An import into an empty invitation table (a new database, the first
 * import of a calendar's history) builds the table's indexes over start
 * time (those whose SQL names starts_at: by start, by status and start)
 * once, sorted, at the end, rather than row by row: events come in date
 * order, not row order, so each row touched a random page of each, and
 * with the table's pages streaming through the page cache those were
 * written out and read back over and over (a 100,000-event import: 1.2 s
 * of its CPU time). The others are kept: UNIQUE (uid, recurrence_id),
 * which the import looks rows up by, and the source-file index, which
 * an import fills in row order (one file after another) at no such
 * cost, where building it would cost one more scan of the table.
 *
 * db_import_defer_indexes(), inside the import's transaction before its
 * first row: when the table is empty, drops those indexes and keeps
 * their SQL, as the schema has it, in *out; else *out is NULL. Nothing
 * may read the table by them until db_import_restore_indexes(), which
 * builds them again (before the commit: a rollback restores them by
 * itself) and frees *deferred; db_import_forget_indexes() frees it
 * after a rollback. NULL is allowed for both.
 */
struct db_deferred_indexes;
enum wit_status db_import_defer_indexes(struct db *db, struct db_deferred_indexes **out,
                                        char **why);
enum wit_status db_import_restore_indexes(struct db *db, struct db_deferred_indexes *deferred,
                                          char **why);
void db_import_forget_indexes(struct db_deferred_indexes *deferred);

#endif
