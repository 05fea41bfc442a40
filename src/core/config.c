/*
 * config.c: the built-in defaults and config_parse(), which reads JSON
 * text over them and validates every field. Pure core: no I/O; the text
 * comes from config_file.c. config_merge.c writes settings back.
 *
 * Parsing is two passes: jsonloc_check() is a strict RFC 8259 checker
 * that gives syntax errors an exact line and column, then cJSON builds
 * the tree and the sections below read it. A semantic error points at
 * the offending key (jsonloc_find), and names its key path:
 *   config.json:12:7: profile.industry.segments.legal: weight must be
 *   between 0 and 1, got 3
 * Absent keys keep their default; objects merge key by key; arrays
 * (target_domains, keywords, availability of a day) replace the default
 * as a whole; keys worthit does not know, and every key starting with
 * "_" (comments), are ignored. The struct is written only on success.
 */
#include "worthit/config.h"
#include "worthit/config_preset.h"
#include "worthit/config_read.h"
#include "worthit/jsonloc.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const scope_names[SCOPE_COUNT] = {"local", "regional", "national", "online"};

const char *business_scope_name(enum business_scope s)
{
	return (unsigned)s < SCOPE_COUNT ? scope_names[s] : "local";
}

int business_scope_from_name(const char *name)
{
	for (int i = 0; name != NULL && i < SCOPE_COUNT; i++)
		if (strcmp(scope_names[i], name) == 0)
			return i;
	return -1;
}

/* --- defaults ------------------------------------------------------------ */

/* The persona of the defaults: a local freelance developer selling
 * custom software to mid-size law and healthcare firms. */
static const struct {
	enum audience_dim dim;
	double weight;
	const char *segments; /* "name=weight ..." */
} default_profile[DIM_COUNT] = {
	{DIM_INDUSTRY, 1.0,
	 "legal=1 healthcare=0.9 accounting=0.5 finance=0.4 real_estate=0.3 "
	 "government=0.3 technology=0.1"},
	{DIM_ROLE, 0.8, "partner=1 executive=0.9 practice_manager=0.9 it_lead=0.8 owner=0.6"},
	{DIM_COMPANY_SIZE, 0.6, "mid=1 small=0.6 large=0.4 solo=0.1"},
	{DIM_REGION, 0.4, "local=1 regional=0.6 national=0.2 international=0.1"},
};

#define K(word, kind) {word, kind, -1, "", 0.0, false}
#define A(word, dim, seg, share) {word, -1, dim, seg, share, false}
#define A2(word, dim, seg, share) {word, -1, dim, seg, share, true}

static const struct keyword_rule default_rules[] = {
	K("breakfast", KIND_BREAKFAST), K("meetup", KIND_MEETUP), K("user group", KIND_MEETUP),
	K("mixer", KIND_MEETUP), K("happy hour", KIND_MEETUP), K("conference", KIND_CONFERENCE),
	K("summit", KIND_CONFERENCE), K("expo", KIND_CONFERENCE), K("coffee", KIND_COFFEE),
	K("lunch", KIND_LUNCH), K("luncheon", KIND_LUNCH), K("speaking", KIND_SPEAKING),
	K("keynote", KIND_SPEAKING), K("webinar", KIND_WEBINAR), K("livestream", KIND_WEBINAR),
	A("law", DIM_INDUSTRY, "legal", 0.4), A("legal", DIM_INDUSTRY, "legal", 0.4),
	A("attorney", DIM_INDUSTRY, "legal", 0.5), A("bar association", DIM_INDUSTRY, "legal", 0.7),
	A("legal tech", DIM_INDUSTRY, "legal", 0.5), A("legaltech", DIM_INDUSTRY, "legal", 0.5),
	A("healthcare", DIM_INDUSTRY, "healthcare", 0.4),
	A("medical", DIM_INDUSTRY, "healthcare", 0.4), A("hospital", DIM_INDUSTRY, "healthcare", 0.4),
	A("clinic", DIM_INDUSTRY, "healthcare", 0.4), A("dental", DIM_INDUSTRY, "healthcare", 0.5),
	A("accounting", DIM_INDUSTRY, "accounting", 0.4), A("cpa", DIM_INDUSTRY, "accounting", 0.5),
	A("real estate", DIM_INDUSTRY, "real_estate", 0.5), A("finance", DIM_INDUSTRY, "finance", 0.3),
	A("legislative", DIM_INDUSTRY, "government", 0.4),
	A("developer", DIM_INDUSTRY, "technology", 0.5), A("tech", DIM_INDUSTRY, "technology", 0.4),
	A("managing partner", DIM_ROLE, "partner", 0.5), A("partners", DIM_ROLE, "partner", 0.3),
	A("executive", DIM_ROLE, "executive", 0.4),
	A("practice manager", DIM_ROLE, "practice_manager", 0.5),
	A("it director", DIM_ROLE, "it_lead", 0.5), A("business owner", DIM_ROLE, "owner", 0.5),
	A("small business", DIM_COMPANY_SIZE, "small", 0.6),
	A("enterprise", DIM_COMPANY_SIZE, "large", 0.4), A("freelance", DIM_COMPANY_SIZE, "solo", 0.5),
	A("chamber", DIM_REGION, "local", 0.8), A("regional", DIM_REGION, "regional", 0.6),
	A("national", DIM_REGION, "national", 0.5),
	A2("referral", DIM_ROLE, "owner", 0.5), A2("leads group", DIM_ROLE, "owner", 0.6),
};

