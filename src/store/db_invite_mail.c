/*
 * db_invite_mail.c: provenance of invitations that came by mail
 * (db_invite_mail.h). The row is keyed by the invitation's id and
 * replaced on every import of the message, so it names the latest
 * message that carried the invitation. Also the user's own address it
 * was sent to (table invitation_me), kept the same way.
 */
#include "worthit/db_invite_mail.h"
#include "worthit/db_internal.h"

#include <stdlib.h>

enum wit_status db_invite_mail_put(struct db *db, int64_t id, const struct invitation *inv,
                                   char **why)
{
	if (inv->mail_message_id == NULL && inv->mail_from == NULL)
		return WIT_OK;
	sqlite3_stmt *st = db_cached(db, "INSERT OR REPLACE INTO invitation_mail (invitation_id, "
	                             "message_id, sender, subject, sent_at) VALUES (?, ?, ?, ?, ?)",
	                             why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, inv->mail_message_id);
	db_bind_text(st, 3, inv->mail_from);
	db_bind_text(st, 4, inv->mail_subject);
	sqlite3_bind_int64(st, 5, inv->mail_date);
	return db_step_done(db, st, "storing the message of an invitation", why);
}

enum wit_status db_invite_mail_get(struct db *db, int64_t id, struct invitation *out,
                                   char **why)
{
	sqlite3_stmt *st = db_cached(db, "SELECT message_id, sender, subject, sent_at FROM "
	                             "invitation_mail WHERE invitation_id = ?", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum wit_status res = WIT_NOTFOUND;
	if (rc == SQLITE_ROW) {
		free(out->mail_message_id);
		free(out->mail_from);
		free(out->mail_subject);
		out->mail_message_id = db_column_strdup(st, 0);
		out->mail_from = db_column_strdup(st, 1);
		out->mail_subject = db_column_strdup(st, 2);
		out->mail_date = sqlite3_column_int64(st, 3);
		res = WIT_OK;
	} else if (rc != SQLITE_DONE) {
		res = db_fail(db, rc, "reading the message of an invitation", why);
	}
	sqlite3_reset(st);
	return res;
}

enum wit_status db_invite_me_put(struct db *db, int64_t id, const struct invitation *inv,
                                 char **why)
{
	if (inv->me_address == NULL)
		return WIT_OK;
	sqlite3_stmt *st = db_cached(db, "INSERT OR REPLACE INTO invitation_me (invitation_id, "
	                             "address) VALUES (?, ?)", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, inv->me_address);
	return db_step_done(db, st, "storing the address an invitation was sent to", why);
}

enum wit_status db_invite_me_get(struct db *db, int64_t id, struct invitation *out, char **why)
{
	sqlite3_stmt *st = db_cached(db, "SELECT address FROM invitation_me WHERE "
	                             "invitation_id = ?", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum wit_status res = WIT_NOTFOUND;
	if (rc == SQLITE_ROW) {
		free(out->me_address);
		out->me_address = db_column_strdup(st, 0);
		res = WIT_OK;
	} else if (rc != SQLITE_DONE) {
		res = db_fail(db, rc, "reading the address an invitation was sent to", why);
	}
	sqlite3_reset(st);
	return res;
}
