/*
 * ics_overrides.c: the keys of a file's RECURRENCE-ID overrides (see
 * ics_overrides.h): an open-addressing set of "uid\x1fkey" strings, key
 * as ics_overrides_occurrence_key() writes it. Pass 1 only notes each override's UID,
 * RECURRENCE-ID value and TZID, since a VTIMEZONE may come after the
 * event that uses it; ics_overrides_resolve() turns them into keys.
 */
#include "worthit/ics_overrides.h"
#include "worthit/ics.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pending_override {
	char *uid;
	char *rid;   /* the value as written, e.g. "20210409T000000" */
	char *tzid;  /* TZID parameter, or NULL */
	bool is_date_event; /* the override's DTSTART is a DATE */
	char *text;  /* RANGE=THISANDFUTURE: the VEVENT as read; else NULL */
	int line;
};

struct ics_overrides {
	char **slots;
	size_t cap, len;
	struct pending_override *pending;
	size_t n_pending, cap_pending;
	struct ics_range *ranges; /* RANGE=THISANDFUTURE ones, by uid then rid */
	size_t n_ranges;
	size_t ranges_noted;      /* pending or resolved, <= ICS_RANGES_MAX */
	size_t range_bytes;       /* of their texts, <= ICS_RANGE_BYTES_MAX */
};

static uint64_t fnv1a(const char *s, uint64_t h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

struct ics_overrides *ics_overrides_new(void)
{
	return xcalloc(1, sizeof(struct ics_overrides));
}

void ics_overrides_free(struct ics_overrides *o)
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
		free(o->pending[i].text);
	}
	free(o->pending);
	for (size_t i = 0; i < o->n_ranges; i++) {
		free(o->ranges[i].uid);
		free(o->ranges[i].text);
	}
	free(o->ranges);
	free(o);
}

static void set_insert(struct ics_overrides *o, char *key)
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

/* Hash of "uid\x1fkey" without building it. */
static uint64_t key_hash(const char *uid, const char *key)
{
	return fnv1a(key, fnv1a("\x1f", fnv1a(uid, 14695981039346656037u)));
}

static bool is_key(const char *slot, const char *uid, size_t uid_len, const char *key)
{
	return strncmp(slot, uid, uid_len) == 0 && slot[uid_len] == '\x1f' &&
	       strcmp(slot + uid_len + 1, key) == 0;
}

bool ics_overrides_has(const struct ics_overrides *o, const char *uid, const char *key)
{
	if (o == NULL || o->len == 0)
		return false;
	size_t uid_len = strlen(uid);
	for (size_t j = key_hash(uid, key) & (o->cap - 1); o->slots[j] != NULL;
	     j = (j + 1) & (o->cap - 1))
		if (is_key(o->slots[j], uid, uid_len, key))
			return true;
	return false;
}

static bool is_this_and_future(icalproperty *rp)
{
	icalparameter *r = icalproperty_get_first_parameter(rp, ICAL_RANGE_PARAMETER);
	return r != NULL && icalparameter_get_range(r) == ICAL_RANGE_THISANDFUTURE;
}

bool ics_overrides_note(struct ics_overrides *o, icalcomponent *vevent, const char *text,
                        int line)
{
	icalproperty *rp = icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY);
	icalproperty *up = icalcomponent_get_first_property(vevent, ICAL_UID_PROPERTY);
	const char *uid = up ? icalproperty_get_uid(up) : NULL;
	if (rp == NULL || uid == NULL)
		return true;
	struct icaltimetype rid = icalproperty_get_recurrenceid(rp);
	if (icaltime_is_null_time(rid))
		return true;
	bool is_range = is_this_and_future(rp);
	bool fits = !is_range || (o->ranges_noted < ICS_RANGES_MAX &&
	                          o->range_bytes + strlen(text) <= ICS_RANGE_BYTES_MAX);
	is_range = is_range && fits;
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
	p->text = is_range ? xstrdup(text) : NULL;
	p->line = line;
	if (is_range) {
		o->ranges_noted++;
		o->range_bytes += strlen(text);
	}
	return fits;
}

/* The instant a RECURRENCE-ID names, as ics_overrides_key() keys it. */
static int64_t rid_utc(struct icaltimetype rid, icaltimezone *zone, bool is_date_event)
{
	if (rid.is_date || is_date_event) {
		rid.is_date = 1;
		return ics_zones_to_utc(rid, NULL);
	}
	return ics_zones_to_utc(rid, icaltime_is_utc(rid) ? NULL : zone);
}

void ics_overrides_occurrence_key(int64_t utc, bool is_date, char *buf, size_t len)
{
	if (is_date)
		time_format_date(utc, buf, len);
	else
		time_format_utc(utc, buf, len);
}

void ics_overrides_key(struct icaltimetype rid, icaltimezone *zone, bool is_date_event,
                       char *buf, size_t len)
{
	ics_overrides_occurrence_key(rid_utc(rid, zone, is_date_event), rid.is_date || is_date_event, buf, len);
}

static int range_order(const void *pa, const void *pb)
{
	const struct ics_range *a = pa, *b = pb;
	int c = strcmp(a->uid, b->uid);
	return c != 0 ? c : (a->rid > b->rid) - (a->rid < b->rid);
}

void ics_overrides_resolve(struct ics_overrides *o, struct ics_zones *zones)
{
	for (size_t i = 0; i < o->n_pending; i++) {
		struct pending_override *p = &o->pending[i];
		struct icaltimetype rid = icaltime_from_string(p->rid);
		icaltimezone *zone = p->tzid ? ics_zones_find(zones, p->tzid, NULL) : NULL;
		char key[32];
		ics_overrides_key(rid, zone, p->is_date_event, key, sizeof key);
		set_insert(o, xasprintf("%s\x1f%s", p->uid, key));
		if (p->text != NULL) {
			o->ranges = xreallocarray(o->ranges, o->n_ranges + 1, sizeof *o->ranges);
			o->ranges[o->n_ranges++] = (struct ics_range){
				.uid = p->uid, .text = p->text, .line = p->line,
				.rid = rid_utc(rid, zone, p->is_date_event),
			};
		} else {
			free(p->uid);
		}
		free(p->rid);
		free(p->tzid);
	}
	o->n_pending = 0;
	if (o->n_ranges > 1)
		qsort(o->ranges, o->n_ranges, sizeof *o->ranges, range_order);
	for (size_t i = 0; i < o->n_ranges; i++)
		o->ranges[i].index = i;
}

size_t ics_overrides_n_ranges(const struct ics_overrides *o)
{
	return o != NULL ? o->n_ranges : 0;
}

const struct ics_range *ics_overrides_range(const struct ics_overrides *o, const char *uid,
                                            int64_t start)
{
	const struct ics_range *best = NULL;
	for (size_t i = 0; o != NULL && i < o->n_ranges; i++)
		if (o->ranges[i].rid <= start && strcmp(o->ranges[i].uid, uid) == 0)
			best = &o->ranges[i]; /* sorted: the latest such rid wins */
	return best;
}
