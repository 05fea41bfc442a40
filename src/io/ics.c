/*
 * ics.c: streaming iCalendar import (RFC 5545 3.4, 3.6; iTIP RFC 5546)
 * with libical, one top-level component at a time. See ics.h.
 *
 * The file is read twice, line by line (ics_reader.c: 64 KiB blocks,
 * physical lines up to ICS_LINE_MAX; CRLF or LF). Pass 1 keeps the
 * METHOD, turns each VTIMEZONE into a zone and notes the RECURRENCE-ID
 * overrides (ics_overrides.c). Pass 2 cuts the text at
 * BEGIN:VEVENT/END:VEVENT, checks it (ics_text.c: UTF-8 or Windows-1252,
 * no control bytes; here: no NUL, size, nesting), hands it to
 * icalparser_parse_string() and maps the result (ics_event.c). Only one
 * VEVENT's text and tree exist at a time, so memory is bounded by
 * ICS_COMPONENT_MAX whatever the file size (plus the texts of
 * RANGE=THISANDFUTURE overrides, ICS_RANGE_BYTES_MAX at most).
 * ATTENDEE lines past ICS_ATTENDEES_KEPT are counted, not kept.
 * A stream that cannot seek is first copied to an unnamed temporary file.
 * Pass 1 reports only VTIMEZONE problems and overrides past the limits;
 * pass 2 reports the rest, so each problem is reported once.
 */
#include "worthit/ics.h"
#include "worthit/ics_event.h"
#include "worthit/ics_reader.h"
#include "worthit/ics_text.h"
#include "worthit/ics_zone.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

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
	bool has_rid;         /* the component has a RECURRENCE-ID line */
	uint64_t components;
	/* parts (ics_parse_part): pass 2 numbers the top-level components
	 * as they begin; each falls to one part */
	uint64_t n_begun;
	bool in_component;    /* from its BEGIN until it is finished or given up */
	bool is_mine;         /* the current component falls to this part */
};

struct ics_run {
	const struct import_options *opt;
	struct import_problems *problems;
	struct ics_event_ctx ev;
	struct split sp;
	struct ics_reader rd;
	bool is_cancel;
	enum wit_status sink_status;
	bool is_oom;          /* libical failed an allocation (ICAL_NEWFAILED_ERROR) */
	unsigned part, parts; /* this run parses the components of part `part` */
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
	if (sp->bad != NULL || !sp->is_mine)
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

/* The part a component falls to: its number scattered (Fibonacci
 * hashing), so that a file whose events come in a pattern (a series, its
 * override, a series...) still gives every part a like share. */
static unsigned part_of(uint64_t index, unsigned parts)
{
	return (unsigned)(((index * UINT64_C(0x9E3779B97F4A7C15)) >> 32) % parts);
}

/*
 * With parts, what pass 2 finds is stamped with its position
 * (import_problems_at), by which the parts are merged: 2k + 1 inside the
 * k-th top-level component, 2k + 2 after it (the calendar's own lines
 * up to the next one), 0 before the first.
 */
static void set_pos(struct ics_run *run)
{
	struct split *sp = &run->sp;
	if (run->parts > 1 && sp->pass == PASS_EVENTS)
		import_problems_at(run->problems, 2 * sp->n_begun - (sp->in_component ? 1 : 0));
}

static void start_component(struct ics_run *run, const char *kind, int lineno)
{
	struct split *sp = &run->sp;
	sp->in_component = true;
	sp->is_mine = sp->pass == PASS_SCAN || run->parts <= 1 ||
	              part_of(sp->n_begun, run->parts) == run->part;
	sp->n_begun++;
	set_pos(run);
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
	sp->has_rid = false;
	sp->depth = 2;
}

static bool too_many_problems(struct ics_run *run)
{
	return run->problems->len >= ICS_PROBLEMS_MAX;
}

/* A problem with a component is reported by the part it falls to; one
 * with the calendar itself by part 0. */
static bool is_mine_to_say(const struct ics_run *run)
{
	return run->sp.in_component ? run->sp.is_mine : run->part == 0;
}

__attribute__((format(printf, 3, 4)))
static void problem(struct ics_run *run, int line, const char *fmt, ...)
{
	if (run->sp.pass != PASS_EVENTS || too_many_problems(run) || !is_mine_to_say(run))
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	import_problems_add(run->problems, line, "%s", msg);
}

static int line_at(const struct split *sp, size_t offset)
{
	int line = sp->start_line;
	for (size_t i = 0; i < offset; i++)
		line += sp->text[i] == '\n';
	return line;
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
	bool is_override = sp->has_rid && strcmp(sp->kind, "VEVENT") == 0;
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
		    !too_many_problems(run) && run->part == 0)
			import_problems_add(run->problems, sp->start_line, "%s", why);
		free(why);
		return;
	}
	if (is_override && icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT &&
	    !ics_overrides_note(run->ev.overrides, c, sp->text, sp->start_line) &&
	    !too_many_problems(run) && run->part == 0)
		import_problems_add(run->problems, sp->start_line,
		                    "VEVENT: more than %d RANGE=THISANDFUTURE overrides (or %u MiB "
		                    "of them) in one file", ICS_RANGES_MAX, ICS_RANGE_BYTES_MAX >> 20);
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
	size_t ctl = ics_text_control_byte(sp->text, sp->len);
	if (ctl < sp->len) {
		problem(run, line_at(sp, ctl), "binary data: control byte 0x%02X in VEVENT",
		        (unsigned char)sp->text[ctl]);
		return;
	}
	const char *text = sp->text;
	char *converted = NULL;
	if (ics_text_utf8_check((const unsigned char *)sp->text, sp->len) < sp->len) {
		size_t bad = 0;
		converted = ics_text_to_utf8(sp->text, sp->len, &bad);
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
			sp->raw.value[k] = v ? ics_text_to_utf8(v, strlen(v), &b) : NULL;
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
	/* libical drops what it cannot allocate (a property, a value) and
	 * goes on, and a half-parsed event must not be stored as if whole.
	 * icalerrno tells in most of its paths, not all (a zone, a
	 * parameter's string): the complete check is the sandbox's count of
	 * failed allocations (alloc_watch.h); this one remains for builds
	 * without it (ASan) and for parsing outside the sandbox */
	icalerrno = ICAL_NO_ERROR;
	if (run->sp.pass == PASS_SCAN)
		scan_component(run);
	else if (run->sp.is_mine)
		event_component(run);
	run->sp.in_component = false;
	set_pos(run);
	run->is_oom = run->is_oom || icalerrno == ICAL_NEWFAILED_ERROR;
}

