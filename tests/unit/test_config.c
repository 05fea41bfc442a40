/*
 * test_config.c: the configuration core (config.c, config_read.c,
 * config_merge.c, jsonloc.c). Defaults are valid; a full example parses
 * to the values it says; every kind of error names the right key with
 * the right line:column (counted by hand on the multi-line texts below)
 * and WIT_CONFIG, leaving the struct untouched; merge keeps unknown and
 * nested unknown keys in place; defaults -> merge -> parse round-trips;
 * the starter text parses to the defaults.
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

#include "worthit/config.h"
#include "worthit/jsonloc.h"

static enum wit_status parse(const char *text, struct wit_config *cfg, char **why)
{
	return config_parse(text, strlen(text), "t.json", cfg, why);
}

/* Field by field: char arrays compare as strings, doubles exactly. */
static void assert_config_equal(const struct wit_config *a, const struct wit_config *b)
{
	assert_int_equal(a->hourly_rate_minor, b->hourly_rate_minor);
	assert_string_equal(a->currency, b->currency);
	assert_int_equal(a->scope, b->scope);
	for (int d = 0; d < DIM_COUNT; d++) {
		assert_true(a->profile[d].weight == b->profile[d].weight);
		assert_int_equal(a->profile[d].n, b->profile[d].n);
		for (size_t i = 0; i < a->profile[d].n; i++) {
			assert_string_equal(a->profile[d].seg[i].value, b->profile[d].seg[i].value);
			assert_true(a->profile[d].seg[i].weight == b->profile[d].seg[i].weight);
		}
	}
	assert_int_equal(a->n_target_domains, b->n_target_domains);
	for (size_t i = 0; i < a->n_target_domains; i++)
		assert_string_equal(a->target_domains[i], b->target_domains[i]);
	assert_int_equal(a->n_me, b->n_me);
	for (size_t i = 0; i < a->n_me; i++)
		assert_string_equal(a->me[i], b->me[i]);
	for (int day = 0; day < 7; day++) {
		assert_int_equal(a->n_avail[day], b->n_avail[day]);
		for (size_t i = 0; i < a->n_avail[day]; i++) {
			assert_int_equal(a->avail[day][i].start_min, b->avail[day][i].start_min);
			assert_int_equal(a->avail[day][i].end_min, b->avail[day][i].end_min);
		}
	}
	assert_true(a->budget_min_hours == b->budget_min_hours);
	assert_true(a->budget_max_hours == b->budget_max_hours);
	for (int k = 0; k < KNOB_COUNT; k++)
		assert_true(a->score.knob[k] == b->score.knob[k]);
	assert_string_equal(a->theme, b->theme);
	assert_int_equal(a->import_past_days, b->import_past_days);
	assert_int_equal(a->import_ahead_days, b->import_ahead_days);
	assert_int_equal(a->n_rules, b->n_rules);
	for (size_t i = 0; i < a->n_rules; i++) {
		const struct keyword_rule *x = &a->rules[i], *y = &b->rules[i];
		assert_string_equal(x->word, y->word);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->dim, y->dim);
		if (x->dim >= 0) {
			assert_string_equal(x->segment, y->segment);
			assert_true(x->share == y->share);
			assert_int_equal(x->is_second_degree, y->is_second_degree);
		}
	}
}

static void test_defaults_are_valid(void **state)
{
	(void)state;
	struct wit_config c;
	config_defaults(&c);
	assert_int_equal(c.hourly_rate_minor, 15000);
	assert_string_equal(c.currency, "USD");
	assert_int_equal(c.scope, SCOPE_LOCAL);
	assert_int_equal(c.n_avail[1], 1); /* Monday 08:00-18:00 */
	assert_int_equal(c.avail[1][0].start_min, 480);
	assert_int_equal(c.avail[1][0].end_min, 1080);
	assert_int_equal(c.n_avail[0], 0); /* Sunday: not available */
	assert_int_equal(c.n_avail[6], 0);
	assert_true(c.budget_min_hours == 6 && c.budget_max_hours == 12);
	assert_string_equal(c.profile[DIM_INDUSTRY].seg[0].value, "legal");
	struct score_settings s;
	score_settings_defaults(&s);
	for (int k = 0; k < KNOB_COUNT; k++) {
		const struct score_knob_info *info = score_knob_info((enum score_knob)k);
		assert_true(c.score.knob[k] == s.knob[k]);
		assert_true(c.score.knob[k] >= info->min && c.score.knob[k] <= info->max);
	}
	/* every kind but "other" has at least one keyword rule */
	for (int kind = 0; kind < KIND_OTHER; kind++) {
		bool found = false;
		for (size_t i = 0; i < c.n_rules; i++)
			found = found || c.rules[i].kind == kind;
		assert_true(found);
	}
	for (size_t i = 0; i < c.n_rules; i++) {
		const struct keyword_rule *r = &c.rules[i];
		assert_true(r->kind >= 0 || r->dim >= 0);
		assert_true(r->dim < 0 || (r->segment[0] != '\0' && r->share > 0 && r->share <= 1));
	}
	assert_true(c.n_rules <= KEYWORD_RULES_MAX - 8); /* room to add a few */
	/* the empty object is the defaults */
	struct wit_config p;
	char *why = NULL;
	assert_int_equal(parse("{}", &p, &why), WIT_OK);
	assert_config_equal(&p, &c);
}

