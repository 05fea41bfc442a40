/*
 * test_config_preset.c: named weight presets in the config: reading
 * (values, ranges, notes, names, positions in messages), saving, using,
 * deleting, recognising the active one, and writing back (in place,
 * unknown keys and notes kept, removed presets dropped, no "presets"
 * key added to a file that never had one).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "worthit/config.h"
#include "worthit/config_preset.h"

static struct wit_config cfg, back;

static enum wit_status parse(const char *text, struct wit_config *c, char **why)
{
	return config_parse(text, strlen(text), "t.json", c, why);
}

static void test_read(void **state)
{
	(void)state;
	const char *text =
		"{\"presets\": {\n"
		"  \"_doc\": \"a note\",\n"
		"  \"busy month\": {\"room\": 4, \"go\": 60, \"_why\": \"n\", \"colour\": 1},\n"
		"  \"new in town\": {\"people\": 0.5}\n"
		"}}";
	char *why = NULL;
	assert_int_equal(parse(text, &cfg, &why), WIT_OK);
	assert_int_equal(cfg.n_presets, 2);
	assert_string_equal(cfg.presets[0].name, "busy month");
	assert_true(cfg.presets[0].has[KNOB_W_ROOM]);
	assert_true(cfg.presets[0].knob[KNOB_W_ROOM] == 4.0);
	assert_true(cfg.presets[0].has[KNOB_GO_THRESHOLD]);
	assert_true(cfg.presets[0].knob[KNOB_GO_THRESHOLD] == 60.0);
	assert_false(cfg.presets[0].has[KNOB_W_BALANCE]);
	assert_string_equal(cfg.presets[1].name, "new in town");
	assert_true(cfg.presets[1].knob[KNOB_W_PEOPLE] == 0.5);
	assert_int_equal(config_preset_find(&cfg, "new in town"), 1);
	assert_int_equal(config_preset_find(&cfg, "New in town"), -1);
	/* the weights themselves are untouched by presets */
	struct score_settings dflt;
	score_settings_defaults(&dflt);
	assert_true(cfg.score.knob[KNOB_W_ROOM] == dflt.knob[KNOB_W_ROOM]);
}

static void test_read_errors(void **state)
{
	(void)state;
	char *why = NULL;
	assert_int_equal(parse("{\"presets\": {\"busy\": {\"room\": 11}}}", &cfg, &why),
	                 WIT_CONFIG);
	assert_string_equal(why, "t.json:1:23: presets.busy.room: must be between 0 and 10, "
	                         "got 11");
	assert_int_equal(parse("{\"presets\": [1]}", &cfg, &why), WIT_CONFIG);
	assert_non_null(strstr(why, "presets: "));
	assert_int_equal(parse("{\"presets\": {\"busy\": 3}}", &cfg, &why), WIT_CONFIG);
	assert_non_null(strstr(why, "presets.busy: "));
	assert_int_equal(parse("{\"presets\": {\"\": {}}}", &cfg, &why), WIT_CONFIG);
	assert_non_null(strstr(why, "a preset needs a name"));
	free(why);
}

