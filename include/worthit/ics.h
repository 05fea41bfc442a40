/*
 * ics.h: iCalendar (RFC 5545, iTIP RFC 5546) in and out, through libical.
 *
 * In: ics_parse() streams a file. It never builds the whole calendar
 * tree: a first pass collects the VTIMEZONEs, METHOD and the keys of
 * RECURRENCE-ID overrides; a second pass hands libical one top-level
 * component at a time. Each occurrence inside [opt->from, opt->to)
 * becomes one struct invitation given to the sink (import_problems.h). Bad items
 * become problems ("line N: what is wrong") and are left out; the parse
 * goes on so that every problem is reported in one run.
 *
 * Out: ics_write_calendar() writes invitations as a calendar for other
 * programs, ics_write_reply() an iTIP REPLY (ics_write.c).
 */
#ifndef WORTHIT_ICS_H
#define WORTHIT_ICS_H

#include <stdint.h>
#include <stdio.h>

#include "worthit/import_problems.h"
#include "worthit/model.h"
#include "worthit/status.h"

/* Bounds that keep hostile input from taking unbounded memory. */
#define ICS_LINE_MAX (1u << 20)          /* bytes of one physical line */
#define ICS_COMPONENT_MAX (4u << 20)     /* bytes of one VEVENT as kept */
#define ICS_DEPTH_MAX 8                  /* BEGIN nesting inside VCALENDAR */
#define ICS_ATTENDEES_KEPT 200           /* ATTENDEE lines given to libical */
#define ICS_ATTENDEE_BYTES 16384         /* bytes of invitation.attendees */
#define ICS_OCCURRENCES_MAX 10000        /* occurrences of one series in the window */
#define ICS_RECUR_STEPS_MAX 500000       /* candidate times libical examines for one
                                            RRULE (ics_recur.c, ics_rule.c) */
#define ICS_ZONES_MAX 1000               /* VTIMEZONEs in one file */
#define ICS_ZONE_CHANGES_MAX 100000     /* changes libical may expand one VTIMEZONE
                                            into, from its rules (ics_zone.c) */
#define ICS_PROBLEMS_MAX 1000            /* problems before giving up */
#define ICS_RANGES_MAX 100               /* RANGE=THISANDFUTURE overrides kept */
#define ICS_RANGE_BYTES_MAX (16u << 20)  /* bytes of their texts kept */

/* Where the time went, for `make bench`; filled by ics_parse(). */
struct ics_stats {
	uint64_t components;   /* top-level components read */
	uint64_t events;       /* VEVENTs mapped */
	uint64_t occurrences;  /* handed to the sink */
	uint64_t outside;      /* occurrences left out: outside the window */
	double scan_sec;       /* pass 1: splitting, VTIMEZONEs, overrides */
	double parse_sec;      /* libical parsing of VEVENTs */
	double expand_sec;     /* RRULE/RDATE/EXDATE expansion + zones */
	double sink_sec;       /* time spent inside the sink (e.g. SQLite) */
};

/*
 * Parse iCalendar text from in (a regular file, or any stream: a stream
 * that cannot seek, like standard input, is first copied to a temporary
 * file so that memory stays bounded). opt->source_name names the input
 * in messages. Problems go to problems (one per bad item). Returns
 * WIT_OK when the whole input was read (even with problems), WIT_IOERR on
 * a read error, WIT_DATA when the input is not iCalendar at all or too
 * broken to go on, or the first non-OK status the sink returned. stats
 * may be NULL.
 */
enum wit_status ics_parse(FILE *in, const struct import_options *opt, import_sink_fn sink,
                          void *sink_ctx, struct import_problems *problems,
                          struct ics_stats *stats, char **why);

/*
 * ics_parse() for one part of `parts` of the file (sandbox.h: a large
 * file parsed by several children side by side). Every part reads the
 * whole file (VTIMEZONEs, overrides), but gives only the VEVENTs that
 * fall to it (the top-level components in turn, scattered), and reports
 * only their problems; part 0 also reports those of the calendar itself
 * and of its VTIMEZONEs. What a part finds is stamped with its position
 * (import_problems_at(): 2k + 1 inside the k-th top-level component,
 * 2k + 2 after it). The parts merged by position are what ics_parse()
 * gives, except that each part counts ICS_PROBLEMS_MAX for itself.
 * ics_parse() is part 0 of 1.
 */
enum wit_status ics_parse_part(FILE *in, const struct import_options *opt, unsigned part,
                               unsigned parts, import_sink_fn sink, void *sink_ctx,
                               struct import_problems *problems, struct ics_stats *stats,
                               char **why);

/* Adds the counts and seconds of one part to those of another. */
void ics_stats_add(struct ics_stats *into, const struct ics_stats *part);

/* The IANA zone for a Windows zone name ("Pacific Standard Time"), or
 * NULL. Case-insensitive. */
const char *ics_winzone_to_iana(const char *windows_name);

/*
 * Write an iTIP REPLY (RFC 5546 3.2.3) telling the organizer that
 * attendee_addr answers inv with ACCEPTED (STATUS_ACCEPTED), DECLINED
 * (STATUS_DECLINED) or TENTATIVE (STATUS_MAYBE). Other statuses are
 * WIT_USAGE. attendee_addr is an address, with or without "mailto:".
 * now is DTSTAMP (UTC seconds). The organizer's address is taken from
 * inv->organizer ("Name <addr>" or "addr"); WIT_DATA when it has none.
 * WIT_IOERR when out cannot be written.
 */
enum wit_status ics_write_reply(const struct invitation *inv, const char *attendee_addr,
                                enum invite_status answer, int64_t now, FILE *out,
                                char **why);

/*
 * Write n invitations as one VCALENDAR (no METHOD: a plain RFC 5545
 * calendar, which passes libical's icalrestriction_check()), one VEVENT
 * each, built and printed one at a time with libical: UID, RECURRENCE-ID
 * for an occurrence of a series, DTSTART/DTEND (DATE for all-day, local
 * time with TZID and its VTIMEZONE, truncated to the years used, when
 * the zone is known, else UTC),
 * SUMMARY, LOCATION, DESCRIPTION, URL, ORGANIZER, ATTENDEEs, CATEGORIES,
 * SEQUENCE, STATUS (CONFIRMED for accepted or attended, TENTATIVE for
 * maybe, CANCELLED). now is DTSTAMP. WIT_IOERR when out cannot be
 * written.
 */
enum wit_status ics_write_calendar(const struct invitation *invs, size_t n, int64_t now,
                                   FILE *out, char **why);

#endif
