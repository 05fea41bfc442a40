/*
 * invite_json.c: reading invitations from JSON text (the format of
 * docs/formats.md, "## JSON"). Owns the three outer shapes (array,
 * {"invitations": [...]}, JSON Lines), line numbers, and the validation
 * of every field; the writer and the money helpers are in
 * invite_json_write.c.
 *
 * cJSON keeps no positions, so the outer shape is walked here by hand:
 * each element is parsed on its own with cJSON_ParseWithLengthOpts(),
 * which says where it ended, and the line of an object is the line of
 * its first byte. Memory stays bounded by the largest single object;
 * nesting deeper than cJSON's limit (1000) is a syntax error, and the
 * probing scanner below keeps a counter, never recursion.
 *
 * Invariants: an invitation reaches the sink only when every field was
 * valid; a syntax error ends the parse (nothing after it is trusted).
 */
#include "worthit/invite_json.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "worthit/invite_json_item.h"

struct parser {
	const char *text;
	size_t len;
	size_t pos;
	size_t line_pos; /* offset up to which lines were counted */
	int line;        /* line of line_pos */
	const struct import_options *opt;
	import_sink_fn sink;
	void *ctx;
	struct import_problems *problems;
	bool had_problem;
};

/* Line (1-based) of byte offset off. Offsets mostly grow, so lines are
 * counted incrementally; a step back recounts from the start. */
static int line_at(struct parser *ps, size_t off)
{
	if (off > ps->len)
		off = ps->len;
	if (off < ps->line_pos) {
		ps->line_pos = 0;
		ps->line = 1;
	}
	for (; ps->line_pos < off; ps->line_pos++)
		if (ps->text[ps->line_pos] == '\n')
			ps->line++;
	return ps->line;
}

static void skip_ws(struct parser *ps)
{
	while (ps->pos < ps->len && (ps->text[ps->pos] == ' ' || ps->text[ps->pos] == '\t' ||
	                             ps->text[ps->pos] == '\n' || ps->text[ps->pos] == '\r'))
		ps->pos++;
}

static int peek(const struct parser *ps)
{
	return ps->pos < ps->len ? (unsigned char)ps->text[ps->pos] : -1;
}

/* A short, printable excerpt of the text at off for messages. */
static void excerpt(const struct parser *ps, size_t off, char *buf, size_t n)
{
	size_t j = 0;
	for (size_t i = off; i < ps->len && j + 1 < n && i < off + 20; i++) {
		unsigned char c = (unsigned char)ps->text[i];
		if (c == '\n' || c == '\r')
			break;
		buf[j++] = c >= 0x20 && c < 0x7f && c != '"' ? (char)c : '?';
	}
	buf[j] = '\0';
}

static void syntax_error(struct parser *ps, size_t off, const char *what)
{
	char near[24];
	excerpt(ps, off, near, sizeof near);
	ps->had_problem = true;
	if (off >= ps->len)
		import_problems_add(ps->problems, line_at(ps, off),
		                    "invalid JSON: %s at the end of the text", what);
	else
		import_problems_add(ps->problems, line_at(ps, off), "invalid JSON: %s near \"%s\"",
		                    what, near);
}

/* Parse one JSON value at ps->pos; NULL (with a problem) on error. */
static cJSON *parse_value(struct parser *ps)
{
	const char *end = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(ps->text + ps->pos, ps->len - ps->pos, &end, 0);
	if (v == NULL) {
		size_t off = end != NULL ? (size_t)(end - ps->text) : ps->pos;
		syntax_error(ps, off, "malformed value");
		return NULL;
	}
	ps->pos = (size_t)(end - ps->text);
	return v;
}

/* Validate one element and hand it on. */
static enum wit_status handle_item(struct parser *ps, const cJSON *item, int line)
{
	if (!cJSON_IsObject(item)) {
		ps->had_problem = true;
		import_problems_add(ps->problems, line,
		                    "invitation: expected a JSON object {...}, found %s",
		                    cJSON_IsArray(item) ? "an array" : "a plain value");
		return WIT_OK;
	}
	struct invitation inv;
	invitation_init(&inv);
	if (!invite_json_item_parse(item, line, &inv, ps->problems)) {
		ps->had_problem = true;
		invitation_done(&inv);
		return WIT_OK;
	}
	enum wit_status st = WIT_OK;
	bool in_window = ps->opt == NULL ||
	                 ((ps->opt->from == 0 || inv.starts_at >= ps->opt->from) &&
	                  (ps->opt->to == 0 || inv.starts_at < ps->opt->to));
	if (in_window && ps->sink != NULL)
		st = ps->sink(ps->ctx, &inv, line,
		              inv.status == STATUS_CANCELLED ? IMPORT_CANCEL : IMPORT_UPSERT);
	invitation_done(&inv);
	return st;
}

