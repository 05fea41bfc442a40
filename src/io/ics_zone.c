/*
 * ics_zone.c: resolving TZIDs and converting wall-clock times to UTC
 * for one iCalendar file (see ics_zone.h for the resolution order).
 * Owns the file's VTIMEZONEs (as icaltimezone objects) and a cache of
 * every TZID looked up, hit or miss, so each name is resolved once.
 * Builtin zones belong to libical and are never freed here.
 */
#include "worthit/ics_zone.h"
#include "worthit/ics.h"
#include "worthit/ics_rule.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct zone_entry {
	char *tzid;            /* as written in the file */
	icaltimezone *zone;    /* NULL: unknown */
	char *iana;            /* IANA name to show, owned (libical may move its
	                          own strings when it loads a zone), or NULL */
	bool is_owned;         /* zone built from the file's VTIMEZONE: ours to free */
	bool is_from_file;     /* the file has a VTIMEZONE for this TZID */
	bool is_said;          /* unknown, and already reported */
};

struct ics_zones {
	struct zone_entry *items;
	size_t len, cap;
	size_t n_added;        /* VTIMEZONEs seen, <= ICS_ZONES_MAX */
};

struct ics_zones *ics_zones_new(void)
{
	return xcalloc(1, sizeof(struct ics_zones));
}

void ics_zones_free(struct ics_zones *z)
{
	if (z == NULL)
		return;
	for (size_t i = 0; i < z->len; i++) {
		if (z->items[i].is_owned)
			icaltimezone_free(z->items[i].zone, 1);
		free(z->items[i].tzid);
		free(z->items[i].iana);
	}
	free(z->items);
	free(z);
}

static struct zone_entry *entry_push(struct ics_zones *z, const char *tzid)
{
	if (z->len == z->cap) {
		z->cap = z->cap ? z->cap * 2 : 16;
		z->items = xreallocarray(z->items, z->cap, sizeof *z->items);
	}
	struct zone_entry *e = &z->items[z->len++];
	e->tzid = xstrdup(tzid);
	e->zone = NULL;
	e->iana = NULL;
	e->is_owned = false;
	e->is_from_file = false;
	e->is_said = false;
	return e;
}

static struct zone_entry *entry_find(struct ics_zones *z, const char *tzid)
{
	for (size_t i = 0; i < z->len; i++)
		if (strcmp(z->items[i].tzid, tzid) == 0)
			return &z->items[i];
	return NULL;
}

/* "America/New_York", "/mozilla.org/20050126_1/America/New_York" or
 * "/freeassociation.sourceforge.net/Tzfile/Europe/London": try the whole
 * name, then every suffix after a '/'. Names must look like zone names
 * before libical is asked: it reads files named after them. */
static icaltimezone *builtin_find(const char *tzid)
{
	for (const char *s = tzid; s != NULL && *s != '\0';) {
		bool is_plausible = strstr(s, "..") == NULL && s[0] != '/';
		if (is_plausible) {
			icaltimezone *zone = icaltimezone_get_builtin_timezone(s);
			if (zone != NULL)
				return zone;
		}
		s = strchr(s + 1, '/');
		if (s != NULL)
			s++;
	}
	return NULL;
}

/* The IANA name of a libical zone: its location, for builtin ones. */
static const char *zone_iana(icaltimezone *zone)
{
	const char *loc = zone ? icaltimezone_get_location(zone) : NULL;
	if (loc == NULL || loc[0] == '\0')
		return NULL;
	return builtin_find(loc) != NULL ? loc : NULL;
}

static const char *display_name(const char *tzid, icaltimezone *owned)
{
	icaltimezone *b = builtin_find(tzid);
	if (b != NULL)
		return icaltimezone_get_location(b);
	const char *win = ics_winzone_to_iana(tzid);
	if (win != NULL)
		return win;
	return zone_iana(owned);
}

static int64_t fields_as_utc(struct icaltimetype t)
{
	return time_days_from_civil(t.year, t.month, t.day) * DAY_SEC + t.hour * 3600 + t.minute * 60 +
	       t.second;
}

/*
 * True when every observance of the file's VTIMEZONE agrees with the
 * system zone of the same name (offset a day after each onset). Then
 * the system zone is used: it is the same zone with its full history,
 * whereas exporters such as iCalcreator write only the years around
 * their events. A VTIMEZONE that disagrees (custom rules, odd offsets)
 * is used as written.
 */
