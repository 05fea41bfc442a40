/*
 * app_history.c: loading the History tab's data (see app_history.h).
 * The 12-month series is filled to exactly 12 local months, zeros for
 * months with no event, so the view can draw bars without gaps.
 */
#include "worthit/app_history.h"
#include "worthit/clock.h"
#include "worthit/db_journal.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_history_init(struct app_history *h)
{
	memset(h, 0, sizeof *h);
}

static void months_done(struct app_history *h)
{
	for (int i = 0; i < APP_HISTORY_MONTHS; i++) {
		free(h->months[i].key);
		h->months[i].key = NULL;
	}
}

void app_history_done(struct app_history *h)
{
	db_review_free_all(h->awaiting, h->n_awaiting);
	db_report_free_events(h->events, h->n_events);
	db_report_free_rows(h->kinds, h->n_kinds);
	months_done(h);
	db_report_attribution_done(&h->attrib);
	memset(h, 0, sizeof *h);
}

/* "YYYY-MM" of the local month `back` months before the one of t. */
static void month_key(int64_t t, int back, char *key, size_t len)
{
	char ym[16];
	clock_format_local(t, "%Y-%m", ym, sizeof ym);
	int y = 0, m = 0;
	sscanf(ym, "%d-%d", &y, &m);
	int idx = y * 12 + (m - 1) - back;
	snprintf(key, len, "%04d-%02d", idx / 12, idx % 12 + 1);
}

static enum wit_status load_months(struct app_history *h, struct cmd_ctx *ctx, char **why)
{
	/* whole local months, so the summary rows answer it all */
	char first[16], next[16], local[32];
	month_key(ctx->now, APP_HISTORY_MONTHS - 1, first, sizeof first);
	month_key(ctx->now, -1, next, sizeof next);
	int64_t from = 0, to = 0;
	snprintf(local, sizeof local, "%s-01", first);
	enum wit_status st = clock_parse_user_date(local, ctx->now, &from, why);
	snprintf(local, sizeof local, "%s-01", next);
	if (st == WIT_OK)
		st = clock_parse_user_date(local, ctx->now, &to, why);
	struct report_row *rows = NULL;
	size_t n = 0;
	if (st == WIT_OK)
		st = db_report_aggregate(ctx->db, REPORT_BY_MONTH, from, to, &rows, &n, why);
	if (st != WIT_OK)
		return st;
	months_done(h);
	for (int i = 0; i < APP_HISTORY_MONTHS; i++) {
		char key[16];
		month_key(ctx->now, APP_HISTORY_MONTHS - 1 - i, key, sizeof key);
		struct report_row r = {0};
		for (size_t j = 0; j < n; j++)
			if (strcmp(rows[j].key, key) == 0)
				r = rows[j];
		r.key = xstrdup(key);
		h->months[i] = r;
	}
	db_report_free_rows(rows, n);
	return WIT_OK;
}

enum wit_status app_history_load(struct app_history *h, struct cmd_ctx *ctx, char **why)
{
	int64_t selected = app_history_selected_id(h);
	struct review_item *aw;
	size_t n_aw;
	enum wit_status st = db_review_awaiting(ctx->db, ctx->now, &aw, &n_aw, why);
	if (st != WIT_OK)
		return st;
	struct report_event *ev;
	size_t n;
	st = db_report_events(ctx->db, ctx->now, APP_HISTORY_EVENTS, &ev, &n, why);
	if (st != WIT_OK) {
		db_review_free_all(aw, n_aw);
		return st;
	}
	db_review_free_all(h->awaiting, h->n_awaiting);
	db_report_free_events(h->events, h->n_events);
	h->awaiting = aw;
	h->n_awaiting = n_aw;
	h->events = ev;
	h->n_events = n;
	/* the same invitation stays selected; else the same row */
	size_t rows = n_aw + n;
	h->cursor = rows == 0 ? 0 : h->cursor < rows ? h->cursor : rows - 1;
	for (size_t i = 0; i < n_aw; i++)
		if (aw[i].invitation_id == selected)
			h->cursor = i;
	for (size_t i = 0; i < n; i++)
		if (ev[i].invitation_id == selected)
			h->cursor = n_aw + i;
	db_report_free_rows(h->kinds, h->n_kinds);
	h->kinds = NULL;
	h->n_kinds = 0;
	st = db_report_aggregate(ctx->db, REPORT_BY_KIND, REPORT_OPEN_FROM, REPORT_OPEN_TO,
	                         &h->kinds, &h->n_kinds, why);
	h->total_minutes = h->total_revenue_minor = 0;
	for (size_t i = 0; st == WIT_OK && i < h->n_kinds; i++) {
		h->total_minutes += h->kinds[i].minutes;
		h->total_revenue_minor += h->kinds[i].revenue_minor;
	}
	if (st == WIT_OK)
		st = load_months(h, ctx, why);
	if (st == WIT_OK) {
		db_report_attribution_done(&h->attrib);
		st = db_report_attribution(ctx->db, ATTRIB_FIRST, REPORT_OPEN_FROM, REPORT_OPEN_TO,
		                           &h->attrib, why);
	}
	return st;
}

size_t app_history_rows(const struct app_history *h)
{
	return h->n_awaiting + h->n_events;
}

const struct report_event *app_history_selected(const struct app_history *h)
{
	if (h->cursor < h->n_awaiting || h->cursor >= app_history_rows(h))
		return NULL;
	return &h->events[h->cursor - h->n_awaiting];
}

int64_t app_history_selected_id(const struct app_history *h)
{
	if (h->cursor < h->n_awaiting)
		return h->awaiting[h->cursor].invitation_id;
	const struct report_event *e = app_history_selected(h);
	return e != NULL ? e->invitation_id : 0;
}

enum wit_status app_history_skip(const struct app_history *h, struct cmd_ctx *ctx, char **why)
{
	if (h->cursor >= h->n_awaiting)
		return wit_fail(why, WIT_DATA, "only an event awaiting its outcome can be marked "
		                "skipped (u undoes a logged outcome)");
	return db_journal_skip(ctx->db, h->awaiting[h->cursor].invitation_id, ctx->now, why);
}
