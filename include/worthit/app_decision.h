/*
 * app_decision.h: recording a decision (accept, decline, maybe ...)
 * the one way both `worthit decide` and the dashboard's triage keys do
 * it: the new status with the score and verdict the invitation had when
 * it was decided and a snapshot of every knob (weights_json.h), through
 * the decision journal (db_decision.h), so undo, redo and calibration
 * see the same record whichever front end made it.
 */
#ifndef WORTHIT_APP_DECISION_H
#define WORTHIT_APP_DECISION_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/db_decision.h"
#include "worthit/db_journal.h"
#include "worthit/model.h"
#include "worthit/score.h"
#include "worthit/status.h"

/*
 * Set invitation id to status `to` at now (UTC seconds), journalled
 * with r's total and verdict (r as computed with settings) and every
 * knob of settings. *out (may be NULL) describes the record, its old
 * status included. WIT_NOTFOUND for an unknown id.
 */
enum wit_status app_decision_record(struct db *db, int64_t id, enum invite_status to,
                                    const struct score_result *r,
                                    const struct score_settings *settings, int64_t now,
                                    struct decision *out, char **why);

/*
 * The same for a whole series at once: ids[i] scored rs[i] (as computed
 * with settings), all set to `to` as ONE journal step
 * (db_journal_decide_batch: one undo takes every occurrence back).
 * Occurrences already `to` are left alone; *n_changed (may be NULL)
 * counts the others; *first (may be NULL) is the first decision.
 */
enum wit_status app_decision_record_series(struct db *db, const int64_t *ids,
                                           const struct score_result *rs, size_t n,
                                           enum invite_status to,
                                           const struct score_settings *settings, int64_t now,
                                           size_t *n_changed, struct decision *first,
                                           char **why);

#endif
