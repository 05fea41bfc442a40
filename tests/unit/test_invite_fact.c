/*
 * test_invite_fact.c: one fact at a time (invite_fact.h): names and
 * aliases, field=value for every fact with its limits (the invitation
 * unchanged on error), formatting read back by the parser, copying a
 * fact, and the defaults of config places/defaults with "me" dropped
 * from the attendees; facts the user set are never defaulted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "worthit/invite_fact.h"
#include "worthit/timeutil.h"

static int zero_offset(int64_t t, void *arg)
{
	(void)t;
	(void)arg;
	return 0;
}

static const struct when_zone UTC = {zero_offset, NULL};

static struct fact_edit_ctx ec(void)
{
	int64_t now = 0;
	time_parse_iso("2026-03-01T09:00:00Z", true, &now, NULL);
	return (struct fact_edit_ctx){.user_currency = "USD", .now = now, .zone = &UTC};
}

static void sample(struct invitation *inv)
{
	invitation_init(inv);
	inv->title = strdup("Breakfast");
	time_parse_iso("2026-03-10T07:00:00Z", true, &inv->starts_at, NULL);
	inv->ends_at = inv->starts_at + 5400;
	inv->kind = KIND_BREAKFAST;
}

static enum invite_fact set_ok(struct invitation *inv, const char *a)
{
	struct fact_edit_ctx c = ec();
	enum invite_fact f = FACT_COUNT;
	char *why = NULL;
	enum wit_status st = invite_fact_set(inv, a, &c, &f, &why);
	if (st != WIT_OK)
		fail_msg("%s: %s", a, why ? why : "?");
	free(why);
	return f;
}

static void set_bad(struct invitation *inv, const char *a, enum wit_status want, const char *frag)
{
	struct fact_edit_ctx c = ec();
	enum invite_fact f;
	char *why = NULL;
	struct invitation before;
	invitation_copy(&before, inv);
	assert_int_equal(invite_fact_set(inv, a, &c, &f, &why), want);
	if (why == NULL || strstr(why, frag) == NULL)
		fail_msg("%s: \"%s\" lacks \"%s\"", a, why ? why : "(null)", frag);
	free(why);
	assert_int_equal(inv->travel_min, before.travel_min);
	assert_int_equal(inv->ticket_minor, before.ticket_minor);
	assert_int_equal(inv->n_shares, before.n_shares);
	assert_int_equal(inv->starts_at, before.starts_at);
	invitation_done(&before);
}

static void test_names(void **state)
{
	(void)state;
	for (int f = 0; f < FACT_COUNT; f++)
		assert_int_equal(invite_fact_from_name(invite_fact_name((enum invite_fact)f)), f);
	assert_int_equal(invite_fact_from_name("travel"), FACT_TRAVEL);
	assert_int_equal(invite_fact_from_name("fee"), FACT_FEE);
	assert_int_equal(invite_fact_from_name("virtual"), FACT_REACH);
	assert_int_equal(invite_fact_from_name("duration"), FACT_ENDS_AT);
	assert_int_equal(invite_fact_from_name("colour"), -1);
	for (int s = 0; s < FACT_SOURCE_COUNT; s++)
		assert_int_equal(fact_source_from_name(fact_source_name((enum fact_source)s)), s);
}

static void test_set(void **state)
{
	(void)state;
	struct invitation inv;
	sample(&inv);
	assert_int_equal(set_ok(&inv, "travel_min=25"), FACT_TRAVEL);
	assert_int_equal(inv.travel_min, 25);
	set_ok(&inv, "ticket=45.5");
	assert_int_equal(inv.ticket_minor, 4550);
	set_ok(&inv, "currency=jpy");
	assert_string_equal(inv.currency, "JPY");
	set_ok(&inv, "ticket=3000");
	assert_int_equal(inv.ticket_minor, 3000); /* JPY: no decimals */
	set_bad(&inv, "ticket=30.5", WIT_DATA, "not an amount in JPY");
	set_ok(&inv, "expected_attendance=60");
	assert_int_equal(inv.expected_attendance, 60);
	assert_int_equal(set_ok(&inv, "audience=industry:Legal:0.3,~role:owner=0.5"), FACT_AUDIENCE);
	assert_int_equal(inv.n_shares, 2);
	assert_string_equal(inv.shares[0].value, "legal");
	assert_true(inv.shares[1].is_second_degree);
	set_ok(&inv, "audience=");
	assert_int_equal(inv.n_shares, 0);
	set_ok(&inv, "start=2026-03-12 08:00");
	assert_int_equal(inv.ends_at - inv.starts_at, 5400); /* duration kept */
	set_ok(&inv, "duration=45m");
	assert_int_equal(inv.ends_at - inv.starts_at, 2700);
	set_ok(&inv, "speaking_fee=200");
	assert_true(inv.is_speaking);
	set_ok(&inv, "speaking=false");
	assert_int_equal(inv.speaking_fee_minor, 0);
	set_ok(&inv, "virtual=true");
	assert_int_equal(inv.reach, REACH_VIRTUAL);
	assert_int_equal(inv.travel_min, 0);
	set_bad(&inv, "travel_min=10", WIT_DATA, "a virtual event has no travel");
	set_ok(&inv, "virtual=false");
	assert_int_equal(inv.reach, REACH_LOCAL);
	set_ok(&inv, "attendees=Ana <ana@x.org>, bo@y.org;");
	assert_string_equal(inv.attendees, "Ana <ana@x.org>\nbo@y.org");
	set_ok(&inv, "location=");
	assert_null(inv.location);
	set_bad(&inv, "title=", WIT_DATA, "title: must not be empty");
	set_bad(&inv, "travel_min=1441", WIT_DATA, "from 0 to 1440");
	set_bad(&inv, "travel_min=-1", WIT_DATA, "whole number");
	set_bad(&inv, "kind=brunch", WIT_DATA, "kind: \"brunch\"");
	set_bad(&inv, "audience=industry:legal:1.5", WIT_DATA, "audience:");
	set_bad(&inv, "audience=colour:red:0.5", WIT_DATA, "audience:");
	set_bad(&inv, "currency=EURO", WIT_DATA, "three-letter");
	set_bad(&inv, "end=2026-01-01 00:00", WIT_DATA, "before the start");
	set_bad(&inv, "start=2026-02-30 10:00", WIT_DATA, "has 28 days");
	set_bad(&inv, "speaking=perhaps", WIT_DATA, "true or false");
	set_bad(&inv, "colour=red", WIT_USAGE, "colour: no such field");
	set_bad(&inv, "travel_min", WIT_USAGE, "expected field=value");
	invitation_done(&inv);
}

