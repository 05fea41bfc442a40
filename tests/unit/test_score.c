/*
 * test_score.c: hand-computed scores for ten varied invitations, every
 * component checked (raw and contribution), plus cost, prospects,
 * conflicts, the explanations quoted by the issue, target-account
 * matching and the --weights parser. The fixture user is described in
 * score_fixture.h; the formulas are docs/scoring.md's. Default weights:
 * 6 2 1 0.5 1.5 3 1 1, W = 16, so contribution = 100 * w * raw / 16.
 *
 * Overlap, by hand: the fixture's dimension weights 0.5, 0.3, 0.2, 0
 * give exponents 1, 0.6, 0.4 and 0 (weight / largest weight), so region
 * never counts; an undescribed role and company size contribute the
 * prior 0.5^0.6 * 0.5^0.4 = 0.5. Prospects met = match * min(people,
 * people_met = 10); raw = met / (met + overlap_half = 1.5).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score_fixture.h"
#include "worthit/xmalloc.h"

#define EPS 1e-5
#define THIRD (1.0 / 3.0) /* no history: est 0.5, raw 0.5 / (0.5 + 1) */
#define PRIOR_RS 0.5      /* undescribed role and size: 0.5^0.6 * 0.5^0.4 */

static struct wit_config cfg;

static int setup(void **state)
{
	(void)state;
	fixture_config(&cfg);
	return 0;
}

static void check_parts(const struct score_result *r, const double raw[SC_COUNT],
                        const double weight[SC_COUNT], double g, double total)
{
	double wsum = 0.0;
	for (int c = 0; c < SC_COUNT; c++)
		wsum += weight[c];
	for (int c = 0; c < SC_COUNT; c++) {
		if (fabs(r->part[c].raw - raw[c]) > EPS)
			fail_msg("%s raw %.6f, expected %.6f", score_component_name(c), r->part[c].raw,
			         raw[c]);
		assert_true(fabs(r->part[c].weight - weight[c]) < 1e-12);
		double want = 100.0 * g * weight[c] * raw[c] / wsum;
		if (fabs(r->part[c].contribution - want) > 1e-4)
			fail_msg("%s contribution %.6f, expected %.6f", score_component_name(c),
			         r->part[c].contribution, want);
	}
	if (fabs(r->total - total) > 1e-4)
		fail_msg("total %.6f, expected %.6f", r->total, total);
}

static const double W_DEFAULT[SC_COUNT] = { 6, 2, 1, 0.5, 1.5, 3, 1, 1 };

static double overlap_raw(double met)
{
	return met / (met + 1.5);
}

static void timed(struct invitation *inv, int y, int mo, int d, int h, int mi, int minutes)
{
	invitation_init(inv);
	inv->starts_at = fixture_local(y, mo, d, h, mi);
	inv->ends_at = inv->starts_at + minutes * 60;
}

static void ctx_at(struct score_context *ctx, double committed)
{
	score_context_init(ctx);
	ctx->now = time_from_utc_fields(2026, 3, 1, 9, 0, 0);
	ctx->utc_offset_sec = CDT;
	ctx->committed_hours = committed;
}

