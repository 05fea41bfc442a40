/*
 * preview.h: the live re-ranking of the weights view (and `bench
 * preview`): pending invitations ranked under the weights being edited,
 * each row with its movement against the ranking under the saved
 * settings and whether its verdict changed. Pure core: no I/O; memory
 * is allocated by preview_init() only, never per update.
 *
 * A keystroke usually changes a weight or a threshold, which leaves
 * every component's raw term as it was: the update then recomputes
 * each total from the stored raw terms (score.h's score_total_of, the
 * engine's own function, so the totals are bit-identical to
 * score_finish's) and re-ranks. A change of
 * a formula parameter recomputes the raw values first (one compiled
 * score_plan, then arithmetic per input). Movement and verdicts are
 * computed per row on demand, for the rows on screen.
 */
#ifndef WORTHIT_PREVIEW_H
#define WORTHIT_PREVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/config.h"
#include "worthit/rank.h"
#include "worthit/score.h"

struct preview {
	size_t n;
	const struct score_input *in; /* borrowed: the caller's prepared inputs */
	double *raw;                  /* n x SC_COUNT: invitation i at raw[i * SC_COUNT] */
	unsigned char *is_conflict;   /* 1: gated, verdict always skip */
	struct rank_item *base;       /* start, id and index of each input, in
	                                 input order: the items before totals */
	uint32_t *saved_pos;          /* rank of each invitation under the saved settings */
	unsigned char *saved_verdict; /* enum score_verdict under the saved settings */
	struct score_settings raw_settings; /* the knobs the raw values were computed with */
	struct rank_item *items;      /* the ranking under the last update, best first */
	struct rank_item *tmp;        /* rank_sort scratch */
};

/* Rank in[0..n) (best given in database start order: rank_sort's fast
 * path) under the saved settings. in must stay valid and unchanged
 * until preview_done(). Allocates; pair with preview_done(). */
void preview_init(struct preview *p, const struct score_input *in, size_t n,
                  const struct wit_config *saved);
void preview_done(struct preview *p);

/* Re-rank under edited (same profile, windows, rate and context as
 * saved: those need a new score_prepare and preview_init). */
void preview_update(struct preview *p, const struct wit_config *edited);

/* Positions row r (0 = top) moved up (> 0) or down (< 0) against the
 * saved ranking. */
int preview_moved(const struct preview *p, size_t r);
/* The verdict of row r under edited's thresholds. */
enum score_verdict preview_verdict(const struct preview *p, size_t r,
                                   const struct wit_config *edited);
/* True when that verdict differs from the one under the saved settings. */
bool preview_is_new_verdict(const struct preview *p, size_t r, const struct wit_config *edited);

#endif
