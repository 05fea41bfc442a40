/*
 * when.h: the one parser of dates and times typed by the user, for
 * `add WHEN` and every --from, --to and --date. Pure core: "now" and
 * the local time zone are passed in (clock_local_zone() in clock.h
 * gives the real one), so the core never reads the clock or TZ.
 *
 * Forms (case-insensitive, words separated by blanks):
 *   DATE [at] [TIME] | TIME | ISO | RELATIVE [TIME]
 *   DATE     today, tomorrow, yesterday, YYYY-MM-DD, a weekday
 *            (mon..sun or monday..sunday: the first such day from
 *            today on, today included) or `next` WEEKDAY (the first
 *            such day after today)
 *   TIME     9:30, 09:30:15, 7am, 7:30pm, 7 am, 12:00, noon, midnight
 *   ISO      2026-03-12T07:30[:SS][Z|+HH:MM|-HHMM] (RFC 3339 5.6), also
 *            with a blank for the T; no offset = local wall time
 *   RELATIVE +3d, -30d, +1w (calendar days/weeks: the same local wall
 *            time then, or the TIME given), +2h, +90m (exact seconds);
 *            now alone is now
 * A DATE without a TIME is that local calendar day: start = its local
 * midnight, end = the next day's (so `--to 2026-03-31` includes the
 * 31st). A TIME alone is today at that time.
 *
 * Daylight saving (local wall time to UTC): a wall time in the spring
 * gap (02:30 on a day the clocks go from 02:00 to 03:00) does not exist:
 * it is moved forward by the length of the gap (03:30) and
 * WHEN_SHIFTED is set; one that happens twice in the fall (01:30 when
 * 02:00 goes back to 01:00) is taken as the first of the two (summer
 * time) and WHEN_AMBIGUOUS is set. Callers may warn on either.
 */
#ifndef WORTHIT_WHEN_H
#define WORTHIT_WHEN_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/status.h"

/* The local time zone: offset from UTC (east > 0, seconds) in force at
 * the UTC instant t. */
struct when_zone {
	int (*offset_at)(int64_t t, void *arg);
	void *arg;
};

enum when_flags {
	WHEN_HAS_DATE = 1 << 0,  /* a day was named (or relative days) */
	WHEN_HAS_TIME = 1 << 1,  /* a time of day or an exact instant */
	WHEN_SHIFTED = 1 << 2,   /* wall time fell in a DST gap: moved on */
	WHEN_AMBIGUOUS = 1 << 3, /* wall time happened twice: first taken */
};

struct when {
	int64_t start;  /* UTC seconds */
	int64_t end;    /* date only: the next local midnight; else = start */
	unsigned flags; /* enum when_flags */
};

/*
 * Parse s. Text that matches no form is WIT_USAGE; a form with an
 * impossible value (2026-02-30, 25:00, 13pm) is WIT_DATA; both with a
 * message quoting s and, for WIT_USAGE, listing the forms.
 */
enum wit_status when_parse(const char *s, int64_t now, const struct when_zone *zone,
                           struct when *out, char **why);

/* Local wall time y-m-d h:mi:se to UTC seconds under the rules above;
 * *flags gets WHEN_SHIFTED/WHEN_AMBIGUOUS (may be NULL). */
int64_t when_local_to_utc(const struct when_zone *zone, int y, int mo, int d, int h, int mi,
                          int se, unsigned *flags);

/* The local calendar date of the UTC instant t. */
void when_local_date(const struct when_zone *zone, int64_t t, int *y, int *mo, int *d);

/* "45m", "1h30", "1h30m", "2h", "90" (minutes), "1.5h" into minutes
 * (1..10080). false when s is not a duration. */
bool when_parse_duration(const char *s, int *minutes);

#endif
