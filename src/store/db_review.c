/*
 * db_review.c: the "to review" list (see db_review.h) as one query in
 * two halves: events awaiting an outcome (accepted ones of any age,
 * found through the (status, starts_at) index: few rows are accepted
 * and past; attended ones with no outcome only within the follow-up
 * window, since a million attended events must not be scanned) and
 * follow-ups due (through the starts_at index over the last 187 days
 * only). 187 = the 180-day window plus a week for events that last
 * days: ends_at is checked exactly.
 */
#include "worthit/db_review.h"
#include "worthit/db_internal.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>

/* DAY_SEC as SQL text, from its one definition in timeutil.h. */
#define SQL_NUMBER(x) SQL_NUMBER_TEXT(x)
#define SQL_NUMBER_TEXT(x) #x
#define DAY_SQL SQL_NUMBER(DAY_SEC)

/* ?1 = now. Three arms, each an index range: accepted events (any age),
 * attended ones with no outcome (last 187 days), and the follow-ups
 * whose window is open (30-day: ended 30 to 90 days ago; 90-day: 90 to
 * 180 days ago; started at most a week before ending). */
#define REVIEW_COLS \
	"SELECT i.id AS id, i.title, i.organizer, i.kind, i.status, i.starts_at, i.ends_at, "
#define REVIEW_AWAITING(status, lower) \
	REVIEW_COLS "0 AS after_days, i.ends_at AS due FROM invitation i " \
	"WHERE i.status = '" status "' AND i.starts_at >= " lower " AND i.starts_at <= ?1 " \
	"AND i.ends_at <= ?1 AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.invitation_id = i.id)"
#define REVIEW_FOLLOW_UP(days, until) \
	REVIEW_COLS days ", i.ends_at + " days " * " DAY_SQL " FROM invitation i " \
	"JOIN outcome o ON o.invitation_id = i.id WHERE i.status = 'attended' " \
	"AND i.starts_at >= ?1 - (" until " + 7) * " DAY_SQL " " \
	"AND i.starts_at <= ?1 - " days " * " DAY_SQL " " \
	"AND i.ends_at + " days " * " DAY_SQL " <= ?1 " \
	"AND ?1 < i.ends_at + " until " * " DAY_SQL " " \
	"AND o.logged_at < i.ends_at + " days " * " DAY_SQL " AND NOT EXISTS (SELECT 1 FROM " \
	"outcome_review r WHERE r.invitation_id = i.id AND r.after_days = " days ")"
#define REVIEW_SQL \
	REVIEW_AWAITING("accepted", "-9223372036854775807") " UNION ALL " \
	REVIEW_AWAITING("attended", "?1 - 187 * " DAY_SQL) " UNION ALL " \
	REVIEW_FOLLOW_UP("30", "90") " UNION ALL " REVIEW_FOLLOW_UP("90", "180")

static void read_item(sqlite3_stmt *st, struct review_item *it)
{
	it->invitation_id = sqlite3_column_int64(st, 0);
	it->title = db_column_strdup(st, 1);
	it->organizer = db_column_strdup(st, 2);
	int k = invite_kind_from_name((const char *)sqlite3_column_text(st, 3));
	it->kind = k < 0 ? KIND_OTHER : (enum invite_kind)k;
	int s = invite_status_from_name((const char *)sqlite3_column_text(st, 4));
	it->status = s < 0 ? STATUS_PENDING : (enum invite_status)s;
	it->starts_at = sqlite3_column_int64(st, 5);
	it->ends_at = sqlite3_column_int64(st, 6);
	it->after_days = sqlite3_column_int(st, 7);
	it->due_at = sqlite3_column_int64(st, 8);
}

/* ?1 = now, ?2 = limit (when the statement has one). */
static enum wit_status list(struct db *db, const char *sql, int64_t now, int64_t limit,
                            struct review_item **items, size_t *n, char **why)
{
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, sql, why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, now);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*items = xreallocarray(*items, cap, sizeof **items);
		}
		read_item(st, &(*items)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_review_free_all(*items, *n);
		*items = NULL;
		*n = 0;
		return db_fail(db, rc, "listing what to review", why);
	}
	return WIT_OK;
}

