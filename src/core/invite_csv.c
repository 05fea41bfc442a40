/*
 * invite_csv.c: invitations in and out as CSV (RFC 4180; see
 * invite_csv.h and docs/formats.md, "## CSV"). Pure core: no I/O.
 *
 * Reading: a small state machine splits the text into records (RFC 4180
 * section 2: fields separated by commas, records by CRLF or LF, quoted
 * fields with "" for a quote and line breaks allowed inside). A quote
 * inside an unquoted field is kept as a character, as most spreadsheet
 * programs write it; text after a closing quote is an error. Each record
 * is turned into a cJSON object (empty fields left out) and validated by
 * invite_json_item_parse(), so CSV and JSON accept the same values.
 * Memory is bounded by one record (fields up to INVITE_CSV_FIELD_MAX).
 *
 * Writing: every field is quoted when it holds a comma, quote, CR or LF
 * or starts or ends with a blank; records end in CRLF.
 */
#include "worthit/invite_csv.h"
#include "worthit/invite_json.h"
#include "worthit/invite_json_item.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum ctype { C_TEXT, C_INT, C_BOOL, C_ATTENDEES, C_AUDIENCE };

static const struct column {
	const char *name;
	enum ctype type;
} columns[] = {
	{"id", C_INT}, {"uid", C_TEXT}, {"recurrence_id", C_TEXT}, {"title", C_TEXT},
	{"organizer", C_TEXT}, {"series", C_TEXT}, {"kind", C_TEXT}, {"status", C_TEXT},
	{"starts_at", C_TEXT}, {"ends_at", C_TEXT}, {"duration_min", C_INT},
	{"all_day", C_BOOL}, {"tzid", C_TEXT}, {"location", C_TEXT}, {"reach", C_TEXT},
	{"is_virtual", C_BOOL}, {"travel_min", C_INT}, {"prep_min", C_INT},
	{"ticket", C_TEXT}, {"currency", C_TEXT}, {"expected_attendance", C_INT},
	{"speaking", C_BOOL}, {"speaking_fee", C_TEXT}, {"sequence", C_INT},
	{"source_file", C_TEXT}, {"description", C_TEXT}, {"url", C_TEXT},
	{"categories", C_TEXT}, {"attendees", C_ATTENDEES}, {"audience", C_AUDIENCE},
};
#define N_COLUMNS (sizeof columns / sizeof *columns)
#define IGNORED (-1)

/* ---- splitting records ---- */

struct record {
	char *buf;        /* fields, each NUL-terminated, one after another */
	size_t len, cap;
	size_t *start;    /* offset of each field in buf */
	size_t n, n_cap;
	const char *bad;  /* why the record is unusable, or NULL */
	size_t bad_field; /* 0-based field the problem is in */
};

struct reader {
	const char *text;
	size_t len, pos;
	int line;         /* line of pos */
};

static void rec_put(struct record *r, char c)
{
	if (r->len + 1 >= r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->buf = xrealloc(r->buf, r->cap);
	}
	r->buf[r->len++] = c;
}

static void rec_begin_field(struct record *r)
{
	if (r->n == r->n_cap) {
		r->n_cap = r->n_cap ? r->n_cap * 2 : 32;
		r->start = xreallocarray(r->start, r->n_cap, sizeof *r->start);
	}
	r->start[r->n++] = r->len;
}

static void rec_char(struct record *r, char c)
{
	size_t field_len = r->len - r->start[r->n - 1];
	if (r->bad != NULL)
		return;
	if (c == '\0') {
		r->bad = "contains a NUL byte (binary data)";
		r->bad_field = r->n - 1;
	} else if (field_len >= INVITE_CSV_FIELD_MAX) {
		r->bad = "longer than 1 MiB";
		r->bad_field = r->n - 1;
	} else {
		rec_put(r, c);
	}
}

static const char *field(const struct record *r, size_t i)
{
	return r->buf + r->start[i];
}

/* Read one record. 1: got one; 0: end of text; -1: a quoted field never
 * ends (problem added). *line is where the record starts. */
