/*
 * fit.h: learning weights from the user's own outcomes. Pure core: no
 * I/O, no allocation (every work array is on the stack, sized by
 * SC_COUNT), the only heap use being the caller-freed *why message of
 * a refusal.
 *
 * Input: past decided events that have a logged outcome, each with the
 * raw term of every score component (score v2: hours of the rate). The app recomputes those
 * raw values with the current engine from the stored invitation and
 * its context as it was before the event (see app_history.h): the
 * decision journal stores only the total score and a weights snapshot,
 * and eight unknowns cannot be recovered from one total.
 *
 * Model (docs/weights.md): the outcome y of an event (log(1 + value
 * per hour in multiples of the hourly rate), or the 1..5 rating; the
 * logarithm keeps one large deal from deciding alone) is regressed on
 * x[c] = raw value term c / raw cost (score v2: value per hour of
 * cost, as the score weighs it) of the value terms that vary in the
 * data (cost terms and the balance lift are never fitted),
 *     y ≈ a + Σ beta[c] × x[c],   beta[c] >= 0, a free,
 * minimising squared error plus a small ridge penalty
 *     ridge × Σ beta[c]² × n × var(x[c])
 * (ridge on standardised components). The constraint beta >= 0 keeps
 * every suggested weight a weight (a weight cannot be negative). The problem has at most
 * SC_COUNT unknowns, so it is solved exactly by trying every support
 * set (2^SC_COUNT small Cholesky solves).
 *
 * The suggested weights are beta rescaled to the config's scale: the
 * informed components (those whose raw value varies across the events)
 * together keep the sum of their current weights, every weight is
 * rounded to the knob step (0.1) and kept within the knob range 0..10;
 * components that never vary carry no information and keep their
 * current weight.
 */
#ifndef WORTHIT_FIT_H
#define WORTHIT_FIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/score.h"
#include "worthit/status.h"

/* Fewer usable outcomes than this: refuse and suggest nothing. */
#define FIT_MIN_EVENTS 20
/* Default ridge strength (1 % diagonal loading of the Gram matrix). */
#define FIT_RIDGE_DEFAULT 0.01
/* Folds of the cross-validation (event i goes to fold i % FIT_FOLDS). */
#define FIT_FOLDS 5

enum fit_target {
	FIT_VALUE_PER_HOUR, /* (revenue + leads x lead value) / hours / rate */
	FIT_RATING          /* the 1..5 rating; unrated events are not usable */
};

/* One past event with its outcome. */
struct fit_event {
	int64_t invitation_id;
	int64_t starts_at;      /* UTC seconds */
	double raw[SC_COUNT];   /* component raw terms (score.h), >= 0 */
	double hours;           /* actual hours, travel included, >= 0 */
	int64_t revenue_minor;  /* >= 0, user's currency */
	int leads;              /* >= 0 */
	int rating;             /* 1..5, 0 = not rated */
	double recorded_score;  /* score stored with the decision, -1 = none */
};

struct fit_options {
	enum fit_target target;
	int64_t rate_minor;      /* hourly rate, minor units, > 0 */
	double lead_value_hours; /* one lead in hours of the rate (the knob) */
	double ridge;            /* >= 0; FIT_RIDGE_DEFAULT */
	bool is_log;             /* fit log(1 + y) rather than y (value per
	                            hour: one big deal must not decide alone) */
	double current[SC_COUNT]; /* the weights now (scale, kept weights) */
};

struct fit_result {
	size_t n;                    /* usable events */
	double weight[SC_COUNT];     /* suggested weights, config scale */
	bool is_informed[SC_COUNT];  /* false: raw never varies, weight kept */
	double beta[SC_COUNT];       /* fitted slopes, target units per raw unit */
	double intercept;            /* a */
	double mean_y;               /* mean outcome */
	double r2;                   /* in-sample R², 0..1 */
	double cv_r2;                /* FIT_FOLDS-fold cross-validated R² (can be < 0) */
	double cv_rmse;              /* cross-validated root mean squared error */
};

/* fit_options with the given target, rate and lead value, ridge at its
 * default, current weights from s, and is_log for value per hour. */
void fit_options_init(struct fit_options *o, enum fit_target target, int64_t rate_minor,
                      const struct score_settings *s);

/* "value" or "rating"; -1 for another name. */
const char *fit_target_name(enum fit_target t);
int fit_target_from_name(const char *name);

/* The outcome y of e for o's target, log(1 + y) when o->is_log; false
 * when e cannot be used for it (no hours for value per hour, no rating
 * for the rating). */
bool fit_event_outcome(const struct fit_event *e, const struct fit_options *o, double *y);

/*
 * Fit the weights that best explain the outcomes of ev[0..n). Refusals
 * (WIT_DATA, *why says why, out->n still set): fewer than
 * FIT_MIN_EVENTS usable events; all outcomes equal; no component varies;
 * no component explains the outcomes (every beta 0). Nothing is
 * suggested then.
 */
enum wit_status fit_weights(const struct fit_event *ev, size_t n, const struct fit_options *o,
                            struct fit_result *out, char **why);

#endif
