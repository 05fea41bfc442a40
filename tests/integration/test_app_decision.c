/*
 * test_app_decision.c: app_decision_record(), the one path of `worthit
 * decide` and the dashboard's triage keys, against a real SQLite file:
 * the row holds the status, the score and verdict given, the weights
 * snapshot of the settings given (a changed knob included) and the time;
 * *out names the old status; db_decision_undo takes it back; an unknown
 * invitation is WIT_NOTFOUND with nothing written. A series decided at
 * once (app_decision_record_series) is one journal step: one undo
 * takes every occurrence back, one redo brings them all again, and a
 * decision made alone before it stays where it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worthit/app_decision.h"
#include "worthit/db_journal.h"
#include "worthit/db_invite.h"
#include "worthit/weights_json.h"
#include "worthit/xmalloc.h"

#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

struct fixture {
	char *path;
	struct db *db;
	int64_t id; /* a pending invitation next week */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *dir = getenv("TMPDIR");
	f->path = xasprintf("%s/wt-decision-%d.db", dir ? dir : "/tmp", (int)getpid());
	unlink(f->path);
	char *why = NULL;
	if (db_open(f->path, DB_OPEN_CREATE, &f->db, &why) != WIT_OK)
		fail_msg("db_open: %s", why);
	struct invitation inv;
	invitation_init(&inv);
	inv.uid = xstrdup("dec-1");
	inv.recurrence_id = xstrdup("");
	inv.title = xstrdup("Meetup");
	inv.starts_at = NOW + 7 * 86400;
	inv.ends_at = inv.starts_at + 7200;
	enum db_upsert_result r;
	assert_int_equal(db_invite_upsert(f->db, &inv, NOW, &r, &f->id, NULL), WIT_OK);
	invitation_done(&inv);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	unlink(f->path);
	free(f->path);
	free(f);
	return 0;
}

static int count_rows(struct fixture *f)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "SELECT count(*) FROM decision", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return n;
}

static void test_row_holds_score_and_snapshot(void **state)
{
	struct fixture *f = *state;
	struct score_settings set;
	score_settings_defaults(&set);
	set.knob[KNOB_GO_THRESHOLD] = 66.5; /* as a --weights override would */
	struct score_result r;
	memset(&r, 0, sizeof r);
	r.total = 71.25;
	r.verdict = VERDICT_GO;
	struct decision d;
	char *why = NULL;
	assert_int_equal(app_decision_record(f->db, f->id, STATUS_ACCEPTED, &r, &set, NOW + 5, &d,
	                                     &why), WIT_OK);
	assert_int_equal(d.old_status, STATUS_PENDING);
	assert_int_equal(d.new_status, STATUS_ACCEPTED);

	sqlite3 *s;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "SELECT d.score, d.verdict, d.weights_json, "
	                                       "d.new_status, d.decided_at, i.status FROM decision "
	                                       "d JOIN invitation i ON i.id = d.invitation_id",
	                                    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_true(fabs(sqlite3_column_double(st, 0) - 71.25) < 1e-9);
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "go");
	char *want = weights_json_snapshot(&set);
	assert_string_equal((const char *)sqlite3_column_text(st, 2), want);
	assert_non_null(strstr(want, ":66.5"));
	free(want);
	assert_string_equal((const char *)sqlite3_column_text(st, 3), "accepted");
	assert_int_equal(sqlite3_column_int64(st, 4), NOW + 5);
	assert_string_equal((const char *)sqlite3_column_text(st, 5), "accepted");
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(s);

	/* undo sees the same journal */
	struct decision u;
	assert_int_equal(db_decision_undo(f->db, &u, &why), WIT_OK);
	assert_int_equal(u.invitation_id, f->id);
	assert_int_equal(u.old_status, STATUS_PENDING);
	struct invitation inv;
	invitation_init(&inv);
	assert_int_equal(db_invite_get(f->db, f->id, &inv, &why), WIT_OK);
	assert_int_equal(inv.status, STATUS_PENDING);
	invitation_done(&inv);
}