static int next_record(struct reader *rd, struct record *r, int *line,
                       struct import_problems *problems)
{
	r->len = r->n = 0;
	r->bad = NULL;
	if (rd->pos >= rd->len)
		return 0;
	*line = rd->line;
	rec_begin_field(r);
	bool is_quoted = false, after_quote = false, at_start = true;
	while (rd->pos < rd->len) {
		char c = rd->text[rd->pos++];
		if (c == '\n')
			rd->line++;
		if (is_quoted) {
			if (c != '"') {
				rec_char(r, c);
			} else if (rd->pos < rd->len && rd->text[rd->pos] == '"') {
				rec_char(r, '"');
				rd->pos++;
			} else {
				is_quoted = false;
				after_quote = true;
			}
			continue;
		}
		if (c == '\r' && rd->pos < rd->len && rd->text[rd->pos] == '\n')
			continue;
		if (c == '\n')
			break;
		if (c == ',') {
			rec_put(r, '\0');
			rec_begin_field(r);
			at_start = true;
			after_quote = false;
			continue;
		}
		if (c == '"' && at_start) {
			is_quoted = true;
			at_start = false;
			continue;
		}
		if (after_quote && r->bad == NULL) {
			r->bad = "text after the closing quote (write \"\" for a quote inside a "
			         "quoted field)";
			r->bad_field = r->n - 1;
		}
		at_start = false;
		rec_char(r, c);
	}
	rec_put(r, '\0');
	if (is_quoted) {
		import_problems_add(problems, *line, "a quoted field starting on this line never "
		                                     "ends (a missing closing quote)");
		return -1;
	}
	return 1;
}

static bool is_blank_record(const struct record *r)
{
	return r->n == 1 && field(r, 0)[0] == '\0' && r->bad == NULL;
}

/* ---- the header ---- */

static bool read_header(const struct record *r, int line, int *map,
                        struct import_problems *problems)
{
	bool ok = true, seen[N_COLUMNS] = {false};
	if (r->n > INVITE_CSV_COLUMNS_MAX) {
		import_problems_add(problems, line, "the header has %zu columns, at most %d", r->n,
		                    INVITE_CSV_COLUMNS_MAX);
		return false;
	}
	for (size_t i = 0; i < r->n; i++) {
		char name[64];
		const char *f = field(r, i);
		f += strspn(f, " \t");
		snprintf(name, sizeof name, "%s", f);
		for (size_t n = strlen(name); n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t');)
			name[--n] = '\0';
		map[i] = IGNORED;
		if (invite_json_item_is_extension(name))
			continue;
		size_t c = 0;
		while (c < N_COLUMNS && strcasecmp(columns[c].name, name) != 0)
			c++;
		if (c == N_COLUMNS) {
			import_problems_add(problems, line, "column %zu \"%.40s\": unknown column "
			                    "(extensions start with x_)", i + 1, name);
			ok = false;
		} else if (seen[c]) {
			import_problems_add(problems, line, "column %zu \"%s\": given twice", i + 1, name);
			ok = false;
		} else {
			seen[c] = true;
			map[i] = (int)c;
		}
	}
	const char *needed[] = {"title", "starts_at"};
	for (size_t k = 0; k < 2 && ok; k++) {
		size_t c = 0;
		while (strcmp(columns[c].name, needed[k]) != 0)
			c++;
		if (!seen[c]) {
			import_problems_add(problems, line, "the header has no %s column (every "
			                    "invitation needs one)", needed[k]);
			ok = false;
		}
	}
	return ok;
}

/* ---- one record to a JSON object ---- */

static bool to_int(const char *s, cJSON **out)
{
	const char *p = s + (*s == '-');
	size_t n = strspn(p, "0123456789");
	if (n == 0 || n > 15 || p[n] != '\0')
		return false;
	*out = cJSON_CreateNumber(strtod(s, NULL));
	return true;
}

static bool to_bool(const char *s, cJSON **out)
{
	static const char *const yes[] = {"true", "yes", "1"}, *const no[] = {"false", "no", "0"};
	for (size_t i = 0; i < 3; i++) {
		if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
			*out = cJSON_CreateBool(strcasecmp(s, yes[i]) == 0);
			return true;
		}
	}
	return false;
}

