/*
 * test_report.c: reports on a hand-built fixture: aggregates by kind,
 * organizer and month (whole history and a range cutting months in two)
 * against hand-computed sums and against a plain GROUP BY written here
 * independently; attribution with a referral chain three deep and a
 * contact introduced by two people under the three credit models;
 * calibration by score band; the summary tables after edits, undo and
 * deletion; the journal ordering of outcome edits and decisions; the
 * review list with its 30/90-day follow-ups.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "worthit/db.h"
#include "worthit/db_contact.h"
#include "worthit/db_deal.h"
#include "worthit/db_decision.h"
#include "worthit/db_invite.h"
#include "worthit/db_journal.h"
#include "worthit/db_outcome.h"
#include "worthit/db_referral.h"
#include "worthit/db_report.h"
#include "worthit/db_review.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#define DAY 86400
#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

struct fixture {
	char *path;
	struct db *db;
	int64_t inv[6];     /* 1-based: the five events of the fixture */
	int64_t contact[7]; /* 1-based: Ann .. Fay */
};

/* Noon UTC mid-month: the same local month in every zone within 12 h. */
static int64_t noon(int y, int m, int d)
{
	return time_from_utc_fields(y, m, d, 12, 0, 0);
}

static int64_t add_event(struct db *db, const char *uid, const char *kind, const char *org,
                         int64_t start, double score)
{
	struct invitation inv;
	invitation_init(&inv);
	inv.uid = xstrdup(uid);
	inv.recurrence_id = xstrdup("");
	inv.title = xasprintf("Event %s", uid);
	inv.organizer = org ? xstrdup(org) : NULL;
	inv.kind = (enum invite_kind)invite_kind_from_name(kind);
	inv.starts_at = start;
	inv.ends_at = start + 7200;
	int64_t id = 0;
	enum db_upsert_result r;
	assert_int_equal(db_begin(db, NULL), WIT_OK);
	assert_int_equal(db_invite_upsert(db, &inv, NOW - 400 * DAY, &r, &id, NULL), WIT_OK);
	assert_int_equal(db_commit(db, NULL), WIT_OK);
	invitation_done(&inv);
	assert_int_equal(db_decision_record(db, id, STATUS_ACCEPTED, score, "go", NULL,
	                                    start - 5 * DAY, NULL, NULL), WIT_OK);
	return id;
}

static void log_outcome(struct db *db, int64_t id, double hours, int leads, int deals,
                        int64_t revenue, int rating, int64_t when)
{
	struct outcome o;
	outcome_init(&o);
	o.invitation_id = id;
	o.actual_hours = hours;
	o.contacts_met = 3;
	o.leads = leads;
	o.meetings = leads;
	o.deals = deals;
	o.revenue_minor = revenue;
	o.rating = rating;
	char *why = NULL;
	if (db_journal_log_outcome(db, &o, when, &why) != WIT_OK)
		fail_msg("log outcome: %s", why);
	outcome_done(&o);
}

static int64_t add_contact(struct db *db, const char *name, int64_t met_at, int64_t referrer)
{
	struct contact c;
	contact_init(&c);
	c.name = xstrdup(name);
	c.met_at_invitation = met_at;
	c.referred_by = referrer;
	int64_t id = 0;
	assert_int_equal(db_contact_add(db, &c, NOW, &id, NULL), WIT_OK);
	contact_done(&c);
	return id;
}

