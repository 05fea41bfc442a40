/*
 * sync.c: `worthit sync` and `worthit import DIR` (see sync.h). Owns
 * the walk over sources, the comparison of each file with what the
 * last sync saw, and the calendar sink that sorts events into
 * invitations and busy time before import_store.c stores them. It does
 * not parse iCalendar (sync_parse.c, in the sandbox), fetch (feed.c),
 * read mail (the import hook) or edit files (sync_write_back.c).
 *
 * Two walks: before the transaction (plan_*) each source is listed,
 * its new and changed files read, their roles found (vdir_event.c, a
 * line scanner, no libical) and their texts, with the feeds' new
 * answers, parsed in sandbox batches; inside it the walk is done again
 * against what the database says now (read_file, drop_file), storing
 * what was parsed. A file that changed state between the two (another
 * sync) is parsed then, in the sandbox too.
 *
 * Invariants: no calendar text is parsed in this process; a file is
 * remembered (source_file) only once it was read without a whole-file
 * problem (not iCalendar, its parser stopped or crashed), so a bad
 * file is reported again on the next sync, and nothing of such a file
 * is written; busy rows of a file are replaced whole when it is read;
 * feeds are fetched and parsed before the transaction opens.
 */
#include "worthit/sync.h"
#include "worthit/timeutil.h"
#include "worthit/config_sources.h"
#include "worthit/db_busy.h"
#include "worthit/db_source.h"
#include "worthit/feed.h"
#include "worthit/import_store.h"
#include "worthit/sync_parse.h"
#include "worthit/vdir.h"
#include "worthit/vdir_event.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One changed file of a calendar source, read and queued for parsing
 * before the transaction opens. */
struct planned_file {
	char *error;             /* it could not be read: reported when applied */
	bool is_queued;          /* its text is s->parsed's text `item` */
	size_t item;
	struct vdir_role *roles; /* the user's role per event (vdir_event.h) */
	size_t n_roles;
};

/* A path source as found before the transaction opens. */
struct planned_source {
	char *path;              /* "~/" expanded */
	bool is_calendar;        /* a vdir or an .ics file (else mail: sync_mails) */
	char *error;             /* it cannot be told or listed: reported when applied */
	struct source_file_state *now; /* its files, sorted by name */
	size_t n_now;
	struct planned_file *files;    /* per now[] */
};

struct mail_batch {
	char **paths;
	size_t n, cap;
	struct source_file_state *states; /* remembered once imported */
};

struct sync {
	const struct sync_opts *o;
	struct sync_counts *n;
	struct import_store *store;
	char *why;                 /* a database error that stopped the sync */
	/* the file or feed being read */
	const char *name;
	bool is_busy;              /* busy time as a whole */
	bool has_roles;            /* the user's calendar: roles decide */
	struct vdir_role *roles;
	size_t n_roles;
	char **keys;               /* invitations seen in it (db_source_key) */
	size_t n_keys, cap_keys;
	struct mail_batch *batch;  /* mail files queued for the import hook */
	bool has_noted_me;         /* the empty "me" note was given */
	struct sync_parse *parsed; /* every calendar text, parsed before the transaction */
	struct planned_source *plan; /* the path source being planned or applied */
};

static sync_import_fn import_hook;

void sync_set_import_hook(sync_import_fn fn)
{
	import_hook = fn;
}

sync_import_fn sync_import_hook(void)
{
	return import_hook;
}

void sync_counts_done(struct sync_counts *n)
{
	free(n->feeds);
	memset(n, 0, sizeof *n);
}

static void note_feed(struct sync_counts *n, const char *url, const char *what)
{
	char *s = xasprintf("%s; feed %s: %s", n->feeds != NULL ? n->feeds : "", url, what);
	free(n->feeds);
	n->feeds = s;
}

