/*
 * config_merge.c: settings back to JSON text. config_merge() writes
 * every setting worthit knows over the old text's tree and keeps every
 * key it does not know, where it was; config_starter_text() is the
 * documented file of `worthit config init`, built by merging the
 * defaults into a template of "_" notes so it can never disagree with
 * them. Pure core: no I/O.
 *
 * Invariants: a key that exists keeps its position (its value is
 * replaced in place); new keys are appended in the order of the layout
 * in docs/config.md; config_parse(config_merge(t, c)) gives c back.
 * Formatting is our own (see print_tree), so it is stable across cJSON
 * versions.
 */
#include "worthit/config.h"
#include "worthit/config_preset.h"
#include "worthit/config_read.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Replace key's value in place, or append key. */
static void put(cJSON *obj, const char *key, cJSON *val)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, val);
	else
		cJSON_AddItemToObject(obj, key, val);
}

/* The object under key, created (or replacing a non-object) if need be. */
static cJSON *section(cJSON *obj, const char *key)
{
	cJSON *s = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (cJSON_IsObject(s))
		return s;
	s = cJSON_CreateObject();
	put(obj, key, s);
	return s;
}

/* "places" as a whole; "defaults" per name (others' keys kept). */
static void merge_facts(cJSON *root, const struct wit_config *cfg)
{
	cJSON *places = cJSON_CreateObject();
	for (size_t i = 0; i < cfg->n_places; i++)
		cJSON_AddNumberToObject(places, cfg->places[i].match, cfg->places[i].travel_min);
	put(root, "places", places);
	cJSON *defs = section(root, "defaults");
	cJSON *travel = section(defs, "travel_min");
	for (int r = 0; r < REACH_VIRTUAL; r++)
		put(travel, invite_reach_name((enum invite_reach)r),
		    cJSON_CreateNumber(cfg->default_travel_min[r]));
	cJSON *prep = section(defs, "prep_min"), *room = section(defs, "attendance");
	for (int k = 0; k < KIND_COUNT; k++) {
		put(prep, invite_kind_name((enum invite_kind)k),
		    cJSON_CreateNumber(cfg->default_prep_min[k]));
		put(room, invite_kind_name((enum invite_kind)k),
		    cJSON_CreateNumber(cfg->default_attendance[k]));
	}
}

static bool same_word(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = (char)(*a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a);
		char y = (char)(*b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : *b);
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* Segments: existing keys updated in place (their spelling kept), keys
 * no longer in the profile dropped, "_" notes kept, new ones appended. */
static void merge_segments(cJSON *segs, const struct profile_dimension *d)
{
	bool written[PROFILE_SEGMENTS_MAX] = {false};
	cJSON *next;
	for (cJSON *c = segs->child; c != NULL; c = next) {
		next = c->next;
		if (c->string[0] == '_')
			continue;
		size_t i = 0;
		while (i < d->n && (written[i] || !same_word(c->string, d->seg[i].value)))
			i++;
		if (i == d->n) {
			cJSON_Delete(cJSON_DetachItemViaPointer(segs, c));
		} else {
			written[i] = true;
			put(segs, c->string, cJSON_CreateNumber(d->seg[i].weight));
		}
	}
	for (size_t i = 0; i < d->n; i++)
		if (!written[i])
			put(segs, d->seg[i].value, cJSON_CreateNumber(d->seg[i].weight));
}

static void merge_profile(cJSON *root, const struct wit_config *cfg)
{
	cJSON *prof = section(root, "profile");
	for (int i = 0; i < DIM_COUNT; i++) {
		cJSON *dim = section(prof, audience_dim_name((enum audience_dim)i));
		put(dim, "weight", cJSON_CreateNumber(cfg->profile[i].weight));
		merge_segments(section(dim, "segments"), &cfg->profile[i]);
	}
}

static void merge_week(cJSON *root, const char *key, const size_t n[7],
                       const struct avail_window w7[7][AVAIL_WINDOWS_MAX])
{
	cJSON *avail = section(root, key);
	for (int k = 1; k <= 7; k++) { /* mon .. sun */
		int day = k % 7;
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; i < n[day]; i++) {
			const struct avail_window *w = &w7[day][i];
			char buf[48];
			snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", w->start_min / 60,
			         w->start_min % 60, w->end_min / 60, w->end_min % 60);
			cJSON_AddItemToArray(arr, cJSON_CreateString(buf));
		}
		put(avail, config_day_names[day], arr);
	}
}

