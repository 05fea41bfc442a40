/*
 * cmd_weights_learn.c: `worthit weights suggest [--json] [--target T]
 * [--apply]` and `worthit weights backtest [--json] [--target T]`:
 * learn weights from the user's logged outcomes (fit.h) and show how
 * well scores would have ranked what paid off (backtest.h), on the past
 * events app_fit_events() rebuilds.
 *
 * suggest never writes the config unless --apply is given; --apply
 * reloads the file as stored (a --weights override of this run is not
 * saved), replaces the component weights only and saves atomically
 * through config_file_save (unknown keys kept). Too few outcomes:
 * the reason on stderr, nothing suggested, exit 65 (EX_DATAERR).
 */
#include "worthit/app_fit.h"
#include "worthit/backtest.h"
#include "worthit/cmd_weights_sub.h"
#include "worthit/config_file.h"
#include "worthit/fit.h"
#include "worthit/invite_json.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct learn {
	struct app_ctx *ctx;
	struct db *own_db;
	struct fit_event *ev;
	size_t n;
	struct backtest_row *rows;
	struct fit_options opt;
	bool json, apply;
	enum fit_target target;
};

/* A backtest column: NULL weights = the scores recorded with decisions. */
struct column {
	const char *label;   /* text heading */
	const char *key;     /* JSON key */
	const double *weight;
	struct backtest_result r;
};

static const char *currency_of(const struct wit_config *cfg)
{
	return cfg->currency[0] != '\0' ? cfg->currency : "USD";
}

/* 0: go on; -1: help printed, exit 0; else the exit code of a usage error. */
static int parse(struct learn *l, int argc, char **argv, bool allow_apply)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "apply", no_argument, NULL, 'a' },
		{ "target", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	if (cmd_wants_help(argc, argv)) {
		fprintf(l->ctx->out, "usage: worthit weights %s\n\n%s", argv[0], cmd_weights_sub_help);
		return -1;
	}
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'j') {
			l->json = true;
		} else if (c == 'a' && allow_apply) {
			l->apply = true;
		} else if (c == 't' && fit_target_from_name(optarg) >= 0) {
			l->target = (enum fit_target)fit_target_from_name(optarg);
		} else {
			if (c == 't')
				cmd_error(l->ctx, WIT_USAGE, "--target '%s': value or rating", optarg);
			else
				cmd_error(l->ctx, WIT_USAGE, "unknown option '%s'", argv[optind - 1]);
			break;
		}
	}
	if (c != -1 || optind < argc) {
		if (c == -1)
			cmd_error(l->ctx, WIT_USAGE, "unexpected argument '%s'", argv[optind]);
		fprintf(l->ctx->err, "usage: worthit weights %s [--json] [--target value|rating]%s\n",
		        argv[0], allow_apply ? " [--apply]" : "");
		return wit_status_exit_code(WIT_USAGE);
	}
	return 0;
}

static enum wit_status load(struct learn *l, char **why)
{
	struct app_ctx *ctx = l->ctx;
	struct db *db = ctx->db;
	enum wit_status st = WIT_OK;
	if (db == NULL && (st = db_open(ctx->db_path, DB_OPEN_CREATE, &l->own_db, why)) != WIT_OK)
		return st;
	if (db == NULL)
		db = l->own_db;
	st = app_fit_events(db, ctx->cfg, ctx->now, &l->ev, &l->n, why);
	if (st == WIT_OK)
		l->rows = xcalloc(l->n + 1, sizeof *l->rows);
	int64_t rate = ctx->cfg->hourly_rate_minor > 0
	               ? ctx->cfg->hourly_rate_minor
	               : (int64_t)ctx->cfg->score.knob[KNOB_FALLBACK_RATE];
	fit_options_init(&l->opt, l->target, rate, &ctx->cfg->score);
	return st;
}

static void learn_done(struct learn *l)
{
	free(l->ev);
	free(l->rows);
	if (l->own_db != NULL)
		db_close(l->own_db);
}

static const char *target_words(enum fit_target t)
{
	return t == FIT_RATING ? "your 1-5 rating" : "value per hour, in multiples of your rate";
}

static void print_weights(FILE *f, const double *current, const struct fit_result *r)
{
	fprintf(f, "\n  %-16s %8s %10s\n", "weight", "current", "suggested");
	for (int c = 0; c < SC_COUNT; c++) {
		double d = r->weight[c] - current[c];
		fprintf(f, "  %-16s %8.1f %10.1f  %s\n", score_component_name((enum score_component)c),
		        current[c], r->weight[c],
		        !r->is_informed[c] ? "(never varies in your history: kept)"
		        : d > 0.05 ? "raised" : d < -0.05 ? "lowered" : "");
	}
}

