/*
 * db_invite.c: invitations and audience shares in SQLite. Owns the
 * rules of an import meeting stored data: match on (uid, recurrence_id);
 * a lower iTIP SEQUENCE is stale; content updates never touch the
 * user's status (decisions are db_decision's), except cancellation.
 */
#include "worthit/db_invite.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
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
	return res;
}

static bool same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL || *a == '\0') && (b == NULL || *b == '\0');
	return strcmp(a, b) == 0;
}

static bool same_shares(const struct invitation *a, const struct invitation *b)
{
	if (a->n_shares != b->n_shares)
		return false;
	for (size_t i = 0; i < a->n_shares; i++) {
		bool found = false;
		for (size_t j = 0; j < b->n_shares && !found; j++)
			found = a->shares[i].dim == b->shares[j].dim &&
			        a->shares[i].is_second_degree == b->shares[j].is_second_degree &&
			        strcmp(a->shares[i].value, b->shares[j].value) == 0 &&
			        a->shares[i].share == b->shares[j].share;
		if (!found)
			return false;
	}
	return true;
}

/* Same content as far as an import is concerned (status excluded). */
static bool same_content(const struct invitation *a, const struct invitation *b)
{
	return same_text(a->title, b->title) && same_text(a->organizer, b->organizer) &&
	       same_text(a->series, b->series) && a->kind == b->kind &&
	       a->starts_at == b->starts_at && a->ends_at == b->ends_at &&
	       a->all_day == b->all_day && same_text(a->tzid, b->tzid) &&
	       same_text(a->location, b->location) && a->reach == b->reach &&
	       a->travel_min == b->travel_min && a->prep_min == b->prep_min &&
	       a->ticket_minor == b->ticket_minor && same_text(a->currency, b->currency) &&
	       a->expected_attendance == b->expected_attendance &&
	       a->is_speaking == b->is_speaking &&
	       a->speaking_fee_minor == b->speaking_fee_minor && a->sequence == b->sequence &&
	       same_text(a->description, b->description) && same_text(a->url, b->url) &&
	       same_text(a->categories, b->categories) && same_text(a->attendees, b->attendees) &&
	       same_shares(a, b);
}

/* Bind the content columns ?2..?26 shared by INSERT and UPDATE. */
static void bind_content(sqlite3_stmt *st, const struct invitation *inv)
{
	int c = 2;
	db_bind_text(st, c++, inv->title ? inv->title : "(untitled)");
	db_bind_text(st, c++, inv->organizer);
	db_bind_text(st, c++, inv->series);
	db_bind_text(st, c++, invite_kind_name(inv->kind));
	sqlite3_bind_int64(st, c++, inv->starts_at);
	sqlite3_bind_int64(st, c++, inv->ends_at);
	sqlite3_bind_int(st, c++, inv->all_day);
	db_bind_text(st, c++, inv->tzid);
	db_bind_text(st, c++, inv->location);
	db_bind_text(st, c++, invite_reach_name(inv->reach));
	sqlite3_bind_int(st, c++, inv->travel_min);
	sqlite3_bind_int(st, c++, inv->prep_min);
	sqlite3_bind_int64(st, c++, inv->ticket_minor);
	db_bind_text(st, c++, inv->currency);
	sqlite3_bind_int(st, c++, inv->expected_attendance);
	sqlite3_bind_int(st, c++, inv->is_speaking);
	sqlite3_bind_int64(st, c++, inv->speaking_fee_minor);
	sqlite3_bind_int(st, c++, inv->sequence);
	db_bind_text(st, c++, inv->source_file);
	db_bind_text(st, c++, inv->description);
	db_bind_text(st, c++, inv->url);
	db_bind_text(st, c++, inv->categories);
	db_bind_text(st, c++, inv->attendees);
}

/*
 * The CHECK constraints of invitation and audience_share (db_schema.c),
 * tested here before every write. An import runs with SQLite's own
 * CHECK evaluation off (db_import_tune(): SQLite 3.40 builds a temporary
 * index for every IN list of more than two constants, on every execution
 * of a statement, which was a fifth of an import's time), so this is
 * what keeps those rules then; otherwise it only words the message.
 */
