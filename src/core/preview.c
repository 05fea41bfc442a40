/*
 * preview.c: the weights view's live re-ranking (see preview.h). Pure
 * core: no I/O; allocation in preview_init() only.
 *
 * The fast path depends on score.h's definition of the total as a
 * function of the weights and the raw terms (score_total_of, shared
 * with score.c) so a preview ranks exactly as `worthit score` will once
 * the weights are saved. test_preview.c checks the totals are identical to
 * score_totals(). A formula-parameter edit recomputes the raw values
 * with one compiled score_plan for the whole batch.
 */
#include "worthit/preview.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* The components whose raw values differ between knobs a and b: those
 * of every formula parameter that differs (score_knob_components). */
static unsigned params_differ(const struct score_settings *a, const struct score_settings *b)
{
	unsigned mask = 0;
	for (int k = KNOB_PARAM_FIRST_; k < KNOB_COUNT; k++)
		if (a->knob[k] != b->knob[k])
			mask |= score_knob_components((enum score_knob)k);
	return mask;
}

/* The raw terms of the components in mask under cfg's knobs: one
 * compiled plan for the batch, then arithmetic per invitation
 * (score_plan_raw_some, the engine's own formulas); the others are
 * kept. */
static void compute_raw(struct preview *p, const struct wit_config *cfg, unsigned mask)
{
	struct score_plan plan;
	score_plan_init(&plan, cfg);
	for (size_t i = 0; mask != 0 && i < p->n; i++)
		score_plan_raw_some(&plan, &p->in[i], mask, &p->raw[i * SC_COUNT]);
	p->raw_settings = cfg->score;
}

/* Totals as score.c computes them: score_total_of() on the weights
 * (negative ones as 0) and each invitation's stored raw terms. */
static void rank_fast(struct preview *p, const struct score_settings *s)
{
	double w[SC_COUNT];
	for (int c = 0; c < SC_COUNT; c++)
		w[c] = s->knob[c] > 0.0 ? s->knob[c] : 0.0;
	for (size_t i = 0; i < p->n; i++) {
		p->items[i] = p->base[i];
		p->items[i].total = score_total_of(w, &p->raw[i * SC_COUNT], NULL, NULL);
	}
	rank_sort(p->items, p->n, p->tmp);
}

static enum score_verdict verdict_of(const struct preview *p, size_t i, double total,
                                     const struct score_settings *s)
{
	if (p->is_conflict[i])
		return VERDICT_SKIP;
	return total >= s->knob[KNOB_GO_THRESHOLD]      ? VERDICT_GO
	       : total >= s->knob[KNOB_MAYBE_THRESHOLD] ? VERDICT_MAYBE
	                                                : VERDICT_SKIP;
}

void preview_init(struct preview *p, const struct score_input *in, size_t n,
                  const struct wit_config *saved)
{
	memset(p, 0, sizeof *p);
	p->n = n;
	p->in = in;
	p->raw = xcalloc(n * SC_COUNT + 1, sizeof *p->raw);
	p->base = xcalloc(n + 1, sizeof *p->base);
	p->is_conflict = xcalloc(n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		p->base[i] = (struct rank_item){ 0.0, in[i].starts_at, in[i].id, i };
		p->is_conflict[i] = in[i].has_conflict;
	}
	p->saved_pos = xcalloc(n + 1, sizeof *p->saved_pos);
	p->saved_verdict = xcalloc(n + 1, 1);
	p->items = xcalloc(n + 1, sizeof *p->items);
	p->tmp = xcalloc(n + 1, sizeof *p->tmp);
	compute_raw(p, saved, (1u << SC_COUNT) - 1u);
	rank_fast(p, &saved->score);
	for (size_t r = 0; r < n; r++) {
		size_t i = p->items[r].index;
		p->saved_pos[i] = (uint32_t)r;
		p->saved_verdict[i] =
			(unsigned char)verdict_of(p, i, p->items[r].total, &saved->score);
	}
}

void preview_done(struct preview *p)
{
	free(p->raw);
	free(p->base);
	free(p->is_conflict);
	free(p->saved_pos);
	free(p->saved_verdict);
	free(p->items);
	free(p->tmp);
	memset(p, 0, sizeof *p);
}

void preview_update(struct preview *p, const struct wit_config *edited)
{
	unsigned mask = params_differ(&p->raw_settings, &edited->score);
	if (mask != 0)
		compute_raw(p, edited, mask);
	rank_fast(p, &edited->score);
}

int preview_moved(const struct preview *p, size_t r)
{
	return (int)p->saved_pos[p->items[r].index] - (int)r;
}

enum score_verdict preview_verdict(const struct preview *p, size_t r,
                                   const struct wit_config *edited)
{
	return verdict_of(p, p->items[r].index, p->items[r].total, &edited->score);
}

bool preview_is_new_verdict(const struct preview *p, size_t r, const struct wit_config *edited)
{
	return preview_verdict(p, r, edited) != p->saved_verdict[p->items[r].index];
}
