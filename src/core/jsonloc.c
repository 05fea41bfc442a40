/*
 * jsonloc.c: a strict RFC 8259 checker that names the first error and
 * its position, and a locator for key paths in valid JSON text. Both
 * walk the bytes themselves because cJSON keeps no positions and its
 * error pointer is imprecise (it reports a trailing comma at the end of
 * the text, for instance). Grammar references are to RFC 8259: 2 (white
 * space, structure), 4 (objects), 5 (arrays), 6 (numbers), 7 (strings),
 * 8.1 (UTF-8). Pure core: no I/O; the only allocation is the message.
 *
 * The checker is the first pass over user text: cJSON parses only text
 * that passed it, so its laxities (leading zeros, raw line breaks inside
 * strings) never reach a configuration.
 */
#include "worthit/jsonloc.h"
#include "worthit/xmalloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct scan {
	const unsigned char *s;
	size_t len;
	size_t pos;
	int depth;
	size_t open_at[JSONLOC_DEPTH_MAX + 1]; /* where each open bracket is */
	size_t err_pos;
	char *msg; /* first error; NULL while none */
};

static bool fail(struct scan *sc, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct scan *sc, size_t at, const char *fmt, ...)
{
	if (sc->msg == NULL) {
		va_list ap;
		va_start(ap, fmt);
		sc->msg = xvasprintf(fmt, ap);
		va_end(ap);
		sc->err_pos = at;
	}
	return false;
}

static bool at_end(const struct scan *sc) { return sc->pos >= sc->len; }
static int peek(const struct scan *sc) { return at_end(sc) ? -1 : sc->s[sc->pos]; }

static size_t skip_bom(const unsigned char *s, size_t len)
{
	return len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
}

/* RFC 8259 2: space, tab, line feed, carriage return. */
static void skip_ws(struct scan *sc)
{
	while (!at_end(sc)) {
		int c = sc->s[sc->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		sc->pos++;
	}
}

static bool is_word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* A short printable description of the byte at pos. */
static void describe(const struct scan *sc, size_t pos, char *buf, size_t cap)
{
	const unsigned char *p = sc->s + pos;
	size_t left = sc->len - pos;
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x98 && p[2] <= 0x9D)
		snprintf(buf, cap, "a curly quote (JSON needs straight quotes \")");
	else if (*p >= 0x21 && *p < 0x7F)
		snprintf(buf, cap, "'%c'", *p);
	else
		snprintf(buf, cap, "byte 0x%02X", *p);
}

static bool unexpected(struct scan *sc, const char *expected)
{
	char what[64];
	if (at_end(sc))
		return fail(sc, sc->pos, "unexpected end of text: expected %s", expected);
	int c = peek(sc);
	if (c == '/')
		return fail(sc, sc->pos,
		            "comments are not allowed in JSON (use a \"_doc\" member instead)");
	if (c == '\'')
		return fail(sc, sc->pos, "strings need double quotes \", not single quotes");
	describe(sc, sc->pos, what, sizeof what);
	return fail(sc, sc->pos, "expected %s, got %s", expected, what);
}

/* Where the innermost open bracket is, for "never closed" messages. */
static bool unclosed(struct scan *sc)
{
	size_t at = sc->open_at[sc->depth];
	int line, col;
	jsonloc_line_col((const char *)sc->s, sc->len, at, &line, &col);
	return fail(sc, sc->len, "unexpected end of text: the '%c' at line %d, column %d is never closed",
	            sc->s[at], line, col);
}

