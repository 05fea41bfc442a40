/*
 * import_problems.h: the contract between parsers of outside input (iCalendar
 * via libical in ics.c, JSON in invite_json.c, CSV in invite_csv.c) and
 * whoever stores what they find. Parsers never touch the database:
 * they hand each invitation (one per occurrence) to a sink and collect
 * problems ("line N: what is wrong"); the caller commits everything in
 * one transaction or nothing.
 */
#ifndef WORTHIT_IMPORT_PROBLEMS_H
#define WORTHIT_IMPORT_PROBLEMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/model.h"
#include "worthit/status.h"

enum import_action {
	IMPORT_UPSERT, /* add, or update if (uid, recurrence_id) exists */
	IMPORT_CANCEL  /* METHOD:CANCEL or STATUS:CANCELLED */
};

struct import_options {
	int64_t from;  /* expand occurrences starting in [from, to) UTC */
	int64_t to;
	const char *source_name; /* file name for messages, "-" for stdin */
};

/* One bad item: where and why. */
struct import_problem {
	int line;      /* 1-based line in the source, 0 = whole file */
	char *message; /* owned */
	uint64_t pos;  /* the list's pos when it was added (import_problems_at) */
};

struct import_problems {
	struct import_problem *items;
	size_t len;
	size_t cap;
	/* Warnings: said once, but the item is still good (an unknown TZID
	 * read as local time). They never make an import fail. */
	struct import_problem *notes;
	size_t n_notes;
	size_t notes_cap;
	/* Where the parser is, in an order that the parts of one file parsed
	 * side by side share (sandbox.h): stamped on each problem and, in a
	 * sandboxed parser, on each invitation given from now on. 0 unless
	 * the parser sets it. */
	uint64_t pos;
};

void import_problems_init(struct import_problems *p);
void import_problems_done(struct import_problems *p);
/* Append "message" for line (printf format). */
void import_problems_add(struct import_problems *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* What the parser finds from now on comes from position pos of its
 * input (pos above). */
void import_problems_at(struct import_problems *p, uint64_t pos);
/* Append a warning (notes) for line, 0 = whole file. */
void import_problems_note(struct import_problems *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Receives each parsed invitation. The invitation is borrowed: valid
 * only during the call; copy what you keep. line is where its item
 * starts in the source. Return WIT_OK to go on, anything else aborts
 * the parse with that status.
 */
typedef enum wit_status (*import_sink_fn)(void *ctx, const struct invitation *inv,
                                          int line, enum import_action action);

#endif