#undef K
#undef A
#undef A2

static void default_segments(struct profile_dimension *d, const char *spec)
{
	d->n = 0;
	while (*spec != '\0' && d->n < PROFILE_SEGMENTS_MAX) {
		size_t name_len = strcspn(spec, "=");
		struct profile_segment *s = &d->seg[d->n++];
		snprintf(s->value, sizeof s->value, "%.*s", (int)name_len, spec);
		char *end;
		s->weight = strtod(spec + name_len + 1, &end);
		spec = end + strspn(end, " ");
	}
}

void config_defaults(struct wit_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->hourly_rate_minor = 15000;
	memcpy(cfg->currency, "USD", 4);
	cfg->scope = SCOPE_LOCAL;
	for (size_t i = 0; i < DIM_COUNT; i++) {
		struct profile_dimension *d = &cfg->profile[default_profile[i].dim];
		d->weight = default_profile[i].weight;
		default_segments(d, default_profile[i].segments);
	}
	for (int day = 1; day <= 5; day++) {
		cfg->n_avail[day] = 1;
		cfg->avail[day][0] = (struct avail_window){8 * 60, 18 * 60};
	}
	cfg->budget_min_hours = 6;
	cfg->budget_max_hours = 12;
	score_settings_defaults(&cfg->score);
	memcpy(cfg->theme, "default", sizeof "default");
	memcpy(cfg->sendmail, SENDMAIL_DEFAULT, sizeof SENDMAIL_DEFAULT);
	cfg->import_past_days = 365;
	cfg->import_ahead_days = 180;
	cfg->n_rules = sizeof default_rules / sizeof *default_rules;
	memcpy(cfg->rules, default_rules, sizeof default_rules);
	config_facts_defaults(cfg);
}

/* RFC 8259 4 says names SHOULD be unique; a second one is an error
 * here, since cJSON would silently use the first. */
char *config_rate_text(const struct wit_config *cfg, char *buf, size_t len)
{
	char amount[MONEY_TEXT_MAX];
	money_format_code(cfg->hourly_rate_minor, config_currency(cfg), amount, sizeof amount);
	snprintf(buf, len, "%s/h", amount);
	return buf;
}

const struct money_rate *config_rate_of(const struct wit_config *cfg, const char *currency)
{
	if (currency == NULL || strcasecmp(currency, config_currency(cfg)) == 0)
		return NULL;
	for (size_t i = 0; i < cfg->n_rates; i++)
		if (strcasecmp(cfg->rates[i].currency, currency) == 0)
			return &cfg->rates[i];
	return NULL;
}

const char *config_currency(const struct wit_config *cfg)
{
	return cfg != NULL && cfg->currency[0] != '\0' ? cfg->currency : "USD";
}