char *sync_summary(const char *verb, const struct sync_counts *n)
{
	char busy[48] = "", answered[48] = "", problems[48] = "";
	if (n->busy > 0)
		snprintf(busy, sizeof busy, ", %ld busy", n->busy);
	if (n->answered > 0)
		snprintf(answered, sizeof answered, ", %ld answered", n->answered);
	if (n->problems > 0)
		snprintf(problems, sizeof problems, ", %ld problem%s", n->problems,
		         n->problems == 1 ? "" : "s");
	return xasprintf("%s: %ld new, %ld updated, %ld cancelled%s%s%s%s", verb, n->added,
	                 n->updated, n->cancelled, answered, busy, problems,
	                 n->feeds != NULL ? n->feeds : "");
}

/* ---- the calendar sink ------------------------------------------------- */

static void keep_key(struct sync *s, const struct invitation *inv)
{
	if (s->n_keys == s->cap_keys) {
		s->cap_keys = s->cap_keys ? s->cap_keys * 2 : 16;
		s->keys = xreallocarray(s->keys, s->cap_keys, sizeof *s->keys);
	}
	s->keys[s->n_keys++] = db_source_key(inv->uid, inv->recurrence_id);
}

static enum wit_status calendar_sink(void *ctx, const struct invitation *inv, int line,
                                     enum import_action action)
{
	struct sync *s = ctx;
	bool is_busy = s->is_busy;
	enum invite_status answer = STATUS_PENDING;
	const struct vdir_role *role = s->has_roles
	                               ? vdir_role_find(s->roles, s->n_roles, inv->uid) : NULL;
	if (role == NULL && s->has_roles && s->n_roles == 1)
		role = &s->roles[0]; /* no UID in the file: ics.c made one up */
	if (!is_busy && role != NULL)
		vdir_role_classify(role, &is_busy, &answer);
	if (is_busy) {
		if (action == IMPORT_CANCEL || inv->status == STATUS_CANCELLED)
			return WIT_OK; /* a cancelled event blocks no time */
		s->n->busy++;
		return db_busy_add(s->o->db, s->name, inv, &s->why);
	}
	if (action == IMPORT_UPSERT)
		keep_key(s, inv);
	struct invitation copy = *inv;
	if (answer != STATUS_PENDING && copy.status == STATUS_PENDING)
		copy.status = answer;
	enum wit_status st = import_store_sink(s->store, &copy, line, action);
	if (st != WIT_OK || action != IMPORT_UPSERT || answer == STATUS_PENDING)
		return st;
	bool changed = false;
	st = db_source_set_answer(s->o->db, inv->uid, inv->recurrence_id, answer, s->o->now,
	                          &changed, &s->why);
	s->n->answered += changed;
	return st;
}

/* ---- one calendar text (a vdir file, an .ics file, a feed) ------------- */

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void reset_file(struct sync *s)
{
	vdir_roles_free(s->roles, s->n_roles);
	for (size_t i = 0; i < s->n_keys; i++)
		free(s->keys[i]);
	s->roles = NULL;
	s->n_roles = s->n_keys = 0;
}

/* Problems of s->name; a message that names the file is printed as it is. */
static void report_problems(struct sync *s, const struct import_problems *p)
{
	for (size_t i = 0; i < p->len; i++) {
		if (p->items[i].line > 0)
			fprintf(s->o->err, "worthit: %s:%d: %s\n", s->name, p->items[i].line,
			        p->items[i].message);
		else if (strstr(p->items[i].message, s->name) != NULL)
			fprintf(s->o->err, "worthit: %s\n", p->items[i].message);
		else
			fprintf(s->o->err, "worthit: %s: %s\n", s->name, p->items[i].message);
	}
	s->n->problems += (long)p->len;
}

/* Events gone from the file: cancel their invitations. */
static enum wit_status cancel_gone(struct sync *s)
{
	if (s->n_keys > 1)
		qsort(s->keys, s->n_keys, sizeof *s->keys, cmp_key);
	long gone = 0;
	enum wit_status st = db_source_cancel_missing(s->o->db, s->name, s->keys, s->n_keys,
	                                              s->o->now, &gone, &s->why);
	s->n->cancelled += gone;
	return st;
}

