/*
 * test_score_props.c: properties of the score over thousands of
 * generated invitations, contexts and knob settings (a seeded xorshift
 * PRNG, so a failure reproduces): the total stays in 0..100 and is the
 * sum of the contributions; every raw term is >= 0, cost terms earn 0
 * points; a gated invitation (conflict, busy, blocked) is always skip;
 * more matching audience (share, attendance, profile weight, a silent
 * dimension described as all buyers) never lowers the total; nor does a
 * client, a prospect or a referrer attending, or a higher speaking fee;
 * more duration, travel, preparation or ticket never raises it; a zero
 * weight removes its term; the same input always gives the same
 * output, also through score_totals; the verdict follows the gates and
 * the thresholds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "score_fixture.h"

#define N_CASES 4000
#define TOL 1e-9

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double unit(void) /* [0, 1) */
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

static int upto(int n) /* [0, n) */
{
	return (int)(next() % (uint64_t)n);
}

static const char *const segs[DIM_COUNT][3] = {
	{ "legal", "accounting", "retail" },
	{ "partner", "owner", "intern" },
	{ "small", "medium", "large" },
	{ "local", "regional", "national" },
};

static void gen_config(struct wit_config *cfg)
{
	fixture_config(cfg);
	cfg->scope = (enum business_scope)upto(SCOPE_COUNT);
	cfg->hourly_rate_minor = upto(4) == 0 ? 0 : 2000 + upto(30000);
	cfg->profile[DIM_REGION].weight = unit() * 0.3;
	fixture_segment(&cfg->profile[DIM_REGION], "local", unit());
	for (int c = 0; c < SC_COUNT; c++)
		if (upto(3) == 0)
			cfg->score.knob[c] = upto(5) == 0 ? 0.0 : unit() * 10.0;
	cfg->score.knob[KNOB_SECOND_DEGREE_DISCOUNT] = unit();
	cfg->score.knob[KNOB_UNKNOWN_DIMENSION_MATCH] = unit();
	cfg->score.knob[KNOB_PEOPLE_MET] = 1.0 + upto(60);
	cfg->score.knob[KNOB_BUYER_VALUE_HOURS] = unit() * 10.0;
	cfg->score.knob[KNOB_BALANCE_BOOST] = unit() * 2.0;
	if (upto(3) == 0) { /* a school run: blocked mornings and late days */
		int day = upto(7);
		cfg->n_blocked[day] = 2;
		cfg->blocked[day][0] = (struct avail_window){ 0, 9 * 60 + 30 };
		cfg->blocked[day][1] = (struct avail_window){ 15 * 60, 1440 };
	}
	if (upto(3) == 0) /* dimension weights beyond 1, and a dimension off */
		for (int d = 0; d < DIM_COUNT; d++)
			cfg->profile[d].weight = upto(5) == 0 ? 0.0 : unit() * 10.0;
	cfg->budget_min_hours = upto(10);
	cfg->budget_max_hours = cfg->budget_min_hours + upto(20);
	if (upto(4) == 0) { /* a second, overlapping window some days */
		cfg->n_avail[2] = 2;
		cfg->avail[2][1] = (struct avail_window){ 16 * 60, 21 * 60 };
	}
}

static void gen_invitation(struct invitation *inv)
{
	invitation_init(inv);
	inv->starts_at = time_from_utc_fields(2026, 3, 1, 0, 0, 0) + upto(60 * 24 * 40) * 60;
	inv->all_day = upto(8) == 0;
	inv->ends_at = inv->starts_at + (inv->all_day ? 86400 * (1 + upto(3)) : 60 * (15 + upto(600)));
	inv->reach = (enum invite_reach)upto(REACH_COUNT);
	inv->travel_min = upto(120);
	inv->prep_min = upto(180);
	inv->ticket_minor = upto(3) == 0 ? 0 : upto(50000);
	inv->expected_attendance = upto(4) == 0 ? 0 : 1 + upto(500);
	inv->is_speaking = upto(5) == 0;
	inv->speaking_fee_minor = inv->is_speaking && upto(2) ? upto(200000) : 0;
	int n = upto(7);
	for (int i = 0; i < n; i++) {
		enum audience_dim d = (enum audience_dim)upto(DIM_COUNT);
		fixture_share(inv, d, segs[d][upto(3)], unit() * 0.6, upto(4) == 0);
	}
}

