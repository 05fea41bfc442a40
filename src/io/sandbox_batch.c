/*
 * sandbox_batch.c: many small texts parsed in as few limited children as
 * they allow (sandbox.h: sandbox_parse_batch; sync's vdir files and feed
 * answers). The process plumbing is sandbox_child.c's.
 *
 * A batch runs its items in one child, each closed by a RECORD_ITEM_END
 * that is flushed at once, so a child stopped in item k leaves items
 * before k whole; the parent knows k by counting those records, checks
 * each invitation as it arrives (a replay inside the caller's
 * transaction then cannot fail half-way on a malformed record), and
 * starts a new child at k + 1. The CPU limit is per item: a profiling
 * timer (SIGPROF) set anew before each one, with RLIMIT_CPU over the
 * whole batch as a backstop.
 */
#include "sandbox_child.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

/* A batch child's pipe (or the spool, on replay) and the record read. */
struct batch_in {
	FILE *pipe;
	struct sandbox_buf payload;
	bool has_end;
	enum wit_status child_status;
	char *child_why;
	bool is_malformed;      /* a record failed its checks */
};

static int read_record(struct batch_in *in, unsigned char *type, uint32_t *len)
{
	return sandbox_child_read(in->pipe, &in->payload, type, len);
}

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
	sandbox_child_limits(run->lim, run->cpu_hard > 1 ? run->cpu_hard - 1 : 1, run->cpu_hard);
	struct sandbox_child_out o = {.fd = fd};
	for (size_t i = run->first; i < run->job->n_items && !o.is_broken; i++) {
		child_item_cpu(item_cpu(run->job, run->lim, i));
		struct import_problems problems;
		import_problems_init(&problems);
		char *why = NULL;
		enum wit_status st = run->job->parse(run->job->arg, i, sandbox_child_sink, &o, &problems,
		                                     &why);
		sandbox_child_put_problems(&o, &problems);
		sandbox_record_put_item_end(&o.buf, st, why);
		sandbox_child_flush(&o);
		import_problems_done(&problems);
		free(why);
	}
	sandbox_record_put_end(&o.buf, WIT_OK, NULL, NULL, 0);
	sandbox_child_flush(&o);
	_exit(o.is_broken ? 74 : 0);
}

/* An invitation of the current item: checked, then spooled. */
static bool batch_take(struct sandbox_batch *b, struct batch_in *in, uint32_t len)
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
static bool batch_record(struct sandbox_batch *b, struct batch_in *in, unsigned char type,
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
static bool batch_read(struct sandbox_batch *b, struct batch_in *in, size_t *cur)
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
	struct sandbox_child c;
	enum wit_status st = sandbox_child_spawn(&c, batch_body, &run, why);
	if (st != WIT_OK)
		return st;
	struct batch_in in = {.pipe = fdopen(c.fd, "rb")};
	char *pipe_buf = NULL;
	size_t cur = *first;
	b->items[cur].from = b->at;
	bool is_ok = false;
	if (in.pipe == NULL) {
		st = wit_fail(why, wit_errno_status(errno, WIT_IOERR),
		              "cannot read the parser's results: %s", strerror(errno));
		close(c.fd);
	} else {
		sandbox_child_buffer(in.pipe, &pipe_buf);
		is_ok = batch_read(b, &in, &cur);
	}
	if (!is_ok)
		kill(c.pid, SIGKILL); /* a child that broke the protocol is not waited for */
	if (in.pipe != NULL)
		fclose(in.pipe);
	free(pipe_buf);
	int wst = 0;
	struct rusage ru = {0};
	enum wit_status waited = sandbox_child_wait(c.pid, &wst, &ru, st == WIT_OK ? why : NULL);
	st = st != WIT_OK ? st : waited;
	if (st == WIT_OK && b->is_spool_bad)
		st = wit_fail(why, WIT_IOERR, "cannot write a temporary file: %s", strerror(errno));
	if (st == WIT_OK && cur < b->n) {
		char *msg = NULL;
		struct sandbox_limits item_lim = *lim;
		item_lim.cpu_sec = item_cpu(job, lim, cur);
		enum wit_status ended = sandbox_child_judge(job->names[cur], &item_lim,
		                                            (double)run.cpu_hard - 1, wst, &ru, false,
		                                            c.err, c.note, &msg);
		if (ended == WIT_OK)
			wit_fail(&msg, WIT_DATA, "parser sent malformed results for %s", job->names[cur]);
		if (ended == WIT_SOFTWARE) /* out of memory: no fault of the item, the batch stops */
			st = wit_fail(why, ended, "%s", msg);
		batch_stopped(b, cur++, msg);
		if (ended == WIT_SOFTWARE)
			b->items[cur - 1].status = ended;
	}
	sandbox_child_done(&c);
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
		sandbox_child_buffer(b->spool, &b->spool_buf);
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
	struct batch_in in = {.pipe = b->spool};
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
		st = sandbox_child_deliver(in.payload.bytes, len, sink, sink_ctx, &in.is_malformed);
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
