/*
 * ics_rule.h: what one RRULE (RFC 5545 3.3.10) makes libical's
 * icalrecur_iterator do, judged from the rule alone before libical is
 * asked, for ics_recur.c (events) and ics_zone.c (VTIMEZONE
 * observances). libical 3.0's iterator can spend a very long time inside
 * one icalrecur_iterator_next() or icalrecur_iterator_new() call; these
 * answers let the callers bound that work or refuse the rule.
 */
#ifndef WORTHIT_ICS_RULE_H
#define WORTHIT_ICS_RULE_H

#include <libical/ical.h>
#include <stdbool.h>

/*
 * Why r can never give an occurrence, whatever the year (for instance
 * BYMONTHDAY=30;BYMONTH=2, BYDAY=6MO in a MONTHLY rule, BYSETPOS=40 in
 * a month, BYMONTHDAY=31;BYDAY=1MO; and for SECONDLY to DAILY the
 * filters libical never passes: a BYDAY ordinal, a negative BYMONTHDAY
 * or BYYEARDAY), or NULL. Borrowed static text. libical searches such a
 * YEARLY or MONTHLY rule up to the year 20000 (up to a second of CPU
 * per rule) before giving up. Errs on the side of "possible": a rule
 * called impossible never gives libical an occurrence.
 */
const char *ics_rule_never(const struct icalrecurrencetype *r);

/*
 * An upper bound on the candidate times libical's iterator examines for
 * each day of wall-clock time it walks through, for the rules whose
 * candidates are filtered one by one (SECONDLY to DAILY, and WEEKLY with
 * BYMONTH: its "contracting" BY parts, which it checks after each
 * step). 0 for the others (MONTHLY, YEARLY, WEEKLY without BYMONTH):
 * every candidate they examine is an occurrence, so counting the
 * occurrences bounds their work.
 */
double ics_rule_candidates_per_day(const struct icalrecurrencetype *r);

/* Whether some candidate of r can fail a BY filter (see above), so that
 * COUNT does not bound the candidates libical examines. */
bool ics_rule_is_filtered(const struct icalrecurrencetype *r);

/*
 * An upper bound on the occurrences of a MONTHLY or YEARLY rule in one
 * year (its BY lists multiplied out, INTERVAL taken as 1); 0 for the
 * other FREQs. libical expands a VTIMEZONE observance into one change
 * per occurrence from its DTSTART on.
 */
double ics_rule_per_year(const struct icalrecurrencetype *r);

#endif
