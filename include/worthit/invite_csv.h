/*
 * invite_csv.h: invitations as CSV (RFC 4180), the format documented in
 * docs/formats.md ("## CSV"): a header row naming the columns (the
 * member names of the JSON format, in any order, any subset holding
 * title and starts_at), then one invitation per record. Fields may be
 * quoted ("...", with "" for a quote) and then hold commas, quotes and
 * line breaks; records end in CRLF or LF.
 *
 * Pure core: no files, no clock, no database. Each record becomes the
 * JSON object the JSON reader validates (invite_json_item.h), so both
 * formats accept exactly the same values and word problems alike:
 * "line N: column: what is wrong", N being where the record starts.
 */
#ifndef WORTHIT_INVITE_CSV_H
#define WORTHIT_INVITE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "worthit/import_problems.h"
#include "worthit/model.h"
#include "worthit/status.h"

#define INVITE_CSV_FIELD_MAX (1u << 20) /* bytes of one field */
#define INVITE_CSV_COLUMNS_MAX 64       /* columns of the header */

/*
 * Parse text[0..len). opt may be NULL; when given, opt->from / opt->to
 * (0 = no bound) keep only invitations starting in [from, to), the
 * others left out silently. Valid records go to sink (IMPORT_CANCEL when
 * status is cancelled); bad ones are added to problems and left out. A
 * bad header or an unterminated quoted field ends the parse.
 * Returns WIT_OK when nothing was wrong, WIT_DATA when problems were
 * added, or the sink's status when it stopped the parse.
 */
enum wit_status invite_csv_parse(const char *text, size_t len, const struct import_options *opt,
                                 import_sink_fn sink, void *ctx,
                                 struct import_problems *problems);

/* The header row every export writes, CRLF-terminated. Borrowed. */
const char *invite_csv_header(void);

/* One invitation as one CSV record matching invite_csv_header(),
 * CRLF-terminated. Unless is_raw, a field a spreadsheet would run as a
 * formula gets an apostrophe in front (invite_csv_needs_guard), which
 * invite_csv_parse() drops again. Caller frees. */
char *invite_csv_row(const struct invitation *inv, bool is_raw);

/*
 * Would a spreadsheet take this field for a formula? True when it
 * starts with = + - @ tab or CR (a plain number such as -12.5 excepted),
 * also after any apostrophes ('=x): the writer puts one apostrophe in
 * front of such a field, the reader drops one exactly when what follows
 * it would have been guarded, so every text reads back as written.
 */
bool invite_csv_needs_guard(const char *s);

#endif
