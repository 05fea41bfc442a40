/*
 * mail.c: invitations from mail (mail.h) with GMime 3. Owns walking a
 * message's MIME tree (RFC 2045/2046), decoding calendar parts and
 * labelling what was wrong with which message; the calendar text itself
 * is ics_parse()'s, and nothing here touches the database.
 *
 * Memory: GMime reads from a file-descriptor stream and keeps parts as
 * bounds into it, so a 50 MB attachment is never copied; only calendar
 * parts (at most MAIL_CALENDAR_MAX each) are decoded into memory, one
 * message at a time. A message is damaged when GMime warns that it is
 * truncated or malformed (a boundary that never comes shows as a
 * truncated multipart) or nests too deep: its calendars are not read.
 */
#define _GNU_SOURCE 1
#include "worthit/mail.h"
#include "worthit/ics.h"
#include "worthit/xmalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* One message being read. */
struct mail_msg {
	const struct import_options *opt;
	const struct mail_target *t;
	const char *where;       /* "new/NAME: " in a Maildir, else "" */
	char *label;             /* "message <ID> "Subject"" */
	char *message_id, *from, *subject;
	int64_t date;
	char *damage;            /* why GMime found it damaged, or NULL */
	GPtrArray *texts;        /* decoded calendar parts, for repeats */
	char **keys;             /* "uid\x1frid\x1fseq\x1faction" given */
	size_t n_keys, cap_keys;
	bool is_cancel_part;     /* the current part says method=CANCEL */
	int n_calendars;         /* calendar parts found */
	enum wit_status sink_status;
};

/* How the notes of a message skipped end (mail_note_is_skip). */
#define MAIL_SKIP_NONE ": no invitation in it: use `worthit add`"
#define MAIL_SKIP_ANSWER " (an answer), not an invitation: skipped"

static void mail_init_once(void)
{
	static bool is_ready;
	if (!is_ready) {
		g_mime_init();
		is_ready = true;
	}
}

/* ---- what GMime warns about ---- */

static void mail_warning(gint64 offset, GMimeParserWarning code, const gchar *item,
                         gpointer arg)
{
	char **damage = arg;
	const char *what = NULL;
	switch (code) {
	case GMIME_WARN_TRUNCATED_MESSAGE:
		what = "truncated, or a broken boundary (the closing boundary never comes)";
		break;
	case GMIME_WARN_MALFORMED_MULTIPART: what = "a multipart without any part"; break;
	case GMIME_WARN_MALFORMED_MESSAGE: what = "malformed"; break;
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: what = "a multipart without a boundary"; break;
	case GMIME_CRIT_NESTING_OVERFLOW: what = "parts nested too deep"; break;
	case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
		what = "a part without headers or content";
		break;
	default: return; /* header blemishes: real mail is full of them */
	}
	(void)item;
	if (*damage == NULL)
		*damage = offset >= 0 ? xasprintf("damaged MIME structure: %s (byte %lld)", what,
		                                  (long long)offset)
		                      : xasprintf("damaged MIME structure: %s", what);
}

/* ---- the message's provenance ---- */

/* The first From mailbox as "Name <addr>" (or "addr"), the name
 * decoded; built here rather than by internet_address_list_to_string(),
 * which converts every domain to IDNA first (a tenth of the time of a
 * large import, for nothing shown). */
static char *mail_from_text(GMimeMessage *msg)
{
	InternetAddressList *l = g_mime_message_get_from(msg);
	InternetAddress *a = l != NULL && internet_address_list_length(l) > 0
	                     ? internet_address_list_get_address(l, 0) : NULL;
	if (a == NULL || !INTERNET_ADDRESS_IS_MAILBOX(a))
		return NULL;
	const char *name = internet_address_get_name(a);
	const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
	if (addr == NULL)
		return xstrdup(name);
	return name != NULL && name[0] != '\0' ? xasprintf("%s <%s>", name, addr) : xstrdup(addr);
}

