/*
 * app_weights.h: the state and commands of the dashboard's Weights view
 * (view_weights.c draws them), with no curses in sight, the way app.h
 * serves the Invitations view. It owns:
 *   - the knobs being edited (a copy of the loaded config) against the
 *     saved ones (what struct app ranks with), and whether they differ;
 *   - the live preview (preview.h) of the pending invitations the app
 *     loaded, ranked under the edited knobs, rebuilt when the app
 *     reloads, updated on every edit;
 *   - an in-view history of edits (undo / redo), each step a whole
 *     score_settings before and after plus a phrase saying what it was;
 *   - saving (config_file_save: atomic, unknown keys kept) and then
 *     reloading the app so the Invitations view ranks with the new
 *     weights; presets (config_preset.h); the suggestion learned from
 *     outcomes (app_fit.h, fit.h) with backtests (backtest.h).
 * Every command says what it did in the app's status-line message.
 *
 * Invariants: edited->score holds every knob within its range and the
 * maybe threshold at or below go; the preview's inputs are the open
 * (pending or maybe), upcoming invitations of app->invs, and
 * inv_of[i] is the index in app->invs of input i.
 */
#ifndef WORTHIT_APP_WEIGHTS_H
#define WORTHIT_APP_WEIGHTS_H

#include <stdbool.h>
#include <stddef.h>

#include "worthit/app_invites.h"
#include "worthit/backtest.h"
#include "worthit/config.h"
#include "worthit/fit.h"
#include "worthit/preview.h"
#include "worthit/score.h"
#include "worthit/status.h"

/* Steps kept in the edit history; older ones are forgotten. */
#define APP_WEIGHTS_HISTORY_MAX 500
#define APP_WEIGHTS_WHAT_MAX 112

/* One edit: the knobs before and after, and what it was in words
 * ("overlap 6.0 -> 6.5", "reset every knob"). */
struct app_weights_step {
	struct score_settings before, after;
	char what[APP_WEIGHTS_WHAT_MAX];
};

/* A backtest column of the suggestion: label and result. */
struct app_weights_backtest {
	const char *label;              /* "decided", "saved", "edited", "suggest" */
	struct backtest_result r;
};

struct app_weights_suggestion {
	bool is_ready;                  /* computed (with or without a result) */
	bool has_fit;                   /* false: refused, why says why */
	char why[256];                  /* the refusal, e.g. too few outcomes */
	size_t n_events;                /* past events with outcomes found */
	struct fit_result fit;          /* valid when has_fit */
	double saved[SC_COUNT];         /* weights the fit started from */
	struct app_weights_backtest col[4]; /* as decided, saved, edited, suggested */
	size_t n_col;
};

struct app_weights {
	struct app *app;                /* borrowed */
	struct wit_config *edited;      /* owned: the loaded config with the
	                                   knobs and presets being edited */
	struct score_settings saved;    /* ctx->cfg->score when the preview was
	                                   built: what the app ranks with */
	/* the preview */
	struct score_input *in;         /* n_in prepared inputs, start order */
	size_t *inv_of;                 /* n_in indices into app->invs */
	size_t n_in;
	struct preview preview;
	const struct invitation *seen_items; /* app->invs at the last build, */
	size_t seen_len;                /* to notice a reload by someone else */
	/* the edit history */
	struct app_weights_step *undo, *redo; /* oldest first */
	size_t n_undo, n_redo;
	struct app_weights_suggestion suggestion;
};

/* Borrow app (loaded); copy its config; build the preview. Pair with
 * app_weights_done(). */
void app_weights_init(struct app_weights *aw, struct app *app);
void app_weights_done(struct app_weights *aw);

/* The app reloaded (or may have): rebuild the preview from its
 * invitations and config, keeping the edits (knobs edited against the
 * old saved values keep their edited values). */
void app_weights_rebuild(struct app_weights *aw);
/* Rebuild when app->invs is not what the preview was built from. */
void app_weights_sync(struct app_weights *aw);

/* True when the edited knobs differ from the saved ones. */
bool app_weights_is_dirty(const struct app_weights *aw);
/* Knobs that differ from the saved ones. */
int app_weights_n_changed(const struct app_weights *aw);
/* Knob k's edited value. */
double app_weights_value(const struct app_weights *aw, enum score_knob k);

/* ---- edits: each is one undoable step, message says what changed --- */

/* Move knob k by steps steps of its knob step (negative: down), kept in
 * range and on the step grid. */
void app_weights_step_knob(struct app_weights *aw, enum score_knob k, int steps);
/* Set knob k from typed text. WIT_USAGE (nothing changed, *why says
 * why, e.g. out of range) for a bad number. */
enum wit_status app_weights_set_text(struct app_weights *aw, enum score_knob k,
                                     const char *text, char **why);
/* Back to the default: knob k, or every knob. */
void app_weights_reset(struct app_weights *aw, enum score_knob k);
void app_weights_reset_all(struct app_weights *aw);
/* Drop the unsaved edits (the edited knobs become the saved ones
 * again): itself an undoable step. */
void app_weights_discard(struct app_weights *aw);
/* Undo / redo one step of the history. */
void app_weights_undo(struct app_weights *aw);
void app_weights_redo(struct app_weights *aw);

/* ---- saving and presets --------------------------------------------- */

/* Write the edited knobs that differ from the saved ones into the
 * config file as stored (config_file_save), make them the app's
 * settings and reload the app (its ranking), then rebuild the preview.
 * On failure nothing changes and the message says why. */
enum wit_status app_weights_save(struct app_weights *aw);
/* Apply preset i's knobs to the edited ones (one step). */
enum wit_status app_weights_preset_use(struct app_weights *aw, size_t i);
/* Save the edited weights and thresholds as preset name in the config
 * file (the file's own knobs stay as they are). */
enum wit_status app_weights_preset_save(struct app_weights *aw, const char *name);

/* ---- the suggestion ---------------------------------------------------- */

/* Fit weights on the logged outcomes (value per hour), with backtests
 * of the saved, edited and suggested weights; fills aw->suggestion.
 * Never changes a knob. */
void app_weights_suggest(struct app_weights *aw);
/* Apply the suggested weights to the edited knobs (one step); false
 * when there is no suggestion. */
bool app_weights_apply_suggestion(struct app_weights *aw);

/* ---- formatting ------------------------------------------------------ */

/* Decimals knob k's values are shown with (from its step). */
int app_weights_decimals(enum score_knob k);
/* v as knob k shows it ("6.5", "0.05", "180"). Returns buf. */
char *app_weights_format(enum score_knob k, double v, char *buf, size_t len);

#endif
