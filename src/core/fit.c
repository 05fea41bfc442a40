/*
 * fit.c: non-negative ridge regression of outcomes on component raw
 * values, and its rescaling to suggested weights (see fit.h for the
 * model and docs/weights.md for the reasoning). Pure core: no I/O, no
 * heap (the refusal messages aside).
 *
 * Everything is computed from sums: the augmented Gram matrix Z'Z and
 * Z'y with z = (1, x[0], ..., x[SC_COUNT-1]), x[c] a value term per
 * hour of cost (score v2). A cross-validation fold's
 * training sums are the full sums minus the fold's own, so the five
 * folds cost five more solves, not five more passes over the data.
 * The constrained least-squares problem is solved exactly by trying
 * every support set S of the informed components: with the intercept
 * and S free, the normal equations give theta; a solution with every
 * slope >= 0 is feasible, and the feasible one with the lowest
 * objective is the constrained optimum (the optimum is the
 * unconstrained optimum on its own support).
 */
#include "worthit/fit.h"

#include <math.h>
#include <string.h>

#define P (SC_COUNT + 1) /* intercept + one slope per component */
#define VAR_EPS 1e-10    /* a raw value varying less than this is constant */

struct gram {
	double a[P][P]; /* sum of z z' */
	double b[P];    /* sum of z y */
	double yy;      /* sum of y² */
	double n;       /* events */
};

void fit_options_init(struct fit_options *o, enum fit_target target, int64_t rate_minor,
                      const struct score_settings *s)
{
	memset(o, 0, sizeof *o);
	o->target = target;
	o->rate_minor = rate_minor;
	o->lead_value_hours = s->knob[KNOB_LEAD_VALUE_HOURS];
	o->ridge = FIT_RIDGE_DEFAULT;
	o->is_log = target == FIT_VALUE_PER_HOUR;
	for (int c = 0; c < SC_COUNT; c++)
		o->current[c] = s->knob[c];
}

const char *fit_target_name(enum fit_target t)
{
	return t == FIT_RATING ? "rating" : "value";
}

int fit_target_from_name(const char *name)
{
	if (strcmp(name, "value") == 0)
		return FIT_VALUE_PER_HOUR;
	if (strcmp(name, "rating") == 0)
		return FIT_RATING;
	return -1;
}

bool fit_event_outcome(const struct fit_event *e, const struct fit_options *o, double *y)
{
	if (o->target == FIT_RATING) {
		if (e->rating < 1 || e->rating > 5)
			return false;
		*y = o->is_log ? log1p(e->rating) : e->rating;
		return true;
	}
	if (!(e->hours > 0) || o->rate_minor <= 0)
		return false;
	double rate = (double)o->rate_minor;
	double value = (double)e->revenue_minor + e->leads * o->lead_value_hours * rate;
	*y = value / e->hours / rate;
	if (o->is_log)
		*y = log1p(*y);
	return true;
}

static void z_of(const struct fit_event *e, double z[P])
{
	/* score v2: a value term per hour of cost (both in hours of the
	 * rate) predicts value per hour; the cost terms and the balance
	 * multiplier are not fitted (z = 0: never informed, they keep their
	 * current weight) */
	double cost = e->raw[SC_COST] > 1e-9 ? e->raw[SC_COST] : 1e-9;
	z[0] = 1.0;
	for (int c = 0; c < SC_COUNT; c++)
		z[c + 1] = c <= SC_VALUE_LAST_ ? e->raw[c] / cost : 0.0;
}

static void gram_add(struct gram *g, const double z[P], double y, double sign)
{
	for (int i = 0; i < P; i++) {
		for (int j = 0; j < P; j++)
			g->a[i][j] += sign * z[i] * z[j];
		g->b[i] += sign * z[i] * y;
	}
	g->yy += sign * y * y;
	g->n += sign;
}

/* In-place Cholesky solve of m x = r (k x k, leading part of P x P);
 * false when m is not positive definite. */