/* A whole-file problem, printed after the file's other problems. */
static void report_whole(struct sync *s, const char *why)
{
	struct import_problems whole;
	import_problems_init(&whole);
	import_problems_add(&whole, 0, "%s", why != NULL ? why : "not iCalendar");
	report_problems(s, &whole);
	import_problems_done(&whole);
}

/*
 * Store text `item` of s->parsed as the calendar `name`, with the roles
 * in s. *is_whole_bad: the text as a whole is unusable (not iCalendar,
 * too broken, its parser stopped or crashed): reported, nothing of it
 * written. Returns a database error, WIT_SOFTWARE when the parser ran
 * out of memory below its limit (the sync stops: no fault of the text),
 * else WIT_OK.
 */
static enum wit_status read_calendar(struct sync *s, const char *name, size_t item,
                                     bool *is_whole_bad)
{
	const char *parse_why = NULL;
	const struct import_problems *problems = NULL;
	enum wit_status parsed = sync_parse_result(s->parsed, item, &parse_why, &problems);
	s->name = name;
	if (parsed == WIT_SOFTWARE) { /* out of memory while parsing: no fault of the file */
		s->why = xstrdup(parse_why != NULL ? parse_why : wit_status_name(parsed));
		reset_file(s);
		return parsed;
	}
	*is_whole_bad = parsed != WIT_OK;
	if (*is_whole_bad) {
		report_problems(s, problems);
		report_whole(s, parse_why);
		reset_file(s);
		return WIT_OK;
	}
	import_store_source(s->store, name, false);
	enum wit_status st = db_busy_clear(s->o->db, name, NULL, &s->why);
	char *why = NULL;
	if (st == WIT_OK)
		st = sync_parse_replay(s->parsed, item, calendar_sink, s, &why);
	if (st != WIT_OK && s->why == NULL)
		s->why = xstrdup(import_store_why(s->store) != NULL ? import_store_why(s->store)
		                 : why != NULL ? why : wit_status_name(st));
	free(why);
	report_problems(s, problems);
	if (st == WIT_OK)
		st = cancel_gone(s);
	reset_file(s);
	return st;
}

/* ---- files of a source ------------------------------------------------- */

static enum wit_status slurp(const char *path, char **text, size_t *len, char **why)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return wit_fail(why, WIT_NOINPUT, "%s: %s", path, strerror(errno));
	size_t cap = 8192, n = 0, got;
	char *buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad) {
		free(buf);
		return wit_fail(why, WIT_IOERR, "%s: read error", path);
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return WIT_OK;
}

typedef enum wit_status (*file_fn)(struct sync *, const char *,
                                   const struct source_file_state *);

/* The planned file of s->plan that f (one of s->plan->now) is. */
static struct planned_file *planned(struct sync *s, const struct source_file_state *f)
{
	return &s->plan->files[f - s->plan->now];
}

/* Before the transaction: read a new or changed file, find the user's
 * roles in it and queue it for the parser. */
static enum wit_status plan_file(struct sync *s, const char *source,
                                 const struct source_file_state *f)
{
	(void)source;
	struct planned_file *pf = planned(s, f);
	char *text = NULL;
	size_t len = 0;
	if (slurp(f->file, &text, &len, &pf->error) != WIT_OK)
		return WIT_OK;
	pf->n_roles = vdir_event_roles(text, len, s->o->cfg, &pf->roles);
	pf->item = sync_parse_add(s->parsed, f->file, text, len, true);
	pf->is_queued = true;
	return WIT_OK;
}

