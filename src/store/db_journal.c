/*
 * db_journal.c: outcome edits, and edits of an invitation's facts
 * (outcome_edit.kind 'facts', migration 4), as a journal beside the
 * decision journal (see db_journal.h). db_decision.c owns the decision table; this file
 * owns outcome_edit and the rule that orders the two:
 *
 *   outcome_edit.decision_seq is the newest live decision id when the
 *   edit was written (including the "attended" decision written with
 *   it, whose id is then also in decision_id). Live decisions are never
 *   deleted and a new decision always gets an id above every live one,
 *   so a live decision with id > decision_seq came after the edit, and
 *   one with id <= decision_seq before it (or with it).
 *
 * A batch (a whole series decided at once) is one step: its decision
 * rows share decision.batch = the id of the first, and are contiguous
 * in id order (written in one transaction), so undo takes live rows
 * from the newest while they carry the batch, redo undone rows from the
 * oldest.
 *
 * Outcome rows travel as JSON objects built and read by SQLite's JSON
 * functions; restoring one is an UPSERT (never REPLACE, whose implicit
 * delete would not fire the summary triggers of schema migration 2).
 */
#include "worthit/db_journal.h"
#include "worthit/db_fact.h"
#include "worthit/db_internal.h"
#include "worthit/db_invite.h"
#include "worthit/db_outcome.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

#define ROW_JSON \
	"json_object('actual_minutes', actual_minutes, 'contacts_met', contacts_met, " \
	"'leads', leads, 'meetings', meetings, 'deals', deals, 'revenue_minor', revenue_minor, " \
	"'currency', currency, 'rating', rating, 'notes', notes, 'logged_at', logged_at)"

/* Run a statement binding integers ?1.. from args (n of them). */
static enum wit_status exec_ints(struct db *db, const char *sql, const int64_t *args, int n,
                                 const char *doing, char **why)
{
	sqlite3_stmt *st = db_prepare(db, sql, why);
	if (st == NULL)
		return WIT_IOERR;
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, args[i]);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? WIT_OK : db_fail(db, rc, doing, why);
}

/* One integer from a query with one integer parameter (0 when no row). */
static enum wit_status query_int(struct db *db, const char *sql, int64_t arg, int64_t *out,
                                 char **why)
{
	sqlite3_stmt *st = db_prepare(db, sql, why);
	if (st == NULL)
		return WIT_IOERR;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WIT_OK
	                                             : db_fail(db, rc, "reading the journal", why);
}

/* The outcome row as JSON, or NULL when there is none. Caller frees. */
static enum wit_status outcome_json(struct db *db, int64_t id, char **out, char **why)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT " ROW_JSON " FROM outcome WHERE invitation_id = ?1",
	                              why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = db_column_strdup(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WIT_OK
	                                             : db_fail(db, rc, "reading an outcome", why);
}

/* Put the row back as json describes it (NULL: no outcome). */
static enum wit_status restore(struct db *db, int64_t id, const char *json, char **why)
{
	if (json == NULL) {
		int64_t arg = id;
		return exec_ints(db, "DELETE FROM outcome WHERE invitation_id = ?1", &arg, 1,
		                 "restoring an outcome", why);
	}
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO outcome (invitation_id, actual_minutes, contacts_met, leads, meetings, "
		"deals, revenue_minor, currency, rating, notes, logged_at) SELECT ?1, "
		"j->>'actual_minutes', j->>'contacts_met', j->>'leads', j->>'meetings', j->>'deals', "
		"j->>'revenue_minor', j->>'currency', j->>'rating', j->>'notes', j->>'logged_at' "
		"FROM (SELECT ?2 AS j) WHERE true ON CONFLICT (invitation_id) DO UPDATE SET "
		"actual_minutes = excluded.actual_minutes, contacts_met = excluded.contacts_met, "
		"leads = excluded.leads, meetings = excluded.meetings, deals = excluded.deals, "
		"revenue_minor = excluded.revenue_minor, currency = excluded.currency, "
		"rating = excluded.rating, notes = excluded.notes, logged_at = excluded.logged_at",
		why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, json);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "restoring an outcome", why);
}

