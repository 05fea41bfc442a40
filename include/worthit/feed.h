/*
 * feed.h: asking a calendar feed (an .ics over http or https; webcal is
 * read as https) for its text, through libcurl, conditionally: the
 * ETag and Last-Modified of the last good copy go out as If-None-Match
 * and If-Modified-Since, and a 304 means "unchanged" without a body.
 * Bounded: a total timeout, a size cap (also when the server sends no
 * Content-Length), at most FEED_REDIRECTS_MAX redirects, http and https
 * only (redirects included). An answer that is not iCalendar (an HTML
 * login page, an error page) is a failure, never an empty calendar.
 */
#ifndef WORTHIT_FEED_H
#define WORTHIT_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/status.h"

#define FEED_REDIRECTS_MAX 5

struct feed_request {
	const char *url;           /* normalized (config_sources_normalize_url) */
	const char *etag;          /* of the last good copy, or NULL */
	const char *last_modified; /* of the last good copy, or NULL */
	long timeout_ms;           /* whole transfer, > 0 */
	int64_t max_bytes;         /* size cap of the body, > 0 */
};

struct feed_answer {
	bool is_unchanged;         /* 304 Not Modified: no body */
	char *body;                /* owned, NUL-terminated; NULL when unchanged */
	size_t len;
	char *etag;                /* validators of this answer, owned, or NULL */
	char *last_modified;
};

/*
 * Ask the feed. WIT_TEMPFAIL for a timeout or a network failure,
 * WIT_DATA for an HTTP error status, a body over the cap or a body that
 * is not iCalendar; *why names the URL and says which. out is filled
 * only on WIT_OK; free it with feed_answer_done().
 */
enum wit_status feed_fetch(const struct feed_request *req, struct feed_answer *out, char **why);
void feed_answer_done(struct feed_answer *a);

/* The timeout for feeds: $WORTHIT_FEED_TIMEOUT_MS when set (tests),
 * else config_sec seconds. */
long feed_timeout_ms(int config_sec);

#endif
