/*
 * ics_write.c: iCalendar out, built with libical so that escaping and
 * line folding (RFC 5545 3.1, 3.3.11) are libical's. An iTIP REPLY
 * (RFC 5546 3.2.3) carries METHOD:REPLY and one VEVENT with the UID,
 * RECURRENCE-ID (for one occurrence), SEQUENCE, DTSTAMP, ORGANIZER and
 * exactly one ATTENDEE: the user, with PARTSTAT set.
 *
 * A calendar for other programs is written one VEVENT at a time. It
 * carries no METHOD: it is a plain RFC 5545 calendar, not an iTIP
 * message, so the ATTENDEEs (the people a user matches contacts
 * against) can stay; RFC 5546 3.2.1 forbids them in METHOD:PUBLISH,
 * which libical's icalrestriction_check() enforces. Each VEVENT is
 * built as a small libical tree, printed and freed, so memory does not
 * grow with the number of events. The VTIMEZONEs of the zones used
 * come first, from libical's builtin (system) zones, truncated to the
 * years the events need.
 * An occurrence of a series keeps its UID and gets a RECURRENCE-ID (its
 * original start, from invitation.recurrence_id), as detached instances
 * are written by Google Calendar and Outlook, so that importing the
 * file again finds the same (UID, RECURRENCE-ID) keys.
 */
#include "worthit/ics.h"
#include "worthit/timeutil.h"
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

/* Year 1 and year 9999 (RFC 5545 3.3.4: DATE has four digits) are
 * worked out here: libical's own conversion gives 00000000T000000 for
 * times it considers out of range. */
static struct icaltimetype utc_time(int64_t t, bool is_date)
{
	int64_t days = t >= 0 ? t / DAY_SEC : -((-t + DAY_SEC - 1) / DAY_SEC);
	int64_t sec = t - days * DAY_SEC;
	struct icaltimetype r = icaltime_null_time();
	time_civil_from_days(days, &r.year, &r.month, &r.day);
	r.is_date = is_date;
	if (!is_date) {
		r.hour = (int)(sec / 3600);
		r.minute = (int)(sec / 60 % 60);
		r.second = (int)(sec % 60);
		r.zone = icaltimezone_get_utc_timezone();
	}
	return r;
}

/* The value of a DATE or DATE-TIME, from its digits: libical's setters
 * (icalvalue_new_date() and the like) write 00000000T000000 for years
 * after 3000, though its parser reads them. */
static icalvalue *time_value(struct icaltimetype v)
{
	char buf[40];
	if (v.is_date)
		snprintf(buf, sizeof buf, "%04d%02d%02d", v.year, v.month, v.day);
	else
		snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d%s", v.year, v.month, v.day,
		         v.hour, v.minute, v.second, icaltime_is_utc(v) ? "Z" : "");
	return icalvalue_new_from_string(v.is_date ? ICAL_DATE_VALUE : ICAL_DATETIME_VALUE, buf);
}

/* A new property of kind at UTC second t (a DATE when is_date). */
static icalproperty *utc_prop(icalproperty_kind kind, int64_t t, bool is_date)
{
	icalproperty *p = icalproperty_new(kind);
	if (is_date)
		icalproperty_add_parameter(p, icalparameter_new_value(ICAL_VALUE_DATE));
	icalproperty_set_value(p, time_value(utc_time(t, is_date)));
	return p;
}

/* True when t can be written as an iCalendar DATE or DATE-TIME. */
static bool is_writable(int64_t t)
{
	return t >= TIME_MIN_WRITABLE && t <= TIME_MAX_WRITABLE;
}

/* RECURRENCE-ID from invitation.recurrence_id ("2026-03-02T15:00:00Z"
 * or "2026-03-02"): the occurrence's original start, which a moved
 * occurrence no longer shares with starts_at. */
static void add_recurrence_id(icalcomponent *ev, const struct invitation *inv)
{
	int64_t t;
	bool is_date;
	if (inv->recurrence_id == NULL || inv->recurrence_id[0] == '\0')
		return;
	if (!time_parse_iso(inv->recurrence_id, false, &t, &is_date)) {
		t = inv->starts_at;
		is_date = inv->all_day;
	}
	icalcomponent_add_property(ev, utc_prop(ICAL_RECURRENCEID_PROPERTY, t, is_date));
}

/* An event ending at the close of year 9999: DTEND would need a fifth
 * digit, so its length goes as DURATION (RFC 5545 3.8.2.5) instead. */
