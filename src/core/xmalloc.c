/*
 * xmalloc.c: the allocation wrappers declared in xmalloc.h. Failure
 * prints a message and hands over to the program's out-of-memory hook,
 * which ends the process (main: terminal back, exit status 70); without
 * a hook it aborts. Callers never check for NULL. The only core file
 * that prints or aborts (check-layers exempts it): an allocation failure
 * has no caller that could do better, and ending before anything is
 * committed is what keeps the database unchanged.
 */
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*oom_hook)(void);

void xmalloc_set_oom_hook(void (*hook)(void)) { oom_hook = hook; }

void xmalloc_fail(size_t size)
{
	/* stderr is unbuffered: this allocates nothing */
	fprintf(stderr, "worthit: out of memory (%zu bytes): stopped\n", size);
	if (oom_hook != NULL)
		oom_hook(); /* does not return */
	abort();
}

static void *check(void *p, size_t size)
{
	if (p == NULL && size != 0)
		xmalloc_fail(size);
	return p;
}

static void *cjson_malloc(size_t size) { return xmalloc(size); }

void xmalloc_use_for_cjson(void)
{
	cJSON_Hooks hooks = {.malloc_fn = cjson_malloc, .free_fn = free};
	cJSON_InitHooks(&hooks);
}

void *xmalloc(size_t size) { return check(malloc(size ? size : 1), size); }

void *xcalloc(size_t n, size_t size)
{
	return check(calloc(n ? n : 1, size ? size : 1), n * size);
}

void *xrealloc(void *ptr, size_t size)
{
	return check(realloc(ptr, size ? size : 1), size);
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		xmalloc_fail(SIZE_MAX);
	return xrealloc(ptr, n * size);
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
