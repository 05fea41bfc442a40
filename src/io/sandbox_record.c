/*
 * sandbox_record.c: encoding and checked decoding of the records a
 * sandboxed parser sends its parent (format in sandbox_record.h). Owns
 * no state. Every field of struct invitation travels: a field added to
 * the struct must be added here too, which the static assertion below
 * is there to remind (on LP64, where the build runs).
 */
#include "worthit/sandbox_record.h"
#include "worthit/xmalloc.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#if defined(__LP64__)
_Static_assert(sizeof(struct invitation) == 256,
               "struct invitation changed: carry the new field in sandbox_record.c");
#endif

#define NO_STRING 0xFFFFFFFFu

void sandbox_buf_done(struct sandbox_buf *b)
{
	free(b->bytes);
	b->bytes = NULL;
	b->len = b->cap = 0;
}

static void put(struct sandbox_buf *b, const void *src, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 256;
		b->bytes = xrealloc(b->bytes, b->cap);
	}
	memcpy(b->bytes + b->len, src, n);
	b->len += n;
}

static void put_u32(struct sandbox_buf *b, uint32_t v) { put(b, &v, sizeof v); }
static void put_i64(struct sandbox_buf *b, int64_t v) { put(b, &v, sizeof v); }
static void put_i32(struct sandbox_buf *b, int32_t v) { put(b, &v, sizeof v); }

static void put_str(struct sandbox_buf *b, const char *s)
{
	if (s == NULL) {
		put_u32(b, NO_STRING);
		return;
	}
	size_t n = strlen(s);
	if (n >= SANDBOX_RECORD_MAX)
		n = SANDBOX_RECORD_MAX - 1; /* decoding then fails the record as too large */
	put_u32(b, (uint32_t)n);
	put(b, s, n);
}

/* Starts a record; returns where its length goes. */
static size_t begin(struct sandbox_buf *b, enum sandbox_record_type type)
{
	unsigned char t = (unsigned char)type;
	put(b, &t, 1);
	size_t at = b->len;
	put_u32(b, 0);
	return at;
}

static void end(struct sandbox_buf *b, size_t at)
{
	uint32_t n = (uint32_t)(b->len - at - 4);
	memcpy(b->bytes + at, &n, sizeof n);
}

void sandbox_record_put_invitation(struct sandbox_buf *b, const struct invitation *inv,
                                   int line, enum import_action action)
{
	size_t at = begin(b, RECORD_INVITATION);
	put_i32(b, line);
	put_i32(b, (int32_t)action);
	const char *texts[] = {inv->uid, inv->recurrence_id, inv->title, inv->organizer,
	                       inv->series, inv->tzid, inv->location, inv->source_file,
	                       inv->description, inv->url, inv->categories, inv->attendees,
	                       inv->mail_message_id, inv->mail_from, inv->mail_subject,
	                       inv->me_address};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		put_str(b, texts[i]);
	put_i64(b, inv->id);
	put_i32(b, (int32_t)inv->kind);
	put_i32(b, (int32_t)inv->status);
	put_i64(b, inv->starts_at);
	put_i64(b, inv->ends_at);
	put_i32(b, inv->all_day);
	put_i32(b, (int32_t)inv->reach);
	put_i32(b, inv->travel_min);
	put_i32(b, inv->prep_min);
	put_i64(b, inv->ticket_minor);
	put(b, inv->currency, sizeof inv->currency);
	put_i32(b, inv->expected_attendance);
	put_i32(b, inv->is_speaking);
	put_i64(b, inv->speaking_fee_minor);
	put_i32(b, inv->sequence);
	put_i64(b, inv->mail_date);
	put_i32(b, inv->is_kind_given);
	put_u32(b, (uint32_t)inv->n_shares);
	for (size_t i = 0; i < inv->n_shares; i++) {
		const struct audience_share *sh = &inv->shares[i];
		put_i32(b, (int32_t)sh->dim);
		put(b, sh->value, sizeof sh->value);
		put(b, &sh->share, sizeof sh->share);
		put_i32(b, sh->is_second_degree);
	}
	end(b, at);
}

void sandbox_record_put_at(struct sandbox_buf *b, uint64_t pos)
{
	size_t at = begin(b, RECORD_AT);
	put_i64(b, (int64_t)pos);
	end(b, at);
}

void sandbox_record_put_problem(struct sandbox_buf *b, enum sandbox_record_type type, int line,
                                const char *message)
{
	size_t at = begin(b, type);
	put_i32(b, line);
	put_str(b, message);
	end(b, at);
}

static void put_end(struct sandbox_buf *b, enum sandbox_record_type type, enum wit_status st,
                    const char *why, const void *stats, size_t stats_size)
{
	size_t at = begin(b, type);
	put_i32(b, (int32_t)st);
	put_str(b, why);
	put_u32(b, (uint32_t)stats_size);
	if (stats_size > 0)
		put(b, stats, stats_size);
	end(b, at);
}

void sandbox_record_put_end(struct sandbox_buf *b, enum wit_status st, const char *why,
                            const void *stats, size_t stats_size)
{
	put_end(b, RECORD_END, st, why, stats, stats_size);
}

void sandbox_record_put_item_end(struct sandbox_buf *b, enum wit_status st, const char *why)
{
	put_end(b, RECORD_ITEM_END, st, why, NULL, 0);
}

/* ---- decoding: every read is bounds-checked ---- */

struct reader {
	const unsigned char *p;
	size_t n, at;
	bool is_bad;
};

