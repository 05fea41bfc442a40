/*
 * test_db_history.c: the past events worthit learns from, against a
 * real SQLite file: which invitations count (decided, started before
 * now, with an outcome), hours when none were logged, the score of the
 * latest live decision (undone ones ignored), and app_fit_events()'s
 * recomputed track record, which sees only events before each one (its
 * own outcome never leaks into it), computed by hand from scoring.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worthit/app_fit.h"
#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/db_decision.h"
#include "worthit/db_history.h"
#include "worthit/db_invite.h"
#include "worthit/db_outcome.h"
#include "worthit/xmalloc.h"

#define DAY 86400
#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

struct fixture {
	char *path;
	struct db *db;
	int64_t a, b;
};

static int64_t add(struct db *db, const char *uid, int64_t start, enum invite_status status)
{
	struct invitation inv;
	invitation_init(&inv);
	inv.uid = xstrdup(uid);
	inv.recurrence_id = xstrdup("");
	inv.title = xasprintf("Event %s", uid);
	inv.organizer = xstrdup("Org");
	inv.kind = KIND_MEETUP;
	inv.starts_at = start;
	inv.ends_at = start + 90 * 60;
	inv.travel_min = 15;
	inv.prep_min = 10;
	int64_t id = 0;
	enum db_upsert_result r;
	assert_int_equal(db_begin(db, NULL), WIT_OK);
	assert_int_equal(db_invite_upsert(db, &inv, NOW, &r, &id, NULL), WIT_OK);
	if (status != STATUS_PENDING)
		assert_int_equal(db_invite_set_status(db, id, status, NOW, NULL), WIT_OK);
	assert_int_equal(db_commit(db, NULL), WIT_OK);
	invitation_done(&inv);
	return id;
}

static void outcome(struct db *db, int64_t id, double hours, int64_t revenue, int leads,
                    int rating)
{
	struct outcome o;
	outcome_init(&o);
	o.invitation_id = id;
	o.actual_hours = hours;
	o.revenue_minor = revenue;
	o.leads = leads;
	o.rating = rating;
	assert_int_equal(db_outcome_put(db, &o, NOW, NULL), WIT_OK);
	outcome_done(&o);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *dir = getenv("TMPDIR");
	f->path = xasprintf("%s/wt-history-%d.db", dir ? dir : "/tmp", (int)getpid());
	unlink(f->path);
	if (db_open(f->path, DB_OPEN_CREATE, &f->db, NULL) != WIT_OK)
		fail_msg("db_open %s", f->path);
	struct db *db = f->db;
	/* A: accepted at 40, then attended at 70, which is undone: 40 counts.
	 * No hours logged: 90 min + 2 x 15 travel + 10 prep = 130 min. */
	f->a = add(db, "a", NOW - 30 * DAY, STATUS_PENDING);
	assert_int_equal(db_decision_record(db, f->a, STATUS_ACCEPTED, 40, "maybe", NULL,
	                                    NOW - 40 * DAY, NULL, NULL), WIT_OK);
	assert_int_equal(db_decision_record(db, f->a, STATUS_ATTENDED, 70, "go", NULL,
	                                    NOW - 29 * DAY, NULL, NULL), WIT_OK);
	assert_int_equal(db_decision_undo(db, NULL, NULL), WIT_OK);
	outcome(db, f->a, 0, 50000, 1, 4);
	/* B: attended, no decision with a score */
	f->b = add(db, "b", NOW - 10 * DAY, STATUS_ATTENDED);
	outcome(db, f->b, 3, 0, 2, 2);
	/* not counted: pending, future, declined (each with an outcome) */
	outcome(db, add(db, "c", NOW - 5 * DAY, STATUS_PENDING), 1, 100, 0, 5);
	outcome(db, add(db, "d", NOW + 5 * DAY, STATUS_ACCEPTED), 1, 100, 0, 5);
	outcome(db, add(db, "e", NOW - 3 * DAY, STATUS_DECLINED), 1, 100, 0, 5);
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

static void test_outcomes(void **state)
{
	struct fixture *f = *state;
	struct history_outcome *h = NULL;
	size_t n = 0;
	assert_int_equal(db_history_outcomes(f->db, NOW, &h, &n, NULL), WIT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].invitation_id, f->a);
	assert_true(fabs(h[0].hours - 130.0 / 60.0) < 1e-12);
	assert_int_equal(h[0].revenue_minor, 50000);
	assert_int_equal(h[0].leads, 1);
	assert_int_equal(h[0].rating, 4);
	assert_true(h[0].recorded_score == 40.0);
	assert_int_equal(h[1].invitation_id, f->b);
	assert_true(h[1].hours == 3.0);
	assert_true(h[1].recorded_score == -1.0);
	free(h);
	/* before B started, only A */
	assert_int_equal(db_history_outcomes(f->db, NOW - 10 * DAY, &h, &n, NULL), WIT_OK);
	assert_int_equal(n, 1);
	free(h);
	assert_int_equal(db_history_outcomes(f->db, NOW - 60 * DAY, &h, &n, NULL), WIT_OK);
	assert_int_equal(n, 0);
	assert_null(h);
}

static void test_fit_events(void **state)
{
	struct fixture *f = *state;
	struct wit_config *cfg = xmalloc(sizeof *cfg);
	config_defaults(cfg); /* 150.00 an hour, every knob at its default */
	struct fit_event *ev = NULL;
	size_t n = 0;
	assert_int_equal(app_fit_events(f->db, cfg, NOW, &ev, &n, NULL), WIT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ev[0].invitation_id, f->a);
	assert_int_equal(ev[1].invitation_id, f->b);
	/* A: no event of its organizer before it: nothing (score v2) */
	assert_true(ev[0].raw[SC_TRACK_RECORD] == 0.0);
	/* B: A's outcome, 500 USD + 1 lead x 2 h x 150 USD = 800 USD =
	 * 5.333 h of the rate, one event of the organizer, shrunk toward 0
	 * by 2 events: 5.333 / 3 */
	double h = 130.0 / 60.0, v = 80000.0 / 15000.0;
	assert_true(fabs(ev[1].raw[SC_TRACK_RECORD] - v / 3.0) < 1e-9);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < SC_COUNT; c++)
			assert_true(ev[i].raw[c] >= 0);
	assert_true(ev[0].recorded_score == 40.0);
	assert_true(fabs(ev[0].hours - h) < 1e-12);
	assert_int_equal(ev[1].leads, 2);
	/* too few to learn from */
	struct fit_options o;
	fit_options_init(&o, FIT_VALUE_PER_HOUR, cfg->hourly_rate_minor, &cfg->score);
	struct fit_result r;
	char *why = NULL;
	assert_int_equal(fit_weights(ev, n, &o, &r, &why), WIT_DATA);
	assert_non_null(strstr(why, "only 2 past events"));
	free(why);
	free(ev);
	free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outcomes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fit_events, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
