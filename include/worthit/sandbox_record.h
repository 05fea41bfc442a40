/*
 * sandbox_record.h: the byte format in which a sandboxed parser
 * (sandbox.h) hands its results to the parent: invitations, problems
 * one final record and, for a batch of items (sandbox_parse_batch), a
 * record closing each item (the invitations and problems before it are
 * that item's), each framed as
 *
 *     u8 type | u32 payload length | payload
 *
 * in host byte order (both ends are the same binary). Strings are
 * u32 length (0xFFFFFFFF = NULL) + bytes, no NUL. The parent trusts
 * nothing it reads: every decoder checks bounds, enum ranges, string
 * sizes and share values, and says WIT_DATA on anything malformed, so a
 * confused child can at worst make the import fail.
 */
#ifndef WORTHIT_SANDBOX_RECORD_H
#define WORTHIT_SANDBOX_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/import_problems.h"
#include "worthit/model.h"
#include "worthit/status.h"

enum sandbox_record_type {
	RECORD_INVITATION = 'I', /* one struct invitation + line + action */
	RECORD_PROBLEM = 'P',    /* one struct import_problem */
	RECORD_NOTE = 'N',       /* one warning (import_problems_note), same payload */
	RECORD_ITEM_END = 'F',   /* one item of a batch done: its status, message */
	RECORD_AT = 'A',         /* u64: what follows comes from this position of
	                            the input (import_problems_at; parts) */
	RECORD_END = 'E'         /* the parser's status, message, stats */
};

#define SANDBOX_RECORD_HEADER 5u             /* type + length */
#define SANDBOX_RECORD_MAX (64u << 20)       /* bytes of one payload */

/* A growable byte buffer. */
struct sandbox_buf {
	unsigned char *bytes; /* owned */
	size_t len, cap;
};

void sandbox_buf_done(struct sandbox_buf *b);

/* Append one framed record to b. */
void sandbox_record_put_invitation(struct sandbox_buf *b, const struct invitation *inv,
                                   int line, enum import_action action);
void sandbox_record_put_at(struct sandbox_buf *b, uint64_t pos);
/* type: RECORD_PROBLEM or RECORD_NOTE */
void sandbox_record_put_problem(struct sandbox_buf *b, enum sandbox_record_type type, int line,
                                const char *message);
void sandbox_record_put_end(struct sandbox_buf *b, enum wit_status st, const char *why,
                            const void *stats, size_t stats_size);
/* The end of one item of a batch: RECORD_END's payload without stats,
 * decoded by sandbox_record_get_end() (stats NULL, stats_size 0). */
void sandbox_record_put_item_end(struct sandbox_buf *b, enum wit_status st, const char *why);

/*
 * Decode one payload (without its header). inv must be initialised
 * (invitation_init) and is filled; on WIT_DATA it may hold part of the
 * record: invitation_done() it either way. *message and *why are
 * caller-freed (NULL allowed for why: none given).
 */
enum wit_status sandbox_record_get_invitation(const unsigned char *p, size_t n,
                                              struct invitation *inv, int *line,
                                              enum import_action *action);
enum wit_status sandbox_record_get_problem(const unsigned char *p, size_t n, int *line,
                                           char **message);
enum wit_status sandbox_record_get_at(const unsigned char *p, size_t n, uint64_t *pos);
/* stats (stats_size bytes) is filled only when the child sent that size. */
enum wit_status sandbox_record_get_end(const unsigned char *p, size_t n, enum wit_status *st,
                                       char **why, void *stats, size_t stats_size);

#endif
