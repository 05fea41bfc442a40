/*
 * import_store.c: the sink of `worthit import` (import_store.h). Owns
 * the counting, the repeat set of one run and the per-item report lines;
 * the rules of an import meeting stored data (sequence, decisions never
 * overwritten) stay in db_invite.c.
 *
 * The repeat set is an open-addressing hash table of "uid\x1frid" keys
 * with the SEQUENCE and line that key was stored with in this run; it
 * holds one entry per distinct occurrence of the run.
 */
#define _GNU_SOURCE 1
#include "worthit/import_store.h"
#include "worthit/classify.h"
#include "worthit/db_invite.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct seen {
	char *key;      /* NULL = empty slot */
	int sequence;
	int line;
	const char *file; /* borrowed from import_store_source() */
};

struct import_store {
	struct import_store_opts o;
	const char *file;
	bool adds_cancelled;
	struct import_counts counts;
	struct seen *slots;
	size_t cap, len;
	char *why;
	double db_sec;
};

struct import_store *import_store_new(const struct import_store_opts *o)
{
	struct import_store *s = xcalloc(1, sizeof *s);
	s->o = *o;
	s->file = "-";
	return s;
}

void import_store_free(struct import_store *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i].key);
	free(s->slots);
	free(s->why);
	free(s);
}

void import_store_source(struct import_store *s, const char *name, bool adds_cancelled)
{
	s->file = name;
	s->adds_cancelled = adds_cancelled;
}

const char *import_store_why(const struct import_store *s)
{
	return s->why;
}

struct import_counts *import_store_counts(struct import_store *s)
{
	return &s->counts;
}

double import_store_db_sec(const struct import_store *s)
{
	return s->db_sec;
}

static uint64_t hash(const char *k)
{
	uint64_t h = 14695981039346656037u;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211u;
	return h;
}

