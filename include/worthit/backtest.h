/*
 * backtest.h: how well a set of weights would have ranked what actually
 * paid off. Pure core: no I/O, no allocation; the caller passes scratch
 * rows (one per event) so a backtest never allocates.
 *
 * For past events with outcomes (fit.h), a set of weights gives each
 * event the score the engine would give it (the weighted mean of its
 * raw values, times its conflict factor: score.h), or the score that
 * was recorded with the decision. Two figures say how good that
 * ranking was:
 *   - Spearman's rank correlation between score and outcome (value per
 *     hour or rating), ties given their average rank; 1 = the scores
 *     put the events in exactly the order of what they brought;
 *   - revenue per hour of the top-scored quarter (the ceil(n/4) events
 *     scored highest; equal scores in event order) against the rest:
 *     total revenue / total hours of each group.
 */
#ifndef WORTHIT_BACKTEST_H
#define WORTHIT_BACKTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/fit.h"
#include "worthit/score.h"

/* Scratch row; contents are the backtest's own. */
struct backtest_row {
	double score;
	double outcome;
	double rank;           /* working rank */
	double score_rank;     /* average rank of the score, 1 = lowest */
	int64_t revenue_minor;
	double hours;
	size_t order;          /* position among the usable events */
};

struct backtest_result {
	size_t n;                     /* events backtested */
	bool has_spearman;            /* false: n < 2 or a constant side */
	double spearman;              /* -1..1 */
	size_t n_top;                 /* ceil(n / 4) */
	double top_revenue_per_hour;  /* minor units per hour; 0 with no hours */
	double rest_revenue_per_hour;
};

/* The score of e under weight[] (0..100), as score.h defines it. */
double backtest_score(const struct fit_event *e, const double weight[SC_COUNT]);

/*
 * Spearman's rho of x against y over n pairs, with average ranks for
 * ties. scratch has n rows. *defined is false (and 0 returned) when
 * n < 2 or either side is constant.
 */
double backtest_spearman(const double *x, const double *y, size_t n,
                         struct backtest_row *scratch, bool *defined);

/*
 * Backtest ev[0..n) under weight[] (NULL: use each event's recorded
 * score, skipping events without one). Events are those usable for
 * o's target (fit_event_outcome). scratch has n rows.
 */
void backtest_run(const struct fit_event *ev, size_t n, const double *weight,
                  const struct fit_options *o, struct backtest_row *scratch,
                  struct backtest_result *out);

#endif