static icalproperty *duration_prop(const struct invitation *inv)
{
	int64_t len = inv->ends_at - inv->starts_at;
	struct icaldurationtype d = icaldurationtype_null_duration();
	if (inv->all_day && len % DAY_SEC == 0)
		d.days = (unsigned int)(len / DAY_SEC);
	else
		d.seconds = (unsigned int)len;
	return icalproperty_new_duration(d);
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
	add_recurrence_id(ev, inv);
	icalcomponent_add_property(ev, utc_prop(ICAL_DTSTART_PROPERTY, inv->starts_at,
	                                        inv->all_day));
	icalcomponent_add_property(ev, is_writable(inv->ends_at)
	                               ? utc_prop(ICAL_DTEND_PROPERTY, inv->ends_at, inv->all_day)
	                               : duration_prop(inv));
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

/* ---- a calendar for other programs ---- */

/* A zone to write local times in: builtin, and not UTC. */
static icaltimezone *zone_of(const struct invitation *inv)
{
	if (inv->all_day || inv->tzid == NULL || strcasecmp(inv->tzid, "UTC") == 0 ||
	    inv->tzid[0] == '/' || strstr(inv->tzid, "..") != NULL)
		return NULL;
	return icaltimezone_get_builtin_timezone(inv->tzid);
}

static icalproperty *time_prop(icalproperty *p, int64_t t, const struct invitation *inv)
{
	icaltimezone *zone = zone_of(inv);
	struct icaltimetype v = icaltime_null_time();
	if (zone != NULL)
		v = icaltime_from_timet_with_zone((time_t)t, 0, zone);
	if (icaltime_is_null_time(v) || v.year < 1 || v.year > 9999) {
		/* no zone, or a time libical's zone tables do not reach */
		v = utc_time(t, inv->all_day);
	} else {
		v.zone = NULL; /* wall-clock digits; the TZID parameter names the zone */
		icalproperty_add_parameter(p, icalparameter_new_tzid(icaltimezone_get_location(zone)));
	}
	if (inv->all_day)
		icalproperty_add_parameter(p, icalparameter_new_value(ICAL_VALUE_DATE));
	icalproperty_set_value(p, time_value(v));
	return p;
}

/* "Ann <ann@x>" or "ann@x" as an ORGANIZER or ATTENDEE with CN; NULL
 * when there is no address. */
static icalproperty *person_prop(const char *who, bool is_organizer)
{
	char *addr = mailto_of(who);
	if (addr == NULL)
		return NULL;
	icalproperty *p = is_organizer ? icalproperty_new_organizer(addr)
	                               : icalproperty_new_attendee(addr);
	free(addr);
	const char *lt = strrchr(who, '<');
	if (lt != NULL && lt > who) {
		size_t n = (size_t)(lt - who);
		while (n > 0 && who[n - 1] == ' ')
			n--;
		char *cn = xstrndup(who, n);
		if (cn[0] != '\0')
			icalproperty_add_parameter(p, icalparameter_new_cn(cn));
		free(cn);
	}
	return p;
}

static void add_people(icalcomponent *ev, const struct invitation *inv)
{
	icalproperty *p = inv->organizer ? person_prop(inv->organizer, true) : NULL;
	if (p != NULL)
		icalcomponent_add_property(ev, p);
	for (const char *s = inv->attendees; s != NULL && *s != '\0';) {
		size_t n = strcspn(s, "\n");
		char *one = xstrndup(s, n);
		if ((p = person_prop(one, false)) != NULL)
			icalcomponent_add_property(ev, p);
		free(one);
		s += n + (s[n] == '\n');
	}
}

/* CATEGORIES as stored: comma-separated, "\\," a literal comma. One
 * property per category, so that libical escapes commas inside one. */
static void add_categories(icalcomponent *ev, const char *list)
{
	if (list == NULL)
		return;
	char *one = xmalloc(strlen(list) + 1);
	size_t n = 0;
	for (const char *s = list;; s++) {
		if (*s == '\\' && (s[1] == ',' || s[1] == '\\')) {
			one[n++] = *++s;
			continue;
		}
		if (*s == ',' || *s == '\0') {
			one[n] = '\0';
			if (n > 0)
				icalcomponent_add_property(ev, icalproperty_new_categories(one));
			n = 0;
			if (*s == '\0')
				break;
			continue;
		}
		one[n++] = *s;
	}
	free(one);
}

static icalcomponent *calendar_event(const struct invitation *inv, int64_t now)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(ev, icalproperty_new_uid(inv->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(now, false)));
	add_recurrence_id(ev, inv);
	icalcomponent_add_property(ev, time_prop(icalproperty_new(ICAL_DTSTART_PROPERTY),
	                                         inv->starts_at, inv));
	if (is_writable(inv->ends_at)) {
		icalcomponent_add_property(ev, time_prop(icalproperty_new(ICAL_DTEND_PROPERTY),
		                                         inv->ends_at, inv));
	} else {
		icalcomponent_add_property(ev, duration_prop(inv));
	}
	if (inv->sequence > 0)
		icalcomponent_add_property(ev, icalproperty_new_sequence(inv->sequence));
	icalcomponent_add_property(ev, icalproperty_new_summary(inv->title ? inv->title : ""));
	if (inv->location != NULL)
		icalcomponent_add_property(ev, icalproperty_new_location(inv->location));
	if (inv->description != NULL)
		icalcomponent_add_property(ev, icalproperty_new_description(inv->description));
	if (inv->url != NULL)
		icalcomponent_add_property(ev, icalproperty_new_url(inv->url));
	add_people(ev, inv);
	add_categories(ev, inv->categories);
	icalproperty_status st = inv->status == STATUS_CANCELLED ? ICAL_STATUS_CANCELLED
	                         : inv->status == STATUS_MAYBE ? ICAL_STATUS_TENTATIVE
	                         : inv->status == STATUS_ACCEPTED || inv->status == STATUS_ATTENDED
	                                 ? ICAL_STATUS_CONFIRMED : ICAL_STATUS_NONE;
	if (st != ICAL_STATUS_NONE)
		icalcomponent_add_property(ev, icalproperty_new_status(st));
	return ev;
}