static const char full_example[] =
	"{\n"
	"  \"_doc\": \"a note\",\n"
	"  \"hourly_rate\": 87.5,\n"
	"  \"currency\": \"eur\",\n"
	"  \"scope\": \"online\",\n"
	"  \"profile\": {\n"
	"    \"industry\": {\"weight\": 2, \"segments\": {\"Legal\": 1, \"_doc\": \"x\", \"healthcare\": 0.25}},\n"
	"    \"role\": {\"weight\": 0}\n"
	"  },\n"
	"  \"target_domains\": [\"@BigFirm.com\", \"clinic.example.org\"],\n"
	"  \"me\": [\"Ana@Example.com\", \"mailto:ana.work@firm.example\"],\n"
	"  \"availability\": {\"mon\": [\"13:00-17:30\", \"7:15-09:00\"], \"sat\": [\"10:00-24:00\"], \"fri\": []},\n"
	"  \"budget\": {\"min_hours\": 2.5, \"max_hours\": 4},\n"
	"  \"score_version\": 2,\n"
	"  \"blocked\": {\"mon\": [\"00:00-09:30\", \"15:00-24:00\"]},\n"
	"  \"weights\": {\"room\": 2.5, \"stage\": 0, \"overlap\": 3},\n"
	"  \"thresholds\": {\"go\": 70, \"maybe\": 45},\n"
	"  \"scoring\": {\"second_degree_discount\": 0.2},\n"
	"  \"theme\": \"solarized-dark\",\n"
	"  \"import\": {\"past_days\": 30, \"ahead_days\": 90},\n"
	"  \"keywords\": [\n"
	"    {\"word\": \"Law\", \"dimension\": \"industry\", \"segment\": \"legal\", \"share\": 0.3},\n"
	"    {\"word\": \"breakfast\", \"kind\": \"breakfast\"},\n"
	"    {\"word\": \"bni\", \"kind\": \"meetup\", \"dimension\": \"role\", \"segment\": \"Owner\",\n"
	"     \"share\": 0.6, \"second_degree\": true, \"note\": \"unknown keys are fine\"}\n"
	"  ],\n"
	"  \"something_new\": {\"from\": \"a later worthit\"}\n"
	"}\n";

