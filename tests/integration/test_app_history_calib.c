/*
 * test_app_history_calib.c: the calibration of the History tab's
 * aggregate pane (app_history.c). The reading rule on hand-built bands:
 * highest against lowest band with CALIB_MIN_EVENTS events, 1.5x in
 * revenue per hour either way, a band that earned nothing, too few
 * events; then, on a small database, that the calibration loads only
 * when b first reaches it, with the band sums, the events that brought
 * anything and the unscored count hand-computed, and that a reload
 * while it is shown brings it up to date.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worthit/app_history.h"
#include "worthit/db.h"
#include "worthit/db_decision.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/db_outcome.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#define DAY 86400
#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

/* Band b with n events, minutes and revenue (minor units). */
static void set_band(struct calib_band bands[CALIB_BANDS], int b, int64_t n, int64_t minutes,
                     int64_t revenue)
{
	bands[b].sums.events = n;
	bands[b].sums.minutes = minutes;
	bands[b].sums.revenue_minor = revenue;
}

static void empty_bands(struct calib_band bands[CALIB_BANDS])
{
	memset(bands, 0, sizeof(struct calib_band) * CALIB_BANDS);
	for (int b = 0; b < CALIB_BANDS; b++) {
		bands[b].lo = 20 * b;
		bands[b].hi = 20 * (b + 1);
	}
}

static void test_reading_rule(void **state)
{
	(void)state;
	struct calib_band b[CALIB_BANDS];
	char text[256];
	empty_bands(b);
	/* 80-100: 46000 over 10 h = 4600/h; 20-40: 20000 over 10 h = 2000/h:
	 * 2.3x; 40-60 in between is not compared */
	set_band(b, 4, 5, 600, 46000);
	set_band(b, 2, 9, 60, 900000);
	set_band(b, 1, 6, 600, 20000);
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_PAID_OFF);
	assert_string_equal(text, "high scores paid off: 2.3x the revenue per hour of low scores "
	                          "(80-100 vs 20-40)");
	/* a band below CALIB_MIN_EVENTS does not count: 80-100 falls to 4
	 * events, 40-60 (900000/h) is the high one: 450.0x */
	b[4].sums.events = 4;
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_PAID_OFF);
	assert_string_equal(text, "high scores paid off: 450.0x the revenue per hour of low scores "
	                          "(40-60 vs 20-40)");
	/* 1.45x rounds to 1.5x: shown and judged alike (paid off) */
	empty_bands(b);
	set_band(b, 3, 5, 60, 14500);
	set_band(b, 0, 5, 60, 10000);
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_PAID_OFF);
	assert_string_equal(text, "high scores paid off: 1.5x the revenue per hour of low scores "
	                          "(60-80 vs 0-20)");
	/* 1.44x: no clear link */
	b[3].sums.revenue_minor = 14400;
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_NO_LINK);
	assert_string_equal(text, "no clear link between score and outcome: within 1.5x in revenue "
	                          "per hour (60-80 vs 0-20)");
	/* the other way round: 0-20 earns 2x */
	b[3].sums.revenue_minor = 5000;
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_REVERSED);
	assert_string_equal(text, "high scores did not pay off: low scores brought 2.0x the revenue "
	                          "per hour (60-80 vs 0-20); revisit the weights");
	/* only the low band earned */
	b[3].sums.revenue_minor = 0;
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_REVERSED);
	/* only the high band earned */
	b[3].sums.revenue_minor = 5000;
	b[0].sums.revenue_minor = 0;
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_PAID_OFF);
	assert_string_equal(text, "high scores paid off: low scores brought no revenue "
	                          "(60-80 vs 0-20)");
	/* neither */
	b[3].sums.revenue_minor = 0;
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_NO_LINK);
	assert_string_equal(text, "no clear link between score and outcome: no revenue in either "
	                          "band (60-80 vs 0-20)");
	/* one band with enough events: nothing to compare */
	b[0].sums.events = 4;
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_TOO_FEW);
	empty_bands(b);
	assert_int_equal(app_history_calib_reading(b, text, sizeof text), CALIB_TOO_FEW);
}

/* ---- lazy loading on a database --------------------------------------- */

struct fixture {
	char *path;
	struct app_ctx ctx;
	int n;              /* events added */
};

