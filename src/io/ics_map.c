/*
 * ics_map.c: the descriptive properties of one VEVENT (ics_map.h),
 * RFC 5545 3.6.1 and 3.8:
 *   UID -> uid; SUMMARY -> title; ORGANIZER -> "CN <address>" or either
 *   alone; ATTENDEE -> "Name <addr>" lines (the people the user will
 *   meet, not the size of the room: expected_attendance stays unknown) (at most ICS_ATTENDEES_KEPT, ICS_ATTENDEE_BYTES); CATEGORIES ->
 *   comma-separated with literal commas escaped as "\,"; LOCATION, URL,
 *   DESCRIPTION as text; GEO -> location "geo:LAT,LON" when LOCATION is
 *   empty; SEQUENCE; a video-meeting URL, LOCATION or X- property ->
 *   REACH_VIRTUAL.
 * Runs once per event of an import: strings are built with memcpy into
 * buffers sized once, not with a printf per attendee.
 */
#define _GNU_SOURCE 1
#include "worthit/ics_map.h"
#include "worthit/ics.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static uint64_t fnv1a(const char *s, uint64_t h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
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

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* "Name <addr>", or either alone, appended to b; false when the person
 * has neither (nothing appended) or would take b past limit bytes. */
static bool person_add(struct buf *b, icalproperty *p, const char *value, size_t limit)
{
	icalparameter *cn = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
	const char *name = cn ? icalparameter_get_cn(cn) : NULL;
	const char *addr = strip_mailto(value);
	size_t nn = name ? strlen(name) : 0, na = addr ? strlen(addr) : 0;
	bool both = nn > 0 && na > 0 && strcmp(name, addr) != 0;
	size_t need = both ? nn + na + 3 : nn > 0 ? nn : na;
	if (need == 0 || b->len + need + 1 > limit)
		return false;
	if (both) {
		buf_add(b, name, nn);
		buf_add(b, " <", 2);
		buf_add(b, addr, na);
		buf_add(b, ">", 1);
	} else {
		buf_add(b, nn > 0 ? name : addr, need);
	}
	return true;
}

void ics_map_people(icalcomponent *c, long dropped, struct invitation *inv)
{
	icalproperty *org = icalcomponent_get_first_property(c, ICAL_ORGANIZER_PROPERTY);
	if (org != NULL) {
		/* "Name <addr>": the address is what an RSVP reply is sent to */
		struct buf who = {0};
		if (person_add(&who, org, icalproperty_get_organizer(org), SIZE_MAX))
			inv->organizer = who.s;
	}
	(void)dropped; /* counted by the parser's report, not a room size */
	size_t kept = 0;
	struct buf list = {0};
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_ATTENDEE_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_ATTENDEE_PROPERTY)) {
		if (kept >= ICS_ATTENDEES_KEPT)
			continue;
		/* as many as fit in ICS_ATTENDEE_BYTES with a separator (or,
		 * for the first, one spare byte) and the NUL */
		size_t before = list.len;
		if (before > 0)
			buf_add(&list, "\n", 1);
		if (person_add(&list, p, icalproperty_get_attendee(p),
		               ICS_ATTENDEE_BYTES - (before == 0)))
			kept++;
		else if (list.s != NULL)
			list.s[list.len = before] = '\0';
	}
	inv->attendees = list.s;
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

/* word (lower case) in lower-cased text, between non-alphanumerics */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *s = text; (s = strstr(s, word)) != NULL; s++) {
		bool left = s == text || !isalnum((unsigned char)s[-1]);
		bool right = !isalnum((unsigned char)s[n]);
		if (left && right)
			return true;
	}
	return false;
}

/* Case-insensitive (ASCII) search for the names above: the text is
 * lower-cased once, then searched with strstr. */
static bool names_video(const char *text, bool words_too)
{
	if (text == NULL)
		return false;
	size_t n = strlen(text);
	char small[512];
	char *low = n < sizeof small ? small : xmalloc(n + 1);
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)((text[i] >= 'A' && text[i] <= 'Z') ? text[i] - 'A' + 'a' : text[i]);
	bool found = false;
	for (size_t i = 0; !found && i < sizeof video_domains / sizeof *video_domains; i++)
		found = strstr(low, video_domains[i]) != NULL;
	for (size_t i = 0; !found && words_too && i < sizeof video_words / sizeof *video_words; i++)
		found = has_word(low, video_words[i]);
	if (low != small)
		free(low);
	return found;
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
	size_t body = strlen(libical);
	char *out = xmalloc(lead + body + tail + 1);
	memcpy(out, raw, lead);
	memcpy(out + lead, libical, body);
	memcpy(out + lead + body, raw + n - tail, tail);
	out[lead + body + tail] = '\0';
	return out;
}

void ics_map_text(icalcomponent *c, const struct ics_event_raw *raw, const char *source_name,
                  struct invitation *inv)
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
	inv->source_file = dup_or_null(source_name);
	map_categories(c, inv);
	if (is_online(c, inv))
		inv->reach = REACH_VIRTUAL;
}

char *ics_map_uid(icalcomponent *c)
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