/* In the transaction: store a file parsed before it. */
static enum wit_status read_file(struct sync *s, const char *source,
                                 const struct source_file_state *f)
{
	struct planned_file *pf = planned(s, f);
	if (!pf->is_queued && pf->error == NULL) {
		/* seen as unchanged when planned: another sync has just
		 * forgotten it; parsed now, in the sandbox all the same */
		plan_file(s, source, f);
		sync_parse_run(s->parsed);
	}
	if (pf->error != NULL) {
		fprintf(s->o->err, "worthit: %s\n", pf->error);
		s->n->problems++;
		return WIT_OK;
	}
	bool is_bad = false;
	s->n->files_read++;
	vdir_roles_free(s->roles, s->n_roles);
	s->roles = pf->roles;
	s->n_roles = pf->n_roles;
	pf->roles = NULL;
	pf->n_roles = 0;
	enum wit_status st = read_calendar(s, f->file, pf->item, &is_bad);
	if (st == WIT_OK && !is_bad)
		st = db_source_file_put(s->o->db, source, f, &s->why);
	return st;
}

/* A file the last sync saw that is gone now. */
static enum wit_status drop_file(struct sync *s, const char *file)
{
	s->name = file;
	if (s->batch != NULL) /* a message gone from a Maildir: forgotten only */
		return db_source_file_drop(s->o->db, file, &s->why);
	enum wit_status st = db_busy_clear(s->o->db, file, NULL, &s->why);
	if (st == WIT_OK)
		st = cancel_gone(s);
	if (st == WIT_OK)
		st = db_source_file_drop(s->o->db, file, &s->why);
	return st;
}

static bool same_file(const struct source_file_state *a, const struct source_file_state *b)
{
	return a->mtime_ns == b->mtime_ns && a->size == b->size;
}

/* What walk_changes() does with each file. */
struct walk_ops {
	file_fn changed;  /* a new or changed file (every file when forced) */
	bool is_planning; /* before the transaction: gone and unchanged files
	                     are left to the walk inside it */
};

/*
 * Compare now[0..n_now) with seen[0..n_seen) (both sorted by name):
 * ops->changed for each new or changed file, drop_file for each one
 * gone.
 */
static enum wit_status walk_changes(struct sync *s, const char *source,
                                    const struct source_file_state *now, size_t n_now,
                                    const struct source_file_state *seen, size_t n_seen,
                                    const struct walk_ops *ops)
{
	size_t i = 0, j = 0;
	enum wit_status st = WIT_OK;
	while (st == WIT_OK && (i < n_now || j < n_seen)) {
		int c = i == n_now ? 1 : j == n_seen ? -1 : strcmp(now[i].file, seen[j].file);
		if (c > 0) {
			j++;
			if (!ops->is_planning)
				st = drop_file(s, seen[j - 1].file);
		} else if (c == 0 && same_file(&now[i], &seen[j]) && !s->o->is_forced) {
			s->n->files_same += !ops->is_planning;
			i++, j++;
		} else {
			st = ops->changed(s, source, &now[i]);
			i++;
			j += c == 0;
		}
	}
	return st;
}

/*
 * The files of path now: a vdir's or Maildir's listing, or path alone
 * (an .ics file, an mbox) with its mtime and size. *error (caller
 * frees): it cannot be listed. Free *now with vdir_files_free().
 */
