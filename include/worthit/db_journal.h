/*
 * db_journal.h: the one undo history of decisions and outcome edits.
 * Logging an outcome stores it, marks the invitation attended through
 * the decision journal (db_decision.h) and keeps the outcome row as it
 * was before in table outcome_edit, all in one transaction; undo and
 * redo step through both journals in the order things happened, so
 * `worthit undo` after `worthit outcome 12 ...` takes back the outcome
 * and the "attended" together. The CLI and the dashboard share this.
 */
#ifndef WORTHIT_DB_JOURNAL_H
#define WORTHIT_DB_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/db_decision.h"
#include "worthit/invite_fact.h"
#include "worthit/model.h"
#include "worthit/status.h"

/* What one undo or redo step changed. */
struct journal_step {
	int64_t invitation_id;
	bool has_outcome;          /* an outcome write was undone/redone */
	bool has_facts;            /* an edit of the invitation's facts was */
	bool had_outcome_before;   /* the outcome existed before that write */
	bool has_decision;         /* a decision was undone/redone */
	struct decision decision;  /* valid when has_decision; for a series
	                              step, its first occurrence's */
	size_t n_decisions;        /* decisions the step took: 1, or every
	                              occurrence of a series decided at once */
};

/* One invitation of a batch decision, with the score it had. */
struct journal_pick {
	int64_t invitation_id;
	double score;              /* at decision time, -1 = unknown */
	const char *verdict;       /* borrowed, may be NULL */
};

/*
 * The occurrences of series `series` that a series decision covers:
 * those starting after now that are pending, maybe, accepted or
 * declined, earliest first. *ids (caller frees, NULL when none) holds
 * *n of them.
 */
enum wit_status db_journal_series_ids(struct db *db, const char *series, int64_t now,
                                      int64_t **ids, size_t *n, char **why);

/*
 * Decide picks[0..n) as `to` in one transaction and ONE journal step:
 * one decision row each (weights_json, may be NULL, in all of them),
 * tied by decision.batch, so one undo takes them all back and one redo
 * brings them all again. Invitations already `to` are left as they are;
 * *n_changed (may be NULL) counts the others, *first (may be NULL) is
 * the first decision written. Clears what could be redone. An unknown
 * id is WIT_NOTFOUND and nothing is written.
 */
enum wit_status db_journal_decide_batch(struct db *db, const struct journal_pick *picks,
                                        size_t n, enum invite_status to,
                                        const char *weights_json, int64_t now,
                                        size_t *n_changed, struct decision *first,
                                        char **why);

/*
 * Log (or replace) the outcome of o->invitation_id: the values are
 * validated field by field as db_outcome_put() does (WIT_DATA naming
 * the field); an unknown invitation is WIT_NOTFOUND; one that has not
 * started by now is WIT_DATA. Records an "attended" decision unless the
 * invitation is attended already. Clears what could be redone. Nothing
 * is written on error.
 */
enum wit_status db_journal_log_outcome(struct db *db, const struct outcome *o, int64_t now,
                                       char **why);

/*
 * "Did not go": record a "skipped" decision for an invitation that has
 * started, was accepted (or attended with no outcome logged). Anything
 * else is WIT_DATA saying why; an unknown id WIT_NOTFOUND.
 */
enum wit_status db_journal_skip(struct db *db, int64_t invitation_id, int64_t now, char **why);

/*
 * Edit the facts of stored invitation inv->id: inv's content (every
 * fact of invite_fact.h; status untouched) replaces the stored one, the
 * facts with edited[f] become the user's (never overwritten by a later
 * import), and the edit is one journal step: undo puts back the facts,
 * shares and origins as they were. Validated as an import is (WIT_DATA
 * naming the constraint); unknown id WIT_NOTFOUND; nothing written on
 * error. Clears what could be redone.
 */
enum wit_status db_journal_edit_facts(struct db *db, const struct invitation *inv,
                                      const bool edited[FACT_COUNT], int64_t now, char **why);

/* *out: the newest live decision of invitation_id was part of a series
 * decided at once (a batch), so its RSVP reply answers the series. */
enum wit_status db_journal_decided_as_series(struct db *db, int64_t invitation_id, bool *out,
                                             char **why);

/* Undo the newest live step of either journal (an outcome edit with the
 * decision written with it counts as one step, so does a batch). WIT_NOTFOUND when there
 * is nothing to undo. *out may be NULL. */
enum wit_status db_journal_undo(struct db *db, struct journal_step *out, char **why);
/* Redo the oldest undone step. WIT_NOTFOUND when there is none. */
enum wit_status db_journal_redo(struct db *db, struct journal_step *out, char **why);

#endif
