/*
 * ics_overrides.h: the RECURRENCE-ID overrides of one iCalendar file
 * (RFC 5545 3.8.4.4), found in ics.c's first pass, so that the second
 * pass leaves out of a series the occurrences an override replaces,
 * whichever comes first in the file.
 */
#ifndef WORTHIT_ICS_OVERRIDES_H
#define WORTHIT_ICS_OVERRIDES_H

#include <libical/ical.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/ics_zone.h"

/* The (UID, RECURRENCE-ID) keys of the overrides in one file. */
struct ics_overrides;

struct ics_overrides *ics_overrides_new(void);
void ics_overrides_free(struct ics_overrides *o);

/* Pass 1: remember the override vevent (it has a RECURRENCE-ID; text
 * is its text as read, kept when the RECURRENCE-ID has
 * RANGE=THISANDFUTURE, line where it starts). Its key is computed by
 * ics_overrides_resolve() once every VTIMEZONE of the file is known.
 * false when a RANGE=THISANDFUTURE override would pass ICS_RANGES_MAX
 * or ICS_RANGE_BYTES_MAX: it is then noted as replacing its own
 * occurrence only. */
bool ics_overrides_note(struct ics_overrides *o, icalcomponent *vevent, const char *text,
                        int line);
void ics_overrides_resolve(struct ics_overrides *o, struct ics_zones *zones);

/* A RANGE=THISANDFUTURE override (RFC 5545 3.8.4.4): its changes apply
 * to its occurrence and every later one of the series. */
struct ics_range {
	char *uid;
	int64_t rid;   /* the RECURRENCE-ID, UTC seconds (a DATE: 00:00 UTC) */
	char *text;    /* the override VEVENT as read, for libical */
	int line;      /* where it starts */
	size_t index;  /* 0 .. ics_overrides_n_ranges() - 1 */
};

size_t ics_overrides_n_ranges(const struct ics_overrides *o);
/* The range override of uid that applies to the occurrence originally
 * starting at start (UTC seconds; an all-day one: 00:00 UTC of its
 * date): the one with the latest RECURRENCE-ID <= start, or NULL.
 * Borrowed from o. */
const struct ics_range *ics_overrides_range(const struct ics_overrides *o, const char *uid,
                                            int64_t start);

/* True when an override replaces the occurrence of uid with key (as
 * ics_overrides_occurrence_key() writes it). o may be NULL. */
bool ics_overrides_has(const struct ics_overrides *o, const char *uid, const char *key);

/* The key of an occurrence starting at utc: "2026-03-01T09:00:00Z" or,
 * for a DATE, "2026-03-01", as written in invitation.recurrence_id and
 * compared with an override's. buf >= 21 bytes. */
void ics_overrides_occurrence_key(int64_t utc, bool is_date, char *buf, size_t len);

/* The key of a RECURRENCE-ID: a DATE, or a DATE-TIME as UTC (zone: its
 * TZID's zone, or NULL). An override that is itself all-day
 * (is_date_event) gets a DATE key even when Exchange wrote its
 * RECURRENCE-ID as a local midnight. buf >= 21 bytes. */
void ics_overrides_key(struct icaltimetype rid, icaltimezone *zone, bool is_date_event,
                       char *buf, size_t len);

#endif
