/*
 * vdir_event.h: what an event in the user's own calendar says about the
 * user, read from the iCalendar text itself (RFC 5545 3.1 unfolding,
 * 3.2 parameters, 3.8.4.1 ATTENDEE, 3.8.4.3 ORGANIZER): is the user the
 * organizer, how many attendees there are, and the user's PARTSTAT.
 * libical maps events (ics.h) but keeps neither PARTSTAT nor who "me"
 * is; this scan is cheap (one pass, no allocation per line but the
 * ones it keeps) and is shared with the write-back (vdir_partstat.h).
 */
#ifndef WORTHIT_VDIR_EVENT_H
#define WORTHIT_VDIR_EVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "worthit/config.h"
#include "worthit/model.h"

/* One VEVENT (a master or an override) as far as the user is concerned. */
struct vdir_role {
	char *uid;             /* owned; "" when the event has none */
	bool is_organizer_me;  /* ORGANIZER is one of config "me" */
	int n_attendees;       /* ATTENDEE lines */
	bool has_me;           /* one of them is the user */
	char partstat[24];     /* the user's PARTSTAT, upper case; "" = none given */
};

/* The roles of every VEVENT of text[0..len), in order. Caller frees
 * with vdir_roles_free(). */
size_t vdir_event_roles(const char *text, size_t len, const struct wit_config *cfg,
                        struct vdir_role **out);
void vdir_roles_free(struct vdir_role *r, size_t n);

/* The role of uid (the first VEVENT with it), or NULL. */
const struct vdir_role *vdir_role_find(const struct vdir_role *r, size_t n, const char *uid);

/*
 * How the user's calendar classifies an event (issue 13): organized by
 * the user, or without attendees: busy time (*is_busy); the user an
 * attendee: an invitation with status from PARTSTAT (NEEDS-ACTION or
 * none: pending; ACCEPTED; DECLINED or DELEGATED: declined; TENTATIVE:
 * maybe); attendees without the user: a pending invitation.
 */
void vdir_role_classify(const struct vdir_role *r, bool *is_busy, enum invite_status *status);

/* One unfolded content line split per RFC 5545 3.1: NAME, parameters,
 * ":" value. Offsets into the unfolded line. */
struct vdir_prop {
	size_t name_end;       /* end of the property name */
	size_t value;          /* first byte after the ':' (outside quotes) */
	bool has_partstat;
	size_t partstat, partstat_end; /* the PARTSTAT parameter's value */
};

/* Split line[0..len); false when it has no ':' outside quotes. */
bool vdir_prop_split(const char *line, size_t len, struct vdir_prop *p);

/* Does the value (an address, "mailto:" or not) of an ATTENDEE or
 * ORGANIZER line name one of the user's addresses? */
bool vdir_value_is_me(const struct wit_config *cfg, const char *value, size_t len);

#endif