static enum wit_status check_duplicates(struct config_reader *r, const cJSON *node)
{
	int i = 0;
	for (const cJSON *c = node->child; c != NULL; c = c->next, i++) {
		if (cJSON_IsObject(node)) {
			int nth = 0;
			for (const cJSON *d = node->child; d != c; d = d->next)
				nth += strcmp(d->string, c->string) == 0;
			config_read_enter(r, c->string);
			if (nth > 0 && r->depth <= JSONLOC_DEPTH_MAX) {
				r->step[r->depth - 1].nth = nth;
				return config_read_fail(r, "duplicate key \"%s\"", c->string);
			}
		} else {
			config_read_enter_index(r, i);
		}
		enum wit_status st = check_duplicates(r, c);
		if (st != WIT_OK)
			return st;
		config_read_leave(r);
	}
	return WIT_OK;
}

/* --- top-level scalars --------------------------------------------------- */

static enum wit_status parse_rate(struct config_reader *r, const cJSON *root,
                                  struct wit_config *cfg)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "hourly_rate");
	if (v == NULL)
		return WIT_OK;
	config_read_enter(r, "hourly_rate");
	if (cJSON_IsNumber(v) && v->valuedouble < 0)
		return config_read_fail(r, "must not be negative, got %.10g",
		                        v->valuedouble);
	double rate;
	enum wit_status st = config_read_number(r, v, NULL, 0, 1e9, &rate);
	if (st != WIT_OK)
		return st;
	/* major units of the currency (read before): 150.5 USD -> 15050
	 * minor, 15000 JPY -> 15000; rounded half away from zero */
	cfg->hourly_rate_minor = money_from_major(rate, config_currency(cfg));
	config_read_leave(r);
	return WIT_OK;
}

static enum wit_status parse_currency(struct config_reader *r, const cJSON *root,
                                      struct wit_config *cfg)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "currency");
	if (v == NULL)
		return WIT_OK;
	config_read_enter(r, "currency");
	if (!cJSON_IsString(v))
		return config_read_fail(r, "must be a string, got %s",
		                        config_read_type_name(v));
	const char *code = v->valuestring;
	if (strlen(code) != 3 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != 3)
		return config_read_fail(r, "must be a 3-letter ISO 4217 code such as \"USD\", got \"%s\"",
		                        code);
	for (size_t i = 0; i < 3; i++)
		cfg->currency[i] = (char)(code[i] >= 'a' ? code[i] - 'a' + 'A' : code[i]);
	cfg->currency[3] = '\0';
	config_read_leave(r);
	return WIT_OK;
}

static enum wit_status parse_scope(struct config_reader *r, const cJSON *root,
                                   struct wit_config *cfg)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "scope");
	if (v == NULL)
		return WIT_OK;
	config_read_enter(r, "scope");
	if (!cJSON_IsString(v))
		return config_read_fail(r, "must be a string, got %s", config_read_type_name(v));
	int s = business_scope_from_name(v->valuestring);
	if (s < 0)
		return config_read_fail(r, "unknown scope \"%s\" (known: local, regional, national, online)",
		                        v->valuestring);
	cfg->scope = (enum business_scope)s;
	config_read_leave(r);
	return WIT_OK;
}

static enum wit_status parse_theme(struct config_reader *r, const cJSON *root,
                                   struct wit_config *cfg)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "theme");
	if (v == NULL)
		return WIT_OK;
	config_read_enter(r, "theme");
	enum wit_status st = config_read_string(r, v, NULL, cfg->theme, sizeof cfg->theme);
	if (st != WIT_OK)
		return st;
	/* a theme is a name looked up in the themes directory, never a path */
	const char *ok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
	if (strspn(cfg->theme, ok) != strlen(cfg->theme) || cfg->theme[0] == '.')
		return config_read_fail(r, "must be a name of letters, digits, '-', '_' and '.', got \"%s\"",
		                        cfg->theme);
	config_read_leave(r);
	return WIT_OK;
}

static enum wit_status parse_import(struct config_reader *r, const cJSON *root,
                                    struct wit_config *cfg)
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, "import");
	if (obj == NULL)
		return WIT_OK;
	config_read_enter(r, "import");
	enum wit_status st = config_read_object(r, obj);
	static const char *const keys[] = {"past_days", "ahead_days"};
	int *slots[] = {&cfg->import_past_days, &cfg->import_ahead_days};
	for (size_t i = 0; st == WIT_OK && i < 2; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, keys[i]);
		if (v == NULL)
			continue;
		config_read_enter(r, keys[i]);
		st = config_read_int(r, v, NULL, 0, 3650, slots[i]);
		if (st == WIT_OK)
			config_read_leave(r);
	}
	if (st == WIT_OK)
		config_read_leave(r);
	return st;
}