static void print_cell_rho(FILE *f, const struct backtest_result *r)
{
	if (r->has_spearman)
		fprintf(f, " %11.2f", r->spearman);
	else
		fprintf(f, " %11s", "n/a");
}

static void print_backtest(FILE *f, const struct column *col, size_t n, const char *currency)
{
	char buf[64];
	fprintf(f, "\n  %-34s", "backtest");
	for (size_t i = 0; i < n; i++)
		fprintf(f, " %11s", col[i].label);
	fprintf(f, "\n  %-34s", "events");
	for (size_t i = 0; i < n; i++)
		fprintf(f, " %11zu", col[i].r.n);
	fprintf(f, "\n  %-34s", "rank correlation (Spearman)");
	for (size_t i = 0; i < n; i++)
		print_cell_rho(f, &col[i].r);
	const char *what[2] = { "revenue/hour, top-scored quarter", "revenue/hour, the rest" };
	for (int g = 0; g < 2; g++) {
		fprintf(f, "\n  %-34s", what[g]);
		for (size_t i = 0; i < n; i++) {
			double v = g == 0 ? col[i].r.top_revenue_per_hour : col[i].r.rest_revenue_per_hour;
			double unit = pow(10.0, invite_json_currency_exponent(currency));
			int64_t whole = (int64_t)llround(v / unit) * (int64_t)unit; /* whole units */
			fprintf(f, " %11s", score_format_money(whole, currency, buf, sizeof buf));
		}
	}
	fputc('\n', f);
}

static void run_columns(struct learn *l, struct column *col, size_t n)
{
	for (size_t i = 0; i < n; i++)
		backtest_run(l->ev, l->n, col[i].weight, &l->opt, l->rows, &col[i].r);
}

static cJSON *weights_json(const double *w)
{
	cJSON *o = cJSON_CreateObject();
	for (int c = 0; c < SC_COUNT; c++)
		cJSON_AddNumberToObject(o, score_component_name((enum score_component)c), w[c]);
	return o;
}

static cJSON *backtest_json(const struct column *col, size_t n, const char *currency)
{
	cJSON *o = cJSON_CreateObject();
	char buf[64];
	for (size_t i = 0; i < n; i++) {
		const struct backtest_result *r = &col[i].r;
		cJSON *c = cJSON_AddObjectToObject(o, col[i].key);
		cJSON_AddNumberToObject(c, "n", (double)r->n);
		if (r->has_spearman)
			cJSON_AddNumberToObject(c, "spearman", round(r->spearman * 1e4) / 1e4);
		else
			cJSON_AddNullToObject(c, "spearman");
		cJSON_AddNumberToObject(c, "top_n", (double)r->n_top);
		cJSON_AddRawToObject(c, "top_revenue_per_hour",
		                     invite_json_money_format(llround(r->top_revenue_per_hour),
		                                              currency, buf, sizeof buf));
		cJSON_AddRawToObject(c, "rest_revenue_per_hour",
		                     invite_json_money_format(llround(r->rest_revenue_per_hour),
		                                              currency, buf, sizeof buf));
	}
	return o;
}

static void print_json_line(FILE *f, cJSON *root)
{
	cmd_print_json(f, root);
}

/* Save the suggested weights into the file as stored. */
static enum wit_status apply(struct app_ctx *ctx, const double *w, char **why)
{
	struct wit_config *cfg = xmalloc(sizeof *cfg);
	bool exists = false;
	enum wit_status st = config_file_load(ctx->config_path, cfg, &exists, why);
	if (st == WIT_OK) {
		/* the fit rounds to 0.1; snap away float noise (7.6000000000000005)
		 * so the file reads as the suggestion was shown */
		for (int c = 0; c < SC_COUNT; c++)
			cfg->score.knob[c] = round(w[c] * 1e6) / 1e6;
		st = config_file_save(ctx->config_path, cfg, why);
	}
	free(cfg);
	return st;
}