static void test_format_round_trip(void **state)
{
	(void)state;
	struct invitation a, b;
	sample(&a);
	set_ok(&a, "ticket=12.5");
	set_ok(&a, "audience=industry:legal:0.25,role:partner:0.5");
	set_ok(&a, "attendees=Ana <ana@x.org>,bo@y.org");
	set_ok(&a, "location=Town Hall");
	sample(&b);
	char buf[512], assign[600];
	for (int f = 0; f < FACT_COUNT; f++) {
		invite_fact_format(&a, (enum invite_fact)f, &UTC, buf, sizeof buf);
		if (f == FACT_DESCRIPTION || f == FACT_URL || f == FACT_ORGANIZER ||
		    (f == FACT_CURRENCY && buf[0] == '\0'))
			continue;
		snprintf(assign, sizeof assign, "%s=%s", invite_fact_name((enum invite_fact)f), buf);
		set_ok(&b, assign);
	}
	assert_int_equal(b.starts_at, a.starts_at);
	assert_int_equal(b.ends_at, a.ends_at);
	assert_int_equal(b.ticket_minor, 1250);
	assert_int_equal(b.n_shares, 2);
	assert_string_equal(b.attendees, a.attendees);
	assert_string_equal(b.location, "Town Hall");
	/* copying one fact */
	struct invitation c;
	sample(&c);
	invite_fact_copy(&c, &a, FACT_AUDIENCE);
	invite_fact_copy(&c, &a, FACT_LOCATION);
	assert_int_equal(c.n_shares, 2);
	assert_string_equal(c.location, "Town Hall");
	assert_int_equal(c.ticket_minor, 0);
	invitation_done(&a);
	invitation_done(&b);
	invitation_done(&c);
}

