/*
 * sync_parse.h: the calendar texts of one sync (changed vdir files,
 * .ics files, feed answers) parsed before its transaction opens, in the
 * sandbox (sandbox.h): a fault or a runaway in libical costs one text,
 * reported by name, never the sync or the database lock. Texts are
 * parsed in batches, one child process per batch, so that a first sync
 * of thousands of files does not pay a process per file; a batch
 * starts once its texts reach SYNC_PARSE_BATCH_BYTES (memory stays
 * bounded) or when sync_parse_run() is called. What each text gave is
 * kept (invitations in an unnamed temporary file) until the caller
 * replays it inside its transaction.
 */
#ifndef WORTHIT_SYNC_PARSE_H
#define WORTHIT_SYNC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/import_problems.h"
#include "worthit/status.h"

#define SYNC_PARSE_BATCH_BYTES (32u << 20) /* bytes of text queued before a batch runs */

struct sync_parse;

/* Occurrences in [from, to) (UTC seconds) are kept; the limits of each
 * text's parser come from sandbox_limits_from_env(), with more CPU time
 * for a large text (sandbox_cpu_for()). Caller frees with
 * sync_parse_free(). */
struct sync_parse *sync_parse_new(int64_t from, int64_t to);
void sync_parse_free(struct sync_parse *p);

/*
 * Queue text[0..len) as the calendar `name` (copied); returns its
 * index. is_owned: the text is taken (freed once parsed), else it must
 * stay valid until parsed. May parse what is queued.
 */
size_t sync_parse_add(struct sync_parse *p, const char *name, char *text, size_t len,
                      bool is_owned);

/* Parse every text queued and not yet parsed. */
void sync_parse_run(struct sync_parse *p);

/*
 * Text i, once parsed: WIT_OK, or the status of a text unusable as a
 * whole (not iCalendar, too broken, the parser stopped or crashed:
 * WIT_DATA; the parser could not be started: another status), with
 * *why saying so (borrowed, may be NULL). *problems: its bad items
 * (borrowed). Valid until sync_parse_free().
 */
enum wit_status sync_parse_result(const struct sync_parse *p, size_t i, const char **why,
                                  const struct import_problems **problems);

/* Give text i's invitations to sink, in order (its parser's status
 * aside). The first non-OK status of the sink, or WIT_IOERR (*why). */
enum wit_status sync_parse_replay(struct sync_parse *p, size_t i, import_sink_fn sink,
                                  void *sink_ctx, char **why);

#endif