static void test_full_example(void **state)
{
	(void)state;
	struct wit_config c, d;
	char *why = NULL;
	config_defaults(&d);
	assert_int_equal(parse(full_example, &c, &why), WIT_OK);
	assert_null(why);
	assert_int_equal(c.hourly_rate_minor, 8750);
	assert_string_equal(c.currency, "EUR");
	assert_int_equal(c.scope, SCOPE_ONLINE);
	const struct profile_dimension *ind = &c.profile[DIM_INDUSTRY];
	assert_true(ind->weight == 2);
	assert_int_equal(ind->n, 2); /* replaced, "_doc" skipped */
	assert_string_equal(ind->seg[0].value, "legal");
	assert_true(ind->seg[1].weight == 0.25);
	assert_true(c.profile[DIM_ROLE].weight == 0);
	assert_int_equal(c.profile[DIM_ROLE].n, d.profile[DIM_ROLE].n); /* segments kept */
	assert_int_equal(c.profile[DIM_REGION].n, d.profile[DIM_REGION].n);
	assert_int_equal(c.n_target_domains, 2);
	assert_string_equal(c.target_domains[0], "bigfirm.com");
	assert_int_equal(c.n_me, 2);
	assert_string_equal(c.me[0], "ana@example.com");
	assert_string_equal(c.me[1], "ana.work@firm.example");
	assert_true(config_is_me(&c, "MAILTO:ANA@example.COM"));
	assert_true(config_is_me(&c, "ana.work@firm.example"));
	assert_false(config_is_me(&c, "bob@example.com"));
	assert_false(config_is_me(&d, "ana@example.com"));
	assert_int_equal(c.n_avail[1], 2); /* sorted by start */
	assert_int_equal(c.avail[1][0].start_min, 7 * 60 + 15);
	assert_int_equal(c.avail[1][0].end_min, 9 * 60);
	assert_int_equal(c.avail[1][1].start_min, 13 * 60);
	assert_int_equal(c.avail[1][1].end_min, 17 * 60 + 30);
	assert_int_equal(c.n_avail[2], 1); /* tuesday: default kept */
	assert_int_equal(c.n_avail[5], 0); /* friday: [] */
	assert_int_equal(c.n_avail[6], 1);
	assert_int_equal(c.avail[6][0].end_min, 1440);
	assert_true(c.budget_min_hours == 2.5 && c.budget_max_hours == 4);
	assert_true(c.score.knob[KNOB_W_ROOM] == 2.5);
	assert_true(c.score.knob[KNOB_W_STAGE] == 0);
	assert_true(c.score.knob[KNOB_W_COST] == d.score.knob[KNOB_W_COST]);
	/* score v2 file: a v1-only name is ignored and named */
	assert_false(c.is_score_v1);
	assert_string_equal(c.ignored_knobs, "overlap");
	assert_int_equal(c.n_blocked[1], 2);
	assert_int_equal(c.blocked[1][0].end_min, 9 * 60 + 30);
	assert_int_equal(c.blocked[1][1].start_min, 15 * 60);
	assert_int_equal(c.blocked[1][1].end_min, 1440);
	assert_int_equal(c.n_blocked[2], 0);
	assert_true(c.score.knob[KNOB_GO_THRESHOLD] == 70);
	assert_true(c.score.knob[KNOB_MAYBE_THRESHOLD] == 45);
	assert_true(c.score.knob[KNOB_SECOND_DEGREE_DISCOUNT] == 0.2);
	assert_string_equal(c.theme, "solarized-dark");
	assert_int_equal(c.import_past_days, 30);
	assert_int_equal(c.import_ahead_days, 90);
	assert_int_equal(c.n_rules, 3);
	assert_string_equal(c.rules[0].word, "law");
	assert_int_equal(c.rules[0].kind, -1);
	assert_int_equal(c.rules[0].dim, DIM_INDUSTRY);
	assert_true(c.rules[0].share == 0.3);
	assert_false(c.rules[0].is_second_degree);
	assert_int_equal(c.rules[1].kind, KIND_BREAKFAST);
	assert_int_equal(c.rules[1].dim, -1);
	assert_int_equal(c.rules[2].kind, KIND_MEETUP);
	assert_string_equal(c.rules[2].segment, "owner");
	assert_true(c.rules[2].is_second_degree);
}

struct error_case {
	const char *text;
	const char *want; /* the whole message, or its start when it ends in '~' */
};

static void check_errors(const struct error_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct wit_config c;
		memset(&c, 0x5a, sizeof c);
		char *why = NULL;
		enum wit_status st = parse(cases[i].text, &c, &why);
		print_message("case %zu: %s\n", i, why ? why : "(no message)");
		assert_int_equal(st, WIT_CONFIG);
		assert_non_null(why);
		size_t wl = strlen(cases[i].want);
		if (cases[i].want[wl - 1] == '~')
			assert_memory_equal(why, cases[i].want, wl - 1);
		else
			assert_string_equal(why, cases[i].want);
		/* the struct is written only on success */
		for (size_t b = 0; b < sizeof c; b++)
			assert_int_equal(((unsigned char *)&c)[b], 0x5a);
		free(why);
	}
}

