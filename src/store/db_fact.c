/*
 * db_fact.c: table fact_origin (db_fact.h). Owns the rule that a 'user'
 * origin is never replaced by an import; not the facts' values (the
 * invitation row, db_invite.c) nor the journal of edits (db_journal.c).
 */
#include "worthit/db_fact.h"
#include "worthit/db_internal.h"

#include <stdio.h>
#include <string.h>

enum wit_status db_fact_get(struct db *db, int64_t id, struct invite_origins *out, char **why)
{
	invite_origins_init(out);
	sqlite3_stmt *st = db_cached(db, "SELECT fact, source, note FROM fact_origin "
	                                  "WHERE invitation_id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int f = invite_fact_from_name((const char *)sqlite3_column_text(st, 0));
		int s = fact_source_from_name((const char *)sqlite3_column_text(st, 1));
		if (f < 0 || s < 0)
			continue; /* a fact of a newer version: shown as from the file */
		out->fact[f].source = (enum fact_source)s;
		const char *note = (const char *)sqlite3_column_text(st, 2);
		snprintf(out->fact[f].note, sizeof out->fact[f].note, "%s", note ? note : "");
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "reading where facts came from", why);
}

static enum wit_status put_one(struct db *db, int64_t id, enum invite_fact f,
                               const struct fact_origin *o, char **why)
{
	sqlite3_stmt *st = db_cached(db,
		"INSERT INTO fact_origin (invitation_id, fact, source, note) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT (invitation_id, fact) DO UPDATE SET source = excluded.source, "
		"note = excluded.note WHERE source <> 'user' OR excluded.source = 'user'", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, invite_fact_name(f), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, fact_source_name(o->source), -1, SQLITE_STATIC);
	db_bind_text(st, 4, o->note);
	return db_step_done(db, st, "recording where a fact came from", why);
}

/* INSERT of 1..ORIGIN_ROWS rows of a new invitation in one statement:
 * an import writes about five per invitation, and one statement
 * execution each cost more than the rows. */
#define ORIGIN_ROWS 8
#define ORIGIN_INSERT "INSERT OR REPLACE INTO fact_origin (invitation_id, fact, source, note) " \
	"VALUES (?, ?, ?, ?)"
#define ORIGIN_MORE ", (?, ?, ?, ?)"
static const char *const origin_sql[ORIGIN_ROWS + 1] = {
	NULL,
	ORIGIN_INSERT,
	ORIGIN_INSERT ORIGIN_MORE,
	ORIGIN_INSERT ORIGIN_MORE ORIGIN_MORE,
	ORIGIN_INSERT ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE,
	ORIGIN_INSERT ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE,
	ORIGIN_INSERT ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE,
	ORIGIN_INSERT ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE,
	ORIGIN_INSERT ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE ORIGIN_MORE
		ORIGIN_MORE,
};

/* The origins of a row that has none yet, ORIGIN_ROWS at a time. */
static enum wit_status put_new(struct db *db, int64_t id, const struct invite_origins *o,
                               char **why)
{
	int facts[FACT_COUNT], n = 0;
	for (int f = 0; f < FACT_COUNT; f++)
		if (o->fact[f].source != FACT_FROM_FILE)
			facts[n++] = f;
	enum wit_status res = WIT_OK;
	for (int first = 0; res == WIT_OK && first < n; first += ORIGIN_ROWS) {
		int rows = n - first < ORIGIN_ROWS ? n - first : ORIGIN_ROWS;
		sqlite3_stmt *st = db_cached(db, origin_sql[rows], why);
		if (st == NULL)
			return WIT_IOERR;
		for (int i = 0; i < rows; i++) {
			const struct fact_origin *fo = &o->fact[facts[first + i]];
			sqlite3_bind_int64(st, 4 * i + 1, id);
			sqlite3_bind_text(st, 4 * i + 2, invite_fact_name((enum invite_fact)facts[first + i]),
			                  -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4 * i + 3, fact_source_name(fo->source), -1, SQLITE_STATIC);
			db_bind_text(st, 4 * i + 4, fo->note);
		}
		res = db_step_done(db, st, "recording where facts came from", why);
	}
	return res;
}

enum wit_status db_fact_put(struct db *db, int64_t id, const struct invite_origins *o,
                            bool is_new, char **why)
{
	if (is_new)
		return put_new(db, id, o, why);
	enum wit_status res = WIT_OK;
	if (!is_new) {
		/* a re-import of the same file changes nothing: read, not write */
		struct invite_origins cur;
		res = db_fact_get(db, id, &cur, why);
		if (res != WIT_OK)
			return res;
		bool same = true;
		for (int f = 0; same && f < FACT_COUNT; f++)
			same = cur.fact[f].source == FACT_FROM_USER ||
			       (cur.fact[f].source == o->fact[f].source &&
			        strcmp(cur.fact[f].note, o->fact[f].note) == 0);
		if (same)
			return WIT_OK;
		sqlite3_stmt *del = db_cached(db, "DELETE FROM fact_origin WHERE invitation_id = ?1 "
		                                   "AND source <> 'user'", why);
		if (del == NULL)
			return WIT_IOERR;
		sqlite3_bind_int64(del, 1, id);
		res = db_step_done(db, del, "replacing where facts came from", why);
	}
	for (int f = 0; res == WIT_OK && f < FACT_COUNT; f++)
		if (o->fact[f].source != FACT_FROM_FILE)
			res = put_one(db, id, (enum invite_fact)f, &o->fact[f], why);
	return res;
}

enum wit_status db_fact_set_user(struct db *db, int64_t id, const bool edited[FACT_COUNT],
                                 char **why)
{
	struct fact_origin user = {.source = FACT_FROM_USER};
	enum wit_status res = WIT_OK;
	for (int f = 0; res == WIT_OK && f < FACT_COUNT; f++)
		if (edited[f])
			res = put_one(db, id, (enum invite_fact)f, &user, why);
	return res;
}

enum wit_status db_fact_learned_attendance(struct db *db, int avg[KIND_COUNT], int n[KIND_COUNT],
                                           char **why)
{
	memset(avg, 0, sizeof(int) * KIND_COUNT);
	memset(n, 0, sizeof(int) * KIND_COUNT);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT i.kind, round(avg(i.expected_attendance)), count(*) FROM outcome o "
		"JOIN invitation i ON i.id = o.invitation_id WHERE i.expected_attendance > 0 "
		"AND NOT EXISTS (SELECT 1 FROM fact_origin f WHERE f.invitation_id = i.id "
		"AND f.fact = 'expected_attendance' AND f.source = 'default') GROUP BY i.kind", why);
	if (st == NULL)
		return WIT_IOERR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = invite_kind_from_name((const char *)sqlite3_column_text(st, 0));
		if (k < 0)
			continue;
		avg[k] = sqlite3_column_int(st, 1);
		n[k] = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "learning room sizes", why);
}

enum wit_status db_fact_attendance_prior(struct db *db, const struct wit_config *cfg,
                                         int prior[KIND_COUNT], bool learned[KIND_COUNT],
                                         char **why)
{
	int avg[KIND_COUNT], n[KIND_COUNT];
	enum wit_status st = db_fact_learned_attendance(db, avg, n, why);
	for (int k = 0; k < KIND_COUNT; k++) {
		learned[k] = st == WIT_OK && n[k] > 0 && avg[k] > 0;
		prior[k] = learned[k] ? avg[k] : cfg->default_attendance[k];
	}
	return st;
}
