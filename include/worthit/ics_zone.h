/*
 * ics_zone.h: time zones of one iCalendar file, for ics.c. A TZID is
 * resolved through the file's own VTIMEZONEs first, then the system
 * time-zone database (libical's builtin zones read /usr/share/zoneinfo),
 * then Windows zone names mapped to IANA ones (ics_winzones.c), each
 * lookup cached. Floating times (no TZID, no "Z") are taken in the
 * process's local zone (TZ), as RFC 5545 3.3.5 form 1 asks.
 */
#ifndef WORTHIT_ICS_ZONE_H
#define WORTHIT_ICS_ZONE_H

#include <libical/ical.h>
#include <stdbool.h>
#include <stdint.h>

#include "worthit/status.h"

struct ics_zones;

struct ics_zones *ics_zones_new(void);
void ics_zones_free(struct ics_zones *z);

/* Add a VTIMEZONE from the file; takes ownership of vtimezone even on
 * failure. WIT_DATA when it has no TZID or the file has too many. */
enum wit_status ics_zones_add(struct ics_zones *z, icalcomponent *vtimezone, char **why);

/* The zone for a TZID, or NULL when nothing knows it. *iana (may be
 * NULL) receives the IANA name to show, or NULL. Borrowed: valid until
 * ics_zones_free(). */
icaltimezone *ics_zones_find(struct ics_zones *z, const char *tzid, const char **iana);

/* Calls said(arg, tzid) once for each TZID looked up and unknown that
 * was not said before (so once per file). */
void ics_zones_say_unknown(struct ics_zones *z, void (*said)(void *arg, const char *tzid),
                           void *arg);

/* UTC seconds for t: "Z" times as UTC, else wall-clock time in zone, or
 * in the local zone when zone is NULL. DATE values give 00:00 UTC. */
int64_t ics_zones_to_utc(struct icaltimetype t, icaltimezone *zone);

/* The wall-clock time in zone (local zone when NULL) at UTC seconds. */
struct icaltimetype ics_zones_from_utc(int64_t t, icaltimezone *zone);

#endif
