/*
 * timeutil.c: civil-date arithmetic (Howard Hinnant's days_from_civil
 * algorithm, exact for the proleptic Gregorian calendar) and an ISO 8601
 * / RFC 3339 parser and formatter. Pure: never reads the clock or the
 * time zone database.
 */
#include "worthit/timeutil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int64_t time_days_from_civil(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void time_civil_from_days(int64_t z, int *year, int *month, int *day)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(y + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

int64_t time_from_utc_fields(int year, int month, int day, int hour, int min, int sec)
{
	return time_days_from_civil(year, month, day) * DAY_SEC + hour * 3600 + min * 60 + sec;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int time_weekday(int64_t t, int offset_sec)
{
	int64_t days = floor_div(t + offset_sec, DAY_SEC);
	int64_t wd = (days + 4) % 7; /* 1970-01-01 was a Thursday */
	return (int)(wd < 0 ? wd + 7 : wd);
}

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dim[m - 1];
}

/* Read exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool parse_zone(const char *p, bool assume_utc, int *offset)
{
	*offset = 0;
	if (*p == '\0')
		return assume_utc;
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
		return true;
	if (*p != '+' && *p != '-')
		return false;
	int sign = *p == '-' ? -1 : 1, hh, mm;
	p++;
	if (!digits(&p, 2, &hh))
		return false;
	if (*p == ':')
		p++;
	if (!digits(&p, 2, &mm) || *p != '\0' || hh > 23 || mm > 59)
		return false;
	*offset = sign * (hh * 3600 + mm * 60);
	return true;
}

bool time_parse_iso(const char *s, bool assume_utc, int64_t *out, bool *is_date)
{
	int y, mo, d, h = 0, mi = 0, se = 0, offset = 0;
	const char *p = s;
	if (s == NULL || !digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) ||
	    *p++ != '-' || !digits(&p, 2, &d))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return false;
	bool date_only = *p == '\0';
	if (!date_only) {
		if (*p != 'T' && *p != 't' && *p != ' ')
			return false;
		p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			return false;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &se))
				return false;
			if (*p == '.') /* fractional seconds are dropped */
				while (isdigit((unsigned char)*++p))
					;
		}
		if (h > 23 || mi > 59 || se > 60 || !parse_zone(p, assume_utc, &offset))
			return false;
	}
	*out = time_from_utc_fields(y, mo, d, h, mi, se > 59 ? 59 : se) - offset;
	if (is_date != NULL)
		*is_date = date_only;
	return true;
}

char *time_format_utc(int64_t t, char *buf, size_t len)
{
	int y, mo, d;
	int64_t days = floor_div(t, DAY_SEC), secs = t - days * DAY_SEC;
	time_civil_from_days(days, &y, &mo, &d);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, (int)(secs / 3600),
	         (int)(secs / 60 % 60), (int)(secs % 60));
	return buf;
}

char *time_format_date(int64_t t, char *buf, size_t len)
{
	int y, mo, d;
	time_civil_from_days(floor_div(t, DAY_SEC), &y, &mo, &d);
	snprintf(buf, len, "%04d-%02d-%02d", y, mo, d);
	return buf;
}
