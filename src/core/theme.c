/*
 * theme.c: theme JSON -> styles per role, and colour fallback for
 * terminals with fewer colours (see theme.h for the format). Pure core:
 * the caller reads the file and hands over its text. Error positions are
 * 1-based line and column of the offending byte: cJSON's parse end for
 * syntax errors, the first occurrence of the offending key or value
 * (searched after its role's key) for semantic ones.
 */
#include "worthit/theme.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const role_names[ROLE_COUNT] = {
	"normal", "header", "tab", "tab_active", "selected", "go", "maybe", "skip",
	"bar", "bar_empty", "gauge", "gauge_over", "muted", "title", "border",
	"status", "message", "error",
};

static const char *const color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "bold", THEME_BOLD },           { "dim", THEME_DIM },
	{ "underline", THEME_UNDERLINE }, { "reverse", THEME_REVERSE },
	{ "italic", THEME_ITALIC },       { "standout", THEME_STANDOUT },
};

const char *theme_role_name(enum theme_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "normal";
}

int theme_role_from_name(const char *name)
{
	for (int i = 0; name != NULL && i < ROLE_COUNT; i++)
		if (strcmp(role_names[i], name) == 0)
			return i;
	return -1;
}

int theme_name_is_valid(const char *name)
{
	if (name == NULL || name[0] == '\0' || strlen(name) > 48)
		return 0;
	for (const char *p = name; *p != '\0'; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

static void style_set(struct theme *t, enum theme_role r, int fg, int bg, unsigned attrs)
{
	t->role[r].fg = fg;
	t->role[r].bg = bg;
	t->role[r].attrs = attrs;
}

void theme_defaults(struct theme *t)
{
	const int D = THEME_COLOR_DEFAULT;

	memset(t, 0, sizeof *t);
	strcpy(t->name, "default");
	style_set(t, ROLE_NORMAL, D, D, 0);
	style_set(t, ROLE_HEADER, 7, 4, THEME_BOLD);
	style_set(t, ROLE_TAB, 7, 4, 0);
	style_set(t, ROLE_TAB_ACTIVE, 4, 7, THEME_BOLD);
	style_set(t, ROLE_SELECTED, 0, 6, 0);
	style_set(t, ROLE_GO, 2, D, THEME_BOLD);
	style_set(t, ROLE_MAYBE, 3, D, 0);
	style_set(t, ROLE_SKIP, 1, D, 0);
	style_set(t, ROLE_BAR, 6, D, 0);
	style_set(t, ROLE_BAR_EMPTY, D, D, THEME_DIM);
	style_set(t, ROLE_GAUGE, 2, 4, THEME_BOLD);
	style_set(t, ROLE_GAUGE_OVER, 1, 4, THEME_BOLD);
	style_set(t, ROLE_MUTED, D, D, THEME_DIM);
	style_set(t, ROLE_TITLE, 6, D, THEME_BOLD);
	style_set(t, ROLE_BORDER, 4, D, 0);
	style_set(t, ROLE_STATUS, 7, 4, 0);
	style_set(t, ROLE_MESSAGE, 3, 4, THEME_BOLD);
	style_set(t, ROLE_ERROR, 7, 1, THEME_BOLD);
}

unsigned theme_mono_attrs(enum theme_role r)
{
	static const unsigned mono[ROLE_COUNT] = {
		[ROLE_HEADER] = THEME_REVERSE | THEME_BOLD,
		[ROLE_TAB] = THEME_REVERSE,
		[ROLE_TAB_ACTIVE] = THEME_BOLD | THEME_UNDERLINE,
		[ROLE_SELECTED] = THEME_REVERSE,
		[ROLE_GO] = THEME_BOLD,
		[ROLE_SKIP] = THEME_DIM,
		[ROLE_BAR] = THEME_BOLD,
		[ROLE_BAR_EMPTY] = THEME_DIM,
		[ROLE_GAUGE] = THEME_REVERSE,
		[ROLE_GAUGE_OVER] = THEME_REVERSE | THEME_BOLD | THEME_UNDERLINE,
		[ROLE_MUTED] = THEME_DIM,
		[ROLE_TITLE] = THEME_BOLD | THEME_UNDERLINE,
		[ROLE_STATUS] = THEME_REVERSE,
		[ROLE_MESSAGE] = THEME_REVERSE | THEME_BOLD,
		[ROLE_ERROR] = THEME_REVERSE | THEME_BOLD | THEME_UNDERLINE,
	};
	return (unsigned)r < ROLE_COUNT ? mono[r] : 0;
}

int theme_color_fallback(int color, int ncolors)
{
	if (color < 0 || ncolors < 8)
		return THEME_COLOR_DEFAULT;
	if (color < ncolors || color < 8)
		return color;
	if (color < 16)
		return color - 8;
	if (color >= 232) /* grey ramp 232..255, dark to light */
		return color >= 244 ? 7 : 0;
	int n = color - 16, r = n / 36, g = (n / 6) % 6, b = n % 6;
	int m = r > g ? (r > b ? r : b) : (g > b ? g : b);
	if (r == g && g == b)
		return m >= 3 ? 7 : 0;
	/* keep the components at least half as strong as the strongest */
	return (r * 2 >= m ? 1 : 0) | (g * 2 >= m ? 2 : 0) | (b * 2 >= m ? 4 : 0);
}

/* 1-based line and column of byte offset off in text. */
static void text_position(const char *text, size_t len, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

/* Offset of the first `"needle"` at or after from; from when absent. */
static size_t text_find_quoted(const char *text, size_t len, size_t from, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = from; i + n + 2 <= len; i++)
		if (text[i] == '"' && memcmp(text + i + 1, needle, n) == 0 && text[i + n + 1] == '"')
			return i;
	return from;
}

struct theme_parser {
	const char *text;
	size_t len;
	const char *path;
	char **why;
};

static enum wit_status parser_fail(const struct theme_parser *p, size_t off, const char *what,
                                   const char *detail)
{
	int line, col;
	text_position(p->text, p->len, off, &line, &col);
	return wit_fail(p->why, WIT_CONFIG, "%s:%d:%d: %s%s", p->path, line, col, what,
	                detail != NULL ? detail : "");
}

static int color_from_json(const cJSON *v)
{
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		return d >= 0 && d <= 255 && d == (int)d ? (int)d : -2;
	}
	if (!cJSON_IsString(v))
		return -2;
	const char *s = v->valuestring;
	if (strcasecmp(s, "default") == 0)
		return THEME_COLOR_DEFAULT;
	int base = 0;
	if (strncasecmp(s, "bright-", 7) == 0) {
		base = 8;
		s += 7;
	}
	for (int i = 0; i < 8; i++)
		if (strcasecmp(s, color_names[i]) == 0)
			return base + i;
	return -2;
}

static int attr_from_word(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (strlen(attr_names[i].name) == n && strncasecmp(attr_names[i].name, w, n) == 0)
			return (int)attr_names[i].bit;
	return -1;
}

/* Attribute words of one string into *bits; the bad word's text into
 * bad (for the message) on failure. */
static int attrs_from_string(const char *s, unsigned *bits, char *bad, size_t badlen)
{
	while (*s != '\0') {
		while (*s == ' ' || *s == ',')
			s++;
		size_t n = strcspn(s, " ,");
		if (n == 0)
			break;
		int bit = attr_from_word(s, n);
		if (bit < 0) {
			snprintf(bad, badlen, "%.*s", (int)(n < 40 ? n : 40), s);
			return -1;
		}
		*bits |= (unsigned)bit;
		s += n;
	}
	return 0;
}

static enum wit_status parse_attrs(const struct theme_parser *p, size_t at, const cJSON *v,
                                   unsigned *bits)
{
	char bad[48] = "";
	*bits = 0;
	if (cJSON_IsString(v)) {
		if (attrs_from_string(v->valuestring, bits, bad, sizeof bad) == 0)
			return WIT_OK;
	} else if (cJSON_IsArray(v)) {
		const cJSON *w;
		cJSON_ArrayForEach(w, v) {
			if (!cJSON_IsString(w))
				return parser_fail(p, at, "attrs must be strings", NULL);
			if (attrs_from_string(w->valuestring, bits, bad, sizeof bad) != 0)
				break;
		}
		if (bad[0] == '\0')
			return WIT_OK;
	} else {
		return parser_fail(p, text_find_quoted(p->text, p->len, at, "attrs"),
		                   "attrs must be a string or an array of strings", NULL);
	}
	char what[96];
	snprintf(what, sizeof what, "unknown attribute \"%s\"", bad);
	return parser_fail(p, text_find_quoted(p->text, p->len, at, bad), what,
	                   " (bold dim underline reverse italic standout)");
}

static enum wit_status parse_role(const struct theme_parser *p, size_t roles_at,
                                  const cJSON *item, struct theme *t)
{
	int r = theme_role_from_name(item->string);
	size_t at = text_find_quoted(p->text, p->len, roles_at, item->string);
	if (r < 0)
		return parser_fail(p, at, "unknown role: ", item->string);
	if (!cJSON_IsObject(item))
		return parser_fail(p, at, "a role must be an object with fg, bg, attrs: ",
		                   item->string);
	struct theme_style st = t->role[r];
	static const char *const keys[2] = { "fg", "bg" };
	for (int k = 0; k < 2; k++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, keys[k]);
		if (v == NULL)
			continue;
		int c = color_from_json(v);
		if (c == -2) {
			size_t vat = text_find_quoted(p->text, p->len, at, keys[k]);
			char what[96];
			if (cJSON_IsString(v))
				snprintf(what, sizeof what, "unknown colour \"%.40s\" for %s", v->valuestring,
				         keys[k]);
			else
				snprintf(what, sizeof what, "unknown colour for %s", keys[k]);
			return parser_fail(p, vat, what,
			                   " (a name such as cyan, bright-red, default; or 0..255)");
		}
		*(k == 0 ? &st.fg : &st.bg) = c;
	}
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(item, "attrs");
	if (a != NULL) {
		enum wit_status s = parse_attrs(p, at, a, &st.attrs);
		if (s != WIT_OK)
			return s;
	}
	t->role[r] = st;
	return WIT_OK;
}

