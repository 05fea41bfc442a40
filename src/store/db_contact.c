/*
 * db_contact.c: the contact table (see db_contact.h). Checks references
 * itself before writing so messages say "no contact with id 7" instead
 * of an SQLite constraint name, and refuses referral loops, which would
 * make attribution walk forever. Column order of every SELECT is the
 * one read_contact() expects.
 */
#include "worthit/db_contact.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONTACT_COLUMNS \
	"id, name, company, email, met_at, referred_by, is_client, notes, is_prospect"

static void read_contact(sqlite3_stmt *st, struct contact *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->name = db_column_strdup(st, 1);
	c->company = db_column_strdup(st, 2);
	c->email = db_column_strdup(st, 3);
	c->met_at_invitation = sqlite3_column_int64(st, 4); /* NULL reads as 0 */
	c->referred_by = sqlite3_column_int64(st, 5);
	c->is_client = sqlite3_column_int(st, 6) != 0;
	c->notes = db_column_strdup(st, 7);
	c->is_prospect = sqlite3_column_int(st, 8) != 0;
}

/* 1 when the row exists, 0 when not, -1 on error (why set). */
static int row_exists(struct db *db, const char *sql, int64_t id, char **why)
{
	sqlite3_stmt *st = db_prepare(db, sql, why);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	db_fail(db, rc, "checking a reference", why);
	return -1;
}

static enum wit_status check_refs(struct db *db, const struct contact *c, char **why)
{
	if (c->name == NULL || c->name[0] == '\0')
		return wit_fail(why, WIT_DATA, "name: a contact needs a name");
	if (c->met_at_invitation < 0 || c->referred_by < 0)
		return wit_fail(why, WIT_DATA, "met-at and referred-by take positive ids");
	if (c->met_at_invitation != 0) {
		int e = row_exists(db, "SELECT 1 FROM invitation WHERE id = ?1", c->met_at_invitation,
		                   why);
		if (e < 0)
			return WIT_IOERR;
		if (e == 0)
			return wit_fail(why, WIT_NOTFOUND, "met-at: no invitation with id %lld",
			                (long long)c->met_at_invitation);
	}
	if (c->referred_by != 0) {
		int e = row_exists(db, "SELECT 1 FROM contact WHERE id = ?1", c->referred_by, why);
		if (e < 0)
			return WIT_IOERR;
		if (e == 0)
			return wit_fail(why, WIT_NOTFOUND, "referred-by: no contact with id %lld",
			                (long long)c->referred_by);
	}
	return WIT_OK;
}

static void bind_fields(sqlite3_stmt *st, const struct contact *c)
{
	db_bind_text(st, 1, c->name);
	db_bind_text(st, 2, c->company);
	db_bind_text(st, 3, c->email);
	if (c->met_at_invitation != 0)
		sqlite3_bind_int64(st, 4, c->met_at_invitation);
	else
		sqlite3_bind_null(st, 4);
	if (c->referred_by != 0)
		sqlite3_bind_int64(st, 5, c->referred_by);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int(st, 6, c->is_client ? 1 : 0);
	db_bind_text(st, 7, c->notes);
	sqlite3_bind_int(st, 9, c->is_prospect ? 1 : 0);
}

struct write_args {
	const struct contact *c;
	int64_t now;
	int64_t *id_out;
};

static enum wit_status add(struct db *db, void *arg, char **why)
{
	struct write_args *a = arg;
	enum wit_status res = check_refs(db, a->c, why);
	if (res != WIT_OK)
		return res;
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO contact (name, company, email, met_at, referred_by, is_client, notes, "
		"created_at, is_prospect) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", why);
	if (st == NULL)
		return WIT_IOERR;
	bind_fields(st, a->c);
	sqlite3_bind_int64(st, 8, a->now);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "adding a contact", why);
	if (a->id_out != NULL)
		*a->id_out = sqlite3_last_insert_rowid(db_sqlite(db));
	return WIT_OK;
}

enum wit_status db_contact_add(struct db *db, const struct contact *c, int64_t now,
                               int64_t *id_out, char **why)
{
	struct write_args a = { c, now, id_out };
	return db_with_transaction(db, add, &a, why);
}

/* Would c->id referred by c->referred_by close a loop? Walks the chain
 * up from the new referrer with a recursive query. */
static enum wit_status check_loop(struct db *db, const struct contact *c, char **why)
{
	if (c->referred_by == 0)
		return WIT_OK;
	if (c->referred_by == c->id)
		return wit_fail(why, WIT_DATA, "referred-by: a contact cannot refer themselves");
	sqlite3_stmt *st = db_prepare(db,
		"WITH RECURSIVE up(id) AS (SELECT ?1 UNION "
		"SELECT c.referred_by FROM contact c JOIN up ON c.id = up.id "
		"WHERE c.referred_by IS NOT NULL) SELECT 1 FROM up WHERE id = ?2", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, c->referred_by);
	sqlite3_bind_int64(st, 2, c->id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return wit_fail(why, WIT_DATA, "referred-by: contact %lld was referred (directly or "
		                "not) by %lld: that would make a loop",
		                (long long)c->referred_by, (long long)c->id);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "checking referrals", why);
}

