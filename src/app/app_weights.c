/*
 * app_weights.c: the Weights view's state and commands (see
 * app_weights.h). No curses: view_weights*.c draw this and map keys to
 * these functions. Edits change only aw->edited; nothing reaches the
 * config file or the app's ranking before app_weights_save().
 *
 * The preview is built from what struct app already loaded and scored
 * (its invitations and their score contexts), so opening the view
 * costs one score_prepare per pending invitation and no query; the
 * suggestion is the one thing here that reads the database (the past
 * events app_fit_events rebuilds), and only on request.
 */
#include "worthit/app_fit.h"
#include "worthit/app_weights.h"
#include "worthit/config_file.h"
#include "worthit/config_preset.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- formatting ---------------------------------------------------- */

int app_weights_decimals(enum score_knob k)
{
	double step = score_knob_info(k)->step;
	for (int d = 0; d < 4; d++) {
		double scaled = step * pow(10.0, d);
		if (fabs(scaled - round(scaled)) < 1e-9)
			return d;
	}
	return 4;
}

char *app_weights_format(enum score_knob k, double v, char *buf, size_t len)
{
	snprintf(buf, len, "%.*f", app_weights_decimals(k), v);
	return buf;
}

/* The double nearest to v written with k's decimals, so that a value
 * reached by steps prints and saves as the user reads it (3.1, not
 * 3.1000000000000001). */
static double tidy(enum score_knob k, double v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", app_weights_decimals(k), v);
	return strtod(buf, NULL);
}

static const char *knob_name(enum score_knob k)
{
	return score_knob_info(k)->name;
}

/* ---- the preview ---------------------------------------------------- */

/* Pending: what `worthit score` ranks (pending or maybe, from now on). */
static bool is_pending(const struct invitation *inv, int64_t now)
{
	return (inv->status == STATUS_PENDING || inv->status == STATUS_MAYBE) &&
	       inv->starts_at >= now;
}

/* qsort has no context: the invitations being ordered, set around the
 * call (the dashboard is single-threaded). */
static const struct invitation *ordering;

