/*
 * config_preset.c: named weight presets in the config (see
 * config_preset.h): reading them from the parsed tree, writing them
 * back in place, and saving, using, deleting and recognising one. Pure
 * core: no I/O.
 *
 * Invariants: names are unique, 1..PRESET_NAME_MAX-1 bytes, never start
 * with "_" (that would make the preset a note) and hold no control
 * characters; every value a preset has is within its knob's range.
 */
#include "worthit/config_preset.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static bool is_saved_knob(int k)
{
	const char *sec = score_knob_info((enum score_knob)k)->section;
	return strcmp(sec, "weights") == 0 || strcmp(sec, "thresholds") == 0;
}

static const char *bad_name(const char *name)
{
	size_t len = strlen(name);
	if (len == 0)
		return "a preset needs a name";
	if (len >= PRESET_NAME_MAX)
		return "a preset name is at most 47 bytes";
	if (name[0] == '_')
		return "a preset name cannot start with '_' (keys starting with '_' are notes)";
	for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "a preset name cannot hold control characters";
	return NULL;
}

static enum wit_status read_one(struct config_reader *r, const cJSON *obj,
                                struct weight_preset *p)
{
	enum wit_status st = config_read_object(r, obj);
	for (int k = 0; k < KNOB_COUNT && st == WIT_OK; k++) {
		const struct score_knob_info *info = score_knob_info((enum score_knob)k);
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, info->name);
		if (v == NULL)
			continue;
		config_read_enter(r, info->name);
		st = config_read_number(r, v, NULL, info->min, info->max, &p->knob[k]);
		if (st == WIT_OK) {
			p->has[k] = true;
			config_read_leave(r);
		}
	}
	return st;
}

enum wit_status config_preset_read(struct config_reader *r, const cJSON *root,
                                   struct wit_config *cfg)
{
	const cJSON *all = cJSON_GetObjectItemCaseSensitive(root, "presets");
	cfg->n_presets = 0;
	if (all == NULL)
		return WIT_OK;
	config_read_enter(r, "presets");
	enum wit_status st = config_read_object(r, all);
	for (const cJSON *c = all != NULL ? all->child : NULL; c != NULL && st == WIT_OK;
	     c = c->next) {
		if (c->string[0] == '_')
			continue;
		config_read_enter(r, c->string);
		const char *bad = bad_name(c->string);
		if (bad != NULL)
			return config_read_fail(r, "%s", bad);
		if (cfg->n_presets == PRESETS_MAX)
			return config_read_fail(r, "at most %d presets", PRESETS_MAX);
		struct weight_preset *p = &cfg->presets[cfg->n_presets];
		memset(p, 0, sizeof *p);
		memcpy(p->name, c->string, strlen(c->string) + 1);
		st = read_one(r, c, p);
		if (st == WIT_OK) {
			cfg->n_presets++;
			config_read_leave(r);
		}
	}
	if (st == WIT_OK)
		config_read_leave(r);
	return st;
}

static void put(cJSON *obj, const char *key, cJSON *val)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, val);
	else
		cJSON_AddItemToObject(obj, key, val);
}

static void merge_one(cJSON *obj, const struct weight_preset *p)
{
	for (int k = 0; k < KNOB_COUNT; k++) {
		const char *name = score_knob_info((enum score_knob)k)->name;
		if (p->has[k])
			put(obj, name, cJSON_CreateNumber(p->knob[k]));
		else
			cJSON_DeleteItemFromObjectCaseSensitive(obj, name);
	}
}

