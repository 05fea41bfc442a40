/*
 * preview.c: the weights view's live re-ranking (see preview.h). Pure
 * core: no I/O; allocation in preview_init() only.
 *
 * The fast path depends on score.h's definition of the total as a
 * weighted mean of raw values; it mirrors score.c's arithmetic (weights
 * clamped at 0, their sum in component order, scale = 100 g / W, the
 * contributions added in component order) so a preview ranks exactly as
 * `worthit score` will once the weights are saved. test_preview.c
 * checks the totals are identical to score_totals().
 */
#include "worthit/preview.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* True when a and b differ in a knob that changes raw values (anything
 * but the weights and the verdict thresholds). */
static bool params_differ(const struct score_settings *a, const struct score_settings *b)
{
	for (int k = KNOB_PARAM_FIRST_; k < KNOB_COUNT; k++)
		if (a->knob[k] != b->knob[k])
			return true;
	return false;
}

static void compute_raw(struct preview *p, const struct wit_config *cfg)
{
	struct score_result r;
	for (size_t i = 0; i < p->n; i++) {
		score_finish(&p->in[i], cfg, &r);
		for (int c = 0; c < SC_COUNT; c++)
			p->raw[i * SC_COUNT + c] = r.part[c].raw;
		p->factor[i] = r.factor;
		p->is_conflict[i] = r.has_conflict;
	}
	p->raw_settings = cfg->score;
}

static void rank_fast(struct preview *p, const struct score_settings *s)
{
	double w[SC_COUNT], wsum = 0.0;
	for (int c = 0; c < SC_COUNT; c++) {
		w[c] = s->knob[c] > 0.0 ? s->knob[c] : 0.0;
		wsum += w[c];
	}
	for (size_t i = 0; i < p->n; i++) {
		const double *raw = &p->raw[i * SC_COUNT];
		double scale = wsum > 0.0 ? 100.0 * p->factor[i] / wsum : 0.0, total = 0.0;
		for (int c = 0; c < SC_COUNT; c++)
			total += scale * w[c] * raw[c];
		p->items[i] = (struct rank_item){ total, p->in[i].starts_at, p->in[i].id, i };
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
	p->factor = xcalloc(n + 1, sizeof *p->factor);
	p->is_conflict = xcalloc(n + 1, 1);
	p->saved_pos = xcalloc(n + 1, sizeof *p->saved_pos);
	p->saved_verdict = xcalloc(n + 1, 1);
	p->items = xcalloc(n + 1, sizeof *p->items);
	p->tmp = xcalloc(n + 1, sizeof *p->tmp);
	compute_raw(p, saved);
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
	free(p->factor);
	free(p->is_conflict);
	free(p->saved_pos);
	free(p->saved_verdict);
	free(p->items);
	free(p->tmp);
	memset(p, 0, sizeof *p);
}

void preview_update(struct preview *p, const struct wit_config *edited)
{
	if (params_differ(&p->raw_settings, &edited->score))
		compute_raw(p, edited);
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
