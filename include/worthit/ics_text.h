/*
 * ics_text.h: the bytes of an iCalendar event as text (RFC 5545 3.1.4:
 * UTF-8), for ics.c.
 */
#ifndef WORTHIT_ICS_TEXT_H
#define WORTHIT_ICS_TEXT_H

#include <stddef.h>

/* Offset of the first byte that is not valid UTF-8 (RFC 3629; no
 * overlongs, surrogates or code points past U+10FFFF), or len. */
size_t ics_text_utf8_check(const unsigned char *s, size_t len);

/*
 * Text must be UTF-8 (RFC 5545 3.1.4). An event whose bytes are not
 * is read as Windows-1252, the usual charset of old Outlook and Latin-1
 * exports: each byte that is not part of a valid UTF-8 sequence becomes
 * its Windows-1252 character. Control characters other than tab, CR and
 * LF, and bytes Windows-1252 leaves undefined, mean binary data: NULL is
 * returned with *bad at the offending offset. Caller frees the result.
 */
char *ics_text_to_utf8(const char *text, size_t len, size_t *bad);

/* Offset of the first control byte other than tab, CR and LF (binary
 * data, not text), or len. */
size_t ics_text_control_byte(const char *text, size_t len);

#endif
