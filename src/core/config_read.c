/*
 * config_read.c: the reading context of config_parse() (key path,
 * positions, typed readers with range checks) and the readers of the
 * list-like sections: profile, target_domains, availability, keywords.
 * Pure core: no I/O. See config_read.h for the conventions.
 *
 * Names read from the file (segments, domains, keyword words) are
 * lower-cased here, so every later comparison can be exact.
 */
#include "worthit/config_read.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const config_day_names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

/* --- the reading context: where we are, and messages that say so ------- */

void config_read_enter(struct config_reader *r, const char *key)
{
	if (r->depth < JSONLOC_DEPTH_MAX)
		r->step[r->depth] = (struct jsonloc_step){.key = key};
	r->depth++;
}

void config_read_enter_index(struct config_reader *r, int index)
{
	if (r->depth < JSONLOC_DEPTH_MAX)
		r->step[r->depth] = (struct jsonloc_step){.index = index};
	r->depth++;
}

void config_read_leave(struct config_reader *r) { r->depth--; }

static void key_path(const struct config_reader *r, char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < r->depth && i < JSONLOC_DEPTH_MAX && n < cap; i++) {
		const struct jsonloc_step *s = &r->step[i];
		int w = s->key != NULL ? snprintf(buf + n, cap - n, "%s%s", i ? "." : "", s->key)
		                       : snprintf(buf + n, cap - n, "[%d]", s->index);
		n += w > 0 ? (size_t)w : 0;
	}
}

char *config_read_where(const char *path, const char *text, size_t len, size_t off)
{
	int line, col;
	jsonloc_line_col(text, len, off, &line, &col);
	return xasprintf("%s:%d:%d: ", path, line, col);
}

enum wit_status config_read_fail(struct config_reader *r, const char *fmt, ...)
{
	size_t depth = r->depth < JSONLOC_DEPTH_MAX ? r->depth : JSONLOC_DEPTH_MAX;
	size_t off;
	jsonloc_find(r->text, r->len, r->step, depth, &off);
	char keys[256];
	key_path(r, keys, sizeof keys);
	va_list ap;
	va_start(ap, fmt);
	char *what = xvasprintf(fmt, ap);
	va_end(ap);
	char *at = config_read_where(r->path, r->text, r->len, off);
	enum wit_status st = wit_fail(r->why, WIT_CONFIG, "%s%s%s%s", at, keys,
	                              keys[0] != '\0' ? ": " : "", what);
	free(at);
	free(what);
	return st;
}

/* "weight must ..." when the value has a noun, else "must ...": the key
 * path before the message already names it. */
#define NOUN(what) (what) != NULL ? (what) : "", (what) != NULL ? " " : ""

const char *config_read_type_name(const cJSON *v)
{
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsTrue(v))
		return "true";
	if (cJSON_IsFalse(v))
		return "false";
	return "null";
}

enum wit_status config_read_number(struct config_reader *r, const cJSON *v, const char *what,
                                   double min, double max, double *out)
{
	if (!cJSON_IsNumber(v))
		return config_read_fail(r, "%s%smust be a number, got %s", NOUN(what), config_read_type_name(v));
	double x = v->valuedouble;
	if (!isfinite(x) || x < min || x > max)
		return config_read_fail(r, "%s%smust be between %.10g and %.10g, got %.10g",
		                        NOUN(what), min, max, x);
	*out = x;
	return WIT_OK;
}

enum wit_status config_read_int(struct config_reader *r, const cJSON *v, const char *what,
                                int min, int max, int *out)
{
	double x;
	enum wit_status st = config_read_number(r, v, what, min, max, &x);
	if (st != WIT_OK)
		return st;
	if (x != floor(x))
		return config_read_fail(r, "%s%smust be a whole number, got %.10g", NOUN(what), x);
	*out = (int)x;
	return WIT_OK;
}

enum wit_status config_read_string(struct config_reader *r, const cJSON *v, const char *what,
                                   char *out, size_t cap)
{
	if (!cJSON_IsString(v))
		return config_read_fail(r, "%s%smust be a string, got %s", NOUN(what), config_read_type_name(v));
	size_t n = strlen(v->valuestring);
	if (n == 0)
		return config_read_fail(r, "%s%smust not be empty", NOUN(what));
	if (n >= cap)
		return config_read_fail(r, "%s%sis too long (%zu bytes, at most %zu)", NOUN(what), n, cap - 1);
	memcpy(out, v->valuestring, n + 1);
	return WIT_OK;
}