static void mail_msg_header(struct mail_msg *m, GMimeMessage *msg, long number)
{
	m->message_id = xstrdup(g_mime_message_get_message_id(msg));
	m->subject = xstrdup(g_mime_message_get_subject(msg));
	m->from = mail_from_text(msg);
	GDateTime *d = g_mime_message_get_date(msg);
	m->date = d != NULL ? (int64_t)g_date_time_to_unix(d) : 0;
	const char *subj = m->subject != NULL ? m->subject : "";
	if (m->message_id != NULL)
		m->label = xasprintf("message <%s> \"%.80s\"", m->message_id, subj);
	else if (m->subject != NULL)
		m->label = xasprintf("message %ld \"%.80s\"", number, subj);
	else
		m->label = xasprintf("message %ld", number);
}

static void mail_msg_done(struct mail_msg *m)
{
	free(m->label);
	free(m->message_id);
	free(m->from);
	free(m->subject);
	free(m->damage);
	if (m->texts != NULL)
		g_ptr_array_free(m->texts, TRUE);
	for (size_t i = 0; i < m->n_keys; i++)
		free(m->keys[i]);
	free(m->keys);
}

static void mail_problem(struct mail_msg *m, const char *what)
{
	import_problems_add(m->t->problems, 0, "%s%s: %s", m->where, m->label, what);
}

/* ---- the sink between ics_parse() and the caller's ---- */

/* Seen in this message already (the same calendar in two parts)? */
static bool mail_msg_repeats(struct mail_msg *m, const struct invitation *inv,
                             enum import_action action)
{
	char *key = xasprintf("%s\x1f%s\x1f%d\x1f%d", inv->uid ? inv->uid : "",
	                      inv->recurrence_id ? inv->recurrence_id : "", inv->sequence,
	                      (int)action);
	for (size_t i = 0; i < m->n_keys; i++)
		if (strcmp(m->keys[i], key) == 0) {
			free(key);
			return true;
		}
	if (m->n_keys == m->cap_keys) {
		m->cap_keys = m->cap_keys ? m->cap_keys * 2 : 8;
		m->keys = xreallocarray(m->keys, m->cap_keys, sizeof *m->keys);
	}
	m->keys[m->n_keys++] = key;
	return false;
}

static enum wit_status mail_sink(void *ctx, const struct invitation *in, int line,
                                 enum import_action action)
{
	struct mail_msg *m = ctx;
	if (m->is_cancel_part)
		action = IMPORT_CANCEL;
	if (in->uid != NULL && mail_msg_repeats(m, in, action))
		return WIT_OK;
	struct invitation inv = *in; /* borrowed strings: only during the call */
	inv.mail_message_id = m->message_id;
	inv.mail_from = m->from;
	inv.mail_subject = m->subject;
	inv.mail_date = m->date;
	enum wit_status st = m->t->sink(m->t->sink_ctx, &inv, line, action);
	if (st != WIT_OK)
		m->sink_status = st;
	return st;
}

/* ---- calendar parts ---- */

static bool mail_part_is_calendar(GMimeObject *obj)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	if (ct != NULL && (g_mime_content_type_is_type(ct, "text", "calendar") ||
	                   g_mime_content_type_is_type(ct, "application", "ics") ||
	                   g_mime_content_type_is_type(ct, "text", "x-vcalendar")))
		return true;
	const char *name = g_mime_part_get_filename(GMIME_PART(obj));
	size_t n = name != NULL ? strlen(name) : 0;
	return n > 4 && strcasecmp(name + n - 4, ".ics") == 0;
}

/* The iTIP method: the part's method= (RFC 6047 2.4), else the text's
 * METHOD line; upper case in buf, "" when neither says. */
static void mail_part_method(GMimeObject *obj, const GByteArray *text, char *buf, size_t len)
{
	const char *m = g_mime_object_get_content_type_parameter(obj, "method");
	size_t n = 0;
	if (m == NULL) {
		const char *p = memmem(text->data, text->len, "\nMETHOD:", 8);
		m = p != NULL ? p + 8 : "";
		n = strcspn(m, "\r\n"); /* the text is NUL-terminated (mail_part_text) */
	} else {
		n = strlen(m);
	}
	if (n >= len)
		n = len - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(m[i] >= 'a' && m[i] <= 'z' ? m[i] - 'a' + 'A' : m[i]);
	buf[n] = '\0';
}

