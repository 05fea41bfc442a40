/*
 * app_history.c: loading the History tab's data (see app_history.h).
 * The 12-month series is filled to exactly 12 local months, zeros for
 * months with no event, so the view can draw bars without gaps. The
 * shown rows are rebuilt from the loaded arrays on every load, filter
 * or sort change; the selection follows the invitation id (a follow-up
 * and the same event's past row share it: the follow-up, listed first,
 * wins). The organizers' sums load only while the aggregate pane shows
 * them: with hundreds of organizers they cost more than the rest; the
 * calibration too (it looks up the score of every decided event, which
 * no summary table holds), so neither slows the first frame.
 */
#include "worthit/app_history.h"
#include "worthit/money.h"
#include "worthit/clock.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void app_history_init(struct app_history *h)
{
	memset(h, 0, sizeof *h);
	h->follow_limit = APP_HISTORY_FOLLOW_PAGE;
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
	db_review_free_all(h->follow_ups, h->n_follow_ups);
	db_report_free_events(h->events, h->n_events);
	db_report_free_rows(h->kinds, h->n_kinds);
	db_report_free_rows(h->organizers, h->n_organizers);
	months_done(h);
	db_report_attribution_done(&h->attrib);
	free(h->rows);
	memset(h, 0, sizeof *h);
}

/* ---- rows: filter and sort ------------------------------------------ */

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

static bool matches(const struct app_history *h, const char *title, const char *organizer,
                    const char *kind)
{
	return h->filter[0] == '\0' || contains_nocase(title, h->filter) ||
	       contains_nocase(organizer, h->filter) || contains_nocase(kind, h->filter);
}

/* Revenue per hour in minor units (0 when no time was logged). */
static int64_t rate(const struct report_event *e)
{
	return e->minutes > 0 ? money_div_round(e->revenue_minor * 60, e->minutes) : 0;
}

static int compare_key(const struct report_event *a, const struct report_event *b,
                       enum history_sort s)
{
	switch (s) {
	case HSORT_REVENUE: return (a->revenue_minor < b->revenue_minor) -
	                           (a->revenue_minor > b->revenue_minor);
	case HSORT_RATE: return (rate(a) < rate(b)) - (rate(a) > rate(b));
	case HSORT_HOURS: return (a->minutes < b->minutes) - (a->minutes > b->minutes);
	case HSORT_SCORE: return (a->score < b->score) - (a->score > b->score);
	case HSORT_DATE:
	case HSORT_COUNT: break;
	}
	return 0;
}

/* What qsort moves: the event, the row value and the order wanted
 * (qsort has no context argument, so each item carries it). */
struct sort_item {
	const struct report_event *e;
	size_t row;
	enum history_sort sort;
};

static int compare_items(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;
	int c = compare_key(a->e, b->e, a->sort);
	if (c == 0)
		c = (a->e->starts_at < b->e->starts_at) - (a->e->starts_at > b->e->starts_at);
	if (c == 0)
		c = (a->e->invitation_id < b->e->invitation_id) -
		    (a->e->invitation_id > b->e->invitation_id);
	return c;
}

/* Row value v's review item (awaiting or follow-up), else NULL. */
static const struct review_item *review_at(const struct app_history *h, size_t v)
{
	if (v < h->n_awaiting)
		return &h->awaiting[v];
	if (v - h->n_awaiting < h->n_follow_ups)
		return &h->follow_ups[v - h->n_awaiting];
	return NULL;
}

static const struct report_event *event_at(const struct app_history *h, size_t v)
{
	size_t first = h->n_awaiting + h->n_follow_ups;
	return v >= first ? &h->events[v - first] : NULL;
}

static int64_t id_at(const struct app_history *h, size_t v)
{
	const struct review_item *it = review_at(h, v);
	return it != NULL ? it->invitation_id : event_at(h, v)->invitation_id;
}

