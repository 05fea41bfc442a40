/*
 * alloc_watch.h: every allocation that failed in this process, whoever
 * asked for it. libical, GLib/GMime and glibc itself (time zones) drop
 * what they could not allocate and go on: a property, a parameter, a
 * zone, with no error anyone can see. Counting at the allocator is the
 * one check that sees them all, so "nothing failed" can be asked before
 * a result is trusted (the parser sandbox, the time zone at start).
 *
 * The count is kept by malloc, calloc and realloc as defined in
 * alloc_watch.c; under AddressSanitizer (which owns malloc) they are not
 * defined and only the failures reported with alloc_watch_record()
 * (xmalloc's) are counted: alloc_watch_is_complete() says which.
 */
#ifndef WORTHIT_ALLOC_WATCH_H
#define WORTHIT_ALLOC_WATCH_H

#include <stdbool.h>
#include <stddef.h>

/* Where failures are counted: a process's own, or memory a sandbox's
 * child shares with its parent (then it outlives a crash). */
struct alloc_watch_note {
	volatile unsigned long failures; /* allocations that returned NULL */
	volatile size_t largest;         /* bytes, the largest request that failed */
	volatile int is_at_limit;        /* 1: a failure was the address-space limit
	                                    (RLIMIT_AS) being reached, not memory
	                                    running out below it */
};

/* Failed allocations so far in this process (in the current note). */
unsigned long alloc_watch_failures(void);

/* Count from now on into note (shared memory set up by the caller),
 * starting from zero. With is_fatal, the first failure ends the process
 * at once (_exit(70)), before the caller sees the NULL: for a process
 * whose whole result a failure voids (the parser sandbox's child), so
 * that no library goes on to crash, spin or deadlock on it.
 * Async-signal-safe; used right after fork(). */
void alloc_watch_note_to(struct alloc_watch_note *note, bool is_fatal);

/* Count one failed request of size bytes (for an allocator that does
 * not go through malloc, or when alloc_watch_is_complete() is false).
 * Allocates nothing; async-signal-safe. */
void alloc_watch_record(size_t size);

/* true when every malloc/calloc/realloc of the process is counted. */
bool alloc_watch_is_complete(void);

#endif
