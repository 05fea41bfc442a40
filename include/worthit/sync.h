/*
 * sync.h: reading what is new in the user's sources (config "sources":
 * vdirs, .ics files, feeds, Maildirs and mboxes) into the database.
 *
 * Calendars (a vdir, an .ics file): each file whose name, mtime or size
 * differs from what the last sync saw is parsed (ics.h) in a limited
 * child process before the transaction opens (sync_parse.h): a file
 * whose parser stops or crashes is reported by name, nothing of it is
 * written and it is read again next time; the user's
 * role in each event (vdir_event.h) makes it a pending invitation, an
 * invitation already answered (accepted, declined, maybe), or busy
 * time (db_busy.h). A source marked "busy" is busy time as a whole. An
 * event gone from its file, or a file gone from its vdir, cancels the
 * invitation (decisions and outcomes stay) and drops its busy time.
 *
 * Feeds: asked conditionally (feed.h) and parsed as the files are,
 * before the transaction opens, so no network wait or parser holds the
 * database; a 304 changes nothing; a failure (of the fetch or of the
 * parser) keeps the last good copy and is reported with the URL.
 *
 * Mail (Maildir, mbox, other files): handed to import_mail, the
 * caller's hook onto `worthit import` (so sync recognises exactly the
 * mail `import` does): the new and changed message files, or the
 * whole path on the first sync.
 *
 * Calendars and feeds are written in one transaction: a database error
 * rolls all of it back; a bad file or feed is reported and skipped.
 */
#ifndef WORTHIT_SYNC_H
#define WORTHIT_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/status.h"

struct sync_counts {
	long added, updated, cancelled, unchanged; /* invitations */
	long answered;      /* pending ones the calendar answered */
	long busy;          /* busy events read */
	long files_read;    /* files parsed (changed or new) */
	long files_same;    /* files skipped: unchanged since the last sync */
	long problems;      /* bad files, bad items, failed feeds and mail */
	long feeds_failed;
	char *feeds;        /* owned: "; feed URL: unchanged" per feed, or NULL */
};

/* Import mail paths (files or a directory) as `worthit import` does,
 * adding to *n. A failure (e.g. not a known format) is reported by the
 * hook on err; the paths are then read again next time. */
typedef enum wit_status (*sync_import_fn)(void *arg, char *const *paths, size_t n_paths,
                                          struct sync_counts *n, char **why);

/* The import hook of this process, for callers that cannot name the CLI
 * (the dashboard's ^L): cli_main registers `worthit import` itself
 * (cmd_sync.h) before anything runs. NULL until then. */
void sync_set_import_hook(sync_import_fn fn);
sync_import_fn sync_import_hook(void);

struct sync_opts {
	struct db *db;
	const struct wit_config *cfg; /* "me", keyword rules, window, feed limits */
	int64_t now;
	FILE *err;                    /* problems: "FILE:LINE: what", "URL: why" */
	bool is_forced;               /* read every file, changed or not */
	sync_import_fn import_mail;   /* NULL: mail sources are reported, skipped */
	void *import_arg;
};

/*
 * Sync sources[0..n) (paths with "~/" expanded). WIT_OK when every
 * write committed (bad files and failed feeds are counted in problems
 * and feeds_failed, and reported on o->err); another status when the
 * database failed (nothing of calendars and feeds is kept then).
 * *n is zeroed first; free it with sync_counts_done().
 */
enum wit_status sync_sources(const struct sync_opts *o, const struct source_conf *sources,
                             size_t n_sources, struct sync_counts *n, char **why);

void sync_counts_done(struct sync_counts *n);

/* "sync: 3 new, 1 updated, 1 cancelled, 2 busy; feed URL: unchanged".
 * Caller frees. */
char *sync_summary(const char *verb, const struct sync_counts *n);

/*
 * The user's decision on invitation id, written as their PARTSTAT into
 * its event file when that file lies in a vdir source with
 * "write_back": true (vdir_partstat.h). *written false (and WIT_OK)
 * when there is no such source or the status has no PARTSTAT
 * (attended, skipped, cancelled). pending writes NEEDS-ACTION (an undo).
 */
enum wit_status sync_write_back(struct db *db, const struct wit_config *cfg, int64_t id,
                                enum invite_status status, bool *written, char **why);

#endif
