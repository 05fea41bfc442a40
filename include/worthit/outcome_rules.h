/*
 * outcome_rules.h: what an outcome field may hold, and the one parser of
 * each as the user types it, shared by `worthit outcome` (options) and
 * the dashboard's outcome form (fields), so both accept and refuse the
 * same text with the same words. The limits live here and only here.
 * Values are parsed strictly (no trailing text, no sign, no silent
 * clamping) because a mistyped outcome quietly stored is worse than an
 * error. Every message starts with the label the caller names the field
 * by ("--leads" on the command line, "leads" in the form) and repeats
 * the text as typed: `--leads: "x" is not a whole number from 0 to
 * 100000`. Pure core: no I/O; failures are WIT_DATA.
 */
#ifndef WORTHIT_OUTCOME_RULES_H
#define WORTHIT_OUTCOME_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/model.h"
#include "worthit/status.h"

#define OUTCOME_HOURS_MAX 1000   /* hours at one event, travel included */
#define OUTCOME_COUNT_MAX 100000 /* contacts met, leads, meetings, deals */
#define OUTCOME_RATING_MIN 1     /* waste */
#define OUTCOME_RATING_MAX 5     /* excellent; 0 in struct outcome = not rated */

/* The fields of struct outcome a user types. */
enum outcome_value {
	OUTCOME_VALUE_HOURS,    /* actual_hours */
	OUTCOME_VALUE_CONTACTS, /* contacts_met */
	OUTCOME_VALUE_LEADS,
	OUTCOME_VALUE_MEETINGS,
	OUTCOME_VALUE_DEALS,
	OUTCOME_VALUE_REVENUE,  /* revenue_minor, in the user's currency */
	OUTCOME_VALUE_RATING,
	OUTCOME_VALUE_COUNT
};

/*
 * Parse text s into field v of *o (left unchanged on error). currency
 * is the user's (ISO 4217), for the revenue. An empty rating is 0 (not
 * rated) when may_be_unrated, else refused, as on the command line
 * where --rating given means a rating.
 */
enum wit_status outcome_rules_parse(enum outcome_value v, const char *label, const char *s,
                                    const char *currency, bool may_be_unrated,
                                    struct outcome *o, char **why);

/* The rules one by one, for other options with the same shape (deal
 * --amount, report --work-hours): */
/* Hours 0..OUTCOME_HOURS_MAX with decimals ("2.5"). */
enum wit_status outcome_rules_hours(const char *label, const char *s, double *out, char **why);
/* A whole number 0..OUTCOME_COUNT_MAX ("3"). */
enum wit_status outcome_rules_count(const char *label, const char *s, int *out, char **why);
/* Money in major units of currency ("1200", "1200.50"), not negative,
 * at most the currency's decimals, into minor units. */
enum wit_status outcome_rules_money(const char *label, const char *s, const char *currency,
                                    int64_t *out, char **why);
/* A rating OUTCOME_RATING_MIN..MAX; "" is 0 when may_be_unrated. */
enum wit_status outcome_rules_rating(const char *label, const char *s, bool may_be_unrated,
                                     int *out, char **why);

#endif
