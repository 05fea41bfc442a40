/*
 * failmalloc.c: a failing allocator for tests, loaded with LD_PRELOAD.
 * The FAILMALLOC_NTH-th allocation (malloc, calloc or realloc) returns
 * NULL (ENOMEM), and so does every later one when FAILMALLOC_STICKY=1.
 *
 *   FAILMALLOC_NTH=N      the allocation to fail, counting from 1
 *   FAILMALLOC_STICKY=1   and every one after it
 *   FAILMALLOC_CHILD=1    count only in forked children (worthit's
 *                         parser sandbox), from the fork on; otherwise
 *                         every process counts from its start (a child
 *                         goes on from its parent's count)
 *   FAILMALLOC_COUNT=F    at exit, write the number of allocations to F
 *                         (the first process only: the range of N)
 *
 * worthit defines malloc, calloc and realloc itself (src/io/alloc_watch.c
 * counts failures) and forwards to glibc's __libc_malloc and friends, so
 * the shim replaces those names too. It reaches glibc's own through
 * dlsym(RTLD_NEXT); while that lookup runs (it may allocate), requests
 * are served from a small static arena that is never freed.
 * Used by tests/cli/test_alloc_fail.sh, test_import_sandbox.sh and
 * test_parse_oom.sh, built there with cc -shared -fPIC.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void *(*malloc_fn)(size_t);
typedef void *(*calloc_fn)(size_t, size_t);
typedef void *(*realloc_fn)(void *, size_t);

static malloc_fn real_malloc;
static calloc_fn real_calloc;
static realloc_fn real_realloc;
static int is_resolving;
static _Alignas(16) char arena[1 << 16];
static size_t arena_used;

static pid_t first_pid;
static unsigned long nth, calls;
static int is_started, is_sticky, in_child;

static unsigned long parse(const char *s)
{
	unsigned long v = 0;
	while (s != NULL && *s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	return v;
}

static void resolve(void)
{
	if (real_malloc != NULL || is_resolving)
		return;
	is_resolving = 1;
	real_calloc = (calloc_fn)dlsym(RTLD_NEXT, "__libc_calloc");
	real_realloc = (realloc_fn)dlsym(RTLD_NEXT, "__libc_realloc");
	real_malloc = (malloc_fn)dlsym(RTLD_NEXT, "__libc_malloc");
	is_resolving = 0;
}

static void *from_arena(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (arena_used + n > sizeof arena)
		return NULL;
	void *p = arena + arena_used;
	arena_used += n;
	return p;
}

static int is_arena(const void *p)
{
	return (const char *)p >= arena && (const char *)p < arena + sizeof arena;
}

/* At the first allocation: other libraries' constructors may run first. */
static void start(void)
{
	is_started = 1;
	first_pid = getpid();
	nth = parse(getenv("FAILMALLOC_NTH"));
	const char *v = getenv("FAILMALLOC_STICKY");
	is_sticky = v != NULL && *v == '1';
	v = getenv("FAILMALLOC_CHILD");
	in_child = v != NULL && *v == '1';
}

static int should_fail(void)
{
	if (!is_started)
		start();
	if (in_child && getpid() == first_pid)
		return 0;
	unsigned long c = ++calls;
	if (nth != 0 && (c == nth || (is_sticky && c > nth))) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);

void *__libc_malloc(size_t n)
{
	resolve();
	if (real_malloc == NULL)
		return from_arena(n);
	return should_fail() ? NULL : real_malloc(n);
}

void *__libc_calloc(size_t n, size_t size)
{
	resolve();
	if (real_calloc == NULL)
		return from_arena(n * size); /* static: zeroed */
	return should_fail() ? NULL : real_calloc(n, size);
}

void *__libc_realloc(void *p, size_t n)
{
	resolve();
	if (real_realloc == NULL || is_arena(p)) {
		void *q = real_malloc != NULL ? __libc_malloc(n) : from_arena(n);
		if (q != NULL && p != NULL)
			memcpy(q, p, (size_t)(arena + sizeof arena - (char *)p) < n
			                 ? (size_t)(arena + sizeof arena - (char *)p) : n);
		return q;
	}
	return should_fail() ? NULL : real_realloc(p, n);
}

/* for a program that does not define malloc itself */
void *malloc(size_t n) { return __libc_malloc(n); }
void *calloc(size_t n, size_t size) { return __libc_calloc(n, size); }
void *realloc(void *p, size_t n) { return __libc_realloc(p, n); }

void free(void *p);
void __libc_free(void *p);
void free(void *p)
{
	if (!is_arena(p))
		__libc_free(p);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("FAILMALLOC_COUNT");
	if (path == NULL || getpid() != first_pid)
		return;
	char tmp[32], buf[32];
	int n = 0, len = 0;
	unsigned long v = calls;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		buf[len++] = tmp[--n];
	buf[len++] = '\n';
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, buf, (size_t)len) < 0)
			len = 0;
		close(fd);
	}
}
