/*
 * test_money.c: the money module (money.c), by hand: ISO 4217 exponents
 * 0/2/3, formatting in each, rounding half away from zero (never
 * truncation: 2200 / 4.5 is 488.89), parsing of typed amounts with and
 * without a code and every refusal, conversion with a rate and without
 * one, and mixed currencies that are never added as one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "worthit/money.h"

static void test_exponents(void **state)
{
	(void)state;
	assert_int_equal(money_exponent("JPY"), 0);
	assert_int_equal(money_exponent("jpy"), 0);
	assert_int_equal(money_exponent("KRW"), 0);
	assert_int_equal(money_exponent("USD"), 2);
	assert_int_equal(money_exponent("GBP"), 2);
	assert_int_equal(money_exponent("EUR"), 2);
	assert_int_equal(money_exponent("KWD"), 3);
	assert_int_equal(money_exponent("BHD"), 3);
	assert_int_equal(money_exponent(""), 2);
	assert_int_equal(money_exponent(NULL), 2);
	assert_int_equal(money_minor_per_major("KWD"), 1000);
	assert_int_equal(money_minor_per_major("JPY"), 1);
	assert_true(money_code_is_valid("usd"));
	assert_false(money_code_is_valid("US"));
	assert_false(money_code_is_valid("U5D"));
}

static void test_format(void **state)
{
	(void)state;
	char buf[MONEY_TEXT_MAX];
	assert_string_equal(money_format(1500000, "JPY", buf, sizeof buf), "1500000");
	assert_string_equal(money_format(15000, "USD", buf, sizeof buf), "150.00");
	assert_string_equal(money_format(5, "USD", buf, sizeof buf), "0.05");
	assert_string_equal(money_format(-5, "USD", buf, sizeof buf), "-0.05");
	assert_string_equal(money_format(12345, "KWD", buf, sizeof buf), "12.345");
	assert_string_equal(money_format(INT64_MIN, "JPY", buf, sizeof buf),
	                    "-9223372036854775808");
	assert_string_equal(money_format_code(15000, "JPY", buf, sizeof buf), "15000 JPY");
	assert_string_equal(money_format_code(4900, "USD", buf, sizeof buf), "49.00 USD");
	assert_string_equal(money_format_code(4900, "", buf, sizeof buf), "49.00");
}

static void test_rounding(void **state)
{
	(void)state;
	/* 2200.00 over 4.5 hours: 488.888... is 488.89, not 488.88 */
	assert_int_equal(money_round(220000 / 4.5), 48889);
	assert_int_equal(money_div_round(220000 * 2, 9), 48889);
	assert_int_equal(money_div_round(5, 2), 3);   /* half away from zero */
	assert_int_equal(money_div_round(-5, 2), -3);
	assert_int_equal(money_div_round(5, -2), -3);
	assert_int_equal(money_div_round(7, 3), 2);
	assert_int_equal(money_div_round(8, 3), 3);
	assert_int_equal(money_div_round(0, 7), 0);
	assert_int_equal(money_round(2.5), 3);
	assert_int_equal(money_round(-2.5), -3);
	assert_int_equal(money_from_major(150.5, "USD"), 15050);
	assert_int_equal(money_from_major(15000, "JPY"), 15000);
	assert_int_equal(money_from_major(1.2345, "KWD"), 1235); /* 1234.5 fils */
	assert_true(money_to_major(15050, "USD") == 150.5);
}

static struct money parsed(const char *text, const char *cur)
{
	struct money m = { -1, "?" };
	char *why = NULL;
	assert_int_equal(money_parse(text, cur, &m, &why), WIT_OK);
	assert_null(why);
	return m;
}

static void refused(const char *text, const char *cur, const char *says)
{
	struct money m;
	char *why = NULL;
	assert_int_equal(money_parse(text, cur, &m, &why), WIT_DATA);
	assert_non_null(why);
	assert_non_null(strstr(why, says));
	free(why);
}

