/*
 * config_sources.c: the "sources" array and the "feeds" object of the
 * configuration (see config_sources.h and docs/config.md).
 *
 *   "sources": [ {"path": "~/.calendars/work", "busy": true},
 *                {"path": "~/.calendars/invites", "write_back": true},
 *                {"url": "webcal://example.org/events.ics"} ],
 *   "feeds": {"timeout_sec": 20, "max_bytes": 20971520}
 *
 * Each source has exactly one of "path" and "url". A URL is kept as
 * written but must be http, https or webcal. Pure core: the kind of a
 * path (vdir, Maildir, mbox, .ics) is recognised when sync reads it.
 */
#include "worthit/config_sources.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

bool config_sources_normalize_url(const char *url, char *out, size_t cap)
{
	const char *rest = NULL, *scheme = NULL;
	if (strncasecmp(url, "webcal://", 9) == 0)
		scheme = "https://", rest = url + 9;
	else if (strncasecmp(url, "https://", 8) == 0)
		scheme = "https://", rest = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		scheme = "http://", rest = url + 7;
	if (scheme == NULL || *rest == '\0' || *rest == '/')
		return false;
	int n = snprintf(out, cap, "%s%s", scheme, rest);
	return n > 0 && (size_t)n < cap;
}

static enum wit_status read_bool(struct config_reader *r, const cJSON *obj, const char *key,
                                 bool *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (v == NULL)
		return WIT_OK;
	config_read_enter(r, key);
	if (!cJSON_IsBool(v))
		return config_read_fail(r, "must be true or false, got %s", config_read_type_name(v));
	*out = cJSON_IsTrue(v);
	config_read_leave(r);
	return WIT_OK;
}

static enum wit_status read_where(struct config_reader *r, const cJSON *obj,
                                  struct source_conf *s)
{
	const cJSON *path = cJSON_GetObjectItemCaseSensitive(obj, "path");
	const cJSON *url = cJSON_GetObjectItemCaseSensitive(obj, "url");
	if ((path == NULL) == (url == NULL))
		return config_read_fail(r, "a source needs exactly one of \"path\" (a vdir, .ics "
		                        "file, Maildir or mbox) and \"url\" (a feed)");
	enum wit_status st;
	if (path != NULL) {
		config_read_enter(r, "path");
		st = config_read_string(r, path, NULL, s->path, sizeof s->path);
	} else {
		config_read_enter(r, "url");
		st = config_read_string(r, url, NULL, s->url, sizeof s->url);
		char norm[SOURCE_PATH_MAX];
		if (st == WIT_OK && !config_sources_normalize_url(s->url, norm, sizeof norm))
			return config_read_fail(r, "expected an http, https or webcal URL, got \"%s\"",
			                        s->url);
	}
	if (st == WIT_OK)
		config_read_leave(r);
	return st;
}

static enum wit_status read_source(struct config_reader *r, const cJSON *obj,
                                   struct wit_config *cfg)
{
	enum wit_status st = config_read_object(r, obj);
	if (st != WIT_OK)
		return st;
	struct source_conf *s = &cfg->sources[cfg->n_sources];
	memset(s, 0, sizeof *s);
	if ((st = read_where(r, obj, s)) != WIT_OK ||
	    (st = read_bool(r, obj, "busy", &s->is_busy)) != WIT_OK ||
	    (st = read_bool(r, obj, "write_back", &s->has_write_back)) != WIT_OK)
		return st;
	if (s->has_write_back && s->path[0] == '\0')
		return config_read_fail(r, "\"write_back\" is for a vdir \"path\", not a feed");
	const char *key = s->path[0] != '\0' ? s->path : s->url;
	if (config_sources_find(cfg, key) >= 0)
		return config_read_fail(r, "\"%s\" is listed twice", key);
	cfg->n_sources++;
	return WIT_OK;
}

