/*
 * clock.c: the one place that reads the wall clock and the local time
 * zone (through the C library's TZ handling). WORTHIT_NOW pins "now";
 * everything else in worthit receives now as a parameter.
 *
 * The zone is loaded once, by clock_load_zone() at start: glibc reads
 * it lazily and, when an allocation fails while it does, silently uses
 * UTC for the rest of the process (SQLite's 'localtime' included). The
 * load is checked through alloc_watch.h, and a probe in 2100 makes glibc
 * also parse the zone's rule for years past its table then, so no later
 * conversion allocates.
 */
#include "worthit/clock.h"
#include "worthit/alloc_watch.h"
#include "worthit/timeutil.h"

#include <stdlib.h>
#include <time.h>

enum wit_status clock_now(int64_t *now, char **why)
{
	const char *pinned = getenv("WORTHIT_NOW");
	if (pinned != NULL && *pinned != '\0') {
		if (!time_parse_iso(pinned, false, now, NULL))
			return wit_fail(why, WIT_USAGE,
			                "WORTHIT_NOW='%s': expected an ISO 8601 time such as "
			                "2026-03-01T09:00:00Z", pinned);
		return WIT_OK;
	}
	*now = (int64_t)time(NULL);
	return WIT_OK;
}

enum wit_status clock_load_zone(char **why)
{
	unsigned long failed = alloc_watch_failures();
	tzset();
	/* now, and a time past any zone's table (2100-01-01) */
	time_t probes[] = {time(NULL), (time_t)4102444800};
	struct tm tm;
	for (size_t i = 0; i < sizeof probes / sizeof *probes; i++)
		localtime_r(&probes[i], &tm);
	if (alloc_watch_failures() == failed)
		return WIT_OK;
	const char *tz = getenv("TZ");
	return wit_fail(why, WIT_SOFTWARE, "out of memory while loading the time zone %s",
	                tz != NULL && *tz != '\0' ? tz : "/etc/localtime");
}

int clock_local_offset(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return (int)tm.tm_gmtoff;
}

char *clock_format_local(int64_t t, const char *fmt, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (len == 0)
		return buf;
	buf[0] = '\0';
	/* fmt is the caller's strftime format by design */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (localtime_r(&tt, &tm) != NULL)
		strftime(buf, len, fmt, &tm);
#pragma GCC diagnostic pop
	return buf;
}

static int local_offset_at(int64_t t, void *arg)
{
	(void)arg;
	return clock_local_offset(t);
}

struct when_zone clock_local_zone(void)
{
	return (struct when_zone){.offset_at = local_offset_at, .arg = NULL};
}

enum wit_status clock_parse_when(const char *s, int64_t now, struct when *out, char **why)
{
	struct when_zone zone = clock_local_zone();
	return when_parse(s, now, &zone, out, why);
}

enum wit_status clock_parse_user_date(const char *s, int64_t now, int64_t *out, char **why)
{
	struct when w;
	enum wit_status st = clock_parse_when(s, now, &w, why);
	if (st == WIT_OK)
		*out = w.start;
	return st;
}

enum wit_status clock_parse_user_date_end(const char *s, int64_t now, int64_t *out, char **why)
{
	struct when w;
	enum wit_status st = clock_parse_when(s, now, &w, why);
	if (st == WIT_OK)
		*out = w.end;
	return st;
}
