/*
 * clock.c: the one place that reads the wall clock and the local time
 * zone (through the C library's TZ handling). WORTHIT_NOW pins "now";
 * everything else in worthit receives now as a parameter.
 */
#include "worthit/clock.h"
#include "worthit/timeutil.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
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

/* Local midnight of the civil date y-m-d. */
static int64_t local_midnight(int y, int m, int d)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

enum wit_status clock_parse_user_date(const char *s, int64_t now, int64_t *out, char **why)
{
	bool is_date = false;
	int64_t t;
	if (s == NULL || *s == '\0')
		return wit_fail(why, WIT_USAGE, "empty date");
	if (strcmp(s, "today") == 0 || strcmp(s, "now") == 0) {
		*out = now;
		return WIT_OK;
	}
	if (s[0] == '+' || s[0] == '-') {
		char *end;
		long n = strtol(s, &end, 10);
		if (end != s + 1 && strcmp(end, "d") == 0 && n > -100000 && n < 100000) {
			*out = now + (int64_t)n * DAY_SEC;
			return WIT_OK;
		}
	} else if (time_parse_iso(s, false, &t, &is_date)) {
		if (is_date) {
			int y, m, d;
			time_civil_from_days(t / DAY_SEC, &y, &m, &d);
			t = local_midnight(y, m, d);
		}
		*out = t;
		return WIT_OK;
	}
	return wit_fail(why, WIT_USAGE, "'%s' is not a date: use YYYY-MM-DD, an ISO 8601 time, "
	                "'today', or +Nd / -Nd", s);
}
