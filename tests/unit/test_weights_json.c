/*
 * test_weights_json.c: the knobs as JSON (weights_json.c): one object
 * holding every knob of the table under its name, with the value of the
 * settings given (defaults, and a changed one), in table order, on one
 * line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "worthit/weights_json.h"

static void check_values(const struct score_settings *s)
{
	char *line = weights_json_snapshot(s);
	assert_null(strchr(line, '\n'));
	cJSON *o = cJSON_Parse(line);
	assert_non_null(o);
	assert_int_equal(cJSON_GetArraySize(o), KNOB_COUNT);
	int k = 0;
	for (const cJSON *it = o->child; it != NULL; it = it->next, k++) {
		assert_string_equal(it->string, score_knob_info((enum score_knob)k)->name);
		assert_true(cJSON_IsNumber(it));
		assert_true(it->valuedouble == s->knob[k]);
	}
	cJSON_Delete(o);
	free(line);
}

static void test_defaults(void **state)
{
	(void)state;
	struct score_settings s;
	score_settings_defaults(&s);
	check_values(&s);
}

static void test_changed_knob(void **state)
{
	(void)state;
	struct score_settings s;
	score_settings_defaults(&s);
	s.knob[KNOB_GO_THRESHOLD] = 71.25;
	check_values(&s);
	char *line = weights_json_snapshot(&s);
	char want[96];
	snprintf(want, sizeof want, "\"%s\":71.25", score_knob_info(KNOB_GO_THRESHOLD)->name);
	assert_non_null(strstr(line, want));
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_changed_knob),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
