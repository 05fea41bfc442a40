/*
 * ics_event.c: one VEVENT to invitations (see ics_event.h): checks what
 * libical reported (ics_repair.c), maps the descriptive properties
 * (ics_map.c), then the times, RFC 5545 3.8.2 and 3.8.5:
 * DTEND, else DURATION, else one day (DATE) or zero length.
 * A DATE event with DTEND = DTSTART is kept as written (zero length), one
 * with DTEND before DTSTART lasts one day; a timed event whose
 * DTEND is before DTSTART is rejected. STATUS:CANCELLED or METHOD:CANCEL
 * -> IMPORT_CANCEL. A series is expanded (ics_recur.c) into the
 * occurrences of the window, less those an override replaces
 * (ics_overrides.c).
 */
#include "worthit/ics_event.h"
#include "worthit/ics_map.h"
#include "worthit/ics_repair.h"
#include "worthit/ics_recur.h"
#include "worthit/ics_text.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- mapping one VEVENT ---- */

/* A time property resolved: wall-clock value, its zone, UTC seconds. */
struct when {
	struct icaltimetype t;
	icaltimezone *zone;
	const char *iana;
	int64_t utc;
};

/* A date and time RFC 5545 3.3.4/3.3.5 can hold: years 1..9999 (libical's
 * icaltime_is_valid_time() stops at 3000), a leap second allowed. Days
 * up to 31 in any month: 2024-02-30 is read as 2024-03-01, as other
 * readers do. */
static bool is_valid_time(struct icaltimetype t)
{
	if (icaltime_is_null_time(t) || t.year < 1 || t.year > 9999 || t.month < 1 ||
	    t.month > 12 || t.day < 1 || t.day > 31)
		return false;
	return t.is_date || (t.hour >= 0 && t.hour < 24 && t.minute >= 0 && t.minute < 60 &&
	                     t.second >= 0 && t.second <= 60);
}

static bool when_of(struct ics_event_ctx *ctx, icalproperty *p, struct icaltimetype t,
                    struct when *w)
{
	if (!is_valid_time(t))
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
		const char *err = ics_repair_fatal_error(c);
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
	inv->tzid = inv->all_day || tm->start.iana == NULL || tm->start.iana[0] == '\0'
	            ? NULL : xstrdup(tm->start.iana);
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
			r->exact_sec = DAY_SEC;
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
		r->exact_sec = DAY_SEC;
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

/* What a RANGE=THISANDFUTURE override makes of the later occurrences
 * of its series: its own content, moved by as much as it moves its own
 * occurrence, lasting as long as it does. Built on first use. */
struct ics_range_tmpl {
	bool is_built, is_usable;
	struct invitation inv;   /* content only: no times, key or series */
	int64_t shift;           /* its DTSTART - its RECURRENCE-ID, seconds */
	int64_t duration;        /* seconds */
	enum import_action action;
};

/* Map the override's text as ics_event_emit() would; problems with it
 * are not reported here but when the override itself is read. */
static bool range_build(struct ics_event_ctx *ctx, const struct ics_range *r,
                        struct ics_range_tmpl *t, icalcomponent *c)
{
	ics_repair_apply(c);
	if (ics_repair_fatal_error(c) != NULL)
		return false;
	struct import_problems quiet, *keep = ctx->problems;
	import_problems_init(&quiet);
	ctx->problems = &quiet;
	struct timing tm;
	t->inv.uid = ics_map_uid(c);
	bool ok = map_times(ctx, c, r->line, &tm, &t->inv);
	ctx->problems = keep;
	import_problems_done(&quiet);
	if (!ok)
		return false;
	struct ics_event_raw raw = {0};
	ics_map_text(c, &raw, ctx->opt->source_name, &t->inv);
	ics_map_people(c, 0, &t->inv);
	t->shift = tm.start.utc - r->rid;
	t->duration = ics_recur_end(&tm.recur, tm.start.t, tm.start.utc) - tm.start.utc;
	t->action = IMPORT_UPSERT;
	if (ctx->is_cancel_method || icalcomponent_get_status(c) == ICAL_STATUS_CANCELLED) {
		t->action = IMPORT_CANCEL;
		t->inv.status = STATUS_CANCELLED;
	}
	return true;
}

static const struct ics_range_tmpl *range_tmpl(struct ics_event_ctx *ctx,
                                               const struct ics_range *r)
{
	if (ctx->ranges == NULL)
		ctx->ranges = xcalloc(ics_overrides_n_ranges(ctx->overrides), sizeof *ctx->ranges);
	struct ics_range_tmpl *t = &ctx->ranges[r->index];
	if (t->is_built)
		return t->is_usable ? t : NULL;
	t->is_built = true;
	invitation_init(&t->inv);
	size_t len = strlen(r->text), bad;
	char *converted = NULL;
	if (ics_text_utf8_check((const unsigned char *)r->text, len) < len &&
	    (converted = ics_text_to_utf8(r->text, len, &bad)) == NULL)
		return NULL;
	icalcomponent *c = icalparser_parse_string(converted ? converted : r->text);
	free(converted);
	if (c == NULL)
		return NULL;
	t->is_usable = icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT && range_build(ctx, r, t, c);
	icalcomponent_free(c);
	return t->is_usable ? t : NULL;
}

void ics_event_ctx_done(struct ics_event_ctx *ctx)
{
	for (size_t i = 0; ctx->ranges != NULL && i < ics_overrides_n_ranges(ctx->overrides); i++)
		invitation_done(&ctx->ranges[i].inv);
	free(ctx->ranges);
	ctx->ranges = NULL;
}

/* The occurrence originally at occ, key, as a RANGE=THISANDFUTURE
 * override of the series changed it; false when none applies. */
static bool emit_changed(struct ics_event_ctx *ctx, const struct invitation *series,
                         const struct ics_occurrence *occ, char *key, enum wit_status *st)
{
	const struct ics_range *r = ics_overrides_range(ctx->overrides, series->uid, occ->start);
	const struct ics_range_tmpl *t = r != NULL ? range_tmpl(ctx, r) : NULL;
	if (t == NULL)
		return false;
	struct invitation inv = t->inv; /* borrowed strings: the sink copies */
	inv.uid = series->uid;
	inv.series = series->series;
	inv.recurrence_id = key;
	inv.starts_at = occ->start + t->shift;
	inv.ends_at = inv.starts_at + t->duration;
	*st = emit_one(ctx, &inv, r->line, t->action);
	return true;
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
		ics_overrides_occurrence_key(occ[i].start, inv->all_day, key, sizeof key);
		if (ics_overrides_has(ctx->overrides, inv->uid, key) ||
		    emit_changed(ctx, inv, &occ[i], key, &st))
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
	inv.uid = ics_map_uid(c);
	ctx->stats->events++;
	struct timing tm;
	enum import_action action = IMPORT_UPSERT;
	if (ctx->is_cancel_method || icalcomponent_get_status(c) == ICAL_STATUS_CANCELLED)
		action = IMPORT_CANCEL;
	ics_repair_apply(c);
	const char *err = ics_repair_fatal_error(c);
	if (err != NULL) {
		import_problems_add(ctx->problems, line, "VEVENT %s: %s", inv.uid, err);
		invitation_done(&inv);
		return WIT_OK;
	}
	if (!map_times(ctx, c, line, &tm, &inv)) {
		invitation_done(&inv);
		return WIT_OK;
	}
	ics_map_text(c, raw, ctx->opt->source_name, &inv);
	ics_map_people(c, raw->attendees_dropped, &inv);
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
		ics_overrides_key(rid.t, rid.zone, inv.all_day, key, sizeof key);
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