/* The facts of an invitation (invite_fact.h), its audience shares and
 * where each fact came from, as one JSON object; restore_facts() puts
 * them back. Column names are the table's. */
#define FACTS_JSON \
	"json_object('title', title, 'organizer', organizer, 'kind', kind, " \
	"'starts_at', starts_at, 'ends_at', ends_at, 'all_day', all_day, 'location', location, " \
	"'reach', reach, 'travel_min', travel_min, 'prep_min', prep_min, " \
	"'ticket_minor', ticket_minor, 'currency', currency, " \
	"'expected_attendance', expected_attendance, 'is_speaking', is_speaking, " \
	"'speaking_fee_minor', speaking_fee_minor, 'description', description, 'url', url, " \
	"'attendees', attendees, 'shares', (SELECT json_group_array(json_array(dimension, " \
	"segment, second_degree, share)) FROM audience_share WHERE invitation_id = ?1), " \
	"'origins', (SELECT json_group_array(json_array(fact, source, note)) FROM fact_origin " \
	"WHERE invitation_id = ?1))"

static enum wit_status facts_json(struct db *db, int64_t id, char **out, char **why)
{
	*out = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT " FACTS_JSON " FROM invitation WHERE id = ?1",
	                              why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = db_column_strdup(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return wit_fail(why, WIT_NOTFOUND, "no invitation with id %lld", (long long)id);
	return rc == SQLITE_ROW ? WIT_OK : db_fail(db, rc, "reading an invitation", why);
}

static enum wit_status restore_facts(struct db *db, int64_t id, const char *json, char **why)
{
	static const char *const sql[] = {
		"UPDATE invitation SET title = j->>'title', organizer = j->>'organizer', "
		"kind = j->>'kind', starts_at = j->>'starts_at', ends_at = j->>'ends_at', "
		"all_day = j->>'all_day', location = j->>'location', reach = j->>'reach', "
		"travel_min = j->>'travel_min', prep_min = j->>'prep_min', "
		"ticket_minor = j->>'ticket_minor', currency = j->>'currency', "
		"expected_attendance = j->>'expected_attendance', is_speaking = j->>'is_speaking', "
		"speaking_fee_minor = j->>'speaking_fee_minor', description = j->>'description', "
		"url = j->>'url', attendees = j->>'attendees' FROM (SELECT ?2 AS j) WHERE id = ?1",
		"DELETE FROM audience_share WHERE invitation_id = ?1 AND ?2 IS NOT NULL",
		"INSERT INTO audience_share (invitation_id, dimension, segment, second_degree, share) "
		"SELECT ?1, value->>0, value->>1, value->>2, value->>3 FROM json_each(?2, '$.shares')",
		"DELETE FROM fact_origin WHERE invitation_id = ?1 AND ?2 IS NOT NULL",
		"INSERT INTO fact_origin (invitation_id, fact, source, note) "
		"SELECT ?1, value->>0, value->>1, value->>2 FROM json_each(?2, '$.origins')",
	};
	enum wit_status res = WIT_OK;
	for (size_t i = 0; res == WIT_OK && i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *st = db_prepare(db, sql[i], why);
		if (st == NULL)
			return WIT_IOERR;
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, json);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			res = db_fail(db, rc, "restoring an invitation's facts", why);
	}
	return res;
}

struct invite_state {
	enum invite_status status;
	int64_t starts_at;
};

static enum wit_status invite_state(struct db *db, int64_t id, struct invite_state *s, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT status, starts_at FROM invitation WHERE id = ?1",
	                              why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum wit_status res = WIT_OK;
	if (rc == SQLITE_ROW) {
		int v = invite_status_from_name((const char *)sqlite3_column_text(st, 0));
		s->status = v < 0 ? STATUS_PENDING : (enum invite_status)v;
		s->starts_at = sqlite3_column_int64(st, 1);
	} else if (rc == SQLITE_DONE) {
		res = wit_fail(why, WIT_NOTFOUND, "no invitation with id %lld", (long long)id);
	} else {
		res = db_fail(db, rc, "reading an invitation", why);
	}
	sqlite3_finalize(st);
	return res;
}

