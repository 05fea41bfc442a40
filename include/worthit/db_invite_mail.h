/*
 * db_invite_mail.h: the message an invitation came in (its provenance:
 * Message-ID, From, Subject, Date), one row per invitation in table
 * invitation_mail, written by the import and read by `worthit show`;
 * and the user's own address it was sent to (invitation_me), read when
 * a reply is sent.
 */
#ifndef WORTHIT_DB_INVITE_MAIL_H
#define WORTHIT_DB_INVITE_MAIL_H

#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/status.h"

/* Store inv's mail_* fields for invitation id (replacing what was
 * there). Nothing happens when inv has neither Message-ID nor From.
 * Inside the caller's transaction. */
enum wit_status db_invite_mail_put(struct db *db, int64_t id, const struct invitation *inv,
                                   char **why);

/* Fill out's mail_* fields (out initialised; old values freed) for
 * invitation id. WIT_NOTFOUND with *why untouched when it did not come
 * by mail. */
enum wit_status db_invite_mail_get(struct db *db, int64_t id, struct invitation *out,
                                   char **why);

/* The user's own address invitation id was sent to (inv->me_address,
 * table invitation_me): stored when inv has one (replacing the old),
 * else nothing happens; read into out->me_address, WIT_NOTFOUND with
 * *why untouched when none is known. */
enum wit_status db_invite_me_put(struct db *db, int64_t id, const struct invitation *inv,
                                 char **why);
enum wit_status db_invite_me_get(struct db *db, int64_t id, struct invitation *out, char **why);

#endif
