/*
 * cmd_weights_preset.c: `worthit weights preset list [--json]`,
 * `preset save NAME`, `preset use NAME`, `preset delete NAME`: named
 * sets of weights and thresholds kept in the config under "presets"
 * (config_preset.h). Changes load the file as stored, edit it and save
 * it atomically through config_file_save (unknown keys kept). `save`
 * stores the saved weights with any --weights of this run applied, so
 * `worthit --weights budget=4 weights preset save "busy month"` keeps a
 * what-if without making it the current setting.
 */
#include "worthit/cmd_weights_sub.h"
#include "worthit/config_file.h"
#include "worthit/config_preset.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: worthit weights preset list [--json] | preset save NAME | preset use NAME | "
	"preset delete NAME\n";

static void print_preset(FILE *f, const struct wit_config *cfg, int i)
{
	const struct weight_preset *p = &cfg->presets[i];
	fprintf(f, "%c %s\n ", config_preset_is_active(cfg, i) ? '*' : ' ', p->name);
	int col = 1;
	for (int k = 0; k < KNOB_COUNT; k++) {
		if (!p->has[k])
			continue;
		char item[80];
		int n = snprintf(item, sizeof item, " %s=%g", score_knob_info((enum score_knob)k)->name,
		                 p->knob[k]);
		if (col + n > 78) {
			fputs("\n ", f);
			col = 1;
		}
		fputs(item, f);
		col += n;
	}
	fputc('\n', f);
}

static int list(struct app_ctx *ctx, bool json)
{
	const struct wit_config *cfg = ctx->cfg;
	if (json) {
		cJSON *o = cJSON_CreateObject();
		for (size_t i = 0; i < cfg->n_presets; i++) {
			const struct weight_preset *p = &cfg->presets[i];
			cJSON *e = cJSON_AddObjectToObject(o, p->name);
			for (int k = 0; k < KNOB_COUNT; k++)
				if (p->has[k])
					cJSON_AddNumberToObject(e, score_knob_info((enum score_knob)k)->name,
					                        p->knob[k]);
		}
		cmd_print_json(ctx->out, o);
		return 0;
	}
	if (cfg->n_presets == 0) {
		fprintf(ctx->out, "no presets yet: 'worthit weights preset save NAME' saves the "
		                  "current weights and thresholds under NAME\n");
		return 0;
	}
	for (size_t i = 0; i < cfg->n_presets; i++)
		print_preset(ctx->out, cfg, (int)i);
	fprintf(ctx->out, "(* = the current settings match it)\n");
	return 0;
}

static void print_changes(FILE *f, const struct score_settings *before,
                          const struct score_settings *after)
{
	for (int k = 0; k < KNOB_COUNT; k++)
		if (before->knob[k] != after->knob[k])
			fprintf(f, "%s = %g (was %g)\n", score_knob_info((enum score_knob)k)->name,
			        after->knob[k], before->knob[k]);
}

/* Load the file as stored, apply the verb to it, save it. */
static int change(struct app_ctx *ctx, const char *verb, const char *name)
{
	struct wit_config *cfg = xmalloc(sizeof *cfg);
	bool exists = false;
	char *why = NULL;
	enum wit_status st = config_file_load(ctx->config_path, cfg, &exists, &why);
	struct score_settings before = cfg->score;
	if (st == WIT_OK && strcmp(verb, "save") == 0) {
		struct score_settings saved = cfg->score;
		if (ctx->weights_override != NULL)
			st = score_settings_apply_overrides(&cfg->score, ctx->weights_override, &why);
		if (st == WIT_OK)
			st = config_preset_save(cfg, name, &why);
		cfg->score = saved;
	} else if (st == WIT_OK && strcmp(verb, "use") == 0) {
		st = config_preset_use(cfg, name, &why);
	} else if (st == WIT_OK) {
		st = config_preset_delete(cfg, name, &why);
	}
	if (st == WIT_OK)
		st = config_file_save(ctx->config_path, cfg, &why);
	int code = 0;
	if (st != WIT_OK) {
		code = cmd_fail(ctx, st, why);
		why = NULL;
	} else {
		if (strcmp(verb, "use") == 0)
			print_changes(ctx->out, &before, &cfg->score);
		fprintf(ctx->out, "%s preset '%s' in %s\n",
		        strcmp(verb, "save") == 0 ? "saved" : strcmp(verb, "use") == 0 ? "using"
		                                                                      : "deleted",
		        name, ctx->config_path);
	}
	free(why);
	free(cfg);
	return code;
}

int cmd_weights_preset_run(struct app_ctx *ctx, int argc, char **argv)
{
	if (cmd_wants_help(argc, argv)) {
		fprintf(ctx->out, "%s\n%s", usage + strlen("usage: "), cmd_weights_sub_help);
		return 0;
	}
	const char *verb = argc >= 2 ? argv[1] : "list";
	if (strcmp(verb, "list") == 0) {
		bool json = argc == 3 && strcmp(argv[2], "--json") == 0;
		if (argc <= 2 || json)
			return list(ctx, json);
	} else if (strcmp(verb, "save") == 0 || strcmp(verb, "use") == 0 ||
	           strcmp(verb, "delete") == 0) {
		if (argc == 3)
			return change(ctx, verb, argv[2]);
		cmd_error(ctx, WIT_USAGE, "preset %s takes one NAME (quote a name with spaces)", verb);
	} else {
		cmd_error(ctx, WIT_USAGE, "unknown preset command '%s' (list, save, use or delete)",
		          verb);
	}
	fputs(usage, ctx->err);
	return wit_status_exit_code(WIT_USAGE);
}
