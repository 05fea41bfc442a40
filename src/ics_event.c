/*
 * ics_event.c: one VEVENT to invitations (see ics_event.h), and the set
 * of override keys found in pass 1. Mapping, RFC 5545 3.6.1 and 3.8:
 *   UID -> uid (missing: "worthit-" + a hash of DTSTART and SUMMARY, so a
 *   re-import finds the same row); SUMMARY -> title; ORGANIZER -> "CN <address>"
 *   or either alone; ATTENDEE -> count (expected_attendance) and "Name <addr>"
 *   lines (at most ICS_ATTENDEES_KEPT, ICS_ATTENDEE_BYTES); CATEGORIES ->
 *   comma-separated with literal commas escaped as "\,"; LOCATION, URL,
 *   DESCRIPTION as text; GEO -> location "geo:LAT,LON" when LOCATION is
 *   empty; SEQUENCE; STATUS:CANCELLED or METHOD:CANCEL -> IMPORT_CANCEL;
 *   a video-meeting URL, LOCATION or X- property -> REACH_VIRTUAL.
 * Times: DTEND, else DURATION, else one day (DATE) or zero length.
 * A DATE event with DTEND = DTSTART is kept as written (zero length), one
 * with DTEND before DTSTART lasts one day; a timed event whose
 * DTEND is before DTSTART is rejected.
 */
#define _GNU_SOURCE 1
#include "worthit/ics_event.h"
#include "worthit/ics_recur.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- override keys: an open-addressing set of "uid\x1fkey" ---- */

struct pending_override {
	char *uid;
	char *rid;   /* the value as written, e.g. "20210409T000000" */
	char *tzid;  /* TZID parameter, or NULL */
	bool is_date_event; /* the override's DTSTART is a DATE */
};

struct ics_event_overrides {
	char **slots;
	size_t cap, len;
	struct pending_override *pending;
	size_t n_pending, cap_pending;
};

static uint64_t fnv1a(const char *s, uint64_t h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

struct ics_event_overrides *ics_event_overrides_new(void)
{
	return xcalloc(1, sizeof(struct ics_event_overrides));
}

void ics_event_overrides_free(struct ics_event_overrides *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->cap; i++)
		free(o->slots[i]);
	free(o->slots);
	for (size_t i = 0; i < o->n_pending; i++) {
		free(o->pending[i].uid);
		free(o->pending[i].rid);
		free(o->pending[i].tzid);
	}
	free(o->pending);
	free(o);
}

static void set_insert(struct ics_event_overrides *o, char *key)
{
	if (2 * (o->len + 1) > o->cap) {
		size_t ncap = o->cap ? o->cap * 2 : 64;
		char **nslots = xcalloc(ncap, sizeof *nslots);
		for (size_t i = 0; i < o->cap; i++) {
			if (o->slots[i] == NULL)
				continue;
			size_t j = fnv1a(o->slots[i], 14695981039346656037u) & (ncap - 1);
			while (nslots[j] != NULL)
				j = (j + 1) & (ncap - 1);
			nslots[j] = o->slots[i];
		}
		free(o->slots);
		o->slots = nslots;
		o->cap = ncap;
	}
	size_t j = fnv1a(key, 14695981039346656037u) & (o->cap - 1);
	while (o->slots[j] != NULL) {
		if (strcmp(o->slots[j], key) == 0) {
			free(key);
			return;
		}
		j = (j + 1) & (o->cap - 1);
	}
	o->slots[j] = key;
	o->len++;
}

static bool set_has(const struct ics_event_overrides *o, const char *uid, const char *key)
{
	if (o == NULL || o->len == 0)
		return false;
	char buf[512];
	char *k = buf;
	size_t need = strlen(uid) + strlen(key) + 2;
	if (need > sizeof buf)
		k = xmalloc(need);
	snprintf(k, need, "%s\x1f%s", uid, key);
	size_t j = fnv1a(k, 14695981039346656037u) & (o->cap - 1);
	bool found = false;
	while (o->slots[j] != NULL && !found) {
		found = strcmp(o->slots[j], k) == 0;
		j = (j + 1) & (o->cap - 1);
	}
	if (k != buf)
		free(k);
	return found;
}

