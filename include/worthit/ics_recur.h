/*
 * ics_recur.h: expanding one recurring VEVENT (RFC 5545 3.8.5: RRULE,
 * RDATE, EXDATE) into the occurrences that start inside a window, for
 * ics_event.c. libical's icalrecur_iterator walks each RRULE in the
 * event's own wall-clock time; every occurrence is then converted to
 * UTC through the event's zone, so that DST changes keep the local time.
 * UNTIL is applied here, in UTC, rather than by the iterator.
 */
#ifndef WORTHIT_ICS_RECUR_H
#define WORTHIT_ICS_RECUR_H

#include <libical/ical.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/ics_zone.h"
#include "worthit/status.h"

struct ics_occurrence {
	int64_t start; /* UTC seconds; also the RECURRENCE-ID key */
	int64_t end;   /* UTC seconds, >= start */
};

struct ics_recur_input {
	icalcomponent *vevent;
	struct ics_zones *zones;
	struct icaltimetype dtstart; /* as written, zone not set */
	icaltimezone *zone;          /* NULL: floating or UTC or DATE */
	int64_t start;               /* dtstart in UTC */
	int64_t exact_sec;           /* duration when given by DTEND */
	struct icaldurationtype dur; /* DURATION when given, else null */
	bool has_dur;
	int64_t from, to;            /* window, UTC */
};

/*
 * Occurrences of the event starting in [from, to), sorted by start,
 * without duplicates and without EXDATEs; the caller frees *out.
 * WIT_DATA with *why for an RRULE that cannot be expanded or that gives
 * more than ICS_OCCURRENCES_MAX occurrences in the window.
 */
enum wit_status ics_recur_expand(const struct ics_recur_input *in, struct ics_occurrence **out,
                                 size_t *n_out, char **why);

/* End of an occurrence starting at local wall-clock time occ. */
int64_t ics_recur_end(const struct ics_recur_input *in, struct icaltimetype occ,
                      int64_t occ_utc);

#endif
