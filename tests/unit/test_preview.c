/*
 * test_preview.c: the weights view's live re-ranking (preview.h). Over
 * generated invitations and random weight edits, the fast path's totals
 * are bit-identical to score_totals() and its ranking to rank_sort() of
 * them; a formula-parameter edit recomputes the raw values (same check);
 * movement is the saved position minus the new one, checked against an
 * independent ranking; threshold edits change verdicts but not the
 * order, and a conflict stays skip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "worthit/config.h"
#include "worthit/preview.h"

#define N 3000

static uint64_t rng = 0xD1B54A32D192ED03u;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static int upto(int n) { return (int)(next() % (uint64_t)n); }

static struct wit_config saved, edited;
static struct score_input in[N];
static double totals[N];
static struct rank_item items[N], tmp[N];

static void gen(void)
{
	config_defaults(&saved);
	int64_t start = 1772355600;
	for (int i = 0; i < N; i++) {
		struct invitation inv;
		invitation_init(&inv);
		inv.id = i + 1;
		start += upto(3) * 900; /* start order, ties included */
		inv.starts_at = start;
		inv.ends_at = start + 1800 * (1 + upto(6));
		inv.reach = (enum invite_reach)upto(REACH_COUNT);
		inv.travel_min = upto(60);
		inv.prep_min = upto(40);
		inv.ticket_minor = upto(2) ? 0 : upto(20000);
		inv.expected_attendance = upto(200);
		inv.is_speaking = upto(8) == 0;
		inv.speaking_fee_minor = inv.is_speaking ? upto(100000) : 0;
		struct audience_share s = { .dim = DIM_INDUSTRY, .share = 0 };
		strcpy(s.value, upto(2) ? "legal" : "retail");
		s.share = upto(50) / 100.0;
		invitation_add_share(&inv, &s);
		struct score_context ctx;
		score_context_init(&ctx);
		ctx.utc_offset_sec = -6 * 3600;
		ctx.committed_hours = upto(16);
		ctx.n_conflicts = upto(15) == 0;
		ctx.people.warm = upto(3);
		ctx.people.clients = upto(6) == 0;
		ctx.people.client_deals_minor = ctx.people.clients ? upto(5000000) : 0;
		ctx.people.referrers = upto(10) == 0;
		ctx.people.referrer_credit_minor = ctx.people.referrers ? upto(9000000) : 0;
		ctx.all = (struct score_track){ .events = 12, .leads = 5, .revenue_minor = 900000,
			                        .people_met = 40 };
		score_prepare(&inv, &ctx, &saved, &in[i]);
		invitation_done(&inv);
	}
}

/* The independent ranking: score_totals + rank_sort. */
static void reference(const struct wit_config *cfg)
{
	score_totals(in, N, cfg, totals);
	for (size_t i = 0; i < N; i++)
		items[i] = (struct rank_item){ totals[i], in[i].starts_at, in[i].id, i };
	rank_sort(items, N, tmp);
}

static void assert_same_as_engine(const struct preview *p, const struct wit_config *cfg)
{
	reference(cfg);
	for (size_t r = 0; r < N; r++) {
		assert_true(p->items[r].total == items[r].total); /* bit-identical */
		assert_int_equal(p->items[r].index, items[r].index);
	}
}

static void test_matches_engine(void **state)
{
	(void)state;
	gen();
	struct preview p;
	preview_init(&p, in, N, &saved);
	assert_same_as_engine(&p, &saved);
	for (int run = 0; run < 40; run++) {
		edited = saved;
		for (int c = 0; c < SC_COUNT; c++)
			edited.score.knob[c] = upto(101) / 10.0; /* 0..10, zeros included */
		if (run == 7)
			for (int c = 0; c < SC_COUNT; c++)
				edited.score.knob[c] = 0; /* all off: every total 0 */
		preview_update(&p, &edited);
		assert_same_as_engine(&p, &edited);
	}
	/* formula parameters: the raw values are recomputed */
	edited.score.knob[KNOB_BUYER_VALUE_HOURS] = 9;
	edited.score.knob[KNOB_OVER_BAND_FACTOR] = 5;
	preview_update(&p, &edited);
	assert_same_as_engine(&p, &edited);
	edited.score.knob[KNOB_W_STAGE] = 6; /* and back on the fast path */
	preview_update(&p, &edited);
	assert_same_as_engine(&p, &edited);
	preview_done(&p);
}

static void test_movement_and_verdicts(void **state)
{
	(void)state;
	gen();
	struct preview p;
	preview_init(&p, in, N, &saved);
	size_t saved_pos[N];
	reference(&saved);
	for (size_t r = 0; r < N; r++)
		saved_pos[items[r].index] = r;
	for (size_t r = 0; r < N; r++)
		assert_int_equal(preview_moved(&p, r), 0);
	edited = saved;
	edited.score.knob[KNOB_W_STAGE] = 10;
	edited.score.knob[KNOB_W_ROOM] = 0;
	preview_update(&p, &edited);
	reference(&edited);
	int up = 0, down = 0;
	for (size_t r = 0; r < N; r++) {
		int want = (int)saved_pos[items[r].index] - (int)r;
		assert_int_equal(preview_moved(&p, r), want);
		up += want > 0;
		down += want < 0;
	}
	assert_true(up > 0 && down > 0);
	/* thresholds alone: same order, verdicts follow; conflicts stay skip */
	edited = saved;
	edited.score.knob[KNOB_GO_THRESHOLD] = 0;
	edited.score.knob[KNOB_MAYBE_THRESHOLD] = 0;
	preview_update(&p, &edited);
	int changed = 0, conflicts = 0;
	for (size_t r = 0; r < N; r++) {
		assert_int_equal(preview_moved(&p, r), 0);
		struct score_result res;
		score_finish(&in[p.items[r].index], &saved, &res);
		enum score_verdict v = preview_verdict(&p, r, &edited);
		if (res.has_conflict) {
			assert_int_equal(v, VERDICT_SKIP);
			assert_false(preview_is_new_verdict(&p, r, &edited));
			conflicts++;
		} else {
			assert_int_equal(v, VERDICT_GO);
			assert_int_equal(preview_is_new_verdict(&p, r, &edited),
			                 res.verdict != VERDICT_GO);
			changed += res.verdict != VERDICT_GO;
		}
		/* under the saved settings the verdict is the engine's */
		assert_int_equal(preview_verdict(&p, r, &saved), res.verdict);
	}
	assert_true(changed > 0 && conflicts > 0);
	preview_done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_engine),
		cmocka_unit_test(test_movement_and_verdicts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
