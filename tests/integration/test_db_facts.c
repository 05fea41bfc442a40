/*
 * test_db_facts.c: edits of an invitation's facts against a real SQLite
 * file: one journal step with the decisions around it (undo and redo in
 * the order things happened), the origins of the facts restored with
 * them, a re-import keeping what the user edited while taking the rest,
 * an edit refused by the constraints writing nothing, and
 * integrity_check at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worthit/db.h"
#include "worthit/db_decision.h"
#include "worthit/db_fact.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/xmalloc.h"

#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

struct fixture {
	char *path;
	struct db *db;
	int64_t id;
};

static void sample(struct invitation *inv)
{
	invitation_init(inv);
	inv->uid = xstrdup("u1");
	inv->recurrence_id = xstrdup("");
	inv->title = xstrdup("Chamber breakfast");
	inv->starts_at = NOW + 86400;
	inv->ends_at = inv->starts_at + 5400;
	inv->kind = KIND_BREAKFAST;
	inv->travel_min = 10;
}

static enum db_upsert_result import(struct fixture *f, const struct invitation *inv)
{
	enum db_upsert_result r;
	int64_t id = 0;
	assert_int_equal(db_begin(f->db, NULL), WIT_OK);
	assert_int_equal(db_invite_upsert(f->db, inv, NOW, &r, &id, NULL), WIT_OK);
	struct invite_origins o;
	invite_origins_init(&o);
	o.fact[FACT_PREP] = (struct fact_origin){FACT_FROM_DEFAULT, "default for breakfast"};
	assert_int_equal(db_fact_put(f->db, id, &o, r == DB_ADDED, NULL), WIT_OK);
	assert_int_equal(db_commit(f->db, NULL), WIT_OK);
	f->id = id;
	return r;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *dir = getenv("TMPDIR");
	f->path = xasprintf("%s/wt-facts-%d.db", dir ? dir : "/tmp", (int)getpid());
	unlink(f->path);
	char *why = NULL;
	if (db_open(f->path, DB_OPEN_CREATE, &f->db, &why) != WIT_OK)
		fail_msg("db_open: %s", why);
	struct invitation inv;
	sample(&inv);
	assert_int_equal(import(f, &inv), DB_ADDED);
	invitation_done(&inv);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	sqlite3 *s;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	sqlite3_close(s);
	unlink(f->path);
	char *wal = xasprintf("%s-wal", f->path), *shm = xasprintf("%s-shm", f->path);
	unlink(wal);
	unlink(shm);
	free(wal);
	free(shm);
	free(f->path);
	free(f);
	return 0;
}

static void stored(struct fixture *f, struct invitation *out)
{
	invitation_init(out);
	assert_int_equal(db_invite_get(f->db, f->id, out, NULL), WIT_OK);
}

/* Edit travel and the audience, as the user. */
static void edit(struct fixture *f, int travel)
{
	struct invitation inv;
	stored(f, &inv);
	inv.travel_min = travel;
	struct audience_share sh = {.dim = DIM_INDUSTRY, .value = "legal", .share = 0.4};
	invitation_set_shares(&inv, &sh, 1);
	bool edited[FACT_COUNT] = {false};
	edited[FACT_TRAVEL] = edited[FACT_AUDIENCE] = true;
	assert_int_equal(db_journal_edit_facts(f->db, &inv, edited, NOW, NULL), WIT_OK);
	invitation_done(&inv);
}

