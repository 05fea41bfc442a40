/*
 * cmd_report.h: the parts of `worthit report` split out of cmd_report.c
 * (the command itself): printing the attribution report.
 */
#ifndef WORTHIT_CMD_REPORT_H
#define WORTHIT_CMD_REPORT_H

#include <stdbool.h>

#include "worthit/cmd.h"
#include "worthit/db_report.h"

/* REPORT_CSV guards fields a spreadsheet would run as formulas;
 * REPORT_CSV_RAW (--raw) writes them as they are. */
enum report_format { REPORT_TABLE, REPORT_JSON, REPORT_CSV, REPORT_CSV_RAW };

static inline bool report_format_is_csv(enum report_format f)
{
	return f == REPORT_CSV || f == REPORT_CSV_RAW;
}

/* Print r as a referral tree and the events where it started (table),
 * one JSON object per contact and per origin, or CSV per contact. */
void cmd_report_print_attribution(struct app_ctx *ctx, const struct attrib_report *r,
                                  enum report_format fmt, bool first);

#endif
