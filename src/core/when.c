/*
 * when.c: the user's dates and times (grammar and DST rules in when.h).
 * Owns the words (today, fri, noon, +3d ...) and the conversion of local
 * wall time to UTC through a zone the caller passes in; does not own
 * ISO 8601 digits (timeutil.c) or the time zone database (clock.c).
 *
 * Wall time to UTC: the offsets in force a day before, at and a day
 * after the wall time read as UTC are the only candidates (zones change
 * offset at most once in two days); a candidate o is right when the
 * zone agrees that offset_at(wall - o) == o. None right: the wall time
 * is in a gap, and the offset before the gap moves it forward by the
 * gap's length. Two right: it happened twice; the earlier instant wins.
 */
#include "worthit/when.h"
#include "worthit/timeutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define WHEN_FORMS "use a date (2026-03-12, today, tomorrow, fri, next tuesday, +3d) " \
	"and/or a time of day (9:30, 7am, noon), or ISO 8601 (2026-03-12T07:30:00Z)"
#define WHEN_TOKENS 8
#define WHEN_TOKEN_LEN 40

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dim[m - 1];
}

int64_t when_local_to_utc(const struct when_zone *zone, int y, int mo, int d, int h, int mi,
                          int se, unsigned *flags)
{
	int64_t wall = time_from_utc_fields(y, mo, d, h, mi, se);
	int cand[3] = {
		zone->offset_at(wall - DAY_SEC, zone->arg),
		zone->offset_at(wall, zone->arg),
		zone->offset_at(wall + DAY_SEC, zone->arg),
	};
	int64_t best = 0;
	int found = 0;
	for (int i = 0; i < 3; i++) {
		bool seen = false;
		for (int j = 0; j < i; j++)
			seen = seen || cand[j] == cand[i];
		int64_t t = wall - cand[i];
		if (seen || zone->offset_at(t, zone->arg) != cand[i])
			continue;
		if (found == 0 || t < best)
			best = t;
		found++;
	}
	if (found == 0) {
		if (flags != NULL)
			*flags |= WHEN_SHIFTED;
		return wall - cand[0];
	}
	if (found > 1 && flags != NULL)
		*flags |= WHEN_AMBIGUOUS;
	return best;
}

void when_local_date(const struct when_zone *zone, int64_t t, int *y, int *mo, int *d)
{
	int64_t local = t + zone->offset_at(t, zone->arg);
	time_civil_from_days(floor_div(local, DAY_SEC), y, mo, d);
}

/* What the words say so far. */
struct when_parts {
	bool has_day, has_time, has_rel;
	int64_t day;      /* days since 1970-01-01, local calendar */
	int h, mi, se;    /* local time of day */
	int64_t rel_sec;  /* exact offset from now (+2h) */
};

static enum wit_status bad_text(const char *s, char **why)
{
	return wit_fail(why, WIT_USAGE, "\"%s\" is not a date or time: " WHEN_FORMS, s);
}

static bool all_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)p[i]))
			return false;
	return true;
}

static int weekday_of(const char *w)
{
	static const char *const names[7][2] = {
		{"sun", "sunday"}, {"mon", "monday"}, {"tue", "tuesday"}, {"wed", "wednesday"},
		{"thu", "thursday"}, {"fri", "friday"}, {"sat", "saturday"},
	};
	for (int i = 0; i < 7; i++)
		if (strcmp(w, names[i][0]) == 0 || strcmp(w, names[i][1]) == 0 ||
		    (i == 2 && strcmp(w, "tues") == 0) ||
		    (i == 4 && (strcmp(w, "thur") == 0 || strcmp(w, "thurs") == 0)))
			return i;
	return -1;
}

/* YYYY-MM-DD: 1 = a date, 0 = not this form, -1 = impossible date. */
static int read_date(const char *w, const char *s, int64_t *day, char **why)
{
	if (strlen(w) != 10 || !all_digits(w, 4) || w[4] != '-' || !all_digits(w + 5, 2) ||
	    w[7] != '-' || !all_digits(w + 8, 2))
		return 0;
	int y = atoi(w), mo = atoi(w + 5), d = atoi(w + 8);
	if (mo < 1 || mo > 12) {
		wit_fail(why, WIT_DATA, "\"%s\": there is no month %d", s, mo);
		return -1;
	}
	if (d < 1 || d > days_in_month(y, mo)) {
		wit_fail(why, WIT_DATA, "\"%s\": %04d-%02d has %d days, not %d", s, y, mo,
		         days_in_month(y, mo), d);
		return -1;
	}
	*day = time_days_from_civil(y, mo, d);
	return 1;
}

/* "am"/"pm" suffix: 0 none, 1 am, 2 pm. */
static int meridiem(const char *p)
{
	if (strcmp(p, "am") == 0 || strcmp(p, "a.m.") == 0)
		return 1;
	if (strcmp(p, "pm") == 0 || strcmp(p, "p.m.") == 0)
		return 2;
	return 0;
}

