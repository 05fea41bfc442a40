/*
 * invite_json.h: invitations as JSON (RFC 8259), the format documented
 * in docs/formats.md ("## JSON"). Reads three shapes of text: an array
 * of invitation objects, an object {"invitations": [...]}, or JSON Lines
 * (one object per line). Writes one object per invitation on one line,
 * which is what `list --json`, `show --json` and `export --format json`
 * print; what the writer prints parses back to the same invitation.
 *
 * Pure core (cJSON only): no files, no clock, no database. Each valid
 * object goes to an import_sink_fn (import_problems.h); each invalid one is
 * reported as "field: what is wrong" on the line where the object
 * starts, and is not handed to the sink.
 */
#ifndef WORTHIT_INVITE_JSON_H
#define WORTHIT_INVITE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/import_problems.h"
#include "worthit/model.h"
#include "worthit/status.h"

/* Limits that keep hostile input bounded (each breach is a problem). */
#define INVITE_JSON_TEXT_MAX 65536       /* bytes of a text field */
#define INVITE_JSON_DESCRIPTION_MAX 1048576 /* bytes of "description" */
#define INVITE_JSON_ATTENDEES_MAX 10000  /* entries of "attendees" */
#define INVITE_JSON_ADDRESS_MAX 512      /* bytes of one attendee */

/*
 * Parse text[0..len) (need not be NUL-terminated). opt may be NULL; when
 * given, opt->from / opt->to (0 = no bound) keep only invitations whose
 * start lies in [from, to): the others are left out silently. Each
 * valid invitation goes to sink with IMPORT_UPSERT, or IMPORT_CANCEL
 * when its status is "cancelled". Bad objects and syntax errors are
 * appended to problems (a syntax error ends the parse there).
 *
 * Returns WIT_OK when nothing was wrong, WIT_DATA when problems were
 * added (valid objects were still handed over: the caller decides
 * between all-or-nothing and skipping), or the sink's own status when
 * it stopped the parse.
 */
enum wit_status invite_json_parse(const char *text, size_t len, const struct import_options *opt,
                                  import_sink_fn sink, void *ctx,
                                  struct import_problems *problems);

/*
 * One invitation as a JSON object on one line, no trailing newline.
 * Caller frees.
 */
char *invite_json_object(const struct invitation *inv);

/* Decimal digits of a currency's minor unit (ISO 4217): 2 for most,
 * 0 for JPY, KRW..., 3 for BHD, KWD... "" counts as 2. */
int invite_json_currency_exponent(const char *currency);

/*
 * Money in major units ("25.00", or a JSON number 25) to minor units of
 * currency. Returns false for negative, non-finite, too precise (more
 * decimals than the currency has) or too large amounts.
 */
bool invite_json_money_from_text(const char *s, const char *currency, int64_t *minor);
bool invite_json_money_from_double(double v, const char *currency, int64_t *minor);
/* Minor units as a decimal in major units ("25.00") into buf. Returns buf. */
char *invite_json_money_format(int64_t minor, const char *currency, char *buf, size_t len);

#endif
