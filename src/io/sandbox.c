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
 * dropped. The child's standard error goes to an unnamed temporary
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
 *     FILE", which ends the whole import, --skip-bad or not.
 * The allocation failure wins over how the child then ended (a crash, a
 * signal, even exit 0), and the problems it reported are dropped.
 *
 * Under AddressSanitizer RLIMIT_AS is not set: ASan reserves terabytes
 * of address space for its shadow memory.
 */
#include "worthit/sandbox.h"
#include "worthit/alloc_watch.h"
#include "worthit/sandbox_record.h"
#include "worthit/xmalloc.h"

#include <errno.h>
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
}

/* ---- the child ---- */

struct child_out {
	int fd;
	struct sandbox_buf buf;
	bool is_broken; /* the parent stopped reading */
};

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

static void child_limits(const struct sandbox_limits *lim)
{
	/* the soft CPU limit sends SIGXCPU, the hard one a second later SIGKILL */
	child_limit(RLIMIT_CPU, (rlim_t)lim->cpu_sec, (rlim_t)lim->cpu_sec + 1);
#ifndef HAS_ASAN
	child_limit(RLIMIT_AS, (rlim_t)lim->mem_bytes, (rlim_t)lim->mem_bytes);
#endif
	child_limit(RLIMIT_CORE, 0, 0);
	/* the parent's handlers (which only set flags) would keep a child
	 * that was asked to stop parsing */
	static const int sigs[] = {SIGXCPU, SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		signal(sigs[i], SIG_DFL);
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

static _Noreturn void child_run(const struct sandbox_job *job, const struct sandbox_limits *lim,
                                int fd, int err_fd, struct alloc_watch_note *note)
{
	alloc_watch_note_to(note, true); /* a failure voids the result: stop there */
	xmalloc_set_oom_hook(child_out_of_memory);
	if (err_fd >= 0)
		dup2(err_fd, STDERR_FILENO);
	child_limits(lim);
	struct child_out o = {.fd = fd};
	struct import_problems problems;
	import_problems_init(&problems);
	void *stats = job->stats_size > 0 ? xcalloc(1, job->stats_size) : NULL;
	char *why = NULL;
	enum wit_status st = job->parse(job->arg, child_sink, &o, &problems, stats, &why);
	for (size_t i = 0; i < problems.len; i++)
		sandbox_record_put_problem(&o.buf, RECORD_PROBLEM, problems.items[i].line,
		                           problems.items[i].message);
	for (size_t i = 0; i < problems.n_notes; i++)
		sandbox_record_put_problem(&o.buf, RECORD_NOTE, problems.notes[i].line,
		                           problems.notes[i].message);
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
};

/* 1: one record read, 0: end of the pipe, -1: malformed or cut short. */
static int read_record(struct parent_in *in, unsigned char *type, uint32_t *len)
{
	unsigned char head[SANDBOX_RECORD_HEADER];
	size_t got = fread(head, 1, sizeof head, in->pipe);
	if (got == 0 && feof(in->pipe))
		return 0;
	if (got != sizeof head)
		return -1;
	*type = head[0];
	memcpy(len, head + 1, sizeof *len);
	if (*len > SANDBOX_RECORD_MAX)
		return -1;
	if (in->payload.cap < *len) {
		in->payload.cap = *len;
		in->payload.bytes = xrealloc(in->payload.bytes, *len);
	}
	in->payload.len = *len;
	return fread(in->payload.bytes, 1, *len, in->pipe) == *len ? 1 : -1;
}

/* Reads every record; false when the child broke the protocol. */
static bool parent_read(struct parent_in *in, const struct sandbox_job *job,
                        struct import_problems *problems)
{
	unsigned char type;
	uint32_t len;
	int r;
	while ((r = read_record(in, &type, &len)) == 1) {
		if (in->has_end)
			return false; /* nothing may follow the end */
		if (type == RECORD_INVITATION) {
			unsigned char head[SANDBOX_RECORD_HEADER] = {type};
			memcpy(head + 1, &len, sizeof len);
			if (fwrite(head, 1, sizeof head, in->spool) != sizeof head ||
			    fwrite(in->payload.bytes, 1, len, in->spool) != len)
				return false;
			if (job->tick != NULL)
				job->tick(job->tick_arg);
		} else if (type == RECORD_PROBLEM || type == RECORD_NOTE) {
			int line;
			char *msg;
			if (sandbox_record_get_problem(in->payload.bytes, len, &line, &msg) != WIT_OK)
				return false;
			if (type == RECORD_PROBLEM)
				import_problems_add(problems, line, "%s", msg);
			else
				import_problems_note(problems, line, "%s", msg);
			free(msg);
		} else if (type == RECORD_END) {
			if (sandbox_record_get_end(in->payload.bytes, len, &in->child_status,
			                           &in->child_why, job->stats, job->stats_size) != WIT_OK)
				return false;
			in->has_end = true;
		} else {
			return false;
		}
	}
	return r == 0;
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

static double cpu_sec(const struct rusage *ru)
{
	return (double)ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 +
	       (double)ru->ru_stime.tv_sec + ru->ru_stime.tv_usec / 1e6;
}

/* How the child ended, when that was not cleanly: WIT_SOFTWARE when an
 * allocation failed below the memory limit, else WIT_DATA. An allocation
 * failure comes first whatever followed it (a crash of a library that
 * took NULL for a pointer, an exit 0 after a dropped property). */
static enum wit_status judge_end(const struct sandbox_job *job, const struct sandbox_limits *lim,
                                 int wst, const struct rusage *ru, bool is_protocol_ok,
                                 FILE *err, const struct alloc_watch_note *note, char **why)
{
	const char *name = job->source_name;
	char *tail = err_tail(err);
	enum wit_status st = WIT_DATA;
	bool is_cpu = WIFSIGNALED(wst) && (WTERMSIG(wst) == SIGXCPU ||
	              (WTERMSIG(wst) == SIGKILL && cpu_sec(ru) >= (double)lim->cpu_sec - 0.5));
	if (note->failures > 0 && note->is_at_limit)
		wit_fail(why, st, "parser stopped: memory limit (%llu MiB) reached in %s",
		         (unsigned long long)(lim->mem_bytes >> 20), name);
	else if (note->failures > 0)
		st = wit_fail(why, WIT_SOFTWARE, "out of memory while parsing %s", name);
	else if (is_cpu)
		wit_fail(why, st, "parser stopped: CPU limit after %ld s in %s", lim->cpu_sec, name);
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

enum wit_status sandbox_parse(const struct sandbox_job *job, const struct sandbox_limits *lim,
                              struct sandbox_spool **spool, struct import_problems *problems,
                              char **why)
{
	*spool = NULL;
	int fds[2];
	FILE *err = tmpfile();
	struct parent_in in = {.spool = tmpfile()};
	/* the child's allocation failures, readable after it ended (even by a crash) */
	struct alloc_watch_note *note = mmap(NULL, sizeof *note, PROT_READ | PROT_WRITE,
	                                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (note == MAP_FAILED || in.spool == NULL || pipe(fds) != 0) {
		int e = errno;
		if (in.spool != NULL)
			fclose(in.spool);
		if (err != NULL)
			fclose(err);
		if (note != MAP_FAILED)
			munmap(note, sizeof *note);
		return wit_fail(why, wit_errno_status(e, WIT_IOERR), "cannot start the parser: %s",
		                strerror(e));
	}
	fflush(NULL); /* nothing buffered may be written twice */
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		child_run(job, lim, fds[1], err ? fileno(err) : -1, note);
	}
	close(fds[1]);
	if (pid < 0) {
		int e = errno;
		close(fds[0]);
		fclose(in.spool);
		if (err != NULL)
			fclose(err);
		munmap(note, sizeof *note);
		return wit_fail(why, WIT_SOFTWARE, "cannot start the parser: %s", strerror(e));
	}
	in.pipe = fdopen(fds[0], "rb");
	if (in.pipe == NULL)
		in.pipe_errno = errno;
	char *pipe_buf = NULL, *spool_buf = NULL;
	if (in.pipe != NULL)
		big_buffer(in.pipe, &pipe_buf);
	big_buffer(in.spool, &spool_buf);
	bool is_ok = in.pipe != NULL && parent_read(&in, job, problems) && in.has_end;
	if (!is_ok)
		kill(pid, SIGKILL); /* a child that broke the protocol is not waited for */
	if (in.pipe != NULL)
		fclose(in.pipe);
	else
		close(fds[0]);
	free(pipe_buf);
	int wst = 0;
	struct rusage ru = {0};
	enum wit_status st = wait_child(pid, &wst, &ru, why);
	if (st == WIT_OK && in.pipe_errno != 0) /* the parent's failure, not the parser's */
		st = wit_fail(why, wit_errno_status(in.pipe_errno, WIT_IOERR),
		              "cannot read the parser's results: %s", strerror(in.pipe_errno));
	if (st == WIT_OK)
		st = judge_end(job, lim, wst, &ru, is_ok, err, note, why);
	if (note->failures > 0) { /* what the child found after that is not the file's */
		import_problems_done(problems);
		import_problems_init(problems);
	}
	if (st == WIT_OK && fflush(in.spool) != 0)
		st = wit_fail(why, WIT_IOERR, "cannot write a temporary file: %s", strerror(errno));
	if (st == WIT_OK) {
		st = in.child_status;
		if (in.child_why != NULL) {
			free(*why);
			*why = in.child_why;
			in.child_why = NULL;
		}
		*spool = xmalloc(sizeof **spool);
		(*spool)->file = in.spool;
		(*spool)->buf = spool_buf;
	} else {
		fclose(in.spool);
		free(spool_buf);
	}
	free(in.child_why);
	sandbox_buf_done(&in.payload);
	if (err != NULL)
		fclose(err);
	munmap(note, sizeof *note);
	return st;
}

enum wit_status sandbox_replay(struct sandbox_spool *spool, const char *source_name,
                               import_sink_fn sink, void *sink_ctx, char **why)
{
	if (spool == NULL)
		return WIT_OK;
	rewind(spool->file);
	struct parent_in in = {.pipe = spool->file};
	enum wit_status st = WIT_OK;
	unsigned char type;
	uint32_t len;
	int r;
	while (st == WIT_OK && (r = read_record(&in, &type, &len)) != 0) {
		struct invitation inv;
		invitation_init(&inv);
		int line = 0;
		enum import_action action = IMPORT_UPSERT;
		if (r < 0 || type != RECORD_INVITATION ||
		    sandbox_record_get_invitation(in.payload.bytes, len, &inv, &line, &action) != WIT_OK)
			st = wit_fail(why, WIT_DATA, "parser sent malformed results for %s", source_name);
		else
			st = sink(sink_ctx, &inv, line, action);
		invitation_done(&inv);
	}
	sandbox_buf_done(&in.payload);
	return st;
}
