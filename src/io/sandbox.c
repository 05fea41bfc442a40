/*
 * sandbox.c: one outside file parsed in limited child processes
 * (sandbox.h: sandbox_parse, its parts, the spool, streaming to the
 * caller's sink, sandbox_replay) and the limits' defaults. The process
 * plumbing (fork, limits, the pipe's records, how a child ended) is
 * sandbox_child.c's; batches are sandbox_batch.c's.
 *
 * Invariants: the parent keeps nothing of a child that did not end with
 * its RECORD_END and exit status 0: its spool is dropped, and when it
 * was streaming (sandbox.h) the status tells the caller to undo what
 * went to the sink. With parts, one part that does not end well fails
 * the file: the others are stopped, and the one that failed first is
 * the one named.
 */
#include "sandbox_child.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

long sandbox_cpu_for(const struct sandbox_limits *l, uint64_t bytes)
{
	uint64_t extra = bytes / SANDBOX_BYTES_PER_CPU_SEC;
	return l->cpu_sec + (long)(extra < 1000000 ? extra : 1000000);
}

unsigned sandbox_wall_for(const struct sandbox_limits *l, long cpu_sec)
{
	long w = l->wall_sec > 0 ? l->wall_sec : SANDBOX_WALL_FACTOR * cpu_sec;
	return w > 0 && w < 100000000 ? (unsigned)w : 100000000u;
}

/* ---- the child ---- */

static unsigned parts_of(const struct sandbox_job *job)
{
	return job->parts > 1 ? job->parts : 1;
}

static _Noreturn void child_run(const struct sandbox_job *job, const struct sandbox_limits *lim,
                                unsigned part, int fd, int err_fd)
{
	if (err_fd >= 0)
		dup2(err_fd, STDERR_FILENO);
	sandbox_child_limits(lim, (rlim_t)lim->cpu_sec, (rlim_t)lim->cpu_sec + 1);
	struct import_problems problems;
	import_problems_init(&problems);
	struct sandbox_child_out o = {.fd = fd, .problems = &problems};
	void *stats = job->stats_size > 0 ? xcalloc(1, job->stats_size) : NULL;
	char *why = NULL;
	enum wit_status st = job->parse(job->arg, part, parts_of(job), sandbox_child_sink, &o, &problems,
	                                stats, &why);
	sandbox_child_put_problems(&o, &problems);
	sandbox_record_put_end(&o.buf, st, why, stats, job->stats_size);
	sandbox_child_flush(&o);
	_exit(o.is_broken ? 74 : 0);
}

/* ---- the parent ---- */

struct sandbox_spool {
	FILE *file;
	char *buf; /* its stdio buffer, STREAM_BUF bytes */
};

void sandbox_spool_free(struct sandbox_spool *spool)
{
	if (spool == NULL)
		return;
	fclose(spool->file);
	free(spool->buf);
	free(spool);
}

/* What the parent does with a file's invitations: spooled, or once
 * streaming, handed to the job's sink (in the order parts_read gives). */
struct parent_in {
	FILE *pipe;                  /* the stream records are read from: the spool */
	FILE *spool;
	struct sandbox_buf payload;
	size_t n_spooled;
	bool is_streaming;      /* invitations go to job->sink as they come */
	enum wit_status sink_status; /* of stream_begin() or the sink: WIT_OK */
	char *sink_why;         /* stream_begin()'s reason */
	bool is_malformed;      /* a record failed its checks */
};

static int read_record(struct parent_in *in, unsigned char *type, uint32_t *len)
{
	return sandbox_child_read(in->pipe, &in->payload, type, len);
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
			st = sandbox_child_deliver(sp.payload.bytes, len, sink, sink_ctx, &in->is_malformed);
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
		in->sink_status = sandbox_child_deliver(payload, len, job->sink, job->sink_ctx,
		                                        &in->is_malformed);
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

/*
 * One child of sandbox_parse(), parsing part `part` of the file, and the
 * record at the head of its pipe. Its problems are kept apart until
 * every part has ended, then merged by position (merge_problems).
 */
struct part_in {
	struct sandbox_child child;
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
	int r = sandbox_child_read(p->pipe, &p->payload, &p->type, &p->len);
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
 * would have given them. Blocking on one part while another waits on a
 * full pipe cannot deadlock: a part is only waited for when its pipe is
 * empty, and it writes on without the parent. false when a child broke
 * the protocol (*culprit: its index) or the streamed invitations could
 * not be stored (in->sink_status).
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
	enum wit_status st = sandbox_child_spawn(&p->child, single_body, &run, why);
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
	sandbox_child_buffer(p->pipe, &p->pipe_buf);
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
	enum wit_status st = sandbox_child_wait(p->child.pid, &wst, &ru, why);
	if (st == WIT_OK)
		st = sandbox_child_judge(job->source_name, lim, (double)lim->cpu_sec, wst, &ru,
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
		sandbox_child_done(&p->child);
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
	sandbox_child_buffer(in.spool, &spool_buf);
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

