/*
 * import_store.h: the sink (import_problems.h) that `worthit import` hands every
 * parsed invitation to. It applies the keyword rules (classify.h), stores
 * through db_invite.h inside the caller's transaction, counts what
 * happened, and writes one line per item to an optional report stream
 * (text for --dry-run, JSON Lines for --json). It never opens or ends a
 * transaction: the command does, so the whole run is all-or-nothing.
 *
 * Repeats inside one run: the same (uid, recurrence_id) given twice in
 * the files of one command is stored once: a later copy with a higher
 * SEQUENCE replaces the earlier one, any other later copy is counted as
 * a duplicate and ignored (first one kept), so re-importing a file with
 * repeats still changes nothing.
 */
#ifndef WORTHIT_IMPORT_STORE_H
#define WORTHIT_IMPORT_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/import_problems.h"
#include "worthit/status.h"

struct import_counts {
	long added, updated, cancelled, unchanged;
	long skipped;   /* bad items (filled by the command) */
	long stale;     /* lower SEQUENCE than stored: ignored */
	long duplicate; /* repeated in this run without a higher SEQUENCE */
	long outside;   /* left out: outside the window (iCalendar) */
};

enum import_report { REPORT_NONE, REPORT_TEXT, REPORT_JSON };

struct import_store_opts {
	struct db *db;
	int64_t now;                       /* updated_at of written rows */
	const struct keyword_rule *rules;  /* applied to every item */
	size_t n_rules;
	enum import_report report;         /* what goes to report_out */
	FILE *report_out;                  /* one line per item, or NULL */
	FILE *notes;                       /* stale/duplicate notes ("FILE:LINE: ..."), or NULL */
	void (*tick)(void *arg);           /* called after each item, or NULL */
	void *tick_arg;
	const struct wit_config *cfg;      /* defaults (places, travel, prep, room
	                                      size) and "me" applied to every item,
	                                      origins recorded; NULL: none */
};

struct import_store;

struct import_store *import_store_new(const struct import_store_opts *o);
void import_store_free(struct import_store *s);

/*
 * The file the next items come from (borrowed: keep it alive while
 * items come). adds_cancelled: a cancelled item that is not stored yet
 * is added with status cancelled (JSON and CSV carry the status as data)
 * rather than ignored (an iTIP CANCEL for an event never received).
 */
void import_store_source(struct import_store *s, const char *name, bool adds_cancelled);

/* The import_sink_fn; ctx is the struct import_store. A database error
 * stops the parse: its message is then import_store_why(). */
enum wit_status import_store_sink(void *ctx, const struct invitation *inv, int line,
                                  enum import_action action);

/* Where the stale/duplicate notes go from now on (NULL: nowhere). */
void import_store_set_notes(struct import_store *s, FILE *notes);

/* The message of the error that stopped the sink, or NULL. Borrowed. */
const char *import_store_why(const struct import_store *s);

/* Counts so far (skipped and outside are the caller's to fill). */
struct import_counts *import_store_counts(struct import_store *s);

/* Seconds spent inside the database so far. */
double import_store_db_sec(const struct import_store *s);

#endif
