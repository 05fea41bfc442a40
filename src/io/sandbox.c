/*
 * sandbox.c: a parser of outside files run in a limited child process
 * (sandbox.h). Owns the fork, the limits, the pipe protocol on both
 * sides and the spool; what a record holds is sandbox_record.c's.
 *
 * Invariants: the child only parses and writes records: it never
 * touches the database (the parent's SQLite handle is inherited but
 * never used) and leaves with _exit(), so no stdio buffer or atexit
 * handler of the parent runs twice. The parent keeps nothing of a child
 * that did not end with its RECORD_END and exit status 0: its spool is
 * dropped, and when it was streaming (sandbox.h) the status tells the
 * caller to undo what went to the sink. The child's standard error goes to an unnamed temporary
 * file whose last line is quoted in the parent's message (an ASan
 * report's first line).
 *
 * Out of memory in the child. Every allocation that fails there is
 * counted in a page the parent shares (alloc_watch.h), and the first one
 * ends the child: a library (libical, GLib) would otherwise drop a
 * property, crash, spin or deadlock on the NULL, so nothing the child
 * found after it is worth keeping. The parent then says which of two
 * things happened:
 *   - the failure was the RLIMIT_AS limit being reached (address space
 *     plus request at the limit): the file demanded more than worthit
 *     lets a parser have, bad input like the CPU limit: WIT_DATA (65),
 *     "parser stopped: memory limit (1024 MiB) reached in FILE";
 *   - it failed below the limit: the machine ran out, no fault of the
 *     file (another file, or a later try, may do): WIT_SOFTWARE (70, as
 *     xmalloc's failures everywhere else), "out of memory while parsing
 *     FILE", which ends the whole import or batch, --skip-bad or not.
 * The allocation failure wins over how the child then ended (a crash, a
 * signal, even exit 0), and the problems it reported are dropped.
 *
 * A batch (sandbox_parse_batch) runs its items in one child, each
 * closed by a RECORD_ITEM_END that is flushed at once, so a child
 * stopped in item k leaves items before k whole; the parent knows k by
 * counting those records, checks each invitation as it arrives (a
 * replay inside the caller's transaction then cannot fail half-way on
 * a malformed record), and starts a new child at k + 1. The CPU limit
 * is per item: a profiling timer (SIGPROF) set anew before each one,
 * with RLIMIT_CPU over the whole batch as a backstop.
 *
 * Under AddressSanitizer RLIMIT_AS is not set: ASan reserves terabytes
 * of address space for its shadow memory.
 */
#define _GNU_SOURCE 1 /* F_SETPIPE_SZ */
#include "worthit/sandbox.h"
#include "worthit/alloc_watch.h"
#include "worthit/sandbox_record.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define HAS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAS_ASAN 1
#endif
#endif

#define FLUSH_AT (64u << 10) /* bytes the child gathers before write() */
#define PIPE_SIZE (1u << 20) /* bytes the pipe holds */
#define ERR_TAIL 200         /* bytes of the child's stderr quoted */
#define STREAM_BUF (256u << 10) /* stdio buffer of the pipe and the spool:
                                   4 KiB ones cost one system call per record */

static long env_positive(const char *name, long fallback)
{
	const char *v = getenv(name);
	if (v == NULL || *v == '\0')
		return fallback;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	return errno == 0 && *end == '\0' && n > 0 ? n : fallback;
}

void sandbox_limits_from_env(struct sandbox_limits *l)
{
	l->cpu_sec = env_positive("WORTHIT_PARSE_CPU_SEC", SANDBOX_CPU_SEC);
	long mb = env_positive("WORTHIT_PARSE_MEM_MB", (long)(SANDBOX_MEM_BYTES >> 20));
	l->mem_bytes = (uint64_t)mb << 20;
	l->wall_sec = env_positive("WORTHIT_PARSE_WALL_SEC", 0);
}

/* Real seconds a child with the hard CPU limit cpu_hard may take. */
static unsigned wall_of(const struct sandbox_limits *lim, long cpu_hard)
{
	long w = lim->wall_sec > 0 ? lim->wall_sec : SANDBOX_WALL_FACTOR * cpu_hard;
	return w > 0 && w < 100000000 ? (unsigned)w : 100000000u;
}

static double cpu_sec(const struct rusage *ru)
{
	return (double)ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 +
	       (double)ru->ru_stime.tv_sec + ru->ru_stime.tv_usec / 1e6;
}

long sandbox_cpu_for(const struct sandbox_limits *l, uint64_t bytes)
{
	uint64_t extra = bytes / SANDBOX_BYTES_PER_CPU_SEC;
	return l->cpu_sec + (long)(extra < 1000000 ? extra : 1000000);
}

/* ---- the child ---- */

static unsigned parts_of(const struct sandbox_job *job)
{
	return job->parts > 1 ? job->parts : 1;
}

struct child_out {
	int fd;
	struct sandbox_buf buf;
	bool is_broken; /* the parent stopped reading */
	const struct import_problems *problems; /* the parser's, for its pos */
	uint64_t pos;   /* the last position sent (RECORD_AT), 0 at first */
};

/* A RECORD_AT before what comes from a new position of the input. */
static void put_pos(struct child_out *o, uint64_t pos)
{
	if (pos != o->pos)
		sandbox_record_put_at(&o->buf, pos);
	o->pos = pos;
}