static void test_unknown_invitation_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct score_settings set;
	score_settings_defaults(&set);
	struct score_result r;
	memset(&r, 0, sizeof r);
	r.verdict = VERDICT_SKIP;
	char *why = NULL;
	assert_int_equal(app_decision_record(f->db, f->id + 100, STATUS_DECLINED, &r, &set, NOW,
	                                     NULL, &why), WIT_NOTFOUND);
	assert_non_null(why);
	free(why);
	assert_int_equal(count_rows(f), 0);
}

static enum invite_status status_of(struct fixture *f, int64_t id)
{
	struct invitation inv;
	invitation_init(&inv);
	assert_int_equal(db_invite_get(f->db, id, &inv, NULL), WIT_OK);
	enum invite_status s = inv.status;
	invitation_done(&inv);
	return s;
}

static void test_series_is_one_step(void **state)
{
	struct fixture *f = *state;
	int64_t ids[4];
	char *why = NULL;
	for (int i = 0; i < 4; i++) { /* weekly, the first already past */
		struct invitation inv;
		invitation_init(&inv);
		inv.uid = xstrdup("club");
		inv.recurrence_id = xasprintf("2026-02-%02dT18:00:00Z", 22 + i);
		inv.series = xstrdup("club");
		inv.title = xstrdup("Club");
		inv.starts_at = NOW - 86400 + (int64_t)i * 7 * 86400;
		inv.ends_at = inv.starts_at + 3600;
		enum db_upsert_result r;
		assert_int_equal(db_invite_upsert(f->db, &inv, NOW, &r, &ids[i], NULL), WIT_OK);
		invitation_done(&inv);
	}
	int64_t *got = NULL;
	size_t n = 0;
	assert_int_equal(db_journal_series_ids(f->db, "club", NOW, &got, &n, &why), WIT_OK);
	assert_int_equal(n, 3);
	assert_int_equal(got[0], ids[1]);
	assert_int_equal(got[2], ids[3]);

	struct score_settings set;
	score_settings_defaults(&set);
	struct score_result rs[3];
	memset(rs, 0, sizeof rs);
	/* one occurrence alone first, then the whole series over it */
	assert_int_equal(app_decision_record(f->db, ids[2], STATUS_MAYBE, &rs[0], &set, NOW, NULL,
	                                     &why), WIT_OK);
	size_t changed = 0;
	struct decision first;
	assert_int_equal(app_decision_record_series(f->db, got, rs, n, STATUS_ACCEPTED, &set,
	                                            NOW + 1, &changed, &first, &why), WIT_OK);
	assert_int_equal(changed, 3);
	assert_int_equal(first.invitation_id, ids[1]);
	for (int i = 1; i < 4; i++)
		assert_int_equal(status_of(f, ids[i]), STATUS_ACCEPTED);
	assert_int_equal(status_of(f, ids[0]), STATUS_PENDING);

	struct journal_step js;
	assert_int_equal(db_journal_undo(f->db, &js, &why), WIT_OK);
	assert_int_equal(js.n_decisions, 3);
	assert_int_equal(js.decision.invitation_id, ids[1]);
	assert_int_equal(status_of(f, ids[1]), STATUS_PENDING);
	assert_int_equal(status_of(f, ids[2]), STATUS_MAYBE); /* the single decision stays */
	assert_int_equal(status_of(f, ids[3]), STATUS_PENDING);
	assert_int_equal(db_journal_redo(f->db, &js, &why), WIT_OK);
	assert_int_equal(js.n_decisions, 3);
	for (int i = 1; i < 4; i++)
		assert_int_equal(status_of(f, ids[i]), STATUS_ACCEPTED);
	assert_int_equal(db_journal_undo(f->db, &js, &why), WIT_OK);
	assert_int_equal(db_journal_undo(f->db, &js, &why), WIT_OK); /* the single maybe */
	assert_int_equal(js.n_decisions, 1);
	assert_int_equal(status_of(f, ids[2]), STATUS_PENDING);
	assert_int_equal(db_journal_undo(f->db, &js, &why), WIT_NOTFOUND);
	free(why);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_row_holds_score_and_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_invitation_writes_nothing, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_series_is_one_step, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
