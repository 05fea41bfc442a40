/*
 * db_busy.h: the user's busy time: events of their own calendars (an
 * event they organize, or one without attendees, in a vdir, an .ics
 * source or a feed marked "busy") that are never invitations but block
 * time. Each row remembers the file or feed URL it was read from; when
 * that is read again its rows are replaced as a whole.
 */
#ifndef WORTHIT_DB_BUSY_H
#define WORTHIT_DB_BUSY_H

#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/status.h"

/* Remove every busy row read from source (a file path or feed URL);
 * *n_removed (may be NULL) says how many. */
enum wit_status db_busy_clear(struct db *db, const char *source, long *n_removed, char **why);

/* Store one occurrence (uid, recurrence_id, title, start, end) of inv as
 * busy time read from source. */
enum wit_status db_busy_add(struct db *db, const char *source, const struct invitation *inv,
                            char **why);

/* One busy event; title borrowed for the callback's duration. */
struct busy_event {
	int64_t id;
	const char *title;
	int64_t starts_at, ends_at; /* UTC seconds */
};

/* Call fn for each busy event overlapping [from, to), by start. */
enum wit_status db_busy_scan(struct db *db, int64_t from, int64_t to,
                             void (*fn)(const struct busy_event *e, void *arg), void *arg,
                             char **why);

/* Busy rows in all (for `sync --list`). */
enum wit_status db_busy_count(struct db *db, long *n, char **why);

#endif
