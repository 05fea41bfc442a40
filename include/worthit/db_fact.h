/*
 * db_fact.h: where each fact of a stored invitation came from (table
 * fact_origin, migration 4; the facts are those of invite_fact.h). A
 * fact with no row came from its file. An import replaces the rule and
 * default origins of the rows it writes and never touches a 'user' one
 * (db_invite_upsert keeps the user's values too); edits mark facts
 * 'user' (db_journal_edit_facts).
 */
#ifndef WORTHIT_DB_FACT_H
#define WORTHIT_DB_FACT_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/invite_fact.h"
#include "worthit/status.h"

/* Every fact's origin (FACT_FROM_FILE where no row). */
enum wit_status db_fact_get(struct db *db, int64_t id, struct invite_origins *out, char **why);

/* After an import or add wrote row id: its rule and default origins
 * become o's, user ones stay (and win over o's). is_new: the row was
 * just added (nothing to delete). Inside the caller's transaction. */
enum wit_status db_fact_put(struct db *db, int64_t id, const struct invite_origins *o,
                            bool is_new, char **why);

/* Mark the facts with edited[f] as the user's. */
enum wit_status db_fact_set_user(struct db *db, int64_t id, const bool edited[FACT_COUNT],
                                 char **why);

/* Per kind: the mean stated room size (expected_attendance > 0, not a
 * default) of invitations with a logged outcome, and how many. */
enum wit_status db_fact_learned_attendance(struct db *db, int avg[KIND_COUNT], int n[KIND_COUNT],
                                           char **why);
/* The room-size prior per kind for invite_fact_defaults(): learned
 * where outcomes were logged (learned[k]), else config defaults.
 * On error the config's, and the status. */
enum wit_status db_fact_attendance_prior(struct db *db, const struct wit_config *cfg,
                                         int prior[KIND_COUNT], bool learned[KIND_COUNT],
                                         char **why);

#endif