static void test_syntax_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{"{\n  \"a\": 1,\n}", "t.json:2:9: trailing comma before '}'"},
		{"{\n  \"a\": [1, 2,]\n}", "t.json:2:13: trailing comma before ']'"},
		{"{\n  \"a\": 1\n  \"b\": 2\n}", "t.json:3:3: missing ',' before this member"},
		{"{\n  // note\n  \"a\": 1\n}", "t.json:2:3: comments are not allowed in JSON~"},
		{"{\n  \"a\": \"abc\n}", "t.json:2:8: line break inside a string~"},
		{"{\n  \"a\": \"abc", "t.json:2:8: unterminated string: missing closing '\"'"},
		{"{\n  \"a\": [1, 2\n",
		 "t.json:3:1: unexpected end of text: the '[' at line 2, column 8 is never closed"},
		{"{'a': 1}", "t.json:1:2: strings need double quotes \", not single quotes"},
		{"{\"a\": 01}", "t.json:1:7: invalid number: leading zeros are not allowed"},
		{"{\"a\": 1.}", "t.json:1:7: invalid number: expected a digit after '.'"},
		{"{\n\"a\": tru\n}", "t.json:2:6: unexpected word 'tru'~"},
		{"{\"a\": NaN}", "t.json:1:7: NaN is not a JSON number"},
		{"{}}", "t.json:1:3: unmatched '}': one closing bracket too many?"},
		{"{} x", "t.json:1:4: extra text after the end of the JSON value"},
		{"", "t.json:1:1: the file is empty: expected a JSON object { ... }"},
		{"  \n ", "t.json:2:2: the file is empty~"},
		{"{\"a\" 1}", "t.json:1:6: expected ':' after the key \"a\""},
		{"{a: 1}", "t.json:1:2: keys need double quotes"},
		{"{\n  \xe2\x80\x9c" "a\xe2\x80\x9d: 1\n}", "t.json:2:3: expected a key in double quotes, got a curly quote~"},
		/* columns count characters: the e-acute is two bytes, one column */
		{"{\"\xc3\xa9\": 1,}", "t.json:1:8: trailing comma before '}'"},
		{"{\"a\": \"\\q\"}", "t.json:1:8: invalid escape '\\q'~"},
		{"{\"a\": \"\\u12\"}", "t.json:1:8: invalid escape: \\u needs four hexadecimal digits"},
		{"{\"a\": \"\xff\"}", "t.json:1:8: invalid UTF-8 byte 0xFF in a string"},
		{"{\"a\": \"tab\there\"}", "t.json:1:11: control character 0x09 inside a string~"},
		{"\xef\xbb\xbf{\"a\": 1,}", "t.json:1:8: trailing comma before '}'"},
		{"[1, 2]", "t.json:1:1: the configuration must be a JSON object { ... }, got an array"},
	};
	check_errors(cases, sizeof cases / sizeof *cases);
}