static void test_edit_undo_redo_with_decisions(void **state)
{
	struct fixture *f = *state;
	edit(f, 25);
	assert_int_equal(db_decision_record(f->db, f->id, STATUS_ACCEPTED, -1, NULL, NULL, NOW, NULL,
	                                    NULL), WIT_OK);
	struct invitation inv;
	struct invite_origins o;
	struct journal_step js;
	/* first undo: the decision (newest) */
	assert_int_equal(db_journal_undo(f->db, &js, NULL), WIT_OK);
	assert_true(js.has_decision);
	assert_false(js.has_facts);
	stored(f, &inv);
	assert_int_equal(inv.travel_min, 25);
	assert_int_equal(inv.status, STATUS_PENDING);
	invitation_done(&inv);
	/* then the edit, origins and shares with it */
	assert_int_equal(db_journal_undo(f->db, &js, NULL), WIT_OK);
	assert_true(js.has_facts);
	assert_false(js.has_outcome);
	assert_int_equal(js.invitation_id, f->id);
	stored(f, &inv);
	assert_int_equal(inv.travel_min, 10);
	assert_int_equal(inv.n_shares, 0);
	invitation_done(&inv);
	assert_int_equal(db_fact_get(f->db, f->id, &o, NULL), WIT_OK);
	assert_int_equal(o.fact[FACT_TRAVEL].source, FACT_FROM_FILE);
	assert_int_equal(o.fact[FACT_PREP].source, FACT_FROM_DEFAULT);
	assert_string_equal(o.fact[FACT_PREP].note, "default for breakfast");
	assert_int_equal(db_journal_undo(f->db, &js, NULL), WIT_NOTFOUND);
	/* redo in the same order */
	assert_int_equal(db_journal_redo(f->db, &js, NULL), WIT_OK);
	assert_true(js.has_facts);
	stored(f, &inv);
	assert_int_equal(inv.travel_min, 25);
	assert_int_equal(inv.n_shares, 1);
	invitation_done(&inv);
	assert_int_equal(db_fact_get(f->db, f->id, &o, NULL), WIT_OK);
	assert_int_equal(o.fact[FACT_TRAVEL].source, FACT_FROM_USER);
	assert_int_equal(db_journal_redo(f->db, &js, NULL), WIT_OK);
	assert_true(js.has_decision);
	stored(f, &inv);
	assert_int_equal(inv.status, STATUS_ACCEPTED);
	invitation_done(&inv);
}

static void test_reimport_keeps_user_facts(void **state)
{
	struct fixture *f = *state;
	edit(f, 40);
	struct invitation inv;
	sample(&inv);
	free(inv.title);
	inv.title = xstrdup("Chamber breakfast (moved)");
	inv.travel_min = 5;
	inv.sequence = 1;
	assert_int_equal(import(f, &inv), DB_UPDATED);
	invitation_done(&inv);
	stored(f, &inv);
	assert_string_equal(inv.title, "Chamber breakfast (moved)");
	assert_int_equal(inv.travel_min, 40);
	assert_int_equal(inv.n_shares, 1);
	invitation_done(&inv);
	struct invite_origins o;
	assert_int_equal(db_fact_get(f->db, f->id, &o, NULL), WIT_OK);
	assert_int_equal(o.fact[FACT_TRAVEL].source, FACT_FROM_USER);
	assert_int_equal(o.fact[FACT_AUDIENCE].source, FACT_FROM_USER);
	/* the same file again: nothing to change */
	sample(&inv);
	free(inv.title);
	inv.title = xstrdup("Chamber breakfast (moved)");
	inv.sequence = 1;
	assert_int_equal(import(f, &inv), DB_UNCHANGED);
	invitation_done(&inv);
}

static void test_refused_edit_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct invitation inv;
	stored(f, &inv);
	inv.ends_at = inv.starts_at - 60; /* CHECK ends_at >= starts_at */
	bool edited[FACT_COUNT] = {false};
	edited[FACT_ENDS_AT] = true;
	char *why = NULL;
	assert_int_equal(db_journal_edit_facts(f->db, &inv, edited, NOW, &why), WIT_DATA);
	assert_non_null(strstr(why, "ends_at >= starts_at"));
	free(why);
	invitation_done(&inv);
	struct journal_step js;
	assert_int_equal(db_journal_undo(f->db, &js, NULL), WIT_NOTFOUND);
	sample(&inv);
	inv.id = 999;
	assert_int_equal(db_journal_edit_facts(f->db, &inv, edited, NOW, NULL), WIT_NOTFOUND);
	invitation_done(&inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_edit_undo_redo_with_decisions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reimport_keeps_user_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_edit_writes_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