static void child_flush(struct child_out *o)
{
	size_t off = 0;
	while (off < o->buf.len && !o->is_broken) {
		ssize_t w = write(o->fd, o->buf.bytes + off, o->buf.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			o->is_broken = true;
		else
			off += (size_t)w;
	}
	o->buf.len = 0;
}

static enum wit_status child_sink(void *ctx, const struct invitation *inv, int line,
                                  enum import_action action)
{
	struct child_out *o = ctx;
	if (o->problems != NULL)
		put_pos(o, o->problems->pos);
	sandbox_record_put_invitation(&o->buf, inv, line, action);
	if (o->buf.len >= FLUSH_AT)
		child_flush(o);
	return o->is_broken ? WIT_IOERR : WIT_OK;
}

static void child_limit(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = {soft, hard};
	setrlimit(resource, &rl);
}

/* CPU limits in seconds: the soft one sends SIGXCPU, the hard one
 * SIGKILL, should that be held off. */
static void child_limits(const struct sandbox_limits *lim, rlim_t cpu_soft, rlim_t cpu_hard)
{
	child_limit(RLIMIT_CPU, cpu_soft, cpu_hard);
#ifndef HAS_ASAN
	child_limit(RLIMIT_AS, (rlim_t)lim->mem_bytes, (rlim_t)lim->mem_bytes);
#else
	(void)lim;
#endif
	child_limit(RLIMIT_CORE, 0, 0);
	/* the parent's handlers (which only set flags) would keep a child
	 * that was asked to stop parsing */
	static const int sigs[] = {SIGXCPU, SIGPROF, SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT,
	                           SIGALRM};
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		signal(sigs[i], SIG_DFL);
		sigaddset(&set, sigs[i]);
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	alarm(wall_of(lim, (long)cpu_hard)); /* SIGALRM ends it, blocked or not */
}

static void put_problems(struct child_out *o, const struct import_problems *problems)
{
	for (size_t i = 0; i < problems->len; i++) {
		put_pos(o, problems->items[i].pos);
		sandbox_record_put_problem(&o->buf, RECORD_PROBLEM, problems->items[i].line,
		                           problems->items[i].message);
	}
	for (size_t i = 0; i < problems->n_notes; i++) {
		put_pos(o, problems->notes[i].pos);
		sandbox_record_put_problem(&o->buf, RECORD_NOTE, problems->notes[i].line,
		                           problems->notes[i].message);
	}
}

static _Noreturn void child_run(const struct sandbox_job *job, const struct sandbox_limits *lim,
                                unsigned part, int fd, int err_fd)
{
	if (err_fd >= 0)
		dup2(err_fd, STDERR_FILENO);
	child_limits(lim, (rlim_t)lim->cpu_sec, (rlim_t)lim->cpu_sec + 1);
	struct import_problems problems;
	import_problems_init(&problems);
	struct child_out o = {.fd = fd, .problems = &problems};
	void *stats = job->stats_size > 0 ? xcalloc(1, job->stats_size) : NULL;
	char *why = NULL;
	enum wit_status st = job->parse(job->arg, part, parts_of(job), child_sink, &o, &problems,
	                                stats, &why);
	put_problems(&o, &problems);
	sandbox_record_put_end(&o.buf, st, why, stats, job->stats_size);
	child_flush(&o);
	_exit(o.is_broken ? 74 : 0);
}

/* ---- the parent ---- */

struct sandbox_spool {
	FILE *file;
	char *buf; /* its stdio buffer, STREAM_BUF bytes */
};

/* A stream with a STREAM_BUF buffer (glibc ignores the size asked of
 * setvbuf() without a buffer); *buf is to be freed after fclose(). */
static void big_buffer(FILE *f, char **buf)
{
	*buf = xmalloc(STREAM_BUF);
	setvbuf(f, *buf, _IOFBF, STREAM_BUF);
}

void sandbox_spool_free(struct sandbox_spool *spool)
{
	if (spool == NULL)
		return;
	fclose(spool->file);
	free(spool->buf);
	free(spool);
}

struct parent_in {
	FILE *pipe;
	FILE *spool;
	struct sandbox_buf payload;
	bool has_end;
	enum wit_status child_status;
	char *child_why;
	int pipe_errno; /* fdopen of the pipe failed (ENOMEM): the parent's fault */
	size_t n_spooled;
	bool is_streaming;      /* invitations go to job->sink as they come */
	enum wit_status sink_status; /* of stream_begin() or the sink: WIT_OK */
	char *sink_why;         /* stream_begin()'s reason */
	bool is_malformed;      /* a record failed its checks */
};

/* One record of f into payload. 1: read, 0: end of the stream, -1:
 * malformed or cut short. */
static int read_from(FILE *f, struct sandbox_buf *payload, unsigned char *type, uint32_t *len)
{
	unsigned char head[SANDBOX_RECORD_HEADER];
	size_t got = fread(head, 1, sizeof head, f);
	if (got == 0 && feof(f))
		return 0;
	if (got != sizeof head)
		return -1;
	*type = head[0];
	memcpy(len, head + 1, sizeof *len);
	if (*len > SANDBOX_RECORD_MAX)
		return -1;
	if (payload->cap < *len) {
		payload->cap = *len;
		payload->bytes = xrealloc(payload->bytes, *len);
	}
	payload->len = *len;
	return fread(payload->bytes, 1, *len, f) == *len ? 1 : -1;
}

static int read_record(struct parent_in *in, unsigned char *type, uint32_t *len)
{
	return read_from(in->pipe, &in->payload, type, len);
}

/* Decode one invitation payload and give it to sink; WIT_DATA (and
 * in->is_malformed) when the record is malformed. */
static enum wit_status deliver(struct parent_in *in, const unsigned char *bytes, uint32_t len,
                               import_sink_fn sink, void *sink_ctx)
{
	struct invitation inv;
	invitation_init(&inv);
	int line = 0;
	enum import_action action = IMPORT_UPSERT;
	enum wit_status st;
	if (sandbox_record_get_invitation(bytes, len, &inv, &line, &action) != WIT_OK) {
		in->is_malformed = true;
		st = WIT_DATA;
	} else {
		st = sink(sink_ctx, &inv, line, action);
	}
	invitation_done(&inv);
	return st;
}

/* Every record of the spool, in order, to sink; the spool is left
 * empty. The records in it were read from the pipe by this process. */
static enum wit_status drain_spool(struct parent_in *in, import_sink_fn sink, void *sink_ctx)
{
	if (fflush(in->spool) != 0)
		return WIT_IOERR;
	rewind(in->spool);
	struct parent_in sp = {.pipe = in->spool};
	enum wit_status st = WIT_OK;
	unsigned char type;
	uint32_t len;
	int r;
	while (st == WIT_OK && (r = read_record(&sp, &type, &len)) != 0) {
		if (r < 0 || type != RECORD_INVITATION) {
			in->is_malformed = true;
			st = WIT_DATA;
		} else {
			st = deliver(in, sp.payload.bytes, len, sink, sink_ctx);
		}
	}
	sandbox_buf_done(&sp.payload);
	in->is_malformed = in->is_malformed || sp.is_malformed;
	rewind(in->spool);
	if (ftruncate(fileno(in->spool), 0) != 0 && st == WIT_OK)
		st = WIT_IOERR;
	return st;
}

/* The spool has reached job->stream_after: ask the caller, then stream. */
static bool start_streaming(struct parent_in *in, const struct sandbox_job *job)
{
	in->sink_status = job->stream_begin(job->stream_arg, &in->sink_why);
	if (in->sink_status != WIT_OK)
		return false;
	in->sink_status = drain_spool(in, job->sink, job->sink_ctx);
	in->is_streaming = in->sink_status == WIT_OK;
	return in->is_streaming;
}

static bool take_invitation(struct parent_in *in, const struct sandbox_job *job,
                            const unsigned char *payload, uint32_t len)
{
	if (in->is_streaming) {
		/* the sink ticks for what it stores */
		in->sink_status = deliver(in, payload, len, job->sink, job->sink_ctx);
		return in->sink_status == WIT_OK;
	} else {
		unsigned char head[SANDBOX_RECORD_HEADER] = {RECORD_INVITATION};
		memcpy(head + 1, &len, sizeof len);
		if (fwrite(head, 1, sizeof head, in->spool) != sizeof head ||
		    fwrite(payload, 1, len, in->spool) != len)
			return false;
		if (++in->n_spooled == job->stream_after && job->stream_begin != NULL &&
		    !start_streaming(in, job))
			return false;
	}
	if (job->tick != NULL)
		job->tick(job->tick_arg);
	return true;
}

/* A child started by spawn(): its pid, the read end of its pipe, its
 * standard error (an unnamed temporary file, or NULL) and its allocation
 * failures (shared memory, readable after it ended; child_done unmaps). */
struct child {
	pid_t pid;
	int fd;
	FILE *err;
	struct alloc_watch_note *note;
};

/*
 * One child of sandbox_parse(), parsing part `part` of the file, and the
 * record at the head of its pipe. Its problems are kept apart until
 * every part has ended, then merged in line order (merge_problems).
 */
struct part_in {
	struct child child;
	bool is_started;
	FILE *pipe;
	char *pipe_buf;
	unsigned char type;          /* the head record's */
	uint32_t len;
	struct sandbox_buf payload;  /* the head record's */
	bool is_eof;                 /* no head: the pipe has ended */
	uint64_t pos;                /* the part's position (RECORD_AT) */
	bool has_end;                /* RECORD_END was read */
	enum wit_status child_status;
	char *child_why;
	void *stats;                 /* part 0: the job's; others: their own */
	struct import_problems problems;
};

/* The part's next record; false when its pipe broke off inside one. */
static bool advance(struct part_in *p)
{
	int r = read_from(p->pipe, &p->payload, &p->type, &p->len);
	p->is_eof = r == 0;
	return r >= 0;
}

/* The head (a problem, a note or the end) kept; false when malformed
 * or out of place. */
static bool take_other(struct part_in *p, const struct sandbox_job *job)
{
	if (p->has_end)
		return false; /* nothing may follow the end */
	if (p->type == RECORD_END) {
		p->has_end = sandbox_record_get_end(p->payload.bytes, p->len, &p->child_status,
		                                    &p->child_why, p->stats, job->stats_size) == WIT_OK;
		return p->has_end;
	}
	if (p->type == RECORD_AT) {
		uint64_t pos;
		if (sandbox_record_get_at(p->payload.bytes, p->len, &pos) != WIT_OK)
			return false;
		p->pos = pos;
		import_problems_at(&p->problems, pos);
		return true;
	}
	if (p->type != RECORD_PROBLEM && p->type != RECORD_NOTE)
		return false;
	int line;
	char *msg;
	if (sandbox_record_get_problem(p->payload.bytes, p->len, &line, &msg) != WIT_OK)
		return false;
	if (p->type == RECORD_PROBLEM)
		import_problems_add(&p->problems, line, "%s", msg);
	else
		import_problems_note(&p->problems, line, "%s", msg);
	free(msg);
	return true;
}

/*
 * Reads every record of every part: the invitations in the order of
 * the positions they come from (RECORD_AT; import_problems_at), the
 * lower part first on a tie, so that the sink sees them as one child
 * would have given them. Blocking on one
 * part while another waits on a full pipe cannot deadlock: a part is
 * only waited for when its pipe is empty, and it writes on without the
 * parent. false when a child broke the protocol (*culprit: its index)
 * or the streamed invitations could not be stored (in->sink_status).
 */
static bool parts_read(struct parent_in *in, struct part_in *parts, unsigned n,
                       const struct sandbox_job *job, unsigned *culprit)
{
	for (unsigned i = 0; i < n; i++) {
		*culprit = i;
		if (!advance(&parts[i]))
			return false;
	}
	for (;;) {
		struct part_in *next = NULL;
		for (unsigned i = 0; i < n; i++) {
			struct part_in *p = &parts[i];
			*culprit = i;
			while (!p->is_eof && p->type != RECORD_INVITATION)
				if (!take_other(p, job) || !advance(p))
					return false;
			if (!p->is_eof && p->has_end)
				return false; /* an invitation after the end */
			if (!p->is_eof && (next == NULL || p->pos < next->pos))
				next = p;
		}
		if (next == NULL)
			break;
		*culprit = (unsigned)(next - parts);
		if (!take_invitation(in, job, next->payload.bytes, next->len)) {
			if (!in->is_malformed)
				*culprit = n; /* the sink's failure, not the child's */
			return false;
		}
		if (!advance(next))
			return false;
	}
	for (unsigned i = 0; i < n; i++) {
		*culprit = i;
		if (!parts[i].has_end)
			return false; /* it ended without its final record */
	}
	return true;
}

/* Appends the parts' lists: problems in the order of their positions,
 * notes in that of their lines and texts, the lower part first on a
 * tie; a note that another part gave already (the same line and text:
 * "TZID unknown", said once per file) is dropped. */
static bool is_before(const struct import_problem *a, const struct import_problem *b,
                      bool is_notes)
{
	if (!is_notes)
		return a->pos < b->pos;
	return a->line < b->line || (a->line == b->line && strcmp(a->message, b->message) < 0);
}

static void merge_list(struct import_problems *into, struct part_in *parts, unsigned n,
                       bool is_notes)
{
	size_t at[SANDBOX_PARTS_MAX] = {0};
	const struct import_problem *last = NULL;
	unsigned last_from = 0;
	for (;;) {
		const struct import_problem *best = NULL;
		unsigned from = 0;
		for (unsigned i = 0; i < n; i++) {
			const struct import_problems *pp = &parts[i].problems;
			size_t len = is_notes ? pp->n_notes : pp->len;
			if (at[i] >= len)
				continue;
			const struct import_problem *c = is_notes ? &pp->notes[at[i]] : &pp->items[at[i]];
			if (best == NULL || is_before(c, best, is_notes)) {
				best = c;
				from = i;
			}
		}
		if (best == NULL)
			return;
		at[from]++;
		if (is_notes && last != NULL && last_from != from && last->line == best->line &&
		    strcmp(last->message, best->message) == 0)
			continue;
		if (is_notes)
			import_problems_note(into, best->line, "%s", best->message);
		else
			import_problems_add(into, best->line, "%s", best->message);
		last = best;
		last_from = from;
	}
}

static void merge_problems(struct import_problems *into, struct part_in *parts, unsigned n)
{
	merge_list(into, parts, n, false);
	merge_list(into, parts, n, true);
}

/* The last line of what the child wrote on stderr, or "" (caller frees). */
static char *err_tail(FILE *err)
{
	char buf[ERR_TAIL + 1];
	size_t n = 0;
	if (err != NULL && fseeko(err, 0, SEEK_END) == 0) {
		off_t size = ftello(err);
		off_t from = size > ERR_TAIL ? size - ERR_TAIL : 0;
		if (size > 0 && fseeko(err, from, SEEK_SET) == 0)
			n = fread(buf, 1, ERR_TAIL, err);
	}
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	char *nl = strrchr(buf, '\n');
	return xstrdup(nl != NULL ? nl + 1 : buf);
}

/* How the child parsing `name` ended, when that was not cleanly:
 * WIT_SOFTWARE when an allocation failed below the memory limit, else
 * WIT_DATA. An allocation failure comes first, whatever followed it. A
 * SIGKILL is the hard CPU limit's when the child had used about
 * kill_cpu_sec. */
static enum wit_status judge_end(const char *name, const struct sandbox_limits *lim,
                                 double kill_cpu_sec, int wst, const struct rusage *ru,
                                 bool is_protocol_ok, FILE *err,
                                 const struct alloc_watch_note *note, char **why)
{
	char *tail = err_tail(err);
	enum wit_status st = WIT_DATA;
	bool is_cpu = WIFSIGNALED(wst) && (WTERMSIG(wst) == SIGXCPU || WTERMSIG(wst) == SIGPROF ||
	              (WTERMSIG(wst) == SIGKILL && cpu_sec(ru) >= kill_cpu_sec - 0.5));
	if (note != NULL && note->failures > 0 && note->is_at_limit)
		wit_fail(why, st, "parser stopped: memory limit (%llu MiB) reached in %s",
		         (unsigned long long)(lim->mem_bytes >> 20), name);
	else if (note != NULL && note->failures > 0)
		st = wit_fail(why, WIT_SOFTWARE, "out of memory while parsing %s", name);
	else if (is_cpu)
		wit_fail(why, st, "parser stopped: CPU limit after %ld s in %s", lim->cpu_sec, name);
	else if (WIFSIGNALED(wst) && WTERMSIG(wst) == SIGALRM)
		wit_fail(why, st, "parser stopped: no end after %u s (time limit; it used %.1f s of "
		         "CPU) in %s", wall_of(lim, (long)kill_cpu_sec + 1), cpu_sec(ru), name);
	else if (WIFSIGNALED(wst))
		wit_fail(why, st, "parser crashed (signal %d%s%s) in %s", WTERMSIG(wst),
		         *tail ? ": " : "", tail, name);
	else if (!WIFEXITED(wst) || WEXITSTATUS(wst) != 0)
		wit_fail(why, st, "parser stopped (exit %d%s%s) in %s",
		         WIFEXITED(wst) ? WEXITSTATUS(wst) : -1, *tail ? ": " : "", tail, name);
	else if (!is_protocol_ok)
		wit_fail(why, st, "parser sent malformed results for %s", name);
	else
		st = WIT_OK;
	free(tail);
	return st;
}

static enum wit_status wait_child(pid_t pid, int *wst, struct rusage *ru, char **why)
{
	while (wait4(pid, wst, 0, ru) < 0) {
		if (errno != EINTR)
			return wit_fail(why, WIT_SOFTWARE, "waiting for the parser: %s",
			                strerror(errno));
	}
	return WIT_OK;
}


/* xmalloc's hook in the child: the failure is in the shared note already
 * when malloc returned NULL; not when xmalloc refused an overflowing
 * size itself, or under ASan (alloc_watch.h). */
static void child_out_of_memory(void)
{
	if (alloc_watch_failures() == 0)
		alloc_watch_record(0);
	_exit(70);
}

static void child_done(struct child *c)
{
	if (c->err != NULL)
		fclose(c->err);
	munmap(c->note, sizeof *c->note);
}

/* Start a child running body(arg, write end of the pipe, stderr fd),
 * which never returns. */
static enum wit_status spawn(struct child *c, void (*body)(void *arg, int fd, int err_fd),
                             void *arg, char **why)
{
	int fds[2];
	c->err = tmpfile();
	c->note = mmap(NULL, sizeof *c->note, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	               -1, 0);
	if (c->note == MAP_FAILED || pipe(fds) != 0) {
		int e = errno;
		if (c->err != NULL)
			fclose(c->err);
		if (c->note != MAP_FAILED)
			munmap(c->note, sizeof *c->note);
		return wit_fail(why, wit_errno_status(e, WIT_IOERR), "cannot start the parser: %s",
		                strerror(e));
	}
	/* a larger pipe: fewer switches between the two when streaming
	 * (Linux; without it, or past /proc/sys/fs/pipe-max-size, 64 KiB) */
#ifdef F_SETPIPE_SZ
	fcntl(fds[1], F_SETPIPE_SZ, (int)PIPE_SIZE);
#endif
	fflush(NULL); /* nothing buffered may be written twice */
	c->pid = fork();
	if (c->pid == 0) {
		close(fds[0]);
		alloc_watch_note_to(c->note, true); /* a failure voids the result: stop there */
		xmalloc_set_oom_hook(child_out_of_memory);
		body(arg, fds[1], c->err != NULL ? fileno(c->err) : -1);
		_exit(70);
	}
	close(fds[1]);
	if (c->pid < 0) {
		int e = errno;
		close(fds[0]);
		child_done(c);
		return wit_fail(why, WIT_SOFTWARE, "cannot start the parser: %s", strerror(e));
	}
	c->fd = fds[0];
	return WIT_OK;
}

struct single_run {
	const struct sandbox_job *job;
	const struct sandbox_limits *lim;
	unsigned part;
};

static void single_body(void *arg, int fd, int err_fd)
{
	struct single_run *r = arg;
	child_run(r->job, r->lim, r->part, fd, err_fd);
}

/* Start part i's child and open its pipe; WIT_IOERR / WIT_SOFTWARE with
 * *why when it cannot be. */
static enum wit_status start_part(struct part_in *p, const struct sandbox_job *job,
                                  const struct sandbox_limits *lim, unsigned i, char **why)
{
	struct single_run run = {job, lim, i};
	p->stats = i == 0 ? job->stats : job->stats_size > 0 ? xcalloc(1, job->stats_size) : NULL;
	import_problems_init(&p->problems);
	enum wit_status st = spawn(&p->child, single_body, &run, why);
	if (st != WIT_OK)
		return st;
	p->is_started = true;
	p->pipe = fdopen(p->child.fd, "rb");
	if (p->pipe == NULL) {
		int e = errno;
		close(p->child.fd);
		return wit_fail(why, wit_errno_status(e, WIT_IOERR),
		                "cannot read the parser's results: %s", strerror(e));
	}
	big_buffer(p->pipe, &p->pipe_buf);
	return WIT_OK;
}

/* Close part p's pipe, wait for its child and say how it ended (judge_end). */
static enum wit_status end_part(struct part_in *p, const struct sandbox_job *job,
                                const struct sandbox_limits *lim, bool is_read_ok, char **why)
{
	if (!p->is_started)
		return WIT_OK;
	if (p->pipe != NULL)
		fclose(p->pipe);
	p->pipe = NULL;
	int wst = 0;
	struct rusage ru = {0};
	enum wit_status st = wait_child(p->child.pid, &wst, &ru, why);
	if (st == WIT_OK)
		st = judge_end(job->source_name, lim, (double)lim->cpu_sec, wst, &ru,
		               is_read_ok && p->has_end, p->child.err, p->child.note, why);
	return st;
}

static bool any_failed_alloc(const struct part_in *parts, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (parts[i].is_started && parts[i].child.note->failures > 0)
			return true;
	return false;
}

static void free_part(struct part_in *p, unsigned i)
{
	free(p->pipe_buf);
	free(p->child_why);
	if (i > 0)
		free(p->stats);
	import_problems_done(&p->problems);
	sandbox_buf_done(&p->payload);
	if (p->is_started)
		child_done(&p->child);
}

/*
 * How the parts ended, once all are waited for: the first that failed
 * (the culprit first: the others were stopped because of it), else the
 * first parser status that is not WIT_OK, with its message. The stats of
 * parts after the first are added to the job's.
 */
static enum wit_status parts_status(struct part_in *parts, unsigned n, const bool *is_ended_ok,
                                    const enum wit_status *ended, char **whys, unsigned culprit,
                                    const struct sandbox_job *job, bool *is_clean, char **why)
{
	*is_clean = false;
	if (culprit < n && ended[culprit] != WIT_OK) {
		*why = whys[culprit];
		whys[culprit] = NULL;
		return ended[culprit];
	}
	for (unsigned i = 0; i < n; i++) {
		if (!is_ended_ok[i]) {
			*why = whys[i];
			whys[i] = NULL;
			return ended[i];
		}
	}
	*is_clean = true;
	for (unsigned i = 1; i < n; i++)
		if (job->stats_add != NULL && job->stats != NULL)
			job->stats_add(job->stats, parts[i].stats);
	for (unsigned i = 0; i < n; i++) {
		if (parts[i].child_status != WIT_OK) {
			*why = parts[i].child_why;
			parts[i].child_why = NULL;
			return parts[i].child_status;
		}
	}
	return WIT_OK;
}

enum wit_status sandbox_parse(const struct sandbox_job *job, const struct sandbox_limits *lim,
                              struct sandbox_spool **spool, struct import_problems *problems,
                              char **why)
{
	*spool = NULL;
	unsigned n = parts_of(job) < SANDBOX_PARTS_MAX ? parts_of(job) : SANDBOX_PARTS_MAX;
	struct parent_in in = {.spool = tmpfile()};
	if (in.spool == NULL)
		return wit_fail(why, WIT_IOERR, "cannot start the parser: %s", strerror(errno));
	char *spool_buf = NULL;
	big_buffer(in.spool, &spool_buf);
	struct part_in parts[SANDBOX_PARTS_MAX];
	memset(parts, 0, sizeof parts);
	enum wit_status st = WIT_OK;
	for (unsigned i = 0; i < n && st == WIT_OK; i++)
		st = start_part(&parts[i], job, lim, i, why);
	unsigned culprit = n;
	bool is_read_ok = st == WIT_OK && parts_read(&in, parts, n, job, &culprit);
	if (in.is_malformed)
		in.sink_status = WIT_OK; /* the child's fault, judged below */
	if (!is_read_ok) /* a child that broke the protocol is not waited for, nor its siblings */
		for (unsigned i = 0; i < n; i++)
			if (parts[i].is_started)
				kill(parts[i].child.pid, SIGKILL);
	bool is_ended_ok[SANDBOX_PARTS_MAX];
	enum wit_status ended[SANDBOX_PARTS_MAX];
	char *whys[SANDBOX_PARTS_MAX] = {NULL};
	for (unsigned i = 0; i < n; i++) {
		ended[i] = end_part(&parts[i], job, lim, is_read_ok || i != culprit, &whys[i]);
		is_ended_ok[i] = ended[i] == WIT_OK;
	}
	bool is_clean = false;
	if (st == WIT_OK && in.sink_status != WIT_OK) { /* the caller's side failed */
		st = in.sink_status;
		*why = in.sink_why;
		in.sink_why = NULL;
	} else if (st == WIT_OK) {
		st = parts_status(parts, n, is_ended_ok, ended, whys, culprit, job, &is_clean, why);
	}
	if (!any_failed_alloc(parts, n)) /* else what the children found is not the file's */
		merge_problems(problems, parts, n);
	if (is_clean && fflush(in.spool) != 0) {
		is_clean = false;
		free(*why);
		st = wit_fail(why, WIT_IOERR, "cannot write a temporary file: %s", strerror(errno));
	}
	if (is_clean) { /* empty when every invitation was streamed */
		*spool = xmalloc(sizeof **spool);
		(*spool)->file = in.spool;
		(*spool)->buf = spool_buf;
	} else {
		fclose(in.spool);
		free(spool_buf);
	}
	for (unsigned i = 0; i < n; i++) {
		free(whys[i]);
		free_part(&parts[i], i);
	}
	free(in.sink_why);
	return st;
}

enum wit_status sandbox_replay(struct sandbox_spool *spool, const char *source_name,
                               import_sink_fn sink, void *sink_ctx, char **why)
{
	if (spool == NULL)
		return WIT_OK;
	struct parent_in in = {.spool = spool->file};
	enum wit_status st = drain_spool(&in, sink, sink_ctx);
	if (in.is_malformed)
		return wit_fail(why, WIT_DATA, "parser sent malformed results for %s", source_name);
	if (st == WIT_IOERR)
		return wit_fail(why, WIT_IOERR, "cannot read a temporary file: %s", strerror(errno));
	return st;
}

/* ---- batches ---- */

struct batch_item {
	enum wit_status status;
	char *why;                       /* owned, or NULL */
	struct import_problems problems;
	off_t from, to;                  /* its invitation records: spool bytes [from, to) */
};

struct sandbox_batch {
	struct batch_item *items;
	size_t n;
	FILE *spool;                     /* every item's invitations, in order */
	char *spool_buf;                 /* its stdio buffer */
	off_t at;                        /* bytes written to the spool */
	bool is_spool_bad;               /* a write to it failed */
};

/* The CPU seconds of item i. */
static long item_cpu(const struct sandbox_batch_job *job, const struct sandbox_limits *lim,
                     size_t i)
{
	return job->sizes != NULL ? sandbox_cpu_for(lim, job->sizes[i]) : lim->cpu_sec;
}

/* The hard CPU limit of a child parsing items [first, n): the sum of
 * theirs and a second, within what this process may set; a backstop
 * to each item's own limit (child_item_cpu). */
static rlim_t batch_cpu_hard(const struct sandbox_batch_job *job,
                             const struct sandbox_limits *lim, size_t first)
{
	rlim_t hard = 1;
	for (size_t i = first; i < job->n_items && hard != RLIM_INFINITY; i++) {
		rlim_t cpu = (rlim_t)item_cpu(job, lim, i);
		hard = hard < RLIM_INFINITY - cpu ? hard + cpu : RLIM_INFINITY;
	}
	struct rlimit rl;
	if (getrlimit(RLIMIT_CPU, &rl) == 0 && rl.rlim_max != RLIM_INFINITY && rl.rlim_max < hard)
		hard = rl.rlim_max;
	return hard;
}

/* Give the next item cpu seconds of CPU time: a profiling timer
 * (user + system time of the process, as RLIMIT_CPU counts, but to the
 * clock tick rather than the whole second) whose SIGPROF ends the child
 * unless the item is done first; the next item starts a new one. */
static void child_item_cpu(long cpu)
{
	struct itimerval it = {{0, 0}, {cpu, 0}};
	setitimer(ITIMER_PROF, &it, NULL);
}

struct batch_run {
	const struct sandbox_batch_job *job;
	const struct sandbox_limits *lim;
	size_t first;                    /* the item the child starts with */
	rlim_t cpu_hard;
};

/* The child of a batch: items from run->first on, each closed by its
 * RECORD_ITEM_END and flushed, so that a stop in a later item keeps it. */
static void batch_body(void *arg, int fd, int err_fd)
{
	const struct batch_run *run = arg;
	if (err_fd >= 0)
		dup2(err_fd, STDERR_FILENO);
	child_limits(run->lim, run->cpu_hard > 1 ? run->cpu_hard - 1 : 1, run->cpu_hard);
	struct child_out o = {.fd = fd};
	for (size_t i = run->first; i < run->job->n_items && !o.is_broken; i++) {
		child_item_cpu(item_cpu(run->job, run->lim, i));
		struct import_problems problems;
		import_problems_init(&problems);
		char *why = NULL;
		enum wit_status st = run->job->parse(run->job->arg, i, child_sink, &o, &problems,
		                                     &why);
		put_problems(&o, &problems);
		sandbox_record_put_item_end(&o.buf, st, why);
		child_flush(&o);
		import_problems_done(&problems);
		free(why);
	}
	sandbox_record_put_end(&o.buf, WIT_OK, NULL, NULL, 0);
	child_flush(&o);
	_exit(o.is_broken ? 74 : 0);
}

/* An invitation of the current item: checked, then spooled. */
static bool batch_take(struct sandbox_batch *b, struct parent_in *in, uint32_t len)
{
	struct invitation inv;
	invitation_init(&inv);
	int line;
	enum import_action action;
	bool is_good = sandbox_record_get_invitation(in->payload.bytes, len, &inv, &line,
	                                             &action) == WIT_OK;
	invitation_done(&inv);
	if (!is_good)
		return false;
	unsigned char head[SANDBOX_RECORD_HEADER] = {RECORD_INVITATION};
	memcpy(head + 1, &len, sizeof len);
	if (fwrite(head, 1, sizeof head, b->spool) != sizeof head ||
	    fwrite(in->payload.bytes, 1, len, b->spool) != len) {
		b->is_spool_bad = true;
		return false;
	}
	b->at += (off_t)(sizeof head + len);
	return true;
}

/* One record of a batch child, for item *cur; false when it breaks the
 * protocol. */
static bool batch_record(struct sandbox_batch *b, struct parent_in *in, unsigned char type,
                         uint32_t len, size_t *cur)
{
	if (type == RECORD_END) {
		in->has_end = sandbox_record_get_end(in->payload.bytes, len, &in->child_status,
		                                     &in->child_why, NULL, 0) == WIT_OK;
		return in->has_end;
	}
	if (*cur >= b->n)
		return false; /* more items than asked for */
	struct batch_item *it = &b->items[*cur];
	if (type == RECORD_INVITATION)
		return batch_take(b, in, len);
	if (type == RECORD_PROBLEM || type == RECORD_NOTE) {
		int line;
		char *msg;
		if (sandbox_record_get_problem(in->payload.bytes, len, &line, &msg) != WIT_OK)
			return false;
		if (type == RECORD_PROBLEM)
			import_problems_add(&it->problems, line, "%s", msg);
		else
			import_problems_note(&it->problems, line, "%s", msg);
		free(msg);
		return true;
	}
	if (type != RECORD_ITEM_END ||
	    sandbox_record_get_end(in->payload.bytes, len, &it->status, &it->why, NULL, 0) != WIT_OK)
		return false;
	it->to = b->at;
	if (++*cur < b->n)
		b->items[*cur].from = b->at;
	return true;
}

/* Every record of a batch child; false when it broke the protocol. */
static bool batch_read(struct sandbox_batch *b, struct parent_in *in, size_t *cur)
{
	unsigned char type;
	uint32_t len;
	int r;
	while ((r = read_record(in, &type, &len)) == 1)
		if (in->has_end || !batch_record(b, in, type, len, cur))
			return false;
	return r == 0 && in->has_end && *cur == b->n;
}

/* Item cur, in which the child stopped: bad, with nothing spooled. */
static void batch_stopped(struct sandbox_batch *b, size_t cur, char *why)
{
	struct batch_item *it = &b->items[cur];
	it->status = WIT_DATA;
	free(it->why);
	it->why = why;
	if (fflush(b->spool) != 0 || fseeko(b->spool, it->from, SEEK_SET) != 0)
		b->is_spool_bad = true;
	b->at = it->to = it->from;
}

/* One child, parsing from item *first on; *first moves past the items
 * it parsed and the one it stopped in. */
static enum wit_status batch_child(const struct sandbox_batch_job *job,
                                   const struct sandbox_limits *lim, struct sandbox_batch *b,
                                   size_t *first, char **why)
{
	struct batch_run run = {job, lim, *first, batch_cpu_hard(job, lim, *first)};
	struct child c;
	enum wit_status st = spawn(&c, batch_body, &run, why);
	if (st != WIT_OK)
		return st;
	struct parent_in in = {.pipe = fdopen(c.fd, "rb")};
	char *pipe_buf = NULL;
	size_t cur = *first;
	b->items[cur].from = b->at;
	bool is_ok = false;
	if (in.pipe == NULL) {
		st = wit_fail(why, wit_errno_status(errno, WIT_IOERR),
		              "cannot read the parser's results: %s", strerror(errno));
		close(c.fd);
	} else {
		big_buffer(in.pipe, &pipe_buf);
		is_ok = batch_read(b, &in, &cur);
	}
	if (!is_ok)
		kill(c.pid, SIGKILL); /* a child that broke the protocol is not waited for */
	if (in.pipe != NULL)
		fclose(in.pipe);
	free(pipe_buf);
	int wst = 0;
	struct rusage ru = {0};
	enum wit_status waited = wait_child(c.pid, &wst, &ru, st == WIT_OK ? why : NULL);
	st = st != WIT_OK ? st : waited;
	if (st == WIT_OK && b->is_spool_bad)
		st = wit_fail(why, WIT_IOERR, "cannot write a temporary file: %s", strerror(errno));
	if (st == WIT_OK && cur < b->n) {
		char *msg = NULL;
		struct sandbox_limits item_lim = *lim;
		item_lim.cpu_sec = item_cpu(job, lim, cur);
		enum wit_status ended = judge_end(job->names[cur], &item_lim, (double)run.cpu_hard - 1,
		                                  wst, &ru, false, c.err, c.note, &msg);
		if (ended == WIT_OK)
			wit_fail(&msg, WIT_DATA, "parser sent malformed results for %s", job->names[cur]);
		if (ended == WIT_SOFTWARE) /* out of memory: no fault of the item, the batch stops */
			st = wit_fail(why, ended, "%s", msg);
		batch_stopped(b, cur++, msg);
		if (ended == WIT_SOFTWARE)
			b->items[cur - 1].status = ended;
	}
	child_done(&c);
	free(in.child_why);
	sandbox_buf_done(&in.payload);
	*first = cur;
	return st;
}

enum wit_status sandbox_parse_batch(const struct sandbox_batch_job *job,
                                    const struct sandbox_limits *lim, struct sandbox_batch **out,
                                    char **why)
{
	struct sandbox_batch *b = xcalloc(1, sizeof *b);
	b->n = job->n_items;
	b->items = xcalloc(b->n > 0 ? b->n : 1, sizeof *b->items);
	for (size_t i = 0; i < b->n; i++)
		import_problems_init(&b->items[i].problems);
	*out = b;
	enum wit_status st = WIT_OK;
	size_t first = 0;
	b->spool = tmpfile();
	if (b->spool == NULL)
		st = wit_fail(why, WIT_IOERR, "cannot start the parser: %s", strerror(errno));
	else
		big_buffer(b->spool, &b->spool_buf);
	while (st == WIT_OK && first < b->n)
		st = batch_child(job, lim, b, &first, why);
	for (size_t i = first; i < b->n && st != WIT_OK; i++) {
		b->items[i].status = st;
		b->items[i].why = xstrdup(*why != NULL ? *why : wit_status_name(st));
		b->items[i].from = b->items[i].to = b->at;
	}
	return st;
}

enum wit_status sandbox_batch_item(const struct sandbox_batch *b, size_t i, const char **why,
                                   const struct import_problems **problems)
{
	*why = b->items[i].why;
	*problems = &b->items[i].problems;
	return b->items[i].status;
}

enum wit_status sandbox_batch_replay(struct sandbox_batch *b, size_t i, import_sink_fn sink,
                                     void *sink_ctx, char **why)
{
	const struct batch_item *it = &b->items[i];
	if (it->from == it->to)
		return WIT_OK;
	if (fflush(b->spool) != 0 || fseeko(b->spool, it->from, SEEK_SET) != 0)
		return wit_fail(why, WIT_IOERR, "cannot read a temporary file: %s", strerror(errno));
	struct parent_in in = {.pipe = b->spool};
	enum wit_status st = WIT_OK;
	off_t at = it->from;
	unsigned char type;
	uint32_t len;
	while (st == WIT_OK && at < it->to) {
		if (read_record(&in, &type, &len) != 1 || type != RECORD_INVITATION) {
			st = wit_fail(why, WIT_IOERR, "cannot read a temporary file: records cut short");
			break;
		}
		at += (off_t)(SANDBOX_RECORD_HEADER + len);
		st = deliver(&in, in.payload.bytes, len, sink, sink_ctx);
	}
	if (in.is_malformed) /* checked once already: the file changed under us */
		st = wit_fail(why, WIT_IOERR, "cannot read a temporary file: records changed");
	sandbox_buf_done(&in.payload);
	return st;
}

void sandbox_batch_free(struct sandbox_batch *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->items[i].why);
		import_problems_done(&b->items[i].problems);
	}
	free(b->items);
	if (b->spool != NULL)
		fclose(b->spool);
	free(b->spool_buf);
	free(b);
}
