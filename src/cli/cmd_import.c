/*
 * cmd_import.c: `worthit import [--format FORMAT] [--from DATE]
 * [--to DATE] [--dry-run] [--skip-bad] [--json] FILE...`.
 *
 * Every file is parsed (ics.c, invite_json.c, invite_csv.c, mail.c) in
 * a limited child process (sandbox.c: CPU time, address space) that
 * never touches the database; a parser that crashes or hits a limit is
 * a bad file ("parser stopped: CPU limit after 10 s in FILE"). One
 * transaction for the whole command takes the parsed invitations
 * (import_store.c's sink). Files are read whole before the transaction
 * opens, so a stranger's small file never holds the database lock while
 * it is parsed. The transaction opens when a file passes STREAM_AFTER
 * items (that file is then written as its parser goes on, overlapping
 * the two on two cores: the 100,000-event benchmark) or when
 * PENDING_FILES_MAX files wait (`import *.ics` over thousands of files
 * keeps few open); from then on each file is stored once parsed. Should
 * a parser stop after part of its file was written, the run is rolled
 * back and done again without that file, so a stopped parser never
 * leaves part of a file. Then:
 *   - a bad item anywhere: every one is listed as "FILE:LINE: what is
 *     wrong" on stderr, everything is rolled back, exit 65 (EX_DATAERR);
 *   - --skip-bad: the good items are committed, the bad ones still
 *     listed, exit 65 when any was skipped (so scripts notice);
 *   - --dry-run: the same work, then a rollback; stdout lists what would
 *     be added, updated, cancelled and skipped.
 * A file that is missing is EX_NOINPUT before anything is read; a
 * database still locked after the busy timeout is EX_TEMPFAIL. A new
 * database is written in rollback mode and switched to WAL at the end
 * (db_import.h); should that switch fail, the import stays committed,
 * the error says so, and the exit is EX_TEMPFAIL (another program held
 * the file) or EX_IOERR unless an earlier error set one.
 * The window (--from/--to) bounds the occurrences of iCalendar files
 * (default: import.past_days back to import.ahead_days ahead, config);
 * JSON and CSV items are filtered only when --from or --to is given,
 * since a hand-made list means every row.
 */
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/cmd_sync.h"
#include "worthit/db_import.h"
#include "worthit/import_format.h"
#include "worthit/ics.h"
#include "worthit/import_store.h"
#include "worthit/invite_csv.h"
#include "worthit/invite_json.h"
#include "worthit/vdir.h"
#include "worthit/mail.h"
#include "worthit/sandbox.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern const struct cmd_entry cmd_import_entry;

#define TEXT_INPUT_MAX (512u << 20) /* bytes of a JSON or CSV file */

struct import_opts {
	int format;                /* enum import_format, or -1: guess */
	int64_t from, to;
	bool has_window;           /* --from or --to given */
	bool is_dry_run, skip_bad, json;
};

struct source {
	const char *name;          /* as given; "-" for standard input */
	FILE *in;
	int64_t size;              /* bytes, 0 when unknown */
	int format;                /* enum import_format */
	struct sandbox_spool *spool; /* its parsed invitations (sandbox.h), or NULL */
	bool is_copy;              /* in is a temporary copy (standard input, a pipe
	                              or FIFO: read once), kept open to the end */
};

struct import_cmd {
	struct app_ctx *ctx;
	struct import_opts o;
	struct source *src;        /* the one being read */
	struct import_store *store;
	struct ics_stats ics;      /* summed over the files */
	double started, parse_sec;
	double commit_sec;         /* the commit: deferred indexes built (db_import.h), then
	                            * the WAL checkpoint, or for a new database the last
	                            * pages and syncs */
	long items;
	bool is_progress_shown, is_tty;
	long n_problems;           /* problem lines printed */
	struct sandbox_limits limits; /* of each file's parser */
	FILE *held;                /* --json item lines, shown once committed */
	struct source *all;        /* every file, in the order given */
	int n_all, cur;            /* how many; the one being parsed */
	int n_stored;              /* files handed to the store so far, in order */
	bool has_begun;            /* the transaction is open */
	bool is_streamed;          /* the current file is written as it is parsed */
	/* a streamed file whose parser then stopped: the run starts again
	 * without it (the database cannot forget part of a transaction
	 * cheaply: a savepoint made SQLite journal every page it touched) */
	bool must_restart;
	bool *is_dropped;          /* per file: left out of the run */
	int quiet_below;           /* files before this one had their problems shown */
	long carried_skipped;      /* the skipped items of dropped files */
	struct import_store_opts store_opts;
	unsigned parsers;          /* the most children a file was parsed by */
	struct db_deferred_indexes *deferred; /* built at the commit (db_import.h) */
};

/* Invitations of one file parsed before its writing overlaps its
 * parsing (sandbox.h): files below this size are read whole before the
 * transaction opens, so a stranger's small file never holds the lock. */
#define STREAM_AFTER 4096
/* Files parsed and waiting for the transaction at most. */
#define PENDING_FILES_MAX 64
/* An iCalendar file this large is parsed by several children side by
 * side (parts_for); below it one is done in a moment. */
#define PARTS_FROM_BYTES (8 << 20)
#define PARTS_MAX 4u

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- options ---- */