static void merge_availability(cJSON *root, const struct wit_config *cfg)
{
	merge_week(root, "availability", cfg->n_avail, cfg->avail);
	merge_week(root, "blocked", cfg->n_blocked, cfg->blocked);
}

/* Write a rule into obj, which may hold the old rule's other keys. */
static void write_rule(cJSON *obj, const struct keyword_rule *k)
{
	put(obj, "word", cJSON_CreateString(k->word));
	if (k->kind >= 0)
		put(obj, "kind", cJSON_CreateString(invite_kind_name((enum invite_kind)k->kind)));
	else
		cJSON_DeleteItemFromObjectCaseSensitive(obj, "kind");
	if (k->dim < 0) {
		static const char *const keys[] = {"dimension", "segment", "share", "second_degree"};
		for (size_t i = 0; i < 4; i++)
			cJSON_DeleteItemFromObjectCaseSensitive(obj, keys[i]);
		return;
	}
	put(obj, "dimension", cJSON_CreateString(audience_dim_name((enum audience_dim)k->dim)));
	put(obj, "segment", cJSON_CreateString(k->segment));
	put(obj, "share", cJSON_CreateNumber(k->share));
	if (k->is_second_degree || cJSON_GetObjectItemCaseSensitive(obj, "second_degree") != NULL)
		put(obj, "second_degree", cJSON_CreateBool(k->is_second_degree));
}

/* Rules are matched to old ones by word, so notes a user wrote inside a
 * rule object stay with that rule. */
static void merge_keywords(cJSON *root, const struct wit_config *cfg)
{
	cJSON *old = cJSON_GetObjectItemCaseSensitive(root, "keywords");
	int n_old = cJSON_IsArray(old) ? cJSON_GetArraySize(old) : 0;
	bool *used = xcalloc((size_t)n_old + 1, sizeof *used);
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < cfg->n_rules; i++) {
		const struct keyword_rule *k = &cfg->rules[i];
		cJSON *obj = NULL;
		int j = 0;
		for (cJSON *c = n_old > 0 ? old->child : NULL; c != NULL && obj == NULL; c = c->next, j++) {
			const cJSON *w = cJSON_GetObjectItemCaseSensitive(c, "word");
			if (!used[j] && cJSON_IsObject(c) && cJSON_IsString(w) &&
			    same_word(w->valuestring, k->word)) {
				used[j] = true;
				obj = cJSON_Duplicate(c, true);
			}
		}
		if (obj == NULL)
			obj = cJSON_CreateObject();
		write_rule(obj, k);
		cJSON_AddItemToArray(arr, obj);
	}
	free(used);
	put(root, "keywords", arr);
}

/* "exchange_rates" as a whole, in cfg's order; left out when empty and
 * absent (a file that never had rates does not grow the key). */
static void merge_rates(cJSON *root, const struct wit_config *cfg)
{
	if (cfg->n_rates == 0 && cJSON_GetObjectItemCaseSensitive(root, "exchange_rates") == NULL)
		return;
	cJSON *rates = cJSON_CreateObject();
	for (size_t i = 0; i < cfg->n_rates; i++) {
		cJSON *r = cJSON_CreateObject();
		cJSON_AddNumberToObject(r, "rate", cfg->rates[i].rate);
		if (cfg->rates[i].date[0] != '\0')
			cJSON_AddStringToObject(r, "date", cfg->rates[i].date);
		cJSON_AddItemToObject(rates, cfg->rates[i].currency, r);
	}
	put(root, "exchange_rates", rates);
}

