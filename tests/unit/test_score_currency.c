/*
 * test_score_currency.c: a ticket or speaking fee in another currency
 * than the user's counts in the cost converted with the config's
 * exchange_rates ("49 USD ≈ 38.71 GBP at 0.79"); without a rate it is
 * not added, and the cost explanation shows it apart and flags it
 * ("+ 49 USD ticket, no rate: set exchange_rates.USD").
 */
#include "score_fixture.h"
#include "worthit/score.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* The fixture user billing 150 GBP/h, with a USD rate when given. */
static void gbp_user(struct wit_config *cfg, double usd_rate)
{
	fixture_config(cfg);
	memcpy(cfg->currency, "GBP", 4);
	cfg->n_rates = 0;
	if (usd_rate > 0) {
		cfg->rates[0] = (struct money_rate){ "USD", usd_rate, "2026-03-01" };
		cfg->n_rates = 1;
	}
}

/* A two-hour meetup on 10 March 2026, with a ticket of ticket_minor in
 * currency ("" = the user's). */
static void meetup(struct invitation *inv, struct score_context *ctx, int64_t ticket_minor,
                   const char *currency)
{
	invitation_init(inv);
	inv->starts_at = fixture_local(2026, 3, 10, 10, 0);
	inv->ends_at = inv->starts_at + 2 * 3600;
	inv->expected_attendance = 40;
	inv->ticket_minor = ticket_minor;
	memcpy(inv->currency, currency, strlen(currency) + 1);
	score_context_init(ctx);
	ctx->now = time_from_utc_fields(2026, 3, 1, 9, 0, 0);
	ctx->utc_offset_sec = CDT;
}

static void cost_line(const struct score_result *r, const struct invitation *inv,
                      const struct score_context *ctx, const struct wit_config *cfg,
                      char *line, size_t len)
{
	score_explain(r, inv, ctx, cfg, SC_COST, line, len);
}

static void test_ticket_converted(void **state)
{
	(void)state;
	struct wit_config cfg;
	struct invitation inv, free_inv;
	struct score_context ctx, free_ctx;
	struct score_result r, free_r;
	char line[600];
	gbp_user(&cfg, 0.79);
	meetup(&inv, &ctx, 4900, "USD");
	meetup(&free_inv, &free_ctx, 0, "");
	score_compute(&inv, &ctx, &cfg, &r);
	score_compute(&free_inv, &free_ctx, &cfg, &free_r);
	/* 49 × 0.79 = 38.71 GBP added to the hours' 300 GBP */
	assert_int_equal(free_r.cost_minor, 30000);
	assert_int_equal(r.cost_minor, 30000 + 3871);
	cost_line(&r, &inv, &ctx, &cfg, line, sizeof line);
	if (strstr(line, "49 USD ≈ 38.71 GBP at 0.79") == NULL ||
	    strstr(line, "= 338.71 GBP") == NULL)
		fail_msg("cost line: %s", line);
	/* a ticket in the user's own currency is added as it is */
	meetup(&free_inv, &free_ctx, 4900, "GBP");
	score_compute(&free_inv, &free_ctx, &cfg, &free_r);
	assert_int_equal(free_r.cost_minor, 30000 + 4900);
	invitation_done(&inv);
	invitation_done(&free_inv);
}

static void test_ticket_without_rate(void **state)
{
	(void)state;
	struct wit_config cfg;
	struct invitation inv, free_inv;
	struct score_context ctx, free_ctx;
	struct score_result r, free_r;
	char line[600];
	gbp_user(&cfg, 0);
	meetup(&inv, &ctx, 4900, "USD");
	meetup(&free_inv, &free_ctx, 0, "");
	score_compute(&inv, &ctx, &cfg, &r);
	score_compute(&free_inv, &free_ctx, &cfg, &free_r);
	/* never 49 GBP: not added, and the score is the free one's */
	assert_int_equal(r.cost_minor, free_r.cost_minor);
	assert_true(r.total == free_r.total);
	cost_line(&r, &inv, &ctx, &cfg, line, sizeof line);
	if (strstr(line, "+ 49 USD ticket, no rate: set exchange_rates.USD") == NULL ||
	    strstr(line, "49 GBP") != NULL)
		fail_msg("cost line: %s", line);
	/* a speaking fee likewise: no income counted without a rate */
	inv.is_speaking = true;
	inv.speaking_fee_minor = 20000;
	score_compute(&inv, &ctx, &cfg, &r);
	assert_int_equal(r.fee_minor, 0);
	cost_line(&r, &inv, &ctx, &cfg, line, sizeof line);
	if (strstr(line, "+ 200 USD fee, no rate: set exchange_rates.USD") == NULL)
		fail_msg("cost line: %s", line);
	gbp_user(&cfg, 0.79);
	score_compute(&inv, &ctx, &cfg, &r);
	assert_int_equal(r.fee_minor, 15800);
	invitation_done(&inv);
	invitation_done(&free_inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticket_converted),
		cmocka_unit_test(test_ticket_without_rate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
