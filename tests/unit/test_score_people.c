/*
 * test_score_people.c: one test per person of ../shared/background/,
 * each with a config and invitations written from their post, asserting
 * the verdicts and orderings a reader of that post would expect from
 * score v2 (docs/scoring.md). Contexts are built by hand the way
 * app_score.c fills them from the database (committed hours, people
 * matched to contacts with their deals and attribution credit, the
 * history of rooms, organizers and series).
 *
 *   000 "How much should entrepreneurs network": three hours at an event
 *       are three hours not spent with customers; strive for balance: an
 *       empty month turns a fair room into go, a month past its band
 *       needs more and says how far over.
 *   001 "All networking is not created equal": rooms of business owners
 *       who "know someone" are skip; the legislative breakfast where
 *       buyers come, and lunch with a former colleague who now buys,
 *       are go.
 *   002 the school-run virtual assistant: nothing before 09:30 or after
 *       15:00 (blocked: skip whatever the score), travel eats billable
 *       hours, a national online business gains little from local rooms.
 *   003 "Be selfish about selfless networking": the referrer behind most
 *       revenue is worth lunch; a stranger's pick-your-brain coffee does
 *       not inherit that referrer's rate; a paid keynote's fee is netted
 *       against its cost.
 *   004 "The one excuse not to network": strangers' rooms are skip; the
 *       people who already matter (a client's quarterly review, a client
 *       Zoom) rank with the best rooms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "score_fixture.h"

#define UTC_MINUS_5 (-5 * 3600)

struct scored {
	struct invitation inv;
	struct score_context ctx;
	struct score_result r;
};

static void event(struct scored *s, int day, int h, int mi, int minutes, int attendance)
{
	invitation_init(&s->inv);
	s->inv.starts_at = fixture_local(2026, 3, day, h, mi);
	s->inv.ends_at = s->inv.starts_at + minutes * 60;
	s->inv.expected_attendance = attendance;
	score_context_init(&s->ctx);
	s->ctx.now = time_from_utc_fields(2026, 3, 1, 9, 0, 0);
	s->ctx.utc_offset_sec = UTC_MINUS_5;
}

static void score(struct scored *s, const struct wit_config *cfg)
{
	score_compute(&s->inv, &s->ctx, cfg, &s->r);
}

static void done(struct scored *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		invitation_done(&s[i].inv);
}

static void explains(const struct scored *s, const struct wit_config *cfg, int what,
                     const char *part)
{
	char line[600];
	score_explain(&s->r, &s->inv, &s->ctx, cfg, what, line, sizeof line);
	if (strstr(line, part) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", line, part);
}

/* A developer selling custom software to mid-size law firms and
 * clinics: the fixture user (150 USD/h, Mon-Fri 08:00-18:00). */
static void developer(struct wit_config *cfg)
{
	fixture_config(cfg);
	fixture_segment(&cfg->profile[DIM_INDUSTRY], "healthcare", 0.9);
	fixture_segment(&cfg->profile[DIM_INDUSTRY], "retail", 0.05);
	fixture_segment(&cfg->profile[DIM_ROLE], "practice_manager", 0.9);
	fixture_segment(&cfg->profile[DIM_COMPANY_SIZE], "solo", 0.05);
}

/* 000: a fair room (buyers present, value about its cost) is go in an
 * empty month, maybe once the month is full, skip well past the band;
 * three hours with nobody who buys are skip however empty the month. */
static void test_000_balance(void **state)
{
	(void)state;
	struct wit_config cfg;
	developer(&cfg);
	cfg.budget_min_hours = 6;
	cfg.budget_max_hours = 12;
	struct scored s[4];
	for (int i = 0; i < 3; i++) {
		event(&s[i], 17, 17, 0, 120, 15);
		s[i].inv.travel_min = 20;
		fixture_share(&s[i].inv, DIM_INDUSTRY, "legal", 0.4, false);
		fixture_share(&s[i].inv, DIM_ROLE, "partner", 0.4, false);
		s[i].ctx.committed_hours = i == 0 ? 0 : i == 1 ? 11 : 16;
		score(&s[i], &cfg);
	}
	assert_int_equal(s[0].r.verdict, VERDICT_GO);     /* an empty month */
	assert_int_not_equal(s[1].r.verdict, VERDICT_GO); /* at the top: more needed */
	assert_int_equal(s[2].r.verdict, VERDICT_SKIP);   /* well over */
	assert_true(s[0].r.total > s[1].r.total && s[1].r.total > s[2].r.total);
	/* 16 h + 2 h 40 min: the whole event is over the band */
	explains(&s[2], &cfg, SC_OVER_BAND, "2 h 40 min over your 6–12 h band");
	explains(&s[0], &cfg, SC_BALANCE, "the value counts × 1.50");
	/* three hours among people who do not buy: skip, month or not */
	event(&s[3], 18, 14, 0, 150, 40);
	s[3].inv.travel_min = 15;
	fixture_share(&s[3].inv, DIM_INDUSTRY, "retail", 0.8, false);
	fixture_share(&s[3].inv, DIM_COMPANY_SIZE, "solo", 0.7, false);
	score(&s[3], &cfg);
	assert_int_equal(s[3].r.verdict, VERDICT_SKIP);
	done(s, 4);
}