/* When a SUMMARY, LOCATION or DESCRIPTION line has ended, keep its
 * value as written: libical strips leading and trailing blanks, which
 * RFC 5545 TEXT keeps, and unescapes values of unknown VALUE types,
 * which RFC 5545 3.2.20 says to keep as they are. */
static void note_value(struct split *sp)
{
	int k = sp->text_prop;
	sp->text_prop = -1;
	if (k < 0 || sp->raw.value[k] != NULL || sp->bad != NULL || sp->len < 2 || !sp->is_mine)
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

/* The property names the splitter looks at in an event's own lines. */
enum line_name {
	NAME_OTHER, NAME_SUMMARY, NAME_LOCATION, NAME_DESCRIPTION, NAME_ATTENDEE,
	NAME_RECURRENCE_ID
};

/* One comparison per line at most: by first letter, then the name. */
static enum line_name line_name_of(const char *line)
{
	switch (line[0] | 0x20) {
	case 's': return name_is(line, "SUMMARY") ? NAME_SUMMARY : NAME_OTHER;
	case 'l': return name_is(line, "LOCATION") ? NAME_LOCATION : NAME_OTHER;
	case 'd': return name_is(line, "DESCRIPTION") ? NAME_DESCRIPTION : NAME_OTHER;
	case 'a': return name_is(line, "ATTENDEE") ? NAME_ATTENDEE : NAME_OTHER;
	case 'r': return name_is(line, "RECURRENCE-ID") ? NAME_RECURRENCE_ID : NAME_OTHER;
	default: return NAME_OTHER;
	}
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
		sp->in_component = false;
		set_pos(run);
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
	start_component(run, kind, lineno);
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
	enum line_name name = sp->depth == 2 ? line_name_of(line) : NAME_OTHER;
	sp->text_prop = name == NAME_SUMMARY       ? ICS_SUMMARY
	                : name == NAME_LOCATION    ? ICS_LOCATION
	                : name == NAME_DESCRIPTION ? ICS_DESCRIPTION
	                                           : -1;
	sp->has_rid = sp->has_rid || name == NAME_RECURRENCE_ID;
	sp->prop_start = sp->len;
	if (name == NAME_ATTENDEE) {
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
	struct ics_reader *rd = &run->rd;
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
	char first = (char)(line[0] | 0x20);
	if (first == 'b' && name_is(line, "BEGIN"))
		begin_line(run, line, rd->lineno);
	else if (first == 'e' && name_is(line, "END"))
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
	while ((r = ics_reader_next(&run->rd)) == 1) {
		handle_line(run);
		if (run->is_oom)
			return wit_fail(why, WIT_SOFTWARE, "out of memory inside libical at line %d of %s",
			                run->rd.lineno, run->opt->source_name);
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

/* RFC 5545 3.2.19: a TZID with no VTIMEZONE and no known zone. Read as
 * local time (floating), like other programs do, but said once. */
static void say_unknown(void *arg, const char *tzid)
{
	import_problems_note(arg, 0, "TZID \"%s\" unknown: read as local time", tzid);
}

/* A stream that cannot seek is copied to a temporary file first; a
 * regular file and a memory stream are read as they are. */
static FILE *seekable(FILE *in, bool *is_copy, char **why)
{
	struct stat st;
	*is_copy = false;
	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		return in;
	if (fileno(in) < 0 && fseeko(in, 0, SEEK_CUR) == 0)
		return in; /* a memory stream (fmemopen: a mail's calendar part) */
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

static int by_message(const void *a, const void *b)
{
	const struct import_problem *pa = a, *pb = b;
	return strcmp(pa->message, pb->message);
}

/* The unknown TZIDs, said once each, in the order of their messages:
 * the parts of one file (ics_parse_part) each say those they met, and
 * their merge (sandbox.h) then gives what one run would. */
static void say_unknown_zones(struct ics_run *run)
{
	size_t before = run->problems->n_notes;
	ics_zones_say_unknown(run->ev.zones, say_unknown, run->problems);
	qsort(run->problems->notes + before, run->problems->n_notes - before,
	      sizeof *run->problems->notes, by_message);
}

void ics_stats_add(struct ics_stats *into, const struct ics_stats *part)
{
	into->components += part->components;
	into->events += part->events;
	into->occurrences += part->occurrences;
	into->outside += part->outside;
	into->scan_sec += part->scan_sec;
	into->parse_sec += part->parse_sec;
	into->expand_sec += part->expand_sec;
	into->sink_sec += part->sink_sec;
}

enum wit_status ics_parse(FILE *in, const struct import_options *opt, import_sink_fn sink,
                          void *sink_ctx, struct import_problems *problems,
                          struct ics_stats *stats, char **why)
{
	return ics_parse_part(in, opt, 0, 1, sink, sink_ctx, problems, stats, why);
}

enum wit_status ics_parse_part(FILE *in, const struct import_options *opt, unsigned part,
                               unsigned parts, import_sink_fn sink, void *sink_ctx,
                               struct import_problems *problems, struct ics_stats *stats,
                               char **why)
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
	/* zeroed but for the reader's 64 KiB block, which is only ever read
	 * after being filled: a mail import calls this once per calendar
	 * part, and clearing the block cost more than parsing a small one */
	struct ics_run run;
	size_t block_at = offsetof(struct ics_run, rd) + offsetof(struct ics_reader, block);
	size_t block_end = block_at + sizeof run.rd.block;
	memset(&run, 0, block_at);
	memset((char *)&run + block_end, 0, sizeof run - block_end);
	run.opt = opt;
	run.part = parts > 1 && part < parts ? part : 0;
	run.parts = parts > 1 ? parts : 1;
	run.problems = problems;
	run.rd.in = f;
	run.ev.zones = ics_zones_new();
	run.ev.overrides = ics_overrides_new();
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
	ics_overrides_resolve(run.ev.overrides, run.ev.zones);
	run.ev.is_cancel_method = run.is_cancel;
	stats->scan_sec = now_sec() - t0;
	if (st == WIT_OK)
		st = run_pass(&run, PASS_EVENTS, start, why);
	if (st == WIT_OK)
		say_unknown_zones(&run);
	stats->components = run.part == 0 ? run.sp.components : 0; /* all parts read them all */
	free(run.sp.text);
	for (int k = 0; k < ICS_TEXT_PROPS; k++)
		free(run.sp.raw.value[k]);
	free(run.rd.line);
	ics_zones_free(run.ev.zones);
	ics_event_ctx_done(&run.ev);
	ics_overrides_free(run.ev.overrides);
	if (is_copy)
		fclose(f);
	return st;
}
