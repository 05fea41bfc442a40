/*
 * rank.c: ranking scored invitations (a merge sort into caller-owned
 * scratch: stable, no allocation, n log n) and the component-by-
 * component comparisons behind `worthit why` and the "top reasons" of
 * `worthit score`. Pure core: no I/O.
 */
#include "worthit/rank.h"

#include <math.h>
#include <string.h>

int rank_compare(const struct rank_item *a, const struct rank_item *b)
{
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	if (a->starts_at != b->starts_at)
		return a->starts_at < b->starts_at ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return 0;
}

static void insertion_sort(struct rank_item *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct rank_item x = v[i];
		size_t j = i;
		while (j > 0 && rank_compare(&x, &v[j - 1]) < 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

#define RUN 16 /* runs sorted by insertion before merging */

void rank_sort(struct rank_item *items, size_t n, struct rank_item *tmp)
{
	if (tmp == NULL || n <= RUN) {
		insertion_sort(items, n);
		return;
	}
	for (size_t i = 0; i < n; i += RUN)
		insertion_sort(items + i, n - i < RUN ? n - i : RUN);
	struct rank_item *src = items, *dst = tmp;
	for (size_t width = RUN; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = rank_compare(&src[j], &src[i]) < 0 ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		struct rank_item *t = src;
		src = dst;
		dst = t;
	}
	if (src != items)
		memcpy(items, src, n * sizeof *items);
}

static void sort_diffs(struct rank_diff *d, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct rank_diff x = d[i];
		size_t j = i;
		while (j > 0 && fabs(x.delta) > fabs(d[j - 1].delta)) {
			d[j] = d[j - 1];
			j--;
		}
		d[j] = x;
	}
}

size_t rank_why(const struct score_result *a, const struct score_result *b,
                struct rank_diff out[SC_COUNT])
{
	size_t n = 0;
	for (int c = 0; c < SC_COUNT; c++) {
		double delta = a->part[c].contribution - b->part[c].contribution;
		if (delta != 0.0)
			out[n++] = (struct rank_diff){ (enum score_component)c, delta };
	}
	sort_diffs(out, n);
	return n;
}

size_t rank_reasons(const struct score_result *r, struct rank_diff out[SC_COUNT])
{
	double wsum = 0.0;
	for (int c = 0; c < SC_COUNT; c++)
		wsum += r->part[c].weight;
	size_t n = 0;
	for (int c = 0; c < SC_COUNT && wsum > 0.0; c++) {
		if (r->part[c].weight <= 0.0)
			continue;
		double full = 100.0 * r->factor * r->part[c].weight / wsum;
		out[n++] = (struct rank_diff){ (enum score_component)c,
			                       r->part[c].contribution - 0.5 * full };
	}
	sort_diffs(out, n);
	return n;
}
