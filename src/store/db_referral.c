/*
 * db_referral.c: the referral graph's extra edges (see db_referral.h).
 * The graph is the union of contact.referred_by and table referral;
 * loop checks walk that union upwards with a recursive query.
 */
#include "worthit/db_referral.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>

#define EDGES \
	"edge(contact_id, referrer_id) AS (SELECT id, referred_by FROM contact " \
	"WHERE referred_by IS NOT NULL UNION SELECT contact_id, referrer_id FROM referral)"

static int exists(struct db *db, int64_t id, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM contact WHERE id = ?1", why);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	db_fail(db, rc, "reading a contact", why);
	return -1;
}

enum wit_status db_referral_would_loop(struct db *db, int64_t contact_id, int64_t referrer_id,
                                       bool *loops, char **why)
{
	*loops = contact_id == referrer_id;
	if (*loops)
		return WIT_OK;
	/* a loop iff contact_id is already upstream of referrer_id */
	sqlite3_stmt *st = db_prepare(db, "WITH RECURSIVE " EDGES ", up(id) AS (SELECT ?1 UNION "
	                              "SELECT e.referrer_id FROM edge e JOIN up ON e.contact_id = "
	                              "up.id) SELECT 1 FROM up WHERE id = ?2", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, referrer_id);
	sqlite3_bind_int64(st, 2, contact_id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	*loops = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WIT_OK
	                                             : db_fail(db, rc, "checking referrals", why);
}

struct add_args {
	int64_t contact_id, referrer_id, now;
};

/* Run sql binding as many of a, b, c as it has parameters. */
static enum wit_status run_ids(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c,
                            char **why)
{
	sqlite3_stmt *st = db_prepare(db, sql, why);
	if (st == NULL)
		return WIT_IOERR;
	const int64_t v[] = { a, b, c };
	for (int i = 0; i < sqlite3_bind_parameter_count(st) && i < 3; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "recording a referral", why);
}

static enum wit_status add(struct db *db, void *arg, char **why)
{
	const struct add_args *a = arg;
	int e = exists(db, a->contact_id, why);
	if (e == 0)
		return wit_fail(why, WIT_NOTFOUND, "no contact with id %lld", (long long)a->contact_id);
	int r = e < 0 ? -1 : exists(db, a->referrer_id, why);
	if (e < 0 || r < 0)
		return WIT_IOERR;
	if (r == 0)
		return wit_fail(why, WIT_NOTFOUND, "referred-by: no contact with id %lld",
		                (long long)a->referrer_id);
	bool loops;
	enum wit_status res = db_referral_would_loop(db, a->contact_id, a->referrer_id, &loops, why);
	if (res != WIT_OK)
		return res;
	if (a->contact_id == a->referrer_id)
		return wit_fail(why, WIT_DATA, "referred-by: a contact cannot refer themselves");
	if (loops)
		return wit_fail(why, WIT_DATA, "referred-by: contact %lld was introduced (directly or "
		                "not) by %lld: that would make a loop", (long long)a->referrer_id,
		                (long long)a->contact_id);
	res = run_ids(db, "UPDATE contact SET referred_by = ?2 WHERE id = ?1 AND referred_by IS NULL",
	           a->contact_id, a->referrer_id, 0, why);
	if (res != WIT_OK || sqlite3_changes(db_sqlite(db)) > 0)
		return res;
	return run_ids(db, "INSERT INTO referral (contact_id, referrer_id, created_at) "
	            "SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM contact WHERE id = ?1 "
	            "AND referred_by = ?2) ON CONFLICT DO NOTHING",
	            a->contact_id, a->referrer_id, a->now, why);
}

enum wit_status db_referral_add(struct db *db, int64_t contact_id, int64_t referrer_id,
                                int64_t now, char **why)
{
	struct add_args a = { contact_id, referrer_id, now };
	return db_with_transaction(db, add, &a, why);
}

static enum wit_status clear(struct db *db, void *arg, char **why)
{
	const int64_t *id = arg;
	enum wit_status res = run_ids(db, "UPDATE contact SET referred_by = NULL WHERE id = ?1",
	                           *id, 0, 0, why);
	if (res == WIT_OK)
		res = run_ids(db, "DELETE FROM referral WHERE contact_id = ?1", *id, 0, 0,
		           why);
	return res;
}

enum wit_status db_referral_clear(struct db *db, int64_t contact_id, char **why)
{
	return db_with_transaction(db, clear, &contact_id, why);
}

static enum wit_status id_list(struct db *db, const char *sql, int64_t id, int64_t **ids,
                               size_t *n, char **why)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, sql, why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return WIT_OK;
	free(*ids);
	*ids = NULL;
	*n = 0;
	return db_fail(db, rc, "reading referrals", why);
}

enum wit_status db_referral_list(struct db *db, int64_t contact_id, int64_t **ids, size_t *n,
                                 char **why)
{
	return id_list(db, "WITH " EDGES " SELECT referrer_id FROM edge WHERE contact_id = ?1 "
	               "ORDER BY 1", contact_id, ids, n, why);
}

enum wit_status db_referral_referred(struct db *db, int64_t referrer_id, int64_t **ids,
                                     size_t *n, char **why)
{
	return id_list(db, "WITH " EDGES " SELECT contact_id FROM edge WHERE referrer_id = ?1 "
	               "ORDER BY 1", referrer_id, ids, n, why);
}