static enum wit_status check_started(const struct invite_state *s, int64_t id, int64_t now,
                                     const char *what, char **why)
{
	if (s->starts_at <= now)
		return WIT_OK;
	char day[16];
	time_format_date(s->starts_at, day, sizeof day);
	return wit_fail(why, WIT_DATA, "invitation %lld starts on %s: %s once it has happened",
	                (long long)id, day, what);
}

struct log_args {
	const struct outcome *o;
	int64_t now;
};

static enum wit_status write_edit(struct db *db, int64_t id, const char *kind,
                                  const char *old_row, int64_t decision_id, int64_t now,
                                  char **why)
{
	char *new_row = NULL;
	int64_t seq = 0;
	enum wit_status res = strcmp(kind, "facts") == 0 ? facts_json(db, id, &new_row, why)
	                                                 : outcome_json(db, id, &new_row, why);
	if (res == WIT_OK)
		res = query_int(db, "SELECT coalesce(max(id), 0) FROM decision WHERE undone = 0", 0,
		                &seq, why);
	/* a new step clears what could be redone, in both journals */
	if (res == WIT_OK)
		res = exec_ints(db, "DELETE FROM outcome_edit WHERE undone = 1", NULL, 0,
		                "clearing redo", why);
	if (res == WIT_OK)
		res = exec_ints(db, "DELETE FROM decision WHERE undone = 1", NULL, 0,
		                "clearing redo", why);
	sqlite3_stmt *st = res == WIT_OK ? db_prepare(db,
		"INSERT INTO outcome_edit (invitation_id, edited_at, old_row, new_row, decision_id, "
		"decision_seq, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", why) : NULL;
	if (st != NULL) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, now);
		db_bind_text(st, 3, old_row);
		db_bind_text(st, 4, new_row);
		if (decision_id != 0)
			sqlite3_bind_int64(st, 5, decision_id);
		sqlite3_bind_int64(st, 6, seq);
		sqlite3_bind_text(st, 7, kind, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			res = db_fail(db, rc, "journaling an outcome", why);
	} else if (res == WIT_OK) {
		res = WIT_IOERR;
	}
	free(new_row);
	return res;
}

static enum wit_status log_outcome(struct db *db, void *arg, char **why)
{
	const struct log_args *a = arg;
	int64_t id = a->o->invitation_id;
	struct invite_state s;
	enum wit_status res = invite_state(db, id, &s, why);
	if (res == WIT_OK)
		res = check_started(&s, id, a->now, "log its outcome", why);
	char *old_row = NULL;
	if (res == WIT_OK)
		res = outcome_json(db, id, &old_row, why);
	struct decision d = {0};
	if (res == WIT_OK && s.status != STATUS_ATTENDED)
		res = db_decision_record(db, id, STATUS_ATTENDED, -1, NULL, NULL, a->now, &d, why);
	if (res == WIT_OK)
		res = db_outcome_put(db, a->o, a->now, why);
	if (res == WIT_OK)
		res = write_edit(db, id, "outcome", old_row, d.id, a->now, why);
	free(old_row);
	return res;
}

enum wit_status db_journal_log_outcome(struct db *db, const struct outcome *o, int64_t now,
                                       char **why)
{
	struct log_args a = { o, now };
	return db_with_transaction(db, log_outcome, &a, why);
}

struct skip_args {
	int64_t id;
	int64_t now;
};

static enum wit_status skip(struct db *db, void *arg, char **why)
{
	const struct skip_args *a = arg;
	struct invite_state s;
	enum wit_status res = invite_state(db, a->id, &s, why);
	if (res == WIT_OK)
		res = check_started(&s, a->id, a->now, "mark it skipped", why);
	if (res != WIT_OK)
		return res;
	int64_t has_outcome = 0;
	res = query_int(db, "SELECT count(*) FROM outcome WHERE invitation_id = ?1", a->id,
	                &has_outcome, why);
	if (res != WIT_OK)
		return res;
	if (has_outcome)
		return wit_fail(why, WIT_DATA, "invitation %lld has an outcome logged: it was "
		                "attended (undo the outcome first if you did not go)", (long long)a->id);
	if (s.status != STATUS_ACCEPTED && s.status != STATUS_ATTENDED)
		return wit_fail(why, WIT_DATA, "invitation %lld is %s: only an accepted event can be "
		                "marked skipped", (long long)a->id, invite_status_name(s.status));
	return db_decision_record(db, a->id, STATUS_SKIPPED, -1, NULL, NULL, a->now, NULL, why);
}