static int parse_opts(struct app_ctx *ctx, int argc, char **argv, struct import_opts *o)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'F'}, {"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},     {"dry-run", no_argument, NULL, 'n'},
		{"skip-bad", no_argument, NULL, 'k'},     {"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	char *why = NULL;
	enum wit_status st = WIT_OK;
	bool has_from = false, has_to = false;
	o->format = -1;
	int c;
	while (st == WIT_OK && (c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			o->format = import_format_from_name(optarg);
			if (o->format < 0)
				st = wit_fail(&why, WIT_USAGE, "--format '%s': expected ics, json, csv, "
				              "mail, mbox or maildir", optarg);
			break;
		case 'f':
			st = clock_parse_user_date(optarg, ctx->now, &o->from, &why);
			has_from = true;
			break;
		case 't':
			st = clock_parse_user_date_end(optarg, ctx->now, &o->to, &why);
			has_to = true;
			break;
		case 'n': o->is_dry_run = true; break;
		case 'k': o->skip_bad = true; break;
		case 'j': o->json = true; break;
		default: return cmd_usage(ctx, &cmd_import_entry);
		}
	}
	if (st != WIT_OK) {
		int code = cmd_error(ctx, st, "import: %s", why);
		free(why);
		return code;
	}
	if (optind >= argc) {
		cmd_error(ctx, WIT_USAGE, "import: name at least one FILE (- for standard input)");
		return cmd_usage(ctx, &cmd_import_entry);
	}
	o->has_window = has_from || has_to;
	if (!has_from)
		o->from = ctx->now - (int64_t)ctx->cfg->import_past_days * DAY_SEC;
	if (!has_to)
		o->to = ctx->now + (int64_t)ctx->cfg->import_ahead_days * DAY_SEC;
	if (o->from >= o->to)
		return cmd_error(ctx, WIT_USAGE, "import: --from must be before --to");
	return 0;
}

/* ---- opening the files ---- */

/* Up to sizeof buf bytes of fd into *n (0 at its end), waiting at most
 * idle_sec for some (none: forever); WIT_DATA when none came in time. */
static enum wit_status read_some(int fd, char *buf, size_t size, long idle_sec, ssize_t *n)
{
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int ready = idle_sec > 0 ? poll(&p, 1, (int)(idle_sec < 86400 ? idle_sec * 1000 : 86400000))
		                         : 1;
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready == 0)
			return WIT_DATA;
		*n = read(fd, buf, size);
		if (*n < 0 && errno == EINTR)
			continue;
		return *n < 0 ? WIT_IOERR : WIT_OK;
	}
}

/* A stream that can be read only once (standard input, a pipe or FIFO
 * named on the command line, `import <(command)`) is copied to a
 * temporary file, so that its format can be guessed, iCalendar read in
 * two passes with bounded memory, and the run read again should it
 * start over. One that stays silent for idle_sec (the parsers' time
 * limit; 0 or a terminal: no limit) is given up: WIT_DATA. */
static enum wit_status spool_stream(FILE *in, const char *name, long idle_sec, FILE **out,
                                    char **why)
{
	const char *what = strcmp(name, "-") == 0 ? "standard input" : name;
	*out = NULL;
	FILE *tmp = tmpfile();
	if (tmp == NULL)
		return wit_fail(why, WIT_IOERR, "cannot create a temporary file: %s", strerror(errno));
	int fd = fileno(in);
	if (isatty(fd))
		idle_sec = 0;
	char buf[65536];
	ssize_t n = 0;
	enum wit_status st;
	while ((st = read_some(fd, buf, sizeof buf, idle_sec, &n)) == WIT_OK && n > 0)
		if (fwrite(buf, 1, (size_t)n, tmp) != (size_t)n)
			break;
	if (st == WIT_DATA)
		wit_fail(why, st, "%s: no data for %ld s: given up (time limit, "
		         "WORTHIT_PARSE_WALL_SEC)", what, idle_sec);
	else if (st != WIT_OK || ferror(tmp) || fflush(tmp) != 0)
		st = wit_fail(why, WIT_IOERR, "cannot read %s: %s", what, strerror(errno));
	if (st != WIT_OK) {
		fclose(tmp);
		return st;
	}
	rewind(tmp);
	*out = tmp;
	return WIT_OK;
}

/* Bytes of the messages in DIR/cur and DIR/new (for the parser's CPU
 * limit); what cannot be read counts as nothing. */
static int64_t maildir_bytes(const char *dir)
{
	int64_t total = 0;
	static const char *const subs[] = {"cur", "new"};
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, subs[i]);
		DIR *d = opendir(path);
		if (d == NULL)
			continue;
		struct dirent *e;
		struct stat sb;
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.' && fstatat(dirfd(d), e->d_name, &sb, 0) == 0 &&
			    S_ISREG(sb.st_mode))
				total += (int64_t)sb.st_size;
		closedir(d);
	}
	return total;
}