static enum wit_status check_row(struct db *db, const struct invitation *inv, const char *doing,
                                 char **why)
{
	const char *bad = (unsigned)inv->kind >= KIND_COUNT ? "kind"
	                  : (unsigned)inv->status >= STATUS_COUNT ? "status"
	                  : (unsigned)inv->reach >= REACH_COUNT ? "reach"
	                  : inv->ends_at < inv->starts_at ? "ends_at >= starts_at"
	                  : inv->travel_min < 0 ? "travel_min >= 0"
	                  : inv->prep_min < 0 ? "prep_min >= 0"
	                  : inv->ticket_minor < 0 ? "ticket_minor >= 0"
	                  : inv->expected_attendance < 0 ? "expected_attendance >= 0"
	                  : inv->speaking_fee_minor < 0 ? "speaking_fee_minor >= 0"
	                  : inv->uid == NULL ? "uid NOT NULL" : NULL;
	for (size_t i = 0; bad == NULL && i < inv->n_shares; i++) {
		const struct audience_share *sh = &inv->shares[i];
		if ((unsigned)sh->dim >= DIM_COUNT)
			bad = "dimension";
		else if (!(sh->share >= 0 && sh->share <= 1))
			bad = "share >= 0 AND share <= 1";
	}
	if (bad == NULL)
		return WIT_OK;
	return wit_fail(why, WIT_DATA, "%s: %s: CHECK constraint failed: %s", db_path(db), doing,
	                bad);
}

/* Write inv's shares for row id; had_shares: the row may have some
 * already (a new row has none: no DELETE, which costs SQLite a
 * temporary table on a WITHOUT ROWID table). */
static enum wit_status write_shares(struct db *db, int64_t id, const struct invitation *inv,
                                    bool had_shares, char **why)
{
	enum wit_status res = WIT_OK;
	if (had_shares) {
		sqlite3_stmt *del = db_cached(db, "DELETE FROM audience_share WHERE invitation_id = ?1",
		                              why);
		if (del == NULL)
			return WIT_IOERR;
		sqlite3_bind_int64(del, 1, id);
		res = db_step_done(db, del, "replacing audience shares", why);
	}
	if (res != WIT_OK || inv->n_shares == 0)
		return res;
	sqlite3_stmt *ins = db_cached(db,
		"INSERT OR REPLACE INTO audience_share (invitation_id, dimension, segment, share, "
		"second_degree) VALUES (?1, ?2, ?3, ?4, ?5)", why);
	if (ins == NULL)
		return WIT_IOERR;
	for (size_t i = 0; res == WIT_OK && i < inv->n_shares; i++) {
		const struct audience_share *sh = &inv->shares[i];
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_text(ins, 2, audience_dim_name(sh->dim), -1, SQLITE_STATIC);
		db_bind_text(ins, 3, sh->value);
		sqlite3_bind_double(ins, 4, sh->share);
		sqlite3_bind_int(ins, 5, sh->is_second_degree);
		int rc = sqlite3_step(ins);
		if (rc != SQLITE_DONE)
			res = db_fail(db, rc, "writing audience shares", why);
	}
	sqlite3_reset(ins);
	return res;
}

/* Row id for (uid, recurrence_id), 0 when absent. */
static enum wit_status find_id(struct db *db, const struct invitation *inv, int64_t *id,
                               char **why)
{
	sqlite3_stmt *st = db_cached(db, "SELECT id FROM invitation WHERE uid = ?1 AND "
	                                  "recurrence_id = ?2", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, inv->uid);
	db_bind_text(st, 2, inv->recurrence_id ? inv->recurrence_id : "");
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "looking up an invitation", why);
	return WIT_OK;
}

/* Add inv unless (uid, recurrence_id) is stored already: *id is the new
 * row's id, or 0 when the row exists (nothing written). One statement
 * for a new row instead of a lookup and an insert. */
static enum wit_status insert_new(struct db *db, const struct invitation *inv, int64_t now,
                                  int64_t *id, char **why)
{
	sqlite3_stmt *st = db_cached(db,
		"INSERT INTO invitation (uid, title, organizer, series, kind, starts_at, ends_at, "
		"all_day, tzid, location, reach, travel_min, prep_min, ticket_minor, currency, "
		"expected_attendance, is_speaking, speaking_fee_minor, sequence, source_file, "
		"description, url, categories, attendees, recurrence_id, status, created_at, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
		"?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?27) "
		"ON CONFLICT (uid, recurrence_id) DO NOTHING", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, inv->uid);
	bind_content(st, inv);
	db_bind_text(st, 25, inv->recurrence_id ? inv->recurrence_id : "");
	db_bind_text(st, 26, invite_status_name(inv->status));
	sqlite3_bind_int64(st, 27, now);
	enum wit_status res = db_step_done(db, st, "adding an invitation", why);
	if (res != WIT_OK)
		return res;
	sqlite3 *sql = db_sqlite(db);
	*id = sqlite3_changes(sql) > 0 ? sqlite3_last_insert_rowid(sql) : 0;
	return *id != 0 ? write_shares(db, *id, inv, false, why) : WIT_OK;
}