static void add_deal(struct db *db, int64_t contact, int64_t amount, int64_t when)
{
	struct deal d;
	deal_init(&d);
	d.contact_id = contact;
	d.amount_minor = amount;
	d.closed_at = when;
	assert_int_equal(db_deal_add(db, &d, NULL, NULL), WIT_OK);
	deal_done(&d);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *dir = getenv("TMPDIR");
	f->path = xasprintf("%s/wt-report-%d.db", dir ? dir : "/tmp", (int)getpid());
	unlink(f->path);
	char *why = NULL;
	if (db_open(f->path, DB_OPEN_CREATE, &f->db, &why) != WIT_OK)
		fail_msg("db_open: %s", why);
	struct db *db = f->db;
	f->inv[1] = add_event(db, "m1", "meetup", "Alpha", noon(2025, 10, 15), 85);
	f->inv[2] = add_event(db, "m2", "meetup", "Beta", noon(2025, 10, 20), 30);
	f->inv[3] = add_event(db, "l1", "lunch", "Alpha", noon(2025, 11, 10), 65);
	f->inv[4] = add_event(db, "c1", "conference", NULL, noon(2025, 12, 5), 90);
	f->inv[5] = add_event(db, "b1", "breakfast", "Beta", noon(2026, 1, 14), -1);
	log_outcome(db, f->inv[1], 2.0, 2, 1, 100000, 4, noon(2025, 10, 16));
	log_outcome(db, f->inv[2], 1.0, 0, 0, 0, 2, noon(2025, 10, 21));
	log_outcome(db, f->inv[3], 1.5, 1, 0, 0, 3, noon(2025, 11, 11));
	log_outcome(db, f->inv[4], 8.0, 3, 1, 500000, 5, noon(2025, 12, 6));
	log_outcome(db, f->inv[5], 2.5, 0, 0, 0, 0, noon(2026, 1, 15));
	/* Dan <- Cat <- Bob <- Ann (met at m1); Fay <- Bob and Eve (met at c1) */
	int64_t *c = f->contact;
	c[1] = add_contact(db, "Ann", f->inv[1], 0);
	c[2] = add_contact(db, "Bob", 0, c[1]);
	c[3] = add_contact(db, "Cat", 0, c[2]);
	c[4] = add_contact(db, "Dan", 0, c[3]);
	c[5] = add_contact(db, "Eve", f->inv[4], 0);
	c[6] = add_contact(db, "Fay", 0, c[2]);
	assert_int_equal(db_referral_add(db, c[6], c[5], NOW, NULL), WIT_OK);
	add_deal(db, c[4], 90000, noon(2026, 1, 20));
	add_deal(db, c[6], 100000, noon(2026, 2, 2));
	add_deal(db, c[1], 5000, noon(2025, 11, 1));
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

static const struct report_row *row(const struct report_row *r, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].key, key) == 0)
			return &r[i];
	fail_msg("no row %s", key);
	return NULL;
}

static void check_row(const struct report_row *r, int64_t events, int64_t minutes, int64_t leads,
                      int64_t deals, int64_t revenue, int64_t rated, int64_t rating_sum)
{
	assert_int_equal(r->events, events);
	assert_int_equal(r->minutes, minutes);
	assert_int_equal(r->leads, leads);
	assert_int_equal(r->meetings, leads);
	assert_int_equal(r->contacts, 3 * events);
	assert_int_equal(r->deals, deals);
	assert_int_equal(r->revenue_minor, revenue);
	assert_int_equal(r->rated, rated);
	assert_int_equal(r->rating_sum, rating_sum);
}