/* A: 6:30 card-swap breakfast, Thu 12 March, 30 people, few buyers. */
static void test_breakfast(void **state)
{
	(void)state;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	timed(&inv, 2026, 3, 12, 6, 30, 90);
	inv.expected_attendance = 30;
	inv.travel_min = 20;
	inv.ticket_minor = 1500;
	fixture_share(&inv, DIM_INDUSTRY, "legal", 0.05, false);
	fixture_share(&inv, DIM_ROLE, "owner", 0.6, true);
	ctx_at(&ctx, 5);
	score_compute(&inv, &ctx, &cfg, &r);
	/* industry 0.05; role 0.6 owners at 0.5, second degree at 0.1:
	 * 0.03; size undescribed: 0.5. match = 0.05 * 0.03^0.6 * 0.5^0.4
	 * = 0.004622; 30 people, 10 met */
	double match = 0.05 * pow(0.03, 0.6) * pow(0.5, 0.4);
	assert_true(fabs(r.match - 0.004622009) < 1e-9);
	assert_true(fabs(r.match - match) < 1e-12);
	assert_true(fabs(r.prospects - 30 * match) < 1e-12);
	assert_true(fabs(r.prospects_met - 10 * match) < 1e-12);
	assert_true(fabs(r.dim_match[DIM_ROLE] - 0.03) < 1e-12);
	assert_true(fabs(r.dim_match[DIM_COMPANY_SIZE] - 0.5) < 1e-12); /* the prior */
	assert_true(fabs(r.dim_exponent[DIM_ROLE] - 0.6) < 1e-12);
	assert_true(r.dim_exponent[DIM_REGION] == 0.0);
	assert_int_equal(r.dim_described, (1u << DIM_INDUSTRY) | (1u << DIM_ROLE));
	/* hours 1.5 + 40/60; cost 32500 + 1500 = 34000 */
	assert_true(fabs(r.hours - (1.5 + 40.0 / 60.0)) < 1e-9);
	assert_int_equal(r.cost_minor, 34000);
	/* away 06:10-08:20, outside until 08:00: 110 min */
	assert_int_equal(r.outside_min, 110);
	const double raw[SC_COUNT] = {
		overlap_raw(10 * match), 4.0 / (4.0 + 34000.0 / 15000.0), 1.0 - 110.0 / 180.0,
		0.5 + 0.2 * (12.0 - (5.0 + 1.5 + 40.0 / 60.0)) / 6.0, THIRD, 0, 0, 1,
	};
	check_parts(&r, raw, W_DEFAULT, 1.0, 22.971213);
	assert_int_equal(r.verdict, VERDICT_SKIP);
	assert_false(r.has_history);
	invitation_done(&inv);
}

/* B: all-day legal-tech conference, Wed 18 March, 300 law-firm people. */
static void test_conference(void **state)
{
	(void)state;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	invitation_init(&inv);
	inv.all_day = true;
	inv.starts_at = time_from_utc_fields(2026, 3, 18, 0, 0, 0);
	inv.ends_at = time_from_utc_fields(2026, 3, 19, 0, 0, 0);
	inv.reach = REACH_REGIONAL;
	inv.expected_attendance = 300;
	inv.travel_min = 45;
	inv.prep_min = 60;
	inv.ticket_minor = 39900;
	fixture_share(&inv, DIM_INDUSTRY, "legal", 0.7, false);
	fixture_share(&inv, DIM_ROLE, "partner", 0.4, false);
	ctx_at(&ctx, 5);
	score_compute(&inv, &ctx, &cfg, &r);
	/* match 0.7 * 0.4^0.6 * 0.5^0.4 = 0.306141, P = 91.84 of 300,
	 * 3.06 of the 10 met */
	double match = 0.7 * pow(0.4, 0.6) * pow(0.5, 0.4);
	assert_true(fabs(r.match - 0.306141381) < 1e-9);
	assert_true(fabs(r.prospects - 300 * match) < 1e-9);
	assert_true(fabs(r.prospects_met - 10 * match) < 1e-12);
	/* 8 h + 1.5 h travel + 1 h prep = 10.5 h; 157500 + 39900 */
	assert_true(fabs(r.hours - 10.5) < 1e-9);
	assert_int_equal(r.cost_minor, 197400);
	assert_int_equal(r.outside_min, 0); /* 8 h < the 10 h window */
	const double raw[SC_COUNT] = {
		overlap_raw(10 * match), 4.0 / (4.0 + 13.16), 1, 0.5 * (1.0 - 3.5 / 8.0), THIRD, 0,
		0, 0.5,
	};
	check_parts(&r, raw, W_DEFAULT, 1.0, 41.460956);
	assert_int_equal(r.verdict, VERDICT_SKIP); /* strangers, 10.5 h, 1974 USD */
	invitation_done(&inv);
}

