/*
 * import_problems.c: the list of problems a parser collects while reading outside
 * input ("line N: what is wrong"). Pure core: the list only stores the
 * messages; printing them as "FILE:LINE: message" is the caller's job.
 * Invariant: len <= cap, every items[i].message is owned and non-NULL.
 */
#include "worthit/import_problems.h"
#include "worthit/xmalloc.h"

#include <stdarg.h>
#include <stdlib.h>

void import_problems_init(struct import_problems *p)
{
	p->items = NULL;
	p->len = 0;
	p->cap = 0;
}

void import_problems_done(struct import_problems *p)
{
	for (size_t i = 0; i < p->len; i++)
		free(p->items[i].message);
	free(p->items);
	import_problems_init(p);
}

void import_problems_add(struct import_problems *p, int line, const char *fmt, ...)
{
	if (p->len == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->items = xreallocarray(p->items, p->cap, sizeof *p->items);
	}
	va_list ap;
	va_start(ap, fmt);
	p->items[p->len].message = xvasprintf(fmt, ap);
	va_end(ap);
	p->items[p->len].line = line < 0 ? 0 : line;
	p->len++;
}
