/*
 * timeutil.h: pure calendar arithmetic on UTC seconds, and ISO 8601
 * parsing/formatting (RFC 3339 profile). No time zones beyond explicit
 * numeric offsets and "Z": local-time conversion is an adapter concern
 * (see clock.h). No I/O, never reads the clock.
 */
#ifndef WORTHIT_TIMEUTIL_H
#define WORTHIT_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Seconds in a day of UTC (no leap seconds): the one definition. */
#define DAY_SEC 86400

/* Days since 1970-01-01 for a proleptic Gregorian date (month 1..12). */
int64_t time_days_from_civil(int year, int month, int day);
/* Inverse of time_days_from_civil. */
void time_civil_from_days(int64_t days, int *year, int *month, int *day);
/* UTC seconds for a civil date and time taken as UTC. */
int64_t time_from_utc_fields(int year, int month, int day, int hour, int min, int sec);
/* 0 = Sunday .. 6 = Saturday, for UTC seconds shifted by offset_sec. */
int time_weekday(int64_t t, int offset_sec);

/*
 * Parse "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)" or
 * "YYYY-MM-DD HH:MM[:SS]..." into UTC seconds. A string without a zone
 * is rejected unless assume_utc is true. *is_date is set when only a
 * date was given (midnight UTC). Returns false on anything malformed,
 * including impossible dates (2026-02-30).
 */
bool time_parse_iso(const char *s, bool assume_utc, int64_t *out, bool *is_date);

/* The first and last seconds with a four-digit year (0001-01-01T00:00:00Z,
 * 9999-12-31T23:59:59Z): what ISO 8601 and RFC 5545 dates can be
 * written as without an expansion. */
#define TIME_MIN_WRITABLE (-62135596800LL)
#define TIME_MAX_WRITABLE 253402300799LL

/* "2026-03-01T09:00:00Z" into buf (>= 21 bytes). Returns buf. */
char *time_format_utc(int64_t t, char *buf, size_t len);
/* "2026-03-01" into buf (>= 11 bytes). Returns buf. */
char *time_format_date(int64_t t, char *buf, size_t len);

#endif