static void list_files(const char *path, enum source_kind kind,
                       struct source_file_state **now, size_t *n_now, char **error)
{
	*now = NULL;
	*n_now = 0;
	if (kind == SOURCE_VDIR || kind == SOURCE_MAILDIR) {
		vdir_list(path, kind, now, n_now, error);
		return;
	}
	struct stat sb;
	if (stat(path, &sb) != 0) {
		wit_fail(error, WIT_NOINPUT, "%s: %s", path, strerror(errno));
		return;
	}
	*now = xmalloc(sizeof **now);
	**now = (struct source_file_state){
		xstrdup(path), (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec,
		(int64_t)sb.st_size,
	};
	*n_now = 1;
}

/* Walk path's files now against those the last sync saw. */
static enum wit_status walk_source(struct sync *s, const char *path,
                                   const struct source_file_state *now, size_t n_now,
                                   const struct walk_ops *ops)
{
	struct source_file_state *seen = NULL;
	size_t n_seen = 0;
	enum wit_status st = db_source_files(s->o->db, path, &seen, &n_seen, &s->why);
	if (st == WIT_OK)
		st = walk_changes(s, path, now, n_now, seen, n_seen, ops);
	vdir_files_free(seen, n_seen);
	return st;
}

/* A mail source's files, listed and walked in one go. */
static enum wit_status sync_listed(struct sync *s, const char *path, enum source_kind kind,
                                   file_fn fn)
{
	struct source_file_state *now = NULL;
	size_t n_now = 0;
	char *error = NULL;
	list_files(path, kind, &now, &n_now, &error);
	if (error != NULL) {
		fprintf(s->o->err, "worthit: %s\n", error);
		free(error);
		s->n->problems++;
		return WIT_OK; /* an unreadable source is left as it was */
	}
	struct walk_ops ops = { fn, false };
	enum wit_status st = walk_source(s, path, now, n_now, &ops);
	vdir_files_free(now, n_now);
	return st;
}

/* ---- feeds --------------------------------------------------------------- */

/* A 304 rewrites the feed's row (its ok_at) at most this often, so that
 * a sync with nothing new writes nothing at all. */
#define FEED_OK_REFRESH_SEC 3600

struct fetched {
	bool is_ok;
	bool is_stored_same; /* a 304 that leaves the stored row as good as it is */
	bool is_queued;      /* its answer is s->parsed's text `item` */
	size_t item;
	struct feed_answer answer;
	struct feed_state state;
};

static void fetch_feed(const struct sync_opts *o, const struct source_conf *src,
                       struct fetched *f, struct sync_counts *n)
{
	char url[SOURCE_PATH_MAX];
	bool found = false;
	char *why = NULL;
	config_sources_normalize_url(src->url, url, sizeof url);
	if (db_source_feed_get(o->db, src->url, &f->state, &found, &why) != WIT_OK) {
		free(why);
		why = NULL;
	}
	struct feed_request req = {
		url, f->state.etag, f->state.last_modified,
		feed_timeout_ms(o->cfg->feed_timeout_sec), o->cfg->feed_max_bytes,
	};
	bool was_fine = found && f->state.error == NULL &&
	                o->now - f->state.ok_at < FEED_OK_REFRESH_SEC;
	f->state.checked_at = o->now;
	if (feed_fetch(&req, &f->answer, &why) == WIT_OK) {
		f->is_ok = true;
		f->is_stored_same = was_fine && f->answer.is_unchanged;
		free(f->state.error);
		f->state.error = NULL;
	} else {
		fprintf(o->err, "worthit: %s\n", why);
		free(f->state.error);
		f->state.error = why;
		n->problems++;
		n->feeds_failed++;
	}
}

/* Invitations and busy events written so far in this sync. */
static long changes(struct sync *s)
{
	const struct import_counts *c = import_store_counts(s->store);
	return c->added + c->updated + c->cancelled + s->n->cancelled + s->n->busy;
}

static enum wit_status apply_feed(struct sync *s, const struct source_conf *src,
                                  struct fetched *f)
{
	enum wit_status st = WIT_OK;
	if (!f->is_ok) {
		note_feed(s->n, src->url, "failed");
	} else if (f->answer.is_unchanged) {
		note_feed(s->n, src->url, "unchanged");
		if (f->is_stored_same)
			return WIT_OK;
		f->state.ok_at = s->o->now;
	} else if (f->is_queued) {
		long before = changes(s);
		bool is_bad = false;
		s->is_busy = src->is_busy;
		s->has_roles = false;
		st = read_calendar(s, src->url, f->item, &is_bad);
		char *what = is_bad ? xstrdup("failed") : xasprintf("%ld changed", changes(s) - before);
		note_feed(s->n, src->url, what);
		free(what);
		if (is_bad) { /* reported by read_calendar; validators kept */
			s->n->feeds_failed++;
			f->state.error = xasprintf("%s: cannot be read as iCalendar; kept the last "
			                           "good copy", src->url);
		} else {
			free(f->state.etag), free(f->state.last_modified);
			f->state.etag = f->answer.etag, f->state.last_modified = f->answer.last_modified;
			f->answer.etag = f->answer.last_modified = NULL;
			f->state.ok_at = s->o->now;
		}
	}
	if (st == WIT_OK)
		st = db_source_feed_put(s->o->db, src->url, &f->state, &s->why);
	return st;
}

/* ---- mail ------------------------------------------------------------ */

static void batch_push(struct mail_batch *b, const struct source_file_state *f)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->paths = xreallocarray(b->paths, b->cap, sizeof *b->paths);
		b->states = xreallocarray(b->states, b->cap, sizeof *b->states);
	}
	b->paths[b->n] = xstrdup(f->file);
	b->states[b->n] = (struct source_file_state){ b->paths[b->n], f->mtime_ns, f->size };
	b->n++;
}

