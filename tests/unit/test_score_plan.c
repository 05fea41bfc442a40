/*
 * test_score_plan.c: the compiled knobs of the scoring engine
 * (score_plan, score.h). Over generated invitations, random knobs and
 * profiles, the plan paths give bit for bit what score_compute gives:
 * score_plan_finish, score_plan_compute, score_plan_raw / score_totals
 * (the lean re-ranking path); a prepared input reused after
 * second_degree_discount moves scores as a fresh prepare does; each
 * formula parameter changes only the raw values score_knob_components
 * names (the preview recomputes just those); the cost rounds half away
 * from zero as llround does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "worthit/config.h"
#include "worthit/score.h"

#define N_CONFIGS 60
#define PER 80

static uint64_t rng = 0x94D049BB133111EBu;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static int upto(int n) { return (int)(next() % (uint64_t)n); }
static double unit(void) { return (double)(next() >> 11) / 9007199254740992.0; }

static double knob_value(int k)
{
	const struct score_knob_info *ki = score_knob_info((enum score_knob)k);
	switch (upto(4)) {
	case 0: return ki->def;
	case 1: return ki->min;
	case 2: return ki->max;
	default: return ki->min + (ki->max - ki->min) * unit();
	}
}

static struct wit_config cfg;

static void random_config(void)
{
	config_defaults(&cfg);
	for (int j = 0, n = upto(8); j < n; j++) {
		int k = upto(KNOB_COUNT);
		cfg.score.knob[k] = knob_value(k);
	}
	cfg.hourly_rate_minor = upto(4) == 0 ? 0 : 1000 + upto(30000);
	cfg.scope = (enum business_scope)upto(SCOPE_COUNT);
	for (int d = 0; d < DIM_COUNT; d++) {
		int c = upto(4);
		cfg.profile[d].weight = c == 0 ? 0.0 : c == 1 ? 1.0 : unit();
	}
	cfg.budget_min_hours = upto(10);
	cfg.budget_max_hours = upto(20);
	if (upto(3) == 0) { /* a blocked window: the gate is prepared */
		int day = upto(7);
		cfg.n_blocked[day] = 1;
		cfg.blocked[day][0] = (struct avail_window){ upto(12) * 60, 13 * 60 + upto(11) * 60 };
	}
}

/* Invitation i of a batch, its context, from the generator's state. */
static void random_invitation(struct invitation *inv, struct score_context *ctx, int64_t id)
{
	invitation_init(inv);
	inv->id = id;
	inv->starts_at = 1772355600 + (int64_t)upto(90 * 96) * 900;
	inv->all_day = upto(8) == 0;
	inv->ends_at = inv->starts_at + (inv->all_day ? 86400 * (1 + upto(3)) : 600 * upto(30));
	inv->reach = (enum invite_reach)upto(REACH_COUNT);
	inv->travel_min = upto(120);
	inv->prep_min = upto(90);
	inv->ticket_minor = upto(2) ? 0 : upto(80000);
	inv->expected_attendance = upto(4) ? upto(500) : 0;
	inv->is_speaking = upto(5) == 0;
	inv->speaking_fee_minor = upto(2) ? upto(200000) : 0;
	for (int i = 0, n = upto(7); i < n; i++) {
		struct audience_share s;
		memset(&s, 0, sizeof s);
		s.dim = (enum audience_dim)upto(DIM_COUNT);
		const struct profile_dimension *pd = &cfg.profile[s.dim];
		if (pd->n > 0 && upto(4) != 0)
			memcpy(s.value, pd->seg[upto((int)pd->n)].value, WIT_SEGMENT_MAX);
		else
			strcpy(s.value, "unlisted");
		s.share = (double)upto(70) / 100.0;
		s.is_second_degree = upto(3) == 0;
		invitation_add_share(inv, &s);
	}
	score_context_init(ctx);
	ctx->now = 1772355600 + (int64_t)upto(45 * 96) * 900;
	ctx->utc_offset_sec = (upto(25) - 12) * 3600;
	ctx->committed_hours = upto(30);
	for (int lv = 0; lv < TRACK_LEVEL_COUNT; lv++)
		if (upto(2))
			ctx->track[lv] = (struct score_track){ upto(12) - 1, upto(40), upto(6) - 1, 0,
			                                       upto(3) ? 0 : upto(900000), 0 };
	ctx->n_conflicts = upto(8) == 0;
	ctx->conflict_is_busy = upto(2) == 0;
	ctx->people.clients = upto(3) ? 0 : upto(4);
	ctx->people.client_deals_minor = upto(2) ? 0 : upto(5000000);
	ctx->people.referrers = upto(4) ? 0 : 1;
	ctx->people.referrer_credit_minor = upto(2) ? 0 : upto(9000000);
	ctx->people.prospects = upto(4) ? 0 : upto(3);
	ctx->people.warm = upto(3) ? 0 : upto(4);
	ctx->people.target = upto(3) ? 0 : upto(4);
	if (upto(2))
		ctx->all = (struct score_track){ upto(40), upto(80), upto(10), upto(4), upto(900000),
			                         (double)upto(100) };
}

static struct invitation inv[PER];
static struct score_context ctx[PER];
static struct score_input in[PER];

static void gen_batch(void)
{
	random_config();
	for (int i = 0; i < PER; i++) {
		random_invitation(&inv[i], &ctx[i], i + 1);
		score_prepare(&inv[i], &ctx[i], &cfg, &in[i]);
	}
}

