/*
 * cmd_hist.h: what the history commands (outcome, review, skip, contact,
 * deal, report) share: strict parsing of option values with messages
 * that name the option and the value, contact lookup by id, e-mail or
 * name, and RFC 4180 CSV fields.
 */
#ifndef WORTHIT_CMD_HIST_H
#define WORTHIT_CMD_HIST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "worthit/cmd.h"
#include "worthit/status.h"

/* A whole number 0..max ("3"). WIT_DATA: "--leads: "x" is not ...". */
enum wit_status cmd_hist_count(const char *opt, const char *s, int max, int *out, char **why);
/* Hours 0..1000 with decimals ("2.5"). */
enum wit_status cmd_hist_hours(const char *opt, const char *s, double *out, char **why);
/* Money in major units of currency ("1200", "1200.50") to minor units. */
enum wit_status cmd_hist_money(const char *opt, const char *s, const char *currency,
                               int64_t *out, char **why);
/* A date or time as clock_parse_user_date() reads it. */
enum wit_status cmd_hist_date(const char *opt, const char *s, int64_t now, int64_t *out,
                              char **why);
/* A positive id ("12") of an invitation; WIT_DATA otherwise. opt may be
 * NULL (a positional argument). */
enum wit_status cmd_hist_invitation_id(const char *opt, const char *s, int64_t *out, char **why);

/* A contact by id ("7"), e-mail address or exact name (any case):
 * WIT_NOTFOUND naming the value, WIT_DATA when a name is ambiguous. */
enum wit_status cmd_hist_contact(struct cmd_ctx *ctx, const char *opt, const char *s,
                                 int64_t *id, char **why);

/* One CSV field (RFC 4180 2.6-2.7: quoted when it holds a comma, a
 * double quote, CR or LF; quotes doubled). NULL writes an empty field.
 * Unless is_raw, a field a spreadsheet would run as a formula gets an
 * apostrophe in front (invite_csv_needs_guard, docs/formats.md). */
void cmd_hist_csv_field(FILE *f, const char *s, bool is_raw);

/* Money as "1200.00" in the user's currency, into buf. Returns buf. */
char *cmd_hist_money_text(struct cmd_ctx *ctx, int64_t minor, char *buf, size_t len);

/* The user's currency: the config's, else "USD". Borrowed. */
const char *cmd_hist_currency(const struct cmd_ctx *ctx);

/* Print a failed status's message (and free it); returns the exit code. */
int cmd_hist_fail(struct cmd_ctx *ctx, enum wit_status st, char *why);

#endif