static void gen_context(struct score_context *ctx)
{
	score_context_init(ctx);
	ctx->utc_offset_sec = (upto(27) - 12) * 3600;
	ctx->committed_hours = unit() * 30.0;
	for (int lv = 0; lv < TRACK_LEVEL_COUNT; lv++)
		if (upto(2) == 0) {
			int n = 1 + upto(10);
			ctx->track[lv] = (struct score_track){ n, n * (0.5 + unit() * 4.0), upto(6),
				                               upto(2), upto(3) == 0 ? upto(900000) : 0, 0 };
		}
	ctx->n_conflicts = upto(10) == 0;
	ctx->conflict_is_busy = upto(2) == 0;
	struct score_people *p = &ctx->people;
	p->clients = upto(3) == 0 ? upto(3) : 0;
	p->client_deals_minor = p->clients > 0 ? upto(9000000) : 0;
	p->prospects = upto(4) == 0 ? upto(2) : 0;
	p->referrers = upto(5) == 0 ? 1 : 0;
	p->referrer_credit_minor = p->referrers > 0 ? upto(20000000) : 0;
	p->warm = upto(3) == 0 ? upto(4) : 0;
	p->target = upto(4) == 0 ? upto(3) : 0;
	if (upto(2) == 0)
		ctx->all = (struct score_track){ 5 + upto(50), 40.0, upto(20), upto(5),
			                         upto(2000000), (double)upto(200) };
}

struct fixture {
	struct wit_config cfg;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
};

static struct fixture fx;

static void gen(void)
{
	invitation_done(&fx.inv);
	gen_config(&fx.cfg);
	gen_invitation(&fx.inv);
	gen_context(&fx.ctx);
	score_compute(&fx.inv, &fx.ctx, &fx.cfg, &fx.r);
}

/* *more becomes a deep copy of fx.inv (its shares its own to change). */
static void copy_inv(struct invitation *more)
{
	invitation_done(more);
	invitation_copy(more, &fx.inv);
}

static double rescore(const struct invitation *inv, const struct wit_config *cfg)
{
	struct score_result r;
	score_compute(inv, &fx.ctx, cfg, &r);
	return r.total;
}

static void test_range_sum_verdict(void **state)
{
	(void)state;
	for (int i = 0; i < N_CASES; i++) {
		gen();
		const struct score_result *r = &fx.r;
		assert_true(r->total >= 0.0 && r->total <= 100.0);
		double sum = 0.0;
		for (int c = 0; c < SC_COUNT; c++) {
			assert_true(r->part[c].raw >= 0.0);
			assert_true(r->part[c].contribution >= 0.0);
			if (score_component_is_cost(c))
				assert_true(r->part[c].contribution == 0.0);
			sum += r->part[c].contribution;
		}
		assert_true(fabs(sum - r->total) < TOL);
		/* gated: the context's clash, or a blocked window */
		assert_int_equal(r->gate != GATE_NONE, r->has_conflict);
		if (fx.ctx.n_conflicts > 0)
			assert_int_equal(r->gate, fx.ctx.conflict_is_busy ? GATE_BUSY : GATE_CONFLICT);
		const double *k = fx.cfg.score.knob;
		enum score_verdict want = r->gate != GATE_NONE          ? VERDICT_SKIP
		                          : r->total >= k[KNOB_GO_THRESHOLD]    ? VERDICT_GO
		                          : r->total >= k[KNOB_MAYBE_THRESHOLD] ? VERDICT_MAYBE
		                                                                : VERDICT_SKIP;
		assert_int_equal(r->verdict, want);
		assert_true(r->cost_minor >= (fx.inv.ticket_minor > 0 ? fx.inv.ticket_minor : 0));
	}
}

static void test_more_overlap_never_lowers(void **state)
{
	(void)state;
	for (int i = 0; i < N_CASES; i++) {
		gen();
		double base = fx.r.total;
		struct invitation more;
		invitation_init(&more);
		copy_inv(&more);
		if (more.n_shares > 0) { /* a bigger share of any described segment */
			struct audience_share *s = &more.shares[upto((int)more.n_shares)];
			s->share = fmin(1.0, s->share + unit() * 0.5);
			assert_true(rescore(&more, &fx.cfg) >= base - TOL);
			copy_inv(&more);
			s = &more.shares[upto((int)more.n_shares)];
			s->is_second_degree = false; /* a buyer instead of a referrer */
			assert_true(rescore(&more, &fx.cfg) >= base - TOL);
		}
		copy_inv(&more);
		more.expected_attendance = (fx.inv.expected_attendance > 0
		                                    ? fx.inv.expected_attendance
		                                    : (int)fx.cfg.score.knob[KNOB_DEFAULT_ATTENDANCE]) +
		                           1 + upto(200);
		assert_true(rescore(&more, &fx.cfg) >= base - TOL);
		/* a dimension the invitation was silent on (the prior), now
		 * described as all buyers, never lowers the score */
		copy_inv(&more);
		enum audience_dim d = (enum audience_dim)upto(DIM_COUNT);
		const struct profile_dimension *silent_dim = &fx.cfg.profile[d];
		/* (with no counted dimension described the match is
		 * undescribed_match, a different estimate: not compared) */
		bool silent = more.n_shares < INVITE_SHARES_MAX, counted = false;
		for (size_t j = 0; j < more.n_shares; j++) {
			silent &= more.shares[j].dim != d;
			counted |= fx.cfg.profile[more.shares[j].dim].weight > 0.0;
		}
		if (silent && counted && silent_dim->n > 0 && silent_dim->seg[0].weight >= 1.0) {
			fixture_share(&more, d, silent_dim->seg[0].value, 1.0, false);
			assert_true(rescore(&more, &fx.cfg) >= base - TOL);
		}
		invitation_done(&more);
		struct wit_config cfg2 = fx.cfg; /* a segment becomes more of a customer */
		struct profile_dimension *pd = &cfg2.profile[upto(DIM_COUNT)];
		if (pd->n > 0) {
			struct profile_segment *seg = &pd->seg[upto((int)pd->n)];
			seg->weight = fmin(1.0, seg->weight + unit());
			assert_true(rescore(&fx.inv, &cfg2) >= base - TOL);
		}
	}
}