/* C: lunch with three former colleagues who refer clients. */
static void test_lunch_colleagues(void **state)
{
	(void)state;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	timed(&inv, 2026, 3, 13, 12, 0, 90);
	inv.expected_attendance = 4;
	inv.travel_min = 15;
	ctx_at(&ctx, 2);
	ctx.n_warm = 3;
	strcpy(ctx.contact_name, "Bob Ray");
	ctx.track[TRACK_KIND] = (struct score_track){ 3, 6.0, 0, 1, 500000 };
	score_compute(&inv, &ctx, &cfg, &r);
	/* undescribed: match 0.05, P = 0.2, all 4 met */
	assert_true(fabs(r.prospects - 0.2) < 1e-9);
	assert_true(fabs(r.prospects_met - 0.2) < 1e-9);
	assert_int_equal(r.dim_described, 0);
	/* est = (500000/15000 + 12*0.5) / (6 + 12) = 2.185185 */
	double est = (500000.0 / 15000.0 + 6.0) / 18.0;
	assert_true(fabs(r.roi - est) < 1e-9);
	assert_true(fabs(r.value_per_hour_minor - est * 15000.0) < 1e-6);
	assert_true(r.has_history);
	assert_int_equal(r.history_events, 3);
	const double raw[SC_COUNT] = {
		0.2 / 1.7, 4.0 / 6.0, 1, 0.7, est / (est + 1.0), 1.5 / 2.5, 0, 1,
	};
	check_parts(&r, raw, W_DEFAULT, 1.0, 45.114284);
	assert_int_equal(r.verdict, VERDICT_SKIP); /* no audience data: no prospects */
}

/* D: virtual webinar, size unknown: no travel, default attendance. */
static void test_webinar(void **state)
{
	(void)state;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	timed(&inv, 2026, 3, 11, 10, 0, 60);
	inv.reach = REACH_VIRTUAL;
	inv.travel_min = 45; /* ignored: virtual */
	inv.prep_min = 15;
	fixture_share(&inv, DIM_INDUSTRY, "accounting", 0.5, false);
	ctx_at(&ctx, 0);
	score_compute(&inv, &ctx, &cfg, &r);
	assert_true(r.attendance_assumed);
	assert_int_equal(r.attendance, 20);
	/* industry 0.5 * 0.6 = 0.3, times the prior 0.5: 0.15 of 20 = 3,
	 * 1.5 of the 10 met */
	assert_true(fabs(r.match - 0.3 * PRIOR_RS) < 1e-12);
	assert_true(fabs(r.prospects - 3.0) < 1e-9);
	assert_true(fabs(r.prospects_met - 1.5) < 1e-9);
	assert_true(fabs(r.hours - 1.25) < 1e-9);
	assert_int_equal(r.cost_minor, 18750);
	const double raw[SC_COUNT] = { 0.5, 4.0 / 5.25, 1, 0.7, THIRD, 0, 0, 0.2 };
	check_parts(&r, raw, W_DEFAULT, 1.0, 41.086310);
	invitation_done(&inv);
}

/* E: a hard conflict with an accepted event. */
static void test_conflict(void **state)
{
	(void)state;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	timed(&inv, 2026, 3, 10, 9, 0, 60);
	inv.expected_attendance = 10;
	fixture_share(&inv, DIM_INDUSTRY, "legal", 0.5, false);
	ctx_at(&ctx, 0);
	ctx.n_conflicts = 2;
	ctx.conflict_id = 7;
	strcpy(ctx.conflict_title, "Board meeting");
	score_compute(&inv, &ctx, &cfg, &r);
	assert_true(r.has_conflict);
	assert_true(fabs(r.factor - 0.5) < 1e-12);
	/* match 0.5 * 0.5 = 0.25 of 10: 2.5 met, raw 2.5 / 4 */
	assert_true(fabs(r.prospects_met - 2.5) < 1e-9);
	const double raw[SC_COUNT] = { 0.625, 0.8, 0, 0.7, THIRD, 0, 0, 1 };
	check_parts(&r, raw, W_DEFAULT, 0.5, 22.5);
	assert_int_equal(r.verdict, VERDICT_SKIP);
	char buf[160];
	score_explain(&r, &inv, &ctx, &cfg, SC_AVAILABILITY, buf, sizeof buf);
	assert_string_equal(buf, "conflicts with Board meeting (accepted) and 1 more");
	invitation_done(&inv);
}

