/*
 * db_history.h: the past events worthit can learn from: invitations the
 * user decided to go to (status attended, or accepted with an outcome
 * logged) that started before a given time and have an outcome row,
 * with what they brought and the score recorded with the latest live
 * decision about them. Read only; one prepared statement.
 */
#ifndef WORTHIT_DB_HISTORY_H
#define WORTHIT_DB_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/status.h"

struct history_outcome {
	int64_t invitation_id;
	int64_t starts_at;      /* UTC seconds */
	double hours;           /* logged actual hours; when none were logged,
	                           duration + 2 x travel (not virtual) + prep,
	                           as db_track.h counts them */
	int leads;
	int deals;
	int64_t revenue_minor;  /* >= 0 */
	int rating;             /* 1..5, 0 = not rated */
	double recorded_score;  /* of the latest live decision with a score,
	                           -1 when none */
};

/*
 * The outcomes of decided events starting before `before`, oldest
 * first (start, then id). *out is allocated (NULL when *n == 0);
 * caller frees.
 */
enum wit_status db_history_outcomes(struct db *db, int64_t before, struct history_outcome **out,
                                    size_t *n, char **why);

#endif
