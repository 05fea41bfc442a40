/*
 * ics.c: streaming iCalendar import (RFC 5545 3.4, 3.6; iTIP RFC 5546)
 * with libical, one top-level component at a time. See ics.h.
 *
 * The file is read twice, in 64 KiB blocks, line by line (physical lines
 * up to ICS_LINE_MAX; CRLF or LF). Pass 1 keeps the METHOD, turns each
 * VTIMEZONE into a zone and notes the keys of RECURRENCE-ID overrides.
 * Pass 2 cuts the text at BEGIN:VEVENT/END:VEVENT, checks it (UTF-8, no
 * NUL, size, nesting), hands it to icalparser_parse_string() and maps the
 * result (ics_event.c). Only one VEVENT's text and tree exist at a time,
 * so memory is bounded by ICS_COMPONENT_MAX whatever the file size.
 * ATTENDEE lines past ICS_ATTENDEES_KEPT are counted, not kept.
 * A stream that cannot seek is first copied to an unnamed temporary file.
 * Pass 1 reports only VTIMEZONE problems; pass 2 reports the rest, so
 * each problem is reported once.
 */
#define _GNU_SOURCE 1
#include "worthit/ics.h"
#include "worthit/ics_event.h"
#include "worthit/ics_zone.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

struct reader {
	FILE *in;
	char block[65536];
	size_t pos, len;
	bool is_eof;
	bool has_error;
	char *line;      /* current physical line, NUL-terminated, no EOL */
	size_t line_len, line_cap;
	bool is_too_long; /* the line was cut at ICS_LINE_MAX */
	int lineno;
};

static void line_append(struct reader *r, const char *s, size_t n)
{
	if (r->line_len + n > ICS_LINE_MAX) {
		r->is_too_long = true;
		n = ICS_LINE_MAX - r->line_len;
	}
	if (r->line_len + n + 1 > r->line_cap) {
		r->line_cap = (r->line_len + n + 1) * 2;
		r->line = xrealloc(r->line, r->line_cap);
	}
	memcpy(r->line + r->line_len, s, n);
	r->line_len += n;
}

/* 1: a line is ready; 0: end of input; -1: read error. */
static int reader_next(struct reader *r)
{
	r->line_len = 0;
	r->is_too_long = false;
	bool any = false;
	for (;;) {
		if (r->pos == r->len) {
			if (r->is_eof)
				break;
			r->len = fread(r->block, 1, sizeof r->block, r->in);
			r->pos = 0;
			if (r->len == 0) {
				r->is_eof = true;
				if (ferror(r->in)) {
					r->has_error = true;
					return -1;
				}
				break;
			}
		}
		any = true;
		char *start = r->block + r->pos;
		char *nl = memchr(start, '\n', r->len - r->pos);
		size_t n = nl ? (size_t)(nl - start) : r->len - r->pos;
		line_append(r, start, n);
		r->pos += n + (nl != NULL);
		if (nl != NULL)
			break;
	}
	if (!any)
		return 0;
	if (r->line_len > 0 && r->line[r->line_len - 1] == '\r')
		r->line_len--;
	if (r->line == NULL)
		line_append(r, "", 0);
	r->line[r->line_len] = '\0';
	r->lineno++;
	if (r->lineno == 1 && strncmp(r->line, "\xEF\xBB\xBF", 3) == 0) {
		memmove(r->line, r->line + 3, r->line_len - 2);
		r->line_len -= 3;
	}
	return 1;
}

/* ---- cutting the text into top-level components ---- */

enum pass { PASS_SCAN, PASS_EVENTS };

struct split {
	enum pass pass;
	int depth;            /* 0 outside VCALENDAR, 1 inside, >= 2 in a component */
	bool saw_calendar;
	bool is_collecting;
	char kind[32];        /* "VEVENT", "VTIMEZONE", ... */
	int start_line;
	char *text;
	size_t len, cap;
	const char *bad;      /* why this component is rejected, or NULL */
	int bad_line;
	long attendees_kept;
	bool is_dropping;     /* continuation lines of a dropped ATTENDEE */
	int text_prop;        /* enum ics_text_prop of the current line, or -1 */
	size_t prop_start;    /* offset in text where that line starts */
	struct ics_event_raw raw;
	uint64_t components;
};