static void batch_free(struct mail_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->paths[i]);
	free(b->paths);
	free(b->states);
}

/* For mail, "reading" a changed file means queueing it for the hook. */
static enum wit_status queue_mail(struct sync *s, const char *source,
                                  const struct source_file_state *f)
{
	(void)source;
	batch_push(s->batch, f);
	return WIT_OK;
}

/* A Maildir's cur/ and new/, stat'ed before the listing: when both
 * mtimes are the ones recorded after the last complete read, no
 * message came, went or was renamed (Maildir never edits one in place),
 * so nothing needs listing. */
struct maildir_dirs {
	char *dir[2];
	int64_t mtime_ns[2];
	bool is_known;   /* both stat'ed */
};

static bool maildir_unchanged(struct sync *s, const char *path, struct maildir_dirs *d)
{
	static const char *const sub[2] = { "cur", "new" };
	bool is_same = !s->o->is_forced;
	d->is_known = true;
	for (int k = 0; k < 2; k++) {
		d->dir[k] = xasprintf("%s/%s", path, sub[k]);
		struct stat sb;
		int64_t seen = 0;
		bool found = false;
		if (stat(d->dir[k], &sb) != 0) {
			d->is_known = is_same = false;
			continue;
		}
		d->mtime_ns[k] = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
		if (db_source_dir_get(s->o->db, d->dir[k], &seen, &found, NULL) != WIT_OK || !found ||
		    seen != d->mtime_ns[k])
			is_same = false;
	}
	return is_same;
}

/* Remember the files imported and, when all were, the directories. */
static enum wit_status remember_mail(struct sync *s, const char *path,
                                     const struct mail_batch *b, const struct maildir_dirs *d)
{
	enum wit_status st = db_begin(s->o->db, &s->why);
	if (st != WIT_OK)
		return st;
	for (size_t i = 0; i < b->n && st == WIT_OK; i++)
		st = db_source_file_put(s->o->db, path, &b->states[i], &s->why);
	for (int k = 0; k < 2 && st == WIT_OK && d->is_known; k++)
		st = db_source_dir_put(s->o->db, d->dir[k], d->mtime_ns[k], &s->why);
	if (st == WIT_OK)
		return db_commit(s->o->db, &s->why);
	db_rollback(s->o->db);
	return st;
}