static cJSON *to_attendees(const char *s)
{
	cJSON *arr = cJSON_CreateArray();
	while (*s) {
		size_t n = strcspn(s, "\r\n");
		if (n > 0) {
			char *one = xstrndup(s, n);
			cJSON_AddItemToArray(arr, cJSON_CreateString(one));
			free(one);
		}
		s += n;
		s += strspn(s, "\r\n");
	}
	return arr;
}

/* "[~]dimension:segment=share" entries separated by ';' or line breaks.
 * NULL with *bad_entry (1-based) on a malformed entry. */
static cJSON *to_audience(const char *s, int *bad_entry)
{
	cJSON *arr = cJSON_CreateArray();
	char *copy = xstrdup(s), *save = NULL;
	int i = 0;
	for (char *e = strtok_r(copy, ";\r\n", &save); e; e = strtok_r(NULL, ";\r\n", &save)) {
		e += strspn(e, " \t");
		if (*e == '\0')
			continue;
		i++;
		bool second = *e == '~';
		e += second;
		char *colon = strchr(e, ':'), *eq = colon ? strchr(colon, '=') : NULL, *end = NULL;
		double share = eq ? strtod(eq + 1, &end) : 0;
		while (end != NULL && (*end == ' ' || *end == '\t'))
			end++;
		if (colon == NULL || eq == NULL || end == eq + 1 || *end != '\0' || !isfinite(share)) {
			*bad_entry = i;
			cJSON_Delete(arr);
			free(copy);
			return NULL;
		}
		*colon = *eq = '\0';
		char *seg = colon + 1;
		seg += strspn(seg, " \t");
		for (size_t n = strlen(seg); n > 0 && (seg[n - 1] == ' ' || seg[n - 1] == '\t');)
			seg[--n] = '\0';
		for (size_t n = strlen(e); n > 0 && (e[n - 1] == ' ' || e[n - 1] == '\t');)
			e[--n] = '\0';
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "dimension", e);
		cJSON_AddStringToObject(o, "segment", seg);
		cJSON_AddNumberToObject(o, "share", share);
		cJSON_AddBoolToObject(o, "second_degree", second);
		cJSON_AddItemToArray(arr, o);
	}
	free(copy);
	return arr;
}

/* ---- the spreadsheet formula guard (docs/formats.md, "Formulas") ---- */

/* Characters that make a spreadsheet read a cell as a formula (OWASP,
 * "CSV Injection"): = + - @, and tab and CR, which some programs skip. */
