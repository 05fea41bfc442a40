/*
 * db_referral.h: who introduced whom, when a contact was introduced by
 * more than one person. contact.referred_by (db_contact.h) holds the
 * first referrer; table referral holds the others. Together they form
 * the referral graph that attribution walks; it never has a loop (every
 * write here checks the whole graph, both kinds of edge).
 */
#ifndef WORTHIT_DB_REFERRAL_H
#define WORTHIT_DB_REFERRAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/status.h"

/*
 * Record that referrer_id also introduced contact_id. When the contact
 * has no referrer yet this sets contact.referred_by instead. Adding an
 * existing edge is a no-op. Unknown ids are WIT_NOTFOUND naming which;
 * a contact referring themselves or an edge closing a loop WIT_DATA.
 */
enum wit_status db_referral_add(struct db *db, int64_t contact_id, int64_t referrer_id,
                                int64_t now, char **why);

/* Remove every referrer of contact_id (both kinds of edge). */
enum wit_status db_referral_clear(struct db *db, int64_t contact_id, char **why);

/* Would referrer_id -> contact_id close a loop in the whole graph? */
enum wit_status db_referral_would_loop(struct db *db, int64_t contact_id, int64_t referrer_id,
                                       bool *loops, char **why);

/* Every referrer of contact_id, ascending. *ids allocated (NULL when
 * *n == 0); caller frees. */
enum wit_status db_referral_list(struct db *db, int64_t contact_id, int64_t **ids, size_t *n,
                                 char **why);

/* Contacts that referrer_id introduced, ascending. Caller frees. */
enum wit_status db_referral_referred(struct db *db, int64_t referrer_id, int64_t **ids,
                                     size_t *n, char **why);

#endif
