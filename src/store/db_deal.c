/*
 * db_deal.c: the deal table (see db_deal.h). Validates amounts, currency
 * codes and the contact reference before writing, so messages name the
 * field rather than an SQLite constraint.
 */
#include "worthit/db_deal.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEAL_COLUMNS "id, contact_id, amount_minor, currency, closed_at, note"

static void read_deal(sqlite3_stmt *st, struct deal *d)
{
	d->id = sqlite3_column_int64(st, 0);
	d->contact_id = sqlite3_column_int64(st, 1);
	d->amount_minor = sqlite3_column_int64(st, 2);
	const unsigned char *cur = sqlite3_column_text(st, 3);
	snprintf(d->currency, sizeof d->currency, "%s", cur ? (const char *)cur : "");
	d->closed_at = sqlite3_column_int64(st, 4);
	d->note = db_column_strdup(st, 5);
}

static bool currency_ok(const char *c)
{
	size_t n = strnlen(c, 4);
	if (n != 0 && n != 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isupper((unsigned char)c[i]))
			return false;
	return true;
}

struct add_args {
	const struct deal *d;
	int64_t *id_out;
};

static enum wit_status add(struct db *db, void *arg, char **why)
{
	struct add_args *a = arg;
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM contact WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, a->d->contact_id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return wit_fail(why, WIT_NOTFOUND, "contact: no contact with id %lld",
		                (long long)a->d->contact_id);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "checking a contact", why);
	st = db_prepare(db, "INSERT INTO deal (contact_id, amount_minor, currency, closed_at, note) "
	                "VALUES (?1, ?2, ?3, ?4, ?5)", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, a->d->contact_id);
	sqlite3_bind_int64(st, 2, a->d->amount_minor);
	db_bind_text(st, 3, a->d->currency);
	sqlite3_bind_int64(st, 4, a->d->closed_at);
	db_bind_text(st, 5, a->d->note);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "adding a deal", why);
	if (a->id_out != NULL)
		*a->id_out = sqlite3_last_insert_rowid(db_sqlite(db));
	return WIT_OK;
}

enum wit_status db_deal_add(struct db *db, const struct deal *d, int64_t *id_out, char **why)
{
	if (d->amount_minor < 0)
		return wit_fail(why, WIT_DATA, "amount: must not be negative");
	if (!currency_ok(d->currency))
		return wit_fail(why, WIT_DATA, "currency: expected a three-letter ISO 4217 code "
		                "such as USD");
	struct add_args a = { d, id_out };
	return db_with_transaction(db, add, &a, why);
}

enum wit_status db_deal_get(struct db *db, int64_t id, struct deal *out, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " DEAL_COLUMNS " FROM deal WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum wit_status res = WIT_OK;
	if (rc == SQLITE_ROW) {
		deal_done(out);
		read_deal(st, out);
	} else if (rc == SQLITE_DONE) {
		res = wit_fail(why, WIT_NOTFOUND, "no deal with id %lld", (long long)id);
	} else {
		res = db_fail(db, rc, "reading a deal", why);
	}
	sqlite3_finalize(st);
	return res;
}

enum wit_status db_deal_list(struct db *db, int64_t contact_id, struct deal **items, size_t *n,
                             char **why)
{
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT " DEAL_COLUMNS " FROM deal "
	                              "WHERE ?1 = 0 OR contact_id = ?1 ORDER BY closed_at, id", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, contact_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*items = xreallocarray(*items, cap, sizeof **items);
		}
		deal_init(&(*items)[*n]);
		read_deal(st, &(*items)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_deal_free_all(*items, *n);
		*items = NULL;
		*n = 0;
		return db_fail(db, rc, "listing deals", why);
	}
	return WIT_OK;
}

void db_deal_free_all(struct deal *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		deal_done(&items[i]);
	free(items);
}

static enum wit_status delete_one(struct db *db, void *arg, char **why)
{
	const int64_t *id = arg;
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM deal WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, *id);
	enum wit_status res = db_step_changed(db, st, "deleting a deal", why);
	if (res != WIT_NOTFOUND)
		return res;
	return wit_fail(why, WIT_NOTFOUND, "no deal with id %lld", (long long)*id);
}

enum wit_status db_deal_delete(struct db *db, int64_t id, char **why)
{
	return db_with_transaction(db, delete_one, &id, why);
}

static enum wit_status update(struct db *db, void *arg, char **why)
{
	const struct deal *d = arg;
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM contact WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, d->contact_id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return wit_fail(why, WIT_NOTFOUND, "contact: no contact with id %lld",
		                (long long)d->contact_id);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "checking a contact", why);
	st = db_prepare(db, "UPDATE deal SET contact_id = ?1, amount_minor = ?2, currency = ?3, "
	                "closed_at = ?4, note = ?5 WHERE id = ?6", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, d->contact_id);
	sqlite3_bind_int64(st, 2, d->amount_minor);
	db_bind_text(st, 3, d->currency);
	sqlite3_bind_int64(st, 4, d->closed_at);
	db_bind_text(st, 5, d->note);
	sqlite3_bind_int64(st, 6, d->id);
	enum wit_status res = db_step_changed(db, st, "updating a deal", why);
	if (res != WIT_NOTFOUND)
		return res;
	return wit_fail(why, WIT_NOTFOUND, "no deal with id %lld", (long long)d->id);
}

enum wit_status db_deal_update(struct db *db, const struct deal *d, char **why)
{
	if (d->amount_minor < 0)
		return wit_fail(why, WIT_DATA, "amount: must not be negative");
	if (!currency_ok(d->currency))
		return wit_fail(why, WIT_DATA, "currency: expected a three-letter ISO 4217 code "
		                "such as USD");
	return db_with_transaction(db, update, (void *)d, why);
}
