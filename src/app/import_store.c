/*
 * import_store.c: the sink of `worthit import` (import_store.h). Owns
 * the counting, the repeat set of one run and the per-item report lines;
 * the rules of an import meeting stored data (sequence, decisions never
 * overwritten) stay in db_invite.c.
 *
 * The repeat set is an open-addressing hash table (linear probing, at
 * most 3/4 full) of the (uid, rid) keys of this run, each kept as 96
 * bits of two independent hashes rather than as text, pointing into a
 * dense array of what the key was stored with (SEQUENCE, file, line):
 * 16 bytes a slot and 16 an entry, where 160,000 occurrences used to
 * take 25 MB of key strings and slots. Two different keys agreeing on
 * 96 bits is not a concern at any size an import can have (about
 * n^2 / 2^97).
 */
#define _GNU_SOURCE 1
#include "worthit/import_store.h"
#include "worthit/classify.h"
#include "worthit/db_fact.h"
#include "worthit/db_invite.h"
#include "worthit/db_invite_mail.h"
#include "worthit/invite_fact.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct seen {
	const char *file; /* borrowed from import_store_source() */
	int sequence;
	int line;
};

struct slot {
	uint64_t h1;      /* the key's hashes (key_hash()) */
	uint32_t h2;
	uint32_t entry;   /* 1 + index in import_store.seen; 0 = empty */
};

/* The last classification of an item that came without kind or shares,
 * reused while the texts repeat: the occurrences of a series arrive one
 * after the other with the same title, categories and description. */
struct classified {
	bool is_set;
	char *title, *categories, *description; /* copies of the texts */
	enum invite_kind kind;                  /* what classify_apply() gave */
	struct invitation shares;               /* only its shares are used */
};

struct import_store {
	struct import_store_opts o;
	const char *file;
	bool adds_cancelled;
	struct import_counts counts;
	struct slot *slots;
	size_t cap;        /* slots, a power of two */
	struct seen *seen; /* one per key, in the order first seen */
	size_t len, seen_cap;
	char *why;
	double db_sec;
	struct classified last;
	int prior[KIND_COUNT];     /* room size per kind (db_fact_attendance_prior) */
	bool learned[KIND_COUNT];
};

struct import_store *import_store_new(const struct import_store_opts *o)
{
	struct import_store *s = xcalloc(1, sizeof *s);
	s->o = *o;
	s->file = "-";
	/* a failed read leaves the config's priors: an import goes on */
	if (o->cfg != NULL)
		db_fact_attendance_prior(o->db, o->cfg, s->prior, s->learned, NULL);
	return s;
}

void import_store_free(struct import_store *s)
{
	if (s == NULL)
		return;
	free(s->slots);
	free(s->seen);
	free(s->why);
	free(s->last.title);
	free(s->last.categories);
	free(s->last.description);
	invitation_done(&s->last.shares);
	free(s);
}

