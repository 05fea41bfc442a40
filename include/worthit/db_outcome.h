/*
 * db_outcome.h: what an attended event brought, one row per invitation
 * (table outcome). Putting an outcome replaces the previous one, so the
 * 30- and 90-day reviews can add late leads and deals to the same row.
 * Actual hours are stored to the minute; revenue is in the user's
 * currency, integer minor units. Writes run in their own BEGIN
 * IMMEDIATE transaction unless the caller already opened one.
 */
#ifndef WORTHIT_DB_OUTCOME_H
#define WORTHIT_DB_OUTCOME_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/status.h"

/*
 * Validate and store o for o->invitation_id (insert or replace):
 * hours 0..1000, counts >= 0, revenue >= 0, rating 0..5 (0 = not
 * rated). A bad value is WIT_DATA naming the field; an unknown
 * invitation WIT_NOTFOUND; nothing is written then. logged_at 0 means
 * now. The invitation's status is not touched (the caller records
 * "attended" as a decision).
 */
enum wit_status db_outcome_put(struct db *db, const struct outcome *o, int64_t now, char **why);

/* The outcome of an invitation; WIT_NOTFOUND when none was logged.
 * out must be initialised (outcome_init); its old contents are freed. */
enum wit_status db_outcome_get(struct db *db, int64_t invitation_id, struct outcome *out,
                               char **why);

/* Remove it (to undo an edit); WIT_NOTFOUND when there was none. */
enum wit_status db_outcome_delete(struct db *db, int64_t invitation_id, char **why);

/*
 * The "to review" list: invitations accepted or attended that ended at
 * or before now and have no outcome yet, oldest first. *ids is
 * allocated (NULL when *n == 0); caller frees.
 */
enum wit_status db_outcome_awaiting(struct db *db, int64_t now, int64_t **ids, size_t *n,
                                    char **why);

#endif
