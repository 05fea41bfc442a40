/*
 * feed.c: one conditional GET of a calendar feed through libcurl (see
 * feed.h). The body is collected in memory up to the cap: libcurl's own
 * CURLOPT_MAXFILESIZE_LARGE only refuses a declared Content-Length
 * before curl 8.4, so the write callback enforces it too. Response
 * headers are read for ETag, Last-Modified and Content-Type (of the
 * last response, after redirects). libcurl is initialised once
 * (curl_global_init is not thread-safe; worthit has one thread).
 */
#include "worthit/feed.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct transfer {
	char *body;
	size_t len, cap;
	int64_t max_bytes;
	bool is_too_large;
	char *etag, *last_modified, *content_type;
};

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t add = size * n;
	if ((int64_t)(t->len + add) > t->max_bytes) {
		t->is_too_large = true;
		return 0; /* aborts with CURLE_WRITE_ERROR */
	}
	if (t->len + add + 1 > t->cap) {
		t->cap = (t->len + add + 1) * 2;
		t->body = xrealloc(t->body, t->cap);
	}
	memcpy(t->body + t->len, p, add);
	t->len += add;
	t->body[t->len] = '\0';
	return add;
}

/* "Name: value\r\n" into *dst when the name matches (the last wins). */
static void header_value(const char *line, size_t n, const char *name, char **dst)
{
	size_t k = strlen(name);
	if (n <= k + 1 || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return;
	const char *v = line + k + 1, *end = line + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && isspace((unsigned char)end[-1]))
		end--;
	free(*dst);
	*dst = xstrndup(v, (size_t)(end - v));
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;
	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* a new response (after a redirect): its own headers only */
		free(t->etag), free(t->last_modified), free(t->content_type);
		t->etag = t->last_modified = t->content_type = NULL;
	}
	header_value(p, len, "ETag", &t->etag);
	header_value(p, len, "Last-Modified", &t->last_modified);
	header_value(p, len, "Content-Type", &t->content_type);
	return len;
}

long feed_timeout_ms(int config_sec)
{
	const char *env = getenv("WORTHIT_FEED_TIMEOUT_MS");
	if (env != NULL && *env != '\0') {
		char *end;
		long v = strtol(env, &end, 10);
		if (*end == '\0' && v > 0)
			return v;
	}
	return (long)config_sec * 1000;
}

static struct curl_slist *conditional_headers(const struct feed_request *req)
{
	struct curl_slist *h = NULL;
	char *line;
	if (req->etag != NULL && *req->etag != '\0') {
		line = xasprintf("If-None-Match: %s", req->etag);
		h = curl_slist_append(h, line);
		free(line);
	}
	if (req->last_modified != NULL && *req->last_modified != '\0') {
		line = xasprintf("If-Modified-Since: %s", req->last_modified);
		h = curl_slist_append(h, line);
		free(line);
	}
	return h;
}

static CURL *easy_for(const struct feed_request *req, struct transfer *t,
                      struct curl_slist *headers, char *errbuf)
{
	static bool is_initialised;
	if (!is_initialised) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		is_initialised = true;
	}
	CURL *c = curl_easy_init();
	if (c == NULL)
		return NULL;
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)FEED_REDIRECTS_MAX);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, req->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, req->timeout_ms);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)req->max_bytes);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "worthit/" WORTHIT_VERSION);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	return c;
}

/* Does the body start (after a BOM and white space) as iCalendar? */
static bool is_icalendar(const char *body, size_t len)
{
	size_t i = len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && isspace((unsigned char)body[i]))
		i++;
	return len - i >= 15 && strncasecmp(body + i, "BEGIN:VCALENDAR", 15) == 0;
}

static enum wit_status judge(const struct feed_request *req, CURLcode rc, long code,
                             struct transfer *t, const char *errbuf, char **why)
{
	if (t->is_too_large || rc == CURLE_FILESIZE_EXCEEDED)
		return wit_fail(why, WIT_DATA, "%s: larger than %lld bytes (feeds.max_bytes); "
		                "kept the last good copy", req->url, (long long)req->max_bytes);
	if (rc == CURLE_OPERATION_TIMEDOUT)
		return wit_fail(why, WIT_TEMPFAIL, "%s: no answer within %.1f s (feeds.timeout_sec); "
		                "kept the last good copy", req->url, req->timeout_ms / 1000.0);
	if (rc == CURLE_TOO_MANY_REDIRECTS)
		return wit_fail(why, WIT_DATA, "%s: more than %d redirects; kept the last good copy",
		                req->url, FEED_REDIRECTS_MAX);
	if (rc != CURLE_OK)
		return wit_fail(why, WIT_TEMPFAIL, "%s: %s; kept the last good copy", req->url,
		                errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
	if (code == 304)
		return WIT_OK;
	if (code != 200)
		return wit_fail(why, code >= 500 ? WIT_TEMPFAIL : WIT_DATA,
		                "%s: HTTP status %ld; kept the last good copy", req->url, code);
	if (t->body == NULL || !is_icalendar(t->body, t->len))
		return wit_fail(why, WIT_DATA, "%s: the answer is not iCalendar (Content-Type %s, "
		                "starts \"%.20s\"); kept the last good copy", req->url,
		                t->content_type != NULL ? t->content_type : "none",
		                t->body != NULL ? t->body : "");
	return WIT_OK;
}

enum wit_status feed_fetch(const struct feed_request *req, struct feed_answer *out, char **why)
{
	struct transfer t = { .max_bytes = req->max_bytes };
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *headers = conditional_headers(req);
	CURL *c = easy_for(req, &t, headers, errbuf);
	if (c == NULL) {
		curl_slist_free_all(headers);
		return wit_fail(why, WIT_SOFTWARE, "%s: cannot start libcurl", req->url);
	}
	CURLcode rc = curl_easy_perform(c);
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(c);
	curl_slist_free_all(headers);
	enum wit_status st = judge(req, rc, code, &t, errbuf, why);
	if (st == WIT_OK) {
		memset(out, 0, sizeof *out);
		out->is_unchanged = code == 304;
		if (!out->is_unchanged) {
			out->body = t.body, out->len = t.len;
			t.body = NULL;
		}
		/* a 304 may omit validators: keep the ones we sent */
		out->etag = t.etag != NULL ? t.etag
		            : req->etag != NULL && code == 304 ? xstrdup(req->etag) : NULL;
		out->last_modified = t.last_modified != NULL ? t.last_modified
		                     : req->last_modified != NULL && code == 304
		                     ? xstrdup(req->last_modified) : NULL;
		t.etag = t.last_modified = NULL;
	}
	free(t.body);
	free(t.etag);
	free(t.last_modified);
	free(t.content_type);
	return st;
}

void feed_answer_done(struct feed_answer *a)
{
	free(a->body);
	free(a->etag);
	free(a->last_modified);
	memset(a, 0, sizeof *a);
}
