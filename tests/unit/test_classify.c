/*
 * test_classify.c: keyword rules applied to imported invitations
 * (classify.h): whole-word, case-insensitive matching; kind only when the
 * source gave none; shares only when there are none, merged and scaled.
 * Expectations are worked out by hand from the rules written here and
 * from the built-in defaults (src/core/config.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "worthit/classify.h"
#include "worthit/config.h"
#include "worthit/xmalloc.h"

static void test_whole_words(void **state)
{
	(void)state;
	assert_true(classify_has_word("Legal Tech Breakfast", "breakfast"));
	assert_true(classify_has_word("BREAKFAST!", "breakfast"));
	assert_true(classify_has_word("law", "LAW"));
	assert_false(classify_has_word("Lawyers' lunch", "law"));
	assert_false(classify_has_word("outlaw", "law"));
	assert_true(classify_has_word("(law)", "law"));
	/* a blank in the word matches blanks, '-' and '_' */
	assert_true(classify_has_word("Java User Group", "user group"));
	assert_true(classify_has_word("user-group night", "user group"));
	assert_true(classify_has_word("user  \n group", "user group"));
	assert_false(classify_has_word("usergroup", "user group"));
	/* UTF-8 letters are word characters */
	assert_false(classify_has_word("lawé", "law"));
	assert_true(classify_has_word("é law é", "law"));
	assert_true(classify_has_word("cpa,legal", "cpa"));
	assert_false(classify_has_word(NULL, "law"));
	assert_false(classify_has_word("law", ""));
}

static const struct keyword_rule rules[] = {
	{ "coffee", KIND_COFFEE, -1, "", 0, false },
	{ "conference", KIND_CONFERENCE, -1, "", 0, false },
	{ "legal", -1, DIM_INDUSTRY, "legal", 0.4, false },
	{ "attorney", -1, DIM_INDUSTRY, "legal", 0.7, false },
	{ "healthcare", -1, DIM_INDUSTRY, "healthcare", 0.9, false },
	{ "partner", -1, DIM_ROLE, "partner", 0.5, false },
	{ "referral", -1, DIM_ROLE, "owner", 0.6, true },
};
#define N_RULES (sizeof rules / sizeof *rules)

static void test_kind_title_first(void **state)
{
	(void)state;
	struct invitation inv;
	invitation_init(&inv);
	inv.title = xstrdup("Coffee chat");
	inv.description = xstrdup("before the conference");
	assert_true(classify_apply(&inv, rules, N_RULES));
	/* conference comes first in rule order, but the title wins */
	assert_int_equal(inv.kind, KIND_COFFEE);
	assert_int_equal(inv.n_shares, 0);
	invitation_done(&inv);

	invitation_init(&inv);
	inv.title = xstrdup("Morning");
	inv.categories = xstrdup("Conference,Networking");
	inv.description = xstrdup("coffee served");
	classify_apply(&inv, rules, N_RULES);
	assert_int_equal(inv.kind, KIND_CONFERENCE);
	invitation_done(&inv);
}

static void test_kind_kept_when_given(void **state)
{
	(void)state;
	struct invitation inv;
	invitation_init(&inv);
	inv.title = xstrdup("Coffee with a legal partner");
	inv.kind = KIND_LUNCH;
	invitation_add_share(&inv, &(struct audience_share){ DIM_REGION, "local", 1.0, false });
	assert_false(classify_apply(&inv, rules, N_RULES));
	assert_int_equal(inv.kind, KIND_LUNCH);
	assert_int_equal(inv.n_shares, 1);
	assert_string_equal(inv.shares[0].value, "local");
	invitation_done(&inv);
}

static const struct audience_share *find(const struct invitation *inv, enum audience_dim d,
                                         const char *seg, bool second)
{
	for (size_t i = 0; i < inv->n_shares; i++)
		if (inv->shares[i].dim == d && strcmp(inv->shares[i].value, seg) == 0 &&
		    inv->shares[i].is_second_degree == second)
			return &inv->shares[i];
	return NULL;
}

