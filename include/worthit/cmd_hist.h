/*
 * cmd_hist.h: what the history commands (outcome, review, skip, contact,
 * deal, report) share: strict parsing of dates with messages that name
 * the option and the value, money in the user's currency, and RFC 4180
 * CSV fields. Outcome values are outcome_rules.h's; contacts are found
 * by app_contact_lookup.h.
 */
#ifndef WORTHIT_CMD_HIST_H
#define WORTHIT_CMD_HIST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "worthit/cmd.h"
#include "worthit/status.h"

/* A date or time as clock_parse_when() reads it: its start, or for
 * opt "--to" its end (a date named is included). Any bad value is WIT_DATA
 * (as every value of the history commands), the message prefixed with
 * opt. */
enum wit_status cmd_hist_date(const char *opt, const char *s, int64_t now, int64_t *out,
                              char **why);
/* One CSV field (RFC 4180 2.6-2.7: quoted when it holds a comma, a
 * double quote, CR or LF; quotes doubled). NULL writes an empty field.
 * Unless is_raw, a field a spreadsheet would run as a formula gets an
 * apostrophe in front (invite_csv_needs_guard, docs/formats.md). */
void cmd_hist_csv_field(FILE *f, const char *s, bool is_raw);

/* Money as "1200.00" in the user's currency, into buf. Returns buf. */
char *cmd_hist_money_text(struct app_ctx *ctx, int64_t minor, char *buf, size_t len);

/* The user's currency: config_currency(ctx->cfg). Borrowed. */
const char *cmd_hist_currency(const struct app_ctx *ctx);

#endif