/* A directory: a Maildir (mail.h), else refused. */
static enum wit_status open_dir(struct source *s, const struct import_opts *o, char **why)
{
	if (o->format >= 0 && o->format != FORMAT_MAILDIR)
		return wit_fail(why, WIT_NOINPUT, "%s: is a directory", s->name);
	if (!mail_is_maildir(s->name))
		return wit_fail(why, WIT_NOINPUT, "%s: is a directory, not a Maildir (no cur/, new/ "
		                "and tmp/ in it)", s->name);
	s->format = FORMAT_MAILDIR;
	s->size = maildir_bytes(s->name);
	return WIT_OK;
}

static enum wit_status open_source(struct source *s, const struct import_opts *o,
                                   long idle_sec, char **why)
{
	struct stat sb;
	if (strcmp(s->name, "-") != 0 && stat(s->name, &sb) == 0 && S_ISDIR(sb.st_mode))
		return open_dir(s, o, why);
	if (o->format == FORMAT_MAILDIR)
		return wit_fail(why, WIT_NOINPUT, "%s: not a directory: a Maildir is one", s->name);
	s->is_copy = strcmp(s->name, "-") == 0;
	if (s->is_copy) {
		enum wit_status st = spool_stream(stdin, s->name, idle_sec, &s->in, why);
		if (st != WIT_OK)
			return st;
	} else if ((s->in = fopen(s->name, "rb")) == NULL) {
		return wit_fail(why, wit_errno_status(errno, WIT_NOINPUT), "%s: %s", s->name,
		                strerror(errno));
	}
	if (fstat(fileno(s->in), &sb) == 0 && S_ISDIR(sb.st_mode))
		return wit_fail(why, WIT_NOINPUT, "%s: is a directory", s->name);
	if (!s->is_copy && fstat(fileno(s->in), &sb) == 0 && !S_ISREG(sb.st_mode)) {
		FILE *once = s->in;
		enum wit_status st = spool_stream(once, s->name, idle_sec, &s->in, why);
		fclose(once);
		s->is_copy = true;
		if (st != WIT_OK)
			return st;
	}
	s->size = fstat(fileno(s->in), &sb) == 0 && S_ISREG(sb.st_mode) ? (int64_t)sb.st_size : 0;
	if (o->format >= 0) {
		s->format = o->format;
	} else {
		char head[IMPORT_FORMAT_HEAD + 1];
		size_t n = fread(head, 1, IMPORT_FORMAT_HEAD, s->in);
		head[n] = '\0';
		s->format = import_format_guess(s->name, head, n);
	}
	rewind(s->in);
	if (s->format < 0)
		return wit_fail(why, WIT_DATA, "%s: cannot tell the format (not iCalendar, JSON, "
		                "CSV, a mail message or an mbox by name or content); use --format",
		                s->name);
	return WIT_OK;
}

/* ---- progress on stderr ---- */

static void progress_draw(struct import_cmd *c, bool is_final)
{
	FILE *err = c->ctx->err;
	if (is_final) {
		if (c->is_progress_shown)
			fputs("\r\033[K", err);
		return;
	}
	int64_t pos = c->src->size > 0 && c->src->in != NULL ? (int64_t)ftello(c->src->in) : -1;
	int pct = pos >= 0 ? (int)(100 * pos / c->src->size) : -1;
	if (pct > 100)
		pct = 100;
	char bar[31];
	for (int i = 0; i < 30; i++)
		bar[i] = pct >= 0 && i < pct * 30 / 100 ? '#' : '.';
	bar[30] = '\0';
	if (pct >= 0)
		fprintf(err, "\r%.30s [%s] %3d%%  %ld items", c->src->name, bar, pct, c->items);
	else
		fprintf(err, "\r%.30s  %ld items", c->src->name, c->items);
	fflush(err);
	c->is_progress_shown = true;
}

static void progress_tick(void *arg)
{
	struct import_cmd *c = arg;
	if (++c->items % 256 != 0 || !c->is_tty)
		return;
	if (mono() - c->started > 1.0)
		progress_draw(c, false);
}

/* ---- problems ---- */

static bool is_mail(int format)
{
	return format == FORMAT_MAIL || format == FORMAT_MBOX || format == FORMAT_MAILDIR;
}

/* From mail a note is a message skipped ("FILE: message <ID> "Subject":
 * no invitation in it: ..."), never a failure; --json lists it. (The
 * other notes from mail are the iCalendar reader's warnings about a
 * part, printed as they are: mail_note_is_skip() tells which.) */
static void print_skipped_message(struct import_cmd *c, const struct import_problem *pr)
{
	fprintf(c->ctx->err, "%s: %s\n", c->src->name, pr->message);
	if (!c->o.json)
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "action", "no_invitation");
	cJSON_AddStringToObject(o, "file", c->src->name);
	cJSON_AddStringToObject(o, "note", pr->message);
	char *t = cJSON_PrintUnformatted(o);
	fprintf(c->held != NULL ? c->held : c->ctx->out, "%s\n", t);
	cJSON_free(t);
	cJSON_Delete(o);
}

/* The bad items of p: several problems on one line are one bad item. */
static long bad_items(const struct import_problems *p)
{
	long n = 0;
	int last_line = -1;
	for (size_t i = 0; i < p->len; i++) {
		n += p->items[i].line != last_line || p->items[i].line == 0;
		last_line = p->items[i].line;
	}
	return n;
}