static void test_aggregates_whole_history(void **state)
{
	struct fixture *f = *state;
	struct report_row *r;
	size_t n;
	char *why = NULL;
	assert_int_equal(db_report_aggregate(f->db, REPORT_BY_KIND, REPORT_OPEN_FROM, REPORT_OPEN_TO,
	                                     &r, &n, &why), WIT_OK);
	assert_int_equal(n, 4);
	/* by revenue, then name */
	assert_string_equal(r[0].key, "conference");
	assert_string_equal(r[1].key, "meetup");
	assert_string_equal(r[2].key, "breakfast");
	assert_string_equal(r[3].key, "lunch");
	check_row(&r[0], 1, 480, 3, 1, 500000, 1, 5);
	check_row(&r[1], 2, 180, 2, 1, 100000, 2, 6);
	check_row(&r[2], 1, 150, 0, 0, 0, 0, 0);
	check_row(&r[3], 1, 90, 1, 0, 0, 1, 3);
	db_report_free_rows(r, n);

	assert_int_equal(db_report_aggregate(f->db, REPORT_BY_ORGANIZER, REPORT_OPEN_FROM,
	                                     REPORT_OPEN_TO, &r, &n, &why), WIT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(r[0].key, ""); /* the conference had no organizer */
	assert_string_equal(r[1].key, "Alpha");
	check_row(&r[1], 2, 210, 3, 1, 100000, 2, 7);
	check_row(row(r, n, "Beta"), 2, 210, 0, 0, 0, 1, 2);
	db_report_free_rows(r, n);

	assert_int_equal(db_report_aggregate(f->db, REPORT_BY_MONTH, REPORT_OPEN_FROM,
	                                     REPORT_OPEN_TO, &r, &n, &why), WIT_OK);
	assert_int_equal(n, 4);
	assert_string_equal(r[0].key, "2025-10");
	assert_string_equal(r[3].key, "2026-01");
	check_row(&r[0], 2, 180, 2, 1, 100000, 2, 6);
	check_row(&r[2], 1, 480, 3, 1, 500000, 1, 5);
	db_report_free_rows(r, n);
}

/* A plain GROUP BY over outcome JOIN invitation, written independently of
 * db_report.c, must agree with it on every range. */
static void compare_with_plain_sql(struct fixture *f, int64_t from, int64_t to)
{
	static const char *const keys[REPORT_GROUP_COUNT] = {
		"i.kind", "coalesce(i.organizer, '')",
		"strftime('%Y-%m', i.starts_at, 'unixepoch', 'localtime')",
	};
	sqlite3 *s;
	assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
	for (int by = 0; by < REPORT_GROUP_COUNT; by++) {
		struct report_row *r;
		size_t n;
		assert_int_equal(db_report_aggregate(f->db, (enum report_group)by, from, to, &r, &n,
		                                     NULL), WIT_OK);
		char *sql = xasprintf("SELECT %s, count(*), sum(o.actual_minutes), sum(o.leads), "
		                      "sum(o.revenue_minor), sum(o.rating) FROM outcome o JOIN invitation "
		                      "i ON i.id = o.invitation_id WHERE i.starts_at >= ?1 AND "
		                      "i.starts_at < ?2 GROUP BY 1 ORDER BY 1", keys[by]);
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		size_t seen = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			const struct report_row *x = row(r, n, (const char *)sqlite3_column_text(st, 0));
			assert_int_equal(x->events, sqlite3_column_int64(st, 1));
			assert_int_equal(x->minutes, sqlite3_column_int64(st, 2));
			assert_int_equal(x->leads, sqlite3_column_int64(st, 3));
			assert_int_equal(x->revenue_minor, sqlite3_column_int64(st, 4));
			assert_int_equal(x->rating_sum, sqlite3_column_int64(st, 5));
			seen++;
		}
		assert_int_equal(seen, n);
		sqlite3_finalize(st);
		free(sql);
		db_report_free_rows(r, n);
	}
	sqlite3_close(s);
}

/* Local midnight of a date in the test's time zone (TZ). */
static int64_t local_midnight(int y, int m, int d)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

