/*
 * vdir.h: the directories sync reads: a vdir (vdirsyncer's storage,
 * which khal reads: one .ics file per event, collections as
 * subdirectories) and a Maildir (cur/ and new/), and telling what a
 * configured path is. Listing never opens a file: sync compares each
 * file's name, mtime and size with what it saw last (db_source.h).
 */
#ifndef WORTHIT_VDIR_H
#define WORTHIT_VDIR_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/status.h"

/* One file of a source: as listed now, or as the last sync saw it
 * (db_source.h). */
struct source_file_state {
	char *file;       /* owned */
	int64_t mtime_ns; /* st_mtim, nanoseconds */
	int64_t size;     /* bytes */
};

void vdir_files_free(struct source_file_state *v, size_t n);

enum source_kind {
	SOURCE_VDIR,    /* a directory of .ics files */
	SOURCE_ICS,     /* one iCalendar file */
	SOURCE_MAILDIR, /* a directory with cur/ and new/ */
	SOURCE_MBOX,    /* a file starting "From " */
	SOURCE_MAIL,    /* any other file: left to `worthit import` */
	SOURCE_FEED     /* a URL */
};

const char *source_kind_name(enum source_kind k);

/* What path is. WIT_NOINPUT "PATH: No such file or directory" when it
 * cannot be read. */
enum wit_status vdir_kind_of(const char *path, enum source_kind *kind, char **why);

/*
 * The files of a vdir (*.ics in dir and in its subdirectories, two
 * levels down; names starting with "." skipped, as vdirsyncer's
 * temporary files are) or of a Maildir (every file of cur/ and new/),
 * sorted by file name (strcmp), with mtime and size. Free with
 * vdir_files_free().
 */
enum wit_status vdir_list(const char *dir, enum source_kind kind,
                          struct source_file_state **out, size_t *n, char **why);

/* "~/x" as "$HOME/x", then the canonical absolute path when it exists
 * (so a file has one name in the database however the source was
 * written), without a trailing "/". Caller frees. */
char *vdir_expand_home(const char *path);

#endif