enum wit_status config_read_object(struct config_reader *r, const cJSON *v)
{
	if (!cJSON_IsObject(v))
		return config_read_fail(r, "must be an object { ... }, got %s", config_read_type_name(v));
	return WIT_OK;
}

enum wit_status config_read_array(struct config_reader *r, const cJSON *v)
{
	if (!cJSON_IsArray(v))
		return config_read_fail(r, "must be an array [ ... ], got %s", config_read_type_name(v));
	return WIT_OK;
}

void config_read_lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}


/* --- profile -------------------------------------------------------------- */

static enum wit_status read_segments(struct config_reader *r, const cJSON *obj,
                                     struct profile_dimension *d)
{
	enum wit_status st = config_read_object(r, obj);
	if (st != WIT_OK)
		return st;
	d->n = 0;
	for (const cJSON *c = obj->child; c != NULL; c = c->next) {
		if (c->string[0] == '_') /* a comment such as "_doc" */
			continue;
		config_read_enter(r, c->string);
		size_t n = strlen(c->string);
		if (n == 0 || n >= WIT_SEGMENT_MAX)
			return config_read_fail(r, "a segment name must have 1 to %d bytes",
			                        WIT_SEGMENT_MAX - 1);
		if (d->n == PROFILE_SEGMENTS_MAX)
			return config_read_fail(r, "too many segments (at most %d)", PROFILE_SEGMENTS_MAX);
		struct profile_segment *s = &d->seg[d->n];
		memcpy(s->value, c->string, n + 1);
		config_read_lower(s->value);
		for (size_t i = 0; i < d->n; i++)
			if (strcmp(d->seg[i].value, s->value) == 0)
				return config_read_fail(r, "segment \"%s\" is listed twice "
				                        "(names are not case-sensitive)", s->value);
		st = config_read_number(r, c, "weight", 0, 1, &s->weight);
		if (st != WIT_OK)
			return st;
		d->n++;
		config_read_leave(r);
	}
	return WIT_OK;
}

static enum wit_status read_dimension(struct config_reader *r, const cJSON *obj,
                                      struct profile_dimension *d)
{
	enum wit_status st = config_read_object(r, obj);
	if (st != WIT_OK)
		return st;
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(obj, "weight");
	if (w != NULL) {
		config_read_enter(r, "weight");
		/* relative importance against the other dimensions */
		st = config_read_number(r, w, NULL, 0, 10, &d->weight);
		if (st != WIT_OK)
			return st;
		config_read_leave(r);
	}
	const cJSON *segs = cJSON_GetObjectItemCaseSensitive(obj, "segments");
	if (segs != NULL) {
		config_read_enter(r, "segments");
		st = read_segments(r, segs, d);
		if (st != WIT_OK)
			return st;
		config_read_leave(r);
	}
	return WIT_OK;
}

enum wit_status config_read_profile(struct config_reader *r, const cJSON *root,
                                    struct wit_config *cfg)
{
	const cJSON *prof = cJSON_GetObjectItemCaseSensitive(root, "profile");
	if (prof == NULL)
		return WIT_OK;
	config_read_enter(r, "profile");
	enum wit_status st = config_read_object(r, prof);
	for (int d = 0; st == WIT_OK && d < DIM_COUNT; d++) {
		const char *name = audience_dim_name((enum audience_dim)d);
		const cJSON *obj = cJSON_GetObjectItemCaseSensitive(prof, name);
		if (obj == NULL)
			continue;
		config_read_enter(r, name);
		st = read_dimension(r, obj, &cfg->profile[d]);
		if (st == WIT_OK)
			config_read_leave(r);
	}
	if (st == WIT_OK)
		config_read_leave(r);
	return st;
}

/* --- target_domains ------------------------------------------------------- */

static bool is_domain(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || strchr(s, '.') == NULL || strstr(s, "..") != NULL)
		return false;
	if (s[0] == '.' || s[0] == '-' || s[n - 1] == '.' || s[n - 1] == '-')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '-' || *p >= 0x80))
			return false;
	return true;
}

