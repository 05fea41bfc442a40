/*
 * xmalloc.h: allocation that cannot fail. On out-of-memory these print
 * one line to stderr and end the process through the hook main() sets
 * (exit status 70, EX_SOFTWARE; abort() when no hook is set): the only
 * place outside main() allowed to do so, because no caller can recover
 * from it meaningfully. Every write is
 * inside a transaction, so ending there leaves the database unchanged.
 * cJSON (xmalloc_use_for_cjson) and SQLite (db_use_xmalloc) allocate
 * through the same rule, so no NULL from a library is ever mistaken for
 * "nothing there".
 */
#ifndef WORTHIT_XMALLOC_H
#define WORTHIT_XMALLOC_H

#include <stddef.h>
#include <stdarg.h>

/* Report that size bytes could not be had and end the process. */
_Noreturn void xmalloc_fail(size_t size);

/* Called by xmalloc_fail() after the message; it must end the process
 * (main: put the terminal back, _exit(70)) with async-signal-safe calls
 * only, allocating nothing. NULL: abort(). */
void xmalloc_set_oom_hook(void (*hook)(void));

/* Make cJSON allocate through xmalloc (process start, before any cJSON). */
void xmalloc_use_for_cjson(void);

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