/* The part's content, transfer-decoded and in UTF-8, with a NUL after
 * its len bytes, or NULL with a problem said. Caller frees with
 * g_byte_array_unref(). */
static GByteArray *mail_part_text(struct mail_msg *m, GMimeObject *obj, int number)
{
	char what[200];
	GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(obj));
	GMimeStream *raw = w != NULL ? g_mime_data_wrapper_get_stream(w) : NULL;
	gint64 size = raw != NULL ? g_mime_stream_length(raw) : 0;
	if (size > (gint64)MAIL_CALENDAR_MAX) {
		snprintf(what, sizeof what, "calendar part %d is larger than %u MiB: not read",
		         number, MAIL_CALENDAR_MAX >> 20);
		mail_problem(m, what);
		return NULL;
	}
	GByteArray *text = g_byte_array_new();
	if (w == NULL) {
		g_byte_array_append(text, (const guint8 *)"", 1);
		g_byte_array_set_size(text, 0);
		return text;
	}
	GMimeStream *mem = g_mime_stream_mem_new_with_byte_array(text);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	GMimeStream *into = mem;
	const char *cs = g_mime_object_get_content_type_parameter(obj, "charset");
	if (cs != NULL && strcasecmp(cs, "utf-8") != 0 && strcasecmp(cs, "us-ascii") != 0 &&
	    strcasecmp(cs, "utf8") != 0) {
		GMimeFilter *f = g_mime_filter_charset_new(cs, "UTF-8");
		if (f == NULL) {
			snprintf(what, sizeof what, "calendar part %d: unknown charset \"%.40s\"",
			         number, cs);
			mail_problem(m, what);
			g_object_unref(mem);
			g_byte_array_unref(text);
			return NULL;
		}
		into = g_mime_stream_filter_new(mem);
		g_mime_stream_filter_add(GMIME_STREAM_FILTER(into), f);
		g_object_unref(f);
	}
	g_mime_data_wrapper_write_to_stream(w, into);
	g_mime_stream_flush(into);
	if (into != mem)
		g_object_unref(into);
	g_object_unref(mem);
	g_byte_array_append(text, (const guint8 *)"", 1); /* a NUL after the text, */
	g_byte_array_set_size(text, text->len - 1);       /* not part of it */
	return text;
}

static bool mail_text_repeats(struct mail_msg *m, const GByteArray *text)
{
	for (guint i = 0; i < m->texts->len; i++) {
		const GByteArray *o = g_ptr_array_index(m->texts, i);
		if (o->len == text->len && memcmp(o->data, text->data, text->len) == 0)
			return true;
	}
	return false;
}

/* ics_parse() on one decoded calendar; its problems named after the
 * message and the part. */
static void mail_read_calendar(struct mail_msg *m, const GByteArray *text, int number)
{
	struct import_problems found;
	import_problems_init(&found);
	char *why = NULL;
	enum wit_status st = WIT_DATA;
	FILE *in = text->len > 0 ? fmemopen(text->data, text->len, "r") : NULL;
	if (in != NULL) {
		st = ics_parse(in, m->opt, mail_sink, m, &found, NULL, &why);
		fclose(in);
	} else {
		why = xstrdup("it is empty");
	}
	for (size_t i = 0; i < found.len; i++) {
		char *what = found.items[i].line > 0
		             ? xasprintf("calendar part %d line %d: %s", number, found.items[i].line,
		                         found.items[i].message)
		             : xasprintf("calendar part %d: %s", number, found.items[i].message);
		mail_problem(m, what);
		free(what);
	}
	/* the reader's warnings (an unknown TZID) are the user's too; they
	 * go with the problems' warnings, never among the skipped messages */
	for (size_t i = 0; i < found.n_notes; i++)
		import_problems_note(m->t->problems, 0, "%s%s: calendar part %d: warning: %s",
		                     m->where, m->label, number, found.notes[i].message);
	if (st != WIT_OK && m->sink_status == WIT_OK) {
		char *what = xasprintf("calendar part %d: %s", number, why ? why : wit_status_name(st));
		mail_problem(m, what);
		free(what);
	}
	free(why);
	import_problems_done(&found);
}

