/*
 * test_app_plan.c: app_plan (the month plan of `worthit plan` and the
 * dashboard's Plan tab) on the demo database in a temporary directory:
 * the loaded plan keeps its promises (every item in the month, chosen
 * ones worth more than they cost, no two chosen overlapping, the band's
 * top never passed, hours adding up, every other one with a reason);
 * app_plan_accept accepts exactly the chosen, one journal entry each,
 * undone one at a time by the journal; and it is all or nothing: one
 * chosen invitation gone, nothing is accepted.
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
#include <time.h>

#include "worthit/app_plan.h"
#include "worthit/config_file.h"
#include "worthit/db_journal.h"
#include "worthit/demo.h"
#include "worthit/xmalloc.h"

#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

struct fixture {
	char dir[256];
	char *db_path;
	struct wit_config cfg;
	struct db *db;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	char *why = NULL;
	setenv("TZ", "America/Chicago", 1);
	tzset();
	snprintf(f->dir, sizeof f->dir, "%s/plan.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	f->db_path = xasprintf("%s/t.db", f->dir);
	const char *top = getenv("WORTHIT_TOP") ? getenv("WORTHIT_TOP") : ".";
	char *demo = xasprintf("%s/share/demo", top), *cfg = xasprintf("%s/config.json", demo);
	bool exists = false;
	assert_int_equal(config_file_load(cfg, &f->cfg, &exists, &why), WIT_OK);
	assert_int_equal(db_open(f->db_path, DB_OPEN_CREATE, &f->db, &why), WIT_OK);
	struct demo_summary sum;
	if (demo_load(f->db, demo, NOW, &sum, &why) != WIT_OK)
		fail_msg("demo: %s", why);
	free(demo);
	free(cfg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->db_path);
	free(f);
	return 0;
}

static int count(struct fixture *f, const char *sql)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->db_path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return n;
}

static void load(struct fixture *f, struct app_plan *p)
{
	char *why = NULL;
	if (app_plan_load(f->db, &f->cfg, NOW, 2026, 3, p, &why) != WIT_OK)
		fail_msg("app_plan_load: %s", why);
}

static void test_plan_keeps_its_promises(void **state)
{
	struct fixture *f = *state;
	struct app_plan p;
	load(f, &p);
	assert_true(p.n >= 3);
	assert_true(p.r.n_chosen >= 2);
	double hours = 0;
	size_t chosen = 0;
	char why[480];
	for (size_t k = 0; k < p.n; k++) {
		const struct invitation *inv = &p.invs.items[p.pick[k]];
		assert_true(inv->starts_at >= p.month.start && inv->starts_at < p.month.next);
		assert_int_equal(p.items[k].id, inv->id);
		app_plan_why(&p, &f->cfg, k, why, sizeof why);
		if (p.r.reason[k] != PLAN_CHOSEN) {
			assert_true(why[0] != '\0');
			continue;
		}
		assert_string_equal(why, "");
		assert_true(p.items[k].value > p.items[k].cost);
		assert_false(p.items[k].is_gated);
		hours += p.items[k].hours;
		chosen++;
		for (size_t j = 0; j < k; j++)
			if (p.r.reason[j] == PLAN_CHOSEN)
				assert_true(p.items[j].to <= p.items[k].from ||
				            p.items[k].to <= p.items[j].from);
	}
	assert_int_equal(chosen, p.r.n_chosen);
	assert_true(fabs(hours - p.r.hours) < 1e-9);
	assert_true(p.committed + p.r.hours <= p.hi + 1e-9);
	char line[600], want[64];
	app_plan_summary(&p, &f->cfg, line, sizeof line);
	snprintf(want, sizeof want, "These %zu fill %.2f of your", p.r.n_chosen, p.r.hours);
	assert_non_null(strstr(line, want));
	app_plan_done(&p);
}

static void test_accept_then_undo(void **state)
{
	struct fixture *f = *state;
	struct app_plan p;
	load(f, &p);
	size_t n = 0;
	char *why = NULL;
	int journal = count(f, "SELECT count(*) FROM decision");
	int accepted = count(f, "SELECT count(*) FROM invitation WHERE status = 'accepted'");
	double before = p.committed + p.r.hours;
	assert_int_equal(app_plan_accept(f->db, &f->cfg, &p, NOW + 60, &n, &why), WIT_OK);
	assert_int_equal(n, p.r.n_chosen);
	assert_int_equal(count(f, "SELECT count(*) FROM decision"), journal + (int)n);
	assert_int_equal(count(f, "SELECT count(*) FROM invitation WHERE status = 'accepted'"),
	                 accepted + (int)n);
	for (size_t k = 0; k < p.n; k++) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM invitation WHERE id = %lld AND "
		         "status = 'accepted'", (long long)p.items[k].id);
		assert_int_equal(count(f, sql), p.r.reason[k] == PLAN_CHOSEN);
	}
	app_plan_done(&p);
	/* the month now holds them: committed is what the plan had filled */
	load(f, &p);
	assert_true(fabs(p.committed - before) < 1e-6);
	assert_int_equal(p.r.n_chosen, 0);
	app_plan_done(&p);
	for (size_t i = 0; i < n; i++) {
		struct journal_step step;
		assert_int_equal(db_journal_undo(f->db, &step, &why), WIT_OK);
		assert_true(step.has_decision);
		assert_int_equal(step.decision.new_status, STATUS_ACCEPTED);
	}
	assert_int_equal(count(f, "SELECT count(*) FROM invitation WHERE status = 'accepted'"),
	                 accepted);
}

static void test_accept_is_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct app_plan p;
	load(f, &p);
	assert_true(p.r.n_chosen >= 2);
	int64_t gone = 0;
	for (size_t k = p.n; k-- > 0 && gone == 0;)
		if (p.r.reason[k] == PLAN_CHOSEN)
			gone = p.items[k].id; /* the last one accepted */
	char sql[128];
	snprintf(sql, sizeof sql, "DELETE FROM invitation WHERE id = %lld", (long long)gone);
	sqlite3 *s;
	assert_int_equal(sqlite3_open(f->db_path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	int journal = count(f, "SELECT count(*) FROM decision");
	int accepted = count(f, "SELECT count(*) FROM invitation WHERE status = 'accepted'");
	size_t n = 1;
	char *why = NULL;
	assert_int_not_equal(app_plan_accept(f->db, &f->cfg, &p, NOW + 60, &n, &why), WIT_OK);
	assert_int_equal(n, 0);
	free(why);
	assert_int_equal(count(f, "SELECT count(*) FROM decision"), journal);
	assert_int_equal(count(f, "SELECT count(*) FROM invitation WHERE status = 'accepted'"),
	                 accepted);
	app_plan_done(&p);
}

static void test_month_text(void **state)
{
	(void)state;
	int y, m;
	assert_true(app_plan_parse_month("2026-03", &y, &m));
	assert_int_equal(y, 2026);
	assert_int_equal(m, 3);
	assert_false(app_plan_parse_month("2026-13", &y, &m));
	assert_false(app_plan_parse_month("2026-3", &y, &m));
	assert_false(app_plan_parse_month("2026-03x", &y, &m));
	app_plan_month_of(NOW, &y, &m); /* 03:00 on 1 March in Chicago */
	assert_int_equal(m, 3);
	app_plan_month_of(NOW - 10 * 3600, &y, &m); /* 17:00 on 28 February */
	assert_int_equal(m, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plan_keeps_its_promises, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accept_then_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accept_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_month_text, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
