/*
 * app_history.h: what the dashboard's History tab shows, loaded in one
 * go with no curses in sight: the newest past events with their
 * outcomes, sums by kind, hours and revenue of the last 12 months, and
 * the attribution of deals under the chosen credit model. Everything
 * comes from the report queries (db_report.h), which read summary
 * tables, so a load costs the same with a hundred or a million past
 * events.
 *
 * The table lists rows: events awaiting an outcome first (oldest first),
 * then the loaded past events in the chosen sort order, both kept to
 * those matching the filter (a case-insensitive substring of the title,
 * the organizer or the kind). Sorting and filtering work on the newest
 * APP_HISTORY_EVENTS past events, the ones loaded.
 */
#ifndef WORTHIT_APP_HISTORY_H
#define WORTHIT_APP_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/cmd.h"
#include "worthit/db_report.h"
#include "worthit/db_review.h"
#include "worthit/status.h"

#define APP_HISTORY_EVENTS 500 /* past events loaded for the table */
#define APP_HISTORY_MONTHS 12
#define APP_HISTORY_FILTER_MAX 128

/* Orders of the past events (s cycles them); ties go to the newer. */
enum history_sort {
	HSORT_DATE,    /* newest first */
	HSORT_REVENUE, /* most revenue first */
	HSORT_RATE,    /* most revenue per hour first */
	HSORT_HOURS,   /* most hours first */
	HSORT_SCORE,   /* highest score at decision first; none last */
	HSORT_COUNT
};

struct app_history {
	struct review_item *awaiting;  /* ended, no outcome yet: listed first */
	size_t n_awaiting;
	struct report_event *events;   /* newest first, listed after awaiting */
	size_t n_events;
	size_t *rows;                  /* shown: v < n_awaiting is awaiting[v],
	                                  else events[v - n_awaiting] */
	size_t n_rows;
	size_t cursor;                 /* index into rows, < n_rows unless 0 */
	enum history_sort sort;
	char filter[APP_HISTORY_FILTER_MAX]; /* "" = everything */
	struct report_row *kinds;      /* all time, by revenue */
	size_t n_kinds;
	struct report_row months[APP_HISTORY_MONTHS]; /* oldest first; empty
	                                  months have key "YYYY-MM" and zeros */
	enum attrib_model model;       /* credit model of attrib */
	struct attrib_report attrib;   /* under model, all time */
	int64_t total_minutes;         /* all time */
	int64_t total_revenue_minor;
};

void app_history_init(struct app_history *h);
void app_history_done(struct app_history *h);

/* (Re)load at ctx->now, keeping the cursor on the same event when it is
 * still listed. On error h holds what loaded before the failure. */
enum wit_status app_history_load(struct app_history *h, struct cmd_ctx *ctx, char **why);

/* Rows listed: awaiting events, then past events with outcomes, both
 * matching the filter. */
size_t app_history_rows(const struct app_history *h);
/* Row i: the awaiting event (else NULL) or the past event (else NULL).
 * Borrowed. */
const struct review_item *app_history_row_awaiting(const struct app_history *h, size_t i);
const struct report_event *app_history_row_event(const struct app_history *h, size_t i);

/* Set the filter, or cycle the sort order, keeping the selected event
 * selected when it is still shown. */
void app_history_set_filter(struct app_history *h, const char *text);
void app_history_cycle_sort(struct app_history *h);
/* "date", "revenue", "revenue per hour", "hours", "score". */
const char *app_history_sort_name(enum history_sort s);
/* Past events loaded (before the filter). */
size_t app_history_loaded(const struct app_history *h);

/* Reload the attribution under model m (the others are the tree's). */
enum wit_status app_history_set_model(struct app_history *h, struct cmd_ctx *ctx,
                                      enum attrib_model m, char **why);
/* The selected past event, or NULL when the cursor is on an awaiting
 * one or there are no rows. Borrowed. */
const struct report_event *app_history_selected(const struct app_history *h);
/* The invitation under the cursor (either kind of row), 0 when none. */
int64_t app_history_selected_id(const struct app_history *h);

#endif
