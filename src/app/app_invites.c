/*
 * app_invites.c: the dashboard's state and commands (see app_invites.h). No curses: the
 * views draw what this file holds and call these commands on keys. Data
 * comes from db_invite_list_brief() and is scored in memory with the
 * scoring engine (app_score.h); decisions go through
 * app_decision_record() and db_journal_undo/redo(), the CLI's paths, so
 * the dashboard and `worthit decide/undo/redo` share one journal.
 *
 * A decision changes one invitation: it is updated in place with what
 * depends on it (the committed list, the scores of its month and of the
 * invitations overlapping it, the header), never by reloading 10,000
 * rows. Rows a decision hides stay in invs until the next load, so undo
 * brings them back the same way. A series decided at once changes many
 * rows and reloads.
 *
 * Series folding happens when rows are rebuilt: the matching
 * occurrences of each series not expanded are sorted by (series, start)
 * and only the earliest gets a row, carrying the count of the others.
 */
#include "worthit/app_decision.h"
#include "worthit/app_invites.h"
#include "worthit/sync.h"
#include "worthit/app_score.h"

#include "worthit/clock.h"
#include "worthit/db_decision.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/db_review.h"
#include "worthit/rank.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void app_init(struct app *app, struct app_ctx *ctx)
{
	memset(app, 0, sizeof *app);
	app->ctx = ctx;
	invitation_list_init(&app->invs);
	app->data_version = -1;
}

static void app_free_expanded(struct app *app)
{
	for (size_t i = 0; i < app->n_expanded; i++)
		free(app->expanded[i]);
	free(app->expanded);
	app->expanded = NULL;
	app->n_expanded = 0;
}

static void app_free_loaded(struct app *app)
{
	free(app->series_more);
	free(app->series_gap);
	app->series_more = NULL;
	app->series_gap = NULL;
	invitation_list_done(&app->invs);
	app_score_committed_done(&app->committed);
	free(app->scores);
	free(app->sctx);
	free(app->rows);
	free(app->rank);
	free(app->rank_tmp);
	app->rank = app->rank_tmp = NULL;
	app->scores = NULL;
	app->sctx = NULL;
	app->rows = NULL;
	app->n_rows = 0;
}

void app_done(struct app *app)
{
	app_free_loaded(app);
	app_free_expanded(app);
}

void app_message(struct app *app, bool is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_is_error = is_error;
	app->message_serial++;
}

const char *app_sort_name(enum app_sort s)
{
	static const char *const names[APP_SORT_COUNT] = { "score", "date", "cost" };
	return (unsigned)s < APP_SORT_COUNT ? names[s] : "score";
}

/* ---- rows: filter and sort ---------------------------------------- */

