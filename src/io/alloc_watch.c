/*
 * alloc_watch.c: counts the allocations that fail, whoever makes them
 * (alloc_watch.h). The program defines malloc, calloc and realloc
 * (ELF interposition, what the glibc manual calls "Replacing malloc"):
 * each forwards to glibc's own allocator (__libc_malloc, ...) and notes a
 * NULL, so libical's, GLib's and glibc's own allocations are seen too.
 * free and the aligned forms stay glibc's: the memory is glibc's either
 * way. Nothing else changes: same allocator, same errno (ENOMEM).
 *
 * A failure is "at the limit" when the process's address space
 * (/proc/self/statm) plus the request reaches its RLIMIT_AS, with
 * AS_SLACK for glibc's own rounding (sbrk asks for 128 KiB more, its
 * mmap fallback 1 MiB at least): the input demanded more than the limit
 * allows. Below that, memory really ran out.
 *
 * Under AddressSanitizer the interposition is left out (ASan's runtime
 * owns malloc; a second one would split the heap): only
 * alloc_watch_record() counts there.
 */
#include "worthit/alloc_watch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/resource.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define HAS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
	__has_feature(thread_sanitizer)
#define HAS_ASAN 1
#endif
#endif

#define AS_SLACK (2u << 20) /* bytes: glibc asks the kernel for more than the request */

static struct alloc_watch_note own;
static struct alloc_watch_note *note = &own;
static bool is_fatal_failure;

unsigned long alloc_watch_failures(void) { return note->failures; }

void alloc_watch_note_to(struct alloc_watch_note *n, bool is_fatal)
{
	n->failures = 0;
	n->largest = 0;
	n->is_at_limit = 0;
	note = n;
	is_fatal_failure = is_fatal;
}

/* The address space in use, bytes (statm's first field, in pages), or 0. */
static uint64_t address_space(void)
{
	int saved = errno;
	char buf[64];
	ssize_t n = -1;
	int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
	}
	uint64_t pages = 0;
	for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
		pages = pages * 10 + (uint64_t)(buf[i] - '0');
	long page = sysconf(_SC_PAGESIZE);
	errno = saved;
	return pages * (uint64_t)(page > 0 ? page : 4096);
}

static bool is_at_limit(size_t size)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return false;
	return address_space() + size + AS_SLACK >= (uint64_t)rl.rlim_cur;
}

void alloc_watch_record(size_t size)
{
	note->failures++;
	if (size > note->largest)
		note->largest = size;
	if (!note->is_at_limit && is_at_limit(size))
		note->is_at_limit = 1;
	if (is_fatal_failure)
		_exit(70); /* EX_SOFTWARE; the note says why */
}

#ifndef HAS_ASAN

bool alloc_watch_is_complete(void) { return true; }

/* glibc's allocator under its own names (exported for this purpose) */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);

/* The definitions below replace the C library's for the whole process;
 * their prototypes are <stdlib.h>'s, not included here so that its
 * attributes cannot clash. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *ptr, size_t size);

void *malloc(size_t size)
{
	void *p = __libc_malloc(size);
	if (p == NULL)
		alloc_watch_record(size);
	return p;
}

void *calloc(size_t n, size_t size)
{
	void *p = __libc_calloc(n, size);
	if (p == NULL) /* calloc(0, x) too: glibc gives a minimum chunk, which can fail */
		alloc_watch_record(n != 0 && size > SIZE_MAX / n ? SIZE_MAX : n * size);
	return p;
}

void *realloc(void *ptr, size_t size)
{
	void *p = __libc_realloc(ptr, size);
	if (p == NULL && (size != 0 || ptr == NULL)) /* realloc(ptr, 0) frees: NULL is success */
		alloc_watch_record(size);
	return p;
}

#else

bool alloc_watch_is_complete(void) { return false; }

#endif