static void test_aggregates_ranges(void **state)
{
	struct fixture *f = *state;
	struct report_row *r;
	size_t n;
	/* cuts October and December in two, November whole */
	int64_t from = time_from_utc_fields(2025, 10, 18, 0, 0, 0);
	int64_t to = time_from_utc_fields(2025, 12, 6, 0, 0, 0);
	assert_int_equal(db_report_aggregate(f->db, REPORT_BY_KIND, from, to, &r, &n, NULL), WIT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(r[0].key, "conference");
	check_row(&r[0], 1, 480, 3, 1, 500000, 1, 5);
	check_row(row(r, n, "meetup"), 1, 60, 0, 0, 0, 1, 2);
	check_row(row(r, n, "lunch"), 1, 90, 1, 0, 0, 1, 3);
	db_report_free_rows(r, n);
	const int64_t cuts[] = {
		REPORT_OPEN_FROM, noon(2025, 10, 15), noon(2025, 10, 15) + 1, noon(2025, 10, 31),
		time_from_utc_fields(2025, 11, 1, 0, 0, 0), noon(2025, 11, 10), noon(2025, 12, 20),
		time_from_utc_fields(2026, 1, 1, 6, 0, 0), noon(2026, 1, 14) + 1, REPORT_OPEN_TO,
		/* whole local months, read from the summaries alone */
		local_midnight(2025, 10, 1), local_midnight(2025, 12, 1), local_midnight(2026, 2, 1),
	};
	size_t nc = sizeof cuts / sizeof cuts[0];
	for (size_t i = 0; i < nc; i++)
		for (size_t j = i + 1; j < nc; j++)
			compare_with_plain_sql(f, cuts[i], cuts[j]);
}

static const struct attrib_contact *who(const struct attrib_report *r, int64_t id)
{
	for (size_t i = 0; i < r->n_contacts; i++)
		if (r->contacts[i].contact_id == id)
			return &r->contacts[i];
	fail_msg("no contact %lld", (long long)id);
	return NULL;
}

static void test_attribution(void **state)
{
	struct fixture *f = *state;
	const int64_t *c = f->contact;
	struct attrib_report r;
	char *why = NULL;
	/* first touch: Dan's 900 to Ann; Fay's 1000 half to Ann (via Bob),
	 * half to Eve; Ann's own 50 to Ann */
	assert_int_equal(db_report_attribution(f->db, ATTRIB_FIRST, REPORT_OPEN_FROM, REPORT_OPEN_TO,
	                                       &r, &why), WIT_OK);
	assert_int_equal(r.deals, 3);
	assert_int_equal(r.total_minor, 195000);
	assert_int_equal(who(&r, c[1])->credit_minor, 145000);
	assert_int_equal(who(&r, c[5])->credit_minor, 50000);
	assert_int_equal(who(&r, c[4])->credit_minor, 0);
	/* full amounts, whatever the model */
	assert_int_equal(who(&r, c[1])->direct_minor, 5000);
	assert_int_equal(who(&r, c[1])->downstream_minor, 190000);
	assert_int_equal(who(&r, c[2])->downstream_minor, 190000);
	assert_int_equal(who(&r, c[3])->downstream_minor, 90000);
	assert_int_equal(who(&r, c[5])->downstream_minor, 100000);
	assert_int_equal(who(&r, c[4])->direct_deals, 1);
	assert_int_equal(who(&r, c[4])->direct_minor, 90000);
	assert_int_equal(who(&r, c[6])->n_referrers, 2);
	/* where it started: Ann was met at m1, Eve at c1 */
	assert_int_equal(r.n_origins, 2);
	assert_int_equal(r.origins[0].invitation_id, f->inv[1]);
	assert_int_equal(r.origins[0].credit_minor, 145000);
	assert_string_equal(r.origins[0].title, "Event m1");
	assert_int_equal(r.origins[1].invitation_id, f->inv[4]);
	db_report_attribution_done(&r);

	assert_int_equal(db_report_attribution(f->db, ATTRIB_LAST, REPORT_OPEN_FROM, REPORT_OPEN_TO,
	                                       &r, &why), WIT_OK);
	assert_int_equal(who(&r, c[4])->credit_minor, 90000);
	assert_int_equal(who(&r, c[6])->credit_minor, 100000);
	assert_int_equal(who(&r, c[1])->credit_minor, 5000);
	assert_int_equal(who(&r, c[2])->credit_minor, 0);
	db_report_attribution_done(&r);

	/* linear: Dan's 900 in four: 225 each to Dan, Cat, Bob, Ann. Fay's
	 * 1000: path Fay-Bob-Ann carries 500 (166.666 each), path Fay-Eve
	 * 500 (250 each): Fay 416.666, Bob 166.666, Ann 166.666, Eve 250;
	 * the two cents left go to the lowest ids among equal fractions
	 * (Ann, Bob). Ann's own 50 to Ann. */
	assert_int_equal(db_report_attribution(f->db, ATTRIB_LINEAR, REPORT_OPEN_FROM,
	                                       REPORT_OPEN_TO, &r, &why), WIT_OK);
	assert_int_equal(who(&r, c[1])->credit_minor, 22500 + 16667 + 5000);
	assert_int_equal(who(&r, c[2])->credit_minor, 22500 + 16667);
	assert_int_equal(who(&r, c[3])->credit_minor, 22500);
	assert_int_equal(who(&r, c[4])->credit_minor, 22500);
	assert_int_equal(who(&r, c[5])->credit_minor, 25000);
	assert_int_equal(who(&r, c[6])->credit_minor, 41666);
	int64_t sum = 0;
	for (size_t i = 0; i < r.n_origins; i++)
		sum += r.origins[i].credit_minor;
	assert_int_equal(sum, 195000);
	db_report_attribution_done(&r);

	/* a range: only Fay's deal (February 2026) */
	assert_int_equal(db_report_attribution(f->db, ATTRIB_FIRST, noon(2026, 2, 1), REPORT_OPEN_TO,
	                                       &r, &why), WIT_OK);
	assert_int_equal(r.deals, 1);
	assert_int_equal(who(&r, c[1])->credit_minor, 50000);
	assert_int_equal(who(&r, c[5])->credit_minor, 50000);
	db_report_attribution_done(&r);
	free(why);
}

static void test_referral_loops_refused(void **state)
{
	struct fixture *f = *state;
	const int64_t *c = f->contact;
	char *why = NULL;
	/* Ann introduced (through Bob, Cat) Dan: Dan cannot introduce Ann */
	assert_int_equal(db_referral_add(f->db, c[1], c[4], NOW, &why), WIT_DATA);
	assert_non_null(strstr(why, "loop"));
	assert_int_equal(db_referral_add(f->db, c[5], c[5], NOW, &why), WIT_DATA);
	assert_int_equal(db_referral_add(f->db, c[5], 999, NOW, &why), WIT_NOTFOUND);
	/* an existing edge again: nothing changes */
	assert_int_equal(db_referral_add(f->db, c[6], c[5], NOW, &why), WIT_OK);
	assert_int_equal(db_referral_add(f->db, c[6], c[2], NOW, &why), WIT_OK);
	int64_t *ids;
	size_t n;
	assert_int_equal(db_referral_list(f->db, c[6], &ids, &n, &why), WIT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], c[2]);
	assert_int_equal(ids[1], c[5]);
	free(ids);
	free(why);
}