/* Issue 11: an explicit kind, even "other", is never overridden; rules
 * still fill the audience the source left out; simple plurals match. */
static void test_explicit_other_and_plurals(void **state)
{
	(void)state;
	assert_true(classify_has_word("Business owners breakfast", "business owner"));
	assert_true(classify_has_word("For coaches only", "coach"));
	assert_true(classify_has_word("COACHES", "coach"));
	assert_true(classify_has_word("Referral partners", "partner"));
	assert_false(classify_has_word("coachesx", "coach"));
	assert_false(classify_has_word("coachs2", "coach"));
	assert_false(classify_has_word("Lawyers' lunch", "law"));
	struct invitation inv;
	invitation_init(&inv);
	inv.title = xstrdup("Coffee with legal partners");
	inv.kind = KIND_OTHER;
	inv.is_kind_given = true; /* "kind": "other" in the import */
	assert_true(classify_apply(&inv, rules, N_RULES));
	assert_int_equal(inv.kind, KIND_OTHER);
	assert_non_null(find(&inv, DIM_INDUSTRY, "legal", false));
	assert_non_null(find(&inv, DIM_ROLE, "partner", false)); /* "partners" */
	invitation_done(&inv);
	invitation_init(&inv); /* no kind given: the rule fills it */
	inv.title = xstrdup("Coffee with legal partners");
	classify_apply(&inv, rules, N_RULES);
	assert_int_equal(inv.kind, KIND_COFFEE);
	invitation_done(&inv);
}

static void test_shares_merge_and_scale(void **state)
{
	(void)state;
	struct invitation inv;
	invitation_init(&inv);
	inv.title = xstrdup("Legal and Healthcare mixer");
	inv.description = xstrdup("Attorneys welcome; every attorney and partner; referral night");
	assert_true(classify_apply(&inv, rules, N_RULES));
	assert_int_equal(inv.kind, KIND_OTHER);
	assert_int_equal(inv.n_shares, 4);
	/* legal: max(0.4, 0.7) = 0.7; healthcare 0.9; sum 1.6 -> scaled */
	const struct audience_share *s = find(&inv, DIM_INDUSTRY, "legal", false);
	assert_non_null(s);
	assert_float_equal(s->share, 0.7 / 1.6, 1e-12);
	s = find(&inv, DIM_INDUSTRY, "healthcare", false);
	assert_non_null(s);
	assert_float_equal(s->share, 0.9 / 1.6, 1e-12);
	s = find(&inv, DIM_ROLE, "partner", false);
	assert_non_null(s);
	assert_float_equal(s->share, 0.5, 1e-12);
	s = find(&inv, DIM_ROLE, "owner", true);
	assert_non_null(s);
	assert_float_equal(s->share, 0.6, 1e-12);
	invitation_done(&inv);
}

static void test_defaults(void **state)
{
	(void)state;
	static struct wit_config cfg;
	config_defaults(&cfg);
	struct invitation inv;
	invitation_init(&inv);
	inv.title = xstrdup("Bar Association Breakfast");
	inv.categories = xstrdup("Chamber");
	classify_apply(&inv, cfg.rules, cfg.n_rules);
	assert_int_equal(inv.kind, KIND_BREAKFAST);
	const struct audience_share *s = find(&inv, DIM_INDUSTRY, "legal", false);
	assert_non_null(s);
	assert_float_equal(s->share, 0.7, 1e-12);
	s = find(&inv, DIM_REGION, "local", false);
	assert_non_null(s);
	assert_float_equal(s->share, 0.8, 1e-12);
	assert_int_equal(inv.n_shares, 2);
	invitation_done(&inv);

	/* nothing matches: unchanged */
	invitation_init(&inv);
	inv.title = xstrdup("Dentist appointment");
	assert_false(classify_apply(&inv, cfg.rules, cfg.n_rules));
	assert_int_equal(inv.kind, KIND_OTHER);
	assert_int_equal(inv.n_shares, 0);
	invitation_done(&inv);
}

