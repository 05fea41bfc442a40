/*
 * money.c: amounts of money (see money.h). Owns the ISO 4217 exponent
 * table, the parser of typed amounts, formatting and rounding. Every
 * place that turns major units into minor ones or back goes through
 * here, so JPY is never multiplied by 100 and KWD keeps its third
 * decimal. Conversion multiplies in double and rounds once, half away
 * from zero: rates are given to a few decimals, amounts stay far below
 * 2^53 minor units (MONEY_MAJOR_MAX), so the double is exact enough.
 */
#include "worthit/money.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ISO 4217 codes whose minor unit is not the hundredth (list of the
 * 2024 edition, common funds codes included). */
static const char *const exponent_0[] = { "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF",
	                                  "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
	                                  "XAF", "XOF", "XPF" };
static const char *const exponent_3[] = { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };
static const char *const exponent_4[] = { "CLF", "UYW" };

static bool in_list(const char *code, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(list[i], code) == 0)
			return true;
	return false;
}

#define LIST_LEN(a) (sizeof a / sizeof a[0])

bool money_code_is_valid(const char *code)
{
	return code != NULL && strlen(code) == 3 && isalpha((unsigned char)code[0]) &&
	       isalpha((unsigned char)code[1]) && isalpha((unsigned char)code[2]);
}

int money_exponent(const char *currency)
{
	if (!money_code_is_valid(currency))
		return 2;
	if (in_list(currency, exponent_0, LIST_LEN(exponent_0)))
		return 0;
	if (in_list(currency, exponent_3, LIST_LEN(exponent_3)))
		return 3;
	if (in_list(currency, exponent_4, LIST_LEN(exponent_4)))
		return 4;
	return 2;
}

int64_t money_minor_per_major(const char *currency)
{
	int64_t p = 1;
	for (int e = money_exponent(currency); e > 0; e--)
		p *= 10;
	return p;
}

int64_t money_round(double x)
{
	if (!(x == x))
		return 0;
	if (x >= 9.2e18)
		return INT64_MAX;
	if (x <= -9.2e18)
		return INT64_MIN;
	return (int64_t)llround(x); /* llround: halfway cases away from zero */
}

int64_t money_div_round(int64_t a, int64_t b)
{
	int64_t q = a / b, r = a % b;
	/* |r| >= |b| / 2, compared without overflow: |r| >= |b| - |r| */
	int64_t ar = r < 0 ? -r : r, ab = b < 0 ? -b : b;
	if (ar >= ab - ar && r != 0)
		q += (a < 0) == (b < 0) ? 1 : -1;
	return q;
}

int64_t money_from_major(double major, const char *currency)
{
	return money_round(major * (double)money_minor_per_major(currency));
}

double money_to_major(int64_t minor, const char *currency)
{
	return (double)minor / (double)money_minor_per_major(currency);
}

char *money_format(int64_t minor, const char *currency, char *buf, size_t len)
{
	int e = money_exponent(currency);
	int64_t p = money_minor_per_major(currency);
	/* magnitude in unsigned: INT64_MIN has no positive int64 */
	uint64_t m = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
	const char *sign = minor < 0 ? "-" : "";
	if (e == 0)
		snprintf(buf, len, "%s%llu", sign, (unsigned long long)m);
	else
		snprintf(buf, len, "%s%llu.%0*llu", sign, (unsigned long long)(m / (uint64_t)p), e,
		         (unsigned long long)(m % (uint64_t)p));
	return buf;
}

char *money_format_code(int64_t minor, const char *currency, char *buf, size_t len)
{
	char num[32];
	money_format(minor, currency, num, sizeof num);
	if (currency == NULL || currency[0] == '\0')
		snprintf(buf, len, "%s", num);
	else
		snprintf(buf, len, "%s %s", num, currency);
	return buf;
}

/* ---- parsing ------------------------------------------------------- */

/* Split "49 USD" / "USD 49" / "49USD" into the number and the code
 * (upper-cased into code, "" when none). False for anything else. */