static enum wit_status read_feeds(struct config_reader *r, const cJSON *root,
                                  struct wit_config *cfg)
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, "feeds");
	if (obj == NULL)
		return WIT_OK;
	config_read_enter(r, "feeds");
	enum wit_status st = config_read_object(r, obj);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "timeout_sec");
	if (st == WIT_OK && v != NULL) {
		config_read_enter(r, "timeout_sec");
		st = config_read_int(r, v, NULL, 1, 600, &cfg->feed_timeout_sec);
		if (st == WIT_OK)
			config_read_leave(r);
	}
	v = cJSON_GetObjectItemCaseSensitive(obj, "max_bytes");
	if (st == WIT_OK && v != NULL) {
		config_read_enter(r, "max_bytes");
		double x;
		st = config_read_number(r, v, NULL, 1024, 1e10, &x);
		cfg->feed_max_bytes = (int64_t)x;
		if (st == WIT_OK)
			config_read_leave(r);
	}
	if (st == WIT_OK)
		config_read_leave(r);
	return st;
}

enum wit_status config_sources_read(struct config_reader *r, const cJSON *root,
                                    struct wit_config *cfg)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "sources");
	enum wit_status st = WIT_OK;
	if (arr != NULL && !cJSON_IsNull(arr)) {
		config_read_enter(r, "sources");
		if ((st = config_read_array(r, arr)) != WIT_OK)
			return st;
		if (cJSON_GetArraySize(arr) > SOURCES_MAX)
			return config_read_fail(r, "too many sources (at most %d, got %d)",
			                        SOURCES_MAX, cJSON_GetArraySize(arr));
		cfg->n_sources = 0;
		int i = 0;
		for (const cJSON *c = arr->child; c != NULL; c = c->next, i++) {
			config_read_enter_index(r, i);
			if ((st = read_source(r, c, cfg)) != WIT_OK)
				return st;
			config_read_leave(r);
		}
		config_read_leave(r);
	}
	return read_feeds(r, root, cfg);
}

/* --- writing back ---------------------------------------------------------- */

static void put(cJSON *obj, const char *key, cJSON *val)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, val);
	else
		cJSON_AddItemToObject(obj, key, val);
}

void config_sources_merge(cJSON *root, const struct wit_config *cfg)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < cfg->n_sources; i++) {
		const struct source_conf *s = &cfg->sources[i];
		cJSON *o = cJSON_CreateObject();
		if (s->path[0] != '\0')
			cJSON_AddStringToObject(o, "path", s->path);
		else
			cJSON_AddStringToObject(o, "url", s->url);
		if (s->is_busy)
			cJSON_AddTrueToObject(o, "busy");
		if (s->has_write_back)
			cJSON_AddTrueToObject(o, "write_back");
		cJSON_AddItemToArray(arr, o);
	}
	put(root, "sources", arr);
	cJSON *feeds = cJSON_GetObjectItemCaseSensitive(root, "feeds");
	if (!cJSON_IsObject(feeds)) {
		feeds = cJSON_CreateObject();
		put(root, "feeds", feeds);
	}
	put(feeds, "timeout_sec", cJSON_CreateNumber(cfg->feed_timeout_sec));
	put(feeds, "max_bytes", cJSON_CreateNumber((double)cfg->feed_max_bytes));
}

int config_sources_find(const struct wit_config *cfg, const char *s)
{
	for (size_t i = 0; i < cfg->n_sources; i++)
		if (strcmp(cfg->sources[i].path, s) == 0 || strcmp(cfg->sources[i].url, s) == 0)
			return (int)i;
	return -1;
}

enum wit_status config_sources_add_feed(struct wit_config *cfg, const char *url, bool is_busy,
                                        char **why)
{
	if (config_sources_find(cfg, url) >= 0)
		return wit_fail(why, WIT_USAGE, "%s: already subscribed", url);
	if (cfg->n_sources >= SOURCES_MAX)
		return wit_fail(why, WIT_USAGE, "at most %d sources", SOURCES_MAX);
	if (strlen(url) >= SOURCE_PATH_MAX)
		return wit_fail(why, WIT_USAGE, "URL too long (at most %d bytes)",
		                SOURCE_PATH_MAX - 1);
	struct source_conf *s = &cfg->sources[cfg->n_sources++];
	memset(s, 0, sizeof *s);
	memcpy(s->url, url, strlen(url) + 1);
	s->is_busy = is_busy;
	return WIT_OK;
}

void config_sources_remove(struct wit_config *cfg, size_t i)
{
	if (i >= cfg->n_sources)
		return;
	memmove(&cfg->sources[i], &cfg->sources[i + 1],
	        (cfg->n_sources - i - 1) * sizeof cfg->sources[0]);
	cfg->n_sources--;
}