void ics_event_overrides_note(struct ics_event_overrides *o, icalcomponent *vevent)
{
	icalproperty *rp = icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY);
	icalproperty *up = icalcomponent_get_first_property(vevent, ICAL_UID_PROPERTY);
	const char *uid = up ? icalproperty_get_uid(up) : NULL;
	if (rp == NULL || uid == NULL)
		return;
	struct icaltimetype rid = icalproperty_get_recurrenceid(rp);
	if (icaltime_is_null_time(rid))
		return;
	icalparameter *tz = icalproperty_get_first_parameter(rp, ICAL_TZID_PARAMETER);
	struct icaltimetype ds = icalcomponent_get_dtstart(vevent);
	if (o->n_pending == o->cap_pending) {
		o->cap_pending = o->cap_pending ? o->cap_pending * 2 : 16;
		o->pending = xreallocarray(o->pending, o->cap_pending, sizeof *o->pending);
	}
	struct pending_override *p = &o->pending[o->n_pending++];
	p->uid = xstrdup(uid);
	p->rid = xstrdup(icaltime_as_ical_string(rid));
	p->tzid = tz ? xstrdup(icalparameter_get_tzid(tz)) : NULL;
	p->is_date_event = ds.is_date != 0;
}

/* The key of a RECURRENCE-ID: a DATE, or a DATE-TIME as UTC. An
 * override that is itself all-day gets a DATE key even when Exchange
 * wrote its RECURRENCE-ID as a local midnight. */
static void rid_key(struct icaltimetype rid, icaltimezone *zone, bool is_date_event, char *buf,
                    size_t len)
{
	if (rid.is_date || is_date_event) {
		rid.is_date = 1;
		ics_event_key(ics_zones_to_utc(rid, NULL), true, buf, len);
		return;
	}
	ics_event_key(ics_zones_to_utc(rid, icaltime_is_utc(rid) ? NULL : zone), false, buf, len);
}

void ics_event_overrides_resolve(struct ics_event_overrides *o, struct ics_zones *zones)
{
	for (size_t i = 0; i < o->n_pending; i++) {
		struct pending_override *p = &o->pending[i];
		struct icaltimetype rid = icaltime_from_string(p->rid);
		icaltimezone *zone = p->tzid ? ics_zones_find(zones, p->tzid, NULL) : NULL;
		char key[32];
		rid_key(rid, zone, p->is_date_event, key, sizeof key);
		set_insert(o, xasprintf("%s\x1f%s", p->uid, key));
		free(p->uid);
		free(p->rid);
		free(p->tzid);
	}
	o->n_pending = 0;
}

void ics_event_key(int64_t utc, bool is_date, char *buf, size_t len)
{
	if (is_date)
		time_format_date(utc, buf, len);
	else
		time_format_utc(utc, buf, len);
}

/* ---- mapping one VEVENT ---- */

/* A time property resolved: wall-clock value, its zone, UTC seconds. */
struct when {
	struct icaltimetype t;
	icaltimezone *zone;
	const char *iana;
	int64_t utc;
};

static bool when_of(struct ics_event_ctx *ctx, icalproperty *p, struct icaltimetype t,
                    struct when *w)
{
	if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t) || t.month < 1 ||
	    t.month > 12 || t.day < 1 || t.day > 31)
		return false;
	w->t = t;
	w->zone = NULL;
	w->iana = NULL;
	icalparameter *tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	const char *tzid = tz ? icalparameter_get_tzid(tz) : NULL;
	if (tzid != NULL && !icaltime_is_utc(t) && !t.is_date)
		w->zone = ics_zones_find(ctx->zones, tzid, &w->iana);
	if (icaltime_is_utc(t))
		w->iana = "UTC";
	w->utc = ics_zones_to_utc(t, w->zone);
	return true;
}

static char *dup_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? xstrdup(s) : NULL;
}

/* "mailto:a@b" -> "a@b" */
static const char *strip_mailto(const char *v)
{
	if (v != NULL && strncasecmp(v, "mailto:", 7) == 0)
		return v + 7;
	return v;
}

static char *person(icalproperty *p, const char *value)
{
	icalparameter *cn = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
	const char *name = cn ? icalparameter_get_cn(cn) : NULL;
	const char *addr = strip_mailto(value);
	if (name != NULL && name[0] != '\0' && addr != NULL && addr[0] != '\0' &&
	    strcmp(name, addr) != 0)
		return xasprintf("%s <%s>", name, addr);
	return xstrdup(name && name[0] ? name : addr ? addr : "");
}

