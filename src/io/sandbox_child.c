/*
 * sandbox_child.c: the process plumbing of the parser sandbox, shared by
 * one file's parse (sandbox.c) and batches (sandbox_batch.c); see
 * sandbox_child.h. Owns the fork, the limits, what a child writes on its
 * pipe, and the parent's reading of records and judging of how a child
 * ended; what a record holds is sandbox_record.c's.
 *
 * Invariants: the child only parses and writes records: it never
 * touches the database (the parent's SQLite handle is inherited but
 * never used) and leaves with _exit(), so no stdio buffer or atexit
 * handler of the parent runs twice. The child's standard error goes to
 * an unnamed temporary file whose last line is quoted in the parent's
 * message (an ASan report's first line).
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
 * Under AddressSanitizer RLIMIT_AS is not set: ASan reserves terabytes
 * of address space for its shadow memory.
 */
#define _GNU_SOURCE 1 /* F_SETPIPE_SZ */
#include "sandbox_child.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

static double cpu_sec(const struct rusage *ru)
{
	return (double)ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 +
	       (double)ru->ru_stime.tv_sec + ru->ru_stime.tv_usec / 1e6;
}

/* ---- the child ---- */

/* A RECORD_AT before what comes from a new position of the input. */
static void put_pos(struct sandbox_child_out *o, uint64_t pos)
{
	if (pos != o->pos)
		sandbox_record_put_at(&o->buf, pos);
	o->pos = pos;
}

void sandbox_child_flush(struct sandbox_child_out *o)
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

enum wit_status sandbox_child_sink(void *ctx, const struct invitation *inv, int line,
                                   enum import_action action)
{
	struct sandbox_child_out *o = ctx;
	if (o->problems != NULL)
		put_pos(o, o->problems->pos);
	sandbox_record_put_invitation(&o->buf, inv, line, action);
	if (o->buf.len >= FLUSH_AT)
		sandbox_child_flush(o);
	return o->is_broken ? WIT_IOERR : WIT_OK;
}

static void child_limit(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = {soft, hard};
	setrlimit(resource, &rl);
}

/* CPU limits in seconds: the soft one sends SIGXCPU, the hard one
 * SIGKILL, should that be held off. */
void sandbox_child_limits(const struct sandbox_limits *lim, rlim_t cpu_soft, rlim_t cpu_hard)
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
	alarm(sandbox_wall_for(lim, (long)cpu_hard)); /* SIGALRM ends it, blocked or not */
}

void sandbox_child_put_problems(struct sandbox_child_out *o, const struct import_problems *problems)
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

/* xmalloc's hook in the child: the failure is in the shared note already
 * when malloc returned NULL; not when xmalloc refused an overflowing
 * size itself, or under ASan (alloc_watch.h). */
static void child_out_of_memory(void)
{
	if (alloc_watch_failures() == 0)
		alloc_watch_record(0);
	_exit(70);
}

void sandbox_child_done(struct sandbox_child *c)
{
	if (c->err != NULL)
		fclose(c->err);
	munmap(c->note, sizeof *c->note);
}

/* Start a child running body(arg, write end of the pipe, stderr fd),
 * which never returns. */
enum wit_status sandbox_child_spawn(struct sandbox_child *c,
                                    void (*body)(void *arg, int fd, int err_fd),
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
		sandbox_child_done(c);
		return wit_fail(why, WIT_SOFTWARE, "cannot start the parser: %s", strerror(e));
	}
	c->fd = fds[0];
	return WIT_OK;
}

/* ---- the parent ---- */

/* A stream with a SANDBOX_STREAM_BUF buffer (glibc ignores the size asked of
 * setvbuf() without a buffer); *buf is to be freed after fclose(). */
void sandbox_child_buffer(FILE *f, char **buf)
{
	*buf = xmalloc(SANDBOX_STREAM_BUF);
	setvbuf(f, *buf, _IOFBF, SANDBOX_STREAM_BUF);
}

/* One record of f into payload. 1: read, 0: end of the stream, -1:
 * malformed or cut short. */
int sandbox_child_read(FILE *f, struct sandbox_buf *payload, unsigned char *type, uint32_t *len)
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

enum wit_status sandbox_child_deliver(const unsigned char *bytes, uint32_t len,
                                      import_sink_fn sink, void *sink_ctx, bool *is_malformed)
{
	struct invitation inv;
	invitation_init(&inv);
	int line = 0;
	enum import_action action = IMPORT_UPSERT;
	enum wit_status st;
	if (sandbox_record_get_invitation(bytes, len, &inv, &line, &action) != WIT_OK) {
		*is_malformed = true;
		st = WIT_DATA;
	} else {
		st = sink(sink_ctx, &inv, line, action);
	}
	invitation_done(&inv);
	return st;
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
enum wit_status sandbox_child_judge(const char *name, const struct sandbox_limits *lim,
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
		         "CPU) in %s", sandbox_wall_for(lim, (long)kill_cpu_sec + 1), cpu_sec(ru), name);
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

enum wit_status sandbox_child_wait(pid_t pid, int *wst, struct rusage *ru, char **why)
{
	while (wait4(pid, wst, 0, ru) < 0) {
		if (errno != EINTR)
			return wit_fail(why, WIT_SOFTWARE, "waiting for the parser: %s",
			                strerror(errno));
	}
	return WIT_OK;
}


