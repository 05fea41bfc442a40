/*
 * import_format.h: the formats `worthit import` knows (ics, json and csv
 * are also what `export` writes; mail, mbox and maildir are read only),
 * by name, and the guess for a file given without --format: first its
 * extension, then its first bytes. A Maildir is a directory: telling one
 * needs the file system, so that guess is mail_is_maildir() (mail.h).
 */
#ifndef WORTHIT_IMPORT_FORMAT_H
#define WORTHIT_IMPORT_FORMAT_H

#include <stddef.h>

enum import_format {
	FORMAT_ICS,
	FORMAT_JSON,
	FORMAT_CSV,
	FORMAT_MAIL,    /* one RFC 5322 message (.eml) */
	FORMAT_MBOX,    /* messages after "From " lines */
	FORMAT_MAILDIR, /* a directory with cur/ new/ tmp/ */
	FORMAT_COUNT
};

/* Formats export can write: ics, json, csv. */
#define FORMAT_EXPORTABLE(f) ((f) >= FORMAT_ICS && (f) <= FORMAT_CSV)

/* "ics", "json", "csv", "mail", "mbox", "maildir". */
const char *import_format_name(enum import_format f);
/* -1 for an unknown name; "ical", "jsonl" and "eml" are accepted too. */
int import_format_from_name(const char *name);

/*
 * By extension (.ics .ical .ifb .icalendar / .json .jsonl .ndjson /
 * .csv / .eml / .mbox, any case), else by content: "BEGIN:VCALENDAR"
 * first (after a UTF-8 BOM and blank lines) is iCalendar, '{' or '['
 * JSON, an mbox "From " line mbox, a header block (RFC 5322 2.2: the
 * first line "Name: value" and one of From, Date, Subject, Message-ID,
 * MIME-Version, Received, Return-Path, Delivered-To among the lines of
 * head) a mail message, and only then a first line with a comma CSV (a
 * message's "Received: from a, b" is not a CSV header). head holds the
 * file's first n bytes (the caller reads IMPORT_FORMAT_HEAD at most)
 * followed by a '\0' at head[n]. -1 when nothing fits.
 */
#define IMPORT_FORMAT_HEAD 4096
int import_format_guess(const char *name, const char *head, size_t n);

#endif