enum wit_status config_read_domains(struct config_reader *r, const cJSON *root,
                                    struct wit_config *cfg)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "target_domains");
	if (arr == NULL)
		return WIT_OK;
	config_read_enter(r, "target_domains");
	enum wit_status st = config_read_array(r, arr);
	if (st != WIT_OK)
		return st;
	if (cJSON_GetArraySize(arr) > TARGET_DOMAINS_MAX)
		return config_read_fail(r, "too many domains (at most %d, got %d)", TARGET_DOMAINS_MAX,
		                        cJSON_GetArraySize(arr));
	cfg->n_target_domains = 0;
	int i = 0;
	for (const cJSON *c = arr->child; c != NULL; c = c->next, i++) {
		config_read_enter_index(r, i);
		char *dom = cfg->target_domains[cfg->n_target_domains];
		st = config_read_string(r, c, NULL, dom, sizeof cfg->target_domains[0]);
		if (st != WIT_OK)
			return st;
		if (dom[0] == '@') /* "@bigfirm.com", as in an address */
			memmove(dom, dom + 1, strlen(dom));
		config_read_lower(dom);
		if (!is_domain(dom))
			return config_read_fail(r, "expected a domain such as \"bigfirm.com\", got \"%s\"",
			                        c->valuestring);
		for (size_t k = 0; k < cfg->n_target_domains; k++)
			if (strcmp(cfg->target_domains[k], dom) == 0)
				return config_read_fail(r, "\"%s\" is listed twice", dom);
		cfg->n_target_domains++;
		config_read_leave(r);
	}
	config_read_leave(r);
	return WIT_OK;
}

/* --- me: the user's own addresses ----------------------------------------- */

enum wit_status config_read_me(struct config_reader *r, const cJSON *root,
                               struct wit_config *cfg)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "me");
	if (arr == NULL)
		return WIT_OK;
	config_read_enter(r, "me");
	enum wit_status st = config_read_array(r, arr);
	if (st != WIT_OK)
		return st;
	if (cJSON_GetArraySize(arr) > ME_MAX)
		return config_read_fail(r, "too many addresses (at most %d, got %d)", ME_MAX,
		                        cJSON_GetArraySize(arr));
	cfg->n_me = 0;
	int i = 0;
	for (const cJSON *c = arr->child; c != NULL; c = c->next, i++) {
		config_read_enter_index(r, i);
		char *addr = cfg->me[cfg->n_me];
		st = config_read_string(r, c, NULL, addr, sizeof cfg->me[0]);
		if (st != WIT_OK)
			return st;
		if (strncasecmp(addr, "mailto:", 7) == 0)
			memmove(addr, addr + 7, strlen(addr + 7) + 1);
		config_read_lower(addr);
		const char *at = strchr(addr, '@');
		if (at == NULL || at == addr || at[1] == '\0' || strchr(addr, ' ') != NULL)
			return config_read_fail(r, "expected an e-mail address such as "
			                        "\"you@example.com\", got \"%s\"", c->valuestring);
		for (size_t k = 0; k < cfg->n_me; k++)
			if (strcmp(cfg->me[k], addr) == 0)
				return config_read_fail(r, "\"%s\" is listed twice", addr);
		cfg->n_me++;
		config_read_leave(r);
	}
	config_read_leave(r);
	return WIT_OK;
}

/* --- sendmail: the command replies are piped to ----------------------------- */

enum wit_status config_read_sendmail(struct config_reader *r, const cJSON *root,
                                     struct wit_config *cfg)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "sendmail");
	if (v == NULL)
		return WIT_OK;
	config_read_enter(r, "sendmail");
	enum wit_status st = config_read_string(r, v, NULL, cfg->sendmail, sizeof cfg->sendmail);
	if (st != WIT_OK)
		return st;
	if (strspn(cfg->sendmail, " \t") == strlen(cfg->sendmail))
		return config_read_fail(r, "must be a command such as \"%s\" or \"msmtp -t\"",
		                        SENDMAIL_DEFAULT);
	config_read_leave(r);
	return WIT_OK;
}

/* --- availability --------------------------------------------------------- */

