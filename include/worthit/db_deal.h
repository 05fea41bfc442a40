/*
 * db_deal.h: money that came in, each deal from one contact (table
 * deal). Deals arrive months after the event where the relationship
 * started; attribution follows the contact's met-at invitation and
 * referral chain. Amounts are integer minor units with an ISO 4217 code
 * ("" = the user's currency). Writes run in their own BEGIN IMMEDIATE
 * transaction unless the caller already opened one.
 */
#ifndef WORTHIT_DB_DEAL_H
#define WORTHIT_DB_DEAL_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/status.h"

/* Add d (d->id is ignored). amount >= 0, currency "" or three letters,
 * the contact must exist (WIT_NOTFOUND). *id_out may be NULL. */
enum wit_status db_deal_add(struct db *db, const struct deal *d, int64_t *id_out, char **why);

/* WIT_NOTFOUND when there is no such id. out must be initialised
 * (deal_init); its old contents are freed. */
enum wit_status db_deal_get(struct db *db, int64_t id, struct deal *out, char **why);

/* Deals of one contact (contact_id != 0) or all, oldest first. *items
 * is allocated (NULL when *n == 0); free with db_deal_free_all(). */
enum wit_status db_deal_list(struct db *db, int64_t contact_id, struct deal **items, size_t *n,
                             char **why);
void db_deal_free_all(struct deal *items, size_t n);

/* Remove one deal; WIT_NOTFOUND when there is none. */
enum wit_status db_deal_delete(struct db *db, int64_t id, char **why);

/* Replace every field of deal d->id, with the checks of db_deal_add();
 * WIT_NOTFOUND when there is no such deal. */
enum wit_status db_deal_update(struct db *db, const struct deal *d, char **why);

#endif
