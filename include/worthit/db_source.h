/*
 * db_source.h: what `worthit sync` remembers about its sources (tables
 * source_file and feed, migration 4), and the two changes a source
 * makes to invitations beyond an import: an answer given in the
 * calendar (PARTSTAT) and an event gone from its file or feed.
 * Writes happen inside the caller's transaction.
 */
#ifndef WORTHIT_DB_SOURCE_H
#define WORTHIT_DB_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/status.h"
#include "worthit/vdir.h"


/* Every file remembered for source, sorted by file (strcmp). Free with
 * vdir_files_free(). */
enum wit_status db_source_files(struct db *db, const char *source,
                                struct source_file_state **out, size_t *n, char **why);

enum wit_status db_source_file_put(struct db *db, const char *source,
                                   const struct source_file_state *f, char **why);
enum wit_status db_source_file_drop(struct db *db, const char *file, char **why);
/* Forget every file of source. */
enum wit_status db_source_forget(struct db *db, const char *source, char **why);

/* A directory's mtime (st_mtim, ns) when its files were last all read:
 * *found false when never. */
enum wit_status db_source_dir_get(struct db *db, const char *dir, int64_t *mtime_ns,
                                  bool *found, char **why);
enum wit_status db_source_dir_put(struct db *db, const char *dir, int64_t mtime_ns, char **why);

/* A feed's validators and health. Strings owned (NULL when none). */
struct feed_state {
	char *etag;
	char *last_modified;
	int64_t checked_at;  /* UTC seconds of the last request, 0 = never */
	int64_t ok_at;       /* of the last good answer (200 or 304), 0 = never */
	long events;         /* events read from its last good copy */
	char *error;         /* why the last request failed, NULL when it did not */
};

void feed_state_done(struct feed_state *f);

/* *found false (and *out zeroed) when the feed was never asked. */
enum wit_status db_source_feed_get(struct db *db, const char *url, struct feed_state *out,
                                   bool *found, char **why);
enum wit_status db_source_feed_put(struct db *db, const char *url, const struct feed_state *f,
                                   char **why);
enum wit_status db_source_feed_drop(struct db *db, const char *url, char **why);

/*
 * Cancel the invitations read from file (invitation.source_file) whose
 * "uid\x1frecurrence_id" key is not in keep[0..n_keep) (sorted by
 * strcmp) and that have not ended by now: the event is gone from the
 * file or feed. Decisions, outcomes and notes stay. *n_cancelled counts
 * them.
 */
enum wit_status db_source_cancel_missing(struct db *db, const char *file,
                                         char *const *keep, size_t n_keep, int64_t now,
                                         long *n_cancelled, char **why);

/* The key db_source_cancel_missing() compares. Caller frees. */
char *db_source_key(const char *uid, const char *recurrence_id);

/*
 * The user answered (uid, recurrence_id) in their calendar: set status
 * (accepted, declined or maybe) when the stored one is still pending.
 * *changed says whether it was.
 */
enum wit_status db_source_set_answer(struct db *db, const char *uid, const char *recurrence_id,
                                     enum invite_status status, int64_t now, bool *changed,
                                     char **why);

#endif
