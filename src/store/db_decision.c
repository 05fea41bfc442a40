/*
 * db_decision.c: the decision journal. Recording a decision changes the
 * invitation's status and appends a row with the old status, the score
 * and the weights; undo restores the old status of the newest live row
 * and marks it undone; redo re-applies the oldest undone row. A new
 * decision discards the undone rows (the redo stack), as editors do.
 * So undone rows always come after every live row, in id order.
 */
#include "worthit/db_decision.h"
#include "worthit/db_internal.h"
#include "worthit/db_invite.h"

#include <stdio.h>
#include <string.h>

struct record_args {
	int64_t invitation_id;
	enum invite_status new_status;
	double score;
	const char *verdict;
	const char *weights_json;
	int64_t now;
	struct decision *out;
};

static enum wit_status current_status(struct db *db, int64_t id, enum invite_status *status,
                                      char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT status FROM invitation WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum wit_status res = WIT_OK;
	if (rc == SQLITE_ROW) {
		int s = invite_status_from_name((const char *)sqlite3_column_text(st, 0));
		*status = s < 0 ? STATUS_PENDING : (enum invite_status)s;
	} else if (rc == SQLITE_DONE) {
		res = wit_fail(why, WIT_NOTFOUND, "no invitation with id %lld", (long long)id);
	} else {
		res = db_fail(db, rc, "reading a status", why);
	}
	sqlite3_finalize(st);
	return res;
}

static enum wit_status run(struct db *db, const char *sql, int64_t a, const char *doing,
                           char **why)
{
	sqlite3_stmt *st = db_prepare(db, sql, why);
	if (st == NULL)
		return WIT_IOERR;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, a);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, doing, why);
}

static enum wit_status record(struct db *db, void *arg, char **why)
{
	struct record_args *a = arg;
	enum invite_status old = STATUS_PENDING;
	enum wit_status res = current_status(db, a->invitation_id, &old, why);
	if (res == WIT_OK)
		res = run(db, "DELETE FROM decision WHERE undone = 1", 0, "clearing redo", why);
	if (res == WIT_OK)
		res = db_invite_set_status(db, a->invitation_id, a->new_status, a->now, why);
	if (res != WIT_OK)
		return res;
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO decision (invitation_id, decided_at, old_status, new_status, score, "
		"verdict, weights_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, a->invitation_id);
	sqlite3_bind_int64(st, 2, a->now);
	db_bind_text(st, 3, invite_status_name(old));
	db_bind_text(st, 4, invite_status_name(a->new_status));
	if (a->score >= 0)
		sqlite3_bind_double(st, 5, a->score);
	db_bind_text(st, 6, a->verdict);
	db_bind_text(st, 7, a->weights_json);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "recording a decision", why);
	if (a->out != NULL) {
		*a->out = (struct decision){
			.id = sqlite3_last_insert_rowid(db_sqlite(db)),
			.invitation_id = a->invitation_id,
			.decided_at = a->now,
			.old_status = old,
			.new_status = a->new_status,
			.score = a->score,
		};
		snprintf(a->out->verdict, sizeof a->out->verdict, "%s", a->verdict ? a->verdict : "");
	}
	return WIT_OK;
}

enum wit_status db_decision_record(struct db *db, int64_t invitation_id,
                                   enum invite_status new_status, double score,
                                   const char *verdict, const char *weights_json,
                                   int64_t now, struct decision *out, char **why)
{
	struct record_args a = {invitation_id, new_status, score, verdict, weights_json, now, out};
	return db_with_transaction(db, record, &a, why);
}

static void read_decision(sqlite3_stmt *st, struct decision *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	d->invitation_id = sqlite3_column_int64(st, 1);
	d->decided_at = sqlite3_column_int64(st, 2);
	int o = invite_status_from_name((const char *)sqlite3_column_text(st, 3));
	int n = invite_status_from_name((const char *)sqlite3_column_text(st, 4));
	d->old_status = o < 0 ? STATUS_PENDING : (enum invite_status)o;
	d->new_status = n < 0 ? STATUS_PENDING : (enum invite_status)n;
	d->score = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 5);
	const unsigned char *v = sqlite3_column_text(st, 6);
	snprintf(d->verdict, sizeof d->verdict, "%s", v ? (const char *)v : "");
}

struct step_args {
	bool is_undo;
	struct decision *out;
};

static enum wit_status step(struct db *db, void *arg, char **why)
{
	struct step_args *a = arg;
	const char *pick = a->is_undo
		? "SELECT id, invitation_id, decided_at, old_status, new_status, score, verdict "
		  "FROM decision WHERE undone = 0 ORDER BY id DESC LIMIT 1"
		: "SELECT id, invitation_id, decided_at, old_status, new_status, score, verdict "
		  "FROM decision WHERE undone = 1 ORDER BY id ASC LIMIT 1";
	sqlite3_stmt *st = db_prepare(db, pick, why);
	if (st == NULL)
		return WIT_IOERR;
	int rc = sqlite3_step(st);
	struct decision d;
	if (rc == SQLITE_ROW)
		read_decision(st, &d);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return wit_fail(why, WIT_NOTFOUND, a->is_undo ? "nothing to undo" : "nothing to redo");
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "reading the journal", why);
	enum wit_status res = db_invite_set_status(db, d.invitation_id,
	                                           a->is_undo ? d.old_status : d.new_status,
	                                           d.decided_at, why);
	if (res == WIT_OK)
		res = run(db, a->is_undo ? "UPDATE decision SET undone = 1 WHERE id = ?1"
		                         : "UPDATE decision SET undone = 0 WHERE id = ?1",
		          d.id, "updating the journal", why);
	if (res == WIT_OK && a->out != NULL)
		*a->out = d;
	return res;
}

enum wit_status db_decision_undo(struct db *db, struct decision *out, char **why)
{
	struct step_args a = {true, out};
	return db_with_transaction(db, step, &a, why);
}

enum wit_status db_decision_redo(struct db *db, struct decision *out, char **why)
{
	struct step_args a = {false, out};
	return db_with_transaction(db, step, &a, why);
}