static void test_parse(void **state)
{
	(void)state;
	struct money m = parsed("45", "GBP");
	assert_int_equal(m.minor, 4500);
	assert_string_equal(m.currency, "GBP");
	assert_int_equal(parsed("45.5", "GBP").minor, 4550);
	assert_int_equal(parsed("1,200.50", "USD").minor, 120050);
	assert_int_equal(parsed("1,234,567", "USD").minor, 123456700);
	m = parsed("49 USD", "GBP");
	assert_int_equal(m.minor, 4900);
	assert_string_equal(m.currency, "USD");
	m = parsed("  usd 49.00 ", "GBP");
	assert_int_equal(m.minor, 4900);
	assert_string_equal(m.currency, "USD");
	m = parsed("15000 JPY", "");
	assert_int_equal(m.minor, 15000);
	m = parsed("1.5 KWD", "");
	assert_int_equal(m.minor, 1500);
	assert_int_equal(parsed("45.000", "USD").minor, 4500);
	m = parsed("12", "");
	assert_string_equal(m.currency, "");
	assert_int_equal(m.minor, 1200);

	refused("", "USD", "not an amount");
	refused("abc", "USD", "not an amount");
	refused("-5", "USD", "negative");
	refused("1.005 USD", "", "USD has 2 decimals");
	refused("5.5 JPY", "", "JPY has 0 decimals");
	refused("1,20", "USD", "not an amount");
	refused("1,2000", "USD", "not an amount");
	refused(",100", "USD", "not an amount");
	refused("12.", "USD", "not an amount");
	refused("1e5", "USD", "not an amount");
	refused("45 U5D", "USD", "not an amount");
	refused("99999999999999", "USD", "at most");
}

static void test_convert(void **state)
{
	(void)state;
	const struct money_rate rates[] = { { "USD", 0.79, "2026-11-01" },
		                            { "JPY", 0.0052, "2026-11-01" } };
	const struct money_rate *used;
	int64_t out = -1;
	struct money usd = { 4900, "USD" };
	/* "49 USD ≈ 38.71 GBP at 0.79" */
	assert_int_equal(money_convert(&usd, "GBP", rates, 2, &out, &used), MONEY_CONVERTED);
	assert_int_equal(out, 3871);
	assert_string_equal(used->date, "2026-11-01");
	struct money yen = { 15000, "JPY" }; /* 15000 JPY = 78.00 GBP */
	assert_int_equal(money_convert(&yen, "GBP", rates, 2, &out, NULL), MONEY_CONVERTED);
	assert_int_equal(out, 7800);
	struct money gbp = { 1234, "GBP" }, mine = { 1234, "" };
	assert_int_equal(money_convert(&gbp, "GBP", rates, 2, &out, &used), MONEY_SAME);
	assert_int_equal(out, 1234);
	assert_null(used);
	assert_int_equal(money_convert(&mine, "GBP", rates, 2, &out, NULL), MONEY_SAME);
	/* no rate: nothing made up */
	struct money eur = { 10000, "EUR" };
	out = -1;
	assert_int_equal(money_convert(&eur, "GBP", rates, 2, &out, &used), MONEY_NO_RATE);
	assert_int_equal(out, -1);
	assert_null(used);
	/* into a 0-decimal currency: rounded, not truncated (10.55 USD -> 1582.5 -> 1583 JPY) */
	const struct money_rate to_yen[] = { { "USD", 150.0, "" } };
	struct money cents = { 1055, "USD" };
	assert_int_equal(money_convert(&cents, "JPY", to_yen, 1, &out, NULL), MONEY_CONVERTED);
	assert_int_equal(out, 1583);
}

/* A sum per currency, as reports keep it: 49 USD + 100 EUR + 20 GBP for
 * a GBP user with a USD rate only is 58.71 GBP and 100 EUR apart. */
static void test_mixed_currencies(void **state)
{
	(void)state;
	const struct money_rate rates[] = { { "USD", 0.79, "2026-11-01" } };
	const struct money items[] = { { 4900, "USD" }, { 10000, "EUR" }, { 2000, "GBP" } };
	int64_t in_gbp = 0, apart_eur = 0;
	for (size_t i = 0; i < 3; i++) {
		int64_t v;
		if (money_convert(&items[i], "GBP", rates, 1, &v, NULL) != MONEY_NO_RATE)
			in_gbp += v;
		else
			apart_eur += items[i].minor;
	}
	assert_int_equal(in_gbp, 5871);
	assert_int_equal(apart_eur, 10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exponents),   cmocka_unit_test(test_format),
		cmocka_unit_test(test_rounding),    cmocka_unit_test(test_parse),
		cmocka_unit_test(test_convert),     cmocka_unit_test(test_mixed_currencies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
