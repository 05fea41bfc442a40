/*
 * ics_repair.c: what libical reported while parsing one VEVENT (its
 * X-LIC-ERROR properties, see ics_repair.h): which reports make the
 * event bad, and the two lost properties worth recovering. Only the
 * event's own properties are looked at; nothing here maps or stores.
 */
#define _GNU_SOURCE 1
#include "worthit/ics_repair.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Properties whose loss changes what the invitation is. */
static const char *const vital_props[] = {
	"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID",
	"UID", "SUMMARY", "SEQUENCE", "STATUS",
};

static bool is_token(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

/*
 * Whether a libical X-LIC-ERROR makes the event bad. Harmless: an empty
 * value ("LOCATION:"), an unknown VALUE type (the default type is used),
 * an unknown property with a well-formed name, a value libical cannot
 * read in a property worthit does not use (e.g. GEO "1\;2"). Everything
 * else, such as a line that is not a content line at all or a bad DTSTART,
 * means text or times would be lost.
 */
static bool is_fatal_error(const char *msg)
{
	if (strncmp(msg, "No value for ", 13) == 0 || strncmp(msg, "Invalid VALUE type", 18) == 0)
		return false;
	const char *name = "Parse error in property name: ";
	if (strncmp(msg, name, strlen(name)) == 0)
		return !is_token(msg + strlen(name));
	const char *in = strstr(msg, " value in ");
	if (strncmp(msg, "Can't parse as ", 15) == 0 && in != NULL) {
		in += strlen(" value in ");
		for (size_t i = 0; i < sizeof vital_props / sizeof *vital_props; i++) {
			size_t n = strlen(vital_props[i]);
			if (strncmp(in, vital_props[i], n) == 0 && in[n] == ' ')
				return true;
		}
		return false;
	}
	return true;
}

/*
 * Two lost properties worth recovering, as other readers do: an RRULE
 * with junk parts ("RRULE:RRULE:AnythingRandom;FREQ=WEEKLY;...") keeps
 * its well-formed NAME=VALUE parts; an RDATE/EXDATE written "20131210Z"
 * (Google birthdays) is the DATE 20131210. The error is then removed.
 */
static bool repair_one(icalcomponent *c, const char *msg)
{
	const char *tag = "Removing entire property: ";
	const char *v = strstr(msg, tag);
	if (v == NULL)
		return false;
	v += strlen(tag);
	if (strstr(msg, " value in RRULE property") != NULL) {
		char clean[512] = "";
		char *copy = xstrdup(v), *save = NULL;
		for (char *part = strtok_r(copy, ";", &save); part; part = strtok_r(NULL, ";", &save)) {
			while (strncasecmp(part, "RRULE:", 6) == 0)
				part += 6;
			if (strchr(part, '=') != NULL && strlen(clean) + strlen(part) + 2 < sizeof clean)
				snprintf(clean + strlen(clean), sizeof clean - strlen(clean), "%s%s",
				         clean[0] ? ";" : "", part);
		}
		free(copy);
		struct icalrecurrencetype r = icalrecurrencetype_from_string(clean);
		if (r.freq == ICAL_NO_RECURRENCE)
			return false;
		icalcomponent_add_property(c, icalproperty_new_rrule(r));
		return true;
	}
	bool is_rdate = strstr(msg, " value in RDATE property") != NULL;
	bool is_exdate = strstr(msg, " value in EXDATE property") != NULL;
	if ((!is_rdate && !is_exdate) || strlen(v) != 9 || v[8] != 'Z' ||
	    strspn(v, "0123456789") != 8)
		return false;
	char date[9];
	memcpy(date, v, 8);
	date[8] = '\0';
	struct icaltimetype t = icaltime_from_string(date);
	if (icaltime_is_null_time(t))
		return false;
	if (is_rdate) {
		struct icaldatetimeperiodtype dp = {.time = t, .period = icalperiodtype_null_period()};
		icalcomponent_add_property(c, icalproperty_new_rdate(dp));
	} else {
		icalcomponent_add_property(c, icalproperty_new_exdate(t));
	}
	return true;
}

void ics_repair_apply(icalcomponent *c)
{
	icalproperty *next;
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = next) {
		next = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY);
		const char *msg = icalproperty_get_xlicerror(p);
		if (msg != NULL && strncmp(msg, "Can't parse as ", 15) == 0 && repair_one(c, msg)) {
			icalcomponent_remove_property(c, p);
			icalproperty_free(p);
		}
	}
}

const char *ics_repair_fatal_error(icalcomponent *c)
{
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		const char *msg = icalproperty_get_xlicerror(p);
		if (msg != NULL && is_fatal_error(msg))
			return msg;
	}
	return NULL;
}
