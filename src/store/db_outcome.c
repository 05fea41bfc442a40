/*
 * db_outcome.c: the outcome table (see db_outcome.h). Owns validation of
 * outcome values before they reach the CHECK constraints, so a user gets
 * "rating: 9 is not 1-5" rather than an SQLite constraint name. Hours
 * cross the boundary as a double and are kept as whole minutes
 * (actual_minutes), rounded to the nearest.
 */
#include "worthit/db_outcome.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <math.h>
#include <stdlib.h>

struct put_args {
	const struct outcome *o;
	int64_t now;
};

static enum wit_status check_values(const struct outcome *o, char **why)
{
	if (!isfinite(o->actual_hours) || o->actual_hours < 0 || o->actual_hours > 1000)
		return wit_fail(why, WIT_DATA, "hours: %g is not between 0 and 1000", o->actual_hours);
	if (o->contacts_met < 0)
		return wit_fail(why, WIT_DATA, "contacts: %d is negative", o->contacts_met);
	if (o->leads < 0)
		return wit_fail(why, WIT_DATA, "leads: %d is negative", o->leads);
	if (o->meetings < 0)
		return wit_fail(why, WIT_DATA, "meetings: %d is negative", o->meetings);
	if (o->deals < 0)
		return wit_fail(why, WIT_DATA, "deals: %d is negative", o->deals);
	if (o->revenue_minor < 0)
		return wit_fail(why, WIT_DATA, "revenue: negative amount");
	if (o->rating < 0 || o->rating > 5)
		return wit_fail(why, WIT_DATA, "rating: %d is not 1-5 (or 0 for no rating)",
		                o->rating);
	return WIT_OK;
}

static enum wit_status invitation_exists(struct db *db, int64_t id, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM invitation WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return WIT_OK;
	if (rc == SQLITE_DONE)
		return wit_fail(why, WIT_NOTFOUND, "no invitation with id %lld", (long long)id);
	return db_fail(db, rc, "looking up an invitation", why);
}

static enum wit_status put(struct db *db, void *arg, char **why)
{
	const struct put_args *a = arg;
	const struct outcome *o = a->o;
	enum wit_status res = invitation_exists(db, o->invitation_id, why);
	if (res != WIT_OK)
		return res;
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO outcome (invitation_id, actual_minutes, contacts_met, leads, meetings, "
		"deals, revenue_minor, currency, rating, notes, logged_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8, ?9, ?10) "
		"ON CONFLICT (invitation_id) DO UPDATE SET actual_minutes = excluded.actual_minutes, "
		"contacts_met = excluded.contacts_met, leads = excluded.leads, "
		"meetings = excluded.meetings, deals = excluded.deals, "
		"revenue_minor = excluded.revenue_minor, rating = excluded.rating, "
		"notes = excluded.notes, logged_at = excluded.logged_at", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, o->invitation_id);
	sqlite3_bind_int64(st, 2, (int64_t)llround(o->actual_hours * 60.0));
	sqlite3_bind_int(st, 3, o->contacts_met);
	sqlite3_bind_int(st, 4, o->leads);
	sqlite3_bind_int(st, 5, o->meetings);
	sqlite3_bind_int(st, 6, o->deals);
	sqlite3_bind_int64(st, 7, o->revenue_minor);
	sqlite3_bind_int(st, 8, o->rating);
	db_bind_text(st, 9, o->notes);
	sqlite3_bind_int64(st, 10, o->logged_at != 0 ? o->logged_at : a->now);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "storing an outcome", why);
}

enum wit_status db_outcome_put(struct db *db, const struct outcome *o, int64_t now, char **why)
{
	enum wit_status res = check_values(o, why);
	if (res != WIT_OK)
		return res;
	struct put_args a = { o, now };
	return db_with_transaction(db, put, &a, why);
}

enum wit_status db_outcome_get(struct db *db, int64_t invitation_id, struct outcome *out,
                               char **why)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT actual_minutes, contacts_met, leads, meetings, deals, revenue_minor, rating, "
		"notes, logged_at FROM outcome WHERE invitation_id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, invitation_id);
	int rc = sqlite3_step(st);
	enum wit_status res = WIT_OK;
	if (rc == SQLITE_ROW) {
		outcome_done(out);
		out->invitation_id = invitation_id;
		out->actual_hours = (double)sqlite3_column_int64(st, 0) / 60.0;
		out->contacts_met = sqlite3_column_int(st, 1);
		out->leads = sqlite3_column_int(st, 2);
		out->meetings = sqlite3_column_int(st, 3);
		out->deals = sqlite3_column_int(st, 4);
		out->revenue_minor = sqlite3_column_int64(st, 5);
		out->rating = sqlite3_column_int(st, 6);
		out->notes = db_column_strdup(st, 7);
		out->logged_at = sqlite3_column_int64(st, 8);
	} else if (rc == SQLITE_DONE) {
		res = wit_fail(why, WIT_NOTFOUND, "no outcome logged for invitation %lld",
		               (long long)invitation_id);
	} else {
		res = db_fail(db, rc, "reading an outcome", why);
	}
	sqlite3_finalize(st);
	return res;
}

static enum wit_status delete_one(struct db *db, void *arg, char **why)
{
	const int64_t *id = arg;
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM outcome WHERE invitation_id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, *id);
	enum wit_status res = db_step_changed(db, st, "deleting an outcome", why);
	if (res != WIT_NOTFOUND)
		return res;
	return wit_fail(why, WIT_NOTFOUND, "no outcome logged for invitation %lld",
	                (long long)*id);
}

enum wit_status db_outcome_delete(struct db *db, int64_t invitation_id, char **why)
{
	return db_with_transaction(db, delete_one, &invitation_id, why);
}

enum wit_status db_outcome_awaiting(struct db *db, int64_t now, int64_t **ids, size_t *n,
                                    char **why)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT i.id FROM invitation i WHERE i.status IN ('accepted', 'attended') "
		"AND i.ends_at <= ?1 AND NOT EXISTS (SELECT 1 FROM outcome o "
		"WHERE o.invitation_id = i.id) ORDER BY i.starts_at, i.id", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, now);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_fail(db, rc, "listing outcomes to review", why);
	}
	return WIT_OK;
}
