/*
 * app_history.h: what the dashboard's History tab shows, loaded in one
 * go with no curses in sight: the newest past events with their
 * outcomes, sums by kind, hours and revenue of the last 12 months, and
 * the top of the attribution tree (first touch). Everything comes from
 * the report queries (db_report.h), which read summary tables, so a
 * load costs the same with a hundred or a million past events.
 */
#ifndef WORTHIT_APP_HISTORY_H
#define WORTHIT_APP_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/cmd.h"
#include "worthit/db_report.h"
#include "worthit/db_review.h"
#include "worthit/status.h"

#define APP_HISTORY_EVENTS 500 /* rows of the events table */
#define APP_HISTORY_MONTHS 12

struct app_history {
	struct review_item *awaiting;  /* ended, no outcome yet: listed first */
	size_t n_awaiting;
	struct report_event *events;   /* newest first, listed after awaiting */
	size_t n_events;
	size_t cursor;                 /* row: < n_awaiting an awaiting event,
	                                  else events[cursor - n_awaiting] */
	struct report_row *kinds;      /* all time, by revenue */
	size_t n_kinds;
	struct report_row months[APP_HISTORY_MONTHS]; /* oldest first; empty
	                                  months have key "YYYY-MM" and zeros */
	struct attrib_report attrib;   /* first touch, all time */
	int64_t total_minutes;         /* all time */
	int64_t total_revenue_minor;
};

void app_history_init(struct app_history *h);
void app_history_done(struct app_history *h);

/* (Re)load at ctx->now, keeping the cursor on the same event when it is
 * still listed. On error h holds what loaded before the failure. */
enum wit_status app_history_load(struct app_history *h, struct cmd_ctx *ctx, char **why);

/* Rows listed: awaiting events, then past events with outcomes. */
size_t app_history_rows(const struct app_history *h);
/* The selected past event, or NULL when the cursor is on an awaiting
 * one or there are no rows. Borrowed. */
const struct report_event *app_history_selected(const struct app_history *h);
/* The invitation under the cursor (either kind of row), 0 when none. */
int64_t app_history_selected_id(const struct app_history *h);

/* "Did not go" for the awaiting event under the cursor (db_journal_skip);
 * WIT_DATA when the cursor is on a past event with an outcome. */
enum wit_status app_history_skip(const struct app_history *h, struct cmd_ctx *ctx, char **why);

#endif