static enum wit_status theme_parse_tree(const struct theme_parser *p, const cJSON *root,
                                        struct theme *t)
{
	if (!cJSON_IsObject(root))
		return parser_fail(p, 0, "a theme must be a JSON object", NULL);
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "name");
	if (name != NULL) {
		if (!cJSON_IsString(name) || !theme_name_is_valid(name->valuestring))
			return parser_fail(p, text_find_quoted(p->text, p->len, 0, "name"),
			                   "name must be letters, digits, - or _", NULL);
		snprintf(t->name, sizeof t->name, "%s", name->valuestring);
	}
	const cJSON *roles = cJSON_GetObjectItemCaseSensitive(root, "roles");
	if (roles == NULL)
		return WIT_OK;
	size_t roles_at = text_find_quoted(p->text, p->len, 0, "roles");
	if (!cJSON_IsObject(roles))
		return parser_fail(p, roles_at, "roles must be an object", NULL);
	const cJSON *item;
	cJSON_ArrayForEach(item, roles) {
		enum wit_status s = parse_role(p, roles_at, item, t);
		if (s != WIT_OK)
			return s;
	}
	return WIT_OK;
}

enum wit_status theme_parse(const char *text, size_t len, const char *path, struct theme *t,
                            char **why)
{
	struct theme_parser p = { text, len, path != NULL ? path : "theme", why };
	const char *end = NULL;

	theme_defaults(t);
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (root == NULL) {
		size_t off = end != NULL && end >= text ? (size_t)(end - text) : 0;
		return parser_fail(&p, off, "invalid JSON", NULL);
	}
	enum wit_status s = theme_parse_tree(&p, root, t);
	cJSON_Delete(root);
	if (s != WIT_OK)
		theme_defaults(t);
	return s;
}