/* 001: the chamber mixer of small business owners ("they KNOW someone")
 * is skip; the legislative breakfast where partners and administrators
 * come is go; so is lunch with a former colleague who now buys (a
 * prospect); the breakfast and the lunch rank above the mixer. */
static void test_001_buyers_not_owners(void **state)
{
	(void)state;
	struct wit_config cfg;
	developer(&cfg);
	struct scored mixer, legislative, colleague;
	event(&mixer, 10, 17, 30, 120, 60);
	mixer.inv.travel_min = 15;
	fixture_share(&mixer.inv, DIM_ROLE, "owner", 0.8, false);
	fixture_share(&mixer.inv, DIM_COMPANY_SIZE, "solo", 0.6, false);
	fixture_share(&mixer.inv, DIM_INDUSTRY, "legal", 0.5, true); /* they know someone */
	score(&mixer, &cfg);
	event(&legislative, 12, 8, 0, 120, 120);
	legislative.inv.travel_min = 20;
	fixture_share(&legislative.inv, DIM_INDUSTRY, "legal", 0.4, false);
	fixture_share(&legislative.inv, DIM_INDUSTRY, "healthcare", 0.2, false);
	fixture_share(&legislative.inv, DIM_ROLE, "partner", 0.4, false);
	fixture_share(&legislative.inv, DIM_COMPANY_SIZE, "medium", 0.5, false);
	score(&legislative, &cfg);
	event(&colleague, 19, 12, 0, 75, 2);
	colleague.inv.travel_min = 15;
	colleague.ctx.people.prospects = 1; /* contact edit "Daniel" --prospect */
	score(&colleague, &cfg);
	assert_int_equal(mixer.r.verdict, VERDICT_SKIP);
	assert_int_equal(legislative.r.verdict, VERDICT_GO);
	assert_int_equal(colleague.r.verdict, VERDICT_GO);
	assert_true(legislative.r.total > mixer.r.total + 30);
	assert_true(colleague.r.total > mixer.r.total + 30);
	/* the mixer's second-degree audience is worth a tenth of buyers */
	explains(&mixer, &cfg, SC_ROOM, "'knows a buyer' counted at 10 %");
	explains(&colleague, &cfg, SC_PEOPLE, "1 prospect × 900 USD");
	/* the same lunch with a stranger: the person was the value */
	colleague.ctx.people.prospects = 0;
	score(&colleague, &cfg);
	assert_int_equal(colleague.r.verdict, VERDICT_SKIP);
	done(&mixer, 1);
	done(&legislative, 1);
	done(&colleague, 1);
}

/* 002: a virtual assistant, clients up and down the country (online),
 * billing 30 GBP an hour, school run: nothing before 09:30 or after
 * 15:00 on weekdays. The 06:30 breakfast and the 19:30 webinar are
 * skip by the blocked gate (the reason named, the score still shown);
 * a 10:30 call with a client is go; a mid-morning local meeting loses
 * to the same room online (travel, and a local room is worth little to
 * an online business). */