/* A past event decided at score (-1: none stored) with an outcome. */
static int64_t add_past(struct fixture *f, double score, int leads, int64_t revenue)
{
	struct db *db = f->ctx.db;
	struct invitation inv;
	invitation_init(&inv);
	f->n++;
	inv.uid = xasprintf("cal-%d", f->n);
	inv.recurrence_id = xstrdup("");
	inv.title = xasprintf("Event %d", f->n);
	inv.kind = KIND_MEETUP;
	inv.starts_at = NOW - (40 + f->n) * DAY;
	inv.ends_at = inv.starts_at + 3600;
	int64_t id = 0;
	enum db_upsert_result r;
	assert_int_equal(db_begin(db, NULL), WIT_OK);
	assert_int_equal(db_invite_upsert(db, &inv, NOW - 400 * DAY, &r, &id, NULL), WIT_OK);
	assert_int_equal(db_commit(db, NULL), WIT_OK);
	assert_int_equal(db_decision_record(db, id, STATUS_ACCEPTED, score, "go", NULL,
	                                    inv.starts_at - 5 * DAY, NULL, NULL), WIT_OK);
	struct outcome o;
	outcome_init(&o);
	o.invitation_id = id;
	o.actual_hours = 2.0;
	o.leads = leads;
	o.revenue_minor = revenue;
	o.rating = 3;
	char *why = NULL;
	if (db_journal_log_outcome(db, &o, inv.starts_at + DAY, &why) != WIT_OK)
		fail_msg("log outcome: %s", why);
	outcome_done(&o);
	invitation_done(&inv);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *dir = getenv("TMPDIR");
	f->path = xasprintf("%s/wt-calib-%d.db", dir ? dir : "/tmp", (int)getpid());
	unlink(f->path);
	char *why = NULL;
	if (db_open(f->path, DB_OPEN_CREATE, &f->ctx.db, &why) != WIT_OK)
		fail_msg("db_open: %s", why);
	f->ctx.now = NOW;
	/* 80-100: five, 2 h each, two with revenue (1000.00, 500.00), one
	 * more with a lead only; 40-60: five with nothing; one unscored */
	add_past(f, 85, 1, 100000);
	add_past(f, 90, 0, 50000);
	add_past(f, 95, 2, 0);
	add_past(f, 81, 0, 0);
	add_past(f, 99, 0, 0);
	for (int i = 0; i < 5; i++)
		add_past(f, 45 + i, 0, 0);
	add_past(f, -1, 3, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->ctx.db);
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

static void test_lazy_load(void **state)
{
	struct fixture *f = *state;
	struct app_history h;
	char *why = NULL;
	app_history_init(&h);
	assert_int_equal(app_history_load(&h, &f->ctx, &why), WIT_OK);
	assert_int_equal(h.aggr, HAGGR_KIND);
	assert_false(h.has_calib);           /* not at the first frame */
	assert_int_equal(app_history_cycle_aggregate(&h, &f->ctx, &why), WIT_OK);
	assert_int_equal(app_history_cycle_aggregate(&h, &f->ctx, &why), WIT_OK);
	assert_int_equal(h.aggr, HAGGR_MONTH);
	assert_false(h.has_calib);
	assert_int_equal(app_history_cycle_aggregate(&h, &f->ctx, &why), WIT_OK);
	assert_int_equal(h.aggr, HAGGR_CALIBRATION);
	assert_string_equal(app_history_aggregate_name(h.aggr), "score band");
	assert_true(h.has_calib);
	assert_int_equal(h.calib[4].sums.events, 5);
	assert_int_equal(h.calib[4].sums.minutes, 600);
	assert_int_equal(h.calib[4].sums.revenue_minor, 150000);
	assert_int_equal(h.calib[4].sums.leads, 3);
	assert_int_equal(h.calib[4].produced, 3);
	assert_int_equal(h.calib[2].sums.events, 5);
	assert_int_equal(h.calib[2].produced, 0);
	assert_int_equal(h.calib[0].sums.events + h.calib[1].sums.events + h.calib[3].sums.events,
	                 0);
	assert_int_equal(h.calib_unscored, 1);
	char text[256];
	assert_int_equal(app_history_calib_reading(h.calib, text, sizeof text), CALIB_PAID_OFF);
	/* a reload while shown reloads it: a sixth 80-100 event */
	add_past(f, 88, 0, 0);
	assert_int_equal(app_history_load(&h, &f->ctx, &why), WIT_OK);
	assert_true(h.has_calib);
	assert_int_equal(h.calib[4].sums.events, 6);
	/* and b goes back to kinds */
	assert_int_equal(app_history_cycle_aggregate(&h, &f->ctx, &why), WIT_OK);
	assert_int_equal(h.aggr, HAGGR_KIND);
	app_history_done(&h);
	free(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reading_rule),
		cmocka_unit_test_setup_teardown(test_lazy_load, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
