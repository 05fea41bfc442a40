/*
 * datefmt.c: dates in lists (see datefmt.h). Owns the words and their
 * order; knows nothing of zones beyond the offset it is given, nothing
 * of terminals beyond "UTF-8 or not". A timed event is read at its
 * local time (starts_at + offset); an all-day one at its UTC date,
 * which IS its calendar date (RFC 5545 3.3.4: a DATE has no zone).
 * The first day is written with two digits so that list columns align.
 */
#include "worthit/datefmt.h"
#include "worthit/timeutil.h"

#include <stdio.h>

static const char *const month_names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const weekday_names[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
	                                      "Sat" };

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* Civil fields of local time t + offset. */
struct civil {
	int year, month, day, hour, min, weekday;
};

static struct civil civil_of(int64_t t, int offset_sec)
{
	struct civil c;
	int64_t local = t + offset_sec, days = floor_div(local, DAY_SEC);
	int64_t secs = local - days * DAY_SEC;
	time_civil_from_days(days, &c.year, &c.month, &c.day);
	c.hour = (int)(secs / 3600);
	c.min = (int)(secs % 3600 / 60);
	c.weekday = time_weekday(t, offset_sec);
	return c;
}

int datefmt_year(int64_t t, int offset_sec)
{
	return civil_of(t, offset_sec).year;
}

/* " 2027" when year is not this_year, else "". */
static void year_suffix(int year, int this_year, char *buf, size_t len)
{
	if (year == this_year)
		snprintf(buf, len, "%s", "");
	else
		snprintf(buf, len, " %d", year);
}

static char *all_day_when(const struct datefmt_event *ev, enum datefmt_style style,
                          int this_year, bool is_utf8, char *buf, size_t len)
{
	struct civil a = civil_of(ev->starts_at, 0);
	int64_t last_t = ev->ends_at > ev->starts_at + DAY_SEC ? ev->ends_at - DAY_SEC
	                                                       : ev->starts_at;
	struct civil b = civil_of(last_t, 0);
	const char *dash = is_utf8 ? "–" : "-";
	bool is_span = last_t != ev->starts_at;
	/* where room is short, a span of whole days says "all day" by
	 * itself, and another year takes the room of the words */
	bool is_short = style == DATEFMT_TIME && (is_span || a.year != this_year);
	const char *tail = style == DATEFMT_DAY || is_short ? "" : ", all day";
	char ya[8], yb[8];
	year_suffix(a.year, this_year, ya, sizeof ya);
	year_suffix(b.year, this_year, yb, sizeof yb);
	if (!is_span)
		snprintf(buf, len, "%s%s%02d %s%s%s", style == DATEFMT_FULL ? weekday_names[a.weekday] : "",
		         style == DATEFMT_FULL ? " " : "", a.day, month_names[a.month - 1], ya, tail);
	else if (a.year == b.year && a.month == b.month)
		snprintf(buf, len, "%02d%s%d %s%s%s", a.day, dash, b.day, month_names[a.month - 1], ya,
		         tail);
	else if (a.year == b.year)
		snprintf(buf, len, "%02d %s%s%d %s%s%s", a.day, month_names[a.month - 1], dash, b.day,
		         month_names[b.month - 1], ya, tail);
	else /* across a new year: both years when either is not this one */
		snprintf(buf, len, "%02d %s%s%s%d %s%s%s", a.day, month_names[a.month - 1], ya, dash,
		         b.day, month_names[b.month - 1], yb, tail);
	return buf;
}

char *datefmt_when(const struct datefmt_event *ev, enum datefmt_style style, int this_year,
                   bool is_utf8, char *buf, size_t len)
{
	if (len == 0)
		return buf;
	if (ev->all_day)
		return all_day_when(ev, style, this_year, is_utf8, buf, len);
	struct civil c = civil_of(ev->starts_at, ev->utc_offset_sec);
	char y[8], hm[8] = "";
	year_suffix(c.year, this_year, y, sizeof y);
	if (style == DATEFMT_FULL || (style == DATEFMT_TIME && c.year == this_year))
		snprintf(hm, sizeof hm, " %02d:%02d", c.hour, c.min);
	snprintf(buf, len, "%s%s%02d %s%s%s", style == DATEFMT_FULL ? weekday_names[c.weekday] : "",
	         style == DATEFMT_FULL ? " " : "", c.day, month_names[c.month - 1], y, hm);
	return buf;
}
