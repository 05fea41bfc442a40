/*
 * test_score_doc.c: docs/scoring.md and src/score*.c must agree. This
 * recomputes the document's two worked examples (score v2) and checks
 * every number and explanation line they show, and checks that the
 * document's knob table lists every knob with its section and default. It reads $WORTHIT_TOP/docs/scoring.md
 * (tests/run.sh sets WORTHIT_TOP) or ./docs/scoring.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score_fixture.h"
#include "worthit/xmalloc.h"

static char *doc;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *buf = xmalloc(cap);
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static int setup(void **state)
{
	(void)state;
	const char *top = getenv("WORTHIT_TOP");
	char path[4096];
	snprintf(path, sizeof path, "%s/docs/scoring.md", top != NULL ? top : ".");
	doc = slurp(path);
	if (doc == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(doc);
	return 0;
}

/* The text must appear in the document. */
static void doc_shows(const char *text)
{
	if (strstr(doc, text) == NULL)
		fail_msg("docs/scoring.md does not show \"%s\"", text);
}

/* The document shows x rounded to `decimals` places, as printed here. */
static void doc_shows_number(const char *before, double x, int decimals, const char *after)
{
	char buf[200];
	snprintf(buf, sizeof buf, "%s%.*f%s", before, decimals, x, after);
	doc_shows(buf);
}

static void test_knob_table(void **state)
{
	(void)state;
	for (int k = 0; k < KNOB_COUNT; k++) {
		const struct score_knob_info *i = score_knob_info(k);
		char row[200];
		snprintf(row, sizeof row, "| `%s` | %s | %.15g |", i->name, i->section, i->def);
		doc_shows(row);
	}
}

/* Every explanation line of r appears in the document as
 * "    name: line". */
static void doc_shows_lines(const struct score_result *r, const struct invitation *inv,
                            const struct score_context *ctx, const struct wit_config *cfg)
{
	for (int c = 0; c < SC_COUNT; c++) {
		char line[600], row[700];
		score_explain(r, inv, ctx, cfg, c, line, sizeof line);
		snprintf(row, sizeof row, "    %s: %s\n", score_component_name(c), line);
		doc_shows(row);
	}
}