static int suggest_report(struct learn *l, const struct fit_result *fr)
{
	struct app_ctx *ctx = l->ctx;
	const char *cur = currency_of(ctx->cfg);
	const double *current = ctx->cfg->score.knob;
	struct column col[3] = {
		{ "as decided", "recorded", NULL, { 0 } },
		{ "current", "current", current, { 0 } },
		{ "suggested", "suggested", fr->weight, { 0 } },
	};
	run_columns(l, col, 3);
	char *why = NULL;
	enum wit_status st = l->apply ? apply(ctx, fr->weight, &why) : WIT_OK;
	if (st != WIT_OK) {
		return cmd_fail(ctx, st, why);
	}
	if (l->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "n", (double)fr->n);
		cJSON_AddStringToObject(o, "target", fit_target_name(l->target));
		cJSON_AddNumberToObject(o, "r2", round(fr->r2 * 1e4) / 1e4);
		cJSON_AddNumberToObject(o, "cv_r2", round(fr->cv_r2 * 1e4) / 1e4);
		cJSON_AddNumberToObject(o, "cv_rmse", round(fr->cv_rmse * 1e4) / 1e4);
		cJSON_AddItemToObject(o, "current", weights_json(current));
		cJSON_AddItemToObject(o, "suggested", weights_json(fr->weight));
		cJSON *kept = cJSON_AddArrayToObject(o, "kept");
		for (int c = 0; c < SC_COUNT; c++)
			if (!fr->is_informed[c])
				cJSON_AddItemToArray(kept, cJSON_CreateString(
					score_component_name((enum score_component)c)));
		cJSON_AddItemToObject(o, "backtest", backtest_json(col, 3, cur));
		cJSON_AddBoolToObject(o, "applied", l->apply);
		print_json_line(ctx->out, o);
		return 0;
	}
	FILE *f = ctx->out;
	fprintf(f, "Learned from %zu past events with logged outcomes (%s).\n", fr->n,
	        target_words(l->target));
	fprintf(f, "Fit: R² %.2f on these events, %.2f cross-validated (%d-fold); typical error "
	        "%.2f%s.\n", fr->r2, fr->cv_r2, FIT_FOLDS, fr->cv_rmse,
	        l->opt.is_log ? " on the log(1 + value/hour) scale" : "");
	if (fr->cv_r2 <= 0)
		fprintf(f, "Caution: on events it was not fitted to, the fit predicts no better than "
		        "the average outcome:\nthe suggestion rests on little evidence.\n");
	if (ctx->weights_override != NULL)
		fprintf(f, "(current = the saved weights with --weights %s)\n", ctx->weights_override);
	print_weights(f, current, fr);
	print_backtest(f, col, 3, cur);
	if (l->apply)
		fprintf(f, "\nSaved the suggested weights to %s.\n", ctx->config_path);
	else
		fprintf(f, "\nNothing changed. 'worthit weights suggest --apply' saves the suggestion.\n");
	return 0;
}

int cmd_weights_learn_suggest(struct app_ctx *ctx, int argc, char **argv)
{
	struct learn l = { .ctx = ctx, .target = FIT_VALUE_PER_HOUR };
	int code = parse(&l, argc, argv, true);
	if (code != 0)
		return code < 0 ? 0 : code;
	char *why = NULL;
	enum wit_status st = load(&l, &why);
	struct fit_result fr;
	if (st == WIT_OK)
		st = fit_weights(l.ev, l.n, &l.opt, &fr, &why);
	if (st != WIT_OK)
		code = cmd_fail(ctx, st, why);
	else
		code = suggest_report(&l, &fr);
	if (st == WIT_OK)
		free(why);
	learn_done(&l);
	return code;
}

int cmd_weights_learn_backtest(struct app_ctx *ctx, int argc, char **argv)
{
	struct learn l = { .ctx = ctx, .target = FIT_VALUE_PER_HOUR };
	int code = parse(&l, argc, argv, false);
	if (code != 0)
		return code < 0 ? 0 : code;
	char *why = NULL;
	struct wit_config *saved = xmalloc(sizeof *saved);
	bool exists = false;
	enum wit_status st = load(&l, &why);
	if (st == WIT_OK && ctx->weights_override != NULL)
		st = config_file_load(ctx->config_path, saved, &exists, &why);
	if (st != WIT_OK) {
		code = cmd_fail(ctx, st, why);
		why = NULL;
	} else {
		struct column col[3] = {
			{ "as decided", "recorded", NULL, { 0 } },
			{ "saved", "saved", ctx->cfg->score.knob, { 0 } },
			{ "--weights", "weights", ctx->cfg->score.knob, { 0 } },
		};
		if (ctx->weights_override != NULL)
			col[1].weight = saved->score.knob;
		size_t n = ctx->weights_override != NULL ? 3 : 2;
		run_columns(&l, col, n);
		const char *cur = currency_of(ctx->cfg);
		if (l.json) {
			cJSON *o = backtest_json(col, n, cur);
			cJSON_AddStringToObject(o, "target", fit_target_name(l.target));
			print_json_line(ctx->out, o);
		} else {
			fprintf(ctx->out, "Backtest on %zu past events with logged outcomes, ranked "
			        "against %s.\n", l.n, target_words(l.target));
			print_backtest(ctx->out, col, n, cur);
		}
	}
	free(saved);
	free(why);
	learn_done(&l);
	return code;
}
