/*
 * test_score_doc.c: docs/scoring.md and src/score*.c must agree. This
 * recomputes the document's worked example and checks every number it
 * shows, and checks that the document's knob table lists every knob
 * with its section and default. It reads $WORTHIT_TOP/docs/scoring.md
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
	ctx.n_clients = 1;
	ctx.n_warm = 1;
	strcpy(ctx.contact_name, "Ann Lee");
	ctx.track[TRACK_KIND] = (struct score_track){ 4, 10.0, 2, 0, 0 };
	ctx.track[TRACK_ORGANIZER] = (struct score_track){ 2, 5.0, 1, 0, 120000 };
	struct score_result r;
	score_compute(&inv, &ctx, &cfg, &r);

	/* the intermediate figures, as the document prints them */
	doc_shows_number("0.5^0.4 = 0.36 × 0.3976 × 0.7579 = ", r.match, 6, "; prospects");
	doc_shows_number("prospects = 0.108481 × 40 =\n", r.prospects, 3, ";");
	doc_shows_number("met = 0.108481 × min(40, 10) = ", r.prospects_met, 3, ";");
	doc_shows_number("raw = 1.085 / 2.585 = ", r.part[SC_OVERLAP].raw, 4, ".");
	doc_shows_number("hours = 2 + (2 × 30 + 30) / 60 = ", r.hours, 1, ";");
	char buf[64];
	snprintf(buf, sizeof buf, "= %lld\n(550 USD)", (long long)r.cost_minor);
	doc_shows(buf);
	doc_shows_number("cost_hours = ", r.cost_rate_hours, 4, ";");
	doc_shows_number("outside the window: outside = ", r.outside_min, 0, ";");
	doc_shows_number("after = 5 + 3.5 = ", r.budget_after_hours, 1, ",");
	doc_shows_number("(5 + 12) =\n", r.roi, 4, " (");
	doc_shows_number("(", r.value_per_hour_minor / 100.0, 2, " USD/h)");
	doc_shows_number("points = 1 × 1 + 1 × 0.5 = ", r.relationship_points, 1, ";");
	/* the table: every raw, weight and contribution */
	for (int c = 0; c < SC_COUNT; c++) {
		char row[200];
		snprintf(row, sizeof row, "| %s | %.4f | %g | %.2f |", score_component_name(c),
		         r.part[c].raw, r.part[c].weight, r.part[c].contribution);
		doc_shows(row);
	}
	doc_shows_number("| **total** | | | **", r.total, 2, "** |");
	doc_shows_number("\n", r.total, 2, " < 51: the verdict is **skip**.");
	assert_int_equal(r.verdict, VERDICT_SKIP);
	/* and the numbers a reader can recompute by hand */
	assert_true(fabs(r.match - 0.36 * pow(0.215, 0.6) * pow(0.5, 0.4)) < 1e-12);
	assert_true(fabs(r.match - 0.108481) < 1e-6);
	assert_true(fabs(r.total - 49.276352) < 1e-6);
	char line[200];
	score_explain(&r, &inv, &ctx, &cfg, SC_TIME_COST, line, sizeof line);
	doc_shows(line);
	score_explain(&r, &inv, &ctx, &cfg, SC_OVERLAP, line, sizeof line);
	assert_string_equal(line, "≈4.3 of 40 attendees match your customers (11 %), ≈1.1 among "
	                          "the 10 you get to talk to; industry 36 %, role 22 %, company "
	                          "size not described (assumed 50 %); 'knows a buyer' counted at "
	                          "10 %");
	score_explain(&r, &inv, &ctx, &cfg, SC_TRACK_RECORD, line, sizeof line);
	assert_string_equal(line, "past events: n=2 organizer, n=4 kind → ≈0.9× your rate per "
	                          "hour (136.36 USD/h, shrunk to a prior)");
	invitation_done(&inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_knob_table),
		cmocka_unit_test(test_worked_example),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
