/*
 * rank.c: ranking scored invitations (a radix sort when the input
 * comes in start order, as database lists do, else a merge sort; both
 * into caller-owned scratch, no allocation) and the component-by-
 * component comparisons behind `worthit why` and the "top reasons" of
 * `worthit score`. Pure core: no I/O.
 */
#include "worthit/rank.h"

#include <math.h>
#include <stdbool.h>
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

/* rank_compare(a, b) < 0 without branches: merging random scores
 * mispredicts every other branch, which costs more than the compares. */
static inline int ranks_above(const struct rank_item *a, const struct rank_item *b)
{
	return (a->total > b->total) |
	       ((a->total == b->total) &
	        ((a->starts_at < b->starts_at) | ((a->starts_at == b->starts_at) & (a->id < b->id))));
}

static void merge(const struct rank_item *src, struct rank_item *dst, size_t lo, size_t mid,
                  size_t hi)
{
	size_t i = lo, j = mid, k = lo;
	while (i < mid && j < hi) {
		int take_right = ranks_above(&src[j], &src[i]);
		const struct rank_item *p = take_right ? &src[j] : &src[i];
		dst[k++] = *p;
		j += (size_t)take_right;
		i += (size_t)!take_right;
	}
	while (i < mid)
		dst[k++] = src[i++];
	while (j < hi)
		dst[k++] = src[j++];
}

#define RUN 8 /* runs sorted by insertion before merging */

static void merge_sort(struct rank_item *items, size_t n, struct rank_item *tmp)
{
	for (size_t i = 0; i < n; i += RUN)
		insertion_sort(items + i, n - i < RUN ? n - i : RUN);
	struct rank_item *src = items, *dst = tmp;
	for (size_t width = RUN; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			merge(src, dst, lo, mid, hi);
		}
		struct rank_item *t = src;
		src = dst;
		dst = t;
	}
	if (src != items)
		memcpy(items, src, n * sizeof *items);
}

/*
 * The fast path, for input already in (start, id) order (as lists come
 * from the database): a stable LSD radix sort on the score quantised to
 * 2^-20 points, so equal keys keep start order, then an exact fix-up of
 * the (rare, short) runs of equal keys with rank_compare. Scratch: two
 * arrays of (key, index) pairs, 16n bytes, inside tmp's 32n.
 */
#define QBITS 20
#define DIGIT 9
#define PASSES 3 /* 27 bits: 100 * 2^20 < 2^27 */

struct keyed {
	uint32_t key;
	uint32_t index;
};

/* One stable pass on the digit at shift, with its bucket starts
 * already counted. */
static void radix_pass(const struct keyed *src, struct keyed *dst, size_t n, int shift,
                       size_t count[1 << DIGIT])
{
	size_t pos = 0;
	for (size_t b = 0; b < (1u << DIGIT); b++) {
		size_t c = count[b];
		count[b] = pos;
		pos += c;
	}
	for (size_t i = 0; i < n; i++)
		dst[count[(src[i].key >> shift) & ((1u << DIGIT) - 1)]++] = src[i];
}

/* items[k] = old items[order[k].index], following cycles in place;
 * done positions are marked in the index's top bit. */
static void permute(struct rank_item *items, struct keyed *order, size_t n)
{
	const uint32_t done = 1u << 31;
	for (size_t s = 0; s < n; s++) {
		if (order[s].index & done)
			continue;
		struct rank_item first = items[s];
		size_t k = s;
		for (;;) {
			size_t j = order[k].index;
			order[k].index |= done;
			if (j == s) {
				items[k] = first;
				break;
			}
			items[k] = items[j];
			k = j;
		}
	}
}

/* False, with items untouched, when the fast path does not apply:
 * a total outside 0..100 (or NaN) or items not in (start, id) order.
 * The keys and the digit counts of every pass are made in the one
 * pass that checks. */
static bool radix_sort(struct rank_item *items, size_t n, struct rank_item *tmp)
{
	if (n >= (size_t)1 << 31)
		return false;
	struct keyed *a = (struct keyed *)(void *)tmp, *b = a + n;
	const double q = (double)(1u << QBITS);
	const uint32_t top = (uint32_t)(100.0 * q);
	size_t count[PASSES][1 << DIGIT];
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < n; i++) {
		const struct rank_item *v = &items[i];
		if (!(v->total >= 0.0 && v->total <= 100.0))
			return false;
		if (i > 0 && (v->starts_at < v[-1].starts_at ||
		              (v->starts_at == v[-1].starts_at && v->id <= v[-1].id)))
			return false;
		uint32_t key = top - (uint32_t)(v->total * q);
		a[i] = (struct keyed){ key, (uint32_t)i };
		for (int p = 0; p < PASSES; p++)
			count[p][(key >> (p * DIGIT)) & ((1u << DIGIT) - 1)]++;
	}
	for (int p = 0; p < PASSES; p++) {
		radix_pass(a, b, n, p * DIGIT, count[p]);
		struct keyed *t = a;
		a = b;
		b = t;
	}
	/* equal keys: exact order inside the run */
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && a[j].key == a[i].key)
			j++;
		for (size_t x = i + 1; x < j; x++) {
			struct keyed k = a[x];
			size_t y = x;
			while (y > i && rank_compare(&items[k.index], &items[a[y - 1].index]) < 0) {
				a[y] = a[y - 1];
				y--;
			}
			a[y] = k;
		}
		i = j;
	}
	permute(items, a, n);
	return true;
}

void rank_sort(struct rank_item *items, size_t n, struct rank_item *tmp)
{
	if (tmp == NULL || n <= RUN)
		insertion_sort(items, n);
	else if (!radix_sort(items, n, tmp))
		merge_sort(items, n, tmp);
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
		if (delta != 0.0 && !score_component_is_cost(c))
			out[n++] = (struct rank_diff){ (enum score_component)c, delta };
	}
	sort_diffs(out, n);
	/* cost terms earn no points (delta 0), listed after, when they differ */
	for (int c = SC_COST_FIRST_; c < SC_COUNT; c++)
		if (a->part[c].raw * a->part[c].weight != b->part[c].raw * b->part[c].weight)
			out[n++] = (struct rank_diff){ (enum score_component)c, 0.0 };
	return n;
}

/* What each term does to the score: the score minus the score with that
 * term's weight at 0 (score.h's score_total_of, so no component needs
 * a "neutral" value of its own): value terms lift (> 0), cost terms
 * drag (< 0). */
size_t rank_reasons(const struct score_result *r, const struct score_settings *s,
                    struct rank_diff out[SC_COUNT])
{
	(void)s;
	double w[SC_COUNT], raw[SC_COUNT];
	for (int c = 0; c < SC_COUNT; c++) {
		w[c] = r->part[c].weight;
		raw[c] = r->part[c].raw;
	}
	size_t n = 0;
	for (int c = 0; c < SC_COUNT; c++) {
		if (w[c] <= 0.0 || raw[c] <= 0.0)
			continue;
		double keep = w[c];
		w[c] = 0.0;
		double impact = r->total - score_total_of(w, raw, NULL, NULL);
		w[c] = keep;
		if (fabs(impact) > 1e-9)
			out[n++] = (struct rank_diff){ (enum score_component)c, impact };
	}
	sort_diffs(out, n);
	return n;
}
