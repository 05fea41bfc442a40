/*
 * test_classify.c: keyword rules applied to imported invitations
 * (classify.h): whole-word, case-insensitive matching; kind only when the
 * source gave none; shares only when there are none, merged and scaled.
 * Expectations are worked out by hand from the rules written here and
 * from the built-in defaults (src/config.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_words),
		cmocka_unit_test(test_kind_title_first),
		cmocka_unit_test(test_kind_kept_when_given),
		cmocka_unit_test(test_shares_merge_and_scale),
		cmocka_unit_test(test_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
