/*
 * test_db_outcome.c: outcomes, contacts and deals against a real SQLite
 * file in a temporary directory: round trips of every field, replacing
 * an outcome, validation that writes nothing, the "to review" list,
 * referral chains and loops, e-mail and name lookups, deals per contact,
 * rollback of a caller's transaction, and integrity_check at the end.
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
#include "worthit/db_contact.h"
#include "worthit/db_deal.h"
#include "worthit/db_invite.h"
#include "worthit/db_outcome.h"
#include "worthit/xmalloc.h"

#define DAY 86400
#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

struct fixture {
	char *path;
	struct db *db;
	int64_t past_accepted; /* ended yesterday, accepted */
	int64_t past_pending;  /* ended last week, never decided */
	int64_t future;        /* next week, accepted */
	int64_t past_attended; /* two weeks ago, attended */
};

static int64_t add_invitation(struct db *db, const char *uid, int64_t start,
                              enum invite_status status)
{
	struct invitation inv;
	invitation_init(&inv);
	inv.uid = xstrdup(uid);
	inv.recurrence_id = xstrdup("");
	inv.title = xasprintf("Event %s", uid);
	inv.starts_at = start;
	inv.ends_at = start + 5400;
	inv.status = status;
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

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *dir = getenv("TMPDIR");
	f->path = xasprintf("%s/wt-outcome-%d.db", dir ? dir : "/tmp", (int)getpid());
	unlink(f->path);
	char *why = NULL;
	if (db_open(f->path, DB_OPEN_CREATE, &f->db, &why) != WIT_OK)
		fail_msg("db_open: %s", why);
	f->past_accepted = add_invitation(f->db, "a", NOW - DAY, STATUS_ACCEPTED);
	f->past_pending = add_invitation(f->db, "b", NOW - 7 * DAY, STATUS_PENDING);
	f->future = add_invitation(f->db, "c", NOW + 7 * DAY, STATUS_ACCEPTED);
	f->past_attended = add_invitation(f->db, "d", NOW - 14 * DAY, STATUS_ATTENDED);
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

static void test_outcome_round_trip_and_replace(void **state)
{
	struct fixture *f = *state;
	struct outcome o;
	outcome_init(&o);
	o.invitation_id = f->past_accepted;
	o.actual_hours = 2.5;
	o.contacts_met = 6;
	o.leads = 2;
	o.meetings = 1;
	o.deals = 0;
	o.revenue_minor = 0;
	o.rating = 4;
	o.notes = xstrdup("Met the COO of a clinic group; wants a demo");
	assert_int_equal(db_outcome_put(f->db, &o, NOW, NULL), WIT_OK);

	struct outcome got;
	outcome_init(&got);
	assert_int_equal(db_outcome_get(f->db, f->past_accepted, &got, NULL), WIT_OK);
	assert_int_equal(got.invitation_id, f->past_accepted);
	assert_true(got.actual_hours == 2.5);
	assert_int_equal(got.contacts_met, 6);
	assert_int_equal(got.leads, 2);
	assert_int_equal(got.meetings, 1);
	assert_int_equal(got.rating, 4);
	assert_string_equal(got.notes, "Met the COO of a clinic group; wants a demo");
	assert_int_equal(got.logged_at, NOW); /* 0 meant now */

	/* the 90-day review: a deal came in; same row, replaced */
	o.deals = 1;
	o.revenue_minor = 1800000;
	o.logged_at = NOW + 90 * DAY;
	o.actual_hours = 1.0 / 3.0; /* 20 minutes exactly */
	assert_int_equal(db_outcome_put(f->db, &o, NOW, NULL), WIT_OK);
	assert_int_equal(db_outcome_get(f->db, f->past_accepted, &got, NULL), WIT_OK);
	assert_int_equal(got.deals, 1);
	assert_int_equal(got.revenue_minor, 1800000);
	assert_int_equal(got.logged_at, NOW + 90 * DAY);
	assert_true(got.actual_hours * 60 == 20);

	assert_int_equal(db_outcome_delete(f->db, f->past_accepted, NULL), WIT_OK);
	assert_int_equal(db_outcome_get(f->db, f->past_accepted, &got, NULL), WIT_NOTFOUND);
	assert_int_equal(db_outcome_delete(f->db, f->past_accepted, NULL), WIT_NOTFOUND);
	outcome_done(&got);
	outcome_done(&o);
}

static void test_outcome_bad_values_write_nothing(void **state)
{
	struct fixture *f = *state;
	struct outcome o;
	outcome_init(&o);
	o.invitation_id = f->past_attended;
	char *why = NULL;
	o.rating = 9;
	assert_int_equal(db_outcome_put(f->db, &o, NOW, &why), WIT_DATA);
	assert_string_equal(why, "rating: 9 is not 1-5 (or 0 for no rating)");
	o.rating = 3;
	o.actual_hours = -1;
	assert_int_equal(db_outcome_put(f->db, &o, NOW, &why), WIT_DATA);
	assert_string_equal(why, "hours: -1 is not between 0 and 1000");
	o.actual_hours = 1;
	o.revenue_minor = -5;
	assert_int_equal(db_outcome_put(f->db, &o, NOW, &why), WIT_DATA);
	o.revenue_minor = 0;
	o.leads = -1;
	assert_int_equal(db_outcome_put(f->db, &o, NOW, &why), WIT_DATA);
	assert_string_equal(why, "leads: -1 is negative");
	o.leads = 0;
	o.invitation_id = 99999;
	assert_int_equal(db_outcome_put(f->db, &o, NOW, &why), WIT_NOTFOUND);
	assert_string_equal(why, "no invitation with id 99999");
	free(why);
	struct outcome got;
	outcome_init(&got);
	assert_int_equal(db_outcome_get(f->db, f->past_attended, &got, NULL), WIT_NOTFOUND);
	outcome_done(&got);
}

static void test_awaiting_review(void **state)
{
	struct fixture *f = *state;
	int64_t *ids = NULL;
	size_t n = 0;
	assert_int_equal(db_outcome_awaiting(f->db, NOW, &ids, &n, NULL), WIT_OK);
	/* oldest first; pending and future ones are not waiting */
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], f->past_attended);
	assert_int_equal(ids[1], f->past_accepted);
	free(ids);

	struct outcome o;
	outcome_init(&o);
	o.invitation_id = f->past_attended;
	o.actual_hours = 3;
	assert_int_equal(db_outcome_put(f->db, &o, NOW, NULL), WIT_OK);
	assert_int_equal(db_outcome_awaiting(f->db, NOW, &ids, &n, NULL), WIT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], f->past_accepted);
	free(ids);
	/* a week later the future one has ended too */
	assert_int_equal(db_outcome_awaiting(f->db, NOW + 8 * DAY, &ids, &n, NULL), WIT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ids[1], f->future);
	free(ids);
	assert_int_equal(db_outcome_delete(f->db, f->past_attended, NULL), WIT_OK);
}

