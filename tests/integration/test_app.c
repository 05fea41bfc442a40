/*
 * test_app.c: the dashboard's state (app_invites.c) on the demo data, without a
 * terminal. A triage key updates one invitation in place instead of
 * reloading; these tests hold that to the truth:
 *   - after each decision, undo and redo, every listed score equals the
 *     one a fresh `worthit score` computation gives (cli_score_report_load),
 *     and the header counts and gauge equal a fresh app_load();
 *   - a decision made from the dashboard stores the score, verdict and
 *     weights snapshot the CLI's `decide` would store (the score
 *     computed for that invitation just before, weights_json_snapshot
 *     of the same settings);
 *   - accepting an invitation gives the invitations overlapping it a
 *     conflict naming it, and undo takes the conflict away;
 *   - a series is one row until expanded (the checks above expand every
 *     series, to compare row by row with the CLI's ranking); deciding the
 *     folded row decides every coming occurrence, one undo takes them
 *     all back.
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

#include "worthit/app_invites.h"
#include "worthit/config_file.h"
#include "worthit/db.h"
#include "worthit/demo.h"
#include "worthit/cli_score_report.h"
#include "worthit/weights_json.h"
#include "worthit/xmalloc.h"

#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

struct fixture {
	char dir[64];
	char *db_path;
	struct wit_config cfg;
	struct app_ctx ctx;
	struct app app;
};

/* One row per occurrence: every series expanded. */
static void expand_all(struct app *app)
{
	for (size_t r = 0; r < app->n_rows; r++)
		if (app_row_series_more(app, r) > 0) {
			app_move_to(app, r);
			assert_true(app_toggle_series(app));
			r = (size_t)-1; /* rows were rebuilt: from the top again */
		}
	app_move_to(app, 0);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	char *why = NULL;
	snprintf(f->dir, sizeof f->dir, "%s/app.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	f->db_path = xasprintf("%s/t.db", f->dir);
	const char *top = getenv("WORTHIT_TOP") ? getenv("WORTHIT_TOP") : ".";
	char *demo = xasprintf("%s/share/demo", top), *cfg = xasprintf("%s/config.json", demo);
	bool exists = false;
	assert_int_equal(config_file_load(cfg, &f->cfg, &exists, &why), WIT_OK);
	assert_true(exists);
	f->ctx = (struct app_ctx){ .db_path = f->db_path, .cfg = &f->cfg, .now = NOW,
		                   .out = stdout, .err = stderr };
	assert_int_equal(db_open(f->db_path, DB_OPEN_CREATE, &f->ctx.db, &why), WIT_OK);
	struct demo_summary sum;
	if (demo_load(f->ctx.db, demo, NOW, &sum, &why) != WIT_OK)
		fail_msg("demo: %s", why);
	free(demo);
	free(cfg);
	setenv("WORTHIT_NOW", "2026-03-01T09:00:00Z", 1);
	app_init(&f->app, &f->ctx);
	assert_int_equal(app_load(&f->app, &why), WIT_OK);
	expand_all(&f->app);
	assert_true(f->app.n_rows >= 8);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	app_done(&f->app);
	db_close(f->ctx.db);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->db_path);
	free(f);
	return 0;
}

/* The CLI's score of invitation id now (what `worthit decide` records). */
static double cli_score(struct fixture *f, int64_t id, char *verdict, size_t len)
{
	struct score_batch b;
	char *why = NULL;
	assert_int_equal(cli_score_report_load(&f->ctx, &id, 1, &b, &why), WIT_OK);
	double total = b.res[0].total;
	if (verdict != NULL)
		snprintf(verdict, len, "%s", score_verdict_name(b.res[0].verdict));
	cli_score_report_done(&b);
	return total;
}