/* F: a paid speaking slot (fee = 4 hours of the rate). */
static void test_speaking(void **state)
{
	(void)state;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	timed(&inv, 2026, 3, 19, 14, 0, 60);
	inv.reach = REACH_REGIONAL;
	inv.is_speaking = true;
	inv.speaking_fee_minor = 60000;
	inv.expected_attendance = 50;
	inv.travel_min = 30;
	inv.prep_min = 120;
	fixture_share(&inv, DIM_INDUSTRY, "legal", 0.2, false);
	fixture_share(&inv, DIM_ROLE, "partner", 0.1, false);
	fixture_share(&inv, DIM_COMPANY_SIZE, "small", 0.5, false);
	ctx_at(&ctx, 11);
	score_compute(&inv, &ctx, &cfg, &r);
	/* every counted dimension described: match = 0.2 * 0.1^0.6 *
	 * (0.5 * 0.8)^0.4 = 0.034822, 0.35 of the 10 met */
	double match = 0.2 * pow(0.1, 0.6) * pow(0.4, 0.4);
	assert_true(fabs(r.match - 0.034822023) < 1e-9);
	assert_true(fabs(r.match - match) < 1e-12);
	assert_true(fabs(r.hours - 4.0) < 1e-9);
	const double raw[SC_COUNT] = {
		overlap_raw(10 * match), 0.5, 1, 0.5 * (1.0 - 3.0 / 8.0), THIRD, 0,
		0.6 + 0.4 * 4.0 / 8.0, 0.5,
	};
	check_parts(&r, raw, W_DEFAULT, 1.0, 31.791878);
	char buf[160];
	score_explain(&r, &inv, &ctx, &cfg, SC_STAGE, buf, sizeof buf);
	assert_string_equal(buf, "speaking slot in front of the room, 600 USD fee");
	invitation_done(&inv);
}

/* G: Saturday evening, a client and two target-account people, over budget. */
static void test_weekend_client(void **state)
{
	(void)state;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	timed(&inv, 2026, 3, 14, 19, 0, 120);
	inv.expected_attendance = 25;
	inv.travel_min = 20;
	fixture_share(&inv, DIM_ROLE, "owner", 0.4, false);
	ctx_at(&ctx, 13);
	ctx.n_clients = 1;
	ctx.n_target = 2;
	strcpy(ctx.contact_name, "Carol Diaz");
	score_compute(&inv, &ctx, &cfg, &r);
	assert_int_equal(r.outside_min, 160); /* Saturday has no window */
	/* industry undescribed (prior 0.5, exponent 1), role 0.4 * 0.5 =
	 * 0.2, size undescribed: 0.5 * 0.2^0.6 * 0.5^0.4 = 0.144270 */
	double match = 0.5 * pow(0.2, 0.6) * pow(0.5, 0.4);
	assert_true(fabs(r.match - 0.144269991) < 1e-9);
	double after = 13.0 + 2.0 + 40.0 / 60.0;
	const double raw[SC_COUNT] = {
		overlap_raw(10 * match), 0.6, 1.0 - 160.0 / 180.0, 0.5 * (1.0 - (after - 12.0) / 8.0),
		THIRD, 2.0 / 3.0, 0, 1,
	};
	check_parts(&r, raw, W_DEFAULT, 1.0, 49.300700);
	assert_int_equal(r.verdict, VERDICT_SKIP);
	char buf[160];
	score_explain(&r, &inv, &ctx, &cfg, SC_RELATIONSHIPS, buf, sizeof buf);
	assert_string_equal(buf, "1 client, 2 from target accounts attending (Carol Diaz)");
	score_explain(&r, &inv, &ctx, &cfg, SC_AVAILABILITY, buf, sizeof buf);
	assert_string_equal(buf, "2.7 h away outside your available hours (Sat 19:00 local)");
	score_explain(&r, &inv, &ctx, &cfg, SC_BUDGET, buf, sizeof buf);
	assert_string_equal(buf, "13 h committed this month + 2.7 h = 15.7 h, 3.7 h over your "
	                         "6–12 h band");
	invitation_done(&inv);
}