/* Shows p's notes and problems and counts its bad items as skipped;
 * quiet: shown in an earlier run (see must_restart), counted only. */
static void print_problems(struct import_cmd *c, const struct import_problems *p, bool quiet)
{
	import_store_counts(c->store)->skipped += bad_items(p);
	if (quiet)
		return;
	for (size_t i = 0; i < p->n_notes; i++) {
		const struct import_problem *pr = &p->notes[i];
		if (is_mail(c->src->format) && mail_note_is_skip(pr->message))
			print_skipped_message(c, pr);
		else if (is_mail(c->src->format)) /* "message <ID> ...: warning: ..." */
			fprintf(c->ctx->err, "%s: %s\n", c->src->name, pr->message);
		else if (pr->line > 0)
			fprintf(c->ctx->err, "%s:%d: warning: %s\n", c->src->name, pr->line, pr->message);
		else
			fprintf(c->ctx->err, "%s: warning: %s\n", c->src->name, pr->message);
	}
	for (size_t i = 0; i < p->len; i++) {
		const struct import_problem *pr = &p->items[i];
		if (pr->line > 0)
			fprintf(c->ctx->err, "%s:%d: %s\n", c->src->name, pr->line, pr->message);
		else
			fprintf(c->ctx->err, "%s: %s\n", c->src->name, pr->message);
		if (c->o.json) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "action", "skipped");
			cJSON_AddStringToObject(o, "file", c->src->name);
			cJSON_AddNumberToObject(o, "line", pr->line);
			cJSON_AddStringToObject(o, "error", pr->message);
			cmd_print_json(c->ctx->out, o);
		} else if (c->o.is_dry_run) {
			fprintf(c->ctx->out, "%-9s  %s:%d: %s\n", "skip", c->src->name, pr->line,
			        pr->message);
		}
	}
	c->n_problems += (long)p->len;
}

/* ---- one file ---- */

static enum wit_status read_all(struct source *s, char **text, size_t *len, char **why)
{
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, s->in)) > 0) {
		n += got;
		if (n == cap) {
			if (cap >= TEXT_INPUT_MAX) {
				free(buf);
				return wit_fail(why, WIT_DATA, "%s: larger than %u MiB; split it",
				                s->name, TEXT_INPUT_MAX >> 20);
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	if (ferror(s->in)) {
		free(buf);
		return wit_fail(why, WIT_IOERR, "%s: read error: %s", s->name, strerror(errno));
	}
	*text = buf;
	*len = n;
	return WIT_OK;
}

/* The parser of one file, run in the sandbox's child (sandbox.h). */
struct parse_job {
	struct import_cmd *c;
	struct source *s;
};

/* The file again, with an offset of its own: the parts' children
 * inherit one open file, whose offset they would share. Part 0 reads
 * the inherited one, whose offset the progress bar follows. */
static FILE *own_stream(const struct source *s)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fileno(s->in));
	FILE *f = fopen(path, "rb");
	return f != NULL ? f : fopen(s->name, "rb");
}

static enum wit_status parse_ics(const struct source *s, const struct import_options *opt,
                                 unsigned part, unsigned parts, import_sink_fn sink,
                                 void *sink_ctx, struct import_problems *problems, void *stats,
                                 char **why)
{
	if (part == 0)
		return ics_parse_part(s->in, opt, part, parts, sink, sink_ctx, problems, stats, why);
	FILE *f = own_stream(s);
	if (f == NULL)
		return wit_fail(why, wit_errno_status(errno, WIT_NOINPUT), "%s: %s", s->name,
		                strerror(errno));
	enum wit_status st = ics_parse_part(f, opt, part, parts, sink, sink_ctx, problems, stats,
	                                    why);
	fclose(f);
	return st;
}

static enum wit_status parse_source(void *arg, unsigned part, unsigned parts,
                                    import_sink_fn sink, void *sink_ctx,
                                    struct import_problems *problems, void *stats, char **why)
{
	struct parse_job *job = arg;
	struct source *s = job->s;
	struct import_options opt = {job->c->o.from, job->c->o.to, s->name};
	if (s->format == FORMAT_ICS)
		return parse_ics(s, &opt, part, parts, sink, sink_ctx, problems, stats, why);
	if (is_mail(s->format)) { /* skipped messages travel as notes */
		struct mail_target t = {.sink = sink, .sink_ctx = sink_ctx, .problems = problems,
		                        .notes = problems};
		return s->format == FORMAT_MAILDIR ? mail_parse_maildir(s->name, &opt, &t, why)
		                                   : mail_parse(s->in, s->format == FORMAT_MBOX, &opt,
		                                                &t, why);
	}
	char *text = NULL;
	size_t len = 0;
	if (!job->c->o.has_window)
		opt.from = opt.to = 0;
	enum wit_status st = read_all(s, &text, &len, why);
	if (st == WIT_OK && s->format == FORMAT_JSON)
		st = invite_json_parse(text, len, &opt, sink, sink_ctx, problems);
	else if (st == WIT_OK)
		st = invite_csv_parse(text, len, &opt, sink, sink_ctx, problems);
	free(text);
	return st;
}

static enum wit_status store_file(struct import_cmd *c, struct source *s, char **why);