/* Every listed row's score and the header equal a fresh computation. */
static void assert_fresh(struct fixture *f)
{
	struct app fresh;
	char *why = NULL;
	app_init(&fresh, &f->ctx);
	fresh.show_all = f->app.show_all;
	assert_int_equal(app_load(&fresh, &why), WIT_OK);
	expand_all(&fresh);
	assert_int_equal(fresh.n_rows, f->app.n_rows);
	for (size_t r = 0; r < f->app.n_rows; r++) {
		const struct invitation *inv = app_row(&f->app, r);
		const struct invitation *want = app_row(&fresh, r);
		assert_int_equal(inv->id, want->id); /* same ranking */
		assert_int_equal(inv->status, want->status);
		assert_true(fabs(app_row_score(&f->app, r)->total - app_row_score(&fresh, r)->total) <
		            1e-9);
		assert_true(fabs(app_row_score(&f->app, r)->total -
		                 cli_score(f, inv->id, NULL, 0)) < 1e-9);
		const struct score_context *c = &f->app.sctx[f->app.rows[r]];
		const struct score_context *w = &fresh.sctx[fresh.rows[r]];
		assert_true(fabs(c->committed_hours - w->committed_hours) < 1e-9);
		assert_int_equal(c->n_conflicts, w->n_conflicts);
		assert_int_equal(c->conflict_id, w->conflict_id);
	}
	assert_int_equal(f->app.n_pending, fresh.n_pending);
	assert_int_equal(f->app.n_to_review, fresh.n_to_review);
	assert_true(fabs(f->app.month_hours - fresh.month_hours) < 1e-9);
	app_done(&fresh);
}

/* The newest decision row: score, verdict, weights, new status. */
static void last_decision(struct fixture *f, int64_t *id, double *score, char *verdict,
                          char **weights, char *status)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->db_path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "SELECT invitation_id, score, verdict, "
	                                       "weights_json, new_status FROM decision "
	                                       "ORDER BY id DESC LIMIT 1", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	*id = sqlite3_column_int64(st, 0);
	*score = sqlite3_column_double(st, 1);
	snprintf(verdict, 8, "%s", (const char *)sqlite3_column_text(st, 2));
	*weights = xstrdup((const char *)sqlite3_column_text(st, 3));
	snprintf(status, 16, "%s", (const char *)sqlite3_column_text(st, 4));
	sqlite3_finalize(st);
	sqlite3_close(s);
}

/* Select row r, decide, and check the stored snapshot against the CLI. */
static void decide_row(struct fixture *f, size_t r, enum invite_status to)
{
	char want_verdict[16], verdict[8], status[16];
	double score;
	int64_t id;
	char *weights;
	app_move_to(&f->app, r);
	int64_t want_id = app_selected(&f->app)->id;
	double want = cli_score(f, want_id, want_verdict, sizeof want_verdict);
	assert_true(fabs(app_selected_score(&f->app)->total - want) < 1e-9);
	assert_int_equal(app_decide(&f->app, to), WIT_OK);
	last_decision(f, &id, &score, verdict, &weights, status);
	assert_int_equal(id, want_id);
	assert_true(fabs(score - want) < 1e-9);
	assert_string_equal(verdict, want_verdict);
	assert_string_equal(status, invite_status_name(to));
	char *want_weights = weights_json_snapshot(&f->cfg.score);
	assert_string_equal(weights, want_weights);
	free(want_weights);
	free(weights);
	assert_false(f->app.message_is_error);
}

static void test_decide_matches_cli(void **state)
{
	struct fixture *f = *state;
	size_t before = f->app.n_rows;
	decide_row(f, 0, STATUS_ACCEPTED);
	assert_int_equal(f->app.n_rows, before - 1);
	assert_fresh(f);
	decide_row(f, 1, STATUS_DECLINED);
	assert_fresh(f);
	decide_row(f, 2, STATUS_MAYBE); /* maybe stays listed */
	assert_int_equal(f->app.n_rows, before - 2);
	assert_fresh(f);
	decide_row(f, f->app.n_rows - 1, STATUS_ACCEPTED);
	assert_fresh(f);
}

static void test_undo_redo_in_place(void **state)
{
	struct fixture *f = *state;
	size_t before = f->app.n_rows;
	decide_row(f, 0, STATUS_ACCEPTED);
	int64_t second = app_selected(&f->app)->id; /* the next row moved up */
	decide_row(f, 0, STATUS_ACCEPTED);
	assert_int_equal(f->app.n_rows, before - 2);
	assert_int_equal(app_undo(&f->app), WIT_OK);
	assert_non_null(strstr(f->app.message, "Undid accepted of"));
	assert_int_equal(f->app.n_rows, before - 1);
	assert_fresh(f);
	/* the row that came back is selected */
	assert_int_equal(app_selected(&f->app)->id, second);
	assert_int_equal(app_undo(&f->app), WIT_OK);
	assert_int_equal(f->app.n_rows, before);
	assert_fresh(f);
	assert_int_equal(app_redo(&f->app), WIT_OK);
	assert_non_null(strstr(f->app.message, "Redid accepted of"));
	assert_int_equal(f->app.n_rows, before - 1);
	assert_fresh(f);
	assert_int_equal(app_redo(&f->app), WIT_OK);
	assert_int_equal(app_redo(&f->app), WIT_NOTFOUND);
	assert_string_equal(f->app.message, "Nothing to redo");
	assert_fresh(f);
}