static int64_t add_contact(struct db *db, const char *name, const char *email, int64_t met,
                           int64_t referrer)
{
	struct contact c;
	contact_init(&c);
	c.name = xstrdup(name);
	c.company = xstrdup("Hartwell & Price LLP");
	c.email = email ? xstrdup(email) : NULL;
	c.met_at_invitation = met;
	c.referred_by = referrer;
	int64_t id = 0;
	char *why = NULL;
	if (db_contact_add(db, &c, NOW, &id, &why) != WIT_OK)
		fail_msg("db_contact_add: %s", why);
	contact_done(&c);
	return id;
}

static void test_contacts_and_referrals(void **state)
{
	struct fixture *f = *state;
	int64_t ann = add_contact(f->db, "Ann Lee", "Ann.Lee@HartwellPrice.example",
	                          f->past_attended, 0);
	int64_t bo = add_contact(f->db, "Bo Ruiz", "bo@clinic.example", 0, ann);
	int64_t cy = add_contact(f->db, "Cy Tran", NULL, 0, bo);

	struct contact c;
	contact_init(&c);
	assert_int_equal(db_contact_get(f->db, bo, &c, NULL), WIT_OK);
	assert_int_equal(c.id, bo);
	assert_string_equal(c.name, "Bo Ruiz");
	assert_string_equal(c.company, "Hartwell & Price LLP");
	assert_string_equal(c.email, "bo@clinic.example");
	assert_int_equal(c.met_at_invitation, 0);
	assert_int_equal(c.referred_by, ann);
	assert_false(c.is_client);
	assert_null(c.notes);

	int64_t id = 0;
	assert_int_equal(db_contact_find_email(f->db, "ann.lee@hartwellprice.example", &id, NULL),
	                 WIT_OK);
	assert_int_equal(id, ann);
	assert_int_equal(db_contact_find_email(f->db, "nobody@x.example", &id, NULL), WIT_NOTFOUND);
	assert_int_equal(db_contact_find_name(f->db, "cy tran", &id, NULL), WIT_OK);
	assert_int_equal(id, cy);

	/* Ann referred by Cy would close the loop Ann -> Bo -> Cy -> Ann */
	char *why = NULL;
	assert_int_equal(db_contact_get(f->db, ann, &c, NULL), WIT_OK);
	c.referred_by = cy;
	assert_int_equal(db_contact_update(f->db, &c, &why), WIT_DATA);
	assert_non_null(strstr(why, "loop"));
	c.referred_by = ann;
	assert_int_equal(db_contact_update(f->db, &c, &why), WIT_DATA);
	/* a real update: she became a client */
	c.referred_by = 0;
	c.is_client = true;
	free(c.notes);
	c.notes = xstrdup("Signed the intake portal");
	assert_int_equal(db_contact_update(f->db, &c, NULL), WIT_OK);
	assert_int_equal(db_contact_get(f->db, ann, &c, NULL), WIT_OK);
	assert_true(c.is_client);
	assert_string_equal(c.notes, "Signed the intake portal");
	assert_int_equal(c.met_at_invitation, f->past_attended);

	/* bad references and names write nothing */
	struct contact bad;
	contact_init(&bad);
	bad.name = xstrdup("Ghost");
	bad.referred_by = 4242;
	assert_int_equal(db_contact_add(f->db, &bad, NOW, NULL, &why), WIT_NOTFOUND);
	assert_string_equal(why, "referred-by: no contact with id 4242");
	bad.referred_by = 0;
	bad.met_at_invitation = 777;
	assert_int_equal(db_contact_add(f->db, &bad, NOW, NULL, &why), WIT_NOTFOUND);
	assert_string_equal(why, "met-at: no invitation with id 777");
	bad.met_at_invitation = 0;
	free(bad.name);
	bad.name = xstrdup("");
	assert_int_equal(db_contact_add(f->db, &bad, NOW, NULL, &why), WIT_DATA);
	contact_done(&bad);

	add_contact(f->db, "Bo Ruiz", NULL, 0, 0);
	assert_int_equal(db_contact_find_name(f->db, "Bo Ruiz", &id, &why), WIT_DATA);
	assert_non_null(strstr(why, "two contacts are named \"Bo Ruiz\""));
	free(why);

	struct contact *all = NULL;
	size_t n = 0;
	assert_int_equal(db_contact_list(f->db, &all, &n, NULL), WIT_OK);
	assert_int_equal(n, 4);
	assert_string_equal(all[0].name, "Ann Lee");
	assert_string_equal(all[1].name, "Bo Ruiz");
	assert_int_equal(all[1].id, bo);
	assert_string_equal(all[3].name, "Cy Tran");
	db_contact_free_all(all, n);
	contact_done(&c);
}