static void merge_tree(cJSON *root, const struct wit_config *cfg)
{
	/* money keeps the decimals of its currency visible: 150.00 USD, 15000
	 * JPY, 12.500 KWD (money.h) */
	char rate[MONEY_TEXT_MAX];
	money_format(cfg->hourly_rate_minor, config_currency(cfg), rate, sizeof rate);
	put(root, "hourly_rate", cJSON_CreateRaw(rate));
	put(root, "currency", cJSON_CreateString(cfg->currency));
	put(root, "scope", cJSON_CreateString(business_scope_name(cfg->scope)));
	merge_profile(root, cfg);
	cJSON *doms = cJSON_CreateArray();
	for (size_t i = 0; i < cfg->n_target_domains; i++)
		cJSON_AddItemToArray(doms, cJSON_CreateString(cfg->target_domains[i]));
	put(root, "target_domains", doms);
	cJSON *me = cJSON_CreateArray();
	for (size_t i = 0; i < cfg->n_me; i++)
		cJSON_AddItemToArray(me, cJSON_CreateString(cfg->me[i]));
	put(root, "me", me);
	merge_availability(root, cfg);
	merge_facts(root, cfg);
	cJSON *budget = section(root, "budget");
	put(budget, "min_hours", cJSON_CreateNumber(cfg->budget_min_hours));
	put(budget, "max_hours", cJSON_CreateNumber(cfg->budget_max_hours));
	put(root, "score_version", cJSON_CreateNumber(2));
	for (int k = 0; k < KNOB_COUNT; k++) {
		const struct score_knob_info *info = score_knob_info((enum score_knob)k);
		put(section(root, info->section), info->name, cJSON_CreateNumber(cfg->score.knob[k]));
	}
	put(root, "theme", cJSON_CreateString(cfg->theme));
	cJSON *imp = section(root, "import");
	put(imp, "past_days", cJSON_CreateNumber(cfg->import_past_days));
	put(imp, "ahead_days", cJSON_CreateNumber(cfg->import_ahead_days));
	put(root, "sendmail", cJSON_CreateString(cfg->sendmail));
	merge_keywords(root, cfg);
	config_preset_merge(root, cfg);
	merge_rates(root, cfg);
}

/* --- printing ---------------------------------------------------------------
 * Two-space indentation; arrays of scalars on one line and arrays of
 * flat objects (keyword rules) one object per line, so the file reads
 * like a hand-written one. Numbers print as cJSON prints them: the
 * shortest of %.15g / %.17g that reads back to the same double. */

struct out {
	char *s;
	size_t len, cap;
};

static void out_add(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->s = xrealloc(o->s, o->cap);
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

static void out_str(struct out *o, const char *s) { out_add(o, s, strlen(s)); }

static void out_indent(struct out *o, int depth)
{
	for (int i = 0; i < depth; i++)
		out_str(o, "  ");
}

/* RFC 8259 7: quote and escape a string. */
static void out_quoted(struct out *o, const char *s)
{
	out_str(o, "\"");
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		const char *rep = NULL;
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\t')
			rep = "\\t";
		else if (c == '\r')
			rep = "\\r";
		else if (c < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			rep = esc;
		}
		if (rep != NULL)
			out_str(o, rep);
		else
			out_add(o, s, 1);
	}
	out_str(o, "\"");
}

static void out_number(struct out *o, double d)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%1.15g", d);
	if (strtod(buf, NULL) != d)
		snprintf(buf, sizeof buf, "%1.17g", d);
	out_str(o, buf);
}

static bool is_scalar(const cJSON *v) { return !cJSON_IsArray(v) && !cJSON_IsObject(v); }

static bool is_flat_object(const cJSON *v)
{
	if (!cJSON_IsObject(v))
		return false;
	for (const cJSON *c = v->child; c != NULL; c = c->next)
		if (!is_scalar(c))
			return false;
	return true;
}

static bool all_children(const cJSON *v, bool (*pred)(const cJSON *))
{
	for (const cJSON *c = v->child; c != NULL; c = c->next)
		if (!pred(c))
			return false;
	return true;
}

static void out_value(struct out *o, const cJSON *v, int depth, bool one_line);

static void out_object(struct out *o, const cJSON *v, int depth, bool one_line)
{
	out_str(o, "{");
	for (const cJSON *c = v->child; c != NULL; c = c->next) {
		if (one_line) {
			out_str(o, c == v->child ? "" : ", ");
		} else {
			out_str(o, c == v->child ? "\n" : ",\n");
			out_indent(o, depth + 1);
		}
		out_quoted(o, c->string);
		out_str(o, ": ");
		out_value(o, c, depth + 1, one_line);
	}
	if (!one_line && v->child != NULL) {
		out_str(o, "\n");
		out_indent(o, depth);
	}
	out_str(o, "}");
}