static void grow(struct import_store *s)
{
	size_t ncap = s->cap ? s->cap * 2 : 1024;
	struct seen *n = xcalloc(ncap, sizeof *n);
	for (size_t i = 0; i < s->cap; i++) {
		if (s->slots[i].key == NULL)
			continue;
		size_t j = hash(s->slots[i].key) & (ncap - 1);
		while (n[j].key != NULL)
			j = (j + 1) & (ncap - 1);
		n[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = n;
	s->cap = ncap;
}

/* The entry for key, created (key NULL -> filled) when absent. */
static struct seen *lookup(struct import_store *s, const struct invitation *inv, bool *is_new)
{
	if (2 * (s->len + 1) > s->cap)
		grow(s);
	char *key = xasprintf("%s\x1f%s", inv->uid, inv->recurrence_id ? inv->recurrence_id : "");
	size_t j = hash(key) & (s->cap - 1);
	while (s->slots[j].key != NULL && strcmp(s->slots[j].key, key) != 0)
		j = (j + 1) & (s->cap - 1);
	*is_new = s->slots[j].key == NULL;
	if (*is_new) {
		s->slots[j].key = key;
		s->len++;
	} else {
		free(key);
	}
	return &s->slots[j];
}

static const char *action_word(enum db_upsert_result r)
{
	switch (r) {
	case DB_ADDED: return "added";
	case DB_UPDATED: return "updated";
	case DB_UNCHANGED: return "unchanged";
	case DB_CANCELLED: return "cancelled";
	case DB_STALE: return "stale";
	}
	return "unchanged";
}

static void count(struct import_store *s, enum db_upsert_result r)
{
	long *c[] = {&s->counts.added, &s->counts.updated, &s->counts.unchanged,
	             &s->counts.cancelled, &s->counts.stale};
	(*c[r])++;
}

static void report_text(struct import_store *s, const struct invitation *inv, int line,
                        const char *word)
{
	char when[32];
	if (inv->all_day)
		time_format_date(inv->starts_at, when, sizeof when);
	else
		time_format_utc(inv->starts_at, when, sizeof when);
	static const char *const verbs[][2] = {
		{"added", "add"}, {"updated", "update"}, {"cancelled", "cancel"},
	};
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
		if (strcmp(word, verbs[i][0]) == 0)
			word = verbs[i][1];
	fprintf(s->o.report_out, "%-9s  %-20s  %s  (%s:%d)\n", word, when,
	        inv->title ? inv->title : "", s->file, line);
}

static void report_json(struct import_store *s, const struct invitation *inv, int line,
                        const char *word, int64_t id)
{
	char when[32];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "action", word);
	cJSON_AddStringToObject(o, "file", s->file);
	cJSON_AddNumberToObject(o, "line", line);
	if (id > 0)
		cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddStringToObject(o, "uid", inv->uid);
	cJSON_AddStringToObject(o, "recurrence_id", inv->recurrence_id ? inv->recurrence_id : "");
	cJSON_AddStringToObject(o, "title", inv->title ? inv->title : "");
	cJSON_AddStringToObject(o, "starts_at", inv->all_day
	                        ? time_format_date(inv->starts_at, when, sizeof when)
	                        : time_format_utc(inv->starts_at, when, sizeof when));
	cJSON_AddNumberToObject(o, "sequence", inv->sequence);
	char *text = cJSON_PrintUnformatted(o);
	if (text != NULL)
		fprintf(s->o.report_out, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(o);
}

static void report(struct import_store *s, const struct invitation *inv, int line,
                   const char *word, int64_t id)
{
	if (s->o.report_out == NULL)
		return;
	if (s->o.report == REPORT_JSON)
		report_json(s, inv, line, word, id);
	else if (s->o.report == REPORT_TEXT && strcmp(word, "unchanged") != 0)
		report_text(s, inv, line, word);
}

static void note(struct import_store *s, int line, const struct invitation *inv, const char *what)
{
	if (s->o.notes == NULL)
		return;
	fprintf(s->o.notes, "worthit: %s:%d: %s%s%s: %s\n", s->file, line, inv->uid,
	        inv->recurrence_id && *inv->recurrence_id ? " " : "",
	        inv->recurrence_id ? inv->recurrence_id : "", what);
}

static enum wit_status write_one(struct import_store *s, const struct invitation *inv,
                                 enum import_action action, enum db_upsert_result *r,
                                 int64_t *id)
{
	enum wit_status st;
	if (action == IMPORT_UPSERT)
		return db_invite_upsert(s->o.db, inv, s->o.now, r, id, &s->why);
	if (!s->adds_cancelled)
		return db_invite_cancel(s->o.db, inv, s->o.now, r, &s->why);
	/* JSON/CSV: the item is data; store it, then mark it cancelled */
	st = db_invite_upsert(s->o.db, inv, s->o.now, r, id, &s->why);
	if (st != WIT_OK || *r == DB_ADDED || *r == DB_STALE)
		return st;
	enum db_upsert_result c;
	st = db_invite_cancel(s->o.db, inv, s->o.now, &c, &s->why);
	if (st == WIT_OK && c == DB_CANCELLED)
		*r = DB_CANCELLED;
	return st;
}

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

enum wit_status import_store_sink(void *ctx, const struct invitation *in, int line,
                                  enum import_action action)
{
	struct import_store *s = ctx;
	bool is_new;
	struct seen *seen = lookup(s, in, &is_new);
	if (!is_new && in->sequence <= seen->sequence) {
		char what[512];
		snprintf(what, sizeof what, "repeats the event of %s:%d without a higher SEQUENCE: "
		         "ignored (the first one is kept)", seen->file, seen->line);
		note(s, line, in, what);
		s->counts.duplicate++;
		report(s, in, line, "duplicate", 0);
		if (s->o.tick != NULL)
			s->o.tick(s->o.tick_arg);
		return WIT_OK;
	}
	seen->sequence = in->sequence;
	seen->line = line;
	seen->file = s->file;
	struct invitation inv;
	invitation_copy(&inv, in);
	classify_apply(&inv, s->o.rules, s->o.n_rules);
	if (inv.source_file == NULL)
		inv.source_file = xstrdup(s->file);
	enum db_upsert_result r = DB_UNCHANGED;
	int64_t id = 0;
	double t0 = mono();
	enum wit_status st = write_one(s, &inv, action, &r, &id);
	s->db_sec += mono() - t0;
	if (st == WIT_OK) {
		count(s, r);
		if (!is_new && r == DB_UPDATED)
			s->counts.updated--, s->counts.duplicate++; /* a newer copy of this run's own */
		report(s, &inv, line, action_word(r), id);
		if (r == DB_STALE)
			note(s, line, &inv, "SEQUENCE is lower than the stored one: ignored (stale)");
	}
	invitation_done(&inv);
	if (s->o.tick != NULL)
		s->o.tick(s->o.tick_arg);
	return st;
}