static double rescore_ctx(const struct score_context *ctx)
{
	struct score_result r;
	score_compute(&fx.inv, ctx, &fx.cfg, &r);
	return r.total;
}

/* A client, a prospect, a referrer, more credit or deals, a higher fee:
 * never a lower score. */
static void test_more_people_never_lowers(void **state)
{
	(void)state;
	for (int i = 0; i < N_CASES; i++) {
		gen();
		double base = fx.r.total;
		struct score_context more = fx.ctx;
		more.people.clients++;
		more.people.client_deals_minor += upto(5000000);
		assert_true(rescore_ctx(&more) >= base - TOL);
		more = fx.ctx;
		more.people.referrers++;
		more.people.referrer_credit_minor += upto(5000000);
		assert_true(rescore_ctx(&more) >= base - TOL);
		more = fx.ctx;
		more.people.prospects++;
		assert_true(rescore_ctx(&more) >= base - TOL);
		struct invitation fee = fx.inv; /* shallow: only scalars change */
		fee.speaking_fee_minor += 1 + upto(300000);
		assert_true(rescore(&fee, &fx.cfg) >= base - TOL);
		fee.is_speaking = true;
		assert_true(rescore(&fee, &fx.cfg) >= base - TOL);
	}
}

static void test_more_cost_never_raises(void **state)
{
	(void)state;
	for (int i = 0; i < N_CASES; i++) {
		gen();
		double base = fx.r.total;
		struct invitation more = fx.inv; /* shallow: only scalars change */
		more.ends_at += (more.all_day ? 86400 : 60) * (1 + upto(300));
		assert_true(rescore(&more, &fx.cfg) <= base + TOL);
		more = fx.inv;
		more.travel_min += 1 + upto(120);
		assert_true(rescore(&more, &fx.cfg) <= base + TOL);
		more = fx.inv;
		more.prep_min += 1 + upto(120);
		assert_true(rescore(&more, &fx.cfg) <= base + TOL);
		more = fx.inv;
		more.ticket_minor += 1 + upto(100000);
		assert_true(rescore(&more, &fx.cfg) <= base + TOL);
		more = fx.inv; /* everything at once */
		more.ends_at += 3600;
		more.travel_min += 30;
		more.prep_min += 30;
		more.ticket_minor += 1000;
		assert_true(rescore(&more, &fx.cfg) <= base + TOL);
	}
}

static void test_zero_weight_zero_contribution(void **state)
{
	(void)state;
	for (int i = 0; i < N_CASES; i++) {
		gen();
		int c = upto(SC_COUNT);
		fx.cfg.score.knob[c] = 0.0;
		struct score_result r;
		score_compute(&fx.inv, &fx.ctx, &fx.cfg, &r);
		assert_true(r.part[c].contribution == 0.0);
		assert_true(r.part[c].weight == 0.0);
		/* removed: the total is the one without the term at all */
		double w[SC_COUNT], raw[SC_COUNT];
		for (int k = 0; k < SC_COUNT; k++) {
			w[k] = r.part[k].weight;
			raw[k] = k == c ? 0.0 : r.part[k].raw;
		}
		assert_true(fabs(score_total_of(w, raw, NULL, NULL) - r.total) < TOL);
	}
	for (int c = 0; c < SC_COUNT; c++) /* all off: total 0 */
		fx.cfg.score.knob[c] = 0.0;
	struct score_result r;
	score_compute(&fx.inv, &fx.ctx, &fx.cfg, &r);
	assert_true(r.total == 0.0);
}

static void test_deterministic(void **state)
{
	(void)state;
	for (int i = 0; i < N_CASES; i++) {
		gen();
		struct score_result again;
		memset(&again, 0xA5, sizeof again); /* no stale bytes may survive */
		score_compute(&fx.inv, &fx.ctx, &fx.cfg, &again);
		assert_memory_equal(&again, &fx.r, sizeof again);
		struct score_input in;
		score_prepare(&fx.inv, &fx.ctx, &fx.cfg, &in);
		double total;
		score_totals(&in, 1, &fx.cfg, &total); /* the re-ranking path */
		assert_true(total == fx.r.total);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_sum_verdict),
		cmocka_unit_test(test_more_overlap_never_lowers),
		cmocka_unit_test(test_more_people_never_lowers),
		cmocka_unit_test(test_more_cost_never_raises),
		cmocka_unit_test(test_zero_weight_zero_contribution),
		cmocka_unit_test(test_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
