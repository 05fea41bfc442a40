/*
 * db_invite_read.c: reading invitations and their audience shares (see
 * db_invite.h): one by id, lists (every column, or the brief ones the
 * scoring engine and the dashboard use, with the shares of the whole
 * list in one more query), scans without a list, counts. Writing is
 * db_invite.c's.
 */
#include "worthit/db_invite.h"
#include "worthit/db_internal.h"
#include "worthit/db_invite_mail.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

/* The columns the scoring engine and the dashboard use (db_invite_list_brief). */
#define BRIEF_COLUMNS \
	"id, title, organizer, series, kind, status, starts_at, ends_at, all_day, location, " \
	"reach, travel_min, prep_min, ticket_minor, currency, expected_attendance, " \
	"is_speaking, speaking_fee_minor, sequence, attendees"

static void read_brief_row(sqlite3_stmt *st, struct invitation *inv)
{
	int c = 0;
	inv->id = sqlite3_column_int64(st, c++);
	inv->title = db_column_strdup(st, c++);
	inv->organizer = db_column_strdup(st, c++);
	inv->series = db_column_strdup(st, c++);
	int k = invite_kind_from_name((const char *)sqlite3_column_text(st, c++));
	inv->kind = k < 0 ? KIND_OTHER : (enum invite_kind)k;
	int s = invite_status_from_name((const char *)sqlite3_column_text(st, c++));
	inv->status = s < 0 ? STATUS_PENDING : (enum invite_status)s;
	inv->starts_at = sqlite3_column_int64(st, c++);
	inv->ends_at = sqlite3_column_int64(st, c++);
	inv->all_day = sqlite3_column_int(st, c++) != 0;
	inv->location = db_column_strdup(st, c++);
	int r = invite_reach_from_name((const char *)sqlite3_column_text(st, c++));
	inv->reach = r < 0 ? REACH_LOCAL : (enum invite_reach)r;
	inv->travel_min = sqlite3_column_int(st, c++);
	inv->prep_min = sqlite3_column_int(st, c++);
	inv->ticket_minor = sqlite3_column_int64(st, c++);
	const unsigned char *cur = sqlite3_column_text(st, c);
	size_t n = cur != NULL ? (size_t)sqlite3_column_bytes(st, c) : 0;
	n = n < sizeof inv->currency ? n : sizeof inv->currency - 1;
	memcpy(inv->currency, cur != NULL ? (const char *)cur : "", n);
	inv->currency[n] = '\0';
	c++;
	inv->expected_attendance = sqlite3_column_int(st, c++);
	inv->is_speaking = sqlite3_column_int(st, c++) != 0;
	inv->speaking_fee_minor = sqlite3_column_int64(st, c++);
	inv->sequence = sqlite3_column_int(st, c++);
	inv->attendees = db_column_strdup(st, c++);
}

/* Every column: the brief ones first, so read_row() extends
 * read_brief_row(). */
#define INVITE_COLUMNS BRIEF_COLUMNS ", uid, recurrence_id, tzid, source_file, description, " \
	"url, categories"

static void read_row(sqlite3_stmt *st, struct invitation *inv)
{
	read_brief_row(st, inv);
	int c = 20; /* the columns after BRIEF_COLUMNS */
	inv->uid = db_column_strdup(st, c++);
	inv->recurrence_id = db_column_strdup(st, c++);
	inv->tzid = db_column_strdup(st, c++);
	inv->source_file = db_column_strdup(st, c++);
	inv->description = db_column_strdup(st, c++);
	inv->url = db_column_strdup(st, c++);
	inv->categories = db_column_strdup(st, c++);
}

/* One audience_share row from columns col..col+3: dimension, segment,
 * share, second_degree. */
static void read_share(sqlite3_stmt *st, int col, struct audience_share *sh)
{
	int d = audience_dim_from_name((const char *)sqlite3_column_text(st, col));
	sh->dim = d < 0 ? DIM_INDUSTRY : (enum audience_dim)d;
	const char *seg = (const char *)sqlite3_column_text(st, col + 1);
	size_t n = seg != NULL ? (size_t)sqlite3_column_bytes(st, col + 1) : 0;
	n = n < sizeof sh->value ? n : sizeof sh->value - 1;
	memcpy(sh->value, seg != NULL ? seg : "", n);
	sh->value[n] = '\0';
	sh->share = sqlite3_column_double(st, col + 2);
	sh->is_second_degree = sqlite3_column_int(st, col + 3) != 0;
}

/* The order shares are listed in, everywhere: dimension (by name, as
 * SQLite sorts the stored text), buyers before second degree, larger
 * shares first, then segment. */