static void rebuild_rows(struct app_history *h, int64_t selected)
{
	size_t old = h->cursor, n = 0, n_review = h->n_awaiting + h->n_follow_ups;
	h->rows = xreallocarray(h->rows, n_review + h->n_events + 1, sizeof *h->rows);
	for (size_t i = 0; i < n_review; i++) {
		const struct review_item *it = review_at(h, i);
		if (matches(h, it->title, it->organizer, invite_kind_name(it->kind)))
			h->rows[n++] = i;
	}
	struct sort_item *items = xreallocarray(NULL, h->n_events + 1, sizeof *items);
	size_t k = 0;
	for (size_t i = 0; i < h->n_events; i++) {
		const struct report_event *e = &h->events[i];
		if (matches(h, e->title, e->organizer, e->kind))
			items[k++] = (struct sort_item){ e, n_review + i, h->sort };
	}
	qsort(items, k, sizeof *items, compare_items);
	for (size_t i = 0; i < k; i++)
		h->rows[n++] = items[i].row;
	free(items);
	h->n_rows = n;
	h->cursor = n == 0 ? 0 : old < n ? old : n - 1;
	for (size_t r = 0; selected != 0 && r < n; r++) {
		if (id_at(h, h->rows[r]) == selected) {
			h->cursor = r;
			break;
		}
	}
}

void app_history_set_filter(struct app_history *h, const char *text)
{
	int64_t selected = app_history_selected_id(h);
	snprintf(h->filter, sizeof h->filter, "%s", text != NULL ? text : "");
	rebuild_rows(h, selected);
}

void app_history_cycle_sort(struct app_history *h)
{
	int64_t selected = app_history_selected_id(h);
	h->sort = (enum history_sort)((h->sort + 1) % HSORT_COUNT);
	rebuild_rows(h, selected);
}

const char *app_history_sort_name(enum history_sort s)
{
	static const char *const names[HSORT_COUNT] = {
		"date", "revenue", "revenue per hour", "hours", "score",
	};
	return (unsigned)s < HSORT_COUNT ? names[s] : "";
}

