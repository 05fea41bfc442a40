/*
 * db_busy.c: the busy table (see db_busy.h; migration 4 of
 * db_schema.c). Rows are written inside the caller's transaction (a
 * sync or an import); scans read only.
 */
#include "worthit/db_busy.h"
#include "worthit/db_internal.h"

#include "worthit/timeutil.h"

#include <stddef.h>

/* Busy events starting this long before a range are still looked at. */
#define BUSY_LONGEST_SEC (31 * (int64_t)DAY_SEC)

enum wit_status db_busy_clear(struct db *db, const char *source, long *n_removed, char **why)
{
	sqlite3_stmt *st = db_cached(db, "DELETE FROM busy WHERE source = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, source);
	enum wit_status r = db_step_done(db, st, "clearing busy time", why);
	if (r == WIT_OK && n_removed != NULL)
		*n_removed = sqlite3_changes(db_sqlite(db));
	return r;
}

enum wit_status db_busy_add(struct db *db, const char *source, const struct invitation *inv,
                            char **why)
{
	sqlite3_stmt *st = db_cached(db,
		"INSERT INTO busy (source, uid, recurrence_id, title, starts_at, ends_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, source);
	db_bind_text(st, 2, inv->uid != NULL ? inv->uid : "");
	db_bind_text(st, 3, inv->recurrence_id != NULL ? inv->recurrence_id : "");
	db_bind_text(st, 4, inv->title != NULL ? inv->title : "");
	sqlite3_bind_int64(st, 5, inv->starts_at);
	sqlite3_bind_int64(st, 6, inv->ends_at >= inv->starts_at ? inv->ends_at : inv->starts_at);
	return db_step_done(db, st, "storing busy time", why);
}

enum wit_status db_busy_scan(struct db *db, int64_t from, int64_t to,
                             void (*fn)(const struct busy_event *e, void *arg), void *arg,
                             char **why)
{
	/* busy events are calendar entries, rarely longer than a few days:
	 * the start bound (BUSY_LONGEST_SEC before from) keeps the index useful */
	sqlite3_stmt *st = db_cached(db,
		"SELECT id, title, starts_at, ends_at FROM busy WHERE starts_at < ?2 "
		"AND starts_at >= ?3 AND ends_at > ?1 ORDER BY starts_at, id", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_int64(st, 3, from - BUSY_LONGEST_SEC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct busy_event e = {
			.id = sqlite3_column_int64(st, 0),
			.title = (const char *)sqlite3_column_text(st, 1),
			.starts_at = sqlite3_column_int64(st, 2),
			.ends_at = sqlite3_column_int64(st, 3),
		};
		fn(&e, arg);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "reading busy time", why);
}

enum wit_status db_busy_count(struct db *db, long *n, char **why)
{
	sqlite3_stmt *st = db_cached(db, "SELECT count(*) FROM busy", why);
	if (st == NULL)
		return WIT_IOERR;
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? WIT_OK : db_fail(db, rc, "counting busy time", why);
}