static bool agrees_with(icalcomponent *vtz, icaltimezone *sys)
{
	int n = 0;
	for (icalcomponent *o = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); o;
	     o = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind k = icalcomponent_isa(o);
		if (k != ICAL_XSTANDARD_COMPONENT && k != ICAL_XDAYLIGHT_COMPONENT)
			continue;
		icalproperty *to = icalcomponent_get_first_property(o, ICAL_TZOFFSETTO_PROPERTY);
		struct icaltimetype start = icalcomponent_get_dtstart(o);
		if (to == NULL || icaltime_is_null_time(start))
			return false;
		int off = icalproperty_get_tzoffsetto(to);
		start.is_date = 0;
		start.zone = NULL;
		int64_t utc = fields_as_utc(start) - off + DAY_SEC;
		struct icaltimetype probe = icaltime_from_timet_with_zone((time_t)utc, 0,
		                                                           icaltimezone_get_utc_timezone());
		int is_dst = 0;
		if (icaltimezone_get_utc_offset_of_utc_time(sys, &probe, &is_dst) != off)
			return false;
		n++;
	}
	return n > 0;
}

static size_t by_count(const short *by, size_t size)
{
	size_t n = 0;
	while (n < size && by[n] != ICAL_RECURRENCE_ARRAY_MAX)
		n++;
	return n;
}

/*
 * Why rule r of an observance would make libical expand the zone
 * absurdly, or NULL when it is bounded. libical expands every
 * observance from its DTSTART to the years asked for, each change kept:
 * FREQ=SECONDLY is a change a second (minutes of CPU, gigabytes). A
 * real zone changes a few times a year (RFC 5545 3.6.5 examples are all
 * FREQ=YEARLY), so only YEARLY and MONTHLY rules with at most one
 * BYHOUR, BYMINUTE and BYSECOND value (at most one change a day) pass,
 * and only when they can match at all: libical searches a rule that
 * never matches (BYMONTHDAY=30;BYMONTH=2) up to the year 20000
 * (ics_rule_never()).
 */
static const char *rule_unbounded(const struct icalrecurrencetype *r)
{
	if (r->freq != ICAL_YEARLY_RECURRENCE && r->freq != ICAL_MONTHLY_RECURRENCE)
		return "FREQ other than YEARLY or MONTHLY";
	if (by_count(r->by_hour, ICAL_BY_HOUR_SIZE) > 1 ||
	    by_count(r->by_minute, ICAL_BY_MINUTE_SIZE) > 1 ||
	    by_count(r->by_second, ICAL_BY_SECOND_SIZE) > 1)
		return "more than one BYHOUR, BYMINUTE or BYSECOND value";
	const char *never = ics_rule_never(r);
	return never != NULL ? "no occurrence at all" : NULL;
}

/* libical (64-bit time_t) expands a zone at most up to this year. */
#define ZONE_LAST_YEAR 2582

/* WIT_DATA naming the TZID when an observance's RRULE is unbounded
 * (rule_unbounded()), or when all of them together would make more than
 * ICS_ZONE_CHANGES_MAX changes from their DTSTARTs up to the last year
 * libical expands to (ics_rule_per_year(): a YEARLY rule on every day
 * of the year from the year 1 made 1.5 million, 10 s and 140 MB);
 * checked before libical ever expands the zone. */
static enum wit_status zone_check_rules(icalcomponent *vtz, const char *tzid, char **why)
{
	double changes = 0;
	for (icalcomponent *o = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); o;
	     o = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind k = icalcomponent_isa(o);
		const char *obs = k == ICAL_XSTANDARD_COMPONENT ? "STANDARD" : "DAYLIGHT";
		struct icaltimetype start = icalcomponent_get_dtstart(o);
		int years = ZONE_LAST_YEAR + 1 - (icaltime_is_null_time(start) ? 0 : start.year);
		for (icalproperty *p = icalcomponent_get_first_property(o, ICAL_RRULE_PROPERTY); p;
		     p = icalcomponent_get_next_property(o, ICAL_RRULE_PROPERTY)) {
			struct icalrecurrencetype r = icalproperty_get_rrule(p);
			const char *bad = rule_unbounded(&r);
			if (bad != NULL)
				return wit_fail(why, WIT_DATA, "VTIMEZONE \"%s\": %s rule %s has %s: "
				                "a time zone changes a few times a year; zone refused",
				                tzid, obs, icalrecurrencetype_as_string(&r), bad);
			changes += ics_rule_per_year(&r) * (years > 0 ? years : 1);
		}
	}
	if (changes > ICS_ZONE_CHANGES_MAX)
		return wit_fail(why, WIT_DATA, "VTIMEZONE \"%s\": its rules make about %.0f changes "
		                "up to %d (more than %u): a time zone changes a few times a year; "
		                "zone refused", tzid, changes, ZONE_LAST_YEAR, ICS_ZONE_CHANGES_MAX);
	return WIT_OK;
}

