/*
 * ics_write.c: iCalendar out, built with libical so that escaping and
 * line folding (RFC 5545 3.1, 3.3.11) are libical's. An iTIP REPLY
 * (RFC 5546 3.2.3) carries METHOD:REPLY and one VEVENT with the UID,
 * RECURRENCE-ID (for one occurrence), SEQUENCE, DTSTAMP, ORGANIZER and
 * exactly one ATTENDEE: the user, with PARTSTAT set.
 */
#include "worthit/ics.h"
#include "worthit/xmalloc.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* "Ann <ann@x>" -> "mailto:ann@x"; "ann@x" -> "mailto:ann@x"; else NULL. */
static char *mailto_of(const char *who)
{
	if (who == NULL)
		return NULL;
	const char *lt = strrchr(who, '<'), *gt = strrchr(who, '>');
	const char *a = who;
	size_t n = strlen(who);
	if (lt != NULL && gt != NULL && gt > lt) {
		a = lt + 1;
		n = (size_t)(gt - a);
	}
	if (n > 7 && strncasecmp(a, "mailto:", 7) == 0)
		a += 7, n -= 7;
	if (n == 0 || memchr(a, '@', n) == NULL || memchr(a, ' ', n) != NULL)
		return NULL;
	return xasprintf("mailto:%.*s", (int)n, a);
}

static struct icaltimetype utc_time(int64_t t, bool is_date)
{
	struct icaltimetype r =
		icaltime_from_timet_with_zone((time_t)t, is_date, icaltimezone_get_utc_timezone());
	return r;
}

static icalparameter_partstat partstat_of(enum invite_status s)
{
	switch (s) {
	case STATUS_ACCEPTED: return ICAL_PARTSTAT_ACCEPTED;
	case STATUS_DECLINED: return ICAL_PARTSTAT_DECLINED;
	case STATUS_MAYBE: return ICAL_PARTSTAT_TENTATIVE;
	default: return ICAL_PARTSTAT_NONE;
	}
}

static icalcomponent *reply_event(const struct invitation *inv, const char *org,
                                  const char *me, icalparameter_partstat ps, int64_t now)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(ev, icalproperty_new_uid(inv->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(now, false)));
	icalcomponent_add_property(ev, icalproperty_new_sequence(inv->sequence));
	if (inv->recurrence_id != NULL && inv->recurrence_id[0] != '\0')
		icalcomponent_add_property(ev, icalproperty_new_recurrenceid(
			utc_time(inv->starts_at, inv->all_day)));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(utc_time(inv->starts_at,
	                                                                 inv->all_day)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(utc_time(inv->ends_at,
	                                                               inv->all_day)));
	icalcomponent_add_property(ev, icalproperty_new_summary(inv->title ? inv->title : ""));
	icalcomponent_add_property(ev, icalproperty_new_organizer(org));
	icalproperty *att = icalproperty_new_attendee(me);
	icalproperty_add_parameter(att, icalparameter_new_partstat(ps));
	icalcomponent_add_property(ev, att);
	return ev;
}

enum wit_status ics_write_reply(const struct invitation *inv, const char *attendee_addr,
                                enum invite_status answer, int64_t now, FILE *out,
                                char **why)
{
	icalparameter_partstat ps = partstat_of(answer);
	if (ps == ICAL_PARTSTAT_NONE)
		return wit_fail(why, WIT_USAGE, "a reply is accept, decline or maybe, not %s",
		                invite_status_name(answer));
	char *me = mailto_of(attendee_addr);
	if (me == NULL)
		return wit_fail(why, WIT_USAGE, "'%s' is not an e-mail address",
		                attendee_addr ? attendee_addr : "");
	char *org = mailto_of(inv->organizer);
	if (org == NULL) {
		free(me);
		return wit_fail(why, WIT_DATA, "invitation %s has no organizer address to reply to",
		                inv->uid);
	}
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//worthit//worthit " WORTHIT_VERSION "//EN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_REPLY));
	icalcomponent_add_component(cal, reply_event(inv, org, me, ps, now));
	char *text = icalcomponent_as_ical_string_r(cal);
	enum wit_status st = WIT_OK;
	if (fputs(text, out) == EOF || fflush(out) != 0)
		st = wit_fail(why, WIT_IOERR, "cannot write the reply");
	free(text);
	icalcomponent_free(cal);
	free(me);
	free(org);
	return st;
}