static bool contains_nocase(const char *hay, const char *needle)
{
	if (hay == NULL)
		return false;
	size_t n = strlen(needle);
	for (const char *p = hay; *p != '\0'; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return false;
}

/* Open: still to be decided (the list without f). */
static bool is_open(enum invite_status st)
{
	return st == STATUS_PENDING || st == STATUS_MAYBE;
}

static bool app_matches(const struct app *app, const struct invitation *inv)
{
	if (!app->show_all && (!is_open(inv->status) || inv->ends_at <= app->ctx->now))
		return false;
	if (app->filter[0] == '\0')
		return true;
	return contains_nocase(inv->title, app->filter) ||
	       contains_nocase(inv->organizer, app->filter) ||
	       contains_nocase(inv->location, app->filter) ||
	       contains_nocase(invite_kind_name(inv->kind), app->filter);
}

/* The sort key of invitation i in the rank order of rank.h (highest
 * total first, then earlier start, then lower id): the score itself,
 * nothing (date order), or the cost negated (cheapest first). */
static double sort_key(const struct app *app, size_t i)
{
	switch (app->sort) {
	case APP_SORT_SCORE: return app->scores[i].total;
	case APP_SORT_COST: return -(double)app->scores[i].cost_minor;
	case APP_SORT_DATE:
	case APP_SORT_COUNT: break;
	}
	return 0;
}

/* ---- series folding ---------------------------------------------- */

static bool has_series(const struct invitation *inv)
{
	return inv->series != NULL && inv->series[0] != '\0';
}

static long app_expanded_index(const struct app *app, const char *series)
{
	for (size_t i = 0; i < app->n_expanded; i++)
		if (strcmp(app->expanded[i], series) == 0)
			return (long)i;
	return -1;
}

struct occurrence {
	const char *series;
	int64_t starts_at;
	int64_t id;
	size_t index; /* into invs */
};

static int occurrence_cmp(const void *a, const void *b)
{
	const struct occurrence *x = a, *y = b;
	int c = strcmp(x->series, y->series);
	if (c != 0)
		return c;
	if (x->starts_at != y->starts_at)
		return x->starts_at < y->starts_at ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Mark in is_hidden[] the matching occurrences a folded series row
 * stands for, and fill series_more/series_gap of those rows. */
static void app_fold_series(struct app *app, const bool *is_match, bool *is_hidden)
{
	size_t n = 0;
	struct occurrence *occ = xcalloc(app->invs.len ? app->invs.len : 1, sizeof *occ);
	for (size_t i = 0; i < app->invs.len; i++) {
		const struct invitation *inv = &app->invs.items[i];
		app->series_more[i] = 0;
		app->series_gap[i] = 0;
		if (is_match[i] && has_series(inv) && app_expanded_index(app, inv->series) < 0)
			occ[n++] = (struct occurrence){ inv->series, inv->starts_at, inv->id, i };
	}
	qsort(occ, n, sizeof *occ, occurrence_cmp);
	for (size_t g = 0; g < n;) {
		size_t end = g + 1;
		while (end < n && strcmp(occ[end].series, occ[g].series) == 0)
			is_hidden[occ[end++].index] = true;
		app->series_more[occ[g].index] = end - g - 1;
		if (end - g > 1)
			app->series_gap[occ[g].index] = occ[g + 1].starts_at - occ[g].starts_at;
		g = end;
	}
	free(occ);
}

size_t app_row_series_more(const struct app *app, size_t i)
{
	return i < app->n_rows ? app->series_more[app->rows[i]] : 0;
}

const char *app_row_series_rhythm(const struct app *app, size_t i)
{
	int64_t gap = i < app->n_rows ? app->series_gap[app->rows[i]] : 0;
	int64_t slack = 2 * 3600; /* a DST change on the way */
	if (gap >= DAY_SEC - slack && gap <= DAY_SEC + slack)
		return "daily";
	if (gap >= 7 * DAY_SEC - slack && gap <= 7 * DAY_SEC + slack)
		return "weekly";
	if (gap >= 14 * DAY_SEC - slack && gap <= 14 * DAY_SEC + slack)
		return "biweekly";
	if (gap >= 28 * DAY_SEC - slack && gap <= 31 * DAY_SEC + slack)
		return "monthly";
	return "series";
}

bool app_row_is_expanded(const struct app *app, size_t i)
{
	const struct invitation *inv = app_row(app, i);
	return inv != NULL && has_series(inv) && app_expanded_index(app, inv->series) >= 0;
}

/* Rebuild rows; keep selected_id under the cursor when still listed,
 * else stay at the same position (the next row after a decision). The
 * keys are gathered into small rank items first: sorting them touches
 * 32 bytes a row instead of two big structs per comparison. */
static void app_rebuild_rows(struct app *app)
{
	size_t old_cursor = app->cursor, cap = app->invs.len ? app->invs.len : 1;
	app->rows = xreallocarray(app->rows, cap, sizeof *app->rows);
	app->rank = xreallocarray(app->rank, cap, sizeof *app->rank);
	app->rank_tmp = xreallocarray(app->rank_tmp, cap, sizeof *app->rank_tmp);
	app->series_more = xreallocarray(app->series_more, cap, sizeof *app->series_more);
	app->series_gap = xreallocarray(app->series_gap, cap, sizeof *app->series_gap);
	bool *is_match = xcalloc(cap, sizeof *is_match), *is_hidden = xcalloc(cap, sizeof *is_hidden);
	for (size_t i = 0; i < app->invs.len; i++)
		is_match[i] = app_matches(app, &app->invs.items[i]);
	app_fold_series(app, is_match, is_hidden);
	size_t n = 0;
	for (size_t i = 0; i < app->invs.len; i++) {
		const struct invitation *inv = &app->invs.items[i];
		if (is_match[i] && !is_hidden[i])
			app->rank[n++] = (struct rank_item){ sort_key(app, i), inv->starts_at, inv->id, i };
	}
	free(is_match);
	free(is_hidden);
	rank_sort(app->rank, n, app->rank_tmp);
	for (size_t r = 0; r < n; r++)
		app->rows[r] = app->rank[r].index;
	app->n_rows = n;
	app->cursor = old_cursor;
	for (size_t r = 0; app->selected_id != 0 && r < app->n_rows; r++)
		if (app->rank[r].id == app->selected_id) {
			app->cursor = r;
			break;
		}
	app_move(app, 0);
}

void app_move_to(struct app *app, size_t row)
{
	if (app->n_rows == 0) {
		app->cursor = 0;
		app->selected_id = 0;
		return;
	}
	app->cursor = row < app->n_rows ? row : app->n_rows - 1;
	size_t k = app->rows[app->cursor];
	app->selected_id = app->invs.items[k].id;
	/* the full breakdown, for the detail: one invitation's worth */
	score_compute(&app->invs.items[k], &app->sctx[k], app->ctx->cfg, &app->selected);
}

void app_move(struct app *app, long delta)
{
	long c = (long)app->cursor + delta;
	app_move_to(app, c < 0 ? 0 : (size_t)c);
}

void app_set_filter(struct app *app, const char *text)
{
	snprintf(app->filter, sizeof app->filter, "%s", text != NULL ? text : "");
	app_rebuild_rows(app);
}

void app_cycle_sort(struct app *app)
{
	app->sort = (enum app_sort)((app->sort + 1) % APP_SORT_COUNT);
	app_rebuild_rows(app);
	app_message(app, false, "Sorted by %s", app_sort_name(app->sort));
}

const struct invitation *app_row(const struct app *app, size_t i)
{
	return i < app->n_rows ? &app->invs.items[app->rows[i]] : NULL;
}

const struct app_score_brief *app_row_score(const struct app *app, size_t i)
{
	return i < app->n_rows ? &app->scores[app->rows[i]] : NULL;
}

const struct invitation *app_selected(const struct app *app)
{
	return app_row(app, app->cursor);
}

const struct score_result *app_selected_score(const struct app *app)
{
	return app->cursor < app->n_rows ? &app->selected : NULL;
}

const struct score_context *app_selected_context(const struct app *app)
{
	return app->cursor < app->n_rows ? &app->sctx[app->rows[app->cursor]] : NULL;
}

bool app_toggle_series(struct app *app)
{
	const struct invitation *inv = app_selected(app);
	if (inv == NULL || !has_series(inv)) {
		app_message(app, false, "Not part of a series");
		return false;
	}
	long k = app_expanded_index(app, inv->series);
	char title[96];
	snprintf(title, sizeof title, "%s", inv->title != NULL ? inv->title : "");
	if (k >= 0) {
		free(app->expanded[k]);
		app->expanded[k] = app->expanded[--app->n_expanded];
		/* the cursor goes to the series' row: its next occurrence */
		for (size_t i = 0; i < app->invs.len; i++) {
			const struct invitation *o = &app->invs.items[i];
			if (has_series(o) && strcmp(o->series, inv->series) == 0 &&
			    app_matches(app, o) && o->starts_at < inv->starts_at)
				inv = o;
		}
		app->selected_id = inv->id;
		app_rebuild_rows(app);
		app_message(app, false, "Folded the series \"%s\"", title);
		return true;
	}
	app->expanded = xreallocarray(app->expanded, app->n_expanded + 1, sizeof *app->expanded);
	app->expanded[app->n_expanded++] = xstrdup(inv->series);
	app_rebuild_rows(app);
	app_message(app, false, "Series \"%s\": one row per occurrence; a/d/m decide one", title);
	return true;
}

/* ---- loading ------------------------------------------------------ */

/* "To review": accepted events waiting for an outcome and the 30- and
 * 90-day follow-ups due, as the History tab lists them, counted up to
 * REVIEW_COUNT_CAP (db_review.h). (The pending count comes from the
 * list itself: both lists hold every open invitation starting from now
 * on.) */
static enum wit_status app_load_counts(struct app *app, char **why)
{
	struct app_ctx *ctx = app->ctx;
	return db_review_count_due(ctx->db, ctx->now, REVIEW_COUNT_CAP, &app->n_to_review, why);
}

/* The gauge: hours committed in the local month of now. */
static void app_update_month_hours(struct app *app)
{
	struct app_month m = app_score_month(app->ctx->now, NULL);
	app->month_hours = app_score_committed_hours(&app->committed, m.start, m.next, 0);
}

enum wit_status app_load(struct app *app, char **why)
{
	struct app_ctx *ctx = app->ctx;
	struct invite_filter f = { 0 };
	struct invitation_list fresh;
	struct app_committed committed;

	app->data_version = db_data_version(ctx->db);
	if (app->show_all) {
		f.status_mask = STATUS_MASK_ALL;
		f.from = ctx->now - (int64_t)APP_PAST_DAYS * DAY_SEC;
	} else {
		f.status_mask = (1u << STATUS_PENDING) | (1u << STATUS_MAYBE);
		f.from = ctx->now - DAY_SEC; /* still running today */
	}
	invitation_list_init(&fresh);
	enum wit_status st = db_invite_list_brief(ctx->db, &f, &fresh, why);
	/* upcoming only: drop what already ended unless showing the past */
	size_t keep = 0;
	int64_t n_pending = 0;
	for (size_t i = 0; i < fresh.len; i++) {
		n_pending += is_open(fresh.items[i].status) && fresh.items[i].starts_at >= ctx->now;
		if (!app->show_all && fresh.items[i].ends_at <= ctx->now) {
			invitation_done(&fresh.items[i]);
			continue;
		}
		fresh.items[keep++] = fresh.items[i];
	}
	fresh.len = keep;
	struct app_span span = app_score_span(fresh.items, fresh.len, ctx->now);
	if (st == WIT_OK)
		st = app_score_committed_load(ctx->db, &span,
		                              ctx->cfg->score.knob[KNOB_ALL_DAY_HOURS], &committed,
		                              why);
	else
		memset(&committed, 0, sizeof committed);
	if (st == WIT_OK)
		st = app_load_counts(app, why);
	if (st != WIT_OK) {
		invitation_list_done(&fresh);
		app_score_committed_done(&committed);
		return st;
	}

	invitation_list_done(&app->invs);
	app_score_committed_done(&app->committed);
	free(app->scores);
	free(app->sctx);
	app->invs = fresh;
	app->n_pending = n_pending;
	app->committed = committed;
	app_update_month_hours(app);
	app->scores = xcalloc(fresh.len ? fresh.len : 1, sizeof *app->scores);
	app->sctx = xcalloc(fresh.len ? fresh.len : 1, sizeof *app->sctx);
	st = app_score_batch(ctx->db, ctx->cfg, ctx->now, &app->committed, app->invs.items,
	                     app->invs.len, app->sctx, app->scores, why);
	app_rebuild_rows(app);
	return st;
}

bool app_poll_changes(struct app *app)
{
	int64_t v = db_data_version(app->ctx->db);
	if (v == app->data_version)
		return false;
	char *why = NULL;
	if (app_load(app, &why) != WIT_OK)
		app_message(app, true, "Reload failed: %s", why != NULL ? why : "unknown error");
	free(why);
	return true;
}

enum wit_status app_toggle_all(struct app *app, char **why)
{
	app->show_all = !app->show_all;
	enum wit_status st = app_load(app, why);
	if (st == WIT_OK)
		app_message(app, false, app->show_all
		                            ? "Showing decided and past invitations (last %d days)"
		                            : "Showing upcoming undecided invitations only",
		            APP_PAST_DAYS);
	return st;
}

/* ---- decisions ---------------------------------------------------- */

static const char *status_verb(enum invite_status st)
{
	switch (st) {
	case STATUS_ACCEPTED: return "Accepted";
	case STATUS_DECLINED: return "Declined";
	case STATUS_MAYBE: return "Marked maybe";
	case STATUS_ATTENDED: return "Marked attended";
	case STATUS_SKIPPED: return "Marked skipped";
	default: return "Set";
	}
}

static enum wit_status app_fail(struct app *app, enum wit_status st, char *why,
                                const char *what)
{
	app_message(app, true, "%s failed: %s", what, why != NULL ? why : wit_status_name(st));
	free(why);
	return st;
}

/* The index in invs of invitation id, or -1. */
static long app_find(const struct app *app, int64_t id)
{
	for (size_t i = 0; i < app->invs.len; i++)
		if (app->invs.items[i].id == id)
			return (long)i;
	return -1;
}

/*
 * Invitation id now has status st in the database: update it in memory
 * with what depends on it. False when that cannot be done in place (not
 * loaded, or already started: track records and the "to review" count
 * may change) and the caller must reload.
 */
static bool app_apply_status(struct app *app, int64_t id, enum invite_status st)
{
	long k = app_find(app, id);
	if (k < 0 || app->invs.items[k].starts_at < app->ctx->now)
		return false;
	struct invitation *inv = &app->invs.items[k];
	enum invite_status old = inv->status;
	inv->status = st;
	app_score_committed_update(&app->committed, inv);
	struct app_month month = app_score_month(app_score_local_start(inv), NULL), memo = month;
	struct score_plan plan; /* the knobs compiled once for the month */
	struct score_result r;
	score_plan_init(&plan, app->ctx->cfg);
	for (size_t i = 0; i < app->invs.len; i++) {
		const struct invitation *o = &app->invs.items[i];
		if ((long)i != k && !app_score_depends_on(o, inv, &month))
			continue;
		app_score_fill(&app->committed, o, &memo, &app->sctx[i]);
		score_plan_compute(&plan, o, &app->sctx[i], app->ctx->cfg, &r);
		app_score_brief_of(&r, &app->scores[i]);
	}
	/* it starts after now, so it counts as pending exactly when open */
	app->n_pending += (int64_t)is_open(st) - (int64_t)is_open(old);
	app_update_month_hours(app);
	app_rebuild_rows(app);
	return true;
}

/* When a decision happens: the clock now (the dashboard may have been
 * open for hours), as `worthit decide` would record it. */
static int64_t app_decision_time(const struct app *app)
{
	int64_t t;
	char *why = NULL;
	if (clock_now(&t, &why) != WIT_OK)
		t = app->ctx->now;
	free(why);
	return t;
}

/* The series under the cursor, decided at once: every coming
 * occurrence (db_journal_series_ids), with the scores loaded here (-1
 * for an occurrence the list does not hold: a decided one). */
static enum wit_status app_decide_series(struct app *app, enum invite_status status)
{
	const struct invitation *inv = app_selected(app);
	char *why = NULL, title[96], series[256];
	snprintf(title, sizeof title, "%s", inv->title != NULL ? inv->title : "");
	snprintf(series, sizeof series, "%s", inv->series);
	int64_t when = app_decision_time(app), *ids = NULL;
	size_t n = 0, changed = 0;
	enum wit_status st = db_journal_series_ids(app->ctx->db, series, when, &ids, &n, &why);
	if (st != WIT_OK)
		return app_fail(app, st, why, "Reading the series");
	struct score_result *rs = xcalloc(n ? n : 1, sizeof *rs);
	for (size_t i = 0; i < n; i++) {
		long k = app_find(app, ids[i]);
		rs[i].total = k >= 0 ? app->scores[k].total : -1;
		rs[i].verdict = k >= 0 ? app->scores[k].verdict : VERDICT_MAYBE;
	}
	st = app_decision_record_series(app->ctx->db, ids, rs, n, status, &app->ctx->cfg->score,
	                                when, &changed, NULL, &why);
	int64_t first = n > 0 ? ids[0] : 0;
	free(rs);
	free(ids);
	if (st != WIT_OK)
		return app_fail(app, st, why, "Saving the decision");
	if ((st = app_load(app, &why)) != WIT_OK)
		return app_fail(app, st, why, "Reloading");
	/* the series is one file in a vdir: its PARTSTAT answers them all */
	bool written = false;
	if (first > 0 &&
	    sync_write_back(app->ctx->db, app->ctx->cfg, first, status, &written, &why) != WIT_OK) {
		app_message(app, true, "%s all %zu coming occurrences of \"%s\", not written back: %s",
		            status_verb(status), changed, title, why != NULL ? why : "?");
		free(why);
		return WIT_OK;
	}
	app_message(app, false, "%s all %zu coming occurrences of \"%s\"%s; u undoes",
	            status_verb(status), changed, title, written ? ", written to your calendar" : "");
	return WIT_OK;
}

enum wit_status app_decide(struct app *app, enum invite_status status)
{
	const struct invitation *inv = app_selected(app);
	if (inv != NULL && app_row_series_more(app, app->cursor) > 0)
		return app_decide_series(app, status);
	const struct score_result *sr = app_selected_score(app);
	char *why = NULL, title[96];
	if (inv == NULL) {
		app_message(app, true, "Nothing selected");
		return WIT_NOTFOUND;
	}
	if (inv->status == status) {
		app_message(app, false, "Already %s", invite_status_name(status));
		return WIT_OK;
	}
	int64_t id = inv->id;
	double total = sr->total;
	const char *verdict = score_verdict_name(sr->verdict);
	snprintf(title, sizeof title, "%s", inv->title != NULL ? inv->title : "");
	enum wit_status st = app_decision_record(app->ctx->db, id, status, sr,
	                                         &app->ctx->cfg->score, app_decision_time(app),
	                                         NULL, &why);
	if (st != WIT_OK)
		return app_fail(app, st, why, "Saving the decision");
	if (!app_apply_status(app, id, status) && (st = app_load(app, &why)) != WIT_OK)
		return app_fail(app, st, why, "Reloading");
	bool written = false;
	if (sync_write_back(app->ctx->db, app->ctx->cfg, id, status, &written, &why) != WIT_OK) {
		app_message(app, true, "%s \"%s\", not written back: %s", status_verb(status), title,
		            why != NULL ? why : "?");
		free(why);
		return WIT_OK;
	}
	app_message(app, false, "%s \"%s\" (score %.0f, %s)%s; u undoes", status_verb(status),
	            title, total, verdict, written ? ", written to your calendar" : "");
	return WIT_OK;
}

/* Title of an invitation by id, from memory or the database. */
static void app_title_of(struct app *app, int64_t id, char *buf, size_t len)
{
	long k = app_find(app, id);
	if (k >= 0) {
		snprintf(buf, len, "%s", app->invs.items[k].title);
		return;
	}
	struct invitation inv;
	invitation_init(&inv);
	if (db_invite_get(app->ctx->db, id, &inv, NULL) == WIT_OK && inv.title != NULL)
		snprintf(buf, len, "%s", inv.title);
	else
		snprintf(buf, len, "#%lld", (long long)id);
	invitation_done(&inv);
}

static void app_journal_message(struct app *app, const struct journal_step *s, bool is_undo)
{
	char title[96];
	const struct decision *d = &s->decision;
	app_title_of(app, s->invitation_id, title, sizeof title);
	if (s->has_facts)
		app_message(app, false, "%s the edit of \"%s\"%s", is_undo ? "Undid" : "Redid",
		            title, is_undo ? "; U redoes" : "");
	else if (!s->has_decision)
		app_message(app, false, "%s the outcome of \"%s\"%s", is_undo ? "Undid" : "Redid",
		            title, is_undo ? "; U redoes" : "");
	else if (s->n_decisions > 1)
		app_message(app, false, "%s %s of all %zu occurrences of \"%s\"%s",
		            is_undo ? "Undid" : "Redid", invite_status_name(d->new_status),
		            s->n_decisions, title, is_undo ? "; U redoes" : "");
	else if (is_undo)
		app_message(app, false, "Undid %s%s of \"%s\": back to %s; U redoes",
		            invite_status_name(d->new_status), s->has_outcome ? " and its outcome" : "",
		            title, invite_status_name(d->old_status));
	else
		app_message(app, false, "Redid %s%s of \"%s\" (was %s)",
		            invite_status_name(d->new_status), s->has_outcome ? " and its outcome" : "",
		            title, invite_status_name(d->old_status));
}

static enum wit_status app_journal(struct app *app, bool is_undo)
{
	struct journal_step step;
	char *why = NULL;
	memset(&step, 0, sizeof step);
	enum wit_status st = is_undo ? db_journal_undo(app->ctx->db, &step, &why)
	                             : db_journal_redo(app->ctx->db, &step, &why);
	if (st == WIT_NOTFOUND) {
		free(why);
		app_message(app, false, is_undo ? "Nothing to undo" : "Nothing to redo");
		return st;
	}
	if (st != WIT_OK)
		return app_fail(app, st, why, is_undo ? "Undo" : "Redo");
	app_journal_message(app, &step, is_undo);
	char msg[APP_MESSAGE_MAX];
	memcpy(msg, app->message, sizeof msg);
	app->selected_id = step.invitation_id; /* follow the row that changed */
	enum invite_status now_status = is_undo ? step.decision.old_status
	                                        : step.decision.new_status;
	bool is_done = step.has_decision && !step.has_outcome && step.n_decisions <= 1 &&
	               app_apply_status(app, step.invitation_id, now_status);
	if (!is_done && (st = app_load(app, &why)) != WIT_OK)
		return app_fail(app, st, why, "Reloading");
	memcpy(app->message, msg, sizeof msg);
	bool written = false;
	if (step.has_decision &&
	    sync_write_back(app->ctx->db, app->ctx->cfg, step.invitation_id, now_status, &written,
	                    &why) != WIT_OK) {
		app_message(app, true, "%s; not written back: %s", msg, why != NULL ? why : "?");
		free(why);
	}
	return WIT_OK;
}

enum wit_status app_undo(struct app *app)
{
	return app_journal(app, true);
}

enum wit_status app_redo(struct app *app)
{
	return app_journal(app, false);
}