/* H: three levels of history, national scope, stage and locality off. */
static void test_history_zero_weights(void **state)
{
	(void)state;
	struct wit_config c2 = cfg;
	c2.scope = SCOPE_NATIONAL;
	c2.score.knob[KNOB_W_STAGE] = 0;
	c2.score.knob[KNOB_W_LOCALITY] = 0;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	timed(&inv, 2026, 3, 10, 12, 0, 60);
	inv.expected_attendance = 12;
	inv.ticket_minor = 5000;
	fixture_share(&inv, DIM_INDUSTRY, "legal", 1.0, false);
	ctx_at(&ctx, 0);
	ctx.track[TRACK_KIND] = (struct score_track){ 10, 20.0, 2, 0, 0 };
	ctx.track[TRACK_ORGANIZER] = (struct score_track){ 3, 6.0, 3, 0, 0 };
	ctx.track[TRACK_SERIES] = (struct score_track){ 2, 4.0, 0, 1, 300000 };
	score_compute(&inv, &ctx, &c2, &r);
	/* kind (4 + 6)/32 = 0.3125; organizer (6 + 3.75)/18 = 0.541667;
	 * series (20 + 6.5)/16 = 1.65625 */
	assert_true(fabs(r.roi - 1.65625) < 1e-9);
	assert_int_equal(r.history_events, 10);
	/* legal 1.0 times the prior 0.5: 6 of 12, 5 of the 10 met */
	assert_true(fabs(r.prospects - 6.0) < 1e-9);
	assert_true(fabs(r.prospects_met - 5.0) < 1e-9);
	const double w[SC_COUNT] = { 6, 2, 1, 0.5, 1.5, 3, 0, 0 };
	const double raw[SC_COUNT] = { 5.0 / 6.5, 0.75, 1, 0.7, 1.65625 / 2.65625, 0, 0, 0.4 };
	check_parts(&r, raw, w, 1.0, 60.004848);
	assert_true(r.part[SC_STAGE].contribution == 0.0);
	assert_true(r.part[SC_LOCALITY].contribution == 0.0);
	assert_int_equal(r.verdict, VERDICT_GO);
	invitation_done(&inv);
}

/* I: a three-day all-day fair over the weekend: far over budget. */
static void test_all_day_weekend(void **state)
{
	(void)state;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	invitation_init(&inv);
	inv.all_day = true;
	inv.starts_at = time_from_utc_fields(2026, 3, 13, 0, 0, 0); /* Friday */
	inv.ends_at = time_from_utc_fields(2026, 3, 16, 0, 0, 0);
	inv.expected_attendance = 100;
	ctx_at(&ctx, 0);
	score_compute(&inv, &ctx, &cfg, &r);
	assert_true(fabs(r.hours - 24.0) < 1e-9);
	assert_int_equal(r.outside_min, 960); /* Sat + Sun, 480 each */
	/* undescribed: 0.05 of 100 = 5 prospects, 0.5 of the 10 met */
	assert_true(fabs(r.prospects - 5.0) < 1e-9);
	const double raw[SC_COUNT] = { 0.25, 4.0 / 28.0, 0, 0, THIRD, 0, 0, 1 };
	check_parts(&r, raw, W_DEFAULT, 1.0, 20.535714);
}