struct ics_run {
	const struct import_options *opt;
	struct import_problems *problems;
	struct ics_event_ctx ev;
	struct split sp;
	struct reader rd;
	bool is_cancel;
	enum wit_status sink_status;
};

static bool name_is(const char *line, const char *name)
{
	size_t n = strlen(name);
	return strncasecmp(line, name, n) == 0 && (line[n] == ':' || line[n] == ';');
}

/* "BEGIN:VEVENT" -> copies "VEVENT" into kind (upper case). */
static void value_of(const char *line, char *kind, size_t len)
{
	const char *v = strchr(line, ':');
	v = v ? v + 1 : "";
	size_t i = 0;
	for (; v[i] && v[i] != ' ' && i + 1 < len; i++)
		kind[i] = (char)toupper((unsigned char)v[i]);
	kind[i] = '\0';
}

static bool is_top_kind(const char *k)
{
	switch (icalcomponent_string_to_kind(k)) {
	case ICAL_VEVENT_COMPONENT:
	case ICAL_VTODO_COMPONENT:
	case ICAL_VJOURNAL_COMPONENT:
	case ICAL_VFREEBUSY_COMPONENT:
	case ICAL_VTIMEZONE_COMPONENT:
	case ICAL_VCALENDAR_COMPONENT:
		return true;
	default:
		return false;
	}
}

static void text_append(struct split *sp, const char *s, size_t n, int lineno)
{
	if (sp->bad != NULL)
		return;
	if (sp->len + n + 3 > ICS_COMPONENT_MAX) {
		sp->bad = "is larger than 4 MiB";
		sp->bad_line = lineno;
		return;
	}
	if (sp->len + n + 3 > sp->cap) {
		sp->cap = (sp->len + n + 3) * 2;
		sp->text = xrealloc(sp->text, sp->cap);
	}
	memcpy(sp->text + sp->len, s, n);
	sp->len += n;
	memcpy(sp->text + sp->len, "\r\n", 3);
	sp->len += 2;
}

/* A folded line (RFC 5545 3.1): joined to the previous one here, so that
 * libical and the UTF-8 check see whole content lines. skip is 1 for a
 * proper fold (leading blank), 0 for a line that lost its blank. */
static void cont_append(struct split *sp, const char *s, size_t n, size_t skip, int lineno)
{
	if (sp->bad != NULL || sp->len < 2)
		return;
	sp->len -= 2;
	text_append(sp, s + skip, n - skip, lineno);
}

static void start_component(struct split *sp, const char *kind, int lineno)
{
	sp->is_collecting = true;
	snprintf(sp->kind, sizeof sp->kind, "%s", kind);
	sp->start_line = lineno;
	sp->len = 0;
	sp->bad = NULL;
	sp->bad_line = 0;
	sp->attendees_kept = 0;
	sp->is_dropping = false;
	sp->text_prop = -1;
	for (int k = 0; k < ICS_TEXT_PROPS; k++) {
		free(sp->raw.value[k]);
		sp->raw.value[k] = NULL;
	}
	sp->raw.attendees_dropped = 0;
	sp->depth = 2;
}

static bool too_many_problems(struct ics_run *run)
{
	return run->problems->len >= ICS_PROBLEMS_MAX;
}

__attribute__((format(printf, 3, 4)))
static void problem(struct ics_run *run, int line, const char *fmt, ...)
{
	if (run->sp.pass != PASS_EVENTS || too_many_problems(run))
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	import_problems_add(run->problems, line, "%s", msg);
}

/* Offset of the first byte that is not valid UTF-8 (RFC 3629; no
 * overlongs, surrogates or code points past U+10FFFF), or len. */