/*
 * Where a NUL sits in the text of one parsed value, [from, to): a raw
 * 0 byte, or a \u0000 escape inside a string (RFC 8259 7 allows it, but
 * cJSON's C strings would end there: "t\u0000x" stored as "t", two UIDs
 * "a\u0000b" and "a\u0000c" taken for one). SIZE_MAX when none.
 */
static size_t find_nul(const struct parser *ps, size_t from, size_t to)
{
	bool in_string = false;
	for (size_t i = from; i < to; i++) {
		char c = ps->text[i];
		if (c == '\0')
			return i;
		if (!in_string) {
			in_string = c == '"';
		} else if (c == '"') {
			in_string = false;
		} else if (c == '\\') {
			if (i + 5 < to && memcmp(ps->text + i + 1, "u0000", 5) == 0)
				return i;
			i++;
		}
	}
	return SIZE_MAX;
}

/* Parse the element at ps->pos and hand it on; false on a syntax error. */
static bool next_item(struct parser *ps, enum wit_status *st)
{
	int line = line_at(ps, ps->pos);
	size_t start = ps->pos;
	cJSON *item = parse_value(ps);
	if (item == NULL)
		return false;
	size_t nul = find_nul(ps, start, ps->pos);
	if (nul != SIZE_MAX) {
		ps->had_problem = true;
		import_problems_add(ps->problems, line_at(ps, nul),
		                    "invitation: a NUL character (\\u0000 or a 0 byte) in the text; "
		                    "not allowed in any field");
		*st = WIT_OK;
	} else {
		*st = handle_item(ps, item, line);
	}
	cJSON_Delete(item);
	return true;
}

/* "[ item, item ... ]" at ps->pos. */
static enum wit_status walk_array(struct parser *ps)
{
	ps->pos++; /* '[' */
	skip_ws(ps);
	if (peek(ps) == ']') {
		ps->pos++;
		return WIT_OK;
	}
	for (;;) {
		enum wit_status st = WIT_OK;
		skip_ws(ps);
		if (!next_item(ps, &st))
			return WIT_DATA;
		if (st != WIT_OK)
			return st;
		skip_ws(ps);
		int c = peek(ps);
		ps->pos++;
		if (c == ']')
			return WIT_OK;
		if (c != ',') {
			syntax_error(ps, ps->pos - 1, "expected ',' or ']' after an invitation");
			return WIT_DATA;
		}
	}
}

/* Skip one value without building it: strings and brackets only, a
 * counter for depth. Used to probe the outer shape, never to validate. */
static void skip_raw_value(struct parser *ps)
{
	size_t depth = 0;
	bool in_string = false;
	for (; ps->pos < ps->len; ps->pos++) {
		char c = ps->text[ps->pos];
		if (in_string) {
			if (c == '\\')
				ps->pos++;
			else if (c == '"')
				in_string = false;
			if (!in_string && depth == 0) {
				ps->pos++;
				return;
			}
			continue;
		}
		if (c == '"')
			in_string = true;
		else if (c == '[' || c == '{')
			depth++;
		else if (c == ']' || c == '}') {
			if (depth == 0)
				return;
			if (--depth == 0) {
				ps->pos++;
				return;
			}
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\t' ||
		                          c == '\r'))
			return;
	}
}

/* Read a member key (a JSON string) at ps->pos. Caller frees. */
static char *member_key(struct parser *ps)
{
	if (peek(ps) != '"')
		return NULL;
	cJSON *k = parse_value(ps);
	char *key = cJSON_IsString(k) ? xstrdup(k->valuestring) : NULL;
	cJSON_Delete(k);
	return key;
}

/* Is the object at ps->pos the {"invitations": [...]} wrapper? Leaves
 * ps->pos where it was. */
