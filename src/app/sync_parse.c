/*
 * sync_parse.c: a sync's calendar texts parsed in sandbox batches (see
 * sync_parse.h). Owns the queue of texts and the batches; iCalendar is
 * ics.c's, the child and its limits sandbox.c's, what the texts mean
 * sync.c's. Nothing here touches the database.
 *
 * Invariants: texts [0, n_parsed) are parsed, each in exactly one
 * batch; an owned text is freed once parsed; a text is parsed in a
 * child only, never in this process.
 */
#include "worthit/sync_parse.h"
#include "worthit/ics.h"
#include "worthit/sandbox.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct text {
	char *name;                  /* owned */
	char *text;                  /* NULL once parsed when owned */
	size_t len;
	bool is_owned;
	struct sandbox_batch *batch; /* the one it was parsed in */
	size_t at;                   /* its item there */
};

struct sync_parse {
	int64_t from, to;
	struct sandbox_limits limits;
	struct text *texts;
	size_t n, cap;
	size_t n_parsed;
	size_t queued_bytes;         /* of texts [n_parsed, n) */
	struct sandbox_batch **batches;
	size_t n_batches;
};

struct sync_parse *sync_parse_new(int64_t from, int64_t to)
{
	struct sync_parse *p = xcalloc(1, sizeof *p);
	p->from = from;
	p->to = to;
	sandbox_limits_from_env(&p->limits);
	return p;
}

void sync_parse_free(struct sync_parse *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->texts[i].name);
		if (p->texts[i].is_owned)
			free(p->texts[i].text);
	}
	for (size_t i = 0; i < p->n_batches; i++)
		sandbox_batch_free(p->batches[i]);
	free(p->texts);
	free(p->batches);
	free(p);
}

size_t sync_parse_add(struct sync_parse *p, const char *name, char *text, size_t len,
                      bool is_owned)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->texts = xreallocarray(p->texts, p->cap, sizeof *p->texts);
	}
	p->texts[p->n] = (struct text){ xstrdup(name), text, len, is_owned, NULL, 0 };
	p->queued_bytes += len;
	size_t i = p->n++;
	if (p->queued_bytes >= SYNC_PARSE_BATCH_BYTES)
		sync_parse_run(p);
	return i;
}

/* What the child of a batch parses: texts [first, ...). */
struct run {
	const struct sync_parse *p;
	size_t first;
};

/* sandbox_item_fn: one text, in the child. */
static enum wit_status parse_text(void *arg, size_t index, import_sink_fn sink, void *sink_ctx,
                                  struct import_problems *problems, char **why)
{
	const struct run *r = arg;
	const struct text *t = &r->p->texts[r->first + index];
	/* an empty text is one NUL byte: "not iCalendar", as an empty file */
	FILE *in = fmemopen(t->text, t->len > 0 ? t->len : 1, "rb");
	if (in == NULL)
		return wit_fail(why, WIT_IOERR, "%s: %s", t->name, strerror(errno));
	struct import_options opt = { r->p->from, r->p->to, t->name };
	enum wit_status st = ics_parse(in, &opt, sink, sink_ctx, problems, NULL, why);
	fclose(in);
	return st;
}

void sync_parse_run(struct sync_parse *p)
{
	size_t first = p->n_parsed, n = p->n - first;
	if (n == 0)
		return;
	const char **names = xreallocarray(NULL, n, sizeof *names);
	uint64_t *sizes = xreallocarray(NULL, n, sizeof *sizes);
	for (size_t i = 0; i < n; i++) {
		names[i] = p->texts[first + i].name;
		sizes[i] = p->texts[first + i].len;
	}
	struct run r = { p, first };
	struct sandbox_batch_job job = { n, names, sizes, parse_text, &r };
	struct sandbox_batch *b = NULL;
	char *why = NULL;
	sandbox_parse_batch(&job, &p->limits, &b, &why); /* a failure is in every item left */
	free(why);
	free(names);
	free(sizes);
	p->batches = xreallocarray(p->batches, p->n_batches + 1, sizeof *p->batches);
	p->batches[p->n_batches++] = b;
	for (size_t i = 0; i < n; i++) {
		struct text *t = &p->texts[first + i];
		t->batch = b;
		t->at = i;
		if (t->is_owned) {
			free(t->text);
			t->text = NULL;
		}
	}
	p->n_parsed = p->n;
	p->queued_bytes = 0;
}

enum wit_status sync_parse_result(const struct sync_parse *p, size_t i, const char **why,
                                  const struct import_problems **problems)
{
	return sandbox_batch_item(p->texts[i].batch, p->texts[i].at, why, problems);
}

enum wit_status sync_parse_replay(struct sync_parse *p, size_t i, import_sink_fn sink,
                                  void *sink_ctx, char **why)
{
	return sandbox_batch_replay(p->texts[i].batch, p->texts[i].at, sink, sink_ctx, why);
}
