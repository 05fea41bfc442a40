/*
 * ics_reader.c: physical lines of an iCalendar stream (ics_reader.h).
 * Memory: one block and one line buffer of at most ICS_LINE_MAX + 1
 * bytes, whatever the input.
 */
#include "worthit/ics_reader.h"
#include "worthit/ics.h"
#include "worthit/xmalloc.h"

#include <string.h>

static void line_append(struct ics_reader *r, const char *s, size_t n)
{
	if (r->line_len + n > ICS_LINE_MAX) {
		r->is_too_long = true;
		n = ICS_LINE_MAX - r->line_len;
	}
	if (r->line_len + n + 1 > r->line_cap) {
		r->line_cap = (r->line_len + n + 1) * 2;
		r->line = xrealloc(r->line, r->line_cap);
	}
	memcpy(r->line + r->line_len, s, n);
	r->line_len += n;
}

int ics_reader_next(struct ics_reader *r)
{
	r->line_len = 0;
	r->is_too_long = false;
	bool any = false;
	for (;;) {
		if (r->pos == r->len) {
			if (r->is_eof)
				break;
			r->len = fread(r->block, 1, sizeof r->block, r->in);
			r->pos = 0;
			if (r->len == 0) {
				r->is_eof = true;
				if (ferror(r->in)) {
					r->has_error = true;
					return -1;
				}
				break;
			}
		}
		any = true;
		char *start = r->block + r->pos;
		char *nl = memchr(start, '\n', r->len - r->pos);
		size_t n = nl ? (size_t)(nl - start) : r->len - r->pos;
		line_append(r, start, n);
		r->pos += n + (nl != NULL);
		if (nl != NULL)
			break;
	}
	if (!any)
		return 0;
	if (r->line_len > 0 && r->line[r->line_len - 1] == '\r')
		r->line_len--;
	if (r->line == NULL)
		line_append(r, "", 0);
	r->line[r->line_len] = '\0';
	r->lineno++;
	if (r->lineno == 1 && strncmp(r->line, "\xEF\xBB\xBF", 3) == 0) {
		memmove(r->line, r->line + 3, r->line_len - 2);
		r->line_len -= 3;
	}
	return 1;
}
