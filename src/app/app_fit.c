/*
 * app_fit.c: past events with recomputed component values (see
 * app_fit.h). Loads the outcomes (db_history), the invitations they
 * belong to (one db_invite_list), scores them through app_score_all and
 * app_score_enrich like the dashboard does, then replaces each track
 * record by the one known before the event started (db_track_load with
 * the event's start as the cut-off; events starting at the same time
 * share one load).
 */
#include "worthit/app_fit.h"
#include "worthit/app_score.h"
#include "worthit/db_history.h"
#include "worthit/db_invite.h"
#include "worthit/db_track.h"

#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct history_outcome *)a)->invitation_id;
	int64_t y = ((const struct history_outcome *)b)->invitation_id;
	return (x > y) - (x < y);
}

/* Move the invitations that have an outcome out of l, in l's order. */
static size_t pick(struct invitation_list *l, const struct history_outcome *sorted, size_t n,
                   struct invitation *sel)
{
	size_t m = 0;
	for (size_t i = 0; i < l->len; i++) {
		struct history_outcome key = { .invitation_id = l->items[i].id };
		if (bsearch(&key, sorted, n, sizeof *sorted, by_id) == NULL)
			continue;
		sel[m++] = l->items[i];
		invitation_init(&l->items[i]);
	}
	return m;
}

/* Track records as they stood before each event. */
static enum wit_status past_tracks(struct db *db, const struct invitation *sel, size_t m,
                                   struct score_context *ctx, char **why)
{
	struct track_book book;
	memset(&book, 0, sizeof book);
	enum wit_status st = WIT_OK;
	for (size_t i = 0; i < m && st == WIT_OK; i++) {
		if (i == 0 || sel[i].starts_at != sel[i - 1].starts_at) {
			db_track_done(&book);
			st = db_track_load(db, sel[i].starts_at, &book, why);
		}
		if (st == WIT_OK)
			db_track_lookup(&book, &sel[i], ctx[i].track);
	}
	db_track_done(&book);
	return st;
}

static void fill(struct fit_event *e, const struct invitation *inv, const struct score_context *ctx,
                 const struct wit_config *cfg, const struct history_outcome *h)
{
	struct score_input in;
	struct score_result r;
	score_prepare(inv, ctx, cfg, &in);
	score_finish(&in, cfg, &r);
	memset(e, 0, sizeof *e);
	e->invitation_id = inv->id;
	e->starts_at = inv->starts_at;
	for (int c = 0; c < SC_COUNT; c++)
		e->raw[c] = r.part[c].raw;
	e->hours = h->hours;
	e->revenue_minor = h->revenue_minor;
	e->leads = h->leads;
	e->rating = h->rating;
	e->recorded_score = h->recorded_score;
}

static enum wit_status score_past(struct db *db, const struct wit_config *cfg, int64_t now,
                                  struct invitation *sel, size_t m,
                                  const struct history_outcome *sorted, size_t n,
                                  struct fit_event *out, char **why)
{
	struct score_context *ctx = xcalloc(m + 1, sizeof *ctx);
	struct score_result *res = xcalloc(m + 1, sizeof *res);
	struct app_score_history d;
	enum wit_status st = app_score_all(db, cfg, now, sel, m, ctx, res, why);
	if (st == WIT_OK) {
		st = app_score_history_load(db, now, &d, why);
		for (size_t i = 0; i < m && st == WIT_OK; i++)
			app_score_enrich(&d, cfg, &sel[i], &ctx[i]);
		app_score_history_done(&d);
	}
	if (st == WIT_OK)
		st = past_tracks(db, sel, m, ctx, why);
	for (size_t i = 0; i < m && st == WIT_OK; i++) {
		struct history_outcome key = { .invitation_id = sel[i].id };
		const struct history_outcome *h = bsearch(&key, sorted, n, sizeof *sorted, by_id);
		fill(&out[i], &sel[i], &ctx[i], cfg, h);
	}
	free(ctx);
	free(res);
	return st;
}

enum wit_status app_fit_events(struct db *db, const struct wit_config *cfg, int64_t now,
                               struct fit_event **out, size_t *n, char **why)
{
	*out = NULL;
	*n = 0;
	struct history_outcome *hist = NULL;
	size_t nh = 0;
	enum wit_status st = db_history_outcomes(db, now, &hist, &nh, why);
	if (st != WIT_OK || nh == 0) {
		free(hist);
		return st;
	}
	qsort(hist, nh, sizeof *hist, by_id);
	struct invitation_list l;
	invitation_list_init(&l);
	struct invite_filter f = {
		.status_mask = (1u << STATUS_ACCEPTED) | (1u << STATUS_ATTENDED),
		.to = now,
		.order = ORDER_START,
	};
	st = db_invite_list(db, &f, &l, why);
	struct invitation *sel = xcalloc(nh, sizeof *sel);
	size_t m = st == WIT_OK ? pick(&l, hist, nh, sel) : 0;
	invitation_list_done(&l);
	struct fit_event *ev = xcalloc(m + 1, sizeof *ev);
	if (st == WIT_OK)
		st = score_past(db, cfg, now, sel, m, hist, nh, ev, why);
	for (size_t i = 0; i < m; i++)
		invitation_done(&sel[i]);
	free(sel);
	free(hist);
	if (st != WIT_OK) {
		free(ev);
		return st;
	}
	*out = ev;
	*n = m;
	return WIT_OK;
}
