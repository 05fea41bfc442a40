/*
 * xmalloc.h: allocation that cannot fail. On out-of-memory these print
 * one line to stderr and abort: the only place outside main() allowed
 * to do so, because no caller can recover from it meaningfully.
 */
#ifndef WORTHIT_XMALLOC_H
#define WORTHIT_XMALLOC_H

#include <stddef.h>
#include <stdarg.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array of n elements of size to at least need elements. */
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);           /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