void config_preset_merge(cJSON *root, const struct wit_config *cfg)
{
	cJSON *all = cJSON_GetObjectItemCaseSensitive(root, "presets");
	if (all == NULL && cfg->n_presets == 0)
		return;
	if (!cJSON_IsObject(all)) {
		all = cJSON_CreateObject();
		put(root, "presets", all);
	}
	cJSON *next;
	for (cJSON *c = all->child; c != NULL; c = next) {
		next = c->next;
		if (c->string[0] != '_' && config_preset_find(cfg, c->string) < 0)
			cJSON_Delete(cJSON_DetachItemViaPointer(all, c));
	}
	for (size_t i = 0; i < cfg->n_presets; i++) {
		const struct weight_preset *p = &cfg->presets[i];
		cJSON *obj = cJSON_GetObjectItemCaseSensitive(all, p->name);
		if (!cJSON_IsObject(obj)) {
			obj = cJSON_CreateObject();
			put(all, p->name, obj);
		}
		merge_one(obj, p);
	}
}

int config_preset_find(const struct wit_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->n_presets; i++)
		if (strcmp(cfg->presets[i].name, name) == 0)
			return (int)i;
	return -1;
}

enum wit_status config_preset_save(struct wit_config *cfg, const char *name, char **why)
{
	const char *bad = bad_name(name);
	if (bad != NULL)
		return wit_fail(why, WIT_USAGE, "preset '%s': %s", name, bad);
	int i = config_preset_find(cfg, name);
	if (i < 0 && cfg->n_presets == PRESETS_MAX)
		return wit_fail(why, WIT_USAGE, "there are %d presets already, the most the config "
		                "keeps: delete one first", PRESETS_MAX);
	if (i < 0)
		i = (int)cfg->n_presets++;
	struct weight_preset *p = &cfg->presets[i];
	memset(p, 0, sizeof *p);
	memcpy(p->name, name, strlen(name) + 1);
	for (int k = 0; k < KNOB_COUNT; k++) {
		p->has[k] = is_saved_knob(k);
		p->knob[k] = p->has[k] ? cfg->score.knob[k] : 0.0;
	}
	return WIT_OK;
}

static enum wit_status not_found(const struct wit_config *cfg, const char *name, char **why)
{
	size_t len = 1;
	for (size_t i = 0; i < cfg->n_presets; i++)
		len += strlen(cfg->presets[i].name) + 2;
	char *list = xmalloc(len);
	list[0] = '\0';
	for (size_t i = 0; i < cfg->n_presets; i++) {
		if (i > 0)
			strcat(list, ", ");
		strcat(list, cfg->presets[i].name);
	}
	enum wit_status st = wit_fail(why, WIT_NOTFOUND, "no preset called '%s' (%s%s)", name,
	                              cfg->n_presets ? "known: " : "none saved yet",
	                              list);
	free(list);
	return st;
}

enum wit_status config_preset_use(struct wit_config *cfg, const char *name, char **why)
{
	int i = config_preset_find(cfg, name);
	if (i < 0)
		return not_found(cfg, name, why);
	struct score_settings s = cfg->score;
	const struct weight_preset *p = &cfg->presets[i];
	for (int k = 0; k < KNOB_COUNT; k++)
		if (p->has[k])
			s.knob[k] = p->knob[k];
	if (s.knob[KNOB_MAYBE_THRESHOLD] > s.knob[KNOB_GO_THRESHOLD])
		return wit_fail(why, WIT_CONFIG, "preset '%s' would put the maybe threshold (%g) "
		                "above go (%g)", name, s.knob[KNOB_MAYBE_THRESHOLD],
		                s.knob[KNOB_GO_THRESHOLD]);
	cfg->score = s;
	return WIT_OK;
}

enum wit_status config_preset_delete(struct wit_config *cfg, const char *name, char **why)
{
	int i = config_preset_find(cfg, name);
	if (i < 0)
		return not_found(cfg, name, why);
	memmove(&cfg->presets[i], &cfg->presets[i + 1],
	        (cfg->n_presets - (size_t)i - 1) * sizeof cfg->presets[0]);
	cfg->n_presets--;
	return WIT_OK;
}

bool config_preset_is_active(const struct wit_config *cfg, int i)
{
	const struct weight_preset *p = &cfg->presets[i];
	for (int k = 0; k < KNOB_COUNT; k++)
		if (p->has[k] && p->knob[k] != cfg->score.knob[k])
			return false;
	return true;
}
