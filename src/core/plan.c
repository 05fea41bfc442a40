/*
 * plan.c: the month plan (see plan.h): weighted interval scheduling with
 * a capacity, solved exactly by dynamic programming over the candidates
 * sorted by the end of their busy span. Pure core: no I/O; the table
 * and the result's arrays are the only allocations.
 *
 * Ties are broken deterministically: the DP keeps the set without an
 * invitation unless taking it is strictly better, and the candidates are
 * ordered by (end, start, id), so the same input always gives the same
 * plan.
 */
#include "worthit/plan.h"
#include "worthit/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct cand {
	int64_t to, from, id; /* the sort keys, copied (qsort has no context) */
	size_t index;  /* into the caller's items */
	int weight;    /* quarter hours, rounded up */
	double net;    /* value - cost, > 0 */
	size_t prev;   /* candidates ending at or before this one starts */
};

static int by_end(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

/* The number of candidates (a prefix of c) whose span ends at or before t. */
static size_t ending_by(const struct cand *c, size_t m, int64_t t)
{
	size_t lo = 0, hi = m;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c[mid].to <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool overlaps(const struct plan_item *a, const struct plan_item *b)
{
	return a->from < b->to && b->from < a->to;
}

/* Reasons for those not chosen: a clash with a chosen one, else no room. */
static void explain_rest(const struct plan_item *items, size_t n, struct plan_result *out)
{
	for (size_t i = 0; i < n; i++) {
		if (out->reason[i] != PLAN_OVER_BAND)
			continue;
		for (size_t j = 0; j < n; j++)
			if (out->reason[j] == PLAN_CHOSEN && overlaps(&items[i], &items[j])) {
				out->reason[i] = PLAN_CLASH;
				out->clash_with[i] = items[j].id;
				break;
			}
	}
}

static void solve(const struct plan_item *items, struct cand *c, size_t m, int cap,
                  struct plan_result *out)
{
	size_t width = (size_t)cap + 1;
	double *best = xcalloc((m + 1) * width, sizeof *best);
	for (size_t i = 1; i <= m; i++) {
		const struct cand *k = &c[i - 1];
		const double *skip = &best[(i - 1) * width], *before = &best[k->prev * width];
		double *row = &best[i * width];
		for (int w = 0; w <= cap; w++) {
			row[w] = skip[w];
			if (k->weight <= w && before[w - k->weight] + k->net > row[w])
				row[w] = before[w - k->weight] + k->net;
		}
	}
	int w = cap;
	for (size_t i = m; i > 0;) { /* back through the table */
		const struct cand *k = &c[i - 1];
		if (best[i * width + (size_t)w] == best[(i - 1) * width + (size_t)w]) {
			i--;
			continue;
		}
		const struct plan_item *it = &items[k->index];
		out->reason[k->index] = PLAN_CHOSEN;
		out->n_chosen++;
		out->hours += it->hours;
		out->value += it->value;
		out->cost += it->cost;
		w -= k->weight;
		i = k->prev;
	}
	free(best);
}

void plan_make(const struct plan_item *items, size_t n, double committed, double lo, double hi,
               struct plan_result *out)
{
	(void)lo; /* the band's bottom is reported by the caller, never forced */
	memset(out, 0, sizeof *out);
	out->reason = xcalloc(n + 1, sizeof *out->reason);
	out->clash_with = xcalloc(n + 1, sizeof *out->clash_with);
	out->capacity = hi - committed > 0.0 ? hi - committed : 0.0;
	int cap = (int)floor(out->capacity * 4.0 + 1e-9);
	struct cand *c = xcalloc(n + 1, sizeof *c);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		const struct plan_item *it = &items[i];
		if (it->is_gated) {
			out->reason[i] = PLAN_GATED;
		} else if (!(it->value > it->cost)) {
			out->reason[i] = PLAN_NOT_WORTH;
		} else {
			out->reason[i] = PLAN_OVER_BAND; /* until chosen */
			double q = ceil(it->hours * 4.0 - 1e-9);
			c[m++] = (struct cand){ it->to, it->from, it->id, i, q > 0 ? (int)q : 0,
				                it->value - it->cost, 0 };
		}
	}
	qsort(c, m, sizeof *c, by_end);
	for (size_t i = 0; i < m; i++)
		c[i].prev = ending_by(c, i, c[i].from);
	solve(items, c, m, cap, out);
	free(c);
	explain_rest(items, n, out);
}

void plan_done(struct plan_result *out)
{
	free(out->reason);
	free(out->clash_with);
	memset(out, 0, sizeof *out);
}
