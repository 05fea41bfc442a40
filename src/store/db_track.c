/*
 * db_track.c: track records (see db_track.h): the per (kind, organizer,
 * series) sums the track_summary triggers keep (db_schema.c, migration
 * 3), less the few outcomes of invitations starting after `before`,
 * folded here into per-kind totals and sorted per-organizer and
 * per-series arrays for binary search. It reads only; the outcome rows
 * are written by db_outcome.c.
 */
#include "worthit/db_track.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static void add_track(struct score_track *dst, const struct score_track *src)
{
	dst->events += src->events;
	dst->hours += src->hours;
	dst->leads += src->leads;
	dst->deals += src->deals;
	dst->revenue_minor += src->revenue_minor;
}

/* Add src under key to the (unsorted, possibly repeated) array. */
static void push(struct track_entry **v, size_t *n, size_t *cap, const char *key,
                 const struct score_track *src)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n] = (struct track_entry){ xstrdup(key), *src };
	(*n)++;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct track_entry *)a)->key, ((const struct track_entry *)b)->key);
}

/* Sort and merge entries with equal keys. */
static void fold(struct track_entry *v, size_t *n)
{
	if (*n == 0)
		return;
	qsort(v, *n, sizeof *v, by_key);
	size_t w = 0;
	for (size_t r = 1; r < *n; r++) {
		if (strcmp(v[r].key, v[w].key) == 0) {
			add_track(&v[w].t, &v[r].t);
			free(v[r].key);
		} else {
			v[++w] = v[r];
		}
	}
	*n = w + 1;
}

/* The sums kept by triggers (track_summary, migration 3), less the
 * outcomes of invitations starting at or after ?1 (few: logged ahead,
 * or accepted events still to come), found through the (status,
 * starts_at) index. Both halves grouped and sorted by key, so equal
 * keys are adjacent after the merge sort in db_track_load. */
#define TRACK_MIN \
	"CASE WHEN o.actual_minutes > 0 THEN o.actual_minutes ELSE (i.ends_at - i.starts_at) / 60 " \
	"+ CASE WHEN i.reach = 'virtual' THEN 0 ELSE 2 * i.travel_min END + i.prep_min END"
static const char track_sql[] =
	"SELECT kind, organizer, series, events, minutes, leads, deals, revenue_minor "
	"FROM track_summary UNION ALL "
	"SELECT i.kind, coalesce(i.organizer, ''), coalesce(i.series, ''), -count(*), "
	"-sum(" TRACK_MIN "), -sum(o.leads), -sum(o.deals), -sum(o.revenue_minor) "
	"FROM invitation i INDEXED BY invitation_by_status_start "
	"JOIN outcome o ON o.invitation_id = i.id "
	"WHERE i.status IN ('attended', 'accepted') AND i.starts_at >= ?1 GROUP BY 1, 2, 3 "
	"ORDER BY 1, 2, 3";

/* One (kind, organizer, series) group in whole minutes, so that the
 * subtraction above is exact before hours are derived. */
struct track_group {
	int64_t events, minutes, leads, deals, revenue_minor;
};

static void add_group(struct track_book *out, const char *kind_name, const char *org,
                      const char *series, const struct track_group *g, size_t *cap_o,
                      size_t *cap_s)
{
	if (g->events <= 0)
		return;
	struct score_track t = {
		.events = (int)g->events,
		.hours = (double)g->minutes / 60.0,
		.leads = (int)g->leads,
		.deals = (int)g->deals,
		.revenue_minor = g->revenue_minor,
	};
	int kind = invite_kind_from_name(kind_name);
	add_track(&out->by_kind[kind >= 0 ? kind : KIND_OTHER], &t);
	if (*org != '\0')
		push(&out->by_organizer, &out->n_organizer, cap_o, org, &t);
	if (*series != '\0')
		push(&out->by_series, &out->n_series, cap_s, series, &t);
}

/* Column col's text ("" for NULL: the key columns never are). */
static const char *text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s != NULL ? s : "";
}

static bool same_key(sqlite3_stmt *st, const char *kind, const char *org, const char *series)
{
	return strcmp(text(st, 0), kind) == 0 && strcmp(text(st, 1), org) == 0 &&
	       strcmp(text(st, 2), series) == 0;
}

enum wit_status db_track_load(struct db *db, int64_t before, struct track_book *out,
                              char **why)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_prepare(db, track_sql, why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, before);
	size_t cap_o = 0, cap_s = 0;
	char *kind = NULL, *org = NULL, *series = NULL;
	struct track_group g = { 0 };
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (kind == NULL || !same_key(st, kind, org, series)) {
			if (kind != NULL)
				add_group(out, kind, org, series, &g, &cap_o, &cap_s);
			free(kind);
			free(org);
			free(series);
			kind = xstrdup(text(st, 0));
			org = xstrdup(text(st, 1));
			series = xstrdup(text(st, 2));
			memset(&g, 0, sizeof g);
		}
		g.events += sqlite3_column_int64(st, 3);
		g.minutes += sqlite3_column_int64(st, 4);
		g.leads += sqlite3_column_int64(st, 5);
		g.deals += sqlite3_column_int64(st, 6);
		g.revenue_minor += sqlite3_column_int64(st, 7);
	}
	if (kind != NULL && rc == SQLITE_DONE)
		add_group(out, kind, org, series, &g, &cap_o, &cap_s);
	free(kind);
	free(org);
	free(series);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "summing past outcomes", why);
	fold(out->by_organizer, &out->n_organizer);
	fold(out->by_series, &out->n_series);
	return WIT_OK;
}

void db_track_done(struct track_book *b)
{
	for (size_t i = 0; i < b->n_organizer; i++)
		free(b->by_organizer[i].key);
	for (size_t i = 0; i < b->n_series; i++)
		free(b->by_series[i].key);
	free(b->by_organizer);
	free(b->by_series);
	memset(b, 0, sizeof *b);
}

static void find(const struct track_entry *v, size_t n, const char *key, struct score_track *out)
{
	memset(out, 0, sizeof *out);
	if (key == NULL || *key == '\0' || n == 0)
		return;
	struct track_entry probe = { (char *)(uintptr_t)key, { 0 } };
	const struct track_entry *e = bsearch(&probe, v, n, sizeof *v, by_key);
	if (e != NULL)
		*out = e->t;
}

void db_track_lookup(const struct track_book *b, const struct invitation *inv,
                     struct score_track out[TRACK_LEVEL_COUNT])
{
	unsigned kind = (unsigned)inv->kind < KIND_COUNT ? (unsigned)inv->kind : KIND_OTHER;
	out[TRACK_KIND] = b->by_kind[kind];
	find(b->by_organizer, b->n_organizer, inv->organizer, &out[TRACK_ORGANIZER]);
	find(b->by_series, b->n_series, inv->series, &out[TRACK_SERIES]);
}