/* The one transaction of the command, opened once. */
static enum wit_status open_transaction(struct import_cmd *c, char **why)
{
	if (c->has_begun)
		return WIT_OK;
	enum wit_status st = db_import_tune(c->ctx->db, why);
	if (st == WIT_OK && (st = db_begin(c->ctx->db, why)) == WIT_OK)
		c->has_begun = true;
	if (st == WIT_OK)
		st = db_import_defer_indexes(c->ctx->db, &c->deferred, why);
	return st;
}

/* The files before the current one that are still spooled, in order. */
static enum wit_status store_spooled(struct import_cmd *c, int upto, char **why)
{
	enum wit_status st = WIT_OK;
	for (; c->n_stored < upto && st == WIT_OK; c->n_stored++) {
		struct source *s = &c->all[c->n_stored];
		st = store_file(c, s, why);
		sandbox_spool_free(s->spool); /* an open file and its buffer each */
		s->spool = NULL;
	}
	return st;
}

/* After file c->cur parsed well: once the transaction is open, or when
 * PENDING_FILES_MAX files wait, the waiting ones are stored now, so that
 * `import *.ics` over thousands of files keeps few open at once. */
static enum wit_status store_pending(struct import_cmd *c, char **why)
{
	if (!c->has_begun && c->cur + 1 - c->n_stored < PENDING_FILES_MAX)
		return WIT_OK;
	enum wit_status st = open_transaction(c, why);
	return st == WIT_OK ? store_spooled(c, c->cur + 1, why) : st;
}

/* sandbox.h's stream_begin: the current file has many items; from now
 * on they are written as they come. */
static enum wit_status begin_streaming(void *arg, char **why)
{
	struct import_cmd *c = arg;
	enum wit_status st = open_transaction(c, why);
	if (st == WIT_OK)
		st = store_spooled(c, c->cur, why);
	if (st != WIT_OK)
		return st;
	struct source *s = &c->all[c->cur];
	c->src = s;
	import_store_source(c->store, s->name, s->format == FORMAT_JSON || s->format == FORMAT_CSV);
	import_store_set_notes(c->store, c->cur < c->quiet_below ? NULL : c->ctx->err);
	c->is_streamed = true;
	return WIT_OK;
}

/* After a streamed file: kept when its parser ended well; else the run
 * must start again without it, since part of it is written. A failure
 * of the store itself ends the command. */
static enum wit_status end_streaming(struct import_cmd *c, struct source *s, enum wit_status st,
                                     char **why)
{
	c->is_streamed = false;
	c->n_stored = c->cur + 1;
	if (import_store_why(c->store) != NULL)
		return wit_fail(why, st != WIT_OK ? st : WIT_SOFTWARE, "%s",
		                import_store_why(c->store));
	if (s->spool == NULL && st == WIT_DATA) {
		c->must_restart = true;
		c->is_dropped[c->cur] = true;
	}
	return st;
}

static void add_ics_stats(void *into, const void *part)
{
	ics_stats_add(into, part);
}

/*
 * The children that parse a file side by side (sandbox.h's parts): one
 * per core, up to PARTS_MAX, for an iCalendar file of PARTS_FROM_BYTES
 * or more read by name (standard input is read once); else one.
 * WORTHIT_PARSE_PARTS (1 to SANDBOX_PARTS_MAX) sets the number for any
 * regular iCalendar file: tests, benchmarks.
 */
static unsigned parts_for(const struct source *s)
{
	struct stat sb;
	if (s->format != FORMAT_ICS || s->is_copy || s->in == NULL ||
	    fstat(fileno(s->in), &sb) != 0 || !S_ISREG(sb.st_mode))
		return 1;
	const char *v = getenv("WORTHIT_PARSE_PARTS");
	char *end;
	long n = v != NULL ? strtol(v, &end, 10) : 0;
	if (v != NULL && *v != '\0' && *end == '\0' && n >= 1 && n <= (long)SANDBOX_PARTS_MAX)
		return (unsigned)n;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (s->size < PARTS_FROM_BYTES || cpus < 2)
		return 1;
	return cpus < PARTS_MAX ? (unsigned)cpus : PARTS_MAX;
}

/* Parse one file into its spool, or, for a large file, into the
 * database as it is parsed. WIT_OK or WIT_DATA (problems printed) go on
 * to the next file; anything else ends the command. */