static void test_002_school_run(void **state)
{
	(void)state;
	struct wit_config cfg;
	fixture_config(&cfg);
	cfg.hourly_rate_minor = 3000;
	memcpy(cfg.currency, "GBP", 4);
	cfg.scope = SCOPE_ONLINE;
	for (int d = 1; d <= 5; d++) {
		cfg.n_blocked[d] = 2;
		cfg.blocked[d][0] = (struct avail_window){ 0, 9 * 60 + 30 };
		cfg.blocked[d][1] = (struct avail_window){ 15 * 60, 1440 };
		cfg.avail[d][0] = (struct avail_window){ 9 * 60 + 30, 15 * 60 };
	}
	struct scored breakfast, webinar, client, local, online;
	event(&breakfast, 10, 6, 30, 90, 30);
	breakfast.inv.travel_min = 20;
	fixture_share(&breakfast.inv, DIM_ROLE, "owner", 0.7, false);
	breakfast.ctx.people.warm = 2;
	score(&breakfast, &cfg);
	event(&webinar, 11, 19, 30, 60, 200);
	webinar.inv.reach = REACH_VIRTUAL;
	fixture_share(&webinar.inv, DIM_ROLE, "owner", 0.5, false);
	score(&webinar, &cfg);
	assert_int_equal(breakfast.r.gate, GATE_BLOCKED);
	assert_int_equal(breakfast.r.verdict, VERDICT_SKIP);
	assert_int_equal(webinar.r.gate, GATE_BLOCKED);
	assert_int_equal(webinar.r.verdict, VERDICT_SKIP);
	assert_true(breakfast.r.total > 0 && webinar.r.total > 0); /* shown */
	explains(&breakfast, &cfg, SCORE_EXPLAIN_GATE, "inside your blocked hours (Tue 00:00-09:30)");
	explains(&webinar, &cfg, SCORE_EXPLAIN_GATE, "inside your blocked hours (Wed 15:00-24:00)");
	/* a client call at 10:30: inside her hours, go */
	event(&client, 12, 10, 30, 30, 2);
	client.inv.reach = REACH_VIRTUAL;
	client.ctx.people.clients = 1;
	client.ctx.people.client_deals_minor = 600000; /* 6,000 GBP */
	score(&client, &cfg);
	assert_int_equal(client.r.gate, GATE_NONE);
	assert_int_equal(client.r.verdict, VERDICT_GO);
	/* the same mid-morning networking room, in town or online */
	event(&local, 13, 10, 0, 120, 25);
	local.inv.travel_min = 30;
	fixture_share(&local.inv, DIM_INDUSTRY, "legal", 0.5, false);
	fixture_share(&local.inv, DIM_ROLE, "partner", 0.5, false);
	score(&local, &cfg);
	event(&online, 13, 10, 0, 120, 25);
	online.inv.reach = REACH_VIRTUAL;
	fixture_share(&online.inv, DIM_INDUSTRY, "legal", 0.5, false);
	fixture_share(&online.inv, DIM_ROLE, "partner", 0.5, false);
	score(&online, &cfg);
	assert_int_equal(local.r.gate, GATE_NONE);
	assert_true(online.r.total > local.r.total);
	assert_true(local.r.locality < online.r.locality); /* 0.2 against 0.9 */
	assert_true(local.r.hours > online.r.hours);       /* travel both ways */
	done(&breakfast, 1);
	done(&webinar, 1);
	done(&client, 1);
	done(&local, 1);
	done(&online, 1);
}

/* 003: a consultant whose key clients all trace back to one person.
 * Lunch with that referrer beats a conference of strangers; a
 * stranger's pick-your-brain coffee stays skip although the kind
 * "coffee" holds the referrer's lucrative coffees, and has no track
 * record of its own; a 2,500 USD keynote's fee is netted against its
 * cost. */
static void test_003_selfish_about_selfless(void **state)
{
	(void)state;
	struct wit_config cfg;
	developer(&cfg);
	struct scored lunch, conference, coffee, keynote;
	/* the history: 40 events, 9 of them coffees with Chris that
	 * brought 60,000 USD; attribution credits him 92 % of revenue */
	struct score_track all = { .events = 40, .hours = 90, .leads = 12,
		                   .revenue_minor = 6500000 };
	struct score_track coffees = { .events = 9, .hours = 12, .leads = 6,
		                       .revenue_minor = 6000000 };
	event(&lunch, 16, 12, 0, 90, 2);
	lunch.inv.travel_min = 15;
	lunch.ctx.all = all;
	lunch.ctx.people.referrers = 1;
	lunch.ctx.people.referrer_credit_minor = 6000000;
	lunch.ctx.people.organizer_known = true;
	lunch.ctx.track[TRACK_ORGANIZER] = coffees; /* his invitations */
	score(&lunch, &cfg);
	event(&conference, 17, 9, 0, 480, 600);
	conference.inv.travel_min = 45;
	conference.inv.ticket_minor = 49500;
	conference.inv.reach = REACH_REGIONAL;
	fixture_share(&conference.inv, DIM_INDUSTRY, "legal", 0.15, false);
	conference.ctx.all = all;
	score(&conference, &cfg);
	event(&coffee, 18, 9, 30, 60, 2);
	coffee.inv.kind = KIND_COFFEE;
	coffee.inv.travel_min = 15;
	coffee.ctx.all = all;
	coffee.ctx.track[TRACK_KIND] = coffees; /* the kind: only the room's prior */
	score(&coffee, &cfg);
	assert_int_equal(lunch.r.verdict, VERDICT_GO);
	assert_true(lunch.r.total > conference.r.total);
	assert_int_equal(coffee.r.verdict, VERDICT_SKIP);
	assert_true(coffee.r.part[SC_TRACK_RECORD].raw == 0.0);
	assert_true(coffee.r.part[SC_PEOPLE].raw == 0.0);
	/* the referrer's rate per hour is not the stranger's: less than a
	 * tenth of the lunch's value per hour of cost */
	assert_true(coffee.r.ratio < lunch.r.ratio / 10);
	assert_true(coffee.r.ratio < 1.0); /* "would I pay my rate for it?" no */
	explains(&lunch, &cfg, SC_PEOPLE, "1 referrer × 600 USD + 5 % of the 60000 USD credited "
	                                  "to them (referrals) 3000 USD");
	/* the keynote: 2,500 USD for a 45-minute talk, 3 h prep */
	event(&keynote, 24, 10, 0, 45, 300);
	keynote.inv.is_speaking = true;
	keynote.inv.speaking_fee_minor = 250000;
	keynote.inv.travel_min = 30;
	keynote.inv.prep_min = 180;
	keynote.ctx.all = all;
	score(&keynote, &cfg);
	assert_int_equal(keynote.r.cost_minor, 71250); /* 4 h 45 min at 150 */
	assert_int_equal(keynote.r.net_cost_minor, 71250 - 250000);
	assert_int_equal(keynote.r.verdict, VERDICT_GO);
	explains(&keynote, &cfg, SC_COST, "less the 2500 USD fee: net -1787.50 USD (the slot pays you)");
	/* without the fee the same slot is worth much less */
	struct scored unpaid = keynote;
	unpaid.inv.speaking_fee_minor = 0;
	score_compute(&unpaid.inv, &unpaid.ctx, &cfg, &unpaid.r);
	assert_true(unpaid.r.total < keynote.r.total - 20);
	done(&lunch, 1);
	done(&conference, 1);
	done(&coffee, 1);
	done(&keynote, 1);
}