static bool get(struct reader *r, void *dst, size_t n)
{
	if (r->is_bad || n > r->n - r->at) {
		r->is_bad = true;
		memset(dst, 0, n);
		return false;
	}
	memcpy(dst, r->p + r->at, n);
	r->at += n;
	return true;
}

static int32_t get_i32(struct reader *r)
{
	int32_t v;
	get(r, &v, sizeof v);
	return v;
}

static uint32_t get_u32(struct reader *r)
{
	uint32_t v;
	get(r, &v, sizeof v);
	return v;
}

static int64_t get_i64(struct reader *r)
{
	int64_t v;
	get(r, &v, sizeof v);
	return v;
}

/* A caller-freed copy, or NULL (for NULL, or when malformed). */
static char *get_str(struct reader *r)
{
	uint32_t len = get_u32(r);
	if (r->is_bad || len == NO_STRING)
		return NULL;
	if (len > r->n - r->at || memchr(r->p + r->at, '\0', len) != NULL) {
		r->is_bad = true;
		return NULL;
	}
	char *s = xstrndup((const char *)r->p + r->at, len);
	r->at += len;
	return s;
}

static bool in_range(int32_t v, int count)
{
	return v >= 0 && v < count;
}

static bool is_terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static void get_shares(struct reader *r, struct invitation *inv)
{
	uint32_t n = get_u32(r);
	if (n > INVITE_SHARES_MAX) {
		r->is_bad = true;
		return;
	}
	for (uint32_t i = 0; i < n && !r->is_bad; i++) {
		struct audience_share sh;
		int32_t dim = get_i32(r);
		get(r, sh.value, sizeof sh.value);
		get(r, &sh.share, sizeof sh.share);
		sh.is_second_degree = get_i32(r) != 0;
		if (r->is_bad || !in_range(dim, DIM_COUNT) || !is_terminated(sh.value, sizeof sh.value) ||
		    !isfinite(sh.share) || sh.share < 0 || sh.share > 1) {
			r->is_bad = true;
			return;
		}
		sh.dim = (enum audience_dim)dim;
		invitation_add_share(inv, &sh);
	}
}

enum wit_status sandbox_record_get_invitation(const unsigned char *p, size_t n,
                                              struct invitation *inv, int *line,
                                              enum import_action *action)
{
	struct reader r = {p, n, 0, false};
	*line = get_i32(&r);
	int32_t act = get_i32(&r);
	char **texts[] = {&inv->uid, &inv->recurrence_id, &inv->title, &inv->organizer,
	                  &inv->series, &inv->tzid, &inv->location, &inv->source_file,
	                  &inv->description, &inv->url, &inv->categories, &inv->attendees,
	                  &inv->mail_message_id, &inv->mail_from, &inv->mail_subject,
	                  &inv->me_address};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		free(*texts[i]);
		*texts[i] = get_str(&r);
	}
	inv->id = get_i64(&r);
	int32_t kind = get_i32(&r), status = get_i32(&r);
	inv->starts_at = get_i64(&r);
	inv->ends_at = get_i64(&r);
	inv->all_day = get_i32(&r) != 0;
	int32_t reach = get_i32(&r);
	inv->travel_min = get_i32(&r);
	inv->prep_min = get_i32(&r);
	inv->ticket_minor = get_i64(&r);
	get(&r, inv->currency, sizeof inv->currency);
	inv->expected_attendance = get_i32(&r);
	inv->is_speaking = get_i32(&r) != 0;
	inv->speaking_fee_minor = get_i64(&r);
	inv->sequence = get_i32(&r);
	inv->mail_date = get_i64(&r);
	inv->is_kind_given = get_i32(&r) != 0;
	get_shares(&r, inv);
	if (r.is_bad || r.at != n || *line < 0 ||
	    (act != IMPORT_UPSERT && act != IMPORT_CANCEL) || !in_range(kind, KIND_COUNT) ||
	    !in_range(status, STATUS_COUNT) || !in_range(reach, REACH_COUNT) ||
	    !is_terminated(inv->currency, sizeof inv->currency))
		return WIT_DATA;
	*action = (enum import_action)act;
	inv->kind = (enum invite_kind)kind;
	inv->status = (enum invite_status)status;
	inv->reach = (enum invite_reach)reach;
	return WIT_OK;
}

enum wit_status sandbox_record_get_at(const unsigned char *p, size_t n, uint64_t *pos)
{
	struct reader r = {p, n, 0, false};
	*pos = (uint64_t)get_i64(&r);
	return r.is_bad || r.at != n ? WIT_DATA : WIT_OK;
}

enum wit_status sandbox_record_get_problem(const unsigned char *p, size_t n, int *line,
                                           char **message)
{
	struct reader r = {p, n, 0, false};
	*line = get_i32(&r);
	*message = get_str(&r);
	if (r.is_bad || r.at != n || *line < 0 || *message == NULL) {
		free(*message);
		*message = NULL;
		return WIT_DATA;
	}
	return WIT_OK;
}

enum wit_status sandbox_record_get_end(const unsigned char *p, size_t n, enum wit_status *st,
                                       char **why, void *stats, size_t stats_size)
{
	struct reader r = {p, n, 0, false};
	int32_t s = get_i32(&r);
	*why = get_str(&r);
	uint32_t size = get_u32(&r);
	if (!r.is_bad && size == stats_size && stats_size > 0)
		get(&r, stats, stats_size);
	else if (!r.is_bad && size <= n - r.at)
		r.at += size;
	else
		r.is_bad = true;
	if (r.is_bad || r.at != n || !in_range(s, WIT_STATUS_COUNT)) {
		free(*why);
		*why = NULL;
		return WIT_DATA;
	}
	*st = (enum wit_status)s;
	return WIT_OK;
}
