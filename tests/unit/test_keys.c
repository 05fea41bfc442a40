/*
 * test_keys.c: the key table: lookups by key name and scope, view
 * bindings winning over global ones, every action reachable, no key
 * bound twice within one scope.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_table_consistent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