/* J: no hourly rate configured (fallback 100.00/h), early start. */
static void test_fallback_rate(void **state)
{
	(void)state;
	struct wit_config c2 = cfg;
	c2.hourly_rate_minor = 0;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	timed(&inv, 2026, 3, 11, 8, 0, 60);
	inv.expected_attendance = 8;
	inv.travel_min = 10;
	inv.prep_min = 20;
	inv.ticket_minor = 10000;
	fixture_share(&inv, DIM_INDUSTRY, "legal", 0.25, true);
	fixture_share(&inv, DIM_INDUSTRY, "accounting", 0.5, false);
	ctx_at(&ctx, 6);
	score_compute(&inv, &ctx, &c2, &r);
	/* industry = 0.25*1*0.1 + 0.5*0.6 = 0.325, times the prior 0.5:
	 * match 0.1625; 8 people, all met: 1.3 */
	assert_true(fabs(r.match - 0.1625) < 1e-12);
	assert_true(fabs(r.prospects - 1.3) < 1e-9);
	assert_true(fabs(r.prospects_met - 1.3) < 1e-9);
	assert_int_equal(r.rate_minor, 10000);
	assert_int_equal(r.cost_minor, 16667 + 10000); /* round(5/3 h * 10000) */
	assert_int_equal(r.outside_min, 10);            /* 07:50-08:00 */
	const double raw[SC_COUNT] = {
		1.3 / 2.8, 4.0 / (4.0 + 2.6667), 1.0 - 10.0 / 180.0,
		0.5 + 0.2 * (12.0 - (6.0 + 5.0 / 3.0)) / 6.0, THIRD, 0, 0, 1,
	};
	check_parts(&r, raw, W_DEFAULT, 1.0, 42.202343);
	char buf[200];
	score_explain(&r, &inv, &ctx, &c2, SC_TIME_COST, buf, sizeof buf);
	assert_string_equal(buf, "1.7 h incl. 2 × 10 min travel and 20 min prep = 166.67 USD at "
	                         "100 USD/h (assumed: no hourly rate set) + 100 USD ticket");
	invitation_done(&inv);
}

/* The two explanations the issue quotes, word for word. */
static void test_issue_explanations(void **state)
{
	(void)state;
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
	timed(&inv, 2026, 3, 10, 18, 0, 180);
	inv.expected_attendance = 40;
	inv.travel_min = 45;
	inv.ticket_minor = 2500;
	fixture_share(&inv, DIM_INDUSTRY, "legal", 0.15, false);
	fixture_share(&inv, DIM_ROLE, "partner", 1.0, false);
	fixture_share(&inv, DIM_COMPANY_SIZE, "medium", 1.0, false);
	ctx_at(&ctx, 0);
	score_compute(&inv, &ctx, &cfg, &r);
	char buf[240];
	score_explain(&r, &inv, &ctx, &cfg, SC_OVERLAP, buf, sizeof buf);
	/* 0.15 * 1 * 1 of 40; 1.5 of the 10 met; region (weight 0) unnamed */
	assert_string_equal(buf, "≈6 of 40 attendees match your customers (15 %), ≈1.5 among "
	                         "the 10 you get to talk to; industry 15 %, role 100 %, company "
	                         "size 100 %");
	/* a dimension the invitation leaves out is named with its prior */
	inv.n_shares = 1;
	inv.shares[0].share = 0.25; /* 0.25 * 0.5 = 12.5 % of 40 = 5, 1.25 of 10 met */
	score_compute(&inv, &ctx, &cfg, &r);
	score_explain(&r, &inv, &ctx, &cfg, SC_OVERLAP, buf, sizeof buf);
	assert_string_equal(buf, "≈5 of 40 attendees match your customers (12 %), ≈1.2 among "
	                         "the 10 you get to talk to; industry 25 %, role not described "
	                         "(assumed 50 %), company size not described (assumed 50 %)");
	inv.n_shares = 3;
	inv.shares[0].share = 0.15;
	score_compute(&inv, &ctx, &cfg, &r);
	score_explain(&r, &inv, &ctx, &cfg, SC_TIME_COST, buf, sizeof buf);
	assert_string_equal(buf, "4.5 h incl. 2 × 45 min travel = 675 USD at 150 USD/h + 25 USD "
	                         "ticket");
	/* truncation keeps UTF-8 whole: "≈" is 3 bytes */
	char tiny[3];
	score_explain(&r, &inv, &ctx, &cfg, SC_OVERLAP, tiny, sizeof tiny);
	assert_string_equal(tiny, "");
	score_explain(&r, &inv, &ctx, &cfg, SC_COUNT, buf, sizeof buf);
	assert_non_null(strstr(buf, "≈6 prospects, 4.5 h, 700 USD"));
	invitation_done(&inv);
}