static bool check_value(struct scan *sc);

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* \uXXXX at sc->pos (the backslash); returns the code unit or -1. */
static long read_u_escape(const struct scan *sc, size_t at)
{
	if (at + 6 > sc->len || sc->s[at] != '\\' || sc->s[at + 1] != 'u')
		return -1;
	long v = 0;
	for (size_t i = at + 2; i < at + 6; i++) {
		int d = hex_digit(sc->s[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* RFC 8259 7: an escape sequence at the backslash. */
static bool check_escape(struct scan *sc)
{
	size_t at = sc->pos;
	if (at + 1 >= sc->len)
		return fail(sc, at, "unterminated escape sequence");
	int c = sc->s[at + 1];
	if (c != 'u') {
		if (strchr("\"\\/bfnrt", c) == NULL || c == 0)
			return fail(sc, at, "invalid escape '\\%c' (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
			            c >= 0x20 && c < 0x7F ? c : '?');
		sc->pos += 2;
		return true;
	}
	long u = read_u_escape(sc, at);
	if (u < 0)
		return fail(sc, at, "invalid escape: \\u needs four hexadecimal digits");
	sc->pos += 6;
	if (u == 0) /* C strings end there: the rest of the text would vanish */
		return fail(sc, at, "a NUL character (\\u0000) is not allowed in a string");
	if (u >= 0xDC00 && u <= 0xDFFF)
		return fail(sc, at, "invalid escape: unpaired low surrogate \\u%04lX", u);
	if (u >= 0xD800 && u <= 0xDBFF) {
		long lo = read_u_escape(sc, sc->pos);
		if (lo < 0xDC00 || lo > 0xDFFF)
			return fail(sc, at, "invalid escape: high surrogate \\u%04lX without its low half", u);
		sc->pos += 6;
	}
	return true;
}

/* RFC 3629 well-formed UTF-8 sequence at pos; returns its length or 0. */
static size_t utf8_len(const unsigned char *p, size_t left)
{
	size_t n;
	unsigned lo = 0x80, hi = 0xBF;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3;
		if (p[0] == 0xE0)
			lo = 0xA0;
		if (p[0] == 0xED)
			hi = 0x9F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4;
		if (p[0] == 0xF0)
			lo = 0x90;
		if (p[0] == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (left < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

/* RFC 8259 7 and 8.1: a string at its opening quote. */
static bool check_string(struct scan *sc)
{
	size_t start = sc->pos++;
	for (;;) {
		if (at_end(sc))
			return fail(sc, start, "unterminated string: missing closing '\"'");
		int c = sc->s[sc->pos];
		if (c == '"') {
			sc->pos++;
			return true;
		}
		if (c == '\\') {
			if (!check_escape(sc))
				return false;
		} else if (c == '\n' || c == '\r') {
			return fail(sc, start, "line break inside a string: missing closing '\"'?");
		} else if (c < 0x20) {
			return fail(sc, sc->pos, "control character 0x%02X inside a string (escape it, e.g. \\t)", c);
		} else if (c < 0x80) {
			sc->pos++;
		} else {
			size_t n = utf8_len(sc->s + sc->pos, sc->len - sc->pos);
			if (n == 0)
				return fail(sc, sc->pos, "invalid UTF-8 byte 0x%02X in a string", c);
			sc->pos += n;
		}
	}
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

static void skip_digits(struct scan *sc)
{
	while (is_digit(peek(sc)))
		sc->pos++;
}

/* RFC 8259 6 leaves the range to implementations: a number too large
 * for a double would read as infinity and be written back as "inf",
 * which no JSON reader accepts, so it is refused here. */
static bool check_range(struct scan *sc, size_t start)
{
	char *num = xstrndup((const char *)sc->s + start, sc->pos - start);
	double d = strtod(num, NULL);
	free(num);
	if (isfinite(d))
		return true;
	int n = (int)(sc->pos - start);
	return fail(sc, start, "number %.*s%s is too large (the largest is about 1.8e308)",
	            n > 24 ? 24 : n, (const char *)sc->s + start, n > 24 ? "..." : "");
}

/* RFC 8259 6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static bool check_number(struct scan *sc)
{
	size_t start = sc->pos;
	if (peek(sc) == '-')
		sc->pos++;
	if (!is_digit(peek(sc)))
		return fail(sc, start, "invalid number: expected a digit after '-'");
	if (peek(sc) == '0' && sc->pos + 1 < sc->len && is_digit(sc->s[sc->pos + 1]))
		return fail(sc, start, "invalid number: leading zeros are not allowed");
	skip_digits(sc);
	if (peek(sc) == '.') {
		sc->pos++;
		if (!is_digit(peek(sc)))
			return fail(sc, start, "invalid number: expected a digit after '.'");
		skip_digits(sc);
	}
	if (peek(sc) == 'e' || peek(sc) == 'E') {
		sc->pos++;
		if (peek(sc) == '+' || peek(sc) == '-')
			sc->pos++;
		if (!is_digit(peek(sc)))
			return fail(sc, start, "invalid number: expected digits in the exponent");
		skip_digits(sc);
	}
	if (is_word_char(peek(sc)) || peek(sc) == '.')
		return fail(sc, start, "invalid number");
	return check_range(sc, start);
}

/* true, false, null (RFC 8259 3) and helpful words for everything else. */
static bool check_word(struct scan *sc)
{
	size_t start = sc->pos;
	while (is_word_char(peek(sc)))
		sc->pos++;
	size_t n = sc->pos - start;
	const char *w = (const char *)sc->s + start;
	if ((n == 4 && memcmp(w, "true", 4) == 0) || (n == 5 && memcmp(w, "false", 5) == 0) ||
	    (n == 4 && memcmp(w, "null", 4) == 0))
		return true;
	int shown = n > 20 ? 20 : (int)n;
	if ((n == 3 && memcmp(w, "NaN", 3) == 0) || (n == 8 && memcmp(w, "Infinity", 8) == 0))
		return fail(sc, start, "%.*s is not a JSON number", shown, w);
	return fail(sc, start,
	            "unexpected word '%.*s' (strings need double quotes; literals are true, false, null)",
	            shown, w);
}

/* Enter '{' or '[' at pos; *empty when close follows (consumed too). */
static bool open_bracket(struct scan *sc, int close, bool *empty)
{
	if (sc->depth >= JSONLOC_DEPTH_MAX)
		return fail(sc, sc->pos, "nested deeper than %d levels", JSONLOC_DEPTH_MAX);
	sc->open_at[++sc->depth] = sc->pos++;
	skip_ws(sc);
	*empty = peek(sc) == close;
	if (*empty) {
		sc->pos++;
		sc->depth--;
	}
	return true;
}

/* After a member or element: ',' or the closing bracket. */
static bool after_item(struct scan *sc, int close, bool *more)
{
	skip_ws(sc);
	int c = peek(sc);
	if (c == ',') {
		size_t comma = sc->pos++;
		skip_ws(sc);
		if (peek(sc) == close)
			return fail(sc, comma, "trailing comma before '%c'", close);
		*more = true;
		return true;
	}
	if (c == close) {
		sc->pos++;
		sc->depth--;
		*more = false;
		return true;
	}
	if (c < 0)
		return unclosed(sc);
	if (c == '"' || c == '{' || c == '[' || c == '-' || is_word_char(c))
		return fail(sc, sc->pos, "missing ',' before this %s", close == '}' ? "member" : "element");
	return unexpected(sc, close == '}' ? "',' or '}'" : "',' or ']'");
}

/* RFC 8259 4. */
static bool check_object(struct scan *sc)
{
	bool empty;
	if (!open_bracket(sc, '}', &empty))
		return false;
	for (bool more = !empty; more;) {
		skip_ws(sc);
		if (at_end(sc))
			return unclosed(sc);
		if (peek(sc) != '"') {
			if (is_word_char(peek(sc)))
				return fail(sc, sc->pos, "keys need double quotes");
			return unexpected(sc, "a key in double quotes");
		}
		size_t key_at = sc->pos;
		if (!check_string(sc))
			return false;
		int n = (int)(sc->pos - key_at);
		skip_ws(sc);
		if (peek(sc) != ':') {
			if (at_end(sc))
				return unclosed(sc);
			const char *k = (const char *)sc->s + key_at;
			return fail(sc, sc->pos, "expected ':' after the key %.*s", n > 40 ? 40 : n, k);
		}
		sc->pos++;
		if (!check_value(sc) || !after_item(sc, '}', &more))
			return false;
	}
	return true;
}

/* RFC 8259 5. */
static bool check_array(struct scan *sc)
{
	bool empty;
	if (!open_bracket(sc, ']', &empty))
		return false;
	for (bool more = !empty; more;)
		if (!check_value(sc) || !after_item(sc, ']', &more))
			return false;
	return true;
}

static bool check_value(struct scan *sc)
{
	skip_ws(sc);
	int c = peek(sc);
	if (c < 0)
		return sc->depth > 0 ? unclosed(sc) : unexpected(sc, "a value");
	if (c == '{')
		return check_object(sc);
	if (c == '[')
		return check_array(sc);
	if (c == '"')
		return check_string(sc);
	if (c == '-' || is_digit(c))
		return check_number(sc);
	if (is_word_char(c))
		return check_word(sc);
	return unexpected(sc, "a value");
}

bool jsonloc_check(const char *text, size_t len, size_t *offset, char **msg)
{
	struct scan sc = {.s = (const unsigned char *)text, .len = len};
	sc.pos = skip_bom(sc.s, len);
	skip_ws(&sc);
	if (at_end(&sc)) {
		fail(&sc, sc.pos, "the file is empty: expected a JSON object { ... }");
	} else if (check_value(&sc)) {
		skip_ws(&sc);
		if (!at_end(&sc)) {
			int c = peek(&sc);
			if (c == '}' || c == ']')
				fail(&sc, sc.pos, "unmatched '%c': one closing bracket too many?", c);
			else
				fail(&sc, sc.pos, "extra text after the end of the JSON value");
		}
	}
	if (sc.msg == NULL)
		return true;
	*offset = sc.err_pos;
	*msg = sc.msg;
	return false;
}

/* --- locating key paths in valid text ---------------------------------- */

/* Skip one value of valid JSON at pos. */
static void skip_value(struct scan *sc)
{
	skip_ws(sc);
	int depth = 0;
	do {
		int c = peek(sc);
		if (c < 0)
			return;
		if (c == '"') {
			for (sc->pos++; !at_end(sc) && sc->s[sc->pos] != '"'; sc->pos++)
				if (sc->s[sc->pos] == '\\')
					sc->pos++;
			sc->pos++;
		} else if (c == '{' || c == '[') {
			depth++;
			sc->pos++;
		} else if (c == '}' || c == ']') {
			depth--;
			sc->pos++;
		} else if (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sc->pos++;
		} else {
			while (!at_end(sc) && strchr(",:]} \t\r\n", sc->s[sc->pos]) == NULL)
				sc->pos++;
		}
		if (depth > 0)
			skip_ws(sc);
	} while (depth > 0);
}

/* Append code point cp as UTF-8 to buf[*n], up to cap; false when full. */
static bool put_utf8(char *buf, size_t cap, size_t *n, unsigned long cp)
{
	unsigned char tmp[4];
	size_t k;
	if (cp < 0x80) {
		tmp[0] = (unsigned char)cp;
		k = 1;
	} else if (cp < 0x800) {
		tmp[0] = (unsigned char)(0xC0 | (cp >> 6));
		tmp[1] = (unsigned char)(0x80 | (cp & 0x3F));
		k = 2;
	} else if (cp < 0x10000) {
		tmp[0] = (unsigned char)(0xE0 | (cp >> 12));
		tmp[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		tmp[2] = (unsigned char)(0x80 | (cp & 0x3F));
		k = 3;
	} else {
		tmp[0] = (unsigned char)(0xF0 | (cp >> 18));
		tmp[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		tmp[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		tmp[3] = (unsigned char)(0x80 | (cp & 0x3F));
		k = 4;
	}
	if (*n + k >= cap)
		return false;
	memcpy(buf + *n, tmp, k);
	*n += k;
	return true;
}

/* Does the valid string at pos decode to key? Leaves pos after it. */
static bool string_equals(struct scan *sc, const char *key)
{
	char buf[512];
	size_t n = 0;
	bool fits = true;
	for (sc->pos++; !at_end(sc) && sc->s[sc->pos] != '"';) {
		unsigned long cp = sc->s[sc->pos];
		size_t step = 1;
		if (cp == '\\') {
			int e = sc->s[sc->pos + 1];
			const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
			step = 2;
			if (e == 'u') {
				cp = (unsigned long)read_u_escape(sc, sc->pos);
				step = 6;
				long lo = read_u_escape(sc, sc->pos + 6);
				if (cp >= 0xD800 && cp <= 0xDBFF && lo >= 0xDC00) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
					step = 12;
				}
			} else {
				cp = (unsigned char)to[strchr(from, e) - from];
			}
			fits = fits && put_utf8(buf, sizeof buf, &n, cp);
		} else {
			fits = fits && n + 1 < sizeof buf;
			if (fits)
				buf[n++] = (char)cp;
		}
		sc->pos += step;
	}
	sc->pos++;
	return fits && n == strlen(key) && memcmp(buf, key, n) == 0;
}

/* Move to the member step->key (nth of that name) of the object at pos. */
static bool find_member(struct scan *sc, const struct jsonloc_step *step)
{
	int seen = 0;
	sc->pos++; /* '{' */
	for (;;) {
		skip_ws(sc);
		if (peek(sc) != '"')
			return false;
		size_t key_at = sc->pos;
		bool hit = string_equals(sc, step->key) && seen++ == step->nth;
		skip_ws(sc);
		sc->pos++; /* ':' */
		if (hit) {
			sc->pos = key_at;
			return true;
		}
		skip_value(sc);
		skip_ws(sc);
		if (peek(sc) != ',')
			return false;
		sc->pos++;
	}
}

static bool find_element(struct scan *sc, int index)
{
	sc->pos++; /* '[' */
	for (int i = 0;; i++) {
		skip_ws(sc);
		if (peek(sc) == ']' || at_end(sc))
			return false;
		if (i == index)
			return true;
		skip_value(sc);
		skip_ws(sc);
		if (peek(sc) != ',')
			return false;
		sc->pos++;
	}
}

bool jsonloc_find(const char *text, size_t len, const struct jsonloc_step *path, size_t n,
                  size_t *offset)
{
	struct scan sc = {.s = (const unsigned char *)text, .len = len};
	sc.pos = skip_bom(sc.s, len);
	skip_ws(&sc);
	*offset = sc.pos;
	for (size_t i = 0; i < n; i++) {
		bool found;
		if (path[i].key != NULL)
			found = peek(&sc) == '{' && find_member(&sc, &path[i]);
		else
			found = peek(&sc) == '[' && find_element(&sc, path[i].index);
		if (!found)
			return false;
		*offset = sc.pos;
		if (path[i].key != NULL && i + 1 < n) {
			/* step over key and ':' to the value */
			string_equals(&sc, "");
			skip_ws(&sc);
			sc.pos++;
			skip_ws(&sc);
		}
	}
	return true;
}

void jsonloc_line_col(const char *text, size_t len, size_t offset, int *line, int *col)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = skip_bom(s, len);
	if (offset > len)
		offset = len;
	*line = 1;
	*col = 1;
	for (; i < offset; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}