static enum wit_status parse_budget(struct config_reader *r, const cJSON *root,
                                    struct wit_config *cfg)
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, "budget");
	if (obj == NULL)
		return WIT_OK;
	config_read_enter(r, "budget");
	enum wit_status st = config_read_object(r, obj);
	static const char *const keys[] = {"min_hours", "max_hours"};
	double *slots[] = {&cfg->budget_min_hours, &cfg->budget_max_hours};
	for (size_t i = 0; st == WIT_OK && i < 2; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, keys[i]);
		if (v == NULL)
			continue;
		config_read_enter(r, keys[i]);
		/* 744 = 31 days * 24 hours: more is not a monthly budget */
		st = config_read_number(r, v, NULL, 0, 744, slots[i]);
		if (st == WIT_OK)
			config_read_leave(r);
	}
	if (st == WIT_OK && cfg->budget_min_hours > cfg->budget_max_hours) {
		bool has_min = cJSON_GetObjectItemCaseSensitive(obj, "min_hours") != NULL;
		config_read_enter(r, has_min ? "min_hours" : "max_hours");
		return config_read_fail(r, "min_hours (%.10g) is more than max_hours (%.10g)",
		                        cfg->budget_min_hours, cfg->budget_max_hours);
	}
	if (st == WIT_OK)
		config_read_leave(r);
	return st;
}

static void note_ignored(struct wit_config *cfg, const char *name)
{
	size_t used = strlen(cfg->ignored_knobs);
	snprintf(cfg->ignored_knobs + used, sizeof cfg->ignored_knobs - used, "%s%s",
	         used > 0 ? ", " : "", name);
}

/* Is a key of a knob section one this version reads? A v1 file's
 * weights and thresholds meant something else (a weighted mean): they
 * are ignored too, and named. */
static bool knob_is_read(const struct wit_config *cfg, const char *sec, const char *name)
{
	int k = score_knob_from_name(name);
	if (k < 0 || strcmp(score_knob_info((enum score_knob)k)->section, sec) != 0)
		return false;
	return !(cfg->is_score_v1 && strcmp(sec, "scoring") != 0);
}

/* Which version the file's knobs are (no "score_version" key: v1, if
 * it has a knob section at all), and the knob names it ignores. */
static enum wit_status read_score_version(struct config_reader *r, const cJSON *root,
                                          struct wit_config *cfg)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "score_version");
	cfg->is_score_v1 = false;
	cfg->ignored_knobs[0] = '\0';
	if (v != NULL) {
		double version;
		config_read_enter(r, "score_version");
		enum wit_status st = config_read_number(r, v, NULL, 1, 2, &version);
		if (st != WIT_OK)
			return st;
		config_read_leave(r);
		cfg->is_score_v1 = version < 2;
	} else {
		cfg->is_score_v1 = cJSON_GetObjectItemCaseSensitive(root, "weights") != NULL ||
		                   cJSON_GetObjectItemCaseSensitive(root, "thresholds") != NULL ||
		                   cJSON_GetObjectItemCaseSensitive(root, "scoring") != NULL;
	}
	static const char *const secs[] = { "weights", "thresholds", "scoring" };
	for (size_t i = 0; i < 3; i++) {
		const cJSON *sec = cJSON_GetObjectItemCaseSensitive(root, secs[i]);
		for (const cJSON *c = cJSON_IsObject(sec) ? sec->child : NULL; c != NULL; c = c->next)
			if (c->string != NULL && c->string[0] != '_' &&
			    !knob_is_read(cfg, secs[i], c->string))
				note_ignored(cfg, c->string);
	}
	return WIT_OK;
}

/* Knobs are read generically from the table in score.h: each lives in
 * its section object under its own name, within its own range. */