static void sql(struct fixture *f, const char *text)
{
	sqlite3 *s;
	assert_int_equal(sqlite3_open(f->db_path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, text, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
}

static long row_of(const struct app *a, int64_t id)
{
	for (size_t r = 0; r < a->n_rows; r++)
		if (app_row(a, r)->id == id)
			return (long)r;
	return -1;
}

/* Two pending invitations that overlap: accepting one makes it the
 * other's conflict; undo clears it again. */
static void test_conflict_follows_decision(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	char *why = NULL;
	/* 2026-03-19 18:00-20:00 and 19:00-21:00 UTC, nothing else near */
	sql(f, "INSERT INTO invitation (id, uid, title, kind, status, starts_at, ends_at, "
	       "reach, created_at, updated_at) VALUES "
	       "(9001, 't-x', 'Overlap X', 'meetup', 'pending', 1773943200, 1773950400, "
	       "'virtual', 0, 0), "
	       "(9002, 't-y', 'Overlap Y', 'meetup', 'pending', 1773946800, 1773954000, "
	       "'virtual', 0, 0)");
	assert_int_equal(app_load(a, &why), WIT_OK);
	long x = row_of(a, 9001), y = row_of(a, 9002);
	assert_true(x >= 0 && y >= 0);
	assert_int_equal(a->sctx[a->rows[y]].n_conflicts, 0);
	decide_row(f, (size_t)x, STATUS_ACCEPTED);
	y = row_of(a, 9002);
	assert_int_equal(a->sctx[a->rows[y]].n_conflicts, 1);
	assert_int_equal(a->sctx[a->rows[y]].conflict_id, 9001);
	assert_string_equal(a->sctx[a->rows[y]].conflict_title, "Overlap X");
	assert_true(app_row_score(a, (size_t)y)->has_conflict);
	assert_fresh(f);
	assert_int_equal(app_undo(a), WIT_OK);
	y = row_of(a, 9002);
	assert_int_equal(a->sctx[a->rows[y]].n_conflicts, 0);
	assert_false(app_row_score(a, (size_t)y)->has_conflict);
	assert_int_equal(app_selected(a)->id, 9001); /* undo follows the row */
	assert_fresh(f);
}

static int count_of(struct fixture *f, const char *query)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->db_path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, query, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return n;
}

/* A folded series row: one key decides every coming occurrence, one
 * undo takes them all back; the expanded rows decide one each. */
static void test_series_row(void **state)
{
	struct fixture *f = *state;
	struct app a;
	char *why = NULL;
	app_init(&a, &f->ctx);
	assert_int_equal(app_load(&a, &why), WIT_OK);
	size_t r = 0;
	while (r < a.n_rows && app_row_series_more(&a, r) == 0)
		r++;
	assert_true(r < a.n_rows); /* the demo has recurring events */
	size_t more = app_row_series_more(&a, r), rows = a.n_rows;
	app_move_to(&a, r);
	const struct invitation *head = app_selected(&a);
	char *q = xasprintf("SELECT count(*) FROM invitation WHERE series = '%s' AND "
	                    "starts_at > %lld AND status = 'accepted'", head->series,
	                    (long long)NOW);
	for (size_t i = 0; i < a.n_rows; i++) /* it starts before the others of its series */
		if (app_row(&a, i)->series != NULL && strcmp(app_row(&a, i)->series, head->series) == 0)
			assert_int_equal(app_row(&a, i)->id, head->id);
	assert_int_equal(app_decide(&a, STATUS_ACCEPTED), WIT_OK);
	assert_non_null(strstr(a.message, "Accepted all"));
	assert_true(count_of(f, q) >= (int)more + 1);
	assert_int_equal(a.n_rows, rows - 1);
	assert_int_equal(app_undo(&a), WIT_OK);
	assert_non_null(strstr(a.message, "occurrences of"));
	assert_int_equal(count_of(f, q), 0);
	assert_int_equal(a.n_rows, rows);
	/* expanded: one occurrence alone */
	app_move_to(&a, r);
	assert_true(app_toggle_series(&a));
	assert_int_equal(a.n_rows, rows + more);
	assert_int_equal(app_decide(&a, STATUS_ACCEPTED), WIT_OK);
	assert_int_equal(count_of(f, q), 1);
	free(q);
	app_done(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_decide_matches_cli, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_redo_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_follows_decision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_series_row, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
