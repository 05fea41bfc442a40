/*
 * failmalloc.c: a failing allocator for tests, loaded with LD_PRELOAD.
 * In any process other than the first one that loaded it (that is, in
 * a forked child such as worthit's parser sandbox), the
 * FAILMALLOC_NTH-th call of malloc, calloc or realloc counted from the
 * fork returns NULL (ENOMEM), and so does every later one when
 * FAILMALLOC_STICKY=1. FAILMALLOC_PARENT=1 counts in the first process
 * instead. Built by tests/cli/test_import_sandbox.sh.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static pid_t first_pid;
static long nth = -1, calls;
static int is_sticky, in_parent;

__attribute__((constructor)) static void failmalloc_init(void)
{
	first_pid = getpid();
	const char *v = getenv("FAILMALLOC_NTH");
	nth = v ? atol(v) : -1;
	v = getenv("FAILMALLOC_STICKY");
	is_sticky = v && *v == '1';
	v = getenv("FAILMALLOC_PARENT");
	in_parent = v && *v == '1';
}

static int should_fail(void)
{
	if (nth <= 0 || (getpid() == first_pid) != in_parent)
		return 0;
	long c = ++calls;
	if (c == nth || (is_sticky && c > nth)) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t n) { return should_fail() ? NULL : __libc_malloc(n); }
void *calloc(size_t n, size_t s) { return should_fail() ? NULL : __libc_calloc(n, s); }
void *realloc(void *p, size_t n) { return should_fail() ? NULL : __libc_realloc(p, n); }