static void done_batch(void)
{
	for (int i = 0; i < PER; i++)
		invitation_done(&inv[i]);
}

static void test_plan_paths_agree(void **state)
{
	(void)state;
	for (int c = 0; c < N_CONFIGS; c++) {
		gen_batch();
		struct score_plan plan;
		score_plan_init(&plan, &cfg);
		double totals[PER];
		score_totals(in, PER, &cfg, totals);
		for (int i = 0; i < PER; i++) {
			struct score_result want, got;
			memset(&want, 0x5A, sizeof want);
			memset(&got, 0xA5, sizeof got);
			score_compute(&inv[i], &ctx[i], &cfg, &want);
			score_plan_finish(&plan, &in[i], &got);
			assert_memory_equal(&got, &want, sizeof got);
			memset(&got, 0xA5, sizeof got);
			score_plan_compute(&plan, &inv[i], &ctx[i], &cfg, &got);
			assert_memory_equal(&got, &want, sizeof got);
			double raw[SC_COUNT];
			assert_true(score_plan_raw(&plan, &in[i], raw) == want.total);
			assert_true(totals[i] == want.total);
			for (int k = 0; k < SC_COUNT; k++)
				assert_true(raw[k] == want.part[k].raw);
		}
		done_batch();
	}
}

/* Inputs prepared under one second_degree_discount, scored under
 * another: the same as inputs prepared under the second. */
static void test_discount_moved_after_prepare(void **state)
{
	(void)state;
	for (int c = 0; c < N_CONFIGS; c++) {
		gen_batch();
		cfg.score.knob[KNOB_SECOND_DEGREE_DISCOUNT] = knob_value(KNOB_SECOND_DEGREE_DISCOUNT);
		for (int i = 0; i < PER; i++) {
			struct score_input fresh;
			struct score_result want, got;
			score_prepare(&inv[i], &ctx[i], &cfg, &fresh);
			score_finish(&fresh, &cfg, &want);
			score_finish(&in[i], &cfg, &got);
			assert_memory_equal(&got, &want, sizeof got);
		}
		done_batch();
	}
}

/* A formula parameter changes only the raw values it is said to enter;
 * recomputing those (score_plan_raw_some) gives the full recompute. */
static void test_knob_components(void **state)
{
	(void)state;
	for (int c = 0; c < 8; c++) {
		gen_batch();
		for (int k = KNOB_PARAM_FIRST_; k < KNOB_COUNT; k++) {
			struct score_plan before, after;
			score_plan_init(&before, &cfg);
			double old_value = cfg.score.knob[k];
			const struct score_knob_info *ki = score_knob_info((enum score_knob)k);
			cfg.score.knob[k] = old_value != ki->max ? ki->max : ki->min;
			score_plan_init(&after, &cfg);
			unsigned mask = score_knob_components((enum score_knob)k);
			for (int i = 0; i < PER; i++) {
				double a[SC_COUNT], b[SC_COUNT], some[SC_COUNT];
				score_plan_raw(&before, &in[i], a);
				score_plan_raw(&after, &in[i], b);
				memcpy(some, a, sizeof some);
				score_plan_raw_some(&after, &in[i], mask, some);
				for (int s = 0; s < SC_COUNT; s++) {
					if (!((mask >> s) & 1u))
						assert_true(a[s] == b[s]);
					assert_true(some[s] == b[s]);
				}
			}
			cfg.score.knob[k] = old_value;
		}
		done_batch();
	}
	/* weights and thresholds enter no raw value */
	for (int k = 0; k < KNOB_PARAM_FIRST_; k++)
		assert_int_equal(score_knob_components((enum score_knob)k), 0);
	assert_int_equal(score_knob_components(KNOB_PEOPLE_MET), (1u << SC_ROOM) | (1u << SC_STAGE));
	assert_int_equal(score_knob_components(KNOB_EXPOSURE_SHARE), 1u << SC_STAGE);
	assert_int_equal(score_knob_components(KNOB_CLIENT_SHARE), 1u << SC_PEOPLE);
}

/* Half a minor unit rounds away from zero (llround), just below does not. */
static void test_cost_rounding(void **state)
{
	(void)state;
	config_defaults(&cfg);
	cfg.hourly_rate_minor = 3;
	struct invitation one;
	struct score_context none;
	struct score_result r;
	invitation_init(&one);
	one.starts_at = 1772442000;           /* 2026-03-02 09:00 UTC, a Monday */
	one.ends_at = one.starts_at + 1800;   /* 0.5 h at 3/h: 1.5 -> 2 */
	one.ticket_minor = 7;
	score_context_init(&none);
	score_compute(&one, &none, &cfg, &r);
	assert_int_equal(r.cost_minor, 2 + 7);
	one.ends_at = one.starts_at + 3000;   /* 5/6 h at 3/h: 2.5 -> 3 */
	score_compute(&one, &none, &cfg, &r);
	assert_int_equal(r.cost_minor, 3 + 7);
	cfg.hourly_rate_minor = 1;
	one.ends_at = one.starts_at + 1799;   /* 0.49972 h: 0 */
	score_compute(&one, &none, &cfg, &r);
	assert_int_equal(r.cost_minor, 0 + 7);
	invitation_done(&one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_paths_agree),
		cmocka_unit_test(test_discount_moved_after_prepare),
		cmocka_unit_test(test_knob_components),
		cmocka_unit_test(test_cost_rounding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