static void out_array(struct out *o, const cJSON *v, int depth, bool one_line)
{
	bool scalars = all_children(v, is_scalar);
	bool rows = !scalars && all_children(v, is_flat_object);
	out_str(o, "[");
	for (const cJSON *c = v->child; c != NULL; c = c->next) {
		if (one_line || scalars) {
			out_str(o, c == v->child ? "" : ", ");
		} else {
			out_str(o, c == v->child ? "\n" : ",\n");
			out_indent(o, depth + 1);
		}
		out_value(o, c, depth + 1, one_line || scalars || rows);
	}
	if (!one_line && !scalars && v->child != NULL) {
		out_str(o, "\n");
		out_indent(o, depth);
	}
	out_str(o, "]");
}

static void out_value(struct out *o, const cJSON *v, int depth, bool one_line)
{
	if (cJSON_IsObject(v))
		out_object(o, v, depth, one_line);
	else if (cJSON_IsArray(v))
		out_array(o, v, depth, one_line);
	else if (cJSON_IsString(v))
		out_quoted(o, v->valuestring);
	else if (cJSON_IsNumber(v))
		out_number(o, v->valuedouble);
	else if (cJSON_IsRaw(v))
		out_str(o, v->valuestring);
	else if (cJSON_IsTrue(v))
		out_str(o, "true");
	else if (cJSON_IsFalse(v))
		out_str(o, "false");
	else
		out_str(o, "null");
}

static char *print_tree(const cJSON *root)
{
	struct out o = {0};
	out_value(&o, root, 0, false);
	out_str(&o, "\n");
	return o.s;
}

char *config_merge(const char *old_text, const struct wit_config *cfg)
{
	cJSON *root = NULL;
	if (old_text != NULL) {
		if (strncmp(old_text, "\xEF\xBB\xBF", 3) == 0)
			old_text += 3;
		root = cJSON_Parse(old_text);
	}
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		root = cJSON_CreateObject();
	}
	merge_tree(root, cfg);
	char *text = print_tree(root);
	cJSON_Delete(root);
	return text;
}

/* --- the starter file ------------------------------------------------------ */