enum wit_status db_review_list(struct db *db, int64_t now, struct review_item **items, size_t *n,
                               char **why)
{
	return list(db, REVIEW_SQL " ORDER BY due, 1", now, 0, items, n, why);
}

/* The follow-up arms alone, merged in index order without a sort, so a
 * LIMIT reads about that many rows. Newest event first: walked from the
 * old end, each range starts with a week of events that lapsed (the
 * slack for events lasting days), a table lookup each. */
#define REVIEW_FOLLOW_UPS \
	REVIEW_FOLLOW_UP("30", "90") " UNION ALL " REVIEW_FOLLOW_UP("90", "180") \
	" ORDER BY 6 DESC, 1 DESC LIMIT ?2"
/* Its parts counted, newest first for the same reason, up to ?2. */
#define REVIEW_COUNT_DUE \
	"SELECT count(*) FROM (SELECT * FROM (" \
	REVIEW_AWAITING("accepted", "-9223372036854775807") ") UNION ALL SELECT * FROM (" \
	REVIEW_FOLLOW_UP("30", "90") " ORDER BY i.starts_at DESC) UNION ALL SELECT * FROM (" \
	REVIEW_FOLLOW_UP("90", "180") " ORDER BY i.starts_at DESC) LIMIT ?2)"

enum wit_status db_review_follow_ups(struct db *db, int64_t now, size_t limit,
                                     struct review_item **items, size_t *n, char **why)
{
	return list(db, REVIEW_FOLLOW_UPS, now, (int64_t)limit, items, n, why);
}

enum wit_status db_review_awaiting(struct db *db, int64_t now, struct review_item **items,
                                   size_t *n, char **why)
{
	return list(db, REVIEW_AWAITING("accepted", "-9223372036854775807") " ORDER BY due, 1",
	            now, 0, items, n, why);
}

void db_review_free_all(struct review_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].title);
		free(items[i].organizer);
	}
	free(items);
}

enum wit_status db_review_count(struct db *db, int64_t now, int64_t *count, char **why)
{
	*count = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM (" REVIEW_SQL ")", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, now);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WIT_OK : db_fail(db, rc, "counting what to review", why);
}

enum wit_status db_review_count_due(struct db *db, int64_t now, int64_t cap, int64_t *count,
                                    char **why)
{
	*count = 0;
	sqlite3_stmt *st = db_prepare(db, REVIEW_COUNT_DUE, why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, cap);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WIT_OK : db_fail(db, rc, "counting what to review", why);
}

struct dismiss_args {
	int64_t id;
	int64_t now;
};

static enum wit_status dismiss(struct db *db, void *arg, char **why)
{
	const struct dismiss_args *a = arg;
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM invitation WHERE id = ?1", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, a->id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return wit_fail(why, WIT_NOTFOUND, "no invitation with id %lld", (long long)a->id);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "reading an invitation", why);
	st = db_prepare(db, "INSERT INTO outcome_review (invitation_id, after_days, reviewed_at) "
	                "SELECT id, after_days, ?2 FROM (" REVIEW_SQL ") "
	                "WHERE id = ?3 AND after_days > 0", why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, a->now);
	sqlite3_bind_int64(st, 2, a->now);
	sqlite3_bind_int64(st, 3, a->id);
	enum wit_status res = db_step_changed(db, st, "settling a follow-up", why);
	if (res != WIT_NOTFOUND)
		return res;
	return wit_fail(why, WIT_DATA, "invitation %lld has no follow-up due (only attended "
	                "events are asked again, 30 and 90 days after)", (long long)a->id);
}

enum wit_status db_review_dismiss(struct db *db, int64_t invitation_id, int64_t now, char **why)
{
	struct dismiss_args a = { invitation_id, now };
	return db_with_transaction(db, dismiss, &a, why);
}