static enum wit_status import_file(struct import_cmd *c, struct source *s, char **why)
{
	c->src = s;
	struct import_problems problems;
	import_problems_init(&problems);
	struct ics_stats stats = {0};
	if (c->is_dropped[c->cur]) /* its parser stopped in an earlier run */
		return WIT_OK;
	if (s->in != NULL)
		rewind(s->in); /* a copy (is_copy): the offset is shared with the parser */
	else if (s->format != FORMAT_MAILDIR && (s->in = fopen(s->name, "rb")) == NULL)
		return wit_fail(why, wit_errno_status(errno, WIT_NOINPUT), "%s: %s", s->name,
		                strerror(errno));
	struct parse_job pj = {c, s};
	unsigned parts = parts_for(s);
	c->parsers = parts > c->parsers ? parts : c->parsers;
	struct sandbox_job job = {
		.parts = parts, .stats_add = add_ics_stats,
		.source_name = s->name, .parse = parse_source, .arg = &pj,
		.stats = &stats, .stats_size = sizeof stats, .tick = progress_tick, .tick_arg = c,
		/* a dry run's report lines go out as they come: not streamed */
		.stream_after = c->o.is_dry_run ? 0 : STREAM_AFTER,
		.stream_begin = begin_streaming, .stream_arg = c,
		.sink = import_store_sink, .sink_ctx = c->store,
	};
	struct sandbox_limits lim = c->limits;
	lim.cpu_sec = sandbox_cpu_for(&c->limits, (uint64_t)s->size);
	double t0 = mono();
	enum wit_status st = sandbox_parse(&job, &lim, &s->spool, &problems, why);
	c->parse_sec += mono() - t0;
	if (!s->is_copy && s->in != NULL) {
		fclose(s->in);
		s->in = NULL;
	}
	/* the store failing while streamed ends the command, whatever its status */
	bool is_store_fault = c->is_streamed && import_store_why(c->store) != NULL;
	if (c->is_streamed)
		st = end_streaming(c, s, st, why);
	if (s->format == FORMAT_ICS) {
		c->ics.events += stats.events;
		c->ics.occurrences += stats.occurrences;
		c->ics.outside += stats.outside;
		c->ics.scan_sec += stats.scan_sec;
		c->ics.parse_sec += stats.parse_sec;
		c->ics.expand_sec += stats.expand_sec;
		import_store_counts(c->store)->outside += (long)stats.outside;
	}
	if (st == WIT_DATA && *why != NULL && !is_store_fault) {
		/* the whole file is unusable (not iCalendar, too many problems,
		 * the parser stopped) */
		import_problems_add(&problems, 0, "%s", *why);
		free(*why);
		*why = NULL;
	}
	long skipped = import_store_counts(c->store)->skipped;
	print_problems(c, &problems, c->cur < c->quiet_below);
	if (c->is_dropped[c->cur])
		c->carried_skipped += import_store_counts(c->store)->skipped - skipped;
	import_problems_done(&problems);
	return st == WIT_DATA && !is_store_fault ? WIT_OK : st;
}

/* Hand one parsed file to the store, inside the transaction. */
static enum wit_status store_file(struct import_cmd *c, struct source *s, char **why)
{
	c->src = s;
	import_store_source(c->store, s->name, s->format == FORMAT_JSON || s->format == FORMAT_CSV);
	import_store_set_notes(c->store, s - c->all < c->quiet_below ? NULL : c->ctx->err);
	enum wit_status st = sandbox_replay(s->spool, s->name, import_store_sink, c->store, why);
	if (st != WIT_OK && st != WIT_DATA && import_store_why(c->store) != NULL)
		wit_fail(why, st, "%s", import_store_why(c->store));
	return st;
}

/* ---- the summary ---- */