static void map_people(icalcomponent *c, struct invitation *inv, long dropped)
{
	icalproperty *org = icalcomponent_get_first_property(c, ICAL_ORGANIZER_PROPERTY);
	if (org != NULL) {
		/* "Name <addr>": the address is what an RSVP reply is sent to */
		char *who = person(org, icalproperty_get_organizer(org));
		inv->organizer = dup_or_null(who);
		free(who);
	}
	long count = dropped;
	size_t used = 0, kept = 0;
	char *list = NULL;
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_ATTENDEE_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_ATTENDEE_PROPERTY)) {
		count++;
		char *one = person(p, icalproperty_get_attendee(p));
		size_t n = strlen(one);
		if (n > 0 && kept < ICS_ATTENDEES_KEPT && used + n + 2 <= ICS_ATTENDEE_BYTES) {
			list = xrealloc(list, used + n + 2);
			if (used > 0)
				list[used++] = '\n';
			memcpy(list + used, one, n + 1);
			used += n;
			kept++;
		}
		free(one);
	}
	inv->attendees = list;
	if (count > 0)
		inv->expected_attendance = count > 1000000 ? 1000000 : (int)count;
}

/* CATEGORIES: every value of every property, commas in values escaped. */
static void map_categories(icalcomponent *c, struct invitation *inv)
{
	size_t used = 0;
	char *out = NULL;
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_CATEGORIES_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_CATEGORIES_PROPERTY)) {
		const char *v = icalproperty_get_categories(p);
		if (v == NULL || v[0] == '\0' || used > 4096)
			continue;
		size_t n = strlen(v);
		out = xrealloc(out, used + 2 * n + 2);
		if (used > 0)
			out[used++] = ',';
		for (const char *s = v; *s; s++) {
			if (*s == ',' || *s == '\\')
				out[used++] = '\\';
			out[used++] = *s;
		}
		out[used] = '\0';
	}
	inv->categories = out;
}

static const char *const video_domains[] = {
	"zoom.us", "zoomgov.com", "teams.microsoft.com", "teams.live.com", "meet.google.com",
	"webex.com", "gotomeeting.com", "gotomeet.me", "whereby.com", "meet.jit.si",
	"bluejeans.com", "chime.aws", "skype.com", "hangouts.google.com", "hopin.com",
};
static const char *const video_words[] = {
	"zoom", "microsoft teams", "teams meeting", "google meet", "webex", "gotomeeting",
	"skype", "jitsi", "whereby", "online", "virtual", "webinar",
};

static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *s = text; (s = strcasestr(s, word)) != NULL; s++) {
		bool left = s == text || !isalnum((unsigned char)s[-1]);
		bool right = !isalnum((unsigned char)s[n]);
		if (left && right)
			return true;
	}
	return false;
}

static bool names_video(const char *text, bool words_too)
{
	if (text == NULL)
		return false;
	for (size_t i = 0; i < sizeof video_domains / sizeof *video_domains; i++)
		if (strcasestr(text, video_domains[i]) != NULL)
			return true;
	for (size_t i = 0; words_too && i < sizeof video_words / sizeof *video_words; i++)
		if (has_word(text, video_words[i]))
			return true;
	return false;
}

static bool is_online(icalcomponent *c, const struct invitation *inv)
{
	if (names_video(inv->url, false) || names_video(inv->location, true))
		return true;
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY)) {
		const char *name = icalproperty_get_x_name(p);
		if (name == NULL)
			continue;
		if (strncasecmp(name, "X-MICROSOFT-ONLINEMEETING", 25) == 0 ||
		    strncasecmp(name, "X-MICROSOFT-SKYPETEAMSMEETINGURL", 32) == 0 ||
		    strncasecmp(name, "X-GOOGLE-CONFERENCE", 19) == 0 ||
		    strncasecmp(name, "X-ZOOM", 6) == 0)
			return true;
	}
	return false;
}

static bool has_error_for(icalcomponent *c, const char *prefix, const char *prop)
{
	size_t n = strlen(prefix);
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		const char *msg = icalproperty_get_xlicerror(p);
		if (msg != NULL && strncmp(msg, prefix, n) == 0 &&
		    strncmp(msg + n, prop, strlen(prop)) == 0 && msg[n + strlen(prop)] == ':')
			return true;
	}
	return false;
}

/* libical's text with the blanks it stripped put back from the value as
 * written; the written value itself when its VALUE type is unknown. */
static char *text_of(icalcomponent *c, const char *libical, const char *raw, const char *name)
{
	if (raw != NULL && has_error_for(c, "Invalid VALUE type for property ", name))
		return raw[0] ? xstrdup(raw) : NULL;
	if (libical == NULL)
		return NULL;
	if (raw == NULL)
		return dup_or_null(libical);
	size_t lead = strspn(raw, " \t"), n = strlen(raw), tail = 0;
	while (tail < n - lead && (raw[n - 1 - tail] == ' ' || raw[n - 1 - tail] == '\t'))
		tail++;
	if (libical[0] == '\0' && lead == 0)
		return NULL;
	return xasprintf("%.*s%s%.*s", (int)lead, raw, libical, (int)tail, raw + n - tail);
}