static void test_deals(void **state)
{
	struct fixture *f = *state;
	int64_t dee = add_contact(f->db, "Dee Park", "dee@northgate.example", 0, 0);
	int64_t eli = add_contact(f->db, "Eli Stone", NULL, 0, dee);
	struct deal d;
	deal_init(&d);
	d.contact_id = dee;
	d.amount_minor = 1800000;
	strcpy(d.currency, "USD");
	d.closed_at = NOW - 200 * DAY;
	d.note = xstrdup("Patient intake portal, phase 1");
	int64_t first = 0;
	assert_int_equal(db_deal_add(f->db, &d, &first, NULL), WIT_OK);
	d.amount_minor = 600000;
	d.closed_at = NOW - 300 * DAY; /* older, listed first */
	assert_int_equal(db_deal_add(f->db, &d, NULL, NULL), WIT_OK);
	d.contact_id = eli;
	d.amount_minor = 950000;
	d.closed_at = NOW - 30 * DAY;
	assert_int_equal(db_deal_add(f->db, &d, NULL, NULL), WIT_OK);

	struct deal *items = NULL;
	size_t n = 0;
	assert_int_equal(db_deal_list(f->db, dee, &items, &n, NULL), WIT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].amount_minor, 600000);
	assert_int_equal(items[1].id, first);
	assert_string_equal(items[1].currency, "USD");
	assert_string_equal(items[1].note, "Patient intake portal, phase 1");
	assert_int_equal(items[1].closed_at, NOW - 200 * DAY);
	db_deal_free_all(items, n);
	assert_int_equal(db_deal_list(f->db, 0, &items, &n, NULL), WIT_OK);
	assert_int_equal(n, 3);
	db_deal_free_all(items, n);

	char *why = NULL;
	d.amount_minor = -1;
	assert_int_equal(db_deal_add(f->db, &d, NULL, &why), WIT_DATA);
	d.amount_minor = 1;
	d.contact_id = 5555;
	assert_int_equal(db_deal_add(f->db, &d, NULL, &why), WIT_NOTFOUND);
	assert_string_equal(why, "contact: no contact with id 5555");
	d.contact_id = dee;
	strcpy(d.currency, "usd");
	assert_int_equal(db_deal_add(f->db, &d, NULL, &why), WIT_DATA);
	free(why);

	struct deal got;
	deal_init(&got);
	assert_int_equal(db_deal_get(f->db, first, &got, NULL), WIT_OK);
	assert_int_equal(got.amount_minor, 1800000);
	assert_int_equal(db_deal_delete(f->db, first, NULL), WIT_OK);
	assert_int_equal(db_deal_get(f->db, first, &got, NULL), WIT_NOTFOUND);
	deal_done(&got);
	deal_done(&d);
}