static bool put_component(icalcomponent *c, FILE *out)
{
	char *text = icalcomponent_as_ical_string_r(c);
	bool ok = text != NULL && fputs(text, out) != EOF;
	free(text);
	icalcomponent_free(c);
	return ok;
}

/* A zone the events use, and the span of time they use it for. */
struct zone_use {
	icaltimezone *zone;
	int64_t first, last; /* earliest start, latest end: UTC seconds */
};

/* "the years the events need": from 1 January of the first one's year
 * to the close of the last one's, as UTC (what truncation asks for).
 * Past 2999 (libical's own limit) the end is left open; a start after
 * 2037 is taken back to 2037, where libical's zones end in rules that go
 * on for ever (truncating later drops them, and with them DST). */
static void zone_span(const struct zone_use *u, struct icaltimetype *from,
                      struct icaltimetype *to)
{
	struct icaltimetype a = utc_time(u->first, false), b = utc_time(u->last, false);
	a.month = a.day = 1;
	a.hour = a.minute = a.second = 0;
	b.month = 12;
	b.day = 31;
	b.hour = 23;
	b.minute = b.second = 59;
	if (a.year > 2037)
		a.year = 2037; /* libical's zones end in rules without UNTIL there */
	*from = a.year >= 1 ? a : icaltime_null_time();
	*to = b.year >= 1 && b.year <= 2999 ? b : icaltime_null_time();
}

/* The VTIMEZONE of u->zone, truncated to the years its events need
 * (libical's builtin zones carry every change since the 1880s), with
 * the plain IANA name as TZID, which other programs recognise, rather
 * than libical's "/freeassociation.sourceforge.net/...". NULL when
 * libical has none. Caller frees. */
static icalcomponent *zone_component(const struct zone_use *u)
{
	icalcomponent *vtz = icaltimezone_get_component(u->zone);
	if (vtz == NULL)
		return NULL;
	vtz = icalcomponent_new_clone(vtz);
	struct icaltimetype from, to;
	zone_span(u, &from, &to);
	icaltimezone_truncate_vtimezone(vtz, from, to, 0);
	icalproperty *id = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (id != NULL)
		icalproperty_set_tzid(id, icaltimezone_get_location(u->zone));
	return vtz;
}

/* One VTIMEZONE per zone used (at most 256), in the order first used. */
static bool put_zones(const struct invitation *invs, size_t n, FILE *out)
{
	struct zone_use seen[256];
	size_t n_seen = 0;
	for (size_t i = 0; i < n; i++) {
		icaltimezone *z = zone_of(&invs[i]);
		if (z == NULL)
			continue;
		size_t j = 0;
		while (j < n_seen && seen[j].zone != z)
			j++;
		if (j == n_seen) {
			if (n_seen == sizeof seen / sizeof *seen)
				continue;
			seen[n_seen++] = (struct zone_use){z, invs[i].starts_at, invs[i].ends_at};
		}
		if (invs[i].starts_at < seen[j].first)
			seen[j].first = invs[i].starts_at;
		if (invs[i].ends_at > seen[j].last)
			seen[j].last = invs[i].ends_at;
	}
	bool ok = true;
	for (size_t j = 0; j < n_seen && ok; j++) {
		icalcomponent *vtz = zone_component(&seen[j]);
		if (vtz != NULL)
			ok = put_component(vtz, out);
	}
	return ok;
}

enum wit_status ics_write_calendar(const struct invitation *invs, size_t n, int64_t now,
                                   FILE *out, char **why)
{
	bool ok = fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	                "PRODID:-//worthit//worthit " WORTHIT_VERSION "//EN\r\n"
	                "CALSCALE:GREGORIAN\r\n", out) != EOF;
	ok = ok && put_zones(invs, n, out);
	for (size_t i = 0; i < n && ok; i++)
		ok = put_component(calendar_event(&invs[i], now), out);
	ok = ok && fputs("END:VCALENDAR\r\n", out) != EOF && fflush(out) == 0;
	return ok ? WIT_OK : wit_fail(why, WIT_IOERR, "cannot write the calendar");
}
