/*
 * cmd_config.c: `worthit config init|path|show [--json]`. init writes
 * the documented starter file (never over an existing one), path prints
 * where the config is read from, show prints the effective settings
 * (the file over the built-in defaults, --weights applied) readably or
 * as one JSON object.
 *
 * The entry asks for no config (flags 0): `config path` and `config
 * init` must work while the file is broken, so `show` loads it itself,
 * unless the CLI already did (for --weights).
 */
#include "worthit/cmd.h"
#include "worthit/config_file.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_config_entry;

/* Items separated by ", ", wrapped under column indent within 80. */
struct wrap {
	FILE *f;
	int indent, col;
	bool first;
};

static void wrap_item(struct wrap *w, const char *item)
{
	int n = (int)strlen(item);
	if (!w->first && w->col + 2 + n > 79) {
		fprintf(w->f, ",\n%*s", w->indent, "");
		w->col = w->indent;
	} else if (!w->first) {
		fputs(", ", w->f);
		w->col += 2;
	}
	fputs(item, w->f);
	w->col += n;
	w->first = false;
}

static void print_profile(FILE *f, const struct wit_config *cfg)
{
	fputs("\nCustomer profile (dimension weight; segment: how much a buyer, 0-1)\n", f);
	for (int d = 0; d < DIM_COUNT; d++) {
		const struct profile_dimension *dim = &cfg->profile[d];
		int col = fprintf(f, "  %-13s %-5g ", audience_dim_name((enum audience_dim)d), dim->weight);
		struct wrap w = {f, col, col, true};
		char item[WIT_SEGMENT_MAX + 32];
		for (size_t i = 0; i < dim->n; i++) {
			snprintf(item, sizeof item, "%s %g", dim->seg[i].value, dim->seg[i].weight);
			wrap_item(&w, item);
		}
		fputs(dim->n == 0 ? "(no segments)\n" : "\n", f);
	}
	fputs("  target domains ", f);
	struct wrap w = {f, 17, 17, true};
	for (size_t i = 0; i < cfg->n_target_domains; i++)
		wrap_item(&w, cfg->target_domains[i]);
	fputs(cfg->n_target_domains == 0 ? "(none)\n" : "\n", f);
	fputs("  me             ", f);
	struct wrap wm = {f, 17, 17, true};
	for (size_t i = 0; i < cfg->n_me; i++)
		wrap_item(&wm, cfg->me[i]);
	fputs(cfg->n_me == 0 ? "(not set)\n" : "\n", f);
}

static void print_sources(FILE *f, const struct wit_config *cfg)
{
	fputs("\nSources (worthit sync)\n", f);
	if (cfg->n_sources == 0)
		fputs("  (none)\n", f);
	for (size_t i = 0; i < cfg->n_sources; i++) {
		const struct source_conf *s = &cfg->sources[i];
		fprintf(f, "  %-5s %s%s%s\n", s->url[0] != '\0' ? "feed" : "path",
		        s->url[0] != '\0' ? s->url : s->path, s->is_busy ? "  busy" : "",
		        s->has_write_back ? "  write_back" : "");
	}
	fprintf(f, "  feeds: timeout %d s, at most %lld bytes\n", cfg->feed_timeout_sec,
	        (long long)cfg->feed_max_bytes);
}

static void print_fact_defaults(FILE *f, const struct wit_config *cfg)
{
	fputs("\nPlaces (one-way travel)\n", f);
	for (size_t i = 0; i < cfg->n_places; i++)
		fprintf(f, "  %-24s %d min\n", cfg->places[i].match, cfg->places[i].travel_min);
	if (cfg->n_places == 0)
		fputs("  (none)\n", f);
	fprintf(f, "Default travel  local %d min, regional %d min (one way)\n",
	        cfg->default_travel_min[REACH_LOCAL], cfg->default_travel_min[REACH_REGIONAL]);
	fputs("Default prep    ", f);
	for (int k = 0; k < KIND_COUNT; k++)
		fprintf(f, "%s%s %d", k ? ", " : "", invite_kind_name((enum invite_kind)k),
		        cfg->default_prep_min[k]);
	fputs(" min\nDefault room    ", f);
	for (int k = 0; k < KIND_COUNT; k++)
		fprintf(f, "%s%s %d", k ? ", " : "", invite_kind_name((enum invite_kind)k),
		        cfg->default_attendance[k]);
	fputs(" people\n", f);
}