static void test_save_use_delete(void **state)
{
	(void)state;
	char *why = NULL;
	config_defaults(&cfg);
	cfg.score.knob[KNOB_W_BALANCE] = 4;
	cfg.score.knob[KNOB_GO_THRESHOLD] = 70;
	cfg.score.knob[KNOB_SECOND_DEGREE_DISCOUNT] = 0.3;
	assert_int_equal(config_preset_save(&cfg, "busy month", &why), WIT_OK);
	assert_int_equal(cfg.n_presets, 1);
	const struct weight_preset *p = &cfg.presets[0];
	assert_true(p->has[KNOB_W_BALANCE] && p->knob[KNOB_W_BALANCE] == 4.0);
	assert_true(p->has[KNOB_GO_THRESHOLD] && p->knob[KNOB_GO_THRESHOLD] == 70.0);
	assert_false(p->has[KNOB_SECOND_DEGREE_DISCOUNT]); /* weights and thresholds only */
	assert_true(config_preset_is_active(&cfg, 0));
	score_settings_defaults(&cfg.score);
	assert_false(config_preset_is_active(&cfg, 0));
	assert_int_equal(config_preset_use(&cfg, "busy month", &why), WIT_OK);
	assert_true(cfg.score.knob[KNOB_W_BALANCE] == 4.0);
	assert_true(cfg.score.knob[KNOB_GO_THRESHOLD] == 70.0);
	assert_true(config_preset_is_active(&cfg, 0));
	/* saving again under the same name replaces it in place */
	cfg.score.knob[KNOB_W_BALANCE] = 1;
	assert_int_equal(config_preset_save(&cfg, "other", &why), WIT_OK);
	assert_int_equal(config_preset_save(&cfg, "busy month", &why), WIT_OK);
	assert_int_equal(cfg.n_presets, 2);
	assert_true(cfg.presets[0].knob[KNOB_W_BALANCE] == 1.0);
	/* unknown name, bad names, a preset that would break maybe <= go */
	assert_int_equal(config_preset_use(&cfg, "nope", &why), WIT_NOTFOUND);
	assert_string_equal(why, "no preset called 'nope' (known: busy month, other)");
	assert_int_equal(config_preset_save(&cfg, "_x", &why), WIT_USAGE);
	assert_int_equal(config_preset_save(&cfg, "a\tb", &why), WIT_USAGE);
	cfg.presets[1].knob[KNOB_MAYBE_THRESHOLD] = 90;
	struct score_settings before = cfg.score;
	assert_int_equal(config_preset_use(&cfg, "other", &why), WIT_CONFIG);
	assert_memory_equal(&before, &cfg.score, sizeof before);
	assert_int_equal(config_preset_delete(&cfg, "busy month", &why), WIT_OK);
	assert_int_equal(cfg.n_presets, 1);
	assert_string_equal(cfg.presets[0].name, "other");
	assert_int_equal(config_preset_delete(&cfg, "busy month", &why), WIT_NOTFOUND);
	cfg.n_presets = 0;
	assert_int_equal(config_preset_use(&cfg, "x", &why), WIT_NOTFOUND);
	assert_string_equal(why, "no preset called 'x' (none saved yet)");
	for (int i = 0; i < PRESETS_MAX; i++) {
		char name[8] = {'p', (char)('a' + i), '\0'};
		assert_int_equal(config_preset_save(&cfg, name, &why), WIT_OK);
	}
	assert_int_equal(config_preset_save(&cfg, "one more", &why), WIT_USAGE);
	free(why);
}

static void test_merge(void **state)
{
	(void)state;
	char *why = NULL;
	/* no presets, none in the file: the key is not added */
	config_defaults(&cfg);
	char *text = config_merge("{\"theme\": \"x\"}", &cfg);
	assert_null(strstr(text, "presets"));
	free(text);
	const char *old =
		"{\"presets\": {\"_doc\": \"mine\", \"a\": {\"room\": 1, \"colour\": \"red\"},"
		" \"gone\": {\"stage\": 2}}}";
	assert_int_equal(parse(old, &cfg, &why), WIT_OK);
	assert_int_equal(config_preset_delete(&cfg, "gone", &why), WIT_OK);
	cfg.score.knob[KNOB_W_OVER_BAND] = 7;
	assert_int_equal(config_preset_save(&cfg, "b", &why), WIT_OK);
	text = config_merge(old, &cfg);
	assert_non_null(strstr(text, "\"_doc\": \"mine\""));
	assert_non_null(strstr(text, "\"colour\": \"red\""));
	assert_null(strstr(text, "gone"));
	assert_true(strstr(text, "\"a\"") < strstr(text, "\"b\"")); /* in place, then appended */
	assert_int_equal(parse(text, &back, &why), WIT_OK);
	assert_int_equal(back.n_presets, 2);
	assert_memory_equal(back.presets, cfg.presets, 2 * sizeof cfg.presets[0]);
	assert_true(back.presets[1].knob[KNOB_W_OVER_BAND] == 7.0);
	free(text);
	/* the last preset deleted: an empty object stays (the user's notes) */
	cfg.n_presets = 0;
	text = config_merge(old, &cfg);
	assert_int_equal(parse(text, &back, &why), WIT_OK);
	assert_int_equal(back.n_presets, 0);
	assert_non_null(strstr(text, "\"_doc\": \"mine\""));
	free(text);
	free(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_save_use_delete),
		cmocka_unit_test(test_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