static void test_semantic_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{"{\n  \"hourly_rate\": -5\n}",
		 "t.json:2:3: hourly_rate: must not be negative, got -5"},
		{"{\n  \"hourly_rate\": \"150\"\n}",
		 "t.json:2:3: hourly_rate: must be a number, got a string"},
		{"{\n  \"currency\": \"dollars\"\n}",
		 "t.json:2:3: currency: must be a 3-letter ISO 4217 code such as \"USD\", "
		 "got \"dollars\""},
		{"{\n  \"scope\": \"global\"\n}",
		 "t.json:2:3: scope: unknown scope \"global\" (known: local, regional, national, online)"},
		{"{\n  \"profile\": {\n    \"industry\": {\n      \"segments\": {\n"
		 "        \"healthcare\": 0.5,\n        \"legal\": 3\n      }\n    }\n  }\n}",
		 "t.json:6:9: profile.industry.segments.legal: weight must be between 0 and 1, got 3"},
		{"{\n  \"profile\": {\"role\": {\"weight\": 11}}\n}",
		 "t.json:2:24: profile.role.weight: must be between 0 and 10, got 11"},
		{"{\n  \"profile\": {\"region\": []}\n}",
		 "t.json:2:15: profile.region: must be an object { ... }, got an array"},
		{"{\"profile\": {\"industry\": {\"segments\": {\"Legal\": 1, \"legal\": 0.5}}}}",
		 "t.json:1:52: profile.industry.segments.legal: segment \"legal\" is listed twice~"},
		{"{\n  \"availability\": {\n    \"mon\": [\"08:00-12:00\",\n            \"25:00-26:00\"]\n  }\n}",
		 "t.json:4:13: availability.mon[1]: \"25:00-26:00\": hour 25 is not between 00 and 24"},
		{"{\n  \"me\": [\"ana at example.com\"]\n}",
		 "t.json:2:10: me[0]: expected an e-mail address such as \"you@example.com\", "
		 "got \"ana at example.com\""},
		{"{\"availability\": {\"tue\": [\"9am-5pm\"]}}",
		 "t.json:1:27: availability.tue[0]: \"9am-5pm\": expected \"HH:MM-HH:MM\" such as "
		 "\"08:00-18:00\""},
		{"{\"availability\": {\"tue\": [\"18:00-08:00\"]}}",
		 "t.json:1:27: availability.tue[0]: \"18:00-08:00\": the window ends before it starts~"},
		{"{\"availability\": {\"wed\": [\"08:00-12:30\", \"12:00-14:00\"]}}",
		 "t.json:1:19: availability.wed: windows 08:00-12:30 and 12:00-14:00 overlap"},
		{"{\"availability\": {\"thu\": [\"12:60-13:00\"]}}",
		 "t.json:1:27: availability.thu[0]: \"12:60-13:00\": minute 60 is not between 00 and 59"},
		{"{\n  \"budget\": {\n    \"min_hours\": 12,\n    \"max_hours\": 6\n  }\n}",
		 "t.json:3:5: budget.min_hours: min_hours (12) is more than max_hours (6)"},
		{"{\"budget\": {\"max_hours\": 1000}}",
		 "t.json:1:13: budget.max_hours: must be between 0 and 744, got 1000"},
		{"{\n  \"score_version\": 2,\n  \"weights\": {\n    \"room\": 11\n  }\n}",
		 "t.json:4:5: weights.room: must be between 0 and 10, got 11"},
		{"{\"score_version\": 3}",
		 "t.json:1:2: score_version: must be between 1 and 2, got 3"},
		{"{\"weights\": [1]}", "t.json:1:2: weights: must be an object { ... }, got an array"},
		{"{\"score_version\": 2, \"thresholds\": {\"go\": 40, \"maybe\": 60}}",
		 "t.json:1:47: thresholds.maybe: the maybe threshold (60) is above the go threshold (40)"},
		{"{\"scoring\": {\"second_degree_discount\": 1.5}}",
		 "t.json:1:14: scoring.second_degree_discount: must be between 0 and 1, got 1.5"},
		{"{\"theme\": \"../etc/passwd\"}", "t.json:1:2: theme: must be a name~"},
		{"{\"import\": {\"past_days\": 30.5}}",
		 "t.json:1:13: import.past_days: must be a whole number, got 30.5"},
		{"{\"target_domains\": [\"bigfirm.com\", \"not a domain\"]}",
		 "t.json:1:36: target_domains[1]: expected a domain such as \"bigfirm.com\", got "
		 "\"not a domain\""},
		{"{\"target_domains\": \"bigfirm.com\"}",
		 "t.json:1:2: target_domains: must be an array [ ... ], got a string"},
		{"{\n  \"keywords\": [\n    {\"word\": \"law\", \"kind\": \"conference\"},\n"
		 "    {\"word\": \"brunch\",\n     \"kind\": \"brunch\"}\n  ]\n}",
		 "t.json:5:6: keywords[1].kind: unknown kind \"brunch\" (known: breakfast, meetup, "
		 "conference, coffee, lunch, speaking, webinar, other)"},
		{"{\"keywords\": [{\"kind\": \"lunch\"}]}",
		 "t.json:1:15: keywords[0]: a keyword rule needs a \"word\""},
		{"{\"keywords\": [{\"word\": \"law\"}]}",
		 "t.json:1:15: keywords[0]: the rule for \"law\" needs a \"kind\", a \"dimension\" or both"},
		{"{\"keywords\": [{\"word\": \"law\", \"dimension\": \"industry\", \"share\": 0.3}]}",
		 "t.json:1:15: keywords[0]: a rule with a \"dimension\" needs a \"segment\""},
		{"{\"keywords\": [{\"word\": \"law\", \"segment\": \"legal\"}]}",
		 "t.json:1:31: keywords[0].segment: \"segment\" needs a \"dimension\" in the same rule"},
		{"{\"keywords\": [{\"word\": \"law\", \"dimension\": \"sector\"}]}",
		 "t.json:1:31: keywords[0].dimension: unknown dimension \"sector\"~"},
		{"{\n  \"theme\": \"a\",\n  \"theme\": \"b\"\n}",
		 "t.json:3:3: theme: duplicate key \"theme\""},
		{"{\"x\": {\"y\": 1, \"y\": 2}}", "t.json:1:16: x.y: duplicate key \"y\""},
	};
	check_errors(cases, sizeof cases / sizeof *cases);
}

