/*
 * db_review.h: what waits for the user to look back at it. Accepted
 * events that have ended with no outcome logged (and attended ones with
 * none, within 180 days of the event), and attended
 * events offered again 30 and 90 days after they ended ("anything come
 * of this?") so late leads and deals are still credited to them.
 *
 * A follow-up at D days (30 or 90) is due from end + D days until the
 * next one starts (end + 90 days for the first, end + 180 days for the
 * second: after that it lapses silently); it is settled when the
 * outcome was logged or edited at or after end + D days, or when the
 * user dismissed it (table outcome_review).
 */
#ifndef WORTHIT_DB_REVIEW_H
#define WORTHIT_DB_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/status.h"

struct review_item {
	int64_t invitation_id;
	char *title;
	char *organizer;        /* NULL when unknown */
	enum invite_kind kind;
	enum invite_status status;
	int64_t starts_at;      /* UTC seconds */
	int64_t ends_at;
	int after_days;         /* 0: awaiting an outcome; 30 or 90: follow-up */
	int64_t due_at;         /* ends_at + after_days days */
};

/* Everything due at now, oldest due first (then id). *items is allocated
 * (NULL when *n == 0); free with db_review_free_all(). */
enum wit_status db_review_list(struct db *db, int64_t now, struct review_item **items, size_t *n,
                               char **why);
void db_review_free_all(struct review_item *items, size_t n);

/* Count of db_review_list() at now, for the dashboard header. */
enum wit_status db_review_count(struct db *db, int64_t now, int64_t *count, char **why);

/* "Nothing new": settle the follow-ups of this invitation that are due
 * at now. WIT_DATA when none is due, WIT_NOTFOUND for an unknown id. */
enum wit_status db_review_dismiss(struct db *db, int64_t invitation_id, int64_t now, char **why);

/* Only the accepted events awaiting an outcome, oldest first: the part
 * of the list that stays cheap with a million attended events (those
 * attended with no outcome need a probe each), for the dashboard. */
enum wit_status db_review_awaiting(struct db *db, int64_t now, struct review_item **items,
                                   size_t *n, char **why);

/* The follow-ups due at now (after_days 30 or 90), newest event first
 * (start, then id, descending), at most limit of them: the first k of a longer
 * list are those of a shorter one, so a view loads a page at a time.
 * Each part is an index range read in order and merged, so the cost is
 * about limit rows whatever the size of the history. */
enum wit_status db_review_follow_ups(struct db *db, int64_t now, size_t limit,
                                     struct review_item **items, size_t *n, char **why);

/* The dashboard's "to review": accepted events awaiting an outcome plus
 * the follow-ups due, counted up to cap (cap means "cap or more"): the
 * index ranges of db_review_follow_ups() stop at cap rows, so the first
 * frame stays fast with tens of thousands due. Attended events with no
 * outcome are left to `worthit review` (a probe each). */
#define REVIEW_COUNT_CAP 200
enum wit_status db_review_count_due(struct db *db, int64_t now, int64_t cap, int64_t *count,
                                    char **why);

#endif
