/*
 * cmd_weights.c: `worthit weights [--json]`, `weights set NAME=VALUE...`
 * and `weights reset [NAME...]`: read and change the stored scoring
 * knobs (component weights, verdict thresholds, formula parameters).
 * Changes are made to the file as it is on disk (a --weights override
 * of this run is never saved) and written atomically through
 * config_file_save, which keeps every key worthit does not know.
 */
#include "worthit/cmd.h"
#include "worthit/cmd_weights_sub.h"
#include "worthit/config_file.h"
#include "worthit/weights_json.h"
#include "worthit/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_weights_entry;

static void print_table(struct app_ctx *ctx, const struct score_settings *s)
{
	const char *section = "";
	for (int k = 0; k < KNOB_COUNT; k++) {
		const struct score_knob_info *i = score_knob_info(k);
		if (strcmp(section, i->section) != 0) {
			section = i->section;
			fprintf(ctx->out, "%s%s:\n", k > 0 ? "\n" : "", section);
		}
		char mark = s->knob[k] != i->def ? '*' : ' ';
		fprintf(ctx->out, "  %-28s %10g%c (default %g)  %s\n", i->name, s->knob[k], mark,
		        i->def, i->help);
	}
	if (ctx->weights_override != NULL)
		fprintf(ctx->out, "\n(--weights %s applied for this run only)\n",
		        ctx->weights_override);
	fprintf(ctx->out, "\n* differs from the default; `worthit weights set NAME=VALUE` "
	                  "changes one\n");
}

/* Load the file as stored, change it with edit(), save it. */
static int change(struct app_ctx *ctx, int argc, char **argv,
                  enum wit_status (*edit)(struct score_settings *, int, char **, char **))
{
	struct wit_config *cfg = xmalloc(sizeof *cfg);
	bool exists = false;
	char *why = NULL;
	struct score_settings before;
	enum wit_status st = config_file_load(ctx->config_path, cfg, &exists, &why);
	if (st == WIT_OK) {
		before = cfg->score;
		st = edit(&cfg->score, argc, argv, &why);
	}
	if (st == WIT_OK) {
		double go = cfg->score.knob[KNOB_GO_THRESHOLD];
		double maybe = cfg->score.knob[KNOB_MAYBE_THRESHOLD];
		if (maybe > go)
			st = wit_fail(&why, WIT_USAGE, "maybe (%g) must not exceed go (%g)", maybe, go);
	}
	if (st == WIT_OK)
		st = config_file_save(ctx->config_path, cfg, &why);
	int code = 0;
	if (st != WIT_OK) {
		code = cmd_fail(ctx, st, why);
		why = NULL;
	} else {
		for (int k = 0; k < KNOB_COUNT; k++)
			if (cfg->score.knob[k] != before.knob[k])
				fprintf(ctx->out, "%s = %g (was %g)\n", score_knob_info(k)->name,
				        cfg->score.knob[k], before.knob[k]);
		fprintf(ctx->out, "saved %s\n", ctx->config_path);
	}
	free(why);
	free(cfg);
	return code;
}

static enum wit_status edit_set(struct score_settings *s, int argc, char **argv, char **why)
{
	if (argc == 0)
		return wit_fail(why, WIT_USAGE, "weights set: give NAME=VALUE (see worthit weights)");
	for (int i = 0; i < argc; i++) {
		enum wit_status st = score_settings_apply_overrides(s, argv[i], why);
		if (st != WIT_OK)
			return st;
	}
	return WIT_OK;
}

static enum wit_status edit_reset(struct score_settings *s, int argc, char **argv, char **why)
{
	if (argc == 0) {
		score_settings_defaults(s);
		return WIT_OK;
	}
	for (int i = 0; i < argc; i++) {
		int k = score_knob_from_name(argv[i]);
		if (k < 0)
			return wit_fail(why, WIT_USAGE, "weights reset: unknown weight '%s'", argv[i]);
		s->knob[k] = score_knob_info(k)->def;
	}
	return WIT_OK;
}

static int weights_set(struct app_ctx *ctx, int argc, char **argv)
{
	return change(ctx, argc - 1, argv + 1, edit_set);
}

static int weights_reset(struct app_ctx *ctx, int argc, char **argv)
{
	return change(ctx, argc - 1, argv + 1, edit_reset);
}

/* `weights [--json]`: no subcommand word. */
static int weights_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'j')
			return cmd_usage(ctx, &cmd_weights_entry);
		json = true;
	}
	if (optind < argc) {
		cmd_error(ctx, WIT_USAGE, "weights: unexpected argument '%s'", argv[optind]);
		return cmd_usage(ctx, &cmd_weights_entry);
	}
	if (json) {
		char *line = weights_json_snapshot(&ctx->cfg->score);
		fprintf(ctx->out, "%s\n", line);
		free(line);
	} else {
		print_table(ctx, &ctx->cfg->score);
	}
	return 0;
}

static const struct cmd_sub weights_subs[] = {
	{ .name = "set", .summary = "change knobs in the config file", .run = weights_set },
	{ .name = "reset", .summary = "knobs back to their defaults", .run = weights_reset },
	{ .name = "suggest", .summary = "fit the weights to your logged outcomes",
	  .run = cmd_weights_learn_suggest },
	{ .name = "backtest", .summary = "how well the scores ranked what paid off",
	  .run = cmd_weights_learn_backtest },
	{ .name = "preset", .summary = "named sets of weights: list, save, use, delete",
	  .run = cmd_weights_preset_run },
	{ .name = NULL },
};

const struct cmd_entry cmd_weights_entry = {
	.name = "weights",
	.usage = "weights [--json] | weights set NAME=VALUE... | weights reset [NAME...]"
	         CMD_WEIGHTS_SUB_USAGE,
	.summary = "show or change the scoring weights and knobs",
	.help = "Without arguments, lists every knob with its value, default and\n"
	        "meaning: component weights (0 turns a component off), the go/maybe\n"
	        "thresholds and the formula parameters (docs/scoring.md).\n"
	        "  --json              one object, knob name to value\n"
	        "  set NAME=VALUE...   change knobs in the config file (also N=V,N=V)\n"
	        "  reset [NAME...]     back to the defaults: all, or the named ones\n"
	        CMD_WEIGHTS_SUB_HELP
	        "The file is rewritten atomically; keys worthit does not know are kept.\n",
	.flags = CMD_NEEDS_CONFIG,
	.run = weights_run,
	.subs = weights_subs,
};