enum wit_status db_journal_skip(struct db *db, int64_t invitation_id, int64_t now, char **why)
{
	struct skip_args a = { invitation_id, now };
	return db_with_transaction(db, skip, &a, why);
}

/* ---- batches: a series decided at once ---------------------------- */

enum wit_status db_journal_series_ids(struct db *db, const char *series, int64_t now,
                                      int64_t **ids, size_t *n, char **why)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM invitation WHERE series = ?1 AND "
		"starts_at > ?2 AND status IN ('pending', 'maybe', 'accepted', 'declined') "
		"ORDER BY starts_at, id", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, series);
	sqlite3_bind_int64(st, 2, now);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return WIT_OK;
	free(*ids);
	*ids = NULL;
	*n = 0;
	return db_fail(db, rc, "reading a series", why);
}

struct batch_args {
	const struct journal_pick *picks;
	size_t n;
	enum invite_status to;
	const char *weights_json;
	int64_t now;
	size_t n_changed;
	struct decision first;
};

static enum wit_status decide_batch(struct db *db, void *arg, char **why)
{
	struct batch_args *a = arg;
	enum wit_status res = WIT_OK;
	for (size_t i = 0; i < a->n && res == WIT_OK; i++) {
		const struct journal_pick *p = &a->picks[i];
		struct invite_state s;
		res = invite_state(db, p->invitation_id, &s, why);
		if (res != WIT_OK || s.status == a->to)
			continue;
		struct decision d;
		res = db_decision_record(db, p->invitation_id, a->to, p->score, p->verdict,
		                         a->weights_json, a->now, &d, why);
		if (res != WIT_OK)
			break;
		if (a->n_changed++ == 0)
			a->first = d;
		int64_t args[2] = { a->first.id, d.id };
		res = exec_ints(db, "UPDATE decision SET batch = ?1 WHERE id = ?2", args, 2,
		                "recording a series decision", why);
	}
	if (res == WIT_OK && a->n_changed > 0) /* a new step: no redo of an old edit */
		res = exec_ints(db, "DELETE FROM outcome_edit WHERE undone = 1", NULL, 0,
		                "clearing redo", why);
	return res;
}

enum wit_status db_journal_decide_batch(struct db *db, const struct journal_pick *picks,
                                        size_t n, enum invite_status to,
                                        const char *weights_json, int64_t now,
                                        size_t *n_changed, struct decision *first,
                                        char **why)
{
	struct batch_args a = { picks, n, to, weights_json, now, 0, { 0 } };
	enum wit_status st = db_with_transaction(db, decide_batch, &a, why);
	if (n_changed != NULL)
		*n_changed = st == WIT_OK ? a.n_changed : 0;
	if (first != NULL)
		*first = a.first;
	return st;
}

enum wit_status db_journal_decided_as_series(struct db *db, int64_t invitation_id, bool *out,
                                             char **why)
{
	int64_t batch = 0;
	enum wit_status st = query_int(db, "SELECT coalesce(batch, 0) FROM decision WHERE "
	                               "invitation_id = ?1 AND undone = 0 ORDER BY id DESC LIMIT 1",
	                               invitation_id, &batch, why);
	*out = st == WIT_OK && batch != 0;
	return st;
}

/* The batch of decision id, 0 for a decision made alone. */
static enum wit_status batch_of(struct db *db, int64_t id, int64_t *batch, char **why)
{
	return query_int(db, "SELECT coalesce(batch, 0) FROM decision WHERE id = ?1", id, batch,
	                 why);
}

/* Undo (is_undo) or redo one decision step: a decision alone, or every
 * decision of its batch; out->decision ends as the batch's first. */
