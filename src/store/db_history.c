/*
 * db_history.c: the outcomes of past decided events (see db_history.h),
 * read with one statement over outcome JOIN invitation, the recorded
 * score coming from the newest live decision row that has one. The
 * planned-hours fallback is the same expression as db_track.c's, so the
 * two never disagree on how long an event took.
 */
#include "worthit/db_history.h"
#include "worthit/db_internal.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>

static const char history_sql[] =
	"SELECT i.id, i.starts_at,"
	" CASE WHEN o.actual_minutes > 0 THEN o.actual_minutes"
	"  ELSE (i.ends_at - i.starts_at) / 60"
	"       + CASE WHEN i.reach = 'virtual' THEN 0 ELSE 2 * i.travel_min END"
	"       + i.prep_min END,"
	" o.leads, o.deals, o.revenue_minor, o.rating,"
	" (SELECT d.score FROM decision d"
	"   WHERE d.invitation_id = i.id AND d.undone = 0 AND d.score IS NOT NULL"
	"   ORDER BY d.id DESC LIMIT 1)"
	" FROM outcome o JOIN invitation i ON i.id = o.invitation_id"
	" WHERE i.starts_at < ?1 AND i.status IN ('attended', 'accepted')"
	" ORDER BY i.starts_at, i.id";

enum wit_status db_history_outcomes(struct db *db, int64_t before, struct history_outcome **out,
                                    size_t *n, char **why)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db, history_sql, why);
	if (st == NULL)
		return WIT_IOERR;
	sqlite3_bind_int64(st, 1, before);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = (struct history_outcome){
			.invitation_id = sqlite3_column_int64(st, 0),
			.starts_at = sqlite3_column_int64(st, 1),
			.hours = (double)sqlite3_column_int64(st, 2) / 60.0,
			.leads = sqlite3_column_int(st, 3),
			.deals = sqlite3_column_int(st, 4),
			.revenue_minor = sqlite3_column_int64(st, 5),
			.rating = sqlite3_column_int(st, 6),
			.recorded_score = sqlite3_column_type(st, 7) == SQLITE_NULL
			                  ? -1.0 : sqlite3_column_double(st, 7),
		};
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_fail(db, rc, "reading past outcomes", why);
	}
	return WIT_OK;
}