static enum wit_status update(struct db *db, int64_t id, const struct invitation *inv,
                              const struct invitation *old, int64_t now, char **why)
{
	sqlite3_stmt *st = db_cached(db,
		"UPDATE invitation SET title = ?2, organizer = ?3, series = ?4, kind = ?5, "
		"starts_at = ?6, ends_at = ?7, all_day = ?8, tzid = ?9, location = ?10, reach = ?11, "
		"travel_min = ?12, prep_min = ?13, ticket_minor = ?14, currency = ?15, "
		"expected_attendance = ?16, is_speaking = ?17, speaking_fee_minor = ?18, "
		"sequence = ?19, source_file = ?20, description = ?21, url = ?22, categories = ?23, "
		"attendees = ?24, updated_at = ?25 WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	bind_content(st, inv);
	sqlite3_bind_int64(st, 25, now);
	enum wit_status res = db_step_done(db, st, "updating an invitation", why);
	if (res != WIT_OK || same_shares(inv, old))
		return res;
	return write_shares(db, id, inv, old->n_shares > 0, why);
}

enum wit_status db_invite_upsert(struct db *db, const struct invitation *inv, int64_t now,
                                 enum db_upsert_result *res, int64_t *id_out, char **why)
{
	int64_t id = 0;
	enum wit_status st = check_row(db, inv, "adding an invitation", why);
	if (st == WIT_OK)
		st = insert_new(db, inv, now, &id, why);
	if (st != WIT_OK)
		return st;
	*res = DB_ADDED;
	if (id == 0) {
		st = find_id(db, inv, &id, why);
		struct invitation old;
		invitation_init(&old);
		if (st == WIT_OK)
			st = db_invite_get(db, id, &old, why);
		if (st == WIT_OK && inv->sequence < old.sequence)
			*res = DB_STALE;
		else if (st == WIT_OK && same_content(inv, &old))
			*res = DB_UNCHANGED;
		else if (st == WIT_OK) {
			st = update(db, id, inv, &old, now, why);
			*res = DB_UPDATED;
		}
		invitation_done(&old);
	}
	if (id_out != NULL)
		*id_out = id;
	return st;
}

enum wit_status db_invite_cancel(struct db *db, const struct invitation *inv, int64_t now,
                                 enum db_upsert_result *res, char **why)
{
	bool whole_series = inv->recurrence_id == NULL || *inv->recurrence_id == '\0';
	sqlite3_stmt *st = db_cached(db,
		"UPDATE invitation SET status = 'cancelled', sequence = max(sequence, ?3), "
		"updated_at = ?4 WHERE uid = ?1 AND (recurrence_id = ?2 OR ?5) "
		"AND status <> 'cancelled' AND sequence <= ?3", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, inv->uid);
	db_bind_text(st, 2, whole_series ? "" : inv->recurrence_id);
	sqlite3_bind_int(st, 3, inv->sequence);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int(st, 5, whole_series);
	enum wit_status r = db_step_done(db, st, "cancelling an invitation", why);
	if (r != WIT_OK)
		return r;
	if (sqlite3_changes(db_sqlite(db)) > 0) {
		*res = DB_CANCELLED;
		return WIT_OK;
	}
	/* Nothing changed: stale if a stored row has a higher sequence. */
	int64_t id = 0;
	r = find_id(db, inv, &id, why);
	*res = DB_UNCHANGED;
	if (r == WIT_OK && id != 0) {
		struct invitation old;
		invitation_init(&old);
		r = db_invite_get(db, id, &old, why);
		if (r == WIT_OK && old.sequence > inv->sequence && old.status != STATUS_CANCELLED)
			*res = DB_STALE;
		invitation_done(&old);
	}
	return r;
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

enum wit_status db_invite_set_status(struct db *db, int64_t id, enum invite_status status,
                                     int64_t now, char **why)
{
	sqlite3_stmt *st = db_cached(db, "UPDATE invitation SET status = ?2, updated_at = ?3 "
	                                  "WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, invite_status_name(status));
	sqlite3_bind_int64(st, 3, now);
	enum wit_status res = db_step_done(db, st, "changing a status", why);
	if (res == WIT_OK && sqlite3_changes(db_sqlite(db)) == 0)
		res = wit_fail(why, WIT_NOTFOUND, "no invitation with id %lld", (long long)id);
	return res;
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
