/*
 * test_keys.c: the key table: lookups by key name and scope, view
 * bindings winning over global ones, every action reachable, no key
 * bound twice within one scope; the help list (keys_help_line) that the
 * ? overlay and `worthit keys` print.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "worthit/keys.h"

static const unsigned invites = KEYS_GLOBAL | KEYS_LIST | KEYS_INVITES;

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup("j", invites), ACT_DOWN);
	assert_int_equal(keys_lookup("Down", invites), ACT_DOWN);
	assert_int_equal(keys_lookup("G", invites), ACT_BOTTOM);
	assert_int_equal(keys_lookup("End", invites), ACT_BOTTOM);
	assert_int_equal(keys_lookup("a", invites), ACT_ACCEPT);
	assert_int_equal(keys_lookup("U", invites), ACT_REDO);
	assert_int_equal(keys_lookup("u", invites), ACT_UNDO);
	assert_int_equal(keys_lookup("q", invites), ACT_QUIT);
	assert_int_equal(keys_lookup("Tab", invites), ACT_NEXT_VIEW);
	assert_int_equal(keys_lookup("^L", invites), ACT_REFRESH);
	assert_int_equal(keys_lookup("Space", invites), ACT_PAGE_DOWN);
	assert_int_equal(keys_lookup("Pg", invites), ACT_NONE); /* no prefix match */
	assert_int_equal(keys_lookup("", invites), ACT_NONE);
	assert_int_equal(keys_lookup(NULL, invites), ACT_NONE);
	/* a view without the invitations scope does not triage */
	assert_int_equal(keys_lookup("a", KEYS_GLOBAL | KEYS_LIST | KEYS_HISTORY), ACT_NONE);
	assert_int_equal(keys_lookup("q", KEYS_GLOBAL | KEYS_WEIGHTS), ACT_QUIT);
	assert_string_equal(keys_first(ACT_PAGE_DOWN), "PgDn");
	assert_string_equal(keys_first(ACT_NONE), "");
	assert_string_equal(keys_binding(ACT_ACCEPT)->name, "accept");
}

static void test_table_consistent(void **state)
{
	(void)state;
	size_t n;
	const struct key_binding *t = keys_table(&n);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		assert_non_null(keys_binding((enum key_action)a));
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].label[0] != '\0');
		/* every key of this row resolves back to this row's action in
		 * its own scope: no earlier row steals it */
		char buf[64];
		strcpy(buf, t[i].keys);
		for (char *k = strtok(buf, " "); k != NULL; k = strtok(NULL, " "))
			assert_int_equal(keys_lookup(k, t[i].scope | KEYS_GLOBAL), t[i].action);
	}
}

static void test_help_lines(void **state)
{
	(void)state;
	char buf[160];
	bool is_title;
	assert_true(keys_help_line(0, buf, sizeof buf, &is_title));
	assert_true(is_title);
	assert_string_equal(buf, "In lists");
	assert_true(keys_help_line(1, buf, sizeof buf, &is_title));
	assert_false(is_title);
	assert_string_equal(buf, "  j, Down          move down");
	int n = keys_help_lines();
	assert_false(keys_help_line(n, buf, sizeof buf, &is_title));
	/* every binding is listed: its label once per group its scope names */
	size_t len;
	const struct key_binding *t = keys_table(&len);
	for (size_t k = 0; k < len; k++) {
		int found = 0;
		for (int i = 0; i < n; i++) {
			assert_true(keys_help_line(i, buf, sizeof buf, &is_title));
			size_t bl = strlen(buf), ll = strlen(t[k].label);
			found += !is_title && bl >= ll && strcmp(buf + bl - ll, t[k].label) == 0;
		}
		assert_true(found >= 1);
	}
	/* the detail pane's scroll keys */
	assert_int_equal(keys_lookup("J", invites), ACT_DETAIL_DOWN);
	assert_int_equal(keys_lookup("K", invites), ACT_DETAIL_UP);
	assert_int_equal(keys_lookup("^D", invites), ACT_DETAIL_PAGE_DOWN);
	assert_int_equal(keys_lookup("^U", invites), ACT_DETAIL_PAGE_UP);
}

/* The ? overlay of a view lists that view's groups first, then the rest
 * in table order: the same lines, moved. The History tab's keys
 * resolve in the history scope only, o and x in the invitations too. */
static void test_help_order(void **state)
{
	(void)state;
	const unsigned history = KEYS_GLOBAL | KEYS_LIST | KEYS_HISTORY;
	const unsigned weights = KEYS_GLOBAL | KEYS_WEIGHTS;
	char buf[160], titles[8][160];
	bool is_title;
	int n_titles = 0, n = 0;
	for (; keys_help_line_for(n, weights, buf, sizeof buf, &is_title); n++)
		if (is_title && n_titles < 8)
			snprintf(titles[n_titles++], sizeof titles[0], "%s", buf);
	assert_int_equal(n, keys_help_lines());
	assert_int_equal(n_titles, 6);
	assert_string_equal(titles[0], "Weights");
	assert_string_equal(titles[1], "In lists");
	assert_string_equal(titles[2], "Invitations");
	assert_string_equal(titles[4], "Plan");
	assert_string_equal(titles[5], "Everywhere");
	n_titles = 0;
	for (int i = 0; keys_help_line_for(i, history, buf, sizeof buf, &is_title); i++)
		if (is_title && n_titles < 8)
			snprintf(titles[n_titles++], sizeof titles[0], "%s", buf);
	assert_string_equal(titles[0], "In lists");
	assert_string_equal(titles[1], "History");
	assert_string_equal(titles[2], "Invitations");
	/* 0: the table order of `worthit keys` */
	for (int i = 0; i < n; i++) {
		char a[160];
		bool ta;
		assert_true(keys_help_line(i, a, sizeof a, &ta));
		assert_true(keys_help_line_for(i, 0, buf, sizeof buf, &is_title));
		assert_string_equal(a, buf);
	}
	/* the Plan tab: [ ] A its own, u the journal's as everywhere */
	const unsigned plan = KEYS_GLOBAL | KEYS_PLAN;
	assert_int_equal(keys_lookup("[", plan), ACT_PREV_MONTH);
	assert_int_equal(keys_lookup("]", plan), ACT_NEXT_MONTH);
	assert_int_equal(keys_lookup("A", plan), ACT_ACCEPT_PLAN);
	assert_int_equal(keys_lookup("u", plan), ACT_UNDO);
	assert_int_equal(keys_lookup("4", plan), ACT_VIEW_4);
	assert_int_equal(keys_lookup("A", history), ACT_NONE);
	assert_int_equal(keys_lookup("v", history), ACT_ATTRIBUTION);
	assert_int_equal(keys_lookup("s", history), ACT_SORT);
	assert_int_equal(keys_lookup("l", history), ACT_EXPAND);
	assert_int_equal(keys_lookup("Left", history), ACT_COLLAPSE);
	assert_int_equal(keys_lookup("o", invites), ACT_OUTCOME);
	assert_int_equal(keys_lookup("x", invites), ACT_SKIPPED);
	assert_int_equal(keys_lookup("v", invites), ACT_NONE);
	assert_string_equal(keys_binding_in(ACT_SORT, history)->name, "sort-history");
	assert_string_equal(keys_binding_in(ACT_SORT, invites)->name, "sort");
	assert_null(keys_binding_in(ACT_ACCEPT, history));
	assert_string_equal(keys_binding_in(ACT_UNDO, history)->name, "undo");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_table_consistent),
		cmocka_unit_test(test_help_lines),
		cmocka_unit_test(test_help_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
