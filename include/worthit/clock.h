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

/* Current UTC seconds, or the pinned WORTHIT_NOW. A malformed
 * WORTHIT_NOW is WIT_USAGE with a message naming the value. */
enum wit_status clock_now(int64_t *now, char **why);

/* Offset of local time from UTC at instant t, in seconds (east > 0). */
int clock_local_offset(int64_t t);

/* Local-time formatting with strftime(3) formats. Returns buf. */
char *clock_format_local(int64_t t, const char *fmt, char *buf, size_t len);

/* Parse a user date on the command line: "YYYY-MM-DD" (local midnight),
 * a full ISO 8601 time, or "today", "+7d", "-30d" relative to now. */
enum wit_status clock_parse_user_date(const char *s, int64_t now, int64_t *out, char **why);

#endif