static enum wit_status sync_mail(struct sync *s, const char *path, enum source_kind kind)
{
	struct maildir_dirs dirs = {0};
	if (kind == SOURCE_MAILDIR && maildir_unchanged(s, path, &dirs)) {
		free(dirs.dir[0]), free(dirs.dir[1]);
		return WIT_OK;
	}
	struct mail_batch b = {0};
	s->batch = &b;
	struct source_file_state *seen = NULL;
	size_t n_seen = 0;
	enum wit_status st = db_source_files(s->o->db, path, &seen, &n_seen, &s->why);
	vdir_files_free(seen, n_seen);
	bool is_first = n_seen == 0;
	if (st == WIT_OK)
		st = sync_listed(s, path, kind, queue_mail);
	s->batch = NULL;
	char *whole[] = { (char *)(uintptr_t)path };
	char *why = NULL;
	enum wit_status r = b.n == 0 ? WIT_OK : WIT_SOFTWARE;
	if (st == WIT_OK && b.n > 0 && s->o->import_mail != NULL)
		r = is_first || kind != SOURCE_MAILDIR
		    ? s->o->import_mail(s->o->import_arg, whole, 1, s->n, &why)
		    : s->o->import_mail(s->o->import_arg, b.paths, b.n, s->n, &why);
	if (st == WIT_OK && r == WIT_OK) {
		st = remember_mail(s, path, &b, &dirs);
	} else if (st == WIT_OK) {
		fprintf(s->o->err, "worthit: %s: %s\n", path,
		        why != NULL ? why : "mail sources need `worthit import`");
		s->n->problems++;
	}
	free(why);
	batch_free(&b);
	free(dirs.dir[0]), free(dirs.dir[1]);
	return st;
}

/* ---- the whole sync -------------------------------------------------- */

/* Before the transaction: what a path source is, and its changed
 * calendar files read and queued for the parser. */
static enum wit_status plan_path(struct sync *s, const struct source_conf *src,
                                 struct planned_source *ps)
{
	ps->path = vdir_expand_home(src->path);
	enum source_kind kind;
	if (vdir_kind_of(ps->path, &kind, &ps->error) != WIT_OK ||
	    (kind != SOURCE_VDIR && kind != SOURCE_ICS))
		return WIT_OK;
	ps->is_calendar = true;
	list_files(ps->path, kind, &ps->now, &ps->n_now, &ps->error);
	if (ps->error != NULL)
		return WIT_OK;
	ps->files = xcalloc(ps->n_now > 0 ? ps->n_now : 1, sizeof *ps->files);
	struct walk_ops ops = { plan_file, true };
	s->plan = ps;
	enum wit_status st = walk_source(s, ps->path, ps->now, ps->n_now, &ops);
	s->plan = NULL;
	return st;
}

/* Before the transaction: a feed's new answer queued for the parser. */
static void plan_feed(struct sync *s, const struct source_conf *src, struct fetched *f)
{
	if (!f->is_ok || f->answer.is_unchanged)
		return;
	f->item = sync_parse_add(s->parsed, src->url, f->answer.body, f->answer.len,
	                         false);
	f->is_queued = true;
}

static void planned_source_done(struct planned_source *ps)
{
	for (size_t i = 0; ps->files != NULL && i < ps->n_now; i++) {
		free(ps->files[i].error);
		vdir_roles_free(ps->files[i].roles, ps->files[i].n_roles);
	}
	free(ps->files);
	vdir_files_free(ps->now, ps->n_now);
	free(ps->error);
	free(ps->path);
}

/* In the transaction: a path source's files stored, gone ones dropped. */
static enum wit_status sync_path(struct sync *s, const struct source_conf *src,
                                 struct planned_source *ps)
{
	if (ps->error != NULL) {
		fprintf(s->o->err, "worthit: %s\n", ps->error);
		s->n->problems++;
		return WIT_OK; /* an unreadable source is left as it was */
	}
	if (!ps->is_calendar)
		return WIT_OK;
	s->is_busy = src->is_busy;
	s->has_roles = true;
	long before = s->n->files_read;
	struct walk_ops ops = { read_file, false };
	s->plan = ps;
	enum wit_status st = walk_source(s, ps->path, ps->now, ps->n_now, &ops);
	s->plan = NULL;
	if (s->n->files_read > before && s->o->cfg->n_me == 0 && !src->is_busy &&
	    !s->has_noted_me) {
		fprintf(s->o->err, "worthit: note: config \"me\" is empty, so every event with "
		        "attendees in %s is read as a pending invitation (your own meetings "
		        "too); add your addresses\n", src->path);
		s->has_noted_me = true;
	}
	return st;
}