static void test_calibration(void **state)
{
	struct fixture *f = *state;
	struct calib_band b[CALIB_BANDS];
	int64_t unscored = -1;
	/* a newer scored decision wins; an undone one does not count */
	assert_int_equal(db_decision_record(f->db, f->inv[2], STATUS_ATTENDED, 45, "go", NULL, NOW,
	                                    NULL, NULL), WIT_OK);
	assert_int_equal(db_decision_record(f->db, f->inv[3], STATUS_ATTENDED, 10, "skip", NULL,
	                                    NOW + 1, NULL, NULL), WIT_OK);
	assert_int_equal(db_decision_undo(f->db, NULL, NULL), WIT_OK);
	assert_int_equal(db_report_calibration(f->db, REPORT_OPEN_FROM, REPORT_OPEN_TO, b, &unscored,
	                                       NULL), WIT_OK);
	assert_int_equal(unscored, 1);               /* the breakfast */
	assert_int_equal(b[0].sums.events, 0);
	assert_int_equal(b[1].sums.events, 0);       /* m2 moved from 30 to 45 */
	assert_int_equal(b[2].sums.events, 1);
	assert_int_equal(b[2].sums.minutes, 60);
	assert_int_equal(b[3].sums.events, 1);       /* l1 at 65 */
	assert_int_equal(b[3].sums.leads, 1);
	assert_int_equal(b[4].sums.events, 2);       /* m1 at 85, c1 at 90 */
	assert_int_equal(b[4].sums.revenue_minor, 600000);
	assert_int_equal(b[4].sums.minutes, 600);
	assert_int_equal(b[4].lo, 80);
	assert_int_equal(b[4].hi, 100);
	/* brought anything: m2 nothing; l1 a lead; m1 and c1 deals */
	assert_int_equal(b[2].produced, 0);
	assert_int_equal(b[3].produced, 1);
	assert_int_equal(b[4].produced, 2);
}

