/*
 * datefmt.h: the one way worthit writes when an invitation happens in
 * a list (the dashboard's Invitations list, the History list and the
 * weights preview, and `worthit list`), so every list speaks one date
 * style: "09 Apr", "Thu 09 Apr 18:00", the year added when it is not
 * the current one ("28 Dec 2025"), and all-day events as dates, never
 * as midnights: "Thu 09 Apr, all day", "09–11 Apr, all day".
 *
 * Pure core: the caller passes the local offset (clock_local_offset()
 * of the adapter) and the current local year. All-day events are kept
 * as 00:00 UTC of their date (model.h), so their date is read in UTC
 * whatever the offset: it is a calendar date, the same in every zone.
 */
#ifndef WORTHIT_DATEFMT_H
#define WORTHIT_DATEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum datefmt_style {
	DATEFMT_DAY,  /* "09 Apr"; all-day spans "09–11 Apr" */
	DATEFMT_TIME, /* "09 Apr 18:00"; all-day "09 Apr, all day" (15 columns),
	                 a span "09–11 Apr" (whole days: all day by itself);
	                 another year "28 Dec 2027", no time (it would not fit) */
	DATEFMT_FULL, /* "Thu 09 Apr 18:00"; all-day "Thu 09 Apr, all day" (19),
	                 a span "09–11 Apr, all day" */
};

/* What datefmt_when needs to know about an event. */
struct datefmt_event {
	int64_t starts_at;   /* UTC seconds; all-day: 00:00 UTC of the first day */
	int64_t ends_at;     /* UTC seconds; all-day: 00:00 UTC after the last day */
	bool all_day;
	int utc_offset_sec;  /* local offset at starts_at, east > 0 (timed only) */
};

/*
 * Write ev in style into buf (always NUL-terminated, cut when len is
 * short); this_year is the current local year: another year is written
 * after the month. is_utf8 chooses "–" or "-" between the days of a
 * span. Returns buf.
 */
char *datefmt_when(const struct datefmt_event *ev, enum datefmt_style style, int this_year,
                   bool is_utf8, char *buf, size_t len);

/* The civil year of t in a zone offset_sec east of UTC. */
int datefmt_year(int64_t t, int offset_sec);

#endif