static int by_start(const void *pa, const void *pb)
{
	const struct invitation *a = &ordering[*(const size_t *)pa];
	const struct invitation *b = &ordering[*(const size_t *)pb];
	if (a->starts_at != b->starts_at)
		return a->starts_at < b->starts_at ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static void preview_drop(struct app_weights *aw)
{
	if (aw->in != NULL)
		preview_done(&aw->preview);
	free(aw->in);
	free(aw->inv_of);
	aw->in = NULL;
	aw->inv_of = NULL;
	aw->n_in = 0;
}

void app_weights_rebuild(struct app_weights *aw)
{
	const struct app *app = aw->app;
	const struct app_ctx *ctx = app->ctx;
	preview_drop(aw);
	/* everything but the knobs and presets follows the loaded config */
	struct score_settings knobs = aw->edited->score;
	*aw->edited = *ctx->cfg;
	aw->edited->score = knobs;
	aw->saved = ctx->cfg->score;

	size_t n = 0;
	aw->inv_of = xcalloc(app->invs.len + 1, sizeof *aw->inv_of);
	for (size_t i = 0; i < app->invs.len; i++)
		if (is_pending(&app->invs.items[i], ctx->now))
			aw->inv_of[n++] = i;
	ordering = app->invs.items;
	qsort(aw->inv_of, n, sizeof *aw->inv_of, by_start);
	ordering = NULL;
	aw->in = xcalloc(n + 1, sizeof *aw->in);
	for (size_t i = 0; i < n; i++)
		score_prepare(&app->invs.items[aw->inv_of[i]], &app->sctx[aw->inv_of[i]], ctx->cfg,
		              &aw->in[i]);
	aw->n_in = n;
	preview_init(&aw->preview, aw->in, n, ctx->cfg);
	preview_update(&aw->preview, aw->edited);
	aw->seen_items = app->invs.items;
	aw->seen_len = app->invs.len;
}

void app_weights_sync(struct app_weights *aw)
{
	if (aw->seen_items != aw->app->invs.items || aw->seen_len != aw->app->invs.len)
		app_weights_rebuild(aw);
}

void app_weights_init(struct app_weights *aw, struct app *app)
{
	memset(aw, 0, sizeof *aw);
	aw->app = app;
	aw->edited = xmalloc(sizeof *aw->edited);
	*aw->edited = *app->ctx->cfg;
	aw->undo = xcalloc(APP_WEIGHTS_HISTORY_MAX, sizeof *aw->undo);
	aw->redo = xcalloc(APP_WEIGHTS_HISTORY_MAX, sizeof *aw->redo);
	app_weights_rebuild(aw);
}

void app_weights_done(struct app_weights *aw)
{
	preview_drop(aw);
	free(aw->edited);
	free(aw->undo);
	free(aw->redo);
	memset(aw, 0, sizeof *aw);
}

bool app_weights_is_dirty(const struct app_weights *aw)
{
	return app_weights_n_changed(aw) > 0;
}

int app_weights_n_changed(const struct app_weights *aw)
{
	int n = 0;
	for (int k = 0; k < KNOB_COUNT; k++)
		n += aw->edited->score.knob[k] != aw->saved.knob[k];
	return n;
}

double app_weights_value(const struct app_weights *aw, enum score_knob k)
{
	return aw->edited->score.knob[k];
}

/* ---- the history ------------------------------------------------------ */

static void push(struct app_weights_step *stack, size_t *n, const struct app_weights_step *s)
{
	if (*n == APP_WEIGHTS_HISTORY_MAX) { /* forget the oldest */
		memmove(stack, stack + 1, (APP_WEIGHTS_HISTORY_MAX - 1) * sizeof *stack);
		(*n)--;
	}
	stack[(*n)++] = *s;
}

/* Make after the edited knobs as one undoable step. */
static void apply(struct app_weights *aw, const struct score_settings *after, const char *what)
{
	struct app_weights_step s;
	s.before = aw->edited->score;
	s.after = *after;
	snprintf(s.what, sizeof s.what, "%s", what);
	push(aw->undo, &aw->n_undo, &s);
	aw->n_redo = 0;
	aw->edited->score = *after;
	preview_update(&aw->preview, aw->edited);
}

void app_weights_undo(struct app_weights *aw)
{
	if (aw->n_undo == 0) {
		app_message(aw->app, false, "No weight edit to undo");
		return;
	}
	struct app_weights_step s = aw->undo[--aw->n_undo];
	push(aw->redo, &aw->n_redo, &s);
	aw->edited->score = s.before;
	preview_update(&aw->preview, aw->edited);
	app_message(aw->app, false, "Undid %s; U redoes", s.what);
}

void app_weights_redo(struct app_weights *aw)
{
	if (aw->n_redo == 0) {
		app_message(aw->app, false, "No weight edit to redo");
		return;
	}
	struct app_weights_step s = aw->redo[--aw->n_redo];
	push(aw->undo, &aw->n_undo, &s);
	aw->edited->score = s.after;
	preview_update(&aw->preview, aw->edited);
	app_message(aw->app, false, "Redid %s", s.what);
}

/* ---- edits ---------------------------------------------------------- */

/* NULL when v is acceptable for k next to the other knobs, else why
 * not (into buf). */
static const char *refusal(const struct app_weights *aw, enum score_knob k, double v,
                           char *buf, size_t len)
{
	const struct score_knob_info *ki = score_knob_info(k);
	char lo[32], hi[32], other[32];
	const double *knob = aw->edited->score.knob;
	if (!isfinite(v) || v < ki->min || v > ki->max) {
		snprintf(buf, len, "%s must be within %s..%s", ki->name,
		         app_weights_format(k, ki->min, lo, sizeof lo),
		         app_weights_format(k, ki->max, hi, sizeof hi));
		return buf;
	}
	if (k == KNOB_GO_THRESHOLD && v < knob[KNOB_MAYBE_THRESHOLD]) {
		snprintf(buf, len, "go cannot be below the maybe threshold (%s)",
		         app_weights_format(k, knob[KNOB_MAYBE_THRESHOLD], other, sizeof other));
		return buf;
	}
	if (k == KNOB_MAYBE_THRESHOLD && v > knob[KNOB_GO_THRESHOLD]) {
		snprintf(buf, len, "maybe cannot be above the go threshold (%s)",
		         app_weights_format(k, knob[KNOB_GO_THRESHOLD], other, sizeof other));
		return buf;
	}
	return NULL;
}

/* Set k to v as one step, saying so. */
static void set_knob(struct app_weights *aw, enum score_knob k, double v)
{
	char what[APP_WEIGHTS_WHAT_MAX], a[32], b[32];
	double old = aw->edited->score.knob[k];
	struct score_settings after = aw->edited->score;
	after.knob[k] = v;
	snprintf(what, sizeof what, "%s %s -> %s", knob_name(k), app_weights_format(k, old, a, sizeof a),
	         app_weights_format(k, v, b, sizeof b));
	apply(aw, &after, what);
	app_message(aw->app, false, "%s%s", what,
	            v == aw->saved.knob[k] ? " (as saved)" : "; w saves, u undoes");
}

void app_weights_step_knob(struct app_weights *aw, enum score_knob k, int steps)
{
	const struct score_knob_info *ki = score_knob_info(k);
	double old = aw->edited->score.knob[k];
	double v = round((old + steps * ki->step) / ki->step) * ki->step;
	char buf[160], lim[32];
	v = tidy(k, v < ki->min ? ki->min : v > ki->max ? ki->max : v);
	if (k == KNOB_GO_THRESHOLD && v < aw->edited->score.knob[KNOB_MAYBE_THRESHOLD])
		v = aw->edited->score.knob[KNOB_MAYBE_THRESHOLD];
	if (k == KNOB_MAYBE_THRESHOLD && v > aw->edited->score.knob[KNOB_GO_THRESHOLD])
		v = aw->edited->score.knob[KNOB_GO_THRESHOLD];
	if (v == old) {
		const char *why = refusal(aw, k, steps > 0 ? old + ki->step : old - ki->step, buf,
		                          sizeof buf);
		if (why != NULL)
			app_message(aw->app, false, "%s is at %s: %s", ki->name,
			            app_weights_format(k, old, lim, sizeof lim), why);
		return;
	}
	set_knob(aw, k, v);
}

enum wit_status app_weights_set_text(struct app_weights *aw, enum score_knob k,
                                     const char *text, char **why)
{
	char *end, buf[160];
	while (*text == ' ')
		text++;
	errno = 0;
	double v = strtod(text, &end);
	while (*end == ' ')
		end++;
	if (text[0] == '\0' || *end != '\0' || errno != 0 || !isfinite(v))
		return wit_fail(why, WIT_USAGE, "'%s' is not a number", text);
	const char *no = refusal(aw, k, v, buf, sizeof buf);
	if (no != NULL)
		return wit_fail(why, WIT_USAGE, "%s", no);
	if (v == aw->edited->score.knob[k]) {
		app_message(aw->app, false, "%s stays %s", knob_name(k), text);
		return WIT_OK;
	}
	set_knob(aw, k, v);
	return WIT_OK;
}

void app_weights_reset(struct app_weights *aw, enum score_knob k)
{
	const struct score_knob_info *ki = score_knob_info(k);
	char buf[160], a[32];
	if (aw->edited->score.knob[k] == ki->def) {
		app_message(aw->app, false, "%s is at its default (%s)", ki->name,
		            app_weights_format(k, ki->def, a, sizeof a));
		return;
	}
	const char *no = refusal(aw, k, ki->def, buf, sizeof buf);
	if (no != NULL) {
		app_message(aw->app, true, "Cannot reset: %s", no);
		return;
	}
	set_knob(aw, k, ki->def);
}

void app_weights_reset_all(struct app_weights *aw)
{
	struct score_settings def;
	score_settings_defaults(&def);
	int n = 0;
	for (int k = 0; k < KNOB_COUNT; k++)
		n += aw->edited->score.knob[k] != def.knob[k];
	if (n == 0) {
		app_message(aw->app, false, "Every knob is at its default already");
		return;
	}
	char what[APP_WEIGHTS_WHAT_MAX];
	snprintf(what, sizeof what, "reset of %d knob%s to the defaults", n, n == 1 ? "" : "s");
	apply(aw, &def, what);
	app_message(aw->app, false, "Reset %d knob%s to the defaults; w saves, u undoes", n,
	            n == 1 ? "" : "s");
}

void app_weights_discard(struct app_weights *aw)
{
	int n = app_weights_n_changed(aw);
	if (n == 0)
		return;
	char what[APP_WEIGHTS_WHAT_MAX];
	snprintf(what, sizeof what, "discarding %d unsaved change%s", n, n == 1 ? "" : "s");
	apply(aw, &aw->saved, what);
	app_message(aw->app, false, "Discarded %d unsaved change%s (u in the weights view brings "
	            "them back)", n, n == 1 ? "" : "s");
}

/* ---- saving and presets ------------------------------------------------ */

static enum wit_status fail_message(struct app_weights *aw, enum wit_status st, char *why,
                                    const char *what)
{
	app_message(aw->app, true, "%s failed: %s", what, why != NULL ? why : wit_status_name(st));
	free(why);
	return st;
}

enum wit_status app_weights_save(struct app_weights *aw)
{
	struct app_ctx *ctx = aw->app->ctx;
	int n = app_weights_n_changed(aw);
	if (n == 0) {
		app_message(aw->app, false, "Nothing to save: the weights are as saved");
		return WIT_OK;
	}
	struct wit_config *file = xmalloc(sizeof *file);
	bool exists = false;
	char *why = NULL;
	enum wit_status st = config_file_load(ctx->config_path, file, &exists, &why);
	if (st == WIT_OK) {
		/* only what was edited: a knob another process changed meanwhile
		 * stays as it set it; both thresholds travel together so the file
		 * never holds maybe above go */
		bool thresholds = false;
		for (int k = 0; k < KNOB_COUNT; k++) {
			if (aw->edited->score.knob[k] == aw->saved.knob[k])
				continue;
			file->score.knob[k] = aw->edited->score.knob[k];
			thresholds |= k == KNOB_GO_THRESHOLD || k == KNOB_MAYBE_THRESHOLD;
		}
		if (thresholds) {
			file->score.knob[KNOB_GO_THRESHOLD] = aw->edited->score.knob[KNOB_GO_THRESHOLD];
			file->score.knob[KNOB_MAYBE_THRESHOLD] =
				aw->edited->score.knob[KNOB_MAYBE_THRESHOLD];
		}
		st = config_file_save(ctx->config_path, file, &why);
	}
	if (st != WIT_OK) {
		free(file);
		return fail_message(aw, st, why, "Saving the weights");
	}
	ctx->cfg->score = file->score;
	aw->edited->score = file->score;
	free(file);
	st = app_load(aw->app, &why);
	app_weights_rebuild(aw);
	if (st != WIT_OK)
		return fail_message(aw, st, why, "Saved, but reloading the invitations");
	app_message(aw->app, false, "Saved %d changed knob%s to %s; invitations ranked with them",
	            n, n == 1 ? "" : "s", ctx->config_path);
	return WIT_OK;
}

enum wit_status app_weights_preset_use(struct app_weights *aw, size_t i)
{
	if (i >= aw->edited->n_presets)
		return WIT_NOTFOUND;
	struct wit_config *tmp = xmalloc(sizeof *tmp);
	char *why = NULL, what[APP_WEIGHTS_WHAT_MAX];
	*tmp = *aw->edited;
	enum wit_status st = config_preset_use(tmp, aw->edited->presets[i].name, &why);
	if (st != WIT_OK) {
		free(tmp);
		return fail_message(aw, st, why, "Using the preset");
	}
	snprintf(what, sizeof what, "preset \"%s\"", aw->edited->presets[i].name);
	if (memcmp(&tmp->score, &aw->edited->score, sizeof tmp->score) == 0)
		app_message(aw->app, false, "Preset \"%s\" is what you have already",
		            aw->edited->presets[i].name);
	else {
		apply(aw, &tmp->score, what);
		app_message(aw->app, false, "Switched to preset \"%s\" (not saved: w saves, u undoes)",
		            aw->edited->presets[i].name);
	}
	free(tmp);
	return WIT_OK;
}

enum wit_status app_weights_preset_save(struct app_weights *aw, const char *name)
{
	struct app_ctx *ctx = aw->app->ctx;
	struct wit_config *file = xmalloc(sizeof *file), *tmp = xmalloc(sizeof *tmp);
	bool exists = false, is_new;
	char *why = NULL;
	enum wit_status st = config_file_load(ctx->config_path, file, &exists, &why);
	if (st == WIT_OK) {
		/* the preset takes the edited knobs; the file's own stay */
		*tmp = *file;
		tmp->score = aw->edited->score;
		is_new = config_preset_find(tmp, name) < 0;
		st = config_preset_save(tmp, name, &why);
	}
	if (st == WIT_OK) {
		file->n_presets = tmp->n_presets;
		memcpy(file->presets, tmp->presets, sizeof file->presets);
		st = config_file_save(ctx->config_path, file, &why);
	}
	if (st == WIT_OK) {
		ctx->cfg->n_presets = file->n_presets;
		memcpy(ctx->cfg->presets, file->presets, sizeof file->presets);
		aw->edited->n_presets = file->n_presets;
		memcpy(aw->edited->presets, file->presets, sizeof file->presets);
		app_message(aw->app, false, "%s preset \"%s\" in %s", is_new ? "Saved" : "Replaced",
		            name, ctx->config_path);
	}
	free(file);
	free(tmp);
	return st == WIT_OK ? st : fail_message(aw, st, why, "Saving the preset");
}

/* ---- the suggestion ------------------------------------------------------ */

static void add_column(struct app_weights_suggestion *sg, const char *label)
{
	sg->col[sg->n_col++].label = label;
}

void app_weights_suggest(struct app_weights *aw)
{
	struct app_ctx *ctx = aw->app->ctx;
	struct app_weights_suggestion *sg = &aw->suggestion;
	struct fit_event *ev = NULL;
	struct fit_options o;
	size_t n = 0;
	char *why = NULL;
	memset(sg, 0, sizeof *sg);
	sg->is_ready = true;
	enum wit_status st = app_fit_events(ctx->db, ctx->cfg, ctx->now, &ev, &n, &why);
	int64_t rate = ctx->cfg->hourly_rate_minor > 0
	               ? ctx->cfg->hourly_rate_minor
	               : (int64_t)ctx->cfg->score.knob[KNOB_FALLBACK_RATE];
	fit_options_init(&o, FIT_VALUE_PER_HOUR, rate, &aw->saved);
	sg->n_events = n;
	memcpy(sg->saved, aw->saved.knob, sizeof sg->saved);
	if (st == WIT_OK)
		st = fit_weights(ev, n, &o, &sg->fit, &why);
	if (st != WIT_OK) {
		snprintf(sg->why, sizeof sg->why, "%s", why != NULL ? why : wit_status_name(st));
		free(why);
		free(ev);
		app_message(aw->app, false, "No suggestion: %s", sg->why);
		return;
	}
	sg->has_fit = true;
	struct backtest_row *rows = xcalloc(n + 1, sizeof *rows);
	const double *weights[4] = { NULL, aw->saved.knob, aw->edited->score.knob,
	                             sg->fit.weight };
	add_column(sg, "decided");
	add_column(sg, "saved");
	bool is_edited = memcmp(aw->saved.knob, aw->edited->score.knob,
	                        SC_COUNT * sizeof(double)) != 0;
	if (is_edited)
		add_column(sg, "edited");
	else
		weights[2] = weights[3];
	add_column(sg, "suggest");
	for (size_t i = 0; i < sg->n_col; i++)
		backtest_run(ev, n, weights[i], &o, rows, &sg->col[i].r);
	free(rows);
	free(ev);
	app_message(aw->app, false, "Suggestion from %zu past events: y applies it, Esc closes",
	            sg->fit.n);
}

bool app_weights_apply_suggestion(struct app_weights *aw)
{
	const struct app_weights_suggestion *sg = &aw->suggestion;
	if (!sg->is_ready || !sg->has_fit)
		return false;
	struct score_settings after = aw->edited->score;
	for (int c = 0; c < SC_COUNT; c++)
		after.knob[c] = tidy((enum score_knob)c, sg->fit.weight[c]);
	if (memcmp(&after, &aw->edited->score, sizeof after) == 0) {
		app_message(aw->app, false, "The suggested weights are the ones you have");
		return true;
	}
	apply(aw, &after, "the suggested weights");
	app_message(aw->app, false, "Applied the suggested weights (not saved: w saves, u undoes)");
	return true;
}