static int share_order(const void *pa, const void *pb)
{
	const struct audience_share *a = pa, *b = pb;
	int c = strcmp(audience_dim_name(a->dim), audience_dim_name(b->dim));
	if (c != 0)
		return c;
	if (a->is_second_degree != b->is_second_degree)
		return a->is_second_degree ? 1 : -1;
	if (a->share != b->share)
		return a->share > b->share ? -1 : 1;
	return strcmp(a->value, b->value);
}

/* Give inv the shares sh[0..n) on top of those it has: sorted, at
 * most INVITE_SHARES_MAX, allocated exactly. sh has room for
 * inv->n_shares more. */
static void attach_shares(struct invitation *inv, struct audience_share *sh, size_t n)
{
	if (n == 0)
		return;
	if (inv->n_shares > 0) {
		memcpy(sh + n, inv->shares, inv->n_shares * sizeof *sh);
		n += inv->n_shares;
	}
	for (size_t i = 1; i < n; i++) { /* a handful: insertion sort */
		struct audience_share x = sh[i];
		size_t j = i;
		for (; j > 0 && share_order(&sh[j - 1], &x) > 0; j--)
			sh[j] = sh[j - 1];
		sh[j] = x;
	}
	invitation_set_shares(inv, sh, n < INVITE_SHARES_MAX ? n : INVITE_SHARES_MAX);
}

static enum wit_status load_shares(struct db *db, struct invitation *inv, char **why)
{
	sqlite3_stmt *st = db_cached(db, "SELECT dimension, segment, share, second_degree "
	                                 "FROM audience_share WHERE invitation_id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, inv->id);
	struct audience_share *buf = NULL;
	size_t n = 0, cap = 0;
	int rc;
	invitation_set_shares(inv, NULL, 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : INVITE_SHARES_MAX;
			buf = xreallocarray(buf, cap, sizeof *buf);
		}
		read_share(st, 0, &buf[n++]);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		attach_shares(inv, buf, n);
	free(buf);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "reading audience shares", why);
	return WIT_OK;
}

