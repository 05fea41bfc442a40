/*
 * db_source.c: the source_file and feed tables, and the invitation
 * changes a sync makes beyond db_invite_upsert (see db_source.h).
 */
#include "worthit/db_source.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

enum wit_status db_source_files(struct db *db, const char *source,
                                struct source_file_state **out, size_t *n, char **why)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_cached(db, "SELECT file, mtime_ns, size FROM source_file "
	                                  "WHERE source = ?1 ORDER BY file", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, source);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = (struct source_file_state){
			db_column_strdup(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		};
	}
	sqlite3_reset(st);
	/* ORDER BY uses SQLite's BINARY collation: memcmp order, as strcmp */
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "reading a source's files", why);
}

enum wit_status db_source_file_put(struct db *db, const char *source,
                                   const struct source_file_state *f, char **why)
{
	sqlite3_stmt *st = db_cached(db, "INSERT OR REPLACE INTO source_file (file, source, "
	                                  "mtime_ns, size) VALUES (?1, ?2, ?3, ?4)", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, f->file);
	db_bind_text(st, 2, source);
	sqlite3_bind_int64(st, 3, f->mtime_ns);
	sqlite3_bind_int64(st, 4, f->size);
	return db_step_done(db, st, "remembering a source file", why);
}

enum wit_status db_source_file_drop(struct db *db, const char *file, char **why)
{
	sqlite3_stmt *st = db_cached(db, "DELETE FROM source_file WHERE file = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, file);
	return db_step_done(db, st, "forgetting a source file", why);
}

enum wit_status db_source_forget(struct db *db, const char *source, char **why)
{
	sqlite3_stmt *st = db_cached(db, "DELETE FROM source_file WHERE source = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, source);
	return db_step_done(db, st, "forgetting a source", why);
}

enum wit_status db_source_dir_get(struct db *db, const char *dir, int64_t *mtime_ns,
                                  bool *found, char **why)
{
	*found = false;
	sqlite3_stmt *st = db_cached(db, "SELECT mtime_ns FROM source_dir WHERE dir = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, dir);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = true;
		*mtime_ns = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WIT_OK
	       : db_fail(db, rc, "reading a source directory", why);
}

enum wit_status db_source_dir_put(struct db *db, const char *dir, int64_t mtime_ns, char **why)
{
	sqlite3_stmt *st = db_cached(db, "INSERT OR REPLACE INTO source_dir (dir, mtime_ns) "
	                                  "VALUES (?1, ?2)", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, dir);
	sqlite3_bind_int64(st, 2, mtime_ns);
	return db_step_done(db, st, "remembering a source directory", why);
}

/* ---- feeds ---- */

void feed_state_done(struct feed_state *f)
{
	free(f->etag);
	free(f->last_modified);
	free(f->error);
	memset(f, 0, sizeof *f);
}

enum wit_status db_source_feed_get(struct db *db, const char *url, struct feed_state *out,
                                   bool *found, char **why)
{
	memset(out, 0, sizeof *out);
	*found = false;
	sqlite3_stmt *st = db_cached(db, "SELECT etag, last_modified, checked_at, ok_at, events, "
	                                  "error FROM feed WHERE url = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, url);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = true;
		out->etag = db_column_strdup(st, 0);
		out->last_modified = db_column_strdup(st, 1);
		out->checked_at = sqlite3_column_int64(st, 2);
		out->ok_at = sqlite3_column_int64(st, 3);
		out->events = (long)sqlite3_column_int64(st, 4);
		out->error = db_column_strdup(st, 5);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "reading a feed", why);
}

enum wit_status db_source_feed_put(struct db *db, const char *url, const struct feed_state *f,
                                   char **why)
{
	sqlite3_stmt *st = db_cached(db, "INSERT OR REPLACE INTO feed (url, etag, last_modified, "
	                                  "checked_at, ok_at, events, error) VALUES (?1, ?2, ?3, "
	                                  "?4, ?5, ?6, ?7)", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, url);
	db_bind_text(st, 2, f->etag);
	db_bind_text(st, 3, f->last_modified);
	sqlite3_bind_int64(st, 4, f->checked_at);
	sqlite3_bind_int64(st, 5, f->ok_at);
	sqlite3_bind_int64(st, 6, f->events);
	db_bind_text(st, 7, f->error);
	return db_step_done(db, st, "remembering a feed", why);
}

enum wit_status db_source_feed_drop(struct db *db, const char *url, char **why)
{
	sqlite3_stmt *st = db_cached(db, "DELETE FROM feed WHERE url = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, url);
	return db_step_done(db, st, "forgetting a feed", why);
}

/* ---- invitations ---- */

char *db_source_key(const char *uid, const char *recurrence_id)
{
	return xasprintf("%s\x1f%s", uid != NULL ? uid : "", recurrence_id != NULL ? recurrence_id : "");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum wit_status cancel_id(struct db *db, int64_t id, int64_t now, char **why)
{
	sqlite3_stmt *st = db_cached(db, "UPDATE invitation SET status = 'cancelled', "
	                                  "updated_at = ?2 WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	return db_step_done(db, st, "cancelling an invitation gone from its source", why);
}

enum wit_status db_source_cancel_missing(struct db *db, const char *file,
                                         char *const *keep, size_t n_keep, int64_t now,
                                         long *n_cancelled, char **why)
{
	*n_cancelled = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT id, uid, recurrence_id FROM invitation WHERE "
	                                  "source_file = ?1 AND status <> 'cancelled' AND "
	                                  "ends_at > ?2", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, file);
	sqlite3_bind_int64(st, 2, now);
	int64_t *gone = NULL;
	size_t n_gone = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *key = db_source_key((const char *)sqlite3_column_text(st, 1),
		                          (const char *)sqlite3_column_text(st, 2));
		if (n_keep == 0 || bsearch(&key, keep, n_keep, sizeof *keep, cmp_str) == NULL) {
			if (n_gone == cap) {
				cap = cap ? cap * 2 : 16;
				gone = xreallocarray(gone, cap, sizeof *gone);
			}
			gone[n_gone++] = sqlite3_column_int64(st, 0);
		}
		free(key);
	}
	sqlite3_finalize(st);
	enum wit_status r = rc == SQLITE_DONE ? WIT_OK
	                    : db_fail(db, rc, "reading the invitations of a source", why);
	for (size_t i = 0; i < n_gone && r == WIT_OK; i++)
		r = cancel_id(db, gone[i], now, why);
	if (r == WIT_OK)
		*n_cancelled = (long)n_gone;
	free(gone);
	return r;
}

enum wit_status db_source_set_answer(struct db *db, const char *uid, const char *recurrence_id,
                                     enum invite_status status, int64_t now, bool *changed,
                                     char **why)
{
	*changed = false;
	sqlite3_stmt *st = db_cached(db, "UPDATE invitation SET status = ?3, updated_at = ?4 "
	                                  "WHERE uid = ?1 AND recurrence_id = ?2 AND "
	                                  "status = 'pending'", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, uid);
	db_bind_text(st, 2, recurrence_id != NULL ? recurrence_id : "");
	db_bind_text(st, 3, invite_status_name(status));
	sqlite3_bind_int64(st, 4, now);
	enum wit_status r = db_step_done(db, st, "recording an answer from a calendar", why);
	if (r == WIT_OK)
		*changed = sqlite3_changes(db_sqlite(db)) > 0;
	return r;
}