/* A time of day, possibly followed by a separate am/pm word (*used = 2).
 * 1 = a time, 0 = not this form, -1 = impossible (message set). */
static int read_time(const char *w, const char *next, const char *s, struct when_parts *p,
                     int *used, char **why)
{
	*used = 1;
	if (strcmp(w, "noon") == 0 || strcmp(w, "midnight") == 0) {
		p->h = w[0] == 'n' ? 12 : 0;
		p->mi = p->se = 0;
		return 1;
	}
	const char *q = w;
	int h = 0, mi = 0, se = 0, n = 0;
	while (isdigit((unsigned char)*q) && n < 3)
		h = h * 10 + (*q++ - '0'), n++;
	if (n == 0 || n > 2)
		return 0;
	bool has_colon = *q == ':';
	if (has_colon) {
		if (!all_digits(q + 1, 2))
			return 0;
		mi = atoi(q + 1);
		q += 3;
		if (*q == ':') {
			if (!all_digits(q + 1, 2))
				return 0;
			se = atoi(q + 1);
			q += 3;
		}
	}
	int mer = meridiem(q);
	if (*q != '\0' && mer == 0)
		return 0;
	if (mer == 0 && next != NULL && (mer = meridiem(next)) != 0)
		*used = 2;
	if (mer == 0 && !has_colon)
		return 0; /* a bare "7" is not a time */
	if ((mer != 0 && (h < 1 || h > 12)) || h > 23 || mi > 59 || se > 59) {
		wit_fail(why, WIT_DATA, "\"%s\": %s is not a time of day", s, w);
		return -1;
	}
	if (mer != 0)
		h = h % 12 + (mer == 2 ? 12 : 0);
	p->h = h;
	p->mi = mi;
	p->se = se;
	return 1;
}

/* +3d, -30d, +1w, +2h, +90m: 1 = read, 0 = not this form. */
static int read_relative(const char *w, int64_t today, struct when_parts *p)
{
	if (w[0] != '+' && w[0] != '-')
		return 0;
	char *end;
	long n = strtol(w + 1, &end, 10);
	if (end == w + 1 || !isdigit((unsigned char)w[1]) || end[0] == '\0' || end[1] != '\0' ||
	    n > 100000)
		return 0;
	if (w[0] == '-')
		n = -n;
	switch (end[0]) {
	case 'd': p->day = today + n; p->has_day = true; break;
	case 'w': p->day = today + 7 * n; p->has_day = true; break;
	case 'h': p->rel_sec = (int64_t)n * 3600; break;
	case 'm': p->rel_sec = (int64_t)n * 60; break;
	default: return 0;
	}
	p->has_rel = true;
	return 1;
}

/* A day word at words[i] (and "next" + weekday): tokens used, 0 = none,
 * -1 = impossible date. */
static int read_day(char words[][WHEN_TOKEN_LEN], int n, int i, int64_t today, const char *s,
                    struct when_parts *p, char **why)
{
	const char *w = words[i];
	int wd;
	if (strcmp(w, "today") == 0 || strcmp(w, "tomorrow") == 0 || strcmp(w, "yesterday") == 0) {
		p->day = today + (w[0] == 't' ? (w[2] == 'd' ? 0 : 1) : -1);
		return 1;
	}
	if (strcmp(w, "next") == 0 && i + 1 < n && (wd = weekday_of(words[i + 1])) >= 0) {
		int now_wd = (int)(((today + 4) % 7 + 7) % 7);
		int ahead = (wd - now_wd + 7) % 7;
		p->day = today + (ahead == 0 ? 7 : ahead);
		return 2;
	}
	if ((wd = weekday_of(w)) >= 0) {
		int now_wd = (int)(((today + 4) % 7 + 7) % 7);
		p->day = today + (wd - now_wd + 7) % 7;
		return 1;
	}
	return read_date(w, s, &p->day, why);
}

static int split_words(const char *s, char words[][WHEN_TOKEN_LEN])
{
	int n = 0;
	const char *p = s;
	while (*p != '\0') {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		if (n == WHEN_TOKENS)
			return -1;
		size_t len = 0;
		while (p[len] != '\0' && !isspace((unsigned char)p[len]))
			len++;
		if (len >= WHEN_TOKEN_LEN)
			return -1;
		for (size_t k = 0; k < len; k++)
			words[n][k] = (char)tolower((unsigned char)p[k]);
		words[n][len] = '\0';
		/* 2026-03-12T07:30 (no offset): a date and a local time */
		char *t = strlen(words[n]) > 10 && words[n][10] == 't' ? words[n] + 10 : NULL;
		n++;
		if (t != NULL && n < WHEN_TOKENS) {
			*t = '\0';
			memmove(words[n++], t + 1, strlen(t + 1) + 1);
		}
		p += len;
	}
	return n;
}

