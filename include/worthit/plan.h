/*
 * plan.h: the month plan (`worthit plan`): of the pending invitations
 * of a month, the set that brings the most value net of its cost within
 * the month's networking band, with no two of them clashing. Pure core:
 * no I/O; plan_make() allocates its result (pair with plan_done()).
 *
 * Exact, not a heuristic: invitations whose busy spans (start - buffer
 * .. end + buffer, as the conflict gate widens them) do not overlap form
 * an interval graph, so with the invitations sorted by the end of their
 * span the best set is a weighted interval scheduling with a capacity:
 *     best[i][c] = max(best[i-1][c], net[i] + best[p(i)][c - w[i]])
 * p(i) the last invitation ending before i starts, w the hours in
 * quarter hours rounded up, c the room left in the band (max_hours -
 * committed) in quarter hours rounded down: O(n x C) time and memory.
 * Only invitations that are not gated and whose value exceeds their
 * cost are candidates (an invitation worth less than its hours is never
 * "planned" just to fill the band).
 */
#ifndef WORTHIT_PLAN_H
#define WORTHIT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct plan_item {
	int64_t id;
	int64_t from, to;   /* busy span, UTC seconds, from <= to */
	double hours;       /* planned hours, >= 0 */
	double value;       /* expected value, minor units, >= 0 */
	double cost;        /* cost as the score weighs it, minor units, >= 0 */
	bool is_gated;      /* a clash with an accepted/busy event, a blocked hour */
};

enum plan_reason {
	PLAN_CHOSEN,
	PLAN_GATED,       /* skip whatever its value */
	PLAN_NOT_WORTH,   /* value at most its cost */
	PLAN_CLASH,       /* its span overlaps a chosen one (clash_with) */
	PLAN_OVER_BAND,   /* no room left in the band for its hours */
};

struct plan_result {
	enum plan_reason *reason; /* per item, in the caller's order */
	int64_t *clash_with;      /* per item: PLAN_CLASH: the chosen id */
	size_t n_chosen;
	double hours;             /* chosen hours (committed not included) */
	double value, cost;       /* of the chosen, minor units */
	double capacity;          /* hours the band had left (max - committed) */
};

/* Choose among items[0..n) for a month with `committed` hours and the
 * band [lo, hi]. out is filled (and allocated) in any case. */
void plan_make(const struct plan_item *items, size_t n, double committed, double lo, double hi,
               struct plan_result *out);
void plan_done(struct plan_result *out);

#endif