/* "H:MM" or "HH:MM" at *s, 00:00..24:00; advances *s. */
static bool read_clock(const char **s, int *minutes, char *msg, size_t cap)
{
	const char *p = *s;
	int h = 0, m = 0, digits = 0;
	while (*p >= '0' && *p <= '9' && digits < 3)
		h = h * 10 + (*p++ - '0'), digits++;
	if (digits < 1 || digits > 2 || *p++ != ':')
		return false;
	if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9'))
		return false;
	m = (p[0] - '0') * 10 + (p[1] - '0');
	*s = p + 2;
	if (h > 24) {
		snprintf(msg, cap, "hour %d is not between 00 and 24", h);
		return false;
	}
	if (m > 59) {
		snprintf(msg, cap, "minute %d is not between 00 and 59", m);
		return false;
	}
	if (h == 24 && m != 0) {
		snprintf(msg, cap, "24:%02d is past midnight (24:00 is the latest)", m);
		return false;
	}
	*minutes = h * 60 + m;
	return true;
}

bool config_read_window(const char *s, struct avail_window *w, char *msg, size_t cap)
{
	snprintf(msg, cap, "expected \"HH:MM-HH:MM\" such as \"08:00-18:00\"");
	if (!read_clock(&s, &w->start_min, msg, cap))
		return false;
	s += strspn(s, " ");
	if (*s++ != '-')
		return false;
	s += strspn(s, " ");
	if (!read_clock(&s, &w->end_min, msg, cap) || *s != '\0')
		return false;
	if (w->start_min >= w->end_min) {
		snprintf(msg, cap, "the window ends before it starts (a window cannot cross midnight)");
		return false;
	}
	return true;
}

static int window_cmp(const void *a, const void *b)
{
	const struct avail_window *x = a, *y = b;
	return (x->start_min > y->start_min) - (x->start_min < y->start_min);
}

static enum wit_status read_day(struct config_reader *r, const cJSON *arr, size_t *n,
                                struct avail_window *w)
{
	enum wit_status st = config_read_array(r, arr);
	if (st != WIT_OK)
		return st;
	if (cJSON_GetArraySize(arr) > AVAIL_WINDOWS_MAX)
		return config_read_fail(r, "at most %d windows a day, got %d", AVAIL_WINDOWS_MAX,
		                        cJSON_GetArraySize(arr));
	*n = 0;
	for (const cJSON *c = arr->child; c != NULL; c = c->next) {
		config_read_enter_index(r, (int)*n);
		if (!cJSON_IsString(c))
			return config_read_fail(r, "a window must be a string such as \"08:00-18:00\", got %s",
			                        config_read_type_name(c));
		char msg[96];
		if (!config_read_window(c->valuestring, &w[*n], msg, sizeof msg))
			return config_read_fail(r, "\"%s\": %s", c->valuestring, msg);
		(*n)++;
		config_read_leave(r);
	}
	qsort(w, *n, sizeof *w, window_cmp);
	for (size_t i = 1; i < *n; i++)
		if (w[i].start_min < w[i - 1].end_min)
			return config_read_fail(r, "windows %02d:%02d-%02d:%02d and %02d:%02d-%02d:%02d overlap",
			                        w[i - 1].start_min / 60, w[i - 1].start_min % 60,
			                        w[i - 1].end_min / 60, w[i - 1].end_min % 60,
			                        w[i].start_min / 60, w[i].start_min % 60,
			                        w[i].end_min / 60, w[i].end_min % 60);
	return WIT_OK;
}

/* An object of weekday names, each an array of windows: "availability"
 * (soft) and "blocked" (the gate of score v2). */
static enum wit_status read_week(struct config_reader *r, const cJSON *root, const char *key,
                                 size_t n[7], struct avail_window w[7][AVAIL_WINDOWS_MAX])
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, key);
	if (obj == NULL)
		return WIT_OK;
	config_read_enter(r, key);
	enum wit_status st = config_read_object(r, obj);
	for (int day = 0; st == WIT_OK && day < 7; day++) {
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, config_day_names[day]);
		if (arr == NULL)
			continue;
		config_read_enter(r, config_day_names[day]);
		st = read_day(r, arr, &n[day], w[day]);
		if (st == WIT_OK)
			config_read_leave(r);
	}
	if (st == WIT_OK)
		config_read_leave(r);
	return st;
}

enum wit_status config_read_availability(struct config_reader *r, const cJSON *root,
                                         struct wit_config *cfg)
{
	enum wit_status st = read_week(r, root, "availability", cfg->n_avail, cfg->avail);
	return st == WIT_OK ? read_week(r, root, "blocked", cfg->n_blocked, cfg->blocked) : st;
}

