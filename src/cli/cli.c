/*
 * cli.c: the command line front door. Global options (--db, --config,
 * --theme, --weights) are taken out of argv wherever they stand, before
 * or after the command name (up to a "--"); the rest goes to the
 * command, found in the table of cmd.c. This file resolves paths, loads
 * the config and opens the database for the commands that ask, and maps
 * every failure to a sysexits.h code with a message on stderr. Without a
 * command it calls the dashboard function main.c passes in: this layer
 * never includes the TUI's headers.
 */
#include "worthit/cli.h"
#include "worthit/clock.h"
#include "worthit/cmd.h"
#include "worthit/cmd_sync.h"
#include "worthit/config_file.h"
#include "worthit/paths.h"
#include "worthit/score.h"
#include "worthit/sync.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#ifndef WORTHIT_VERSION
#define WORTHIT_VERSION "0.0.0"
#endif

struct globals {
	const char *db;
	const char *config;
	const char *theme;
	const char *weights;
	bool help;
	bool version;
	int argc;     /* what remains for the command */
	char **argv;
};

static const char *const global_with_value[] = {"--db", "--config", "--theme", "--weights"};

static const char **global_slot(struct globals *g, size_t i)
{
	const char **slots[] = {&g->db, &g->config, &g->theme, &g->weights};
	return slots[i];
}

/* Take one global option at argv[*i]; false if argv[*i] is not one. */
static bool take_global(struct globals *g, int argc, char **argv, int *i, char **bad)
{
	const char *a = argv[*i];
	for (size_t k = 0; k < sizeof global_with_value / sizeof *global_with_value; k++) {
		size_t n = strlen(global_with_value[k]);
		if (strncmp(a, global_with_value[k], n) != 0)
			continue;
		if (a[n] == '=') {
			*global_slot(g, k) = a + n + 1;
			return true;
		}
		if (a[n] == '\0') {
			if (*i + 1 >= argc) {
				*bad = xasprintf("option '%s' needs a value", a);
				return true;
			}
			*global_slot(g, k) = argv[++*i];
			return true;
		}
	}
	return false;
}

static bool split_globals(struct globals *g, int argc, char **argv, char **bad)
{
	g->argv = xcalloc((size_t)argc + 1, sizeof *g->argv);
	bool seen_command = false, after_dashes = false;
	for (int i = 1; i < argc && *bad == NULL; i++) {
		if (after_dashes || !take_global(g, argc, argv, &i, bad)) {
			const char *a = argv[i];
			if (!seen_command && !after_dashes && (!strcmp(a, "--help") || !strcmp(a, "-h")))
				g->help = true;
			else if (!seen_command && !after_dashes &&
			         (!strcmp(a, "--version") || !strcmp(a, "-V")))
				g->version = true;
			else if (!seen_command && !after_dashes && a[0] == '-' && strcmp(a, "--") != 0)
				*bad = xasprintf("unknown option '%s'", a);
			else {
				after_dashes = after_dashes || !strcmp(a, "--");
				seen_command = true;
				g->argv[g->argc++] = argv[i];
			}
		}
	}
	return *bad == NULL;
}

static void print_usage(FILE *f)
{
	fputs("usage: worthit [--db PATH] [--config PATH] [--theme NAME] [--weights N=V,...]\n"
	      "               [COMMAND [ARGS...]]\n\n"
	      "Without a command, worthit opens the dashboard.\n\nCommands:\n", f);
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		fprintf(f, "  %-11s %s\n", cmd_table[i]->name, cmd_table[i]->summary);
	fputs("  help       show help for a command\n\n"
	      "Run 'worthit help COMMAND' for a command's options; 'man worthit' for more.\n", f);
}

static int help_command(struct app_ctx *ctx, int argc, char **argv)
{
	if (argc < 2) {
		print_usage(ctx->out);
		return 0;
	}
	const struct cmd_entry *e = cmd_find(argv[1]);
	if (e == NULL) {
		int code = cmd_error(ctx, WIT_USAGE, "no command '%s'", argv[1]);
		print_usage(ctx->err);
		return code;
	}
	return cmd_print_help(ctx, e);
}