static bool is_wrapper(struct parser *ps)
{
	size_t start = ps->pos;
	bool found = false;
	struct import_problems scratch;
	import_problems_init(&scratch);
	struct import_problems *real = ps->problems;
	bool had = ps->had_problem;
	ps->problems = &scratch; /* probing reports nothing */
	ps->pos++;
	for (int guard = 0; guard < 100000 && !found; guard++) {
		skip_ws(ps);
		char *key = member_key(ps);
		if (key == NULL)
			break;
		found = strcmp(key, "invitations") == 0;
		free(key);
		skip_ws(ps);
		if (peek(ps) != ':')
			break;
		ps->pos++;
		skip_ws(ps);
		skip_raw_value(ps);
		skip_ws(ps);
		if (peek(ps) != ',')
			break;
		ps->pos++;
	}
	import_problems_done(&scratch);
	ps->problems = real;
	ps->had_problem = had;
	ps->pos = start;
	return found;
}

static enum wit_status walk_wrapper(struct parser *ps)
{
	ps->pos++; /* '{' */
	bool seen = false;
	for (;;) {
		skip_ws(ps);
		size_t key_at = ps->pos;
		char *key = member_key(ps);
		if (key == NULL) {
			syntax_error(ps, key_at, "expected a member name in quotes");
			return WIT_DATA;
		}
		skip_ws(ps);
		if (peek(ps) != ':') {
			free(key);
			syntax_error(ps, ps->pos, "expected ':' after a member name");
			return WIT_DATA;
		}
		ps->pos++;
		skip_ws(ps);
		enum wit_status st = WIT_OK;
		if (strcmp(key, "invitations") == 0 && !seen && peek(ps) == '[') {
			seen = true;
			st = walk_array(ps);
		} else {
			int line = line_at(ps, key_at);
			cJSON *v = parse_value(ps);
			if (v == NULL)
				st = WIT_DATA;
			else if (strcmp(key, "invitations") == 0 || !invite_json_item_is_extension(key)) {
				ps->had_problem = true;
				import_problems_add(ps->problems, line, "%s: %s", key,
				                    strcmp(key, "invitations") == 0
				                            ? (seen ? "given twice" : "must be an array")
				                            : "unknown field (extensions start with x_)");
			}
			cJSON_Delete(v);
		}
		free(key);
		if (st != WIT_OK)
			return st;
		skip_ws(ps);
		int c = peek(ps);
		ps->pos++;
		if (c == '}')
			break;
		if (c != ',') {
			syntax_error(ps, ps->pos - 1, "expected ',' or '}'");
			return WIT_DATA;
		}
	}
	return WIT_OK;
}

/* JSON Lines: values separated by white space (normally newlines). */
static enum wit_status walk_lines(struct parser *ps)
{
	for (;;) {
		skip_ws(ps);
		if (ps->pos >= ps->len)
			return WIT_OK;
		enum wit_status st = WIT_OK;
		if (peek(ps) != '{') {
			syntax_error(ps, ps->pos, "expected '{' to start an invitation");
			return WIT_DATA;
		}
		if (!next_item(ps, &st))
			return WIT_DATA;
		if (st != WIT_OK)
			return st;
		int c = peek(ps);
		if (c != -1 && c != '\n' && c != '\r' && c != ' ' && c != '\t') {
			syntax_error(ps, ps->pos, "expected a new line after an invitation");
			return WIT_DATA;
		}
	}
}

static enum wit_status walk(struct parser *ps)
{
	if (ps->len >= 3 && memcmp(ps->text, "\xEF\xBB\xBF", 3) == 0)
		ps->pos = 3; /* UTF-8 byte order mark */
	skip_ws(ps);
	int c = peek(ps);
	if (c == -1)
		return WIT_OK; /* empty input: no invitations */
	if (c == '[') {
		enum wit_status st = walk_array(ps);
		if (st != WIT_OK)
			return st;
	} else if (c == '{') {
		if (!is_wrapper(ps))
			return walk_lines(ps);
		enum wit_status st = walk_wrapper(ps);
		if (st != WIT_OK)
			return st;
	} else {
		syntax_error(ps, ps->pos,
		             "expected an array of invitations, {\"invitations\": [...]} "
		             "or one object per line");
		return WIT_DATA;
	}
	skip_ws(ps);
	if (ps->pos < ps->len) {
		syntax_error(ps, ps->pos, "unexpected text after the invitations");
		return WIT_DATA;
	}
	return WIT_OK;
}

enum wit_status invite_json_parse(const char *text, size_t len, const struct import_options *opt,
                                  import_sink_fn sink, void *ctx,
                                  struct import_problems *problems)
{
	struct parser ps = {
		.text = text, .len = text != NULL ? len : 0, .line = 1, .opt = opt,
		.sink = sink, .ctx = ctx, .problems = problems,
	};
	enum wit_status st = walk(&ps);
	if (st == WIT_OK && ps.had_problem)
		st = WIT_DATA;
	return st;
}
