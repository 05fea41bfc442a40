/*
 * db_invite.c: writing invitations and audience shares in SQLite
 * (reading them is db_invite_read.c's). Owns the rules of an import
 * meeting stored data: match on (uid, recurrence_id); a lower iTIP
 * SEQUENCE is stale; content updates never touch the user's status
 * (decisions are db_decision's), except cancellation, nor a fact the
 * user edited (fact_origin 'user', db_fact.h): the stored value stays.
 */
#include "worthit/db_invite.h"
#include "worthit/db_fact.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Bind the content columns ?2..?26 shared by INSERT and UPDATE, borrowed:
 * inv must outlive the step that follows. */
static void bind_content(sqlite3_stmt *st, const struct invitation *inv)
{
	int c = 2;
	db_bind_text_borrowed(st, c++, inv->title ? inv->title : "(untitled)");
	db_bind_text_borrowed(st, c++, inv->organizer);
	db_bind_text_borrowed(st, c++, inv->series);
	db_bind_text_borrowed(st, c++, invite_kind_name(inv->kind));
	sqlite3_bind_int64(st, c++, inv->starts_at);
	sqlite3_bind_int64(st, c++, inv->ends_at);
	sqlite3_bind_int(st, c++, inv->all_day);
	db_bind_text_borrowed(st, c++, inv->tzid);
	db_bind_text_borrowed(st, c++, inv->location);
	db_bind_text_borrowed(st, c++, invite_reach_name(inv->reach));
	sqlite3_bind_int(st, c++, inv->travel_min);
	sqlite3_bind_int(st, c++, inv->prep_min);
	sqlite3_bind_int64(st, c++, inv->ticket_minor);
	db_bind_text_borrowed(st, c++, inv->currency);
	sqlite3_bind_int(st, c++, inv->expected_attendance);
	sqlite3_bind_int(st, c++, inv->is_speaking);
	sqlite3_bind_int64(st, c++, inv->speaking_fee_minor);
	sqlite3_bind_int(st, c++, inv->sequence);
	db_bind_text_borrowed(st, c++, inv->source_file);
	db_bind_text_borrowed(st, c++, inv->description);
	db_bind_text_borrowed(st, c++, inv->url);
	db_bind_text_borrowed(st, c++, inv->categories);
	db_bind_text_borrowed(st, c++, inv->attendees);
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

/* INSERT of 1..SHARE_ROWS audience_share rows in one statement: one
 * statement execution per invitation instead of one per share, which
 * spends most of a share's cost on the statement rather than the row. */
#define SHARE_ROWS 8
#define SHARE_INSERT "INSERT OR REPLACE INTO audience_share (invitation_id, dimension, " \
	"segment, share, second_degree) VALUES (?, ?, ?, ?, ?)"
#define SHARE_MORE ", (?, ?, ?, ?, ?)"
static const char *const share_sql[SHARE_ROWS + 1] = {
	NULL,
	SHARE_INSERT,
	SHARE_INSERT SHARE_MORE,
	SHARE_INSERT SHARE_MORE SHARE_MORE,
	SHARE_INSERT SHARE_MORE SHARE_MORE SHARE_MORE,
	SHARE_INSERT SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE,
	SHARE_INSERT SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE,
	SHARE_INSERT SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE,
	SHARE_INSERT SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE SHARE_MORE,
};

/* Write inv's shares for row id; had_shares: the row may have some
 * already (a new row has none: no DELETE, which costs SQLite a
 * temporary table on a WITHOUT ROWID table). Rows of one statement
 * follow one another in inv's order, so a repeated segment keeps the
 * last share as INSERT OR REPLACE row by row did. */
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
	for (size_t first = 0; res == WIT_OK && first < inv->n_shares; first += SHARE_ROWS) {
		size_t n = inv->n_shares - first < SHARE_ROWS ? inv->n_shares - first : SHARE_ROWS;
		sqlite3_stmt *ins = db_cached(db, share_sql[n], why);
		if (ins == NULL)
			return WIT_IOERR;
		for (size_t i = 0; i < n; i++) {
			const struct audience_share *sh = &inv->shares[first + i];
			int c = (int)(5 * i);
			sqlite3_bind_int64(ins, c + 1, id);
			sqlite3_bind_text(ins, c + 2, audience_dim_name(sh->dim), -1, SQLITE_STATIC);
			db_bind_text_borrowed(ins, c + 3, sh->value);
			sqlite3_bind_double(ins, c + 4, sh->share);
			sqlite3_bind_int(ins, c + 5, sh->is_second_degree);
		}
		res = db_step_done(db, ins, "writing audience shares", why);
	}
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
	db_bind_text_borrowed(st, 1, inv->uid);
	bind_content(st, inv);
	db_bind_text_borrowed(st, 25, inv->recurrence_id ? inv->recurrence_id : "");
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
		struct invite_origins origins;
		if (st == WIT_OK)
			st = db_fact_get(db, id, &origins, why);
		/* what the user edited wins over the file */
		struct invitation merged = *inv;
		bool is_merged = false;
		for (int f = 0; st == WIT_OK && f < FACT_COUNT; f++) {
			if (origins.fact[f].source != FACT_FROM_USER)
				continue;
			if (!is_merged)
				invitation_copy(&merged, inv), is_merged = true;
			invite_fact_copy(&merged, &old, (enum invite_fact)f);
		}
		if (st == WIT_OK && merged.sequence < old.sequence)
			*res = DB_STALE;
		else if (st == WIT_OK && same_content(&merged, &old))
			*res = DB_UNCHANGED;
		else if (st == WIT_OK) {
			st = update(db, id, &merged, &old, now, why);
			*res = DB_UPDATED;
		}
		if (is_merged)
			invitation_done(&merged);
		invitation_done(&old);
	}
	if (id_out != NULL)
		*id_out = id;
	return st;
}

enum wit_status db_invite_put_facts(struct db *db, const struct invitation *inv, int64_t now,
                                    char **why)
{
	struct invitation old;
	invitation_init(&old);
	enum wit_status st = check_row(db, inv, "editing an invitation", why);
	if (st == WIT_OK)
		st = db_invite_get(db, inv->id, &old, why);
	if (st == WIT_OK)
		st = update(db, inv->id, inv, &old, now, why);
	invitation_done(&old);
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