/* --- keywords ------------------------------------------------------------- */

/* Enter key of obj if present; *v is NULL when absent. */
static bool has(struct config_reader *r, const cJSON *obj, const char *key, const cJSON **v)
{
	*v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (*v != NULL)
		config_read_enter(r, key);
	return *v != NULL;
}

static enum wit_status read_rule_kind(struct config_reader *r, const cJSON *obj,
                                      struct keyword_rule *k)
{
	const cJSON *v;
	if (!has(r, obj, "kind", &v))
		return WIT_OK;
	if (!cJSON_IsString(v))
		return config_read_fail(r, "must be a string, got %s", config_read_type_name(v));
	k->kind = invite_kind_from_name(v->valuestring);
	if (k->kind < 0)
		return config_read_fail(r, "unknown kind \"%s\" (known: breakfast, meetup, conference, "
		                        "coffee, lunch, speaking, webinar, other)", v->valuestring);
	config_read_leave(r);
	return WIT_OK;
}

static enum wit_status read_rule_audience(struct config_reader *r, const cJSON *obj,
                                          struct keyword_rule *k)
{
	const cJSON *v;
	enum wit_status st;
	if (has(r, obj, "dimension", &v)) {
		if (!cJSON_IsString(v))
			return config_read_fail(r, "must be a string, got %s",
			                        config_read_type_name(v));
		k->dim = audience_dim_from_name(v->valuestring);
		if (k->dim < 0)
			return config_read_fail(r, "unknown dimension \"%s\" (known: industry, role, "
			                        "company_size, region)", v->valuestring);
		config_read_leave(r);
	}
	static const char *const needs_dim[] = {"segment", "share", "second_degree"};
	for (size_t i = 0; i < 3; i++)
		if (k->dim < 0 && has(r, obj, needs_dim[i], &v))
			return config_read_fail(r, "\"%s\" needs a \"dimension\" in the same rule",
			                        needs_dim[i]);
	if (k->dim < 0)
		return WIT_OK;
	if (!has(r, obj, "segment", &v))
		return config_read_fail(r, "a rule with a \"dimension\" needs a \"segment\"");
	if ((st = config_read_string(r, v, NULL, k->segment, sizeof k->segment)) != WIT_OK)
		return st;
	config_read_lower(k->segment);
	config_read_leave(r);
	if (!has(r, obj, "share", &v))
		return config_read_fail(r, "a rule with a \"dimension\" needs a \"share\" (0 to 1)");
	if ((st = config_read_number(r, v, NULL, 0, 1, &k->share)) != WIT_OK)
		return st;
	config_read_leave(r);
	if (has(r, obj, "second_degree", &v)) {
		if (!cJSON_IsBool(v))
			return config_read_fail(r, "must be true or false, got %s",
			                        config_read_type_name(v));
		k->is_second_degree = cJSON_IsTrue(v);
		config_read_leave(r);
	}
	return WIT_OK;
}

static enum wit_status read_rule(struct config_reader *r, const cJSON *obj,
                                 struct keyword_rule *k)
{
	enum wit_status st = config_read_object(r, obj);
	if (st != WIT_OK)
		return st;
	memset(k, 0, sizeof *k);
	k->kind = -1;
	k->dim = -1;
	const cJSON *v;
	if (!has(r, obj, "word", &v))
		return config_read_fail(r, "a keyword rule needs a \"word\"");
	if ((st = config_read_string(r, v, NULL, k->word, sizeof k->word)) != WIT_OK)
		return st;
	config_read_lower(k->word);
	config_read_leave(r);
	if ((st = read_rule_kind(r, obj, k)) != WIT_OK ||
	    (st = read_rule_audience(r, obj, k)) != WIT_OK)
		return st;
	if (k->kind < 0 && k->dim < 0)
		return config_read_fail(r, "the rule for \"%s\" needs a \"kind\", a \"dimension\" or both",
		                        k->word);
	return WIT_OK;
}