static size_t utf8_check(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3, min = 0x10000;
		} else {
			return i;
		}
		unsigned cp = c & (0x3F >> n);
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

static int line_at(const struct split *sp, size_t offset)
{
	int line = sp->start_line;
	for (size_t i = 0; i < offset; i++)
		line += sp->text[i] == '\n';
	return line;
}

/* Windows-1252 0x80..0x9F as Unicode; 0 = undefined in that charset. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/*
 * Text must be UTF-8 (RFC 5545 3.1.4). An event whose bytes are not
 * is read as Windows-1252, the usual charset of old Outlook and Latin-1
 * exports: each byte that is not part of a valid UTF-8 sequence becomes
 * its Windows-1252 character. Control characters other than tab, CR and
 * LF, and bytes Windows-1252 leaves undefined, mean binary data: NULL is
 * returned with *bad at the offending offset. Caller frees the result.
 */
static char *to_utf8(const char *text, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)text;
	char *out = xmalloc(len * 3 + 1);
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') {
			*bad = i;
			free(out);
			return NULL;
		}
		size_t ok = utf8_check(s + i, len - i);
		if (ok > 0) {
			/* copy the valid run, checking it for control bytes */
			size_t j = 0;
			while (j < ok && (s[i + j] >= 0x20 || s[i + j] == '\t' || s[i + j] == '\r' ||
			                  s[i + j] == '\n'))
				j++;
			memcpy(out + o, s + i, j);
			o += j;
			i += j;
			continue;
		}
		unsigned cp = s[i] >= 0xA0 ? s[i] : cp1252_high[s[i] - 0x80];
		if (cp == 0) {
			*bad = i;
			free(out);
			return NULL;
		}
		if (cp < 0x800) {
			out[o++] = (char)(0xC0 | (cp >> 6));
		} else {
			out[o++] = (char)(0xE0 | (cp >> 12));
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		}
		out[o++] = (char)(0x80 | (cp & 0x3F));
		i++;
	}
	out[o] = '\0';
	return out;
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void scan_component(struct ics_run *run)
{
	struct split *sp = &run->sp;
	if (sp->bad != NULL)
		return;
	bool is_zone = strcmp(sp->kind, "VTIMEZONE") == 0;
	bool is_override = strcmp(sp->kind, "VEVENT") == 0 &&
	                   strcasestr(sp->text, "\nRECURRENCE-ID") != NULL;
	if (!is_zone && !is_override)
		return;
	icalcomponent *c = icalparser_parse_string(sp->text);
	if (c == NULL)
		return;
	if (is_zone && icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT) {
		/* a VTIMEZONE without TZID cannot be referred to: ignored */
		char *why = NULL;
		bool has_tzid = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY) != NULL;
		if (ics_zones_add(run->ev.zones, c, &why) != WIT_OK && has_tzid &&
		    !too_many_problems(run))
			import_problems_add(run->problems, sp->start_line, "%s", why);
		free(why);
		return;
	}
	if (is_override && icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT)
		ics_event_overrides_note(run->ev.overrides, c);
	icalcomponent_free(c);
}