static int64_t kind_events(struct fixture *f, const char *kind, int64_t *revenue)
{
	struct report_row *r;
	size_t n;
	assert_int_equal(db_report_aggregate(f->db, REPORT_BY_KIND, REPORT_OPEN_FROM, REPORT_OPEN_TO,
	                                     &r, &n, NULL), WIT_OK);
	int64_t events = 0;
	*revenue = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].key, kind) == 0) {
			events = r[i].events;
			*revenue = r[i].revenue_minor;
		}
	db_report_free_rows(r, n);
	return events;
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

static void test_journal_and_summaries(void **state)
{
	struct fixture *f = *state;
	int64_t rev;
	struct journal_step step;
	char *why = NULL;
	/* the newest step is the breakfast's outcome with its "attended" */
	assert_int_equal(db_journal_undo(f->db, &step, &why), WIT_OK);
	assert_true(step.has_outcome);
	assert_true(step.has_decision);
	assert_false(step.had_outcome_before);
	assert_int_equal(step.invitation_id, f->inv[5]);
	assert_int_equal(status_of(f, f->inv[5]), STATUS_ACCEPTED);
	assert_int_equal(kind_events(f, "breakfast", &rev), 0);
	assert_int_equal(db_journal_redo(f->db, &step, &why), WIT_OK);
	assert_int_equal(status_of(f, f->inv[5]), STATUS_ATTENDED);
	assert_int_equal(kind_events(f, "breakfast", &rev), 1);

	/* an edit of an attended event: no decision, the old row comes back */
	log_outcome(f->db, f->inv[1], 2.0, 2, 1, 250000, 4, NOW);
	assert_int_equal(kind_events(f, "meetup", &rev), 2);
	assert_int_equal(rev, 250000);
	/* a decision after it is undone first, then the edit */
	assert_int_equal(db_decision_record(f->db, f->inv[2], STATUS_ATTENDED, 50, NULL, NULL,
	                                    NOW, NULL, NULL), WIT_OK);
	assert_int_equal(db_journal_undo(f->db, &step, &why), WIT_OK);
	assert_false(step.has_outcome);
	assert_true(step.has_decision);
	assert_int_equal(db_journal_undo(f->db, &step, &why), WIT_OK);
	assert_true(step.has_outcome);
	assert_false(step.has_decision);
	assert_true(step.had_outcome_before);
	kind_events(f, "meetup", &rev);
	assert_int_equal(rev, 100000);
	/* redo in the order things happened: the edit, then the decision */
	assert_int_equal(db_journal_redo(f->db, &step, &why), WIT_OK);
	assert_true(step.has_outcome);
	assert_int_equal(db_journal_redo(f->db, &step, &why), WIT_OK);
	assert_true(step.has_decision);
	assert_int_equal(db_journal_redo(f->db, &step, &why), WIT_NOTFOUND);
	kind_events(f, "meetup", &rev);
	assert_int_equal(rev, 250000);

	/* a new decision after an undone edit: the edit cannot be redone */
	assert_int_equal(db_journal_undo(f->db, NULL, &why), WIT_OK); /* the decision */
	assert_int_equal(db_journal_undo(f->db, NULL, &why), WIT_OK); /* the edit */
	assert_int_equal(db_decision_record(f->db, f->inv[3], STATUS_ATTENDED, 70, NULL, NULL,
	                                    NOW, NULL, NULL), WIT_OK);
	assert_int_equal(db_journal_redo(f->db, &step, &why), WIT_NOTFOUND);
	kind_events(f, "meetup", &rev);
	assert_int_equal(rev, 100000);

	/* and a new outcome edit after an undone decision: nothing to redo */
	assert_int_equal(db_journal_undo(f->db, &step, &why), WIT_OK);
	assert_true(step.has_decision);
	log_outcome(f->db, f->inv[2], 1.0, 1, 0, 0, 2, NOW);
	assert_int_equal(db_journal_redo(f->db, &step, &why), WIT_NOTFOUND);

	/* re-classified by a re-import: the sums move with it */
	struct invitation inv;
	invitation_init(&inv);
	assert_int_equal(db_invite_get(f->db, f->inv[3], &inv, NULL), WIT_OK);
	inv.kind = KIND_COFFEE;
	inv.sequence = 1;
	enum db_upsert_result res;
	assert_int_equal(db_begin(f->db, NULL), WIT_OK);
	assert_int_equal(db_invite_upsert(f->db, &inv, NOW, &res, NULL, &why), WIT_OK);
	assert_int_equal(db_commit(f->db, NULL), WIT_OK);
	invitation_done(&inv);
	assert_int_equal(kind_events(f, "lunch", &rev), 0);
	assert_int_equal(kind_events(f, "coffee", &rev), 1);

	/* an invitation deleted: its outcome leaves the summaries */
	sqlite3 *s;
	assert_int_equal(sqlite3_open(f->path, &s), SQLITE_OK);
	char *sql = xasprintf("PRAGMA foreign_keys = ON; DELETE FROM invitation WHERE id = %lld",
	                      (long long)f->inv[4]);
	assert_int_equal(sqlite3_exec(s, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	sqlite3_close(s);
	assert_int_equal(kind_events(f, "conference", &rev), 0);
	/* and the summaries equal a full recount */
	compare_with_plain_sql(f, REPORT_OPEN_FROM, REPORT_OPEN_TO);
	free(why);
}

static void test_bad_outcomes_write_nothing(void **state)
{
	struct fixture *f = *state;
	int64_t future = add_event(f->db, "later", "lunch", "Alpha", NOW + 3 * DAY, 50);
	struct outcome o;
	outcome_init(&o);
	o.invitation_id = f->inv[2];
	o.rating = 9;
	char *why = NULL;
	assert_int_equal(db_journal_log_outcome(f->db, &o, NOW, &why), WIT_DATA);
	assert_non_null(strstr(why, "rating: 9"));
	o.rating = 3;
	o.actual_hours = -1;
	assert_int_equal(db_journal_log_outcome(f->db, &o, NOW, &why), WIT_DATA);
	assert_non_null(strstr(why, "hours"));
	o.actual_hours = 1;
	o.invitation_id = 4242;
	assert_int_equal(db_journal_log_outcome(f->db, &o, NOW, &why), WIT_NOTFOUND);
	o.invitation_id = future;
	assert_int_equal(db_journal_log_outcome(f->db, &o, NOW, &why), WIT_DATA);
	assert_non_null(strstr(why, "once it has happened"));
	assert_int_equal(status_of(f, future), STATUS_ACCEPTED);
	/* skip: only accepted, started, no outcome */
	assert_int_equal(db_journal_skip(f->db, future, NOW, &why), WIT_DATA);
	assert_int_equal(db_journal_skip(f->db, f->inv[2], NOW, &why), WIT_DATA);
	assert_non_null(strstr(why, "outcome logged"));
	assert_int_equal(db_journal_skip(f->db, future, NOW + 4 * DAY, &why), WIT_OK);
	assert_int_equal(status_of(f, future), STATUS_SKIPPED);
	/* the newest step is that skip */
	struct journal_step step;
	assert_int_equal(db_journal_undo(f->db, &step, &why), WIT_OK);
	assert_true(step.has_decision);
	assert_int_equal(step.decision.new_status, STATUS_SKIPPED);
	assert_int_equal(status_of(f, future), STATUS_ACCEPTED);
	outcome_done(&o);
	free(why);
}

static void test_review_follow_ups(void **state)
{
	struct fixture *f = *state;
	/* a year on, so the fixture's own follow-ups have lapsed */
	const int64_t now = NOW + 400 * DAY;
	int64_t awaiting = add_event(f->db, "await", "meetup", "Alpha", now - 2 * DAY, 60);
	int64_t at40 = add_event(f->db, "d40", "meetup", "Alpha", now - 40 * DAY, 60);
	int64_t at100 = add_event(f->db, "d100", "lunch", "Beta", now - 100 * DAY, 60);
	int64_t at200 = add_event(f->db, "d200", "lunch", "Beta", now - 200 * DAY, 60);
	int64_t late = add_event(f->db, "late", "lunch", "Beta", now - 35 * DAY, 60);
	log_outcome(f->db, at40, 1, 0, 0, 0, 3, now - 39 * DAY);
	log_outcome(f->db, at100, 1, 0, 0, 0, 3, now - 99 * DAY);
	log_outcome(f->db, at200, 1, 0, 0, 0, 3, now - 199 * DAY);
	log_outcome(f->db, late, 1, 0, 0, 0, 3, now - 2 * DAY); /* logged after 30 days */
	struct review_item *it;
	size_t n;
	assert_int_equal(db_review_list(f->db, now, &it, &n, NULL), WIT_OK);
	assert_int_equal(n, 3);
	/* oldest due first: d40's 30-day and d100's 90-day follow-ups are
	 * both due since 10 days (lower id first), then the one awaiting an
	 * outcome (due since 2 days); d200's lapsed, "late" was settled */
	assert_int_equal(it[0].invitation_id, at40);
	assert_int_equal(it[0].after_days, 30);
	assert_int_equal(it[1].invitation_id, at100);
	assert_int_equal(it[1].after_days, 90);
	assert_int_equal(it[2].invitation_id, awaiting);
	assert_int_equal(it[2].after_days, 0);
	db_review_free_all(it, n);
	int64_t count;
	assert_int_equal(db_review_count(f->db, now, &count, NULL), WIT_OK);
	assert_int_equal(count, 3);
	char *why = NULL;
	assert_int_equal(db_review_dismiss(f->db, at40, now, &why), WIT_OK);
	assert_int_equal(db_review_dismiss(f->db, at40, now, &why), WIT_DATA);
	assert_int_equal(db_review_dismiss(f->db, awaiting, now, &why), WIT_DATA);
	/* an edit of the outcome settles the follow-up too */
	log_outcome(f->db, at100, 1, 1, 0, 0, 3, now);
	assert_int_equal(db_review_count(f->db, now, &count, NULL), WIT_OK);
	assert_int_equal(count, 1);
	/* d40's 90-day follow-up comes 50 days later */
	assert_int_equal(db_review_list(f->db, now + 51 * DAY, &it, &n, NULL), WIT_OK);
	size_t found = 0;
	for (size_t i = 0; i < n; i++)
		if (it[i].invitation_id == at40 && it[i].after_days == 90)
			found++;
	assert_int_equal(found, 1);
	db_review_free_all(it, n);
	free(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_aggregates_whole_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aggregates_ranges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attribution, setup, teardown),
		cmocka_unit_test_setup_teardown(test_referral_loops_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calibration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_and_summaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_outcomes_write_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_review_follow_ups, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