static bool starts_formula(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* A plain decimal number (-12.50, +3, 1e-3) is data, not a formula:
 * guarding it would turn every negative amount into text. */
static bool is_plain_number(const char *s)
{
	const char *p = s + (*s == '+' || *s == '-');
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.' && isdigit((unsigned char)p[1]))
		for (p++; isdigit((unsigned char)*p); p++)
			;
	if ((*p == 'e' || *p == 'E')) {
		p++;
		p += *p == '+' || *p == '-';
		if (!isdigit((unsigned char)*p))
			return false;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

bool invite_csv_needs_guard(const char *s)
{
	if (s == NULL)
		return false;
	/* apostrophes in front of a formula are guarded too, so that reading
	 * back drops exactly the one apostrophe the writer added */
	while (s[0] == '\'')
		s++;
	return starts_formula(s) && !is_plain_number(s);
}

/* Reading: the apostrophe the guard added, if any, is dropped. */
static const char *unguard(const char *v)
{
	return v[0] == '\'' && invite_csv_needs_guard(v + 1) ? v + 1 : v;
}

/* The record as an object; NULL when a field cannot even be typed. */
static cJSON *record_object(const struct record *r, const int *map, int line,
                            struct import_problems *problems)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = true;
	for (size_t i = 0; i < r->n; i++) {
		const char *v = unguard(field(r, i));
		if (map[i] == IGNORED || v[0] == '\0')
			continue;
		const struct column *c = &columns[map[i]];
		cJSON *j = NULL;
		int bad_entry = 0;
		switch (c->type) {
		case C_TEXT: j = cJSON_CreateString(v); break;
		case C_INT:
			if (!to_int(v, &j))
				import_problems_add(problems, line, "%s: expected a whole number, found "
				                    "\"%.40s\"", c->name, v);
			break;
		case C_BOOL:
			if (!to_bool(v, &j))
				import_problems_add(problems, line, "%s: expected true or false, found "
				                    "\"%.40s\"", c->name, v);
			break;
		case C_ATTENDEES: j = to_attendees(v); break;
		case C_AUDIENCE:
			j = to_audience(v, &bad_entry);
			if (j == NULL)
				import_problems_add(problems, line, "audience: entry %d: expected "
				                    "[~]dimension:segment=share, e.g. industry:legal=0.3",
				                    bad_entry);
			break;
		}
		if (j == NULL)
			ok = false;
		else
			cJSON_AddItemToObject(o, c->name, j);
	}
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static bool in_window(const struct import_options *opt, int64_t t)
{
	return opt == NULL || ((opt->from == 0 || t >= opt->from) && (opt->to == 0 || t < opt->to));
}

struct run {
	const struct import_options *opt;
	import_sink_fn sink;
	void *ctx;
	struct import_problems *problems;
	int *map;
	size_t n_header;
};

/* WIT_OK, or the sink's status. *bad is set for a bad record. */
static enum wit_status handle_record(struct run *run, const struct record *r, int line,
                                     bool *bad)
{
	if (r->bad != NULL) {
		size_t f = r->bad_field;
		import_problems_add(run->problems, line, "%s: %s",
		                    f < run->n_header && run->map[f] != IGNORED
		                            ? columns[run->map[f]].name : "field", r->bad);
		*bad = true;
		return WIT_OK;
	}
	if (r->n != run->n_header) {
		import_problems_add(run->problems, line, "%zu fields, the header has %zu", r->n,
		                    run->n_header);
		*bad = true;
		return WIT_OK;
	}
	cJSON *o = record_object(r, run->map, line, run->problems);
	if (o == NULL) {
		*bad = true;
		return WIT_OK;
	}
	struct invitation inv;
	invitation_init(&inv);
	enum wit_status st = WIT_OK;
	if (!invite_json_item_parse(o, line, &inv, run->problems))
		*bad = true;
	else if (in_window(run->opt, inv.starts_at))
		st = run->sink(run->ctx, &inv, line,
		               inv.status == STATUS_CANCELLED ? IMPORT_CANCEL : IMPORT_UPSERT);
	invitation_done(&inv);
	cJSON_Delete(o);
	return st;
}

enum wit_status invite_csv_parse(const char *text, size_t len, const struct import_options *opt,
                                 import_sink_fn sink, void *ctx,
                                 struct import_problems *problems)
{
	struct reader rd = {text, len, 0, 1};
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		rd.pos = 3;
	struct record r = {0};
	int line = 1, got;
	bool bad = false;
	enum wit_status st = WIT_OK;
	while ((got = next_record(&rd, &r, &line, problems)) == 1 && is_blank_record(&r))
		;
	if (got == 0) {
		free(r.buf);
		free(r.start);
		return WIT_OK; /* empty input: no invitations */
	}
	int map[INVITE_CSV_COLUMNS_MAX];
	struct run run = {opt, sink, ctx, problems, map, r.n};
	if (got < 0 || r.bad != NULL || !read_header(&r, line, map, problems)) {
		if (got > 0 && r.bad != NULL)
			import_problems_add(problems, line, "header: %s", r.bad);
		bad = true;
		got = 0;
	}
	while (got != 0 && st == WIT_OK && (got = next_record(&rd, &r, &line, problems)) != 0) {
		if (got < 0) {
			bad = true;
			break;
		}
		if (!is_blank_record(&r))
			st = handle_record(&run, &r, line, &bad);
	}
	free(r.buf);
	free(r.start);
	if (st != WIT_OK)
		return st;
	return bad ? WIT_DATA : WIT_OK;
}

/* ---- writing ---- */

static const char *const out_columns =
	"id,uid,recurrence_id,title,organizer,kind,status,starts_at,ends_at,all_day,tzid,"
	"location,reach,travel_min,prep_min,ticket,currency,expected_attendance,speaking,"
	"speaking_fee,sequence,series,source_file,url,categories,attendees,audience,"
	"description\r\n";

const char *invite_csv_header(void)
{
	return out_columns;
}

struct out {
	char *buf;
	size_t len, cap;
	bool is_raw; /* no formula guard */
};

static void out_raw(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->buf = xrealloc(o->buf, o->cap);
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

/* One field, quoted when needed, then a comma; the formula guard's
 * apostrophe goes inside the quotes, as the first character of the
 * value a spreadsheet sees. */
static void out_field(struct out *o, const char *s)
{
	if (s == NULL)
		s = "";
	bool guard = !o->is_raw && invite_csv_needs_guard(s);
	size_t n = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL ||
	             (n > 0 && (isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1])));
	if (quote)
		out_raw(o, "\"", 1);
	if (guard)
		out_raw(o, "'", 1);
	if (!quote) {
		out_raw(o, s, n);
	} else {
		for (const char *p = s; *p; p++) {
			out_raw(o, p, 1);
			if (*p == '"')
				out_raw(o, "\"", 1); /* RFC 4180 2.7: a quote is doubled */
		}
		out_raw(o, "\"", 1);
	}
	out_raw(o, ",", 1);
}

static void out_int(struct out *o, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	out_field(o, buf);
}

static void out_time(struct out *o, int64_t t, bool all_day)
{
	char buf[32];
	out_field(o, all_day ? time_format_date(t, buf, sizeof buf)
	                     : time_format_utc(t, buf, sizeof buf));
}

/* The shortest decimal that reads back as the same double. */
static void fmt_share(double v, char *buf, size_t len)
{
	snprintf(buf, len, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, len, "%.17g", v);
}

static char *audience_text(const struct invitation *inv)
{
	struct out a = {.is_raw = true};
	out_raw(&a, "", 0);
	for (size_t i = 0; i < inv->n_shares && i < INVITE_SHARES_MAX; i++) {
		const struct audience_share *s = &inv->shares[i];
		char num[40], one[160];
		fmt_share(s->share, num, sizeof num);
		snprintf(one, sizeof one, "%s%s%s:%s=%s", i ? ";" : "", s->is_second_degree ? "~" : "",
		         audience_dim_name(s->dim), s->value, num);
		out_raw(&a, one, strlen(one));
	}
	return a.buf;
}

char *invite_csv_row(const struct invitation *inv, bool is_raw)
{
	struct out o = {.is_raw = is_raw};
	char money[32];
	out_int(&o, (long long)inv->id);
	out_field(&o, inv->uid);
	out_field(&o, inv->recurrence_id);
	out_field(&o, inv->title);
	out_field(&o, inv->organizer);
	out_field(&o, invite_kind_name(inv->kind));
	out_field(&o, invite_status_name(inv->status));
	out_time(&o, inv->starts_at, inv->all_day);
	if (inv->all_day && inv->ends_at > TIME_MAX_WRITABLE)
		out_field(&o, NULL); /* the day after 9999-12-31: read back as one day */
	else
		out_time(&o, inv->ends_at, inv->all_day);
	out_field(&o, inv->all_day ? "true" : "false");
	out_field(&o, inv->tzid);
	out_field(&o, inv->location);
	out_field(&o, invite_reach_name(inv->reach));
	out_int(&o, inv->travel_min);
	out_int(&o, inv->prep_min);
	out_field(&o, invite_json_money_format(inv->ticket_minor, inv->currency, money,
	                                       sizeof money));
	out_field(&o, inv->currency);
	out_int(&o, inv->expected_attendance);
	out_field(&o, inv->is_speaking ? "true" : "false");
	out_field(&o, invite_json_money_format(inv->speaking_fee_minor, inv->currency, money,
	                                       sizeof money));
	out_int(&o, inv->sequence);
	out_field(&o, inv->series);
	out_field(&o, inv->source_file);
	out_field(&o, inv->url);
	out_field(&o, inv->categories);
	out_field(&o, inv->attendees);
	char *aud = audience_text(inv);
	out_field(&o, aud);
	free(aud);
	out_field(&o, inv->description);
	o.buf[o.len - 1] = '\r'; /* the last comma becomes the record end */
	out_raw(&o, "\n", 1);
	return o.buf;
}