static void mail_calendar_part(struct mail_msg *m, GMimeObject *obj)
{
	int number = ++m->n_calendars;
	GByteArray *text = mail_part_text(m, obj, number);
	if (text == NULL)
		return;
	if (mail_text_repeats(m, text)) {
		g_byte_array_unref(text);
		return;
	}
	g_ptr_array_add(m->texts, text);
	if (m->t->stats != NULL)
		m->t->stats->calendars++;
	char method[32];
	mail_part_method(obj, text, method, sizeof method);
	if (strcmp(method, "REPLY") == 0 || strcmp(method, "COUNTER") == 0 ||
	    strcmp(method, "REFRESH") == 0 || strcmp(method, "DECLINECOUNTER") == 0) {
		char *what = xasprintf("calendar part %d is an iTIP %s" MAIL_SKIP_ANSWER, number,
		                       method);
		import_problems_note(m->t->notes, 0, "%s%s: %s", m->where, m->label, what);
		free(what);
		return;
	}
	m->is_cancel_part = strcmp(method, "CANCEL") == 0;
	mail_read_calendar(m, text, number);
	m->is_cancel_part = false;
}

/* Every calendar part under obj, in order (RFC 2046 5.1, 5.2.1). */
static void mail_walk(struct mail_msg *m, GMimeObject *obj, int depth)
{
	if (obj == NULL || m->sink_status != WIT_OK)
		return;
	if (depth > MAIL_DEPTH_MAX) {
		if (m->damage == NULL)
			m->damage = xstrdup("damaged MIME structure: parts nested too deep");
		return;
	}
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);
		for (int i = 0; i < n && m->sink_status == WIT_OK; i++)
			mail_walk(m, g_mime_multipart_get_part(mp, i), depth + 1);
	} else if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
		if (inner != NULL)
			mail_walk(m, g_mime_message_get_mime_part(inner), depth + 1);
	} else if (GMIME_IS_PART(obj) && mail_part_is_calendar(obj)) {
		mail_calendar_part(m, obj);
	}
}

/* One parsed message: its calendars into the sink, or a note, or a
 * problem. Returns the sink's status. */
static enum wit_status mail_message(const struct import_options *opt, const struct mail_target *t,
                                    const char *where, GMimeMessage *msg, char *damage,
                                    long number)
{
	struct mail_msg m = {.opt = opt, .t = t, .where = where, .damage = damage,
	                     .sink_status = WIT_OK};
	m.texts = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	mail_msg_header(&m, msg, number);
	if (t->stats != NULL)
		t->stats->messages++;
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	if (m.damage == NULL)
		mail_walk(&m, body, 0);
	if (m.damage != NULL) {
		mail_problem(&m, m.damage);
	} else if (m.n_calendars == 0) {
		import_problems_note(t->notes, 0, "%s%s" MAIL_SKIP_NONE, where, m.label);
		if (t->stats != NULL)
			t->stats->without++;
	}
	enum wit_status st = m.sink_status;
	mail_msg_done(&m);
	return st;
}

static bool mail_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

bool mail_note_is_skip(const char *note)
{
	return mail_ends_with(note, MAIL_SKIP_NONE) || mail_ends_with(note, MAIL_SKIP_ANSWER);
}

/* ---- streams ---- */

