/*
 * test_theme.c: theme parsing (defaults kept, roles overridden, every
 * error with its line and column), colour fallback for 8/16-colour
 * terminals, and the shipped theme files all parse (read from
 * $WORTHIT_TOP when set).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "worthit/theme.h"

static enum wit_status parse(const char *text, struct theme *t, char **why)
{
	return theme_parse(text, strlen(text), "t.json", t, why);
}

static void test_defaults_kept_and_overridden(void **state)
{
	(void)state;
	struct theme t;
	char *why = NULL;
	const char *text = "{ \"name\": \"mine\", \"roles\": {\n"
	                   "  \"go\": { \"fg\": \"bright-green\", \"attrs\": \"bold underline\" },\n"
	                   "  \"selected\": { \"fg\": 231, \"bg\": \"default\", \"attrs\": [\"reverse\"] }\n"
	                   "} }";
	assert_int_equal(parse(text, &t, &why), WIT_OK);
	assert_null(why);
	assert_string_equal(t.name, "mine");
	assert_int_equal(t.role[ROLE_GO].fg, 10);
	assert_int_equal(t.role[ROLE_GO].bg, THEME_COLOR_DEFAULT); /* default kept */
	assert_int_equal(t.role[ROLE_GO].attrs, THEME_BOLD | THEME_UNDERLINE);
	assert_int_equal(t.role[ROLE_SELECTED].fg, 231);
	assert_int_equal(t.role[ROLE_SELECTED].bg, THEME_COLOR_DEFAULT);
	assert_int_equal(t.role[ROLE_SELECTED].attrs, THEME_REVERSE);
	/* untouched role: the built-in header, white on blue, bold */
	assert_int_equal(t.role[ROLE_HEADER].fg, 7);
	assert_int_equal(t.role[ROLE_HEADER].bg, 4);
	assert_int_equal(t.role[ROLE_HEADER].attrs, THEME_BOLD);
}

static void expect_error(const char *text, const char *message)
{
	struct theme t;
	char *why = NULL;
	assert_int_equal(parse(text, &t, &why), WIT_CONFIG);
	assert_non_null(why);
	if (strcmp(why, message) != 0)
		fail_msg("got '%s', expected '%s'", why, message);
	/* a failed parse leaves the built-in theme */
	assert_string_equal(t.name, "default");
	assert_int_equal(t.role[ROLE_SELECTED].bg, 6);
	free(why);
}

static void test_errors_with_position(void **state)
{
	(void)state;
	expect_error("{\n  \"roles\": {\n    \"go\": { \"fg\": green }\n  }\n}",
	             "t.json:3:19: invalid JSON");
	expect_error("{ \"roles\": {\n  \"selcted\": { \"fg\": \"red\" } } }",
	             "t.json:2:3: unknown role: selcted");
	expect_error("{ \"roles\": {\n  \"go\": { \"fg\": \"purple\" } } }",
	             "t.json:2:11: unknown colour \"purple\" for fg (a name such as cyan, "
	             "bright-red, default; or 0..255)");
	expect_error("{ \"roles\": { \"go\": { \"bg\": 256 } } }",
	             "t.json:1:22: unknown colour for bg (a name such as cyan, bright-red, "
	             "default; or 0..255)");
	expect_error("{ \"roles\": {\n\n  \"go\": { \"attrs\": [\"bold\", \"blink\"] } } }",
	             "t.json:3:29: unknown attribute \"blink\" (bold dim underline reverse "
	             "italic standout)");
	expect_error("[1, 2]", "t.json:1:1: a theme must be a JSON object");
	expect_error("{ \"roles\": { \"go\": \"green\" } }",
	             "t.json:1:14: a role must be an object with fg, bg, attrs: go");
	expect_error("{ \"name\": \"../etc\" }", "t.json:1:3: name must be letters, digits, - or _");
	expect_error("", "t.json:1:1: invalid JSON");
}

static void test_color_fallback(void **state)
{
	(void)state;
	assert_int_equal(theme_color_fallback(THEME_COLOR_DEFAULT, 8), THEME_COLOR_DEFAULT);
	assert_int_equal(theme_color_fallback(3, 8), 3);
	assert_int_equal(theme_color_fallback(12, 16), 12);
	assert_int_equal(theme_color_fallback(12, 8), 4);      /* bright blue -> blue */
	assert_int_equal(theme_color_fallback(196, 8), 1);     /* cube (5,0,0) -> red */
	assert_int_equal(theme_color_fallback(226, 8), 3);     /* (5,5,0) -> yellow */
	assert_int_equal(theme_color_fallback(33, 8), 4);      /* (0,2,5) -> blue */
	assert_int_equal(theme_color_fallback(37, 8), 6);      /* (0,3,3) -> cyan */
	assert_int_equal(theme_color_fallback(231, 8), 7);     /* (5,5,5) grey -> white */
	assert_int_equal(theme_color_fallback(16, 8), 0);      /* (0,0,0) -> black */
	assert_int_equal(theme_color_fallback(234, 8), 0);     /* dark grey ramp */
	assert_int_equal(theme_color_fallback(250, 16), 7);    /* light grey ramp */
	assert_int_equal(theme_color_fallback(196, 256), 196);
	assert_int_equal(theme_color_fallback(5, 2), THEME_COLOR_DEFAULT); /* monochrome */
	for (int c = 0; c < 256; c++) {
		int f = theme_color_fallback(c, 8);
		assert_true(f >= 0 && f < 8);
	}
}

static void test_role_names(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_int_equal(theme_role_from_name(theme_role_name((enum theme_role)r)), r);
	assert_int_equal(theme_role_from_name("nope"), -1);
	assert_true(theme_name_is_valid("solarized-dark"));
	assert_false(theme_name_is_valid("a/b"));
	assert_false(theme_name_is_valid(""));
}

static void test_shipped_themes(void **state)
{
	(void)state;
	const char *top = getenv("WORTHIT_TOP");
	static const char *const names[] = { "default", "light", "solarized-dark",
		                             "high-contrast", "mono" };
	if (top == NULL)
		skip();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[4096], text[16384], *why = NULL;
		snprintf(path, sizeof path, "%s/themes/%s.json", top, names[i]);
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		size_t n = fread(text, 1, sizeof text, f);
		fclose(f);
		struct theme t;
		if (theme_parse(text, n, path, &t, &why) != WIT_OK)
			fail_msg("%s", why);
		assert_string_equal(t.name, names[i]);
		if (strcmp(names[i], "mono") == 0)
			for (int r = 0; r < ROLE_COUNT; r++) {
				/* the fallback for colourless terminals is this file */
				assert_int_equal(t.role[r].attrs, theme_mono_attrs((enum theme_role)r));
				assert_int_equal(t.role[r].fg, THEME_COLOR_DEFAULT);
				assert_int_equal(t.role[r].bg, THEME_COLOR_DEFAULT);
			}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_kept_and_overridden),
		cmocka_unit_test(test_errors_with_position),
		cmocka_unit_test(test_color_fallback),
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_shipped_themes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
