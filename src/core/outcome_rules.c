/*
 * outcome_rules.c: the limits of outcome fields and their parsers (see
 * outcome_rules.h). Owns the wording of every refusal; does not know
 * where the text came from (an option or a form field: the caller's
 * label says) and never touches the database.
 */
#include "worthit/outcome_rules.h"
#include "worthit/invite_json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Digits (and for hours one '.') from the first character: no sign, no
 * blank, which strtol and strtod would otherwise let through. */
static bool starts_plainly(const char *s, bool allow_dot)
{
	return (*s >= '0' && *s <= '9') || (allow_dot && *s == '.');
}

enum wit_status outcome_rules_count(const char *label, const char *s, int *out, char **why)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!starts_plainly(s, false) || *end != '\0' || errno != 0 || v < 0 ||
	    v > OUTCOME_COUNT_MAX)
		return wit_fail(why, WIT_DATA, "%s: \"%s\" is not a whole number from 0 to %d", label,
		                s, OUTCOME_COUNT_MAX);
	*out = (int)v;
	return WIT_OK;
}

enum wit_status outcome_rules_hours(const char *label, const char *s, double *out, char **why)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!starts_plainly(s, true) || *end != '\0' || errno != 0 || !isfinite(v) || v < 0 ||
	    v > OUTCOME_HOURS_MAX)
		return wit_fail(why, WIT_DATA, "%s: \"%s\" is not a number of hours from 0 to %d "
		                "(such as 2.5)", label, s, OUTCOME_HOURS_MAX);
	*out = v;
	return WIT_OK;
}

enum wit_status outcome_rules_money(const char *label, const char *s, const char *currency,
                                    int64_t *out, char **why)
{
	if (!invite_json_money_from_text(s, currency, out))
		return wit_fail(why, WIT_DATA, "%s: \"%s\" is not an amount in %s (such as 1200 or "
		                "1200.50; at most %d decimals, not negative)", label, s, currency,
		                invite_json_currency_exponent(currency));
	return WIT_OK;
}

enum wit_status outcome_rules_rating(const char *label, const char *s, bool may_be_unrated,
                                     int *out, char **why)
{
	if (s[0] == '\0' && may_be_unrated) {
		*out = 0;
		return WIT_OK;
	}
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!starts_plainly(s, false) || *end != '\0' || errno != 0 || v < OUTCOME_RATING_MIN ||
	    v > OUTCOME_RATING_MAX)
		return wit_fail(why, WIT_DATA, "%s: \"%s\" is not a rating from %d to %d%s", label, s,
		                OUTCOME_RATING_MIN, OUTCOME_RATING_MAX,
		                may_be_unrated ? " (or empty)" : "");
	*out = (int)v;
	return WIT_OK;
}

enum wit_status outcome_rules_parse(enum outcome_value v, const char *label, const char *s,
                                    const char *currency, bool may_be_unrated,
                                    struct outcome *o, char **why)
{
	switch (v) {
	case OUTCOME_VALUE_HOURS: return outcome_rules_hours(label, s, &o->actual_hours, why);
	case OUTCOME_VALUE_CONTACTS: return outcome_rules_count(label, s, &o->contacts_met, why);
	case OUTCOME_VALUE_LEADS: return outcome_rules_count(label, s, &o->leads, why);
	case OUTCOME_VALUE_MEETINGS: return outcome_rules_count(label, s, &o->meetings, why);
	case OUTCOME_VALUE_DEALS: return outcome_rules_count(label, s, &o->deals, why);
	case OUTCOME_VALUE_REVENUE:
		return outcome_rules_money(label, s, currency, &o->revenue_minor, why);
	case OUTCOME_VALUE_RATING:
		return outcome_rules_rating(label, s, may_be_unrated, &o->rating, why);
	case OUTCOME_VALUE_COUNT: break;
	}
	return wit_fail(why, WIT_DATA, "%s: not an outcome field", label);
}