static void map_text(struct ics_event_ctx *ctx, icalcomponent *c,
                     const struct ics_event_raw *raw, struct invitation *inv)
{
	inv->title = text_of(c, icalcomponent_get_summary(c), raw->value[ICS_SUMMARY], "SUMMARY");
	if (inv->title == NULL)
		inv->title = xstrdup("(no title)");
	inv->location =
		text_of(c, icalcomponent_get_location(c), raw->value[ICS_LOCATION], "LOCATION");
	inv->description = text_of(c, icalcomponent_get_description(c),
	                           raw->value[ICS_DESCRIPTION], "DESCRIPTION");
	icalproperty *p = icalcomponent_get_first_property(c, ICAL_URL_PROPERTY);
	inv->url = p ? dup_or_null(icalproperty_get_url(p)) : NULL;
	p = icalcomponent_get_first_property(c, ICAL_GEO_PROPERTY);
	if (p != NULL && inv->location == NULL) {
		struct icalgeotype g = icalproperty_get_geo(p);
		inv->location = xasprintf("geo:%.6f,%.6f", g.lat, g.lon);
	}
	p = icalcomponent_get_first_property(c, ICAL_SEQUENCE_PROPERTY);
	inv->sequence = p && icalproperty_get_sequence(p) > 0 ? icalproperty_get_sequence(p) : 0;
	inv->source_file = dup_or_null(ctx->opt->source_name);
	map_categories(c, inv);
	if (is_online(c, inv))
		inv->reach = REACH_VIRTUAL;
}

static char *uid_of(icalcomponent *c)
{
	const char *uid = icalcomponent_get_uid(c);
	if (uid != NULL && uid[0] != '\0')
		return xstrdup(uid);
	/* stable across re-imports of the same file */
	icalproperty *p = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	const char *ds = p ? icalproperty_get_value_as_string(p) : "";
	const char *sum = icalcomponent_get_summary(c);
	uint64_t h = fnv1a(sum ? sum : "", fnv1a(ds ? ds : "", 14695981039346656037u));
	return xasprintf("worthit-%016llx", (unsigned long long)h);
}

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

static void repair(icalcomponent *c)
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

/* The first X-LIC-ERROR libical left in the event itself that makes the
 * event bad, or NULL. */
static const char *parse_error(icalcomponent *c)
{
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		const char *msg = icalproperty_get_xlicerror(p);
		if (msg != NULL && is_fatal_error(msg))
			return msg;
	}
	return NULL;
}

struct timing {
	struct when start;
	struct ics_recur_input recur;
};

/* DTSTART, then DTEND or DURATION. false with a problem when unusable. */
static bool map_times(struct ics_event_ctx *ctx, icalcomponent *c, int line, struct timing *tm,
                      struct invitation *inv)
{
	icalproperty *ps = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	if (ps == NULL || !when_of(ctx, ps, icalproperty_get_dtstart(ps), &tm->start)) {
		const char *err = parse_error(c);
		import_problems_add(ctx->problems, line, "VEVENT %s has no valid DTSTART%s%s",
		                    inv->uid, err ? ": " : "", err ? err : "");
		return false;
	}
	struct ics_recur_input *r = &tm->recur;
	memset(r, 0, sizeof *r);
	r->vevent = c;
	r->zones = ctx->zones;
	r->dtstart = tm->start.t;
	r->zone = tm->start.zone;
	r->start = tm->start.utc;
	r->from = ctx->opt->from;
	r->to = ctx->opt->to;
	inv->all_day = tm->start.t.is_date != 0;
	inv->tzid = inv->all_day ? NULL : dup_or_null(tm->start.iana);
	icalproperty *pe = icalcomponent_get_first_property(c, ICAL_DTEND_PROPERTY);
	icalproperty *pd = icalcomponent_get_first_property(c, ICAL_DURATION_PROPERTY);
	struct when end;
	if (pe != NULL && when_of(ctx, pe, icalproperty_get_dtend(pe), &end)) {
		if (inv->all_day && !end.t.is_date) {
			struct icaltimetype d = end.t;
			d.is_date = 1;
			end.utc = ics_zones_to_utc(d, NULL);
		}
		r->exact_sec = end.utc - tm->start.utc;
		if (inv->all_day && r->exact_sec < 0)
			r->exact_sec = 86400;
		if (r->exact_sec < 0) {
			import_problems_add(ctx->problems, line, "VEVENT %s ends before it starts",
			                    inv->uid);
			return false;
		}
	} else if (pd != NULL) {
		r->dur = icalproperty_get_duration(pd);
		r->has_dur = !icaldurationtype_is_bad_duration(r->dur);
		if (r->dur.is_neg)
			r->has_dur = false;
	} else if (inv->all_day) {
		r->exact_sec = 86400;
	}
	return true;
}