static enum wit_status decision_step(struct db *db, bool is_undo, struct journal_step *out,
                                     char **why)
{
	enum wit_status res = is_undo ? db_decision_undo(db, &out->decision, why)
	                              : db_decision_redo(db, &out->decision, why);
	int64_t batch = 0;
	if (res == WIT_OK) {
		out->has_decision = true;
		out->n_decisions = 1;
		res = batch_of(db, out->decision.id, &batch, why);
	}
	while (res == WIT_OK && batch != 0) {
		int64_t next = 0, next_batch = 0;
		res = query_int(db, is_undo
			? "SELECT coalesce(max(id), 0) FROM decision WHERE undone = 0"
			: "SELECT coalesce(min(id), 0) FROM decision WHERE undone = 1", 0, &next, why);
		if (res == WIT_OK && next != 0)
			res = batch_of(db, next, &next_batch, why);
		if (res != WIT_OK || next == 0 || next_batch != batch)
			break;
		struct decision d;
		res = is_undo ? db_decision_undo(db, &d, why) : db_decision_redo(db, &d, why);
		if (res == WIT_OK && is_undo)
			out->decision = d; /* undo walks down to the first */
		out->n_decisions++;
	}
	out->invitation_id = out->decision.invitation_id;
	return res;
}

/* A row of outcome_edit. */
struct edit {
	int64_t id;
	bool is_facts;       /* kind 'facts': an edit of the invitation's facts */
	int64_t invitation_id;
	char *old_row;
	char *new_row;
	int64_t decision_id; /* 0 = none */
	int64_t decision_seq;
};

static void edit_done(struct edit *e)
{
	free(e->old_row);
	free(e->new_row);
}

/* The newest live edit (is_undo) or the oldest undone one; *found false
 * when there is none. */
static enum wit_status pick_edit(struct db *db, bool is_undo, struct edit *e, bool *found,
                                 char **why)
{
	memset(e, 0, sizeof *e);
	*found = false;
	sqlite3_stmt *st = db_prepare(db, is_undo
		? "SELECT id, invitation_id, old_row, new_row, decision_id, decision_seq, kind "
		  "FROM outcome_edit WHERE undone = 0 ORDER BY id DESC LIMIT 1"
		: "SELECT id, invitation_id, old_row, new_row, decision_id, decision_seq, kind "
		  "FROM outcome_edit WHERE undone = 1 ORDER BY id ASC LIMIT 1", why);
	if (st == NULL)
		return WIT_IOERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = true;
		e->id = sqlite3_column_int64(st, 0);
		e->invitation_id = sqlite3_column_int64(st, 1);
		e->old_row = db_column_strdup(st, 2);
		e->new_row = db_column_strdup(st, 3);
		e->decision_id = sqlite3_column_int64(st, 4);
		e->decision_seq = sqlite3_column_int64(st, 5);
		const char *kind = (const char *)sqlite3_column_text(st, 6);
		e->is_facts = kind != NULL && strcmp(kind, "facts") == 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WIT_OK
	                                             : db_fail(db, rc, "reading the journal", why);
}

static enum wit_status apply_edit(struct db *db, const struct edit *e, bool is_undo,
                                  struct journal_step *out, char **why)
{
	const char *row = is_undo ? e->old_row : e->new_row;
	enum wit_status res = e->is_facts ? restore_facts(db, e->invitation_id, row, why)
	                                  : restore(db, e->invitation_id, row, why);
	int64_t args[2] = { is_undo ? 1 : 0, e->id };
	if (res == WIT_OK)
		res = exec_ints(db, "UPDATE outcome_edit SET undone = ?1 WHERE id = ?2", args, 2,
		                "updating the journal", why);
	out->invitation_id = e->invitation_id;
	out->has_facts = e->is_facts;
	out->has_outcome = !e->is_facts;
	out->had_outcome_before = e->old_row != NULL;
	return res;
}