/* classify_apply() scans each text once for all rules; it must find
 * exactly what classify_has_word() finds rule by rule. Texts are built
 * from pieces that meet at word edges, gaps, punctuation and UTF-8; the
 * rules add a word that starts with a blank and one of kind "other". */
static const char *const pieces[] = {
	"law", "Legal", "legal tech", "legal-tech", "legal__tech", "tech", "techno", "caf\xc3\xa9",
	"caf", " ", "  ", "-", "_", ",", ".", "\t", "\n", "breakfast", "BREAKFAST", "user",
	"group", "user group", "leads group", "cpa", "summit", "(law)", "partners", "x",
};

static char *random_text(unsigned *seed)
{
	char buf[512] = "";
	int n = (int)(*seed = *seed * 1103515245u + 12345u) % 13;
	for (int i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		strcat(buf, pieces[(*seed >> 8) % (sizeof pieces / sizeof *pieces)]);
	}
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) % 9 == 0 ? NULL : xstrdup(buf);
}

static void test_one_scan_agrees(void **state)
{
	(void)state;
	struct wit_config *cfg = xcalloc(1, sizeof *cfg);
	config_defaults(cfg);
	const struct keyword_rule extra[] = {
		{" group", -1, DIM_ROLE, "g", 0.3, false}, {"caf\xc3\xa9", KIND_COFFEE, -1, "", 0, false},
		{"x", KIND_OTHER, -1, "", 0, false},
	};
	for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
		cfg->rules[cfg->n_rules++] = extra[i];
	const struct keyword_rule *r = cfg->rules;
	unsigned seed = 7;
	for (int iter = 0; iter < 20000; iter++) {
		struct invitation inv;
		invitation_init(&inv);
		inv.title = random_text(&seed);
		inv.categories = random_text(&seed);
		inv.description = random_text(&seed);
		const char *texts[] = {inv.title, inv.categories, inv.description};
		int kind = KIND_OTHER;
		for (size_t t = 0; t < 3 && kind == KIND_OTHER; t++) {
			size_t i = 0;
			while (i < cfg->n_rules && !(r[i].kind >= 0 && classify_has_word(texts[t], r[i].word)))
				i++;
			if (i < cfg->n_rules) {
				kind = r[i].kind;
				break;
			}
		}
		classify_apply(&inv, r, cfg->n_rules);
		assert_int_equal(inv.kind, kind);
		/* every share rule whose word is in a text, and no other */
		for (size_t i = 0; i < cfg->n_rules; i++) {
			if (r[i].dim < 0)
				continue;
			bool in = classify_has_word(inv.title, r[i].word) ||
			          classify_has_word(inv.categories, r[i].word) ||
			          classify_has_word(inv.description, r[i].word);
			bool has = find(&inv, (enum audience_dim)r[i].dim, r[i].segment,
			                r[i].is_second_degree) != NULL;
			bool other = false; /* another matching rule names the same segment */
			for (size_t j = 0; j < cfg->n_rules; j++)
				other = other || (j != i && r[j].dim == r[i].dim &&
				                  r[j].is_second_degree == r[i].is_second_degree &&
				                  strcmp(r[j].segment, r[i].segment) == 0 &&
				                  (classify_has_word(inv.title, r[j].word) ||
				                   classify_has_word(inv.categories, r[j].word) ||
				                   classify_has_word(inv.description, r[j].word)));
			assert_true(has == (in || other));
		}
		invitation_done(&inv);
	}
	free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_words),
		cmocka_unit_test(test_kind_title_first),
		cmocka_unit_test(test_kind_kept_when_given),
		cmocka_unit_test(test_explicit_other_and_plurals),
		cmocka_unit_test(test_shares_merge_and_scale),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_one_scan_agrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