enum wit_status config_read_keywords(struct config_reader *r, const cJSON *root,
                                     struct wit_config *cfg)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "keywords");
	if (arr == NULL)
		return WIT_OK;
	config_read_enter(r, "keywords");
	enum wit_status st = config_read_array(r, arr);
	if (st != WIT_OK)
		return st;
	if (cJSON_GetArraySize(arr) > KEYWORD_RULES_MAX)
		return config_read_fail(r, "too many keyword rules (at most %d, got %d)",
		                        KEYWORD_RULES_MAX, cJSON_GetArraySize(arr));
	cfg->n_rules = 0;
	for (const cJSON *c = arr->child; c != NULL; c = c->next) {
		config_read_enter_index(r, (int)cfg->n_rules);
		if ((st = read_rule(r, c, &cfg->rules[cfg->n_rules])) != WIT_OK)
			return st;
		cfg->n_rules++;
		config_read_leave(r);
	}
	config_read_leave(r);
	return WIT_OK;
}

/* --- places and defaults of facts ------------------------------------------ */

void config_facts_defaults(struct wit_config *cfg)
{
	static const int prep[KIND_COUNT] = {
		[KIND_BREAKFAST] = 10, [KIND_MEETUP] = 15, [KIND_CONFERENCE] = 60,
		[KIND_COFFEE] = 10, [KIND_LUNCH] = 10, [KIND_SPEAKING] = 240,
		[KIND_WEBINAR] = 5, [KIND_OTHER] = 15,
	};
	static const int room[KIND_COUNT] = {
		[KIND_BREAKFAST] = 25, [KIND_MEETUP] = 40, [KIND_CONFERENCE] = 300,
		[KIND_COFFEE] = 2, [KIND_LUNCH] = 6, [KIND_SPEAKING] = 80,
		[KIND_WEBINAR] = 60, [KIND_OTHER] = 20,
	};
	cfg->n_places = 0;
	cfg->default_travel_min[REACH_LOCAL] = 20;
	cfg->default_travel_min[REACH_REGIONAL] = 60;
	cfg->default_travel_min[REACH_VIRTUAL] = 0;
	memcpy(cfg->default_prep_min, prep, sizeof prep);
	memcpy(cfg->default_attendance, room, sizeof room);
}

static enum wit_status read_places(struct config_reader *r, const cJSON *root,
                                   struct wit_config *cfg)
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, "places");
	if (obj == NULL)
		return WIT_OK;
	config_read_enter(r, "places");
	enum wit_status st = config_read_object(r, obj);
	if (st != WIT_OK)
		return st;
	if (cJSON_GetArraySize(obj) > PLACES_MAX)
		return config_read_fail(r, "too many places (at most %d, got %d)", PLACES_MAX,
		                        cJSON_GetArraySize(obj));
	cfg->n_places = 0;
	for (const cJSON *c = obj->child; c != NULL; c = c->next) {
		config_read_enter(r, c->string);
		struct place_travel *p = &cfg->places[cfg->n_places];
		size_t len = strlen(c->string);
		if (len == 0 || len >= sizeof p->match)
			return config_read_fail(r, "a place must have 1 to %d bytes",
			                        (int)sizeof p->match - 1);
		memcpy(p->match, c->string, len + 1);
		config_read_lower(p->match);
		st = config_read_int(r, c, "one-way travel minutes", 0, 1440, &p->travel_min);
		if (st != WIT_OK)
			return st;
		cfg->n_places++;
		config_read_leave(r);
	}
	config_read_leave(r);
	return WIT_OK;
}

/* defaults.<key>: an object of name -> whole number, names from names(). */
static enum wit_status read_per_name(struct config_reader *r, const cJSON *defs, const char *key,
                                     int (*from_name)(const char *), int count, int max,
                                     int *out)
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(defs, key);
	if (obj == NULL)
		return WIT_OK;
	config_read_enter(r, key);
	enum wit_status st = config_read_object(r, obj);
	for (const cJSON *c = obj->child; st == WIT_OK && c != NULL; c = c->next) {
		config_read_enter(r, c->string);
		int i = from_name(c->string);
		if (i < 0 || i >= count)
			return config_read_fail(r, "unknown name \"%s\"", c->string);
		st = config_read_int(r, c, NULL, 0, max, &out[i]);
		if (st == WIT_OK)
			config_read_leave(r);
	}
	if (st == WIT_OK)
		config_read_leave(r);
	return st;
}