static enum wit_status undo_step(struct db *db, void *arg, char **why)
{
	struct journal_step *out = arg;
	struct edit e;
	bool found;
	int64_t live = 0;
	enum wit_status res = pick_edit(db, true, &e, &found, why);
	if (res == WIT_OK)
		res = query_int(db, "SELECT coalesce(max(id), 0) FROM decision WHERE undone = 0", 0,
		                &live, why);
	if (res == WIT_OK && found && (live == 0 || live <= e.decision_seq)) {
		res = apply_edit(db, &e, true, out, why);
		if (res == WIT_OK && e.decision_id != 0 && e.decision_id == live) {
			res = db_decision_undo(db, &out->decision, why);
			out->has_decision = res == WIT_OK;
			out->n_decisions = 1;
		}
	} else if (res == WIT_OK) {
		res = decision_step(db, true, out, why);
	}
	edit_done(&e);
	return res;
}

/* Is the oldest undone edit still redoable? Not when a decision was
 * recorded after it was undone (that clears redo, as everywhere). */
static enum wit_status edit_is_stale(struct db *db, const struct edit *e, bool *stale, char **why)
{
	int64_t v = 0;
	enum wit_status res;
	if (e->decision_id != 0) {
		res = query_int(db, "SELECT count(*) FROM decision WHERE id = ?1 AND undone = 1",
		                e->decision_id, &v, why);
		*stale = v == 0;
	} else {
		res = query_int(db, "SELECT coalesce(max(id), 0) FROM decision WHERE undone = 0", 0,
		                &v, why);
		*stale = v > e->decision_seq;
	}
	return res;
}

static enum wit_status redo_step(struct db *db, void *arg, char **why)
{
	struct journal_step *out = arg;
	struct edit e;
	bool found, stale = false;
	int64_t undone = 0;
	enum wit_status res = pick_edit(db, false, &e, &found, why);
	if (res == WIT_OK && found)
		res = edit_is_stale(db, &e, &stale, why);
	if (res == WIT_OK && found && stale) {
		found = false;
		res = exec_ints(db, "DELETE FROM outcome_edit WHERE undone = 1", NULL, 0,
		                "clearing redo", why);
	}
	if (res == WIT_OK)
		res = query_int(db, "SELECT coalesce(min(id), 0) FROM decision WHERE undone = 1", 0,
		                &undone, why);
	if (res == WIT_OK && found && (undone == 0 || e.decision_id == undone ||
	                               undone > e.decision_seq)) {
		if (e.decision_id != 0 && e.decision_id == undone) {
			res = db_decision_redo(db, &out->decision, why);
			out->has_decision = res == WIT_OK;
			out->n_decisions = 1;
		}
		if (res == WIT_OK)
			res = apply_edit(db, &e, false, out, why);
	} else if (res == WIT_OK) {
		res = decision_step(db, false, out, why);
	}
	edit_done(&e);
	return res;
}

enum wit_status db_journal_undo(struct db *db, struct journal_step *out, char **why)
{
	struct journal_step tmp;
	struct journal_step *o = out != NULL ? out : &tmp;
	memset(o, 0, sizeof *o);
	return db_with_transaction(db, undo_step, o, why);
}

enum wit_status db_journal_redo(struct db *db, struct journal_step *out, char **why)
{
	struct journal_step tmp;
	struct journal_step *o = out != NULL ? out : &tmp;
	memset(o, 0, sizeof *o);
	return db_with_transaction(db, redo_step, o, why);
}

struct facts_args {
	const struct invitation *inv;
	const bool *edited;
	int64_t now;
};

static enum wit_status edit_facts(struct db *db, void *arg, char **why)
{
	const struct facts_args *a = arg;
	char *old_row = NULL;
	enum wit_status res = facts_json(db, a->inv->id, &old_row, why);
	if (res == WIT_OK)
		res = db_invite_put_facts(db, a->inv, a->now, why);
	if (res == WIT_OK)
		res = db_fact_set_user(db, a->inv->id, a->edited, why);
	if (res == WIT_OK)
		res = write_edit(db, a->inv->id, "facts", old_row, 0, a->now, why);
	free(old_row);
	return res;
}

enum wit_status db_journal_edit_facts(struct db *db, const struct invitation *inv,
                                      const bool edited[FACT_COUNT], int64_t now, char **why)
{
	struct facts_args a = { inv, edited, now };
	return db_with_transaction(db, edit_facts, &a, why);
}
