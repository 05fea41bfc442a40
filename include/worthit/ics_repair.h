/*
 * ics_repair.h: libical's parse errors in one VEVENT (the X-LIC-ERROR
 * properties it leaves in the tree): recover what can be recovered,
 * then tell whether what is left makes the event bad.
 */
#ifndef WORTHIT_ICS_REPAIR_H
#define WORTHIT_ICS_REPAIR_H

#include <libical/ical.h>

/*
 * Two lost properties worth recovering, as other readers do: an RRULE
 * with junk parts keeps its well-formed NAME=VALUE parts; an RDATE or
 * EXDATE written "20131210Z" (Google birthdays) is the DATE 20131210.
 * Each repaired property is added to vevent and its error removed.
 */
void ics_repair_apply(icalcomponent *vevent);

/* The first X-LIC-ERROR left in vevent itself that makes the event bad
 * (text or times would be lost), or NULL. Borrowed from vevent. */
const char *ics_repair_fatal_error(icalcomponent *vevent);

#endif