enum wit_status config_read_facts(struct config_reader *r, const cJSON *root,
                                  struct wit_config *cfg)
{
	enum wit_status st = read_places(r, root, cfg);
	const cJSON *defs = cJSON_GetObjectItemCaseSensitive(root, "defaults");
	if (st != WIT_OK || defs == NULL)
		return st;
	config_read_enter(r, "defaults");
	st = config_read_object(r, defs);
	if (st == WIT_OK)
		st = read_per_name(r, defs, "travel_min", invite_reach_from_name, REACH_VIRTUAL,
		                   1440, cfg->default_travel_min);
	if (st == WIT_OK)
		st = read_per_name(r, defs, "prep_min", invite_kind_from_name, KIND_COUNT, 10080,
		                   cfg->default_prep_min);
	if (st == WIT_OK)
		st = read_per_name(r, defs, "attendance", invite_kind_from_name, KIND_COUNT, 1000000,
		                   cfg->default_attendance);
	if (st == WIT_OK)
		config_read_leave(r);
	return st;
}

/* --- exchange rates --------------------------------------------------------- */

/* One rate object {"rate": 0.79, "date": "2026-11-01"} of currency code. */
static enum wit_status read_rate(struct config_reader *r, const cJSON *v, const char *code,
                                 struct money_rate *out)
{
	enum wit_status st = config_read_object(r, v);
	if (st != WIT_OK)
		return st;
	for (const cJSON *k = v->child; k != NULL; k = k->next)
		if (strcmp(k->string, "rate") != 0 && strcmp(k->string, "date") != 0) {
			config_read_enter(r, k->string);
			return config_read_fail(r, "unknown key: a rate has \"rate\" and \"date\"");
		}
	const cJSON *rate = cJSON_GetObjectItemCaseSensitive(v, "rate");
	const cJSON *date = cJSON_GetObjectItemCaseSensitive(v, "date");
	if (rate == NULL)
		return config_read_fail(r, "needs \"rate\": what 1 %s is worth in your currency",
		                        code);
	config_read_enter(r, "rate");
	if ((st = config_read_number(r, rate, NULL, 1e-9, 1e9, &out->rate)) != WIT_OK)
		return st;
	config_read_leave(r);
	out->date[0] = '\0';
	if (date != NULL) {
		config_read_enter(r, "date");
		int64_t t;
		bool is_date = false;
		if (!cJSON_IsString(date) || !time_parse_iso(date->valuestring, true, &t, &is_date) ||
		    !is_date)
			return config_read_fail(r, "must be the date the rate was set, "
			                        "\"YYYY-MM-DD\"");
		snprintf(out->date, sizeof out->date, "%s", date->valuestring);
		config_read_leave(r);
	}
	snprintf(out->currency, sizeof out->currency, "%s", code);
	return WIT_OK;
}

enum wit_status config_read_rates(struct config_reader *r, const cJSON *root,
                                  struct wit_config *cfg)
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, "exchange_rates");
	if (obj == NULL)
		return WIT_OK;
	config_read_enter(r, "exchange_rates");
	enum wit_status st = config_read_object(r, obj);
	if (st != WIT_OK)
		return st;
	cfg->n_rates = 0;
	for (const cJSON *c = obj->child; c != NULL; c = c->next) {
		config_read_enter(r, c->string);
		if (!money_code_is_valid(c->string))
			return config_read_fail(r, "a currency is a 3-letter ISO 4217 code such as "
			                        "\"USD\", got \"%s\"", c->string);
		char code[MONEY_CODE_LEN];
		for (int i = 0; i < 4; i++)
			code[i] = (char)toupper((unsigned char)c->string[i]);
		if (strcmp(code, config_currency(cfg)) == 0)
			return config_read_fail(r, "%s is your own currency: it needs no rate", code);
		for (size_t i = 0; i < cfg->n_rates; i++)
			if (strcmp(cfg->rates[i].currency, code) == 0)
				return config_read_fail(r, "%s is given twice", code);
		if (cfg->n_rates == RATES_MAX)
			return config_read_fail(r, "too many rates (at most %d)", RATES_MAX);
		if ((st = read_rate(r, c, code, &cfg->rates[cfg->n_rates])) != WIT_OK)
			return st;
		cfg->n_rates++;
		config_read_leave(r);
	}
	config_read_leave(r);
	return WIT_OK;
}