static bool cholesky_solve(double m[P][P], double r[P], int k)
{
	for (int j = 0; j < k; j++) {
		double d = m[j][j];
		for (int t = 0; t < j; t++)
			d -= m[j][t] * m[j][t];
		if (!(d > 1e-12 * (1.0 + fabs(m[j][j]))))
			return false;
		m[j][j] = sqrt(d);
		for (int i = j + 1; i < k; i++) {
			double s = m[i][j];
			for (int t = 0; t < j; t++)
				s -= m[i][t] * m[j][t];
			m[i][j] = s / m[j][j];
		}
	}
	for (int i = 0; i < k; i++) { /* L u = r */
		double s = r[i];
		for (int t = 0; t < i; t++)
			s -= m[i][t] * r[t];
		r[i] = s / m[i][i];
	}
	for (int i = k - 1; i >= 0; i--) { /* L' x = u */
		double s = r[i];
		for (int t = i + 1; t < k; t++)
			s -= m[t][i] * r[t];
		r[i] = s / m[i][i];
	}
	return true;
}

/*
 * Minimise |y - a - X beta|² + sum lambda[c] beta[c]² over beta >= 0
 * (only informed components; the rest stay 0). theta[0] = a,
 * theta[c + 1] = beta[c]. False when even the intercept alone cannot
 * be solved (no events).
 */
static bool solve(const struct gram *g, const bool informed[SC_COUNT], double ridge,
                  double theta[P])
{
	double lambda[SC_COUNT] = {0};
	int idx[SC_COUNT], m = 0;
	for (int c = 0; c < SC_COUNT; c++) {
		if (!informed[c] || !(g->n > 0))
			continue;
		double mean = g->a[0][c + 1] / g->n;
		double var = g->a[c + 1][c + 1] / g->n - mean * mean;
		lambda[c] = ridge * g->n * (var > 0 ? var : 0);
		idx[m++] = c;
	}
	double best = INFINITY;
	for (unsigned mask = 0; mask < (1u << m); mask++) {
		int var_of[P], k = 1;
		var_of[0] = -1;
		for (int t = 0; t < m; t++)
			if (mask & (1u << t))
				var_of[k++] = idx[t];
		double mm[P][P], r[P];
		for (int i = 0; i < k; i++) {
			int zi = var_of[i] + 1;
			for (int j = 0; j < k; j++)
				mm[i][j] = g->a[zi][var_of[j] + 1];
			mm[i][i] += i > 0 ? lambda[var_of[i]] : 0.0;
			r[i] = g->b[zi];
		}
		double rhs[P];
		memcpy(rhs, r, sizeof rhs);
		if (!cholesky_solve(mm, r, k))
			continue;
		bool feasible = true;
		for (int i = 1; i < k && feasible; i++)
			feasible = r[i] >= 0;
		if (!feasible)
			continue;
		double f = 0; /* objective at the solution: -1/2 rhs' theta */
		for (int i = 0; i < k; i++)
			f -= 0.5 * rhs[i] * r[i];
		if (f < best) {
			best = f;
			memset(theta, 0, sizeof(double) * P);
			for (int i = 0; i < k; i++)
				theta[var_of[i] + 1] = r[i];
		}
	}
	return best < INFINITY;
}

static double predict(const double theta[P], const double z[P])
{
	double s = 0;
	for (int i = 0; i < P; i++)
		s += theta[i] * z[i];
	return s;
}

/* Sums over the usable events, all and per fold; which components vary. */
static void accumulate(const struct fit_event *ev, size_t n, const struct fit_options *o,
                       struct gram *all, struct gram fold[FIT_FOLDS])
{
	memset(all, 0, sizeof *all);
	memset(fold, 0, sizeof(struct gram) * FIT_FOLDS);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		double y, z[P];
		if (!fit_event_outcome(&ev[i], o, &y))
			continue;
		z_of(&ev[i], z);
		gram_add(all, z, y, 1.0);
		gram_add(&fold[k++ % FIT_FOLDS], z, y, 1.0);
	}
}

/* Squared errors of theta over the usable events of one fold (or all,
 * fold < 0). */
static double sse(const struct fit_event *ev, size_t n, const struct fit_options *o,
                  const double theta[P], int fold)
{
	double s = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		double y, z[P];
		if (!fit_event_outcome(&ev[i], o, &y))
			continue;
		if (fold < 0 || (int)(k % FIT_FOLDS) == fold) {
			z_of(&ev[i], z);
			double e = y - predict(theta, z);
			s += e * e;
		}
		k++;
	}
	return s;
}

