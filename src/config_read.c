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
#include "worthit/xmalloc.h"

#include <cJSON.h>
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

enum wit_status config_read_number(struct config_reader *r, const cJSON *v, const char *what, double min,
                            double max, double *out)
{
	if (!cJSON_IsNumber(v))
		return config_read_fail(r, "%s must be a number, got %s", what, config_read_type_name(v));
	double x = v->valuedouble;
	if (!isfinite(x) || x < min || x > max)
		return config_read_fail(r, "%s must be between %.10g and %.10g, got %.10g", what, min, max, x);
	*out = x;
	return WIT_OK;
}

enum wit_status config_read_int(struct config_reader *r, const cJSON *v, const char *what, int min, int max,
                         int *out)
{
	double x;
	enum wit_status st = config_read_number(r, v, what, min, max, &x);
	if (st != WIT_OK)
		return st;
	if (x != floor(x))
		return config_read_fail(r, "%s must be a whole number, got %.10g", what, x);
	*out = (int)x;
	return WIT_OK;
}

enum wit_status config_read_string(struct config_reader *r, const cJSON *v, const char *what, char *out,
                            size_t cap)
{
	if (!cJSON_IsString(v))
		return config_read_fail(r, "%s must be a string, got %s", what, config_read_type_name(v));
	size_t n = strlen(v->valuestring);
	if (n == 0)
		return config_read_fail(r, "%s must not be empty", what);
	if (n >= cap)
		return config_read_fail(r, "%s is too long (%zu bytes, at most %zu)", what, n, cap - 1);
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

