/*
 * clock.h: the one place that reads the wall clock and the local time
 * zone. WORTHIT_NOW=2026-03-01T09:00:00Z pins "now" for tests and
 * reproducible demos. Everything else receives now as a parameter.
 */
#ifndef WORTHIT_CLOCK_H
#define WORTHIT_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/status.h"
#include "worthit/when.h"

/* Current UTC seconds, or the pinned WORTHIT_NOW. A malformed
 * WORTHIT_NOW is WIT_USAGE with a message naming the value. */
enum wit_status clock_now(int64_t *now, char **why);

/* Load the local time zone (TZ, else /etc/localtime) before any local
 * time is used, once per process. WIT_SOFTWARE when an allocation
 * failed while the C library loaded it (it would go on in UTC without a
 * word). A TZ that names no zone is not checked here: the C library reads
 * it as a POSIX TZ string, as every program does. */
enum wit_status clock_load_zone(char **why);

/* Offset of local time from UTC at instant t, in seconds (east > 0). */
int clock_local_offset(int64_t t);

/* Local-time formatting with strftime(3) formats. Returns buf. */
char *clock_format_local(int64_t t, const char *fmt, char *buf, size_t len);

/* The local time zone (TZ, else the system's) for when_parse(). */
struct when_zone clock_local_zone(void);

/* A date or time the user typed (every form of when.h) in the local
 * zone. WIT_USAGE for text that is no date, WIT_DATA for an impossible
 * one (2026-02-30); the message quotes s. */
enum wit_status clock_parse_when(const char *s, int64_t now, struct when *out, char **why);

/* The start of what s names: a date's local midnight, else the instant
 * (for --from and --date). */
enum wit_status clock_parse_user_date(const char *s, int64_t now, int64_t *out, char **why);
/* The exclusive end of what s names, for --to: a date's next local
 * midnight (the day named is included), else the instant. */
enum wit_status clock_parse_user_date_end(const char *s, int64_t now, int64_t *out, char **why);

#endif