static const char with_unknowns[] =
	"{\n"
	"  \"_doc\": \"my notes\",\n"
	"  \"hourly_rate\": 150,\n"
	"  \"x_custom\": {\"a\": [1, 2], \"b\": null},\n"
	"  \"profile\": {\"industry\": {\"note\": \"keep me\", \"segments\": {\"_doc\": \"seg note\", "
	"\"Legal\": 1, \"dropped\": 0.5}}},\n"
	"  \"score_version\": 2,\n"
	"  \"weights\": {\"future_knob\": 7, \"room\": 1},\n"
	"  \"keywords\": [{\"word\": \"law\", \"why\": \"lawyers\", \"dimension\": \"industry\", "
	"\"segment\": \"legal\", \"share\": 0.3}],\n"
	"  \"zz_last\": true\n"
	"}\n";

static int key_index(const cJSON *obj, const char *key)
{
	int i = 0;
	for (const cJSON *c = obj->child; c != NULL; c = c->next, i++)
		if (strcmp(c->string, key) == 0)
			return i;
	return -1;
}

/* A score v1 file (no score_version): its weights and thresholds meant a
 * weighted mean and are ignored, v1-only scoring knobs too, each named
 * once; scoring knobs v2 shares keep their values. */
static void test_score_v1_config(void **state)
{
	(void)state;
	static const char v1[] =
		"{\"weights\": {\"overlap\": 6, \"stage\": 2, \"_overlap\": \"note\"},\n"
		" \"thresholds\": {\"go\": 56, \"maybe\": 51},\n"
		" \"scoring\": {\"overlap_half\": 1.5, \"people_met\": 12}}\n";
	struct wit_config c, d;
	char *why = NULL;
	config_defaults(&d);
	assert_int_equal(parse(v1, &c, &why), WIT_OK);
	assert_true(c.is_score_v1);
	assert_string_equal(c.ignored_knobs, "overlap, stage, go, maybe, overlap_half");
	assert_true(c.score.knob[KNOB_W_STAGE] == d.score.knob[KNOB_W_STAGE]);
	assert_true(c.score.knob[KNOB_GO_THRESHOLD] == 60);
	assert_true(c.score.knob[KNOB_PEOPLE_MET] == 12);
	/* saved, it becomes a v2 file: read back, nothing v2 is ignored
	 * but the v1 names still in it */
	char *text = config_merge(v1, &c);
	assert_non_null(strstr(text, "\"score_version\": 2"));
	struct wit_config back;
	assert_int_equal(parse(text, &back, &why), WIT_OK);
	assert_false(back.is_score_v1);
	assert_string_equal(back.ignored_knobs, "overlap, overlap_half");
	free(text);
	/* defaults: nothing ignored */
	assert_int_equal(parse("{}", &c, &why), WIT_OK);
	assert_false(c.is_score_v1);
	assert_string_equal(c.ignored_knobs, "");
}

