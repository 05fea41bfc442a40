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
	p->notes = NULL;
	p->n_notes = 0;
	p->notes_cap = 0;
	p->pos = 0;
}

void import_problems_done(struct import_problems *p)
{
	for (size_t i = 0; i < p->len; i++)
		free(p->items[i].message);
	free(p->items);
	for (size_t i = 0; i < p->n_notes; i++)
		free(p->notes[i].message);
	free(p->notes);
	import_problems_init(p);
}

static void push(struct import_problem **items, size_t *len, size_t *cap, uint64_t pos,
                 int line, const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

static void push(struct import_problem **items, size_t *len, size_t *cap, uint64_t pos,
                 int line, const char *fmt, va_list ap)
{
	if (*len == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*items = xreallocarray(*items, *cap, sizeof **items);
	}
	(*items)[*len].message = xvasprintf(fmt, ap);
	(*items)[*len].line = line < 0 ? 0 : line;
	(*items)[*len].pos = pos;
	(*len)++;
}

void import_problems_add(struct import_problems *p, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	push(&p->items, &p->len, &p->cap, p->pos, line, fmt, ap);
	va_end(ap);
}

void import_problems_note(struct import_problems *p, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	push(&p->notes, &p->n_notes, &p->notes_cap, p->pos, line, fmt, ap);
	va_end(ap);
}

void import_problems_at(struct import_problems *p, uint64_t pos)
{
	p->pos = pos;
}
