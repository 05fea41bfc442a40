/*
 * db_decision.h: decisions (accept, decline, maybe, attended, skipped)
 * as a journal. Recording one sets the invitation's status and stores
 * the score, verdict and a snapshot of the weights beside the old
 * status, so it can be undone, redone and calibrated later. Undo and
 * redo walk the same journal from the CLI and the dashboard, across
 * restarts. Each call is its own BEGIN IMMEDIATE transaction unless the
 * caller already opened one (db_in_transaction).
 */
#ifndef WORTHIT_DB_DECISION_H
#define WORTHIT_DB_DECISION_H

#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/status.h"

struct decision {
	int64_t id;
	int64_t invitation_id;
	int64_t decided_at;           /* UTC seconds */
	enum invite_status old_status;
	enum invite_status new_status;
	double score;                 /* score at decision time, -1 = unknown */
	char verdict[8];              /* "go", "maybe", "skip" or "" */
};

/*
 * Record a decision. verdict and weights_json may be NULL. Clears the
 * redo stack (undone decisions can no longer be redone once a new one
 * is recorded). *out may be NULL.
 */
enum wit_status db_decision_record(struct db *db, int64_t invitation_id,
                                   enum invite_status new_status, double score,
                                   const char *verdict, const char *weights_json,
                                   int64_t now, struct decision *out, char **why);

/* Undo the latest decision not yet undone: restore the old status.
 * WIT_NOTFOUND when there is nothing to undo. *out describes it. */
enum wit_status db_decision_undo(struct db *db, struct decision *out, char **why);
/* Redo the earliest undone decision after the last live one. */
enum wit_status db_decision_redo(struct db *db, struct decision *out, char **why);

#endif