static bool same_text(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* classify_apply() on inv, whose shares are its own (NULL when none). */
static void classify(struct import_store *s, struct invitation *inv)
{
	struct classified *c = &s->last;
	if (inv->kind != KIND_OTHER || inv->n_shares != 0) {
		classify_apply(inv, s->o.rules, s->o.n_rules);
		return;
	}
	if (!c->is_set || !same_text(c->title, inv->title) ||
	    !same_text(c->categories, inv->categories) ||
	    !same_text(c->description, inv->description)) {
		free(c->title);
		free(c->categories);
		free(c->description);
		c->title = inv->title ? xstrdup(inv->title) : NULL;
		c->categories = inv->categories ? xstrdup(inv->categories) : NULL;
		c->description = inv->description ? xstrdup(inv->description) : NULL;
		classify_apply(inv, s->o.rules, s->o.n_rules);
		c->kind = inv->kind;
		invitation_set_shares(&c->shares, inv->shares, inv->n_shares);
		c->is_set = true;
		return;
	}
	inv->kind = c->kind;
	invitation_set_shares(inv, c->shares.shares, c->shares.n_shares);
}

void import_store_source(struct import_store *s, const char *name, bool adds_cancelled)
{
	s->file = name;
	s->adds_cancelled = adds_cancelled;
}

void import_store_set_notes(struct import_store *s, FILE *notes)
{
	s->o.notes = notes;
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

/* FNV-1a and a multiply-rotate hash of the same bytes: independent
 * enough that a pair of keys colliding in both is out of reach. */
struct key_hash {
	uint64_t h1, h2; /* h2 is kept to 32 bits */
};

static void hash_bytes(struct key_hash *k, const char *p)
{
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		k->h1 = (k->h1 ^ c) * 1099511628211u;
		k->h2 = ((k->h2 << 5 | k->h2 >> 59) ^ c) * 0x9E3779B97F4A7C15u;
	}
}

static struct key_hash key_hash(const struct invitation *inv)
{
	struct key_hash k = {14695981039346656037u, 0x243F6A8885A308D3u};
	hash_bytes(&k, inv->uid ? inv->uid : "");
	k.h1 = (k.h1 ^ 0x1f) * 1099511628211u; /* the separator: ("ab", "c") != ("a", "bc") */
	k.h2 = (k.h2 ^ 0x1f1f) * 0x9E3779B97F4A7C15u;
	hash_bytes(&k, inv->recurrence_id ? inv->recurrence_id : "");
	return k;
}

static void grow(struct import_store *s)
{
	size_t ncap = s->cap ? s->cap * 2 : 1024;
	struct slot *n = xcalloc(ncap, sizeof *n);
	for (size_t i = 0; i < s->cap; i++) {
		if (s->slots[i].entry == 0)
			continue;
		size_t j = s->slots[i].h1 & (ncap - 1);
		while (n[j].entry != 0)
			j = (j + 1) & (ncap - 1);
		n[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = n;
	s->cap = ncap;
}

/* The entry for inv's key, created (file NULL -> filled by the caller)
 * when absent. */
static struct seen *lookup(struct import_store *s, const struct invitation *inv, bool *is_new)
{
	if (4 * (s->len + 1) > 3 * s->cap)
		grow(s);
	struct key_hash k = key_hash(inv);
	uint32_t h2 = (uint32_t)k.h2;
	size_t j = k.h1 & (s->cap - 1);
	for (; s->slots[j].entry != 0; j = (j + 1) & (s->cap - 1))
		if (s->slots[j].h1 == k.h1 && s->slots[j].h2 == h2)
			break;
	*is_new = s->slots[j].entry == 0;
	if (*is_new) {
		if (s->len == s->seen_cap) {
			s->seen_cap = s->seen_cap ? s->seen_cap * 2 : 1024;
			s->seen = xreallocarray(s->seen, s->seen_cap, sizeof *s->seen);
		}
		s->seen[s->len] = (struct seen){NULL, 0, 0};
		s->slots[j] = (struct slot){k.h1, h2, (uint32_t)(s->len + 1)};
		s->len++;
	}
	return &s->seen[s->slots[j].entry - 1];
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

/* A JSON string as cJSON_PrintUnformatted() writes it: quotes,
 * backslashes and control characters escaped, other bytes as they are
 * (UTF-8 passes through). */
static void json_str(FILE *out, const char *v)
{
	static const char hex[] = "0123456789abcdef";
	char buf[512];
	size_t n = 0;
	buf[n++] = '"';
	for (const unsigned char *p = (const unsigned char *)(v ? v : ""); *p; p++) {
		if (n + 8 > sizeof buf) {
			fwrite(buf, 1, n, out);
			n = 0;
		}
		unsigned char c = *p;
		const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b"
		                  : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
		                  : c == '\t' ? "\\t" : NULL;
		if (esc != NULL) {
			buf[n++] = esc[0];
			buf[n++] = esc[1];
		} else if (c < 0x20) {
			memcpy(buf + n, "\\u00", 4);
			buf[n + 4] = hex[c >> 4];
			buf[n + 5] = hex[c & 15];
			n += 6;
		} else {
			buf[n++] = (char)c;
		}
	}
	buf[n++] = '"';
	fwrite(buf, 1, n, out);
}

/* One item line, written directly (one per occurrence of an import:
 * building a cJSON tree for each cost more than the database write). */
static void report_json(struct import_store *s, const struct invitation *inv, int line,
                        const char *word, int64_t id)
{
	char when[32];
	FILE *out = s->o.report_out;
	fputs("{\"action\":", out);
	json_str(out, word);
	fputs(",\"file\":", out);
	json_str(out, s->file);
	fprintf(out, ",\"line\":%d", line);
	if (id > 0)
		fprintf(out, ",\"id\":%lld", (long long)id);
	fputs(",\"uid\":", out);
	json_str(out, inv->uid);
	fputs(",\"recurrence_id\":", out);
	json_str(out, inv->recurrence_id);
	fputs(",\"title\":", out);
	json_str(out, inv->title);
	fputs(",\"starts_at\":", out);
	json_str(out, inv->all_day ? time_format_date(inv->starts_at, when, sizeof when)
	                           : time_format_utc(inv->starts_at, when, sizeof when));
	fprintf(out, ",\"sequence\":%d}\n", inv->sequence);
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
	if (action == IMPORT_UPSERT) {
		st = db_invite_upsert(s->o.db, inv, s->o.now, r, id, &s->why);
		if (st == WIT_OK && *id > 0 && *r != DB_STALE)
			st = db_invite_mail_put(s->o.db, *id, inv, &s->why); /* provenance */
		return st;
	}
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
	seen->file = s->file != NULL ? s->file : "-";
	/* a shallow copy: classify() changes only the kind and, when there
	 * are none, the shares (a new array, freed below); the strings stay
	 * the parser's */
	struct invitation inv = *in;
	if (inv.n_shares == 0)
		inv.shares = NULL;
	enum invite_kind stated_kind = inv.kind;
	size_t stated_shares = inv.n_shares;
	classify(s, &inv);
	struct invite_origins origins;
	invite_origins_init(&origins);
	char *own_attendees = NULL;
	if (s->o.cfg != NULL) {
		if (inv.kind != stated_kind)
			origins.fact[FACT_KIND] = (struct fact_origin){FACT_FROM_RULE, "keyword rule"};
		if (stated_shares == 0 && inv.n_shares > 0)
			origins.fact[FACT_AUDIENCE] = (struct fact_origin){FACT_FROM_RULE, "keyword rule"};
		if (inv.attendees != NULL) /* the defaults drop "me" from a copy */
			inv.attendees = own_attendees = xstrdup(inv.attendees);
		invite_fact_defaults(s->o.cfg, s->prior, s->learned, &inv, &origins);
	}
	if (inv.source_file == NULL)
		inv.source_file = (char *)(uintptr_t)s->file;
	enum db_upsert_result r = DB_UNCHANGED;
	int64_t id = 0;
	double t0 = mono();
	enum wit_status st = write_one(s, &inv, action, &r, &id);
	s->db_sec += mono() - t0;
	if (st == WIT_OK && s->o.cfg != NULL && id != 0 && action == IMPORT_UPSERT &&
	    r != DB_STALE)
		st = db_fact_put(s->o.db, id, &origins, r == DB_ADDED, &s->why);
	if (st == WIT_OK) {
		count(s, r);
		if (!is_new && r == DB_UPDATED)
			s->counts.updated--, s->counts.duplicate++; /* a newer copy of this run's own */
		report(s, &inv, line, action_word(r), id);
		if (r == DB_STALE)
			note(s, line, &inv, "SEQUENCE is lower than the stored one: ignored (stale)");
	}
	if (inv.shares != in->shares)
		free(inv.shares);
	if (own_attendees != NULL)
		free(inv.attendees);
	if (s->o.tick != NULL)
		s->o.tick(s->o.tick_arg);
	return st;
}