static enum wit_status prepare(struct app_ctx *ctx, const struct globals *g, unsigned flags,
                               char **why)
{
	enum wit_status st = clock_now(&ctx->now, why);
	if (st != WIT_OK)
		return st;
	if (flags & (CMD_NEEDS_CONFIG | CMD_NEEDS_DB) || g->weights != NULL) {
		ctx->cfg = xcalloc(1, sizeof *ctx->cfg);
		st = config_file_load(ctx->config_path, ctx->cfg, &ctx->config_exists, why);
		if (st != WIT_OK)
			return st;
		char *warning = config_file_mode_warning(ctx->config_path);
		if (warning != NULL)
			fprintf(ctx->err, "worthit: warning: %s\n", warning);
		free(warning);
		if (ctx->cfg->ignored_knobs[0] != '\0') /* once per command */
			fprintf(ctx->err, "worthit: %s: ignored %sknobs: %s (docs/scoring.md, "
			                  "\"From v1\")\n",
			        ctx->config_path, ctx->cfg->is_score_v1 ? "score v1 " : "unknown ",
			        ctx->cfg->ignored_knobs);
	}
	if (g->weights != NULL) {
		st = score_settings_apply_overrides(&ctx->cfg->score, g->weights, why);
		if (st != WIT_OK)
			return st;
	}
	if (flags & CMD_NEEDS_DB)
		st = db_open(ctx->db_path, DB_OPEN_CREATE, &ctx->db, why);
	return st;
}

static char *resolve(const char *opt, const char *env, char *(*fallback)(void))
{
	if (opt != NULL && *opt != '\0')
		return xstrdup(opt);
	const char *e = getenv(env);
	if (e != NULL && *e != '\0')
		return xstrdup(e);
	return fallback();
}

static int dispatch(struct app_ctx *ctx, const struct globals *g, cli_dashboard_fn *dashboard)
{
	if (g->argc == 0)
		return dashboard(ctx);
	const char *name = g->argv[0];
	if (strcmp(name, "help") == 0)
		return help_command(ctx, g->argc, g->argv);
	const struct cmd_entry *e = cmd_find(name);
	if (e == NULL) {
		int code = cmd_error(ctx, WIT_USAGE, "unknown command '%s'", name);
		print_usage(ctx->err);
		return code;
	}
	if (cmd_wants_help(g->argc, g->argv))
		return cmd_print_help(ctx, e);
	char *why = NULL;
	enum wit_status st = prepare(ctx, g, e->flags, &why);
	if (st != WIT_OK)
		return cmd_fail(ctx, st, why);
	return cmd_run(ctx, e, g->argc, g->argv);
}

int cli_main(int argc, char **argv, cli_dashboard_fn *dashboard)
{
	struct globals g = {0};
	char *bad = NULL;
	struct app_ctx ctx = {.out = stdout, .err = stderr};
	int code;
	sync_set_import_hook(cmd_sync_import_mail); /* the dashboard's ^L reads mail this way */
	if (!split_globals(&g, argc, argv, &bad)) {
		fprintf(stderr, "worthit: %s\n", bad);
		print_usage(stderr);
		code = EX_USAGE;
	} else if (g.help) {
		print_usage(stdout);
		code = 0;
	} else if (g.version) {
		printf("worthit %s\n", WORTHIT_VERSION);
		code = 0;
	} else {
		char *db_path = resolve(g.db, "WORTHIT_DB", paths_default_db);
		char *config_path = resolve(g.config, "WORTHIT_CONFIG", paths_default_config);
		ctx.db_path = db_path;
		ctx.config_path = config_path;
		ctx.config_given = (g.config != NULL && *g.config != '\0') ||
		                   (getenv("WORTHIT_CONFIG") != NULL && *getenv("WORTHIT_CONFIG") != '\0');
		ctx.theme = g.theme;
		ctx.weights_override = g.weights;
		code = dispatch(&ctx, &g, dashboard);
		db_close(ctx.db);
		free(ctx.cfg);
		free(db_path);
		free(config_path);
	}
	if (fflush(stdout) != 0 && code == 0) {
		fprintf(stderr, "worthit: cannot write output\n");
		code = EX_IOERR;
	}
	free(bad);
	free(g.argv);
	return code;
}
