/*
 * import_format.h: the three formats `worthit import` and `export` know,
 * by name, and the guess for a file given without --format: first its
 * extension, then its first bytes.
 */
#ifndef WORTHIT_IMPORT_FORMAT_H
#define WORTHIT_IMPORT_FORMAT_H

#include <stddef.h>

enum import_format { FORMAT_ICS, FORMAT_JSON, FORMAT_CSV, FORMAT_COUNT };

/* "ics", "json", "csv". */
const char *import_format_name(enum import_format f);
/* -1 for an unknown name; "ical" and "jsonl" are accepted too. */
int import_format_from_name(const char *name);

/*
 * By extension (.ics .ical .ifb .icalendar / .json .jsonl .ndjson /
 * .csv, any case), else by content: "BEGIN:VCALENDAR" first (after a
 * UTF-8 BOM and blank lines) is iCalendar, '{' or '[' JSON, a first line
 * with a comma CSV. head holds the file's first n bytes (the caller
 * reads IMPORT_FORMAT_HEAD at most) followed by a '\0' at head[n].
 * -1 when nothing fits.
 */
#define IMPORT_FORMAT_HEAD 4096
int import_format_guess(const char *name, const char *head, size_t n);

#endif
