/*
 * sandbox.h: parsing strangers' files where a fault or a runaway cannot
 * hurt the user. sandbox_parse() runs a parser (any format: iCalendar,
 * JSON, CSV, mail) in a child process with CPU-time and address-space
 * limits (setrlimit RLIMIT_CPU, RLIMIT_AS). The child never touches the
 * database: it hands its invitations (the import_sink_fn of
 * import_problems.h), problems and final status to the parent over a
 * pipe (sandbox_record.h). The parent spools the invitations in an
 * unnamed temporary file, so memory stays bounded and no database lock
 * is held while parsing; sandbox_replay() then gives them to the real
 * sink, checking every record, inside the caller's transaction.
 *
 * A child killed by a limit or a signal, or one that ends without its
 * final record, is WIT_DATA with a message naming the file ("parser
 * stopped: CPU limit after 10 s in invite.ics", "parser crashed
 * (signal 11) in x.ics", "parser stopped: memory limit (1024 MiB)
 * reached in x.ics"); its invitations are dropped, none reach the sink.
 * A child in which an allocation failed below the memory limit is
 * WIT_SOFTWARE, "out of memory while parsing x.ics" (sandbox.c says why).
 */
#ifndef WORTHIT_SANDBOX_H
#define WORTHIT_SANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "worthit/import_problems.h"
#include "worthit/status.h"

struct sandbox_limits {
	long cpu_sec;       /* RLIMIT_CPU of the child, seconds, > 0 */
	uint64_t mem_bytes; /* RLIMIT_AS of the child, bytes, > 0 */
};

#define SANDBOX_CPU_SEC 10L             /* default CPU seconds per file */
#define SANDBOX_MEM_BYTES (1ull << 30)  /* default address space: 1 GiB */

/* The defaults, overridden by WORTHIT_PARSE_CPU_SEC (seconds) and
 * WORTHIT_PARSE_MEM_MB (MiB) when they hold a positive number. */
void sandbox_limits_from_env(struct sandbox_limits *l);

/*
 * A parser, run in the child: hands what it finds to sink/sink_ctx and
 * problems, fills stats (stats_size bytes, or NULL) and returns its
 * status, with *why (caller-frees) for a whole-file failure.
 */
typedef enum wit_status (*sandbox_parse_fn)(void *arg, import_sink_fn sink, void *sink_ctx,
                                            struct import_problems *problems, void *stats,
                                            char **why);

/* The invitations of one parsed file, in an unnamed temporary file. */
struct sandbox_spool;

/* Free a spool (NULL allowed). */
void sandbox_spool_free(struct sandbox_spool *spool);

struct sandbox_job {
	const char *source_name;     /* for messages */
	sandbox_parse_fn parse;
	void *arg;                   /* given to parse, in the child */
	void *stats;                 /* the child's stats are copied here, or NULL */
	size_t stats_size;
	void (*tick)(void *tick_arg);/* called in the parent per record received, or NULL */
	void *tick_arg;
};

/*
 * Run job->parse in a limited child. On return *spool (caller frees with
 * sandbox_spool_free(), NULL when nothing was parsed) holds the
 * invitations to replay, and
 * problems the child's problems. Returns the parser's status (its *why),
 * WIT_DATA for a child stopped or crashed (*why says which),
 * WIT_SOFTWARE for one out of memory below its limit, or
 * WIT_IOERR / WIT_SOFTWARE when the child cannot be started.
 */
enum wit_status sandbox_parse(const struct sandbox_job *job, const struct sandbox_limits *lim,
                              struct sandbox_spool **spool, struct import_problems *problems,
                              char **why);

/*
 * Give every invitation of spool to sink, in order. WIT_DATA when a
 * record is malformed (*why names source_name), else the first non-OK
 * status of the sink.
 */
enum wit_status sandbox_replay(struct sandbox_spool *spool, const char *source_name,
                               import_sink_fn sink,
                               void *sink_ctx, char **why);

#endif
