/*
 * db_contact.h: the people met at events and who referred whom (table
 * contact). A contact may name the invitation where they were met and
 * the contact who referred them; referral chains never loop. E-mail
 * addresses match case-insensitively (they link invitations' attendees
 * to contacts). Writes run in their own BEGIN IMMEDIATE transaction
 * unless the caller already opened one.
 */
#ifndef WORTHIT_DB_CONTACT_H
#define WORTHIT_DB_CONTACT_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/status.h"

/*
 * Add c (c->id is ignored). The name must not be empty; met_at_invitation
 * and referred_by, when not 0, must exist (WIT_NOTFOUND naming which).
 * *id_out may be NULL. now is the creation time.
 */
enum wit_status db_contact_add(struct db *db, const struct contact *c, int64_t now,
                               int64_t *id_out, char **why);

/* Replace every field of contact c->id. A referral that would make a
 * loop (A referred by B referred by A) is WIT_DATA. */
enum wit_status db_contact_update(struct db *db, const struct contact *c, char **why);

/* WIT_NOTFOUND when there is no such id. out must be initialised
 * (contact_init); its old contents are freed. */
enum wit_status db_contact_get(struct db *db, int64_t id, struct contact *out, char **why);

/* The contact with this e-mail address (case-insensitive), lowest id
 * first; WIT_NOTFOUND when none. */
enum wit_status db_contact_find_email(struct db *db, const char *email, int64_t *id_out,
                                      char **why);

/* The contact with this exact name (case-insensitive); WIT_NOTFOUND when
 * none, WIT_DATA when several share it (the message lists their ids). */
enum wit_status db_contact_find_name(struct db *db, const char *name, int64_t *id_out,
                                     char **why);

/* Remove contact id with its introductions; those it introduced keep
 * their row with no referrer. Refused (WIT_DATA) while deals point at
 * it unless with_deals (then they go too). *n_deals: how many deals it
 * had. WIT_NOTFOUND for an unknown id. */
enum wit_status db_contact_remove(struct db *db, int64_t id, bool with_deals, int64_t *n_deals,
                                  char **why);

/* Every contact, by name then id. *items is allocated (NULL when
 * *n == 0); free with db_contact_free_all(). */
enum wit_status db_contact_list(struct db *db, struct contact **items, size_t *n, char **why);
void db_contact_free_all(struct contact *items, size_t n);

#endif