static void test_targets(void **state)
{
	(void)state;
	struct invitation inv;
	invitation_init(&inv);
	inv.attendees = xstrdup("Ann Lee <ann@BigFirm.com>\n"
	                        "mailto:bob@legal.bigfirm.com\n"
	                        "carol@notbigfirm.com\n"
	                        "\"Dee\" <dee@other.org>\n"
	                        "<eve@bigfirm.com>\n");
	char name[SCORE_NAME_MAX] = "";
	assert_int_equal(score_match_targets(&inv, &cfg, name, sizeof name), 3);
	assert_string_equal(name, "Ann Lee");
	free(inv.attendees);
	inv.attendees = xstrdup("mailto:bob@legal.bigfirm.com");
	name[0] = '\0';
	assert_int_equal(score_match_targets(&inv, &cfg, name, sizeof name), 1);
	assert_string_equal(name, "bob@legal.bigfirm.com");
	free(inv.attendees);
	inv.attendees = NULL;
	assert_int_equal(score_match_targets(&inv, &cfg, NULL, 0), 0);
}

static void test_overrides(void **state)
{
	(void)state;
	struct score_settings s;
	score_settings_defaults(&s);
	char *why = NULL;
	assert_int_equal(score_settings_apply_overrides(&s, "overlap=5, go=70,stage=0", &why),
	                 WIT_OK);
	assert_true(s.knob[KNOB_W_OVERLAP] == 5.0);
	assert_true(s.knob[KNOB_GO_THRESHOLD] == 70.0);
	assert_true(s.knob[KNOB_W_STAGE] == 0.0);
	struct score_settings before = s;
	assert_int_equal(score_settings_apply_overrides(&s, "overlap=1,nosuch=2", &why), WIT_USAGE);
	assert_non_null(strstr(why, "nosuch"));
	assert_memory_equal(&s, &before, sizeof s); /* unchanged on error */
	assert_int_equal(score_settings_apply_overrides(&s, "overlap=11", &why), WIT_USAGE);
	assert_non_null(strstr(why, "0..10"));
	assert_int_equal(score_settings_apply_overrides(&s, "overlap=abc", &why), WIT_USAGE);
	assert_int_equal(score_settings_apply_overrides(&s, "overlap", &why), WIT_USAGE);
	assert_int_equal(score_settings_apply_overrides(&s, "", &why), WIT_OK);
	free(why);
	assert_int_equal(score_knob_from_name("second_degree_discount"),
	                 KNOB_SECOND_DEGREE_DISCOUNT);
	for (int c = 0; c < SC_COUNT; c++)
		assert_int_equal(score_knob_from_name(score_component_name(c)), c);
	for (int k = 0; k < KNOB_COUNT; k++) {
		const struct score_knob_info *i = score_knob_info(k);
		assert_non_null(i->name);
		assert_true(i->min <= i->def && i->def <= i->max && i->step > 0);
		assert_int_equal(score_knob_from_name(i->name), k);
	}
	assert_int_equal(score_knob_from_name("nosuch"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_breakfast),
		cmocka_unit_test(test_conference),
		cmocka_unit_test(test_lunch_colleagues),
		cmocka_unit_test(test_webinar),
		cmocka_unit_test(test_conflict),
		cmocka_unit_test(test_speaking),
		cmocka_unit_test(test_weekend_client),
		cmocka_unit_test(test_history_zero_weights),
		cmocka_unit_test(test_all_day_weekend),
		cmocka_unit_test(test_fallback_rate),
		cmocka_unit_test(test_issue_explanations),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_overrides),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
