/*
 * backtest.c: Spearman's rank correlation and top-quarter revenue per
 * hour of past events under a set of weights (see backtest.h). Pure
 * core: no I/O; sorting is qsort on the caller's scratch rows, with
 * the event order as the last key so every result is deterministic.
 */
#include "worthit/backtest.h"

#include <math.h>
#include <stdlib.h>

double backtest_score(const struct fit_event *e, const double weight[SC_COUNT])
{
	double w[SC_COUNT];
	for (int c = 0; c < SC_COUNT; c++)
		w[c] = weight[c] > 0.0 ? weight[c] : 0.0;
	return score_total_of(w, e->raw, NULL, NULL);
}

static int cmp_double(double a, double b) { return (a > b) - (a < b); }

static int by_score(const void *pa, const void *pb)
{
	const struct backtest_row *a = pa, *b = pb;
	int c = cmp_double(a->score, b->score);
	return c != 0 ? c : (a->order > b->order) - (a->order < b->order);
}

static int by_outcome(const void *pa, const void *pb)
{
	const struct backtest_row *a = pa, *b = pb;
	int c = cmp_double(a->outcome, b->outcome);
	return c != 0 ? c : (a->order > b->order) - (a->order < b->order);
}

static int by_score_desc(const void *pa, const void *pb)
{
	const struct backtest_row *a = pa, *b = pb;
	int c = cmp_double(b->score, a->score);
	return c != 0 ? c : (a->order > b->order) - (a->order < b->order);
}

/* Average ranks (1-based) of the sorted key into rows[].rank. */
static void rank_sorted(struct backtest_row *r, size_t n, bool by_scores)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		double v = by_scores ? r[i].score : r[i].outcome;
		while (j < n && (by_scores ? r[j].score : r[j].outcome) == v)
			j++;
		double avg = (double)(i + 1 + j) / 2.0; /* mean of i+1 .. j */
		for (size_t t = i; t < j; t++)
			r[t].rank = avg;
		i = j;
	}
}

/* rho over rows' score and outcome; reorders rows. */
static double rows_spearman(struct backtest_row *r, size_t n, bool *defined)
{
	*defined = false;
	if (n < 2)
		return 0.0;
	qsort(r, n, sizeof *r, by_score);
	rank_sorted(r, n, true);
	for (size_t i = 0; i < n; i++)
		r[i].score_rank = r[i].rank;
	qsort(r, n, sizeof *r, by_outcome);
	rank_sorted(r, n, false);
	double mean = (double)(n + 1) / 2.0, sxy = 0, sxx = 0, syy = 0;
	for (size_t i = 0; i < n; i++) {
		double dx = r[i].score_rank - mean, dy = r[i].rank - mean;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (!(sxx > 0) || !(syy > 0))
		return 0.0;
	*defined = true;
	return sxy / sqrt(sxx * syy);
}

double backtest_spearman(const double *x, const double *y, size_t n,
                         struct backtest_row *scratch, bool *defined)
{
	for (size_t i = 0; i < n; i++)
		scratch[i] = (struct backtest_row){ .score = x[i], .outcome = y[i], .order = i };
	return rows_spearman(scratch, n, defined);
}

static double per_hour(int64_t revenue, double hours)
{
	return hours > 0 ? (double)revenue / hours : 0.0;
}

void backtest_run(const struct fit_event *ev, size_t n, const double *weight,
                  const struct fit_options *o, struct backtest_row *scratch,
                  struct backtest_result *out)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		double y;
		if (!fit_event_outcome(&ev[i], o, &y))
			continue;
		if (weight == NULL && ev[i].recorded_score < 0)
			continue;
		scratch[m] = (struct backtest_row){
			.score = weight != NULL ? backtest_score(&ev[i], weight) : ev[i].recorded_score,
			.outcome = y,
			.revenue_minor = ev[i].revenue_minor,
			.hours = ev[i].hours,
			.order = m,
		};
		m++;
	}
	*out = (struct backtest_result){ .n = m };
	out->spearman = rows_spearman(scratch, m, &out->has_spearman);
	qsort(scratch, m, sizeof *scratch, by_score_desc);
	out->n_top = (m + 3) / 4;
	int64_t rev[2] = {0, 0};
	double hours[2] = {0, 0};
	for (size_t i = 0; i < m; i++) {
		int g = i < out->n_top ? 0 : 1;
		rev[g] += scratch[i].revenue_minor;
		hours[g] += scratch[i].hours;
	}
	out->top_revenue_per_hour = per_hour(rev[0], hours[0]);
	out->rest_revenue_per_hour = per_hour(rev[1], hours[1]);
}