enum wit_status db_invite_get(struct db *db, int64_t id, struct invitation *out, char **why)
{
	sqlite3_stmt *st = db_cached(db, "SELECT " INVITE_COLUMNS " FROM invitation WHERE id = ?1",
	                              why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum wit_status res = WIT_OK;
	if (rc == SQLITE_ROW)
		read_row(st, out);
	else if (rc == SQLITE_DONE)
		res = wit_fail(why, WIT_NOTFOUND, "no invitation with id %lld", (long long)id);
	else
		res = db_fail(db, rc, "reading an invitation", why);
	sqlite3_reset(st);
	if (res == WIT_OK)
		res = load_shares(db, out, why);
	if (res == WIT_OK && db_invite_me_get(db, id, out, why) == WIT_IOERR)
		res = WIT_IOERR; /* none known is no error */
	return res;
}

/*
 * The WHERE clause shared by the list and its audience-share query.
 * Plain range bounds (unbounded sides bound to INT64_MIN/MAX) so that
 * SQLite can use the (status, starts_at) and starts_at indexes.
 */
#define LIST_WHERE \
	"starts_at >= ?1 AND starts_at < ?2 AND status IN (?3, ?4, ?5, ?6, ?7, ?8, ?9) " \
	"AND (?10 IS NULL OR instr(lower(title), lower(?10)) > 0 " \
	"OR instr(lower(coalesce(organizer, '')), lower(?10)) > 0 " \
	"OR instr(lower(coalesce(location, '')), lower(?10)) > 0)"

static void bind_filter(sqlite3_stmt *st, const struct invite_filter *f)
{
	unsigned mask = f->status_mask ? f->status_mask
	                               : (1u << STATUS_PENDING) | (1u << STATUS_MAYBE);
	sqlite3_bind_int64(st, 1, f->from ? f->from : INT64_MIN);
	sqlite3_bind_int64(st, 2, f->to ? f->to : INT64_MAX);
	for (int s = 0; s < STATUS_COUNT; s++)
		db_bind_text(st, 3 + s, (mask & (1u << s)) ? invite_status_name(s) : NULL);
	db_bind_text(st, 10, f->text && *f->text ? f->text : NULL);
	if (sqlite3_bind_parameter_count(st) >= 11)
		sqlite3_bind_int64(st, 11, f->limit > 0 ? f->limit : -1);
}

/* Where each invitation of a list goes, by id: a table indexed by
 * id - lo when the ids are dense (the common case: a list of upcoming
 * invitations is mostly recent imports), else ids sorted for bsearch. */
struct id_map {
	int64_t lo, hi;     /* the smallest and largest id */
	uint32_t *direct;   /* [hi - lo + 1]: list index + 1, 0 = absent */
	struct id_slot {
		int64_t id;
		size_t index;
	} *sorted;          /* when not direct: by id */
	size_t n;
};

/* Dense: at most this many ids in the range per listed invitation. */
#define ID_MAP_SPREAD 4

static int id_slot_cmp(const void *a, const void *b)
{
	const struct id_slot *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static void id_map_init(struct id_map *m, const struct invitation_list *l, size_t first)
{
	memset(m, 0, sizeof *m);
	m->n = l->len - first;
	m->lo = INT64_MAX;
	m->hi = INT64_MIN;
	for (size_t i = first; i < l->len; i++) {
		m->lo = l->items[i].id < m->lo ? l->items[i].id : m->lo;
		m->hi = l->items[i].id > m->hi ? l->items[i].id : m->hi;
	}
	if ((uint64_t)m->hi - (uint64_t)m->lo < (uint64_t)m->n * ID_MAP_SPREAD &&
	    l->len < UINT32_MAX) {
		m->direct = xcalloc((size_t)(m->hi - m->lo) + 1, sizeof *m->direct);
		for (size_t i = first; i < l->len; i++)
			m->direct[l->items[i].id - m->lo] = (uint32_t)(i + 1);
		return;
	}
	m->sorted = xreallocarray(NULL, m->n, sizeof *m->sorted);
	for (size_t i = 0; i < m->n; i++)
		m->sorted[i] = (struct id_slot){ l->items[first + i].id, first + i };
	qsort(m->sorted, m->n, sizeof *m->sorted, id_slot_cmp);
}

/* The list index of invitation id, or -1 (not listed, or beyond a LIMIT). */
static long id_map_find(const struct id_map *m, int64_t id)
{
	if (id < m->lo || id > m->hi)
		return -1;
	if (m->direct != NULL)
		return (long)m->direct[id - m->lo] - 1;
	struct id_slot key = { id, 0 };
	const struct id_slot *hit = bsearch(&key, m->sorted, m->n, sizeof *m->sorted, id_slot_cmp);
	return hit != NULL ? (long)hit->index : -1;
}

static void id_map_done(struct id_map *m)
{
	free(m->direct);
	free(m->sorted);
}

/* The shares of a list's invitations, grouped by invitation_id. Dense
 * ids: one walk of the audience_share key over [lo, hi] (the few
 * shares of unlisted invitations in the range are skipped). Sparse:
 * joined through the (status, starts_at) index, one key lookup per
 * invitation (rows of one invitation still consecutive). */
static const char range_shares_sql[] =
	"SELECT invitation_id, dimension, segment, share, second_degree FROM audience_share "
	"WHERE invitation_id BETWEEN ?12 AND ?13";
static const char join_shares_sql[] =
	"SELECT s.invitation_id, s.dimension, s.segment, s.share, s.second_degree "
	"FROM invitation INDEXED BY invitation_by_status_start "
	"JOIN audience_share s ON s.invitation_id = invitation.id WHERE " LIST_WHERE;

/* Attach the audience shares of out->items[first..] with one query
 * instead of one per invitation; each invitation's group is attached
 * at once, exactly sized and sorted (attach_shares). */
static enum wit_status load_list_shares(struct db *db, const struct invite_filter *f,
                                        struct invitation_list *out, size_t first, char **why)
{
	if (out->len == first)
		return WIT_OK;
	struct id_map map;
	id_map_init(&map, out, first);
	sqlite3_stmt *st = db_prepare(db, map.direct != NULL ? range_shares_sql : join_shares_sql,
	                              why);
	if (st == NULL) {
		id_map_done(&map);
		return WIT_IOERR;
	}
	if (map.direct != NULL) {
		sqlite3_bind_int64(st, 12, map.lo);
		sqlite3_bind_int64(st, 13, map.hi);
	} else {
		bind_filter(st, f);
	}
	/* room for a group plus the shares its invitation already has */
	size_t cap = 2 * INVITE_SHARES_MAX, len = 0;
	struct audience_share *buf = xreallocarray(NULL, cap, sizeof *buf);
	int64_t group_id = 0;
	long group = -1;
	bool started = false;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id != group_id || !started) {
			if (group >= 0)
				attach_shares(&out->items[group], buf, len);
			started = true;
			len = 0;
			group_id = id;
			group = id_map_find(&map, id);
		}
		if (group < 0)
			continue;
		if (len + out->items[group].n_shares >= cap) {
			cap *= 2;
			buf = xreallocarray(buf, cap, sizeof *buf);
		}
		read_share(st, 1, &buf[len++]);
	}
	if (group >= 0 && rc == SQLITE_DONE)
		attach_shares(&out->items[group], buf, len);
	sqlite3_finalize(st);
	free(buf);
	id_map_done(&map);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "reading audience shares", why);
}