static void test_merge_keeps_unknown_keys(void **state)
{
	(void)state;
	struct wit_config c, back;
	char *why = NULL;
	assert_int_equal(parse(with_unknowns, &c, &why), WIT_OK);
	c.hourly_rate_minor = 20050;
	c.score.knob[KNOB_W_ROOM] = 4;
	c.profile[DIM_INDUSTRY].n = 1; /* "dropped" goes, "legal" stays */
	char *text = config_merge(with_unknowns, &c);
	cJSON *root = cJSON_Parse(text);
	assert_non_null(root);
	/* top-level order: existing keys where they were, new ones after */
	assert_int_equal(key_index(root, "_doc"), 0);
	assert_int_equal(key_index(root, "hourly_rate"), 1);
	assert_int_equal(key_index(root, "x_custom"), 2);
	assert_int_equal(key_index(root, "zz_last"), 7);
	assert_true(key_index(root, "currency") > 7);
	assert_string_equal(cJSON_GetObjectItem(root, "_doc")->valuestring, "my notes");
	assert_true(cJSON_GetObjectItem(root, "hourly_rate")->valuedouble == 200.5);
	assert_non_null(strstr(text, "\"hourly_rate\": 200.50,"));
	const cJSON *x = cJSON_GetObjectItem(root, "x_custom");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(x, "a")), 2);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(x, "b")));
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(root, "zz_last")));
	/* nested unknown keys */
	const cJSON *ind = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "profile"), "industry");
	assert_string_equal(cJSON_GetObjectItem(ind, "note")->valuestring, "keep me");
	const cJSON *segs = cJSON_GetObjectItem(ind, "segments");
	assert_string_equal(cJSON_GetObjectItem(segs, "_doc")->valuestring, "seg note");
	assert_non_null(cJSON_GetObjectItem(segs, "Legal")); /* the user's spelling */
	assert_null(cJSON_GetObjectItem(segs, "dropped"));
	const cJSON *w = cJSON_GetObjectItem(root, "weights");
	assert_true(cJSON_GetObjectItem(w, "future_knob")->valuedouble == 7);
	assert_true(cJSON_GetObjectItem(w, "room")->valuedouble == 4);
	assert_int_equal(key_index(w, "future_knob"), 0);
	const cJSON *rule = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "keywords"), 0);
	assert_string_equal(cJSON_GetObjectItem(rule, "why")->valuestring, "lawyers");
	cJSON_Delete(root);
	/* and the settings read back are the ones written */
	assert_int_equal(config_parse(text, strlen(text), "m.json", &back, &why), WIT_OK);
	assert_config_equal(&back, &c);
	/* merging again changes nothing */
	char *again = config_merge(text, &back);
	assert_string_equal(again, text);
	free(again);
	free(text);
}

static void test_merge_replaces_non_objects_and_bad_text(void **state)
{
	(void)state;
	struct wit_config c, back;
	char *why = NULL;
	config_defaults(&c);
	const char *olds[] = {NULL, "", "[1]", "{\"profile\": 3, \"budget\": []}"};
	for (size_t i = 0; i < sizeof olds / sizeof *olds; i++) {
		char *text = config_merge(olds[i], &c);
		assert_int_equal(config_parse(text, strlen(text), "m.json", &back, &why), WIT_OK);
		assert_config_equal(&back, &c);
		free(text);
	}
}

static void test_round_trip(void **state)
{
	(void)state;
	struct wit_config c, back;
	char *why = NULL;
	config_defaults(&c);
	char *text = config_merge(NULL, &c);
	assert_int_equal(config_parse(text, strlen(text), "m.json", &back, &why), WIT_OK);
	assert_config_equal(&back, &c);
	free(text);
	/* and with every field moved off its default */
	c.hourly_rate_minor = 12345;
	memcpy(c.currency, "GBP", 4);
	c.scope = SCOPE_NATIONAL;
	c.profile[DIM_REGION].n = 0;
	c.profile[DIM_ROLE].weight = 0.1 + 0.2; /* not exactly representable */
	c.n_target_domains = 1;
	memcpy(c.target_domains[0], "bigfirm.com", 12);
	c.n_avail[0] = 2;
	c.avail[0][0] = (struct avail_window){0, 30};
	c.avail[0][1] = (struct avail_window){23 * 60, 1440};
	c.n_avail[3] = 0;
	c.budget_min_hours = 0;
	c.budget_max_hours = 1.0 / 3.0;
	for (int k = 0; k < KNOB_COUNT; k++) {
		const struct score_knob_info *info = score_knob_info((enum score_knob)k);
		c.score.knob[k] = info->min + (info->max - info->min) / 7.0;
	}
	c.score.knob[KNOB_GO_THRESHOLD] = 90;
	memcpy(c.theme, "mono", 5);
	c.import_past_days = 0;
	c.import_ahead_days = 3650;
	c.n_rules = 2;
	c.rules[1].is_second_degree = false;
	text = config_merge(NULL, &c);
	assert_int_equal(config_parse(text, strlen(text), "m.json", &back, &why), WIT_OK);
	assert_config_equal(&back, &c);
	free(text);
}

static void test_starter_text(void **state)
{
	(void)state;
	struct wit_config c, d;
	char *why = NULL;
	char *text = config_starter_text();
	assert_non_null(strstr(text, "\"_doc\": "));
	/* a note before every knob, named after it */
	for (int k = 0; k < KNOB_COUNT; k++) {
		char key[80];
		snprintf(key, sizeof key, "\"_%s\": ", score_knob_info((enum score_knob)k)->name);
		assert_non_null(strstr(text, key));
	}
	assert_non_null(strstr(text, "\"hourly_rate\": 150.00,"));
	assert_int_equal(config_parse(text, strlen(text), "starter.json", &c, &why), WIT_OK);
	config_defaults(&d);
	assert_config_equal(&c, &d);
	/* saving the defaults over the starter keeps it byte for byte */
	char *again = config_merge(text, &c);
	assert_string_equal(again, text);
	free(again);
	free(text);
}

