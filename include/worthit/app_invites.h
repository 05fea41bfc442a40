/*
 * app_invites.h: the dashboard's state and the commands that change it, with no
 * curses in sight: the loaded invitations with their scores, the
 * filtered and sorted rows, the selection, the header counts and the
 * one-line message. Views read it; keys call its commands; every command
 * that writes goes through the same db_* functions the CLI uses, in
 * their own transactions, before the screen says it is done.
 *
 * Invariants: rows[] holds indices into invs.items, every one matching
 * the filter, in the sort order; cursor < n_rows unless n_rows == 0;
 * selected_id is the id under the cursor (0 when there are no rows) and
 * is what survives a reload.
 *
 * Series: the occurrences of an RRULE series (invitation.series) that
 * match are ONE row unless the series is expanded: its next (earliest)
 * occurrence, with series_more[] counting the ones that follow. a/d/m
 * on such a row decide every coming occurrence at once (one journal
 * step); expanded, each occurrence is its own row and is decided alone.
 */
#ifndef WORTHIT_APP_INVITES_H
#define WORTHIT_APP_INVITES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/app_score.h"
#include "worthit/app_ctx.h"
#include "worthit/model.h"
#include "worthit/rank.h"
#include "worthit/score.h"
#include "worthit/status.h"

enum app_sort { APP_SORT_SCORE, APP_SORT_DATE, APP_SORT_COST, APP_SORT_COUNT };

/* How far back "f" (show decided and past) reaches; older events belong
 * to the history view. */
#define APP_PAST_DAYS 90
#define APP_FILTER_MAX 128
#define APP_MESSAGE_MAX 256

struct app {
	struct app_ctx *ctx;          /* borrowed: config, database, now */
	struct invitation_list invs;  /* everything loaded, including rows a
	                                 decision hid since (status changed
	                                 in place; rows[] leaves them out) */
	struct app_score_brief *scores; /* parallel to invs.items */
	struct score_result selected; /* the full score under the cursor
	                                 (valid while n_rows > 0) */
	struct score_context *sctx;   /* parallel: inputs behind each score */
	struct app_committed committed; /* accepted/attended events around
	                                 invs and this month: the input of
	                                 committed hours and conflicts */
	size_t *rows;                 /* visible rows: indices into invs */
	size_t n_rows;
	size_t *series_more;          /* parallel to invs: for the row standing
	                                 for a folded series, how many of its
	                                 matching occurrences follow; else 0 */
	int64_t *series_gap;          /* parallel: seconds from that row to the
	                                 next occurrence (its rhythm) */
	char **expanded;              /* series keys shown one row per
	                                 occurrence; owned */
	size_t n_expanded;
	struct rank_item *rank, *rank_tmp; /* scratch for sorting rows */
	size_t cursor;                /* index into rows */
	int64_t selected_id;          /* invitation under the cursor, 0 = none */
	char filter[APP_FILTER_MAX];  /* case-insensitive substring, "" = all */
	enum app_sort sort;
	bool show_all;                /* decided and past invitations too */
	/* header */
	int64_t n_pending;            /* upcoming pending or maybe */
	int64_t n_to_review;          /* awaiting an outcome or a follow-up,
	                                 at most REVIEW_COUNT_CAP */
	double month_hours;           /* accepted + attended this local month,
	                                 travel and preparation included */
	int64_t data_version;         /* PRAGMA data_version at the last load */
	/* status line */
	char message[APP_MESSAGE_MAX];
	bool message_is_error;
	unsigned long message_serial; /* bumped on every new message */
};

/* Borrow ctx (config loaded, database open, now set). */
void app_init(struct app *app, struct app_ctx *ctx);
void app_done(struct app *app);

/* (Re)load invitations, scores and counts from the database, keeping the
 * selected invitation selected when it is still listed (else the row at
 * the same position). */
enum wit_status app_load(struct app *app, char **why);

/* Another process committed: reload (true) or nothing changed (false).
 * Load errors become the status-line message. */
bool app_poll_changes(struct app *app);

/* Apply filter/sort changes to rows, keeping the selection. */
void app_set_filter(struct app *app, const char *text);
void app_cycle_sort(struct app *app);
const char *app_sort_name(enum app_sort s);
/* Toggle show_all and reload. */
enum wit_status app_toggle_all(struct app *app, char **why);

/* Move the cursor by delta rows (clamped), or to an absolute row. */
void app_move(struct app *app, long delta);
void app_move_to(struct app *app, size_t row);

/* The invitation, score and score inputs under the cursor; NULL when
 * the list is empty. Borrowed: valid until the next load or move. */
const struct invitation *app_selected(const struct app *app);
const struct score_result *app_selected_score(const struct app *app);
const struct score_context *app_selected_context(const struct app *app);
/* Row i of the visible list (i < n_rows). Borrowed. */
const struct invitation *app_row(const struct app *app, size_t i);
const struct app_score_brief *app_row_score(const struct app *app, size_t i);

/* Row i stands for a folded series: how many occurrences follow it
 * (0 for any other row), and its rhythm: "daily", "weekly",
 * "biweekly", "monthly" or "series" (static). */
size_t app_row_series_more(const struct app *app, size_t i);
const char *app_row_series_rhythm(const struct app *app, size_t i);
/* Row i is an occurrence of an expanded series. */
bool app_row_is_expanded(const struct app *app, size_t i);
/* Expand the selected row's series, or fold it back; false (with the
 * message saying so) when the row is not part of a series. */
bool app_toggle_series(struct app *app);

/* Record a decision on the selected invitation (the CLI's `decide`
 * path: app_decision_record with score, verdict and weights snapshot),
 * then update that invitation in place with what depends on it (scores
 * of its month and of overlapping invitations, header counts, the
 * gauge) instead of reloading, and say what happened in the message.
 * On a folded series row: every coming occurrence of the series, as one
 * journal step (app_decision_record_series), then a reload. */
enum wit_status app_decide(struct app *app, enum invite_status st);
/* Undo / redo the latest step of the journal the CLI's `worthit undo`
 * and `redo` use (db_journal.h), in place like app_decide (a full
 * reload when an outcome changed or the invitation is not loaded); the
 * message says what happened (or that there is nothing to undo). */
enum wit_status app_undo(struct app *app);
enum wit_status app_redo(struct app *app);

/* Set the status-line message (printf-style). */
void app_message(struct app *app, bool is_error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));


#endif