static void event_component(struct ics_run *run)
{
	struct split *sp = &run->sp;
	if (strcmp(sp->kind, "VEVENT") != 0)
		return;
	if (sp->bad != NULL) {
		problem(run, sp->bad_line, "VEVENT starting at line %d %s", sp->start_line, sp->bad);
		return;
	}
	for (size_t i = 0; i < sp->len; i++) {
		unsigned char b = (unsigned char)sp->text[i];
		if (b < 0x20 && b != '\t' && b != '\r' && b != '\n') {
			problem(run, line_at(sp, i), "binary data: control byte 0x%02X in VEVENT", b);
			return;
		}
	}
	const char *text = sp->text;
	char *converted = NULL;
	if (utf8_check((const unsigned char *)sp->text, sp->len) < sp->len) {
		size_t bad = 0;
		converted = to_utf8(sp->text, sp->len, &bad);
		if (converted == NULL) {
			problem(run, line_at(sp, bad),
			        "binary data: byte 0x%02X is neither UTF-8 nor Windows-1252 text",
			        (unsigned char)sp->text[bad]);
			return;
		}
		text = converted;
		for (int k = 0; k < ICS_TEXT_PROPS; k++) {
			char *v = sp->raw.value[k];
			size_t b;
			sp->raw.value[k] = v ? to_utf8(v, strlen(v), &b) : NULL;
			free(v);
		}
	}
	double t0 = now_sec();
	icalcomponent *c = icalparser_parse_string(text);
	free(converted);
	double t1 = now_sec();
	run->ev.stats->parse_sec += t1 - t0;
	if (c == NULL || icalcomponent_isa(c) != ICAL_VEVENT_COMPONENT) {
		problem(run, sp->start_line, "VEVENT cannot be parsed");
		if (c != NULL)
			icalcomponent_free(c);
		return;
	}
	double sink_before = run->ev.stats->sink_sec;
	enum wit_status st = ics_event_emit(&run->ev, c, sp->start_line, &sp->raw);
	icalcomponent_free(c);
	double t2 = now_sec();
	run->ev.stats->expand_sec += t2 - t1 - (run->ev.stats->sink_sec - sink_before);
	if (st != WIT_OK && run->sink_status == WIT_OK)
		run->sink_status = st;
}

static void finish_component(struct ics_run *run)
{
	run->sp.is_collecting = false;
	run->sp.depth = 1;
	run->sp.components++;
	if (run->sp.pass == PASS_SCAN)
		scan_component(run);
	else
		event_component(run);
}

/* When a SUMMARY, LOCATION or DESCRIPTION line has ended, keep its
 * value as written: libical strips leading and trailing blanks, which
 * RFC 5545 TEXT keeps, and unescapes values of unknown VALUE types,
 * which RFC 5545 3.2.20 says to keep as they are. */
static void note_value(struct split *sp)
{
	int k = sp->text_prop;
	sp->text_prop = -1;
	if (k < 0 || sp->raw.value[k] != NULL || sp->bad != NULL || sp->len < 2)
		return;
	const char *line = sp->text + sp->prop_start;
	const char *end = sp->text + sp->len - 2;
	bool is_quoted = false;
	const char *v = line;
	for (; v < end && (*v != ':' || is_quoted); v++)
		if (*v == '"')
			is_quoted = !is_quoted;
	if (v < end)
		sp->raw.value[k] = xstrndup(v + 1, (size_t)(end - v - 1));
}

/* NAME[;params]:value with NAME an iana-token or x-name (RFC 5545 3.1). */
static bool is_content_line(const char *line)
{
	const char *s = line;
	while (isalnum((unsigned char)*s) || *s == '-')
		s++;
	return s > line && (*s == ':' || *s == ';');
}

static void begin_line(struct ics_run *run, const char *line, int lineno)
{
	struct split *sp = &run->sp;
	char kind[32];
	value_of(line, kind, sizeof kind);
	if (sp->is_collecting && is_top_kind(kind)) {
		/* BEGIN:VEVENT inside a VEVENT: the previous one never ended */
		if (strcmp(sp->kind, "VEVENT") == 0)
			problem(run, sp->start_line, "VEVENT has no END:VEVENT before line %d",
			        lineno);
		sp->is_collecting = false;
		sp->depth = 1;
	}
	if (sp->is_collecting) {
		note_value(sp);
		if (++sp->depth > ICS_DEPTH_MAX + 1 && sp->bad == NULL) {
			sp->bad = "nests components too deeply";
			sp->bad_line = lineno;
		}
		text_append(sp, line, strlen(line), lineno);
		return;
	}
	if (strcmp(kind, "VCALENDAR") == 0) {
		sp->saw_calendar = true;
		sp->depth = 1;
		return;
	}
	start_component(sp, kind, lineno);
	text_append(sp, line, strlen(line), lineno);
}