static enum wit_status parse_knobs(struct config_reader *r, const cJSON *root,
                                   struct wit_config *cfg)
{
	enum wit_status st0 = read_score_version(r, root, cfg);
	if (st0 != WIT_OK)
		return st0;
	for (int k = 0; k < KNOB_COUNT; k++) {
		const struct score_knob_info *info = score_knob_info((enum score_knob)k);
		const cJSON *sec = cJSON_GetObjectItemCaseSensitive(root, info->section);
		if (sec == NULL)
			continue;
		config_read_enter(r, info->section);
		enum wit_status st = config_read_object(r, sec);
		if (st != WIT_OK)
			return st;
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(sec, info->name);
		if (v != NULL && knob_is_read(cfg, info->section, info->name)) {
			config_read_enter(r, info->name);
			st = config_read_number(r, v, NULL, info->min, info->max, &cfg->score.knob[k]);
			if (st != WIT_OK)
				return st;
			config_read_leave(r);
		}
		config_read_leave(r);
	}
	double go = cfg->score.knob[KNOB_GO_THRESHOLD], maybe = cfg->score.knob[KNOB_MAYBE_THRESHOLD];
	if (maybe > go) {
		const char *sec = score_knob_info(KNOB_MAYBE_THRESHOLD)->section;
		const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, sec);
		config_read_enter(r, sec);
		if (cJSON_GetObjectItemCaseSensitive(obj, "maybe") != NULL)
			config_read_enter(r, "maybe");
		return config_read_fail(r, "the maybe threshold (%.10g) is above the go threshold (%.10g)",
		                        maybe, go);
	}
	return WIT_OK;
}

enum wit_status config_parse(const char *text, size_t len, const char *path,
                             struct wit_config *cfg, char **why)
{
	size_t off;
	char *msg;
	if (!jsonloc_check(text, len, &off, &msg)) {
		char *at = config_read_where(path, text, len, off);
		wit_fail(why, WIT_CONFIG, "%s%s", at, msg);
		free(at);
		free(msg);
		return WIT_CONFIG;
	}
	size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	cJSON *root = cJSON_ParseWithLength(text + bom, len - bom);
	if (root == NULL)
		return wit_fail(why, WIT_CONFIG, "%s:1:1: cannot parse the JSON text", path);
	struct config_reader r = {.text = text, .len = len, .path = path, .why = why};
	struct wit_config *work = xmalloc(sizeof *work);
	config_defaults(work);
	enum wit_status st;
	if (!cJSON_IsObject(root))
		st = config_read_fail(&r, "the configuration must be a JSON object { ... }, got %s",
		                      config_read_type_name(root));
	else if ((st = check_duplicates(&r, root)) == WIT_OK &&
	         (st = parse_currency(&r, root, work)) == WIT_OK &&
	         (st = parse_rate(&r, root, work)) == WIT_OK &&
	         (st = parse_scope(&r, root, work)) == WIT_OK &&
	         (st = config_read_profile(&r, root, work)) == WIT_OK &&
	         (st = config_read_domains(&r, root, work)) == WIT_OK &&
	         (st = config_read_me(&r, root, work)) == WIT_OK &&
	         (st = config_read_availability(&r, root, work)) == WIT_OK &&
	         (st = parse_budget(&r, root, work)) == WIT_OK &&
	         (st = parse_knobs(&r, root, work)) == WIT_OK &&
	         (st = parse_theme(&r, root, work)) == WIT_OK &&
	         (st = parse_import(&r, root, work)) == WIT_OK &&
	         (st = config_read_sendmail(&r, root, work)) == WIT_OK)
		st = config_read_keywords(&r, root, work);
	if (st == WIT_OK)
		st = config_preset_read(&r, root, work);
	if (st == WIT_OK)
		st = config_read_facts(&r, root, work);
	if (st == WIT_OK)
		st = config_read_rates(&r, root, work);
	if (st == WIT_OK)
		*cfg = *work;
	free(work);
	cJSON_Delete(root);
	return st;
}

bool config_is_me(const struct wit_config *cfg, const char *addr)
{
	if (addr == NULL)
		return false;
	if (strncasecmp(addr, "mailto:", 7) == 0)
		addr += 7;
	for (size_t i = 0; i < cfg->n_me; i++)
		if (strcasecmp(cfg->me[i], addr) == 0)
			return true;
	return false;
}