/* Every message of stream (one, or an mbox's). */
static enum wit_status mail_stream(GMimeStream *stream, bool is_mbox, const char *where,
                                   const struct import_options *opt,
                                   const struct mail_target *t, char **why)
{
	mail_init_once();
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, is_mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
	GMimeParserOptions *po = g_mime_parser_options_new();
	char *damage = NULL;
	g_mime_parser_options_set_warning_callback(po, mail_warning, &damage);
	enum wit_status st = WIT_OK;
	long number = 0;
	while (st == WIT_OK && (number == 0 || (is_mbox && !g_mime_parser_eos(parser)))) {
		damage = NULL;
		GMimeMessage *msg = g_mime_parser_construct_message(parser, po);
		number++;
		if (msg == NULL) {
			free(damage);
			if (number == 1 && !is_mbox)
				st = wit_fail(why, WIT_DATA, "%s%s: not a mail message (no header block)",
				              where, opt->source_name);
			else if (number == 1)
				st = wit_fail(why, WIT_DATA, "%s: not an mbox (no \"From \" line first)",
				              opt->source_name);
			break;
		}
		st = mail_message(opt, t, where, msg, damage, number);
		g_object_unref(msg);
	}
	g_mime_parser_options_free(po);
	g_object_unref(parser);
	return st;
}

enum wit_status mail_parse(FILE *in, bool is_mbox, const struct import_options *opt,
                           const struct mail_target *t, char **why)
{
	off_t pos = ftello(in);
	int fd = fflush(in) == 0 ? dup(fileno(in)) : -1;
	if (fd < 0 || pos < 0 || lseek(fd, pos, SEEK_SET) < 0) {
		if (fd >= 0)
			close(fd);
		return wit_fail(why, WIT_IOERR, "%s: cannot read: %s", opt->source_name,
		                strerror(errno));
	}
	GMimeStream *stream = NULL;
	mail_init_once();
	stream = g_mime_stream_fs_new(fd); /* owns fd */
	enum wit_status st = mail_stream(stream, is_mbox, "", opt, t, why);
	g_object_unref(stream);
	return st;
}

/* ---- Maildir ---- */

static bool mail_is_dir(const char *dir, const char *sub)
{
	char path[4096];
	struct stat sb;
	int n = snprintf(path, sizeof path, "%s/%s", dir, sub);
	return n > 0 && (size_t)n < sizeof path && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

bool mail_is_maildir(const char *path)
{
	return mail_is_dir(path, "cur") && mail_is_dir(path, "new") && mail_is_dir(path, "tmp");
}

static int mail_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir/sub that are not hidden, sorted. Caller frees. */
static char **mail_names(const char *dir, const char *sub, size_t *n, char **why)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, sub);
	*n = 0;
	DIR *d = opendir(path);
	if (d == NULL) {
		wit_fail(why, WIT_NOINPUT, "%s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 64;
	char **names = xreallocarray(NULL, cap, sizeof *names);
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap)
			names = xreallocarray(names, cap *= 2, sizeof *names);
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof *names, mail_name_cmp);
	return names;
}

static enum wit_status mail_maildir_file(const char *dir, const char *sub, const char *name,
                                         const struct import_options *opt,
                                         const struct mail_target *t, char **why)
{
	char path[4096], where[600];
	snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
	snprintf(where, sizeof where, "%s/%.500s: ", sub, name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT) /* gone since the listing: the mail program moved it */
			import_problems_add(t->problems, 0, "%s%s", where, strerror(errno));
		return WIT_OK;
	}
	GMimeStream *stream = g_mime_stream_fs_new(fd);
	char *bad = NULL;
	enum wit_status st = mail_stream(stream, false, where, opt, t, &bad);
	g_object_unref(stream);
	if (st == WIT_DATA) { /* not a message: a bad item, the rest go on */
		import_problems_add(t->problems, 0, "%s", bad);
		st = WIT_OK;
	} else if (st != WIT_OK) {
		*why = bad;
		bad = NULL;
	}
	free(bad);
	return st;
}

enum wit_status mail_parse_maildir(const char *dir, const struct import_options *opt,
                                   const struct mail_target *t, char **why)
{
	static const char *const subs[] = {"cur", "new"};
	mail_init_once();
	enum wit_status st = WIT_OK;
	for (size_t s = 0; s < 2 && st == WIT_OK; s++) {
		size_t n;
		char **names = mail_names(dir, subs[s], &n, why);
		if (names == NULL)
			return WIT_NOINPUT;
		for (size_t i = 0; i < n; i++) {
			if (st == WIT_OK)
				st = mail_maildir_file(dir, subs[s], names[i], opt, t, why);
			free(names[i]);
		}
		free(names);
	}
	return st;
}