/* CPU seconds (user + system) of this process, or of its parsers. */
static double cpu_sec(int who)
{
	struct rusage ru;
	if (getrusage(who, &ru) != 0)
		return 0;
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void print_summary(struct import_cmd *c, bool committed)
{
	const struct import_counts *n = import_store_counts(c->store);
	FILE *out = c->ctx->out;
	if (c->o.json) {
		cJSON *o = cJSON_CreateObject(), *s = cJSON_AddObjectToObject(o, "summary");
		cJSON_AddNumberToObject(s, "added", n->added);
		cJSON_AddNumberToObject(s, "updated", n->updated);
		cJSON_AddNumberToObject(s, "cancelled", n->cancelled);
		cJSON_AddNumberToObject(s, "unchanged", n->unchanged);
		cJSON_AddNumberToObject(s, "skipped", n->skipped);
		cJSON_AddNumberToObject(s, "stale", n->stale);
		cJSON_AddNumberToObject(s, "duplicate", n->duplicate);
		cJSON_AddNumberToObject(s, "outside_window", n->outside);
		cJSON_AddBoolToObject(s, "dry_run", c->o.is_dry_run);
		cJSON_AddBoolToObject(s, "committed", committed);
		cJSON_AddNumberToObject(s, "parsers", c->parsers);
		cJSON *t = cJSON_AddObjectToObject(s, "seconds");
		cJSON_AddNumberToObject(t, "total", mono() - c->started);
		cJSON_AddNumberToObject(t, "scan", c->ics.scan_sec);
		cJSON_AddNumberToObject(t, "parse", c->ics.parse_sec);
		cJSON_AddNumberToObject(t, "expand", c->ics.expand_sec);
		cJSON_AddNumberToObject(t, "database", import_store_db_sec(c->store));
		cJSON_AddNumberToObject(t, "commit", c->commit_sec);
		cJSON_AddNumberToObject(t, "cpu", cpu_sec(RUSAGE_SELF));
		cJSON_AddNumberToObject(t, "parser_cpu", cpu_sec(RUSAGE_CHILDREN));
		cmd_print_json(out, o);
		return;
	}
	if (!committed && !c->o.is_dry_run) {
		/* rolled back: nothing was added; say what was held back */
		long good = n->added + n->updated + n->cancelled;
		fprintf(out, "import: 0 added, 0 updated, 0 cancelled, 0 unchanged, %ld skipped; "
		        "nothing imported (%ld change%s held back)\n", n->skipped, good,
		        good == 1 ? "" : "s");
		return;
	}
	fprintf(out, "%s: %ld added, %ld updated, %ld cancelled, %ld unchanged, %ld skipped",
	        c->o.is_dry_run ? "dry run" : "import", n->added, n->updated, n->cancelled,
	        n->unchanged, n->skipped);
	if (n->stale > 0)
		fprintf(out, ", %ld stale (older SEQUENCE, ignored)", n->stale);
	if (n->duplicate > 0)
		fprintf(out, ", %ld repeated in the input", n->duplicate);
	if (n->outside > 0)
		fprintf(out, ", %ld outside the window", n->outside);
	if (c->o.is_dry_run)
		fputs(" (nothing written)", out);
	fputc('\n', out);
}

/* ---- the command ---- */

/* How long a stream read once may stay silent: the parsers' time limit. */
static long idle_sec(const struct sandbox_limits *l)
{
	return (long)sandbox_wall_for(l, l->cpu_sec);
}

static enum wit_status open_all(struct import_cmd *c, struct source *src, int n, char **why)
{
	int n_stdin = 0;
	for (int i = 0; i < n; i++)
		n_stdin += strcmp(src[i].name, "-") == 0;
	if (n_stdin > 1)
		return wit_fail(why, WIT_USAGE, "standard input (-) can be named only once");
	for (int i = 0; i < n; i++) {
		enum wit_status st = open_source(&src[i], &c->o, idle_sec(&c->limits), why);
		if (st != WIT_OK)
			return st;
		/* checked and its format known; opened again when its turn
		 * comes, so that thousands of files are never open at once */
		if (src[i].in != NULL && !src[i].is_copy) {
			fclose(src[i].in);
			src[i].in = NULL;
		}
	}
	return WIT_OK;
}

static void copy_held(struct import_cmd *c)
{
	char buf[65536];
	size_t n;
	rewind(c->held);
	while ((n = fread(buf, 1, sizeof buf, c->held)) > 0)
		fwrite(buf, 1, n, c->ctx->out);
}

/* A streamed file's parser stopped: roll back and read the files again
 * without it, their problems counted but not shown twice. */
static enum wit_status restart(struct import_cmd *c, char **why)
{
	db_rollback(c->ctx->db);
	db_import_forget_indexes(c->deferred);
	c->deferred = NULL;
	c->has_begun = false;
	c->must_restart = false;
	c->quiet_below = c->cur;
	c->n_stored = 0;
	c->ics = (struct ics_stats){0};
	for (int i = 0; i < c->n_all; i++) {
		sandbox_spool_free(c->all[i].spool);
		c->all[i].spool = NULL;
	}
	import_store_free(c->store);
	c->store = import_store_new(&c->store_opts);
	import_store_counts(c->store)->skipped = c->carried_skipped;
	if (c->held != NULL && (fflush(c->held) != 0 || ftruncate(fileno(c->held), 0) != 0))
		return wit_fail(why, WIT_IOERR, "cannot rewrite a temporary file: %s", strerror(errno));
	if (c->held != NULL)
		rewind(c->held);
	return WIT_OK;
}

/* Parses every file, then stores them all in one transaction, then
 * commits or rolls back. Returns the exit code. */
static int import_all(struct import_cmd *c, struct source *src, int n)
{
	char *why = NULL;
	enum wit_status st = WIT_OK;
	c->all = src;
	c->n_all = n;
	c->is_dropped = xcalloc((size_t)n, sizeof *c->is_dropped);
	for (;;) {
		for (c->cur = 0; c->cur < n && st == WIT_OK && !c->must_restart; c->cur++) {
			st = import_file(c, &src[c->cur], &why);
			if (st == WIT_OK && !c->must_restart)
				st = store_pending(c, &why);
		}
		if (st != WIT_OK || !c->must_restart)
			break;
		st = restart(c, &why);
	}
	free(c->is_dropped);
	if (st == WIT_OK)
		st = open_transaction(c, &why);
	if (st == WIT_OK)
		st = store_spooled(c, n, &why);
	bool has_begun = c->has_begun;
	progress_draw(c, true);
	const struct import_counts *cnt = import_store_counts(c->store);
	bool has_bad = cnt->skipped > 0;
	bool commit = st == WIT_OK && !c->o.is_dry_run && (!has_bad || c->o.skip_bad);
	int code = 0;
	double t0 = mono();
	if (commit && (st = db_import_restore_indexes(c->ctx->db, c->deferred, &why)) == WIT_OK)
		st = db_commit(c->ctx->db, &why);
	else if (has_begun)
		db_rollback(c->ctx->db);
	if (!commit)
		db_import_forget_indexes(c->deferred);
	c->deferred = NULL;
	c->commit_sec = mono() - t0;
	if (c->held != NULL && st == WIT_OK && commit)
		copy_held(c);
	if (st != WIT_OK) {
		code = cmd_error(c->ctx, st, "import: %s", why ? why : wit_status_name(st));
		commit = false;
	} else if (has_bad) {
		code = wit_status_exit_code(WIT_DATA);
		if (c->o.is_dry_run || c->o.skip_bad)
			cmd_error(c->ctx, WIT_DATA, "import: %ld bad item%s skipped", cnt->skipped,
			          cnt->skipped == 1 ? "" : "s");
		else
			cmd_error(c->ctx, WIT_DATA, "import: %ld bad item%s: nothing imported (fix "
			          "them, or --skip-bad imports the good ones)", cnt->skipped,
			          cnt->skipped == 1 ? "" : "s");
	}
	print_summary(c, commit);
	free(why);
	return code;
}

/* `import DIR` of a vdir (a directory, not a Maildir, with .ics files):
 * read as a calendar source of the user's (sync.h), every file. Any
 * other directory goes on to the error of the format guess. */
static bool is_vdir(const char *path)
{
	enum source_kind kind;
	char *why = NULL;
	struct source_file_state *files = NULL;
	size_t n = 0;
	bool r = vdir_kind_of(path, &kind, &why) == WIT_OK && kind == SOURCE_VDIR &&
	         vdir_list(path, kind, &files, &n, &why) == WIT_OK && n > 0;
	vdir_files_free(files, n);
	free(why);
	return r;
}

static int import_run(struct app_ctx *ctx, int argc, char **argv)
{
	struct import_cmd c = {.ctx = ctx, .started = mono()};
	int code = parse_opts(ctx, argc, argv, &c.o);
	if (code != 0)
		return code;
	if (argc - optind == 1 && is_vdir(argv[optind])) {
		if (c.o.is_dry_run || c.o.json || c.o.format >= 0 || c.o.has_window)
			return cmd_error(ctx, WIT_USAGE, "import: %s is a vdir: read whole, as `worthit "
			                 "sync` reads one; --dry-run, --json, --format, --from and --to "
			                 "are for files", argv[optind]);
		struct source_conf vdir = {0};
		snprintf(vdir.path, sizeof vdir.path, "%s", argv[optind]);
		return cmd_sync_sources(ctx, &vdir, 1, true, "import");
	}
	int n = argc - optind;
	struct source *src = xcalloc((size_t)n, sizeof *src);
	for (int i = 0; i < n; i++)
		src[i].name = argv[optind + i];
	char *why = NULL;
	sandbox_limits_from_env(&c.limits);
	enum wit_status st = open_all(&c, src, n, &why);
	if (st != WIT_OK) {
		code = cmd_error(ctx, st, "import: %s", why ? why : wit_status_name(st));
	} else {
		c.is_tty = ctx->err == stderr && isatty(fileno(stderr));
		/* --json item lines of a real import are held back until the
		 * commit, so that nothing reports rows a rollback undid */
		if (c.o.json && !c.o.is_dry_run)
			c.held = tmpfile();
		c.store_opts = (struct import_store_opts){
			.db = ctx->db, .now = ctx->now, .rules = ctx->cfg->rules,
			.n_rules = ctx->cfg->n_rules, .notes = ctx->err,
			.report = c.o.json ? REPORT_JSON : c.o.is_dry_run ? REPORT_TEXT : REPORT_NONE,
			.report_out = c.held != NULL ? c.held : ctx->out, .tick = progress_tick, .tick_arg = &c,
			.cfg = ctx->cfg,
		};
		c.store = import_store_new(&c.store_opts);
		code = import_all(&c, src, n);
		import_store_free(c.store);
		if (c.held != NULL)
			fclose(c.held);
	}
	free(why);
	why = NULL;
	st = db_import_untune(ctx->db, &why);
	if (st != WIT_OK) { /* what was committed stays: the first error's code wins */
		int untune_code = cmd_error(ctx, st, "import: %s", why);
		code = code != 0 ? code : untune_code;
	}
	free(why);
	for (int i = 0; i < n; i++) {
		if (src[i].in != NULL)
			fclose(src[i].in);
		sandbox_spool_free(src[i].spool);
	}
	free(src);
	return code;
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "import [--format FORMAT] [--from DATE] [--to DATE] [--dry-run] "
	         "[--skip-bad] [--json] FILE...",
	.summary = "import invitations from iCalendar, JSON, CSV or mail, all or nothing",
	.help = "FILE - reads standard input. The format comes from the extension or content;\n"
	        "a directory with cur/ new/ tmp/ is a Maildir. Any other directory of .ics\n"
	        "files (a vdir, as vdirsyncer writes and khal reads) is read as your calendar,\n"
	        "as `worthit sync` reads one (see sync).\n"
	        "  --format F   ics, json, csv, mail (one message), mbox or maildir\n"
	        "  --from DATE  occurrences starting on or after DATE (default: import.past_days\n"
	        "               ago); JSON and CSV rows are filtered only when given\n"
	        "  --to DATE    occurrences starting before DATE (default: import.ahead_days)\n"
	        "  --dry-run    list what would be added, updated, cancelled and skipped\n"
	        "  --skip-bad   import the good items; still list the bad ones and exit 65\n"
	        "  --json       JSON Lines: one object per item, then a summary object\n"
	        "Any bad item fails the whole import (FILE:LINE: what is wrong, exit 65) and\n"
	        "leaves the database untouched. Re-importing a file changes nothing; decisions,\n"
	        "outcomes and notes are never overwritten.\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = import_run,
};