static void end_line(struct ics_run *run, const char *line, int lineno)
{
	struct split *sp = &run->sp;
	if (sp->is_collecting) {
		note_value(sp);
		text_append(sp, line, strlen(line), lineno);
		if (--sp->depth <= 1)
			finish_component(run);
		return;
	}
	char kind[32];
	value_of(line, kind, sizeof kind);
	if (strcmp(kind, "VCALENDAR") == 0 && sp->depth == 1)
		sp->depth = 0;
	else
		problem(run, lineno, "%s without a matching BEGIN", line);
}

/* A content line of the calendar itself (depth 1). */
static void calendar_line(struct ics_run *run, const char *line, int lineno)
{
	if (run->sp.pass == PASS_SCAN && name_is(line, "METHOD")) {
		const char *v = strchr(line, ':');
		run->is_cancel = v != NULL && strncasecmp(v + 1, "CANCEL", 6) == 0;
	}
	if (strchr(line, ':') == NULL && line[0] != '\0')
		problem(run, lineno, "not a content line (no ':'): %.60s", line);
}

static void property_line(struct ics_run *run, const char *line, size_t len, int lineno)
{
	struct split *sp = &run->sp;
	bool is_cont = line[0] == ' ' || line[0] == '\t';
	if (!sp->is_collecting) {
		if (sp->depth == 1 && !is_cont)
			calendar_line(run, line, lineno);
		else if (sp->depth == 0 && len > 0 && !is_cont)
			problem(run, lineno, "text outside BEGIN:VCALENDAR: %.60s", line);
		return;
	}
	if (is_cont || !is_content_line(line)) {
		/* a line that is not a content line lost its folding blank:
		 * joined like a fold rather than dropped */
		if (!sp->is_dropping)
			cont_append(sp, line, len, is_cont ? 1 : 0, lineno);
		return;
	}
	sp->is_dropping = false;
	note_value(sp);
	if (sp->depth == 2)
		sp->text_prop = name_is(line, "SUMMARY")       ? ICS_SUMMARY
		                : name_is(line, "LOCATION")    ? ICS_LOCATION
		                : name_is(line, "DESCRIPTION") ? ICS_DESCRIPTION
		                                               : -1;
	sp->prop_start = sp->len;
	if (sp->depth == 2 && name_is(line, "ATTENDEE")) {
		if (sp->attendees_kept >= ICS_ATTENDEES_KEPT) {
			sp->raw.attendees_dropped++;
			sp->is_dropping = true;
			return;
		}
		sp->attendees_kept++;
	}
	text_append(sp, line, len, lineno);
}

static void handle_line(struct ics_run *run)
{
	struct reader *rd = &run->rd;
	struct split *sp = &run->sp;
	if (memchr(rd->line, '\0', rd->line_len) != NULL) {
		if (sp->is_collecting && sp->bad == NULL) {
			sp->bad = "contains a NUL byte (binary data)";
			sp->bad_line = rd->lineno;
		} else if (!sp->is_collecting) {
			problem(run, rd->lineno, "binary data (NUL byte) in the file");
		}
		return;
	}
	if (rd->is_too_long) {
		if (sp->is_collecting && sp->bad == NULL) {
			sp->bad = "has a line longer than 1 MiB";
			sp->bad_line = rd->lineno;
		} else if (!sp->is_collecting) {
			problem(run, rd->lineno, "line longer than 1 MiB");
		}
		return;
	}
	const char *line = rd->line;
	if (name_is(line, "BEGIN"))
		begin_line(run, line, rd->lineno);
	else if (name_is(line, "END"))
		end_line(run, line, rd->lineno);
	else
		property_line(run, line, rd->line_len, rd->lineno);
}