static enum wit_status emit_one(struct ics_event_ctx *ctx, struct invitation *inv, int line,
                                enum import_action action)
{
	struct timespec a, b;
	ctx->stats->occurrences++;
	clock_gettime(CLOCK_MONOTONIC, &a);
	enum wit_status st = ctx->sink(ctx->sink_ctx, inv, line, action);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ctx->stats->sink_sec += (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	return st;
}

static bool is_recurring(icalcomponent *c)
{
	return icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY) != NULL ||
	       icalcomponent_get_first_property(c, ICAL_RDATE_PROPERTY) != NULL;
}

static enum wit_status emit_series(struct ics_event_ctx *ctx, struct invitation *inv,
                                   struct timing *tm, int line, enum import_action action)
{
	struct ics_occurrence *occ = NULL;
	size_t n = 0;
	char *why = NULL;
	if (ics_recur_expand(&tm->recur, &occ, &n, &why) != WIT_OK) {
		import_problems_add(ctx->problems, line, "VEVENT %s: %s", inv->uid, why);
		free(why);
		return WIT_OK;
	}
	inv->series = xstrdup(inv->uid);
	enum wit_status st = WIT_OK;
	for (size_t i = 0; i < n && st == WIT_OK; i++) {
		char key[32];
		ics_event_key(occ[i].start, inv->all_day, key, sizeof key);
		if (set_has(ctx->overrides, inv->uid, key))
			continue;
		free(inv->recurrence_id);
		inv->recurrence_id = xstrdup(key);
		inv->starts_at = occ[i].start;
		inv->ends_at = occ[i].end;
		st = emit_one(ctx, inv, line, action);
	}
	free(occ);
	return st;
}

enum wit_status ics_event_emit(struct ics_event_ctx *ctx, icalcomponent *c, int line,
                               const struct ics_event_raw *raw)
{
	struct invitation inv;
	invitation_init(&inv);
	inv.uid = uid_of(c);
	ctx->stats->events++;
	struct timing tm;
	enum import_action action = IMPORT_UPSERT;
	if (ctx->is_cancel_method || icalcomponent_get_status(c) == ICAL_STATUS_CANCELLED)
		action = IMPORT_CANCEL;
	repair(c);
	const char *err = parse_error(c);
	if (err != NULL) {
		import_problems_add(ctx->problems, line, "VEVENT %s: %s", inv.uid, err);
		invitation_done(&inv);
		return WIT_OK;
	}
	if (!map_times(ctx, c, line, &tm, &inv)) {
		invitation_done(&inv);
		return WIT_OK;
	}
	map_text(ctx, c, raw, &inv);
	map_people(c, &inv, raw->attendees_dropped);
	if (action == IMPORT_CANCEL)
		inv.status = STATUS_CANCELLED;
	enum wit_status st = WIT_OK;
	icalproperty *rp = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
	if (rp != NULL) {
		struct when rid;
		if (!when_of(ctx, rp, icalproperty_get_recurrenceid(rp), &rid)) {
			import_problems_add(ctx->problems, line,
			                    "VEVENT %s has an invalid RECURRENCE-ID", inv.uid);
			invitation_done(&inv);
			return WIT_OK;
		}
		char key[32];
		rid_key(rid.t, rid.zone, inv.all_day, key, sizeof key);
		inv.recurrence_id = xstrdup(key);
		inv.series = xstrdup(inv.uid);
		inv.starts_at = tm.start.utc;
		inv.ends_at = ics_recur_end(&tm.recur, tm.start.t, tm.start.utc);
		if (inv.starts_at >= ctx->opt->from && inv.starts_at < ctx->opt->to)
			st = emit_one(ctx, &inv, line, action);
		else
			ctx->stats->outside++;
	} else if (is_recurring(c)) {
		st = emit_series(ctx, &inv, &tm, line, action);
	} else {
		inv.recurrence_id = xstrdup("");
		inv.starts_at = tm.start.utc;
		inv.ends_at = ics_recur_end(&tm.recur, tm.start.t, tm.start.utc);
		if (action == IMPORT_CANCEL ||
		    (inv.starts_at >= ctx->opt->from && inv.starts_at < ctx->opt->to))
			st = emit_one(ctx, &inv, line, action);
		else
			ctx->stats->outside++;
	}
	invitation_done(&inv);
	return st;
}
