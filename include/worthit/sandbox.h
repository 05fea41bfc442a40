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
 * A large file need not wait for its parser to end: once the child has
 * sent job->stream_after invitations, job->stream_begin() is asked
 * (it opens the caller's transaction) and from then on the parent hands
 * every invitation, the spooled ones first, to job->sink as it arrives,
 * so that writing overlaps parsing on a second core. A child that fails
 * after that has had part of its file written: the caller undoes it
 * (`import` rolls back and runs again without the file), since the
 * status says the file failed.
 *
 * A child killed by a limit or a signal, or one that ends without its
 * final record, is WIT_DATA with a message naming the file ("parser
 * stopped: CPU limit after 10 s in invite.ics", "parser crashed
 * (signal 11) in x.ics", "parser stopped: memory limit (1024 MiB)
 * reached in x.ics"); its invitations are dropped, none reach the sink.
 * A child in which an allocation failed below the memory limit is
 * WIT_SOFTWARE, "out of memory while parsing x.ics" (sandbox_child.c
 * says why).
 *
 * A large file can be parsed by several children side by side
 * (job->parts, one per core): each is told its part and parses only the
 * items that fall to it, stamping what it finds with its position in
 * the input (import_problems_at(): an order all parts share); the
 * parent merges the invitations and the problems by that position (the
 * lower part first on a tie), so the sink sees exactly what one child
 * would have sent, and the notes by line and text, one that several
 * parts give alike kept once. Any part stopped or crashed fails the
 * file, as one child would; each part has the file's limits. The parser
 * owns the division: the parts must not give an item twice.
 *
 * Many small texts (the changed files of a sync, its feeds) need not
 * cost one process each: sandbox_parse_batch() parses items one after
 * the other in one child, each with a CPU-time limit of its own, and
 * keeps what each gave apart. A child stopped in an item makes that
 * item bad (the message names it); a new child goes on with the next.
 * A child out of memory below its limit stops the batch (WIT_SOFTWARE).
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
	long wall_sec;      /* real time before a child that has not ended is
	                       stopped (a deadlock, a read that never returns:
	                       no CPU used), seconds; 0 = SANDBOX_WALL_FACTOR
	                       times its CPU limit */
};

#define SANDBOX_WALL_FACTOR 6 /* a child waiting on a slow parent is no runaway */

#define SANDBOX_CPU_SEC 10L             /* default CPU seconds per file */
#define SANDBOX_MEM_BYTES (1ull << 30)  /* default address space: 1 GiB */

/* The defaults, overridden by WORTHIT_PARSE_CPU_SEC (seconds) and
 * WORTHIT_PARSE_MEM_MB (MiB) when they hold a positive number. */
void sandbox_limits_from_env(struct sandbox_limits *l);
/* (and WORTHIT_PARSE_WALL_SEC, seconds, for wall_sec) */

/* Input bytes that earn a parser one more second of CPU time beyond
 * cpu_sec, so that a large calendar or mailbox is never cut off for its
 * size alone (libical reads 70 MB or so a second: a margin of four). */
#define SANDBOX_BYTES_PER_CPU_SEC (16ull << 20)

/* The CPU limit for an input of `bytes`: l->cpu_sec and one second per
 * whole SANDBOX_BYTES_PER_CPU_SEC. */
long sandbox_cpu_for(const struct sandbox_limits *l, uint64_t bytes);

/* The real seconds a parser with cpu_sec of CPU time may take: l->wall_sec,
 * or SANDBOX_WALL_FACTOR times cpu_sec; within 1 .. 100,000,000. */
unsigned sandbox_wall_for(const struct sandbox_limits *l, long cpu_sec);

#define SANDBOX_PARTS_MAX 8u /* children parsing one file side by side */

/*
 * A parser, run in the child: parses its `part` of `parts` (0 of 1: the
 * whole file; see "parts" above), hands what it finds to sink/sink_ctx
 * and problems, fills stats (stats_size bytes, or NULL) and returns its
 * status, with *why (caller-frees) for a whole-file failure.
 */
typedef enum wit_status (*sandbox_parse_fn)(void *arg, unsigned part, unsigned parts,
                                            import_sink_fn sink, void *sink_ctx,
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
	/* streaming (see above): 0 = never; else after this many invitations */
	size_t stream_after;
	enum wit_status (*stream_begin)(void *stream_arg, char **why);
	void *stream_arg;
	import_sink_fn sink;         /* where streamed invitations go */
	void *sink_ctx;
	/* parts (see above): 0 or 1 = one child; at most SANDBOX_PARTS_MAX */
	unsigned parts;
	void (*stats_add)(void *into, const void *part_stats); /* the stats of a
	                                part after the first, added to those of
	                                the first; NULL: only the first part's */
};

/*
 * Run job->parse in a limited child. On return *spool (caller frees with
 * sandbox_spool_free()) holds the invitations to replay (none when all
 * were streamed to job->sink); it is NULL when the child did not end
 * well (then nothing of what it sent counts, streamed or not), and
 * problems the child's problems. Returns the parser's status (its *why),
 * WIT_DATA for a child stopped or crashed (*why says which),
 * WIT_SOFTWARE for one out of memory below its limit, or
 * WIT_IOERR / WIT_SOFTWARE when the child cannot be started. When
 * streaming, a failure of stream_begin() is returned with its *why, and
 * one of the sink with *why NULL (the sink keeps its own reason); the
 * child is then stopped.
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

/* ---- batches ---- */

/* The parser of item `index` of a batch, run in the child; as
 * sandbox_parse_fn, without stats. */
typedef enum wit_status (*sandbox_item_fn)(void *arg, size_t index, import_sink_fn sink,
                                           void *sink_ctx, struct import_problems *problems,
                                           char **why);

struct sandbox_batch_job {
	size_t n_items;
	const char *const *names; /* per item, for messages */
	const uint64_t *sizes;    /* per item, bytes (its CPU limit is
	                             sandbox_cpu_for() of it), or NULL */
	sandbox_item_fn parse;
	void *arg;                /* given to parse, in the child */
};

/* What the parsers made of every item of a batch. */
struct sandbox_batch;

/*
 * Parse items [0, job->n_items) in as few limited children as they
 * allow: one, unless a child stops in an item (that item gets WIT_DATA
 * and the message, as sandbox_parse() says it; the next child starts
 * at the next item). Each item has lim->cpu_sec of CPU time (more for
 * a large one: job->sizes); the address-space limit holds for the
 * child. The parent checks every
 * record as it arrives, so a replay never meets a malformed one. *out
 * (caller frees with sandbox_batch_free()) always holds every item;
 * returns WIT_OK, or WIT_IOERR / WIT_SOFTWARE (with *why) when a child
 * cannot be started or its results kept: the items not parsed then
 * hold that status and message.
 */
enum wit_status sandbox_parse_batch(const struct sandbox_batch_job *job,
                                    const struct sandbox_limits *lim, struct sandbox_batch **out,
                                    char **why);

/* Item i's status (its parser's, or WIT_DATA when the parser stopped in
 * it), its whole-item message (borrowed, or NULL) and its problems and
 * notes (borrowed). Valid until sandbox_batch_free(). */
enum wit_status sandbox_batch_item(const struct sandbox_batch *b, size_t i, const char **why,
                                   const struct import_problems **problems);

/* Give item i's invitations to sink, in order: the first non-OK status
 * of the sink, or WIT_IOERR (*why) when the spool cannot be read. An
 * item its parser stopped in has none. */
enum wit_status sandbox_batch_replay(struct sandbox_batch *b, size_t i, import_sink_fn sink,
                                     void *sink_ctx, char **why);

/* Free a batch (NULL allowed). */
void sandbox_batch_free(struct sandbox_batch *b);

#endif