static void add_counts(struct sync_counts *n, const struct import_counts *c)
{
	n->added += c->added;
	n->updated += c->updated;
	n->cancelled += c->cancelled;
	n->unchanged += c->unchanged;
}

/*
 * Calendars and feeds: every changed text parsed first (sync_parse.h),
 * so no parser runs while the database is locked; then all of them
 * stored inside one transaction.
 */
static enum wit_status sync_calendars(struct sync *s, const struct source_conf *src, size_t n,
                                      struct fetched *fetched)
{
	struct planned_source *plan = xcalloc(n > 0 ? n : 1, sizeof *plan);
	enum wit_status st = WIT_OK;
	for (size_t i = 0; i < n && st == WIT_OK; i++) {
		if (src[i].url[0] != '\0')
			plan_feed(s, &src[i], &fetched[i]);
		else
			st = plan_path(s, &src[i], &plan[i]);
	}
	sync_parse_run(s->parsed);
	bool has_begun = st == WIT_OK && (st = db_begin(s->o->db, &s->why)) == WIT_OK;
	for (size_t i = 0; i < n && st == WIT_OK; i++)
		st = src[i].url[0] != '\0' ? apply_feed(s, &src[i], &fetched[i])
		                           : sync_path(s, &src[i], &plan[i]);
	if (st == WIT_OK)
		st = db_commit(s->o->db, &s->why);
	else if (has_begun)
		db_rollback(s->o->db);
	for (size_t i = 0; i < n; i++)
		planned_source_done(&plan[i]);
	free(plan);
	return st;
}

/* Mail sources, each through the import hook (its own transaction). */
static enum wit_status sync_mails(struct sync *s, const struct source_conf *src, size_t n)
{
	enum wit_status st = WIT_OK;
	for (size_t i = 0; i < n && st == WIT_OK; i++) {
		if (src[i].path[0] == '\0')
			continue;
		char *path = vdir_expand_home(src[i].path);
		enum source_kind kind;
		char *why = NULL;
		/* outside any transaction: the import hook opens its own */
		if (vdir_kind_of(path, &kind, &why) == WIT_OK && kind != SOURCE_VDIR &&
		    kind != SOURCE_ICS)
			st = sync_mail(s, path, kind);
		free(why); /* reported by sync_path already */
		free(path);
	}
	return st;
}

enum wit_status sync_sources(const struct sync_opts *o, const struct source_conf *sources,
                             size_t n_sources, struct sync_counts *n, char **why)
{
	memset(n, 0, sizeof *n);
	struct fetched *fetched = xcalloc(n_sources > 0 ? n_sources : 1, sizeof *fetched);
	for (size_t i = 0; i < n_sources; i++)
		if (sources[i].url[0] != '\0')
			fetch_feed(o, &sources[i], &fetched[i], n);
	struct import_store_opts so = {
		.db = o->db, .now = o->now, .rules = o->cfg->rules, .n_rules = o->cfg->n_rules,
		.notes = o->err, .report = REPORT_NONE, .cfg = o->cfg,
	};
	const struct wit_config *cfg = o->cfg;
	struct sync s = {
		.o = o, .n = n, .store = import_store_new(&so),
		.parsed = sync_parse_new(o->now - (int64_t)cfg->import_past_days * DAY_SEC,
		                         o->now + (int64_t)cfg->import_ahead_days * DAY_SEC),
	};
	enum wit_status st = sync_calendars(&s, sources, n_sources, fetched);
	add_counts(n, import_store_counts(s.store));
	import_store_free(s.store);
	sync_parse_free(s.parsed);
	if (st == WIT_OK)
		st = sync_mails(&s, sources, n_sources);
	for (size_t i = 0; i < n_sources; i++) {
		feed_answer_done(&fetched[i].answer);
		feed_state_done(&fetched[i].state);
	}
	free(fetched);
	reset_file(&s);
	free(s.keys);
	if (st != WIT_OK) {
		wit_fail(why, st, "%s", s.why != NULL ? s.why : wit_status_name(st));
		free(s.why);
	}
	return st;
}
