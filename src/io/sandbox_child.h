/*
 * sandbox_child.h: the process plumbing of the parser sandbox
 * (sandbox.h), private to src/io/sandbox*.c: a child with CPU, address
 * space and wall-clock limits, what it writes on its pipe, and the
 * parent's reading of those records and judging of how the child ended.
 * sandbox.c (one file, its parts) and sandbox_batch.c (batches) are
 * built on it.
 */
#ifndef WORTHIT_SANDBOX_CHILD_H
#define WORTHIT_SANDBOX_CHILD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "worthit/alloc_watch.h"
#include "worthit/import_problems.h"
#include "worthit/sandbox.h"
#include "worthit/sandbox_record.h"

#define SANDBOX_STREAM_BUF (256u << 10) /* stdio buffer of a pipe or a spool:
                                           4 KiB ones cost one system call
                                           per record */

/* ---- in the child ---- */

/* What a child writes on its pipe, gathered and written in blocks. */
struct sandbox_child_out {
	int fd;
	struct sandbox_buf buf;
	bool is_broken;                         /* the parent stopped reading */
	const struct import_problems *problems; /* the parser's, for its pos (or NULL) */
	uint64_t pos;                           /* the last position sent (RECORD_AT) */
};

/* Write what is gathered; sets is_broken when the parent is gone. */
void sandbox_child_flush(struct sandbox_child_out *o);
/* The parser's sink in the child (ctx: a struct sandbox_child_out): one
 * RECORD_INVITATION, after a RECORD_AT when the parser's position moved. */
enum wit_status sandbox_child_sink(void *ctx, const struct invitation *inv, int line,
                                   enum import_action action);
/* Every problem and note of the parser, each after its position. */
void sandbox_child_put_problems(struct sandbox_child_out *o,
                                const struct import_problems *problems);
/* Set the limits in the child (CPU seconds: the soft one sends SIGXCPU,
 * the hard one SIGKILL; the address space; no core; the wall clock: an
 * alarm) and the default action of the signals the parent handles. */
void sandbox_child_limits(const struct sandbox_limits *lim, rlim_t cpu_soft, rlim_t cpu_hard);

/* ---- in the parent ---- */

/* A child started by sandbox_child_spawn(): its pid, the read end of its
 * pipe, its standard error (an unnamed temporary file, or NULL) and its
 * allocation failures (shared memory, readable after it ended). */
struct sandbox_child {
	pid_t pid;
	int fd;
	FILE *err;
	struct alloc_watch_note *note;
};

/* Start a child running body(arg, write end of the pipe, stderr fd),
 * which never returns. WIT_IOERR / WIT_SOFTWARE with *why when it
 * cannot be. */
enum wit_status sandbox_child_spawn(struct sandbox_child *c,
                                    void (*body)(void *arg, int fd, int err_fd), void *arg,
                                    char **why);
/* Free what spawn kept (its stderr file, its shared page). */
void sandbox_child_done(struct sandbox_child *c);
/* Wait for pid, through EINTR. */
enum wit_status sandbox_child_wait(pid_t pid, int *wst, struct rusage *ru, char **why);
/*
 * How the child parsing `name` ended, when that was not cleanly:
 * WIT_SOFTWARE when an allocation failed below the memory limit, else
 * WIT_DATA, with the message. An allocation failure comes first,
 * whatever followed it. A SIGKILL is the hard CPU limit's when the child
 * had used about kill_cpu_sec. WIT_OK when it exited 0 and kept the
 * protocol (is_protocol_ok).
 */
enum wit_status sandbox_child_judge(const char *name, const struct sandbox_limits *lim,
                                    double kill_cpu_sec, int wst, const struct rusage *ru,
                                    bool is_protocol_ok, FILE *err,
                                    const struct alloc_watch_note *note, char **why);

/* Give f a SANDBOX_STREAM_BUF buffer (glibc ignores the size asked of
 * setvbuf() without a buffer); *buf is to be freed after fclose(). */
void sandbox_child_buffer(FILE *f, char **buf);
/* One record of f into payload: 1 read, 0 end of the stream, -1
 * malformed or cut short. */
int sandbox_child_read(FILE *f, struct sandbox_buf *payload, unsigned char *type, uint32_t *len);
/* Decode one invitation payload and give it to sink; WIT_DATA (and
 * *is_malformed) when the record is malformed. */
enum wit_status sandbox_child_deliver(const unsigned char *bytes, uint32_t len,
                                      import_sink_fn sink, void *sink_ctx, bool *is_malformed);

#endif