static const struct {
	const char *key;
	const char *note;
} starter_notes[] = {
	{"hourly_rate", "Your rate per hour in major units of your currency (150.00 = 150 "
	                "USD, 15000 = 15000 JPY). Hours at events, travel and preparation "
	                "are valued at it."},
	{"currency", "ISO 4217 code of your rate, e.g. USD, EUR, GBP, JPY: every amount "
	             "keeps its own currency and is shown in yours only through "
	             "exchange_rates."},
	{"exchange_rates", "What one unit of another currency is worth in yours, with the "
	                   "date you set it: {\"USD\": {\"rate\": 0.79, \"date\": "
	                   "\"2026-11-01\"}}. An amount in a currency without a rate is shown "
	                   "apart and never added to yours."},
	{"scope", "Where your customers are: local, regional, national or online. Local "
	          "service businesses gain more from local rooms."},
	{"profile", "Your customers, per audience dimension (industry, role, company_size, "
	            "region): the dimension's weight (0-10, its importance against the "
	            "others) and per segment how much someone of that segment is a buyer "
	            "for you (0-1). A dimension you leave out keeps its default; "
	            "\"segments\" replaces the default segments of its dimension."},
	{"target_domains", "E-mail domains of accounts you want to win: attendees from them "
	                   "count under relationships."},
	{"me", "Your own e-mail addresses: the attendee you are in invitations, "
	       "never counted as one of the people you meet; the From of your replies."},
	{"places", "Places you go to, by a fragment of their name or address (any case), "
	           "with the one-way travel time in minutes: an in-person invitation whose "
	           "location holds the fragment gets that travel time when it states none."},
	{"defaults", "What an invitation that states nothing gets, at import and add (shown "
	             "by 'worthit show' as a default; 'worthit edit' overrides): travel_min one "
	             "way per reach (local, regional) when no place matches, prep_min per "
	             "kind, attendance (room size) per kind; the attendance of a kind you "
	             "logged outcomes for is learned from those events instead."},
	{"availability", "When you are glad to be at events, per weekday, local time, as "
	                 "\"HH:MM-HH:MM\" (up to 4 windows a day; 24:00 is midnight). [] = "
	                 "not available that day."},
	{"blocked", "Times you cannot make at all, per weekday, local time, as "
	            "\"HH:MM-HH:MM\" (e.g. \"mon\": [\"00:00-09:30\", \"15:00-24:00\"] for a "
	            "school run): an invitation entering one is skip, whatever its score."},
	{"budget", "Your monthly networking time, a band in hours: below it good "
	           "invitations rise (balance_boost), hours beyond max_hours cost extra "
	           "(over_band_factor)."},
	{"score_version", "2: the weights and thresholds below are score v2's "
	                  "(docs/scoring.md); a file without it is read as v1 and its v1 "
	                  "weights and thresholds are ignored with a warning."},
	{"weights", "How much each score term counts, 0-10 (0 removes it). The score is "
	            "100 x value / (value + cost), the terms in hours of your rate."},
	{"thresholds", "Totals (0-100) at or above which the verdict is go, or maybe; "
	               "below maybe it is skip."},
	{"scoring", "Every other number the score formulas use (docs/scoring.md); each "
	            "has a note with its range."},
	{"theme", "Colour theme: a name from the themes directory (see --theme)."},
	{"import", "Default import window: events from past_days ago to ahead_days ahead."},
	{"sendmail", "The command that sends your replies (decide --send, r in the dashboard): "
	             "it reads the message on standard input, like \"sendmail -t -oi\" or "
	             "\"msmtp -t\". $WORTHIT_SENDMAIL overrides it."},
	{"keywords", "Words found in an invitation's title, categories or description (any "
	             "case) that set its kind (breakfast, meetup, conference, coffee, lunch, "
	             "speaking, webinar, other) and/or add an audience share: dimension, "
	             "segment, share of the room (0-1), and second_degree: true for people "
	             "who know buyers rather than buyers. This list replaces the built-in "
	             "one as a whole: edit it rather than starting a new one."},
};

/* A knob section with a note before each knob, values to be filled in. */
static void starter_knobs(cJSON *root, const char *sec)
{
	cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, sec);
	for (int k = 0; k < KNOB_COUNT; k++) {
		const struct score_knob_info *info = score_knob_info((enum score_knob)k);
		if (strcmp(info->section, sec) != 0)
			continue;
		char *key = xasprintf("_%s", info->name);
		char *note = xasprintf("%s (%.10g to %.10g)", info->help, info->min, info->max);
		cJSON_AddItemToObject(obj, key, cJSON_CreateString(note));
		cJSON_AddItemToObject(obj, info->name, cJSON_CreateNull());
		free(key);
		free(note);
	}
}

char *config_starter_text(void)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "_doc",
	                        "worthit configuration (JSON). JSON has no comments: keys "
	                        "starting with \"_\" are notes that worthit ignores and keeps. "
	                        "A setting you delete takes its built-in default. See "
	                        "worthit(1), CONFIGURATION.");
	for (size_t i = 0; i < sizeof starter_notes / sizeof *starter_notes; i++) {
		char *key = xasprintf("_%s", starter_notes[i].key);
		cJSON_AddStringToObject(root, key, starter_notes[i].note);
		bool is_knobs = strcmp(starter_notes[i].key, "weights") == 0 ||
		                strcmp(starter_notes[i].key, "thresholds") == 0 ||
		                strcmp(starter_notes[i].key, "scoring") == 0;
		cJSON_AddItemToObject(root, starter_notes[i].key,
		                      is_knobs ? cJSON_CreateObject() : cJSON_CreateNull());
		if (is_knobs)
			starter_knobs(root, starter_notes[i].key);
		free(key);
	}
	struct wit_config *cfg = xmalloc(sizeof *cfg);
	config_defaults(cfg);
	merge_tree(root, cfg);
	free(cfg);
	char *text = print_tree(root);
	cJSON_Delete(root);
	return text;
}