static enum wit_status read_words(const char *s, int64_t today, struct when_parts *p,
                                  char **why)
{
	char words[WHEN_TOKENS][WHEN_TOKEN_LEN];
	int n = split_words(s, words);
	if (n <= 0)
		return bad_text(s, why);
	int i = 0, used;
	if ((used = read_relative(words[i], today, p)) > 0) {
		i += used;
	} else if ((used = read_day(words, n, i, today, s, p, why)) != 0) {
		if (used < 0)
			return WIT_DATA;
		p->has_day = true;
		i += used;
	}
	if (i < n && strcmp(words[i], "at") == 0 && i > 0)
		i++;
	if (i < n && !(p->has_rel && !p->has_day)) {
		int tused = 1;
		int r = read_time(words[i], i + 1 < n ? words[i + 1] : NULL, s, p, &tused, why);
		if (r < 0)
			return WIT_DATA;
		if (r == 0)
			return bad_text(s, why);
		p->has_time = true;
		i += tused;
	}
	return i == n && (p->has_day || p->has_time || p->has_rel) ? WIT_OK : bad_text(s, why);
}

enum wit_status when_parse(const char *s, int64_t now, const struct when_zone *zone,
                           struct when *out, char **why)
{
	if (s == NULL || *s == '\0')
		return wit_fail(why, WIT_USAGE, "empty date: " WHEN_FORMS);
	int64_t exact;
	bool is_date = false;
	const char *z = s + strlen(s);
	/* ISO 8601 with Z or an offset is an instant, whatever the zone */
	if (strlen(s) > 16 && (z[-1] == 'Z' || z[-1] == 'z' || strchr(s + 16, '+') != NULL ||
	                       strchr(s + 16, '-') != NULL) &&
	    time_parse_iso(s, false, &exact, &is_date)) {
		*out = (struct when){.start = exact, .end = exact,
		                     .flags = WHEN_HAS_DATE | WHEN_HAS_TIME};
		return WIT_OK;
	}
	if (strcmp(s, "now") == 0) {
		*out = (struct when){.start = now, .end = now, .flags = WHEN_HAS_DATE | WHEN_HAS_TIME};
		return WIT_OK;
	}
	int y, mo, d;
	when_local_date(zone, now, &y, &mo, &d);
	int64_t today = time_days_from_civil(y, mo, d);
	struct when_parts p = {.day = today};
	enum wit_status st = read_words(s, today, &p, why);
	if (st != WIT_OK)
		return st;
	unsigned flags = (p.has_day ? WHEN_HAS_DATE : 0) | (p.has_time || p.has_rel ? WHEN_HAS_TIME : 0);
	if (p.has_rel && !p.has_day) { /* +2h: exact */
		*out = (struct when){.start = now + p.rel_sec, .end = now + p.rel_sec, .flags = flags};
		return WIT_OK;
	}
	if (p.has_rel && !p.has_time) { /* +3d: same wall time then */
		int64_t local = now + zone->offset_at(now, zone->arg);
		int64_t secs = local - floor_div(local, DAY_SEC) * DAY_SEC;
		p.h = (int)(secs / 3600), p.mi = (int)(secs / 60 % 60), p.se = (int)(secs % 60);
		p.has_time = true;
	}
	time_civil_from_days(p.day, &y, &mo, &d);
	if (!p.has_time) {
		out->start = when_local_to_utc(zone, y, mo, d, 0, 0, 0, &flags);
		time_civil_from_days(p.day + 1, &y, &mo, &d);
		out->end = when_local_to_utc(zone, y, mo, d, 0, 0, 0, &flags);
	} else {
		out->start = out->end = when_local_to_utc(zone, y, mo, d, p.h, p.mi, p.se, &flags);
	}
	out->flags = flags;
	return WIT_OK;
}

bool when_parse_duration(const char *s, int *minutes)
{
	if (s == NULL || !isdigit((unsigned char)s[0]) || strspn(s, "0123456789.hmin") != strlen(s))
		return false;
	char *end;
	double a = strtod(s, &end);
	double total;
	if (*end == '\0' || strcmp(end, "m") == 0 || strcmp(end, "min") == 0) {
		total = a;
	} else if (*end == 'h') {
		const char *q = end + 1;
		long b = 0;
		if (*q != '\0') {
			if (strchr(s, '.') != NULL || !isdigit((unsigned char)*q))
				return false;
			b = strtol(q, &end, 10);
			if (!(*end == '\0' || strcmp(end, "m") == 0) || b > 59)
				return false;
		}
		total = a * 60 + (double)b;
	} else {
		return false;
	}
	if (total < 1 || total > 7 * 24 * 60 || total != (double)(long)total)
		return false;
	*minutes = (int)total;
	return true;
}