static void cross_validate(const struct fit_event *ev, size_t n, const struct fit_options *o,
                           const struct gram *all, const struct gram fold[FIT_FOLDS],
                           const bool informed[SC_COUNT], double sst, struct fit_result *out)
{
	double err = 0;
	for (int f = 0; f < FIT_FOLDS; f++) {
		struct gram train = *all;
		for (int i = 0; i < P; i++) {
			for (int j = 0; j < P; j++)
				train.a[i][j] -= fold[f].a[i][j];
			train.b[i] -= fold[f].b[i];
		}
		train.yy -= fold[f].yy;
		train.n -= fold[f].n;
		double theta[P] = {0};
		if (solve(&train, informed, o->ridge, theta))
			err += sse(ev, n, o, theta, f);
	}
	out->cv_r2 = 1.0 - err / sst;
	out->cv_rmse = sqrt(err / all->n);
}

/* beta to the config scale: the informed weights keep their current
 * sum (the defaults' sum if that is 0), at most 10, step 0.1. */
static void rescale(const struct fit_options *o, struct fit_result *out, double beta_sum)
{
	double cur = 0, def = 0, top = 0;
	for (int c = 0; c < SC_COUNT; c++)
		if (out->is_informed[c]) {
			cur += o->current[c];
			def += score_knob_info((enum score_knob)c)->def;
		}
	double target = cur > 0 ? cur : def;
	for (int c = 0; c < SC_COUNT; c++) {
		if (out->is_informed[c]) {
			out->weight[c] = out->beta[c] * target / beta_sum;
			top = out->weight[c] > top ? out->weight[c] : top;
		}
	}
	const struct score_knob_info *info = score_knob_info(KNOB_W_ROOM);
	double shrink = top > info->max ? info->max / top : 1.0;
	for (int c = 0; c < SC_COUNT; c++) {
		double w = out->is_informed[c] ? out->weight[c] * shrink : o->current[c];
		w = round(w / info->step) * info->step;
		out->weight[c] = w < info->min ? info->min : w > info->max ? info->max : w;
	}
}

enum wit_status fit_weights(const struct fit_event *ev, size_t n, const struct fit_options *o,
                            struct fit_result *out, char **why)
{
	struct gram all, fold[FIT_FOLDS];
	memset(out, 0, sizeof *out);
	accumulate(ev, n, o, &all, fold);
	out->n = (size_t)all.n;
	if (out->n < FIT_MIN_EVENTS)
		return wit_fail(why, WIT_DATA,
		                "%s%zu past event%s with a logged %s: at least %d are needed "
		                "before worthit suggests weights (log outcomes with "
		                "'worthit outcome'); nothing suggested",
		                out->n == 0 ? "" : "only ", out->n, out->n == 1 ? "" : "s",
		                o->target == FIT_RATING ? "rating" : "outcome and hours",
		                FIT_MIN_EVENTS);
	out->mean_y = all.b[0] / all.n;
	double sst = all.yy - all.n * out->mean_y * out->mean_y;
	if (!(sst > 1e-12 * (1.0 + all.yy)))
		return wit_fail(why, WIT_DATA, "all %zu outcomes are equal: they cannot tell one "
		                "component from another; nothing suggested", out->n);
	int n_informed = 0;
	for (int c = 0; c < SC_COUNT; c++) {
		double mean = all.a[0][c + 1] / all.n;
		out->is_informed[c] = all.a[c + 1][c + 1] / all.n - mean * mean > VAR_EPS;
		n_informed += out->is_informed[c];
	}
	if (n_informed == 0)
		return wit_fail(why, WIT_DATA, "no score component varies across the %zu events; "
		                "nothing suggested", out->n);
	double theta[P] = {0};
	solve(&all, out->is_informed, o->ridge, theta);
	out->intercept = theta[0];
	double beta_sum = 0;
	for (int c = 0; c < SC_COUNT; c++) {
		out->beta[c] = theta[c + 1];
		beta_sum += out->beta[c];
	}
	out->r2 = 1.0 - sse(ev, n, o, theta, -1) / sst;
	cross_validate(ev, n, o, &all, fold, out->is_informed, sst, out);
	if (!(beta_sum > 0))
		return wit_fail(why, WIT_DATA, "no score component goes with better outcomes in "
		                "your %zu events (every fitted weight is 0); nothing suggested",
		                out->n);
	rescale(o, out, beta_sum);
	return WIT_OK;
}