static void print_availability(FILE *f, const struct wit_config *cfg)
{
	static const char *const days[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	fputs("\nAvailability (local time)\n", f);
	for (int k = 1; k <= 7; k++) {
		int day = k % 7;
		fprintf(f, "  %s  ", days[day]);
		for (size_t i = 0; i < cfg->n_avail[day]; i++) {
			const struct avail_window *a = &cfg->avail[day][i];
			fprintf(f, "%s%02d:%02d-%02d:%02d", i ? ", " : "", a->start_min / 60,
			        a->start_min % 60, a->end_min / 60, a->end_min % 60);
		}
		fputs(cfg->n_avail[day] == 0 ? "not available\n" : "\n", f);
	}
}

static void print_blocked(FILE *f, const struct wit_config *cfg)
{
	static const char *const days[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	fputs("\nBlocked (local time: invitations there are skip)\n", f);
	for (int k = 1; k <= 7; k++) {
		int day = k % 7;
		fprintf(f, "  %s  ", days[day]);
		for (size_t i = 0; i < cfg->n_blocked[day]; i++) {
			const struct avail_window *a = &cfg->blocked[day][i];
			fprintf(f, "%s%02d:%02d-%02d:%02d", i ? ", " : "", a->start_min / 60,
			        a->start_min % 60, a->end_min / 60, a->end_min % 60);
		}
		fputs(cfg->n_blocked[day] == 0 ? "none\n" : "\n", f);
	}
}

static void print_knobs(FILE *f, const struct wit_config *cfg)
{
	const char *sections[] = {"weights", "thresholds", "scoring"};
	const char *titles[] = {"Weights (0 turns a component off)", "Verdict thresholds (0-100)",
	                        "Scoring parameters (docs/scoring.md)"};
	for (size_t s = 0; s < 3; s++) {
		fprintf(f, "\n%s\n", titles[s]);
		for (int k = 0; k < KNOB_COUNT; k++) {
			const struct score_knob_info *info = score_knob_info((enum score_knob)k);
			if (strcmp(info->section, sections[s]) == 0)
				fprintf(f, "  %-28s %g\n", info->name, cfg->score.knob[k]);
		}
	}
}

static void print_keywords(FILE *f, const struct wit_config *cfg)
{
	fprintf(f, "\nKeyword rules (%zu)\n", cfg->n_rules);
	for (size_t i = 0; i < cfg->n_rules; i++) {
		const struct keyword_rule *r = &cfg->rules[i];
		fprintf(f, "  %-18s", r->word);
		if (r->kind >= 0)
			fprintf(f, " kind %s", invite_kind_name((enum invite_kind)r->kind));
		if (r->dim >= 0)
			fprintf(f, "%s %s=%s %g%s", r->kind >= 0 ? "," : "",
			        audience_dim_name((enum audience_dim)r->dim), r->segment, r->share,
			        r->is_second_degree ? " (second degree)" : "");
		fputc('\n', f);
	}
}

static void print_rates(FILE *f, const struct wit_config *cfg)
{
	fprintf(f, "\nExchange rates to %s (%zu)\n", config_currency(cfg), cfg->n_rates);
	for (size_t i = 0; i < cfg->n_rates; i++) {
		const struct money_rate *r = &cfg->rates[i];
		fprintf(f, "  1 %s = %g %s", r->currency, r->rate, config_currency(cfg));
		if (r->date[0] != '\0')
			fprintf(f, " (set %s)", r->date);
		fputc('\n', f);
	}
}

static void print_readable(struct app_ctx *ctx, const struct wit_config *cfg)
{
	FILE *f = ctx->out;
	fprintf(f, "# %s%s\n", ctx->config_path,
	        ctx->config_exists ? ""
	                           : " does not exist: built-in defaults "
	                             "('worthit config init' writes a starter file)");
	char rate[MONEY_TEXT_MAX + 8];
	fprintf(f, "Hourly rate     %s\n", config_rate_text(cfg, rate, sizeof rate));
	fprintf(f, "Business scope  %s\n", business_scope_name(cfg->scope));
	fprintf(f, "Monthly budget  %g to %g hours of networking\n", cfg->budget_min_hours,
	        cfg->budget_max_hours);
	fprintf(f, "Theme           %s\n", cfg->theme);
	fprintf(f, "Import window   %d days back, %d days ahead\n", cfg->import_past_days,
	        cfg->import_ahead_days);
	fprintf(f, "Sendmail        %s\n", cfg->sendmail);
	print_profile(f, cfg);
	print_sources(f, cfg);
	print_availability(f, cfg);
	print_fact_defaults(f, cfg);
	print_blocked(f, cfg);
	print_knobs(f, cfg);
	fprintf(f, "\nScore version   %s\n", cfg->is_score_v1 ? "1 (file without \"score_version\": 2)"
	                                                   : "2");
	fprintf(f, "Ignored knobs   %s\n", cfg->ignored_knobs[0] != '\0' ? cfg->ignored_knobs
	                                                            : "(none)");
	print_keywords(f, cfg);
	print_rates(f, cfg);
}

static int print_json(struct app_ctx *ctx, const struct wit_config *cfg)
{
	char *text = config_merge(NULL, cfg);
	cJSON *root = cJSON_Parse(text);
	if (root != NULL) { /* what the file itself is, not what saving writes */
		cJSON_ReplaceItemInObject(root, "score_version",
		                          cJSON_CreateNumber(cfg->is_score_v1 ? 1 : 2));
		cJSON *ign = cJSON_AddArrayToObject(root, "ignored_knobs");
		for (const char *p = cfg->ignored_knobs; *p != '\0';) {
			size_t n = strcspn(p, ",");
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)n, p);
			cJSON_AddItemToArray(ign, cJSON_CreateString(name));
			p += n;
			while (*p == ',' || *p == ' ')
				p++;
		}
	}
	char *line = root != NULL ? cJSON_PrintUnformatted(root) : NULL;
	free(text);
	cJSON_Delete(root);
	if (line == NULL)
		return cmd_error(ctx, WIT_SOFTWARE, "out of memory");
	fprintf(ctx->out, "%s\n", line);
	cJSON_free(line);
	return 0;
}

