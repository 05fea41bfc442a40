/*
 * ics_map.h: the descriptive properties of one parsed VEVENT onto a
 * struct invitation (RFC 5545 3.8.1, 3.8.4): UID, text, people,
 * categories, online or not. Times and recurrence are ics_event.c's.
 */
#ifndef WORTHIT_ICS_MAP_H
#define WORTHIT_ICS_MAP_H

#include <libical/ical.h>

#include "worthit/ics_event.h"
#include "worthit/model.h"

/* UID, or when missing "worthit-" + a hash of DTSTART and SUMMARY, so
 * that a re-import finds the same row. Caller frees. */
char *ics_map_uid(icalcomponent *vevent);

/* SUMMARY (title, "(no title)" when none), LOCATION (GEO "geo:LAT,LON"
 * when none), DESCRIPTION, URL, SEQUENCE, CATEGORIES, source_file and
 * REACH_VIRTUAL for an online meeting. raw: the values as written. */
void ics_map_text(icalcomponent *vevent, const struct ics_event_raw *raw,
                  const char *source_name, struct invitation *inv);

/* ORGANIZER ("Name <addr>") and ATTENDEEs (the first ones as "Name
 * <addr>" lines: people to meet, never the room size, which stays
 * unknown); attendees_dropped were counted, not kept. */
void ics_map_people(icalcomponent *vevent, long attendees_dropped, struct invitation *inv);

#endif
