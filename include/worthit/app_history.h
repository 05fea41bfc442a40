/*
 * app_history.h: what the dashboard's History tab shows, loaded in one
 * go with no curses in sight: the newest past events with their
 * outcomes, the follow-ups due ("anything come of this?" 30 and 90
 * days after an attended event), sums by kind (by organizer on demand),
 * hours and revenue of the last 12 months, the attribution of deals
 * under the chosen credit model, and (on demand) the calibration: what
 * events brought by the score they had when decided. Everything
 * comes from the report queries (db_report.h), which read summary
 * tables, so a load costs the same with a hundred or a million past
 * events.
 *
 * The table lists rows: events awaiting an outcome first (oldest first),
 * then the follow-ups due (newest event first), then the loaded past
 * events in the chosen sort order, all kept to those matching the
 * filter (a case-insensitive substring of the title, the organizer or
 * the kind). Sorting and filtering work on the newest
 * APP_HISTORY_EVENTS past events, the ones loaded; follow-ups load a
 * page at a time (APP_HISTORY_FOLLOW_PAGE), the next page when the
 * cursor reaches the last one loaded, so a history with thousands due
 * costs a page at the first frame.
 */
#ifndef WORTHIT_APP_INVITES_HISTORY_H
#define WORTHIT_APP_INVITES_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/app_ctx.h"
#include "worthit/db_report.h"
#include "worthit/db_review.h"
#include "worthit/status.h"

#define APP_HISTORY_EVENTS 500 /* past events loaded for the table */
#define APP_HISTORY_MONTHS 12
#define APP_HISTORY_FILTER_MAX 128
#define APP_HISTORY_FOLLOW_PAGE 64 /* follow-ups loaded at a time */
#define APP_HISTORY_WORK_HOURS 160 /* working hours a month, as `worthit
                                      report --work-hours` defaults */

/* Orders of the past events (s cycles them); ties go to the newer. */
enum history_sort {
	HSORT_DATE,    /* newest first */
	HSORT_REVENUE, /* most revenue first */
	HSORT_RATE,    /* most revenue per hour first */
	HSORT_HOURS,   /* most hours first */
	HSORT_SCORE,   /* highest score at decision first; none last */
	HSORT_COUNT
};

/* What the aggregate pane shows (b cycles them in this order). */
enum history_aggr {
	HAGGR_KIND,
	HAGGR_ORGANIZER,
	HAGGR_MONTH,
	HAGGR_CALIBRATION, /* outcomes by score band at decision time */
	HAGGR_COUNT
};

/* The calibration's reading (app_history_calib_reading()). */
enum calib_verdict {
	CALIB_TOO_FEW,   /* fewer than two bands with CALIB_MIN_EVENTS events */
	CALIB_PAID_OFF,  /* the highest band earns 1.5x the lowest an hour */
	CALIB_NO_LINK,   /* within 1.5x either way, or no revenue in either */
	CALIB_REVERSED,  /* the lowest band earns 1.5x the highest an hour */
};
#define CALIB_MIN_EVENTS 5 /* decided events for a band to count */

struct app_history {
	struct review_item *awaiting;  /* ended, no outcome yet: listed first */
	size_t n_awaiting;
	struct review_item *follow_ups; /* due at now (after_days 30 or 90),
	                                  newest event first: listed next */
	size_t n_follow_ups;
	size_t follow_limit;           /* follow-ups asked for: pages so far */
	struct report_event *events;   /* newest first, listed after awaiting */
	size_t n_events;
	size_t *rows;                  /* shown: v < n_awaiting is awaiting[v],
	                                  then follow_ups[v - n_awaiting], then
	                                  events[v - n_awaiting - n_follow_ups] */
	size_t n_rows;
	size_t cursor;                 /* index into rows, < n_rows unless 0 */
	enum history_sort sort;
	char filter[APP_HISTORY_FILTER_MAX]; /* "" = everything */
	struct report_row *kinds;      /* all time, by revenue */
	size_t n_kinds;
	enum history_aggr aggr;        /* what the aggregate pane shows */
	struct report_row *organizers; /* all time, by revenue; loaded while
	                                  aggr is REPORT_BY_ORGANIZER */
	size_t n_organizers;
	bool has_organizers;           /* organizers is current */
	struct calib_band calib[CALIB_BANDS]; /* all time; loaded while aggr
	                                  is HAGGR_CALIBRATION */
	int64_t calib_unscored;        /* decided events with no stored score */
	bool has_calib;                /* calib is current */
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
enum wit_status app_history_load(struct app_history *h, struct app_ctx *ctx, char **why);

/* Rows listed: awaiting events, follow-ups, then past events with
 * outcomes, all matching the filter. */
size_t app_history_rows(const struct app_history *h);
/* Row i: the event awaiting an outcome or a follow-up (after_days 0, or
 * 30 or 90; else NULL), or the past event (else NULL). Borrowed. */
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

/* Follow-ups: true when the last page loaded was full (more may be
 * due); app_history_more_follow_ups() loads the next page, keeping the
 * cursor on the same row. */
bool app_history_has_more_follow_ups(const struct app_history *h);
enum wit_status app_history_more_follow_ups(struct app_history *h, struct app_ctx *ctx,
                                            char **why);
/* The loaded past event of invitation id, or NULL. Borrowed. */
const struct report_event *app_history_find_event(const struct app_history *h, int64_t id);

/* The aggregate pane's next grouping: kind, organizer, month,
 * calibration (loading the organizers' sums, and the calibration, the
 * first time they are shown after a load). */
enum wit_status app_history_cycle_aggregate(struct app_history *h, struct app_ctx *ctx,
                                            char **why);
/* "kind", "organizer", "month", "score band". */
const char *app_history_aggregate_name(enum history_aggr g);

/*
 * The calibration in one line, written to buf: the highest and the
 * lowest score band holding at least CALIB_MIN_EVENTS decided events
 * compared by revenue per hour. "high scores paid off: 2.3x the revenue
 * per hour of low scores (80-100 vs 40-60)" when the high band earns at
 * least 1.5x the low one (or the low one earned nothing), "high scores
 * did not pay off: ..." the other way round, else "no clear link
 * between score and outcome ...", or too few events to tell.
 */
enum calib_verdict app_history_calib_reading(const struct calib_band bands[CALIB_BANDS],
                                             char *buf, size_t len);

/* Reload the attribution under model m (the others are the tree's). */
enum wit_status app_history_set_model(struct app_history *h, struct app_ctx *ctx,
                                      enum attrib_model m, char **why);
/* The selected past event, or NULL when the cursor is on an awaiting
 * one or there are no rows. Borrowed. */
const struct report_event *app_history_selected(const struct app_history *h);
/* The invitation under the cursor (either kind of row), 0 when none. */
int64_t app_history_selected_id(const struct app_history *h);

#endif
