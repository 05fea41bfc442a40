/*
 * ics_reader.h: physical lines of an iCalendar stream (RFC 5545 3.1),
 * read in 64 KiB blocks, for ics.c. A line ends at LF (a CR before it
 * is dropped); one longer than ICS_LINE_MAX is cut there and flagged;
 * a UTF-8 byte order mark on the first line is dropped. Folding is the
 * caller's business.
 */
#ifndef WORTHIT_ICS_READER_H
#define WORTHIT_ICS_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct ics_reader {
	/* zero it, set in; reset pos, len, is_eof and lineno to read again */
	FILE *in;
	char block[65536];
	size_t pos, len;
	bool is_eof;
	bool has_error;
	char *line;      /* current physical line, NUL-terminated, no EOL */
	size_t line_len, line_cap;
	bool is_too_long; /* the line was cut at ICS_LINE_MAX */
	int lineno;
};

/* Next line into r->line (r->line_len bytes, NUL-terminated, no EOL).
 * 1: a line is ready; 0: end of input; -1: read error. r->line is
 * owned by r: free it when done. */
int ics_reader_next(struct ics_reader *r);

#endif