static void test_callers_transaction_rolls_back(void **state)
{
	struct fixture *f = *state;
	struct contact *all = NULL;
	size_t before = 0, after = 0;
	assert_int_equal(db_contact_list(f->db, &all, &before, NULL), WIT_OK);
	db_contact_free_all(all, before);

	assert_int_equal(db_begin(f->db, NULL), WIT_OK);
	int64_t id = add_contact(f->db, "Temp", "temp@x.example", 0, 0);
	struct deal d;
	deal_init(&d);
	d.contact_id = id;
	d.amount_minor = 100;
	assert_int_equal(db_deal_add(f->db, &d, NULL, NULL), WIT_OK);
	struct outcome o;
	outcome_init(&o);
	o.invitation_id = f->past_pending;
	assert_int_equal(db_outcome_put(f->db, &o, NOW, NULL), WIT_OK);
	db_rollback(f->db);

	assert_int_equal(db_contact_list(f->db, &all, &after, NULL), WIT_OK);
	db_contact_free_all(all, after);
	assert_int_equal(after, before);
	assert_int_equal(db_outcome_get(f->db, f->past_pending, &o, NULL), WIT_NOTFOUND);
	outcome_done(&o);
	deal_done(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outcome_round_trip_and_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcome_bad_values_write_nothing, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_awaiting_review, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contacts_and_referrals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_callers_transaction_rolls_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
