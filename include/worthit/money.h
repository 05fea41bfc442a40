/*
 * money.h: amounts of money, the one module that knows what a currency's
 * minor unit is. An amount is integer minor units of ONE currency
 * (ISO 4217: JPY has no minor unit, USD cents, KWD fils of 1/1000);
 * arithmetic never mixes currencies: converting goes through
 * money_convert() with the user's exchange_rates, and says when no
 * rate exists so the caller shows the amount apart instead of adding
 * 49 USD to GBP. Rounding is always half away from zero, never
 * truncation (2200 / 4.5 = 488.89). Pure core: no I/O.
 */
#ifndef WORTHIT_MONEY_H
#define WORTHIT_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/status.h"

#define MONEY_CODE_LEN 4        /* "USD" and its NUL */
#define MONEY_MAJOR_MAX 1e12    /* larger amounts are refused */
#define MONEY_TEXT_MAX 40       /* room for any formatted amount with code */

struct money {
	int64_t minor;                 /* minor units of currency */
	char currency[MONEY_CODE_LEN]; /* upper-case ISO 4217, "" = the user's */
};

/* One exchange rate, from config exchange_rates: 1 unit of currency
 * is worth rate units of the user's currency, as set on date. */
struct money_rate {
	char currency[MONEY_CODE_LEN];
	double rate;                   /* > 0 */
	char date[11];                 /* "YYYY-MM-DD" the rate was set, "" = unknown */
};

/* Decimal digits of the currency's minor unit: 0 (JPY, KRW, ISK...),
 * 3 (BHD, KWD, OMR...), 2 for every other code and for "" or NULL. */
int money_exponent(const char *currency);
/* 10^money_exponent(currency): minor units in one major unit. */
int64_t money_minor_per_major(const char *currency);
/* A well-formed code: three ASCII letters (any case). */
bool money_code_is_valid(const char *code);

/*
 * Parse an amount the user typed: "45", "45.5", "1,200.50", "49 USD",
 * "USD 49" (the code in either place, any case), into *out. Without a
 * code the amount is in default_currency (copied, may be ""). Commas
 * group thousands only (three digits after each). Refused with *why
 * (naming the text): negative, empty, more decimals than the currency
 * has ("1.005 USD", "5.5 JPY"), an unknown shape, more than
 * MONEY_MAJOR_MAX. WIT_DATA on error.
 */
enum wit_status money_parse(const char *text, const char *default_currency, struct money *out,
                            char **why);

/* "1200.50" (no grouping, the currency's decimals, "-" when negative)
 * into buf. Returns buf. */
char *money_format(int64_t minor, const char *currency, char *buf, size_t len);
/* "1200.50 USD"; a currency of "" writes the number alone. Returns buf. */
char *money_format_code(int64_t minor, const char *currency, char *buf, size_t len);

/* a / b rounded half away from zero (b != 0). */
int64_t money_div_round(int64_t a, int64_t b);
/* x rounded half away from zero to an integer, clamped to int64. */
int64_t money_round(double x);
/* Major units (150.5) to minor units of currency, rounded. */
int64_t money_from_major(double major, const char *currency);
/* Minor units to major units (for ratios and display only). */
double money_to_major(int64_t minor, const char *currency);

enum money_conversion {
	MONEY_SAME,       /* already in the target currency: *out = amount */
	MONEY_CONVERTED,  /* converted with *used */
	MONEY_NO_RATE,    /* no rate for the amount's currency: *out unset */
};

/*
 * amount in currency `to` (the user's) with rates[0..n) (each to `to`):
 * minor units rounded half away from zero. An amount with currency ""
 * counts as `to`. *used (may be NULL) is the rate applied.
 */
enum money_conversion money_convert(const struct money *amount, const char *to,
                                    const struct money_rate *rates, size_t n,
                                    int64_t *out, const struct money_rate **used);

#endif