static void test_defaults(void **state)
{
	(void)state;
	struct wit_config *cfg = calloc(1, sizeof *cfg);
	config_defaults(cfg);
	cfg->n_places = 1;
	snprintf(cfg->places[0].match, sizeof cfg->places[0].match, "blue bottle");
	cfg->places[0].travel_min = 12;
	cfg->n_me = 1;
	snprintf(cfg->me[0], sizeof cfg->me[0], "me@example.com");
	int prior[KIND_COUNT];
	bool learned[KIND_COUNT] = {false};
	memcpy(prior, cfg->default_attendance, sizeof prior);
	prior[KIND_MEETUP] = 77;
	learned[KIND_MEETUP] = true;

	struct invitation inv;
	struct invite_origins o;
	sample(&inv);
	inv.location = strdup("The BLUE Bottle, Main St");
	inv.attendees = strdup("Me <ME@example.com>\nAna <ana@x.org>\nmailto:me@example.com");
	invite_origins_init(&o);
	invite_fact_defaults(cfg, prior, learned, &inv, &o);
	assert_int_equal(inv.travel_min, 12);
	assert_string_equal(o.fact[FACT_TRAVEL].note, "place \"blue bottle\"");
	assert_int_equal(inv.prep_min, cfg->default_prep_min[KIND_BREAKFAST]);
	assert_string_equal(o.fact[FACT_PREP].note, "default for breakfast");
	assert_int_equal(inv.expected_attendance, cfg->default_attendance[KIND_BREAKFAST]);
	assert_int_equal(o.fact[FACT_ATTENDANCE].source, FACT_FROM_DEFAULT);
	assert_string_equal(inv.attendees, "Ana <ana@x.org>");
	invitation_done(&inv);

	/* no place: the reach's default; learned room size; user facts kept */
	sample(&inv);
	inv.kind = KIND_MEETUP;
	inv.reach = REACH_REGIONAL;
	invite_origins_init(&o);
	o.fact[FACT_PREP].source = FACT_FROM_USER;
	invite_fact_defaults(cfg, prior, learned, &inv, &o);
	assert_int_equal(inv.travel_min, cfg->default_travel_min[REACH_REGIONAL]);
	assert_string_equal(o.fact[FACT_TRAVEL].note, "default for regional events");
	assert_int_equal(inv.prep_min, 0);
	assert_int_equal(inv.expected_attendance, 77);
	assert_string_equal(o.fact[FACT_ATTENDANCE].note, "learned from your logged meetup events");
	invitation_done(&inv);

	/* stated values and virtual events are left alone */
	sample(&inv);
	inv.travel_min = 5;
	inv.expected_attendance = 9;
	invite_origins_init(&o);
	invite_fact_defaults(cfg, prior, learned, &inv, &o);
	assert_int_equal(inv.travel_min, 5);
	assert_int_equal(inv.expected_attendance, 9);
	assert_int_equal(o.fact[FACT_TRAVEL].source, FACT_FROM_FILE);
	inv.reach = REACH_VIRTUAL;
	inv.travel_min = 0;
	invite_origins_init(&o);
	invite_fact_defaults(cfg, prior, learned, &inv, &o);
	assert_int_equal(inv.travel_min, 0);
	invitation_done(&inv);
	assert_int_equal(invite_fact_default_duration(KIND_COFFEE), 45);
	free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