static enum wit_status run_pass(struct ics_run *run, enum pass pass, off_t start, char **why)
{
	if (fseeko(run->rd.in, start, SEEK_SET) != 0)
		return wit_fail(why, WIT_IOERR, "%s: cannot seek: %s", run->opt->source_name,
		                strerror(errno));
	run->rd.pos = run->rd.len = 0;
	run->rd.is_eof = false;
	run->rd.lineno = 0;
	struct split keep = run->sp;
	for (int k = 0; k < ICS_TEXT_PROPS; k++)
		free(keep.raw.value[k]);
	memset(&run->sp, 0, sizeof run->sp);
	run->sp.text = keep.text;
	run->sp.cap = keep.cap;
	run->sp.pass = pass;
	int r;
	while ((r = reader_next(&run->rd)) == 1) {
		handle_line(run);
		if (run->sink_status != WIT_OK)
			return run->sink_status;
		if (too_many_problems(run))
			return wit_fail(why, WIT_DATA, "more than %d problems; stopped at line %d",
			                ICS_PROBLEMS_MAX, run->rd.lineno);
	}
	if (r < 0)
		return wit_fail(why, WIT_IOERR, "%s: read error: %s", run->opt->source_name,
		                strerror(errno));
	if (run->sp.is_collecting)
		problem(run, run->sp.start_line, "%s has no END:%s (truncated file?)", run->sp.kind,
		        run->sp.kind);
	return WIT_OK;
}

/* A stream that cannot seek is copied to a temporary file first. */
static FILE *seekable(FILE *in, bool *is_copy, char **why)
{
	struct stat st;
	*is_copy = false;
	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		return in;
	FILE *tmp = tmpfile();
	if (tmp == NULL) {
		wit_fail(why, WIT_IOERR, "cannot create a temporary file: %s", strerror(errno));
		return NULL;
	}
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
		if (fwrite(buf, 1, n, tmp) != n) {
			wit_fail(why, WIT_IOERR, "cannot write a temporary file: %s", strerror(errno));
			fclose(tmp);
			return NULL;
		}
	}
	if (ferror(in)) {
		wit_fail(why, WIT_IOERR, "read error: %s", strerror(errno));
		fclose(tmp);
		return NULL;
	}
	*is_copy = true;
	return tmp;
}

enum wit_status ics_parse(FILE *in, const struct import_options *opt, import_sink_fn sink,
                          void *sink_ctx, struct import_problems *problems,
                          struct ics_stats *stats, char **why)
{
	struct ics_stats local_stats;
	if (stats == NULL)
		stats = &local_stats;
	memset(stats, 0, sizeof *stats);
	icalerror_set_errors_are_fatal(0);
	bool is_copy;
	FILE *f = seekable(in, &is_copy, why);
	if (f == NULL)
		return WIT_IOERR;
	off_t start = is_copy ? 0 : ftello(f);
	if (start < 0)
		start = 0;
	struct ics_run run = {0};
	run.opt = opt;
	run.problems = problems;
	run.rd.in = f;
	run.ev.zones = ics_zones_new();
	run.ev.overrides = ics_event_overrides_new();
	run.ev.opt = opt;
	run.ev.sink = sink;
	run.ev.sink_ctx = sink_ctx;
	run.ev.problems = problems;
	run.ev.stats = stats;
	double t0 = now_sec();
	enum wit_status st = run_pass(&run, PASS_SCAN, start, why);
	if (st == WIT_OK && !run.sp.saw_calendar && run.sp.components == 0)
		st = wit_fail(why, WIT_DATA, "%s: not iCalendar: no BEGIN:VCALENDAR",
		              opt->source_name);
	ics_event_overrides_resolve(run.ev.overrides, run.ev.zones);
	run.ev.is_cancel_method = run.is_cancel;
	stats->scan_sec = now_sec() - t0;
	if (st == WIT_OK)
		st = run_pass(&run, PASS_EVENTS, start, why);
	stats->components = run.sp.components;
	free(run.sp.text);
	for (int k = 0; k < ICS_TEXT_PROPS; k++)
		free(run.sp.raw.value[k]);
	free(run.rd.line);
	ics_zones_free(run.ev.zones);
	ics_event_overrides_free(run.ev.overrides);
	if (is_copy)
		fclose(f);
	return st;
}