enum wit_status ics_zones_add(struct ics_zones *z, icalcomponent *vtimezone, char **why)
{
	icalproperty *p = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY);
	const char *name = p ? icalproperty_get_tzid(p) : NULL;
	if (name == NULL || name[0] == '\0') {
		icalcomponent_free(vtimezone);
		return wit_fail(why, WIT_DATA, "VTIMEZONE without TZID");
	}
	if (z->n_added >= ICS_ZONES_MAX) {
		icalcomponent_free(vtimezone);
		return wit_fail(why, WIT_DATA, "more than %d VTIMEZONEs", ICS_ZONES_MAX);
	}
	z->n_added++;
	char *tzid = xstrdup(name); /* name dies with vtimezone */
	enum wit_status st = zone_check_rules(vtimezone, tzid, why);
	if (st != WIT_OK) {
		/* not kept: events that use the TZID resolve it as if the
		 * file had no VTIMEZONE for it (system zone, else local time) */
		icalcomponent_free(vtimezone);
		free(tzid);
		return st;
	}
	struct zone_entry *e = entry_find(z, tzid);
	icaltimezone *sys = builtin_find(tzid);
	if (e != NULL && e->is_from_file) {
		/* a repeated VTIMEZONE: the first one stays */
		icalcomponent_free(vtimezone);
	} else if (sys != NULL && agrees_with(vtimezone, sys)) {
		icalcomponent_free(vtimezone);
		if (e == NULL)
			e = entry_push(z, tzid);
		e->zone = sys;
		e->iana = xstrdup(icaltimezone_get_location(sys));
		e->is_from_file = true;
	} else {
		icaltimezone *zone = icaltimezone_new();
		if (!icaltimezone_set_component(zone, vtimezone)) {
			icaltimezone_free(zone, 1);
			icalcomponent_free(vtimezone);
			st = wit_fail(why, WIT_DATA, "VTIMEZONE %s cannot be used", tzid);
		} else {
			if (e == NULL)
				e = entry_push(z, tzid);
			e->zone = zone;
			e->is_owned = e->is_from_file = true;
			e->iana = xstrdup(display_name(e->tzid, zone));
		}
	}
	free(tzid);
	return st;
}

icaltimezone *ics_zones_find(struct ics_zones *z, const char *tzid, const char **iana)
{
	struct zone_entry *e = entry_find(z, tzid);
	if (e == NULL) {
		e = entry_push(z, tzid);
		e->zone = builtin_find(tzid);
		if (e->zone == NULL) {
			const char *win = ics_winzone_to_iana(tzid);
			if (win != NULL)
				e->zone = icaltimezone_get_builtin_timezone(win);
		}
		if (e->zone == NULL && strcasecmp(tzid, "UTC") == 0)
			e->zone = icaltimezone_get_utc_timezone();
		e->iana = e->zone ? xstrdup(display_name(tzid, NULL)) : NULL;
	}
	if (iana != NULL)
		*iana = e->iana;
	return e->zone;
}

void ics_zones_say_unknown(struct ics_zones *z, void (*said)(void *arg, const char *tzid),
                           void *arg)
{
	for (size_t i = 0; i < z->len; i++) {
		struct zone_entry *e = &z->items[i];
		if (e->zone == NULL && !e->is_said) {
			e->is_said = true;
			said(arg, e->tzid);
		}
	}
}

int64_t ics_zones_to_utc(struct icaltimetype t, icaltimezone *zone)
{
	if (t.is_date || icaltime_is_utc(t))
		return fields_as_utc(t);
	if (zone != NULL)
		return (int64_t)icaltime_as_timet_with_zone(t, zone);
	/* floating: the local zone, with mktime choosing DST for us */
	struct tm tm = {0};
	tm.tm_year = t.year - 1900;
	tm.tm_mon = t.month - 1;
	tm.tm_mday = t.day;
	tm.tm_hour = t.hour;
	tm.tm_min = t.minute;
	tm.tm_sec = t.second;
	tm.tm_isdst = -1;
	time_t r = mktime(&tm);
	return r == (time_t)-1 ? fields_as_utc(t) : (int64_t)r;
}

struct icaltimetype ics_zones_from_utc(int64_t t, icaltimezone *zone)
{
	if (zone != NULL)
		return icaltime_from_timet_with_zone((time_t)t, 0, zone);
	time_t tt = (time_t)t;
	struct tm tm;
	struct icaltimetype r = icaltime_null_time();
	if (localtime_r(&tt, &tm) == NULL)
		return icaltime_from_timet_with_zone((time_t)t, 0, NULL);
	r.year = tm.tm_year + 1900;
	r.month = tm.tm_mon + 1;
	r.day = tm.tm_mday;
	r.hour = tm.tm_hour;
	r.minute = tm.tm_min;
	r.second = tm.tm_sec;
	return r;
}