size_t app_history_loaded(const struct app_history *h)
{
	return h->n_events;
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

static enum wit_status load_months(struct app_history *h, struct app_ctx *ctx, char **why)
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

/* All time: every event with an outcome, by the score band of its
 * newest live scored decision. */
static enum wit_status load_calibration(struct app_history *h, struct app_ctx *ctx, char **why)
{
	struct calib_band bands[CALIB_BANDS];
	int64_t unscored = 0;
	enum wit_status st = db_report_calibration(ctx->db, REPORT_OPEN_FROM, REPORT_OPEN_TO, bands,
	                                           &unscored, why);
	if (st != WIT_OK)
		return st;
	memcpy(h->calib, bands, sizeof bands);
	h->calib_unscored = unscored;
	h->has_calib = true;
	return WIT_OK;
}

/* All time, from the summary table: one row per organizer. */
static enum wit_status load_organizers(struct app_history *h, struct app_ctx *ctx, char **why)
{
	struct report_row *rows;
	size_t n;
	enum wit_status st = db_report_aggregate(ctx->db, REPORT_BY_ORGANIZER, REPORT_OPEN_FROM,
	                                         REPORT_OPEN_TO, &rows, &n, why);
	if (st != WIT_OK)
		return st;
	db_report_free_rows(h->organizers, h->n_organizers);
	h->organizers = rows;
	h->n_organizers = n;
	h->has_organizers = true;
	return WIT_OK;
}

enum wit_status app_history_load(struct app_history *h, struct app_ctx *ctx, char **why)
{
	int64_t selected = app_history_selected_id(h);
	bool was_review = app_history_row_awaiting(h, h->cursor) != NULL;
	size_t old = h->cursor;
	struct review_item *aw;
	size_t n_aw;
	enum wit_status st = db_review_awaiting(ctx->db, ctx->now, &aw, &n_aw, why);
	if (st != WIT_OK)
		return st;
	struct review_item *fu = NULL;
	size_t n_fu = 0;
	st = db_review_follow_ups(ctx->db, ctx->now, h->follow_limit, &fu, &n_fu, why);
	struct report_event *ev = NULL;
	size_t n = 0;
	if (st == WIT_OK)
		st = db_report_events(ctx->db, ctx->now, APP_HISTORY_EVENTS, &ev, &n, why);
	if (st != WIT_OK) {
		db_review_free_all(aw, n_aw);
		db_review_free_all(fu, n_fu);
		return st;
	}
	db_review_free_all(h->awaiting, h->n_awaiting);
	db_review_free_all(h->follow_ups, h->n_follow_ups);
	db_report_free_events(h->events, h->n_events);
	h->awaiting = aw;
	h->n_awaiting = n_aw;
	h->follow_ups = fu;
	h->n_follow_ups = n_fu;
	h->events = ev;
	h->n_events = n;
	/* the same invitation stays selected, else the same row; but an
	 * event that left the review rows (logged, settled) leaves the
	 * cursor there, on the next one to review */
	rebuild_rows(h, selected);
	if (was_review && h->n_rows > 0 && app_history_row_awaiting(h, h->cursor) == NULL)
		h->cursor = old < h->n_rows ? old : h->n_rows - 1;
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
	h->has_organizers = false;
	if (st == WIT_OK && h->aggr == HAGGR_ORGANIZER)
		st = load_organizers(h, ctx, why);
	h->has_calib = false;
	if (st == WIT_OK && h->aggr == HAGGR_CALIBRATION)
		st = load_calibration(h, ctx, why);
	if (st == WIT_OK)
		st = app_history_set_model(h, ctx, h->model, why);
	return st;
}

bool app_history_has_more_follow_ups(const struct app_history *h)
{
	return h->n_follow_ups >= h->follow_limit;
}

enum wit_status app_history_more_follow_ups(struct app_history *h, struct app_ctx *ctx,
                                            char **why)
{
	if (!app_history_has_more_follow_ups(h))
		return WIT_OK;
	int64_t selected = app_history_selected_id(h);
	struct review_item *fu;
	size_t n;
	enum wit_status st = db_review_follow_ups(ctx->db, ctx->now,
	                                          h->follow_limit + APP_HISTORY_FOLLOW_PAGE,
	                                          &fu, &n, why);
	if (st != WIT_OK)
		return st;
	db_review_free_all(h->follow_ups, h->n_follow_ups);
	h->follow_ups = fu;
	h->n_follow_ups = n;
	h->follow_limit += APP_HISTORY_FOLLOW_PAGE;
	rebuild_rows(h, selected);
	return WIT_OK;
}

const struct report_event *app_history_find_event(const struct app_history *h, int64_t id)
{
	for (size_t i = 0; i < h->n_events; i++)
		if (h->events[i].invitation_id == id)
			return &h->events[i];
	return NULL;
}

enum wit_status app_history_cycle_aggregate(struct app_history *h, struct app_ctx *ctx,
                                            char **why)
{
	enum history_aggr g = (enum history_aggr)((h->aggr + 1) % HAGGR_COUNT);
	enum wit_status st = WIT_OK;
	if (g == HAGGR_ORGANIZER && !h->has_organizers)
		st = load_organizers(h, ctx, why);
	if (g == HAGGR_CALIBRATION && !h->has_calib)
		st = load_calibration(h, ctx, why);
	if (st == WIT_OK)
		h->aggr = g;
	return st;
}

const char *app_history_aggregate_name(enum history_aggr g)
{
	static const char *const names[HAGGR_COUNT] = { "kind", "organizer", "month",
	                                                "score band" };
	return (unsigned)g < HAGGR_COUNT ? names[g] : "";
}

/* ---- calibration: the reading ------------------------------------- */

/* Revenue per hour in minor units, as the report prints it. */
static int64_t band_rate(const struct calib_band *b)
{
	return b->sums.minutes > 0 ? money_div_round(b->sums.revenue_minor * 60, b->sums.minutes)
	                           : 0;
}

/* a / b in tenths, rounded (b > 0): what "%.1fx" shows, so the verdict
 * and the figure printed never disagree at the 1.5x edge. */
static int64_t tenths(int64_t a, int64_t b)
{
	return (a * 20 + b) / (b * 2);
}

/*
 * The rule (README, "Reviewing outcomes"): take the highest and the
 * lowest score band with at least CALIB_MIN_EVENTS decided events and
 * compare their revenue per hour. High earns 1.5x low or more (or low
 * earned nothing while high earned something): high scores paid off.
 * Low earns 1.5x high or more: they did not, the weights deserve a look.
 * Anything in between, or no revenue in either: no clear link.
 */
enum calib_verdict app_history_calib_reading(const struct calib_band bands[CALIB_BANDS],
                                             char *buf, size_t len)
{
	int lo = -1, hi = -1;
	for (int b = 0; b < CALIB_BANDS; b++) {
		if (bands[b].sums.events < CALIB_MIN_EVENTS)
			continue;
		if (lo < 0)
			lo = b;
		hi = b;
	}
	if (lo < 0 || lo == hi) {
		snprintf(buf, len, "too few decided events to tell: %d in each of two score bands "
		         "needed", CALIB_MIN_EVENTS);
		return CALIB_TOO_FEW;
	}
	char pair[32];
	snprintf(pair, sizeof pair, "(%d-%d vs %d-%d)", bands[hi].lo, bands[hi].hi, bands[lo].lo,
	         bands[lo].hi);
	int64_t rh = band_rate(&bands[hi]), rl = band_rate(&bands[lo]);
	int64_t up = rl > 0 ? tenths(rh, rl) : 0, down = rh > 0 ? tenths(rl, rh) : 0;
	if (rh > 0 && rl == 0) {
		snprintf(buf, len, "high scores paid off: low scores brought no revenue %s", pair);
		return CALIB_PAID_OFF;
	}
	if (up >= 15) {
		snprintf(buf, len, "high scores paid off: %lld.%lldx the revenue per hour of low "
		         "scores %s", (long long)(up / 10), (long long)(up % 10), pair);
		return CALIB_PAID_OFF;
	}
	if (rl > 0 && (rh == 0 || down >= 15)) {
		if (rh == 0)
			snprintf(buf, len, "high scores did not pay off: only low scores brought "
			         "revenue %s; revisit the weights", pair);
		else
			snprintf(buf, len, "high scores did not pay off: low scores brought %lld.%lldx "
			         "the revenue per hour %s; revisit the weights", (long long)(down / 10),
			         (long long)(down % 10), pair);
		return CALIB_REVERSED;
	}
	if (rh == 0)
		snprintf(buf, len, "no clear link between score and outcome: no revenue in either "
		         "band %s", pair);
	else
		snprintf(buf, len, "no clear link between score and outcome: within 1.5x in revenue "
		         "per hour %s", pair);
	return CALIB_NO_LINK;
}

enum wit_status app_history_set_model(struct app_history *h, struct app_ctx *ctx,
                                      enum attrib_model m, char **why)
{
	struct attrib_report r;
	/* the tab's tree is in the user's currency: other deals are in
	 * `worthit report --attribution`, never added to these */
	const char *mine = config_currency(ctx->cfg);
	enum wit_status st = db_report_attribution_in(ctx->db, m, REPORT_OPEN_FROM, REPORT_OPEN_TO,
	                                              mine, mine, &r, why);
	if (st != WIT_OK) {
		db_report_attribution_done(&r);
		return st;
	}
	db_report_attribution_done(&h->attrib);
	h->attrib = r;
	h->model = m;
	return WIT_OK;
}

size_t app_history_rows(const struct app_history *h)
{
	return h->n_rows;
}

const struct review_item *app_history_row_awaiting(const struct app_history *h, size_t i)
{
	return i < h->n_rows ? review_at(h, h->rows[i]) : NULL;
}

const struct report_event *app_history_row_event(const struct app_history *h, size_t i)
{
	return i < h->n_rows ? event_at(h, h->rows[i]) : NULL;
}

const struct report_event *app_history_selected(const struct app_history *h)
{
	return app_history_row_event(h, h->cursor);
}

int64_t app_history_selected_id(const struct app_history *h)
{
	const struct review_item *it = app_history_row_awaiting(h, h->cursor);
	if (it != NULL)
		return it->invitation_id;
	const struct report_event *e = app_history_selected(h);
	return e != NULL ? e->invitation_id : 0;
}
