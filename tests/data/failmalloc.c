/*
 * failmalloc.c: an LD_PRELOAD shim that makes one allocation fail, for
 * tests/cli/test_alloc_fail.sh (issue 14, item 3). Built by the test
 * with cc -shared -fPIC.
 *
 *   FAILMALLOC_NTH=N     the Nth call of malloc, calloc or realloc
 *                        (counting from 1 at process start) returns
 *                        NULL with errno ENOMEM; the others succeed
 *   FAILMALLOC_COUNT=F   at exit, write the number of calls made to F
 *                        (to learn the range of N worth trying)
 *
 * The real allocator is glibc's __libc_malloc and friends: dlsym() would
 * itself allocate. posix_memalign, aligned_alloc and memalign are not
 * counted (SQLite and cJSON do not use them).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);

static unsigned long calls, fail_at;

static unsigned long parse(const char *s)
{
	unsigned long v = 0;
	while (s != NULL && *s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	return v;
}

__attribute__((constructor)) static void start(void)
{
	fail_at = parse(getenv("FAILMALLOC_NTH"));
}

static int should_fail(void)
{
	return ++calls == fail_at;
}

void *malloc(size_t size)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, size);
}

void *realloc(void *ptr, size_t size)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(ptr, size);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("FAILMALLOC_COUNT");
	if (path == NULL)
		return;
	char buf[32];
	int n = 0;
	unsigned long v = calls;
	char tmp[32];
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n++] = '\n';
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, buf, (size_t)n) < 0)
			n = 0;
		close(fd);
	}
}