enum wit_status db_invite_list(struct db *db, const struct invite_filter *f,
                               struct invitation_list *out, char **why)
{
	sqlite3_stmt *st = db_prepare(db, f->order == ORDER_START_DESC
		? "SELECT " INVITE_COLUMNS " FROM invitation WHERE " LIST_WHERE
		  " ORDER BY starts_at DESC, id DESC LIMIT ?11"
		: "SELECT " INVITE_COLUMNS " FROM invitation WHERE " LIST_WHERE
		  " ORDER BY starts_at, id LIMIT ?11", why);
	if (st == NULL)
		return WIT_IOERR;
	bind_filter(st, f);
	size_t first = out->len;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, invitation_list_push(out));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "listing invitations", why);
	return load_list_shares(db, f, out, first, why);
}


/* INDEXED BY: without STAT4 the planner prices "status IN (7 bound
 * values)" above a bare starts_at range and walks every row of the
 * range (a million past events) instead of the statuses asked for. */
static const char brief_sql[] = "SELECT " BRIEF_COLUMNS " FROM invitation "
                                "INDEXED BY invitation_by_status_start WHERE " LIST_WHERE;

enum wit_status db_invite_list_brief(struct db *db, const struct invite_filter *f,
                                     struct invitation_list *out, char **why)
{
	sqlite3_stmt *st = db_prepare(db, brief_sql, why);
	if (st == NULL)
		return WIT_IOERR;
	bind_filter(st, f);
	size_t first = out->len;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_brief_row(st, invitation_list_push(out));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "listing invitations", why);
	return load_list_shares(db, f, out, first, why);
}

/* What db_invite_scan reads: the brief columns committed hours and
 * conflicts need, of rows whose buffered end is after ?12. */
#define SCAN_BUFFER_SEC "60 * (CASE WHEN reach = 'virtual' THEN 0 ELSE travel_min END + prep_min)"
static const char scan_sql[] =
	"SELECT id, title, kind, status, starts_at, ends_at, all_day, reach, travel_min, prep_min "
	"FROM invitation INDEXED BY invitation_by_status_start WHERE " LIST_WHERE
	" AND ends_at + " SCAN_BUFFER_SEC " > ?12";

enum wit_status db_invite_scan(struct db *db, const struct invite_filter *f,
                               db_invite_scan_fn fn, void *arg, char **why)
{
	sqlite3_stmt *st = db_prepare(db, scan_sql, why);
	if (st == NULL)
		return WIT_IOERR;
	bind_filter(st, f);
	sqlite3_bind_int64(st, 12, f->busy_after ? f->busy_after : INT64_MIN);
	struct invitation inv;
	int rc;
	invitation_init(&inv);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int c = 0;
		inv.id = sqlite3_column_int64(st, c++);
		/* borrowed until the next step: inv is never done */
		inv.title = (char *)(uintptr_t)sqlite3_column_text(st, c++);
		int k = invite_kind_from_name((const char *)sqlite3_column_text(st, c++));
		inv.kind = k < 0 ? KIND_OTHER : (enum invite_kind)k;
		int s = invite_status_from_name((const char *)sqlite3_column_text(st, c++));
		inv.status = s < 0 ? STATUS_PENDING : (enum invite_status)s;
		inv.starts_at = sqlite3_column_int64(st, c++);
		inv.ends_at = sqlite3_column_int64(st, c++);
		inv.all_day = sqlite3_column_int(st, c++) != 0;
		int r = invite_reach_from_name((const char *)sqlite3_column_text(st, c++));
		inv.reach = r < 0 ? REACH_LOCAL : (enum invite_reach)r;
		inv.travel_min = sqlite3_column_int(st, c++);
		inv.prep_min = sqlite3_column_int(st, c++);
		fn(&inv, arg);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "listing invitations", why);
}

enum wit_status db_invite_count_status(struct db *db, unsigned status_mask, int64_t from,
                                       int64_t to, int64_t *n, char **why)
{
	struct invite_filter f = {.status_mask = status_mask, .from = from, .to = to};
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM invitation WHERE " LIST_WHERE, why);
	if (st == NULL)
		return WIT_IOERR;
	bind_filter(st, &f);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WIT_OK : db_fail(db, rc, "counting invitations", why);
}

enum wit_status db_invite_count(struct db *db, int64_t from, int64_t counts[], char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT status, count(*) FROM invitation "
	                                  "WHERE starts_at >= ?1 GROUP BY status", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, from);
	for (int s = 0; s < STATUS_COUNT; s++)
		counts[s] = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int s = invite_status_from_name((const char *)sqlite3_column_text(st, 0));
		if (s >= 0)
			counts[s] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "counting invitations", why);
}
