/*
 * score_math.h: small inline helpers shared by the scoring engine's two
 * halves, score_prepare.c (the work no knob changes) and score.c (the
 * compiled knobs and the formulas). Private to them, hence under src/
 * and not include/worthit/: prepare and finish must compute the
 * profile's exponents and the powers of a match identically, or the
 * re-ranking path would drift from a full score by a rounding.
 */
#ifndef WORTHIT_SCORE_MATH_H
#define WORTHIT_SCORE_MATH_H

#include <math.h>
#include <stdint.h>

#include "worthit/config.h"
#include "worthit/score.h"

/* For the few helpers the per-invitation loops must not call: GCC and
 * clang otherwise leave a function used by several paths out of line. */
#if defined(__GNUC__)
#define SCORE_INLINE static inline __attribute__((always_inline))
#else
#define SCORE_INLINE static inline
#endif

/* fmin(fmax(x, 0), 1) without the library calls: NaN gives 0 too. */
static inline double score_clamp01(double x)
{
	return x > 0.0 ? (x < 1.0 ? x : 1.0) : 0.0;
}

static inline double score_nonneg(double x)
{
	return x > 0.0 ? x : 0.0;
}

static inline double score_positive_or(double x, double fallback)
{
	return x > 0.0 ? x : fallback;
}

/* llround() for the cost, inline: x - trunc(x) is exact for every
 * double, so comparing it with 0.5 rounds half away from zero exactly
 * as llround does; out of int64 range (or NaN) llround decides. */
static inline int64_t score_round_half_away(double x)
{
	if (!(x > -9.0e18 && x < 9.0e18))
		return (int64_t)llround(x);
	int64_t i = (int64_t)x;
	double frac = x - (double)i;
	return i + (frac >= 0.5) - (frac <= -0.5);
}

/* Relative importance of each dimension: its profile weight over the
 * largest one, so the most important dimension filters fully (exponent
 * 1) and a weight of 0 drops its dimension (exponent 0). */
static inline void score_dim_exponents(const struct wit_config *cfg, double e[DIM_COUNT])
{
	double top = 0.0;
	for (int d = 0; d < DIM_COUNT; d++) {
		double w = score_nonneg(cfg->profile[d].weight);
		top = w > top ? w : top;
	}
	for (int d = 0; d < DIM_COUNT; d++)
		e[d] = top > 0.0 ? score_nonneg(cfg->profile[d].weight) / top : 0.0;
}

/* x^e for x in 0..1, e >= 0, without pow() where it is not needed. */
static inline double score_power01(double x, double e)
{
	if (e == 1.0 || x >= 1.0)
		return x < 1.0 ? x : 1.0;
	if (e == 0.0)
		return 1.0;
	return x > 0.0 ? pow(x, e) : 0.0;
}

/* score_prepare() with the exponents already computed (score.c's
 * score_plan_compute passes its plan's). */
void score_prepare_with(const struct invitation *inv, const struct score_context *ctx,
                        const struct wit_config *cfg, const double e[DIM_COUNT],
                        struct score_input *in);

#endif