static bool split_code(const char *text, char *number, size_t len, char code[MONEY_CODE_LEN])
{
	const char *s = text, *end = text + strlen(text);
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	code[0] = '\0';
	if (end - s >= 3 && isalpha((unsigned char)s[0])) { /* "USD 49" */
		if (!money_code_is_valid((char[]){ s[0], s[1], s[2], '\0' }))
			return false;
		memcpy(code, s, 3);
		s += 3;
	} else if (end - s >= 3 && isalpha((unsigned char)end[-1])) { /* "49 USD" */
		if (!money_code_is_valid((char[]){ end[-3], end[-2], end[-1], '\0' }))
			return false;
		memcpy(code, end - 3, 3);
		end -= 3;
	}
	code[3] = '\0';
	for (int i = 0; code[i] != '\0'; i++)
		code[i] = (char)toupper((unsigned char)code[i]);
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	if ((size_t)(end - s) >= len)
		return false;
	memcpy(number, s, (size_t)(end - s));
	number[end - s] = '\0';
	return true;
}

/* "1,200.50" with e decimals at most into minor units. */
static bool parse_number(const char *s, int e, int64_t *minor, bool *is_too_precise)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, group = -1; /* digits since the last comma, -1 = none seen */
	*is_too_precise = false;
	const char *p = s;
	for (; isdigit((unsigned char)*p) || *p == ','; p++) {
		if (*p == ',') {
			if (digits == 0 || (group >= 0 && group != 3))
				return false;
			group = 0;
			continue;
		}
		if (++digits > 13)
			return false;
		if (group >= 0)
			group++;
		whole = whole * 10 + (*p - '0');
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return false;
	if (*p == '.') {
		int n = 0;
		for (p++; isdigit((unsigned char)*p); p++) {
			if (++n > e) {
				if (*p != '0') /* 45.000 is 45, 45.005 USD is not money */
					*is_too_precise = true;
				continue;
			}
			frac = frac * 10 + (*p - '0');
		}
		if (n == 0)
			return false;
		for (; n < e; n++)
			frac *= 10;
	}
	if (*p != '\0' || *is_too_precise || (double)whole > MONEY_MAJOR_MAX)
		return false;
	int64_t per = 1;
	for (int i = 0; i < e; i++)
		per *= 10;
	*minor = whole * per + frac;
	return true;
}

enum wit_status money_parse(const char *text, const char *default_currency, struct money *out,
                            char **why)
{
	char number[64], code[MONEY_CODE_LEN];
	const char *t = text != NULL ? text : "";
	if (!split_code(t, number, sizeof number, code))
		return wit_fail(why, WIT_DATA, "'%s' is not an amount of money: write 45, 45.50, "
		                "1,200.50 or 49 USD", t);
	if (number[0] == '-')
		return wit_fail(why, WIT_DATA, "'%s': an amount must not be negative", t);
	const char *cur = code[0] != '\0' ? code : default_currency != NULL ? default_currency : "";
	bool is_too_precise;
	int64_t minor;
	if (!parse_number(number, money_exponent(cur), &minor, &is_too_precise)) {
		if (is_too_precise)
			return wit_fail(why, WIT_DATA, "'%s': %s has %d decimal%s", t,
			                cur[0] != '\0' ? cur : "the currency", money_exponent(cur),
			                money_exponent(cur) == 1 ? "" : "s");
		return wit_fail(why, WIT_DATA, "'%s' is not an amount of money: write 45, 45.50, "
		                "1,200.50 or 49 USD (at most %.0f)", t, MONEY_MAJOR_MAX);
	}
	out->minor = minor;
	snprintf(out->currency, sizeof out->currency, "%s", cur);
	for (int i = 0; out->currency[i] != '\0'; i++)
		out->currency[i] = (char)toupper((unsigned char)out->currency[i]);
	return WIT_OK;
}

/* ---- conversion ---------------------------------------------------- */

enum money_conversion money_convert(const struct money *amount, const char *to,
                                    const struct money_rate *rates, size_t n,
                                    int64_t *out, const struct money_rate **used)
{
	if (used != NULL)
		*used = NULL;
	if (amount->currency[0] == '\0' || strcasecmp(amount->currency, to) == 0) {
		*out = amount->minor;
		return MONEY_SAME;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(rates[i].currency, amount->currency) != 0 || !(rates[i].rate > 0))
			continue;
		double major = money_to_major(amount->minor, amount->currency) * rates[i].rate;
		*out = money_from_major(major, to);
		if (used != NULL)
			*used = &rates[i];
		return MONEY_CONVERTED;
	}
	return MONEY_NO_RATE;
}