/* 004: passive networking. A trade show full of strangers and a
 * chamber mixer are skip; the quarterly review a client organizes and
 * a 30-minute Zoom with a client are go and rank with, here above, the
 * best room of strangers (a legal-tech meetup full of buyers). */
static void test_004_people_who_matter(void **state)
{
	(void)state;
	struct wit_config cfg;
	developer(&cfg);
	struct scored show, mixer, review, zoom, best;
	event(&show, 5, 9, 0, 420, 2000);
	show.inv.travel_min = 40;
	show.inv.ticket_minor = 15000;
	show.inv.reach = REACH_REGIONAL;
	fixture_share(&show.inv, DIM_INDUSTRY, "retail", 0.6, false);
	score(&show, &cfg);
	event(&mixer, 10, 17, 30, 120, 50);
	mixer.inv.travel_min = 15;
	fixture_share(&mixer.inv, DIM_ROLE, "owner", 0.7, false);
	fixture_share(&mixer.inv, DIM_COMPANY_SIZE, "solo", 0.6, false);
	score(&mixer, &cfg);
	event(&review, 19, 10, 0, 60, 4);
	review.inv.travel_min = 20;
	review.ctx.people.clients = 2; /* their IT lead and the partner */
	review.ctx.people.client_deals_minor = 2 * 2400000;
	review.ctx.people.organizer_known = true;
	score(&review, &cfg);
	event(&zoom, 20, 11, 0, 30, 2);
	zoom.inv.reach = REACH_VIRTUAL;
	zoom.ctx.people.clients = 1;
	zoom.ctx.people.client_deals_minor = 1800000;
	score(&zoom, &cfg);
	event(&best, 24, 17, 0, 120, 40);
	best.inv.travel_min = 20;
	fixture_share(&best.inv, DIM_INDUSTRY, "legal", 0.6, false);
	fixture_share(&best.inv, DIM_ROLE, "partner", 0.5, false);
	fixture_share(&best.inv, DIM_COMPANY_SIZE, "medium", 0.6, false);
	score(&best, &cfg);
	assert_int_equal(show.r.verdict, VERDICT_SKIP);
	assert_int_equal(mixer.r.verdict, VERDICT_SKIP);
	assert_int_equal(best.r.verdict, VERDICT_GO);
	assert_int_equal(review.r.verdict, VERDICT_GO);
	assert_int_equal(zoom.r.verdict, VERDICT_GO);
	assert_true(review.r.total >= best.r.total);
	assert_true(zoom.r.total >= best.r.total);
	explains(&zoom, &cfg, SC_PEOPLE, "1 client × 600 USD + 5 % of their 18000 USD deals "
	                                 "(repeat business) 900 USD = 1500 USD");
	/* the room line of the Zoom does not pretend it is a room */
	explains(&zoom, &cfg, SC_ROOM, "of 1 other)");
	done(&show, 1);
	done(&mixer, 1);
	done(&review, 1);
	done(&zoom, 1);
	done(&best, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_000_balance),
		cmocka_unit_test(test_001_buyers_not_owners),
		cmocka_unit_test(test_002_school_run),
		cmocka_unit_test(test_003_selfish_about_selfless),
		cmocka_unit_test(test_004_people_who_matter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