static void test_worked_example(void **state)
{
	(void)state;
	struct wit_config cfg;
	fixture_config(&cfg);
	struct invitation inv;
	invitation_init(&inv);
	inv.starts_at = fixture_local(2026, 3, 10, 17, 0); /* Tuesday */
	inv.ends_at = inv.starts_at + 2 * 3600;
	inv.expected_attendance = 40;
	inv.travel_min = 30;
	inv.prep_min = 30;
	inv.ticket_minor = 2500;
	fixture_share(&inv, DIM_INDUSTRY, "legal", 0.3, false);
	fixture_share(&inv, DIM_INDUSTRY, "accounting", 0.1, false);
	fixture_share(&inv, DIM_ROLE, "partner", 0.2, false);
	fixture_share(&inv, DIM_ROLE, "owner", 0.3, true);
	struct score_context ctx;
	score_context_init(&ctx);
	ctx.utc_offset_sec = CDT;
	ctx.committed_hours = 5;
	ctx.people.clients = 1;
	ctx.people.client_deals_minor = 1200000;
	ctx.people.warm = 1;
	strcpy(ctx.contact_name, "Ann Lee");
	ctx.all = (struct score_track){ .events = 10, .hours = 25, .leads = 4,
		                        .revenue_minor = 600000, .people_met = 30 };
	ctx.track[TRACK_KIND] = (struct score_track){ .events = 4, .hours = 10, .leads = 2,
		                                      .people_met = 12 };
	ctx.track[TRACK_ORGANIZER] = (struct score_track){ .events = 2, .hours = 5, .leads = 1,
		                                           .revenue_minor = 120000 };
	struct score_result r;
	score_compute(&inv, &ctx, &cfg, &r);

	/* the intermediate figures, as the document prints them */
	doc_shows_number("0.215^0.6 × 0.5^0.4 = ", r.match, 6, "; others = 39");
	doc_shows_number("met = 0.108481 × 10 = ", r.prospects_met, 4, ".");
	doc_shows_number("value_per_buyer = (4 + 20 × 1.76) / (12 + 20) = ", r.buyer_value_hours,
	                 4, ".");
	doc_shows_number("room = 1.0848 × 1.2250 × 1 = ", r.part[SC_ROOM].raw, 4, ".");
	doc_shows_number("people = ", r.part[SC_PEOPLE].raw, 4, ".");
	doc_shows_number("est = 10 / (2 + 2) = ", r.part[SC_TRACK_RECORD].raw, 4, ".");
	doc_shows_number("balance = 0.5 × 1 = ", r.part[SC_BALANCE].raw, 4, " (");
	doc_shows_number("hours = 2 + (2 × 30 + 30) / 60 = ", r.hours, 1, ";");
	doc_shows_number("cost = (52500 + 2500) / 15000 = ", r.part[SC_COST].raw, 4, ".");
	doc_shows_number("90 / 60 × 0.5 = ", r.part[SC_AVAILABILITY].raw, 4, ".");
	doc_shows_number("× 1.5 = ", r.value, 4, "; C");
	doc_shows_number("C = 3.6667 + 0.7500 = ", r.cost_side, 4, ";");
	doc_shows_number("ratio ", r.ratio, 4, ";");
	doc_shows_number("score = 100 × 18.4933 / 22.9100 = **", r.total, 2, "**: **go**");
	assert_int_equal(r.verdict, VERDICT_GO);
	assert_true(fabs(r.value + r.cost_side - 22.91) < 5e-5);
	for (int c = 0; c < SC_COUNT; c++) {
		char row[200];
		snprintf(row, sizeof row, "| %s | %.4f | %g | %.2f |", score_component_name(c),
		         r.part[c].raw, r.part[c].weight, r.part[c].contribution);
		doc_shows(row);
	}
	doc_shows_number("| **total** | | | **", r.total, 2, "** |");
	/* and what a reader can recompute by hand */
	assert_true(fabs(r.match - 0.36 * pow(0.215, 0.6) * pow(0.5, 0.4)) < 1e-12);
	assert_true(fabs(r.buyer_value_hours - 1.225) < 1e-12);
	assert_true(fabs(r.total - 100 * (1.5 * (r.part[SC_ROOM].raw + 11)) /
	                               (1.5 * (r.part[SC_ROOM].raw + 11) + 11.0 / 3 + 0.75)) < 1e-9);
	doc_shows_lines(&r, &inv, &ctx, &cfg);
	invitation_done(&inv);
}

static void test_worked_example_zoom(void **state)
{
	(void)state;
	struct wit_config cfg;
	fixture_config(&cfg);
	struct invitation inv;
	invitation_init(&inv);
	inv.starts_at = fixture_local(2026, 3, 18, 11, 0); /* Wednesday */
	inv.ends_at = inv.starts_at + 1800;
	inv.reach = REACH_VIRTUAL;
	inv.expected_attendance = 2;
	struct score_context ctx;
	score_context_init(&ctx);
	ctx.utc_offset_sec = CDT;
	ctx.committed_hours = 4;
	ctx.people.clients = 1;
	ctx.people.client_deals_minor = 4000000;
	ctx.people.organizer_known = true;
	strcpy(ctx.contact_name, "Ann Lee");
	struct score_result r;
	score_compute(&inv, &ctx, &cfg, &r);
	doc_shows_number("local business) = ", r.part[SC_ROOM].raw, 4, ";");
	doc_shows_number("0.05 × 40000 / 150 = ", r.part[SC_PEOPLE].raw, 4, ";");
	doc_shows_number("× 1.5 = ", r.value, 4, ",");
	doc_shows_number("C = ", r.cost_side, 4, ": score");
	doc_shows_number("score = 100 × 26.0300 / 26.5300 = **", r.total, 2, "**: **go**");
	assert_int_equal(r.verdict, VERDICT_GO);
	doc_shows_lines(&r, &inv, &ctx, &cfg);
	invitation_done(&inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_knob_table),
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_worked_example_zoom),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