static enum wit_status update(struct db *db, void *arg, char **why)
{
	struct write_args *a = arg;
	enum wit_status res = check_refs(db, a->c, why);
	if (res == WIT_OK)
		res = check_loop(db, a->c, why);
	if (res != WIT_OK)
		return res;
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE contact SET name = ?1, company = ?2, email = ?3, met_at = ?4, "
		"referred_by = ?5, is_client = ?6, notes = ?7, is_prospect = ?9 WHERE id = ?8", why);
	if (st == NULL)
		return WIT_IOERR;
	bind_fields(st, a->c);
	sqlite3_bind_int64(st, 8, a->c->id);
	res = db_step_changed(db, st, "updating a contact", why);
	if (res != WIT_NOTFOUND)
		return res;
	return wit_fail(why, WIT_NOTFOUND, "no contact with id %lld", (long long)a->c->id);
}

enum wit_status db_contact_update(struct db *db, const struct contact *c, char **why)
{
	struct write_args a = { c, 0, NULL };
	return db_with_transaction(db, update, &a, why);
}

enum wit_status db_contact_get(struct db *db, int64_t id, struct contact *out, char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " CONTACT_COLUMNS " FROM contact WHERE id = ?1",
	                              why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum wit_status res = WIT_OK;
	if (rc == SQLITE_ROW) {
		contact_done(out);
		read_contact(st, out);
	} else if (rc == SQLITE_DONE) {
		res = wit_fail(why, WIT_NOTFOUND, "no contact with id %lld", (long long)id);
	} else {
		res = db_fail(db, rc, "reading a contact", why);
	}
	sqlite3_finalize(st);
	return res;
}

enum wit_status db_contact_find_email(struct db *db, const char *email, int64_t *id_out,
                                      char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM contact WHERE email = ?1 COLLATE NOCASE "
	                              "ORDER BY id LIMIT 1", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, email);
	int rc = sqlite3_step(st);
	enum wit_status res = WIT_OK;
	if (rc == SQLITE_ROW)
		*id_out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		res = wit_fail(why, WIT_NOTFOUND, "no contact with e-mail %s", email ? email : "");
	else
		res = db_fail(db, rc, "finding a contact", why);
	sqlite3_finalize(st);
	return res;
}

enum wit_status db_contact_find_name(struct db *db, const char *name, int64_t *id_out,
                                     char **why)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT id FROM contact WHERE name = ?1 COLLATE NOCASE "
	                              "ORDER BY id LIMIT 6", why);
	if (st == NULL)
		return WIT_IOERR;
	db_bind_text(st, 1, name);
	int64_t ids[6];
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "finding a contact", why);
	if (n == 0)
		return wit_fail(why, WIT_NOTFOUND, "no contact named \"%s\"", name ? name : "");
	if (n > 1) {
		char list[128] = "";
		for (int i = 0; i < n && i < 5; i++) {
			size_t len = strlen(list);
			snprintf(list + len, sizeof list - len, "%s%lld", i ? ", " : "",
			         (long long)ids[i]);
		}
		return wit_fail(why, WIT_DATA, "%s contacts are named \"%s\" (ids %s%s): use an id",
		                n > 5 ? "several" : n == 2 ? "two" : "several", name, list,
		                n > 5 ? ", ..." : "");
	}
	*id_out = ids[0];
	return WIT_OK;
}

enum wit_status db_contact_list(struct db *db, struct contact **items, size_t *n, char **why)
{
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT " CONTACT_COLUMNS " FROM contact "
	                              "ORDER BY name COLLATE NOCASE, id", why);
	if (st == NULL)
		return WIT_IOERR;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*items = xreallocarray(*items, cap, sizeof **items);
		}
		contact_init(&(*items)[*n]);
		read_contact(st, &(*items)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_contact_free_all(*items, *n);
		*items = NULL;
		*n = 0;
		return db_fail(db, rc, "listing contacts", why);
	}
	return WIT_OK;
}

void db_contact_free_all(struct contact *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		contact_done(&items[i]);
	free(items);
}

struct remove_args {
	int64_t id;
	bool with_deals;
	int64_t *n_deals;
};

static enum wit_status remove_one(struct db *db, void *arg, char **why)
{
	struct remove_args *a = arg;
	sqlite3_stmt *st = db_prepare(db, "SELECT (SELECT count(*) FROM contact WHERE id = ?1), "
	                                  "(SELECT count(*) FROM deal WHERE contact_id = ?1)", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, a->id);
	int rc = sqlite3_step(st);
	int64_t exists = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	*a->n_deals = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "reading a contact", why);
	if (!exists)
		return wit_fail(why, WIT_NOTFOUND, "no contact with id %lld", (long long)a->id);
	if (*a->n_deals > 0 && !a->with_deals)
		return wit_fail(why, WIT_DATA, "contact #%lld has %lld deal%s: --with-deals removes "
		                "them too (their revenue leaves every report), or move them with "
		                "'worthit deal edit ID --contact OTHER'", (long long)a->id,
		                (long long)*a->n_deals, *a->n_deals == 1 ? "" : "s");
	/* deals and referrals go by ON DELETE CASCADE, met_at/referred_by
	 * of others by SET NULL (migration 1, foreign keys on) */
	st = db_prepare(db, "DELETE FROM contact WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, a->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WIT_OK : db_fail(db, rc, "removing a contact", why);
}

enum wit_status db_contact_remove(struct db *db, int64_t id, bool with_deals, int64_t *n_deals,
                                  char **why)
{
	struct remove_args a = {id, with_deals, n_deals};
	*n_deals = 0;
	return db_with_transaction(db, remove_one, &a, why);
}
