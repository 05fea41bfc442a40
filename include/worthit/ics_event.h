/*
 * ics_event.h: one parsed VEVENT to invitations, for ics.c. Maps the
 * properties of RFC 5545 3.6.1 onto struct invitation and expands
 * RRULE/RDATE/EXDATE (3.8.5) into the occurrences inside the import
 * window, leaving out those a RECURRENCE-ID override replaces.
 */
#ifndef WORTHIT_ICS_EVENT_H
#define WORTHIT_ICS_EVENT_H

#include <libical/ical.h>
#include <stdbool.h>

#include "worthit/ics.h"
#include "worthit/ics_overrides.h"
#include "worthit/ics_zone.h"
#include "worthit/import_problems.h"

struct ics_event_ctx {
	struct ics_zones *zones;
	const struct import_options *opt;
	bool is_cancel_method;                  /* METHOD:CANCEL */
	struct ics_overrides *overrides;    /* the file's RECURRENCE-IDs */
	import_sink_fn sink;
	void *sink_ctx;
	struct import_problems *problems;
	struct ics_stats *stats;                /* never NULL here */
	struct ics_range_tmpl *ranges;          /* one per RANGE=THISANDFUTURE
	                                           override, built on first use;
	                                           NULL before; ics_event_ctx_done() */
};

/* Free what ics_event_emit() built in ctx (not ctx's borrowed parts). */
void ics_event_ctx_done(struct ics_event_ctx *ctx);

/* What the splitter in ics.c saw in the raw text and libical loses. */
enum ics_text_prop { ICS_SUMMARY, ICS_LOCATION, ICS_DESCRIPTION, ICS_TEXT_PROPS };
struct ics_event_raw {
	long attendees_dropped;          /* ATTENDEE lines counted, not kept */
	char *value[ICS_TEXT_PROPS];     /* the first such property's value as
	                                    written (unfolded, still escaped),
	                                    or NULL; owned by ics.c */
};

/*
 * Map vevent (starting at line) and hand each occurrence in the window
 * to the sink. A bad event adds one problem and emits nothing.
 * Returns WIT_OK or the sink's status.
 */
enum wit_status ics_event_emit(struct ics_event_ctx *ctx, icalcomponent *vevent, int line,
                               const struct ics_event_raw *raw);

#endif
