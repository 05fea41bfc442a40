/*
 * rank.h: ordering scored invitations and comparing two scores. Pure
 * core: no I/O. The order is the score, highest first, with a stable
 * tie-break: earlier start first, then lower id, so the same input
 * always gives the same ranking.
 */
#ifndef WORTHIT_RANK_H
#define WORTHIT_RANK_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/score.h"

/* One row to order; index points back into the caller's arrays. */
struct rank_item {
	double total;      /* score_result.total */
	int64_t starts_at; /* UTC seconds */
	int64_t id;        /* invitation id */
	size_t index;      /* caller's position, carried along */
};

/* <0 when a ranks above b, >0 below, 0 only for equal rows. */
int rank_compare(const struct rank_item *a, const struct rank_item *b);

/* Sort into ranking order. tmp is scratch space for n items (the
 * caller owns it, so ranking allocates nothing); NULL sorts in place
 * with an insertion sort, fine for short lists. */
void rank_sort(struct rank_item *items, size_t n, struct rank_item *tmp);

/* One component's share of a difference between two scores. */
struct rank_diff {
	enum score_component component;
	double delta; /* contribution in A minus contribution in B, points */
};

/*
 * Why A ranks where it does against B: the components whose
 * contributions differ, largest absolute difference first (ties in
 * component order), then the cost terms whose weighted raw terms
 * differ, with delta 0 (they earn no points). Returns how many were
 * written (<= SC_COUNT); the deltas add up to a->total - b->total.
 */
size_t rank_why(const struct score_result *a, const struct score_result *b,
                struct rank_diff out[SC_COUNT]);

/*
 * The reasons behind one score, strongest first: for each weighted
 * term, the score minus the score without it (its weight at 0):
 * positive for the value terms (they lift it), negative for the cost
 * terms (they drag it down). Terms that are 0 are left out. s is not
 * read (kept for the callers). Returns how many were written.
 */
size_t rank_reasons(const struct score_result *r, const struct score_settings *s,
                    struct rank_diff out[SC_COUNT]);

#endif