/* Deterministic fuzzing: thousands of mutations of the starter text
 * (byte changes, insertions, deletions, truncations) never crash, give
 * WIT_OK or WIT_CONFIG only, and every message starts with a position
 * inside the text. Text the checker accepts, cJSON accepts too. */
static void test_mutations(void **state)
{
	(void)state;
	char *starter = config_starter_text();
	size_t n = strlen(starter);
	int lines = 1;
	for (size_t i = 0; i < n; i++)
		lines += starter[i] == '\n';
	static const char alphabet[] = "{}[],:\"\\ \n-0123456789.eEtrufalsn_x\xc3\xa9\xff";
	uint32_t seed = 12345;
	char *buf = malloc(n + 8);
	int ok = 0, bad = 0;
	for (int iter = 0; iter < 4000; iter++) {
		memcpy(buf, starter, n + 1);
		size_t len = n;
		for (int m = 0; m < 1 + iter % 3; m++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			char c = alphabet[(seed >> 20) % (sizeof alphabet - 1)];
			switch ((seed >> 28) % 4) {
			case 0: buf[at] = c; break;
			case 1: memmove(buf + at + 1, buf + at, len - at + 1); buf[at] = c; len++; break;
			case 2: memmove(buf + at, buf + at + 1, len - at); len--; break;
			default: len = at; buf[len] = '\0'; break;
			}
		}
		struct wit_config c;
		char *why = NULL;
		enum wit_status st = config_parse(buf, len, "t.json", &c, &why);
		if (st == WIT_OK) {
			ok++;
			assert_null(why);
			continue;
		}
		bad++;
		assert_int_equal(st, WIT_CONFIG);
		int line = 0, col = 0;
		assert_int_equal(sscanf(why, "t.json:%d:%d: ", &line, &col), 2);
		assert_true(line >= 1 && line <= lines + 3);
		assert_true(col >= 1);
		size_t off;
		char *msg = NULL;
		if (jsonloc_check(buf, len, &off, &msg)) {
			cJSON *root = cJSON_ParseWithLength(buf, len);
			assert_non_null(root);
			cJSON_Delete(root);
		} else {
			free(msg);
		}
		free(why);
	}
	print_message("mutations: %d accepted, %d refused\n", ok, bad);
	assert_true(ok > 0 && bad > 0);
	free(buf);
	free(starter);
}

static void test_jsonloc(void **state)
{
	(void)state;
	const char *t = "{\"a\": {\"b\\u0041\": [10, {\"c\": 1}], \"b\": 2},\n \"a\": 3}";
	size_t len = strlen(t), off;
	struct jsonloc_step p1[] = {{.key = "a"}, {.key = "bA"}, {.index = 1}, {.key = "c"}};
	assert_true(jsonloc_find(t, len, p1, 4, &off));
	assert_int_equal(off, 24);
	struct jsonloc_step p2[] = {{.key = "a", .nth = 1}};
	assert_true(jsonloc_find(t, len, p2, 1, &off));
	int line, col;
	jsonloc_line_col(t, len, off, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	struct jsonloc_step p3[] = {{.key = "a"}, {.key = "zz"}};
	assert_false(jsonloc_find(t, len, p3, 2, &off));
	assert_int_equal(off, 1); /* the deepest step found: "a" */
	char *msg = NULL;
	assert_true(jsonloc_check(t, len, &off, &msg));
	assert_null(msg);
}

static void test_scope_names(void **state)
{
	(void)state;
	for (int s = 0; s < SCOPE_COUNT; s++)
		assert_int_equal(business_scope_from_name(business_scope_name((enum business_scope)s)), s);
	assert_int_equal(business_scope_from_name("Local"), -1);
	assert_int_equal(business_scope_from_name(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_valid),
		cmocka_unit_test(test_full_example),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_semantic_errors),
		cmocka_unit_test(test_merge_keeps_unknown_keys),
		cmocka_unit_test(test_score_v1_config),
		cmocka_unit_test(test_merge_replaces_non_objects_and_bad_text),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_starter_text),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_jsonloc),
		cmocka_unit_test(test_scope_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