static int config_show(struct app_ctx *ctx, bool json)
{
	struct wit_config *own = NULL;
	const struct wit_config *cfg = ctx->cfg;
	if (cfg == NULL) {
		char *why = NULL;
		own = xmalloc(sizeof *own);
		enum wit_status st = config_file_load(ctx->config_path, own, &ctx->config_exists, &why);
		if (st != WIT_OK) {
			free(own);
			return cmd_fail(ctx, st, why);
		}
		cfg = own;
	}
	int code = 0;
	if (json)
		code = print_json(ctx, cfg);
	else
		print_readable(ctx, cfg);
	free(own);
	return code;
}

/* A subcommand without options or arguments: argc must be 1. */
static bool has_no_arguments(struct app_ctx *ctx, int argc, char **argv)
{
	if (argc == 1)
		return true;
	cmd_error(ctx, WIT_USAGE, "config %s: unexpected argument '%s'", argv[0], argv[1]);
	return false;
}

static int config_init(struct app_ctx *ctx, int argc, char **argv)
{
	if (!has_no_arguments(ctx, argc, argv))
		return cmd_usage(ctx, &cmd_config_entry);
	char *why = NULL;
	enum wit_status st = config_file_init(ctx->config_path, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	fprintf(ctx->out, "wrote %s\n", ctx->config_path);
	return 0;
}

static int config_path(struct app_ctx *ctx, int argc, char **argv)
{
	if (!has_no_arguments(ctx, argc, argv))
		return cmd_usage(ctx, &cmd_config_entry);
	fprintf(ctx->out, "%s\n", ctx->config_path);
	return 0;
}

static int config_show_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	bool json = false;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'j')
			return cmd_usage(ctx, &cmd_config_entry);
		json = true;
	}
	if (optind != argc) {
		cmd_error(ctx, WIT_USAGE, "config show: unexpected argument '%s'", argv[optind]);
		return cmd_usage(ctx, &cmd_config_entry);
	}
	return config_show(ctx, json);
}

static const struct cmd_sub config_subs[] = {
	{ .name = "init", .summary = "write a documented starter file", .run = config_init },
	{ .name = "path", .summary = "where the configuration is read from", .run = config_path },
	{ .name = "show", .summary = "the effective settings", .run = config_show_run },
	{ .name = NULL },
};

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.usage = "config init | config path | config show [--json]",
	.summary = "write, locate or show the configuration",
	.help = "  init         write a documented starter file (never over an existing one)\n"
	        "  path         print where the configuration is read from\n"
	        "  show         print the effective settings: the file over the built-in\n"
	        "               defaults (any --weights applied)\n"
	        "  show --json  the same as one JSON object in the file's layout\n"
	        "The path is --config PATH, else $WORTHIT_CONFIG, else\n"
	        "$XDG_CONFIG_HOME/worthit/config.json (~/.config/worthit/config.json).\n",
	.flags = 0,
	.subs = config_subs,
};
