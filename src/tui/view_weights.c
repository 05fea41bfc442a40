/*
 * view_weights.c: the Weights tab: every knob of the scoring
 * engine as a row with a slider, and beside it (below on narrow
 * terminals) the live re-ranking of the pending invitations under the
 * knobs being edited. This file owns the view's lifetime, its modes
 * (typing a value or a preset name, choosing a preset, the "unsaved
 * changes" question) and its keys; view_weights_draw.c draws; the state
 * and every command are app_weights.c's.
 *
 * Modal prompts live in the status line: struct app's message lasts
 * until the next key, so each key of a prompt writes the prompt again.
 * Leaving the view (Tab, 1, 2, a click on a tab: the leave hook of
 * ui_switch; q) or Esc with unsaved edits asks first; the answer then
 * does what was asked (ui_switch, or quit).
 */
#include "worthit/config_preset.h"
#include "worthit/view_weights.h"
#include "worthit/xmalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define BIG_STEP 10 /* H and L */

enum score_knob view_weights_selected_knob(const struct view_weights *vw)
{
	return (enum score_knob)vw->rows[vw->cursor].knob;
}

static void rows_build(struct view_weights *vw)
{
	size_t n = 0;
	vw->rows[n++] = (struct view_weights_row){ -1, "Weights: how much each component counts" };
	for (int k = 0; k < SC_COUNT; k++)
		vw->rows[n++] = (struct view_weights_row){ k, NULL };
	vw->rows[n++] = (struct view_weights_row){ -1, "Verdict thresholds (score 0-100)" };
	vw->rows[n++] = (struct view_weights_row){ KNOB_GO_THRESHOLD, NULL };
	vw->rows[n++] = (struct view_weights_row){ KNOB_MAYBE_THRESHOLD, NULL };
	vw->rows[n++] = (struct view_weights_row){ -1, "Formula parameters" };
	for (int k = KNOB_PARAM_FIRST_; k < KNOB_COUNT; k++)
		vw->rows[n++] = (struct view_weights_row){ k, NULL };
	vw->n_rows = n;
}

/* Move the cursor by delta knob rows (headings skipped), clamped. */
static void cursor_move(struct view_weights *vw, long delta)
{
	long r = (long)vw->cursor;
	long step = delta < 0 ? -1 : 1;
	for (long left = labs(delta); left > 0; left--) {
		long next = r + step;
		while (next >= 0 && next < (long)vw->n_rows && vw->rows[next].knob < 0)
			next += step;
		if (next < 0 || next >= (long)vw->n_rows)
			break;
		r = next;
	}
	vw->cursor = (size_t)r;
}

static void cursor_to(struct view_weights *vw, size_t row)
{
	if (vw->n_rows == 0)
		return;
	vw->cursor = row < vw->n_rows ? row : vw->n_rows - 1;
	if (vw->rows[vw->cursor].knob < 0)
		cursor_move(vw, vw->cursor + 1 < vw->n_rows ? 1 : -1);
}

/* ---- lifetime ----------------------------------------------------- */

static unsigned weights_open(struct view *v, struct ui *ui)
{
	struct view_weights *vw = v->priv;
	if (vw == NULL) {
		vw = xcalloc(1, sizeof *vw);
		v->priv = vw;
		rows_build(vw);
		app_weights_init(&vw->aw, ui->app);
		cursor_to(vw, 1);
	} else {
		/* decisions in the other views change what is pending */
		app_weights_rebuild(&vw->aw);
	}
	vw->mode = VIEW_WEIGHTS_NORMAL;
	vw->panel = VIEW_WEIGHTS_PANEL_PREVIEW;
	return DIRTY_ALL;
}

static void weights_close(struct view *v, struct ui *ui)
{
	(void)ui;
	struct view_weights *vw = v->priv;
	if (vw == NULL)
		return;
	app_weights_done(&vw->aw);
	free(vw);
	v->priv = NULL;
}

static unsigned weights_reload(struct view *v, struct ui *ui)
{
	struct view_weights *vw = v->priv;
	if (!app_poll_changes(ui->app))
		return 0;
	app_weights_rebuild(&vw->aw);
	return DIRTY_ALL;
}

static void weights_draw(struct view *v, struct ui *ui, unsigned dirty)
{
	struct view_weights *vw = v->priv;
	app_weights_sync(&vw->aw); /* ^L or a poll reloaded the app */
	if ((dirty & DIRTY_LIST) && ui->w_list != NULL) {
		view_weights_draw_knobs(vw, v, ui, ui->w_list);
		wnoutrefresh(ui->w_list);
	}
	if ((dirty & DIRTY_DETAIL) && ui->w_detail != NULL) {
		view_weights_draw_panel(vw, ui, ui->w_detail);
		wnoutrefresh(ui->w_detail);
	}
}

/* ---- prompts in the status line ---------------------------------------- */

static void prompt_input(struct view_weights *vw)
{
	struct app *app = vw->aw.app;
	if (vw->mode == VIEW_WEIGHTS_PRESET_NAME) {
		app_message(app, vw->input_error[0] != '\0', "Save the weights as preset: %s_  %s",
		            vw->input, vw->input_error[0] != '\0' ? vw->input_error
		                                                  : "(Enter saves, Esc cancels)");
		return;
	}
	enum score_knob k = view_weights_selected_knob(vw);
	const struct score_knob_info *ki = score_knob_info(k);
	char lo[32], hi[32], now[32];
	app_weights_format(k, ki->min, lo, sizeof lo);
	app_weights_format(k, ki->max, hi, sizeof hi);
	app_weights_format(k, app_weights_value(&vw->aw, k), now, sizeof now);
	if (vw->input_error[0] != '\0')
		app_message(app, true, "%s = %s_  %s (Esc cancels)", ki->name, vw->input,
		            vw->input_error);
	else
		app_message(app, false, "%s = %s_  (now %s, range %s..%s; Enter sets, Esc cancels)",
		            ki->name, vw->input, now, lo, hi);
}

static void prompt_leave(struct view_weights *vw)
{
	int n = app_weights_n_changed(&vw->aw);
	app_message(vw->aw.app, true, "%d unsaved weight change%s: w save, d discard, c cancel", n,
	            n == 1 ? "" : "s");
}

/* Append the character ch to vw->input (UTF-8); false when it does not
 * fit or is not a character. */
static bool input_add(struct view_weights *vw, int ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t n = strlen(vw->input);
	memset(&ps, 0, sizeof ps);
	if (ch < 32 || ch == 127)
		return false;
	size_t k = wcrtomb(mb, (wchar_t)ch, &ps);
	if (k == (size_t)-1 || n + k >= sizeof vw->input)
		return false;
	memcpy(vw->input + n, mb, k);
	vw->input[n + k] = '\0';
	return true;
}

static void input_backspace(struct view_weights *vw)
{
	size_t n = strlen(vw->input);
	while (n > 0 && ((unsigned char)vw->input[n - 1] & 0xC0) == 0x80)
		n--; /* continuation bytes of the last character */
	vw->input[n > 0 ? n - 1 : 0] = '\0';
}

static bool is_enter(int ch)
{
	return ch == '\n' || ch == '\r' || ch == KEY_ENTER;
}

static bool is_backspace(int ch)
{
	return ch == 127 || ch == 8 || ch == KEY_BACKSPACE;
}

/* Enter in VIEW_WEIGHTS_INPUT / VIEW_WEIGHTS_PRESET_NAME: act on the text. */
static void input_commit(struct view_weights *vw)
{
	char *why = NULL;
	enum wit_status st;
	if (vw->mode == VIEW_WEIGHTS_PRESET_NAME)
		st = app_weights_preset_save(&vw->aw, vw->input);
	else
		st = app_weights_set_text(&vw->aw, view_weights_selected_knob(vw), vw->input, &why);
	if (st == WIT_OK) {
		vw->mode = VIEW_WEIGHTS_NORMAL;
		return;
	}
	/* stay in the prompt with the reason, so the text can be fixed */
	snprintf(vw->input_error, sizeof vw->input_error, "%s",
	         why != NULL ? why : vw->aw.app->message);
	free(why);
	prompt_input(vw);
}

static unsigned input_key(struct view_weights *vw, enum key_action act, int ch)
{
	if (act == ACT_CLOSE && ch == 27) {
		app_message(vw->aw.app, false, "%s", vw->mode == VIEW_WEIGHTS_PRESET_NAME
		                                        ? "No preset saved" : "Value unchanged");
		vw->mode = VIEW_WEIGHTS_NORMAL;
		return UI_HANDLED | DIRTY_PANES;
	}
	vw->input_error[0] = '\0';
	if (is_enter(ch)) {
		input_commit(vw);
		return UI_HANDLED | DIRTY_PANES;
	}
	if (is_backspace(ch) || ch == KEY_DC)
		input_backspace(vw);
	else if (!(ch >= KEY_MIN && act != ACT_NONE)) /* a key code is not text */
		input_add(vw, ch);
	prompt_input(vw);
	return UI_HANDLED;
}

/* ---- leaving with unsaved edits ---------------------------------------- */

/* Do what asked to leave, now that nothing is unsaved. */
static unsigned leave_now(struct ui *ui, size_t to)
{
	if (to == VIEW_WEIGHTS_LEAVE_QUIT) {
		ui->quit = true;
		return UI_HANDLED;
	}
	if (to == VIEW_WEIGHTS_LEAVE_STAY)
		return UI_HANDLED | DIRTY_ALL;
	return UI_HANDLED | ui_switch(ui, to);
}

static unsigned leave_key(struct view_weights *vw, struct ui *ui, enum key_action act, int ch)
{
	size_t to = vw->leave_to;
	char msg[APP_MESSAGE_MAX];
	if (ch == 'w' || ch == 's' || ch == 'y') {
		vw->mode = VIEW_WEIGHTS_NORMAL;
		if (app_weights_save(&vw->aw) != WIT_OK)
			return UI_HANDLED | DIRTY_ALL; /* the error stays on screen; no leaving */
	} else if (ch == 'd' || ch == 'n') {
		vw->mode = VIEW_WEIGHTS_NORMAL;
		app_weights_discard(&vw->aw);
	} else if (ch == 'c' || (act == ACT_CLOSE && ch == 27)) {
		vw->mode = VIEW_WEIGHTS_NORMAL;
		app_message(vw->aw.app, false, "Still editing: w saves, u undoes");
		return UI_HANDLED | DIRTY_ALL;
	} else {
		prompt_leave(vw);
		return UI_HANDLED;
	}
	/* keep the save/discard message across the switch (open() of the
	 * next view may leave its own) */
	memcpy(msg, vw->aw.app->message, sizeof msg);
	unsigned d = leave_now(ui, to);
	if (vw->aw.app->message[0] == '\0')
		memcpy(vw->aw.app->message, msg, sizeof msg);
	return d | DIRTY_ALL;
}

/* Leaving for `to` (a view, VIEW_WEIGHTS_LEAVE_QUIT or VIEW_WEIGHTS_LEAVE_STAY for Esc):
 * ask first when edits are unsaved, else 0 (go ahead). */
static unsigned ask_leave(struct view_weights *vw, size_t to)
{
	if (!app_weights_is_dirty(&vw->aw))
		return 0;
	vw->mode = VIEW_WEIGHTS_LEAVE;
	vw->leave_to = to;
	prompt_leave(vw);
	return UI_HANDLED | DIRTY_PANES | DIRTY_STATUS;
}

/* The view_ops hook every switch (keys, a click on a tab) goes through. */
static unsigned weights_leave(struct view *v, struct ui *ui, size_t to)
{
	(void)ui;
	struct view_weights *vw = v->priv;
	return vw != NULL ? ask_leave(vw, to) : 0;
}

/* ---- panels ------------------------------------------------------------ */

/* Show the detail pane (on a one-pane layout it replaces the list). */
static unsigned show_panel(struct view_weights *vw, struct ui *ui, enum view_weights_panel p)
{
	vw->panel = p;
	if (ui->lay.mode == LAYOUT_SINGLE && !ui->detail_open) {
		ui->detail_open = true;
		return UI_HANDLED | DIRTY_LAYOUT;
	}
	return UI_HANDLED | DIRTY_PANES;
}

static unsigned close_panel(struct view_weights *vw, struct ui *ui)
{
	vw->panel = VIEW_WEIGHTS_PANEL_PREVIEW;
	if (vw->mode == VIEW_WEIGHTS_PRESETS)
		vw->mode = VIEW_WEIGHTS_NORMAL;
	if (ui->detail_open) {
		ui->detail_open = false;
		return UI_HANDLED | DIRTY_LAYOUT;
	}
	return UI_HANDLED | DIRTY_PANES;
}

static unsigned presets_key(struct view_weights *vw, struct ui *ui, enum key_action act, int ch)
{
	size_t n = vw->aw.edited->n_presets;
	switch (act) {
	case ACT_DOWN: vw->preset_cursor += vw->preset_cursor + 1 < n; break;
	case ACT_UP: vw->preset_cursor -= vw->preset_cursor > 0; break;
	case ACT_TOP: vw->preset_cursor = 0; break;
	case ACT_BOTTOM: vw->preset_cursor = n > 0 ? n - 1 : 0; break;
	case ACT_OPEN:
	case ACT_SET_VALUE:
		if (n > 0)
			app_weights_preset_use(&vw->aw, vw->preset_cursor);
		return close_panel(vw, ui) | DIRTY_PANES;
	case ACT_CLOSE:
	case ACT_PRESETS:
		return close_panel(vw, ui);
	case ACT_QUIT:
	case ACT_HELP:
		vw->mode = VIEW_WEIGHTS_NORMAL;
		vw->panel = VIEW_WEIGHTS_PANEL_PREVIEW;
		return 0; /* the loop quits or shows help */
	default:
		if (ch == 'y' && n > 0) {
			app_weights_preset_use(&vw->aw, vw->preset_cursor);
			return close_panel(vw, ui) | DIRTY_PANES;
		}
		app_message(vw->aw.app, false, "j/k choose a preset, Enter switches to it, Esc closes");
		return UI_HANDLED;
	}
	return UI_HANDLED | DIRTY_DETAIL;
}

/* ---- keys ---------------------------------------------------------------- */

/* An edit happened: the suggestion's "edited" column is stale, and the
 * preview shows the effect. */
static unsigned edited(struct view_weights *vw)
{
	if (vw->panel == VIEW_WEIGHTS_PANEL_SUGGEST)
		vw->panel = VIEW_WEIGHTS_PANEL_PREVIEW;
	return UI_HANDLED | DIRTY_PANES | DIRTY_HEADER;
}

static unsigned start_input(struct view_weights *vw, enum view_weights_mode mode)
{
	vw->mode = mode;
	vw->input[0] = '\0';
	vw->input_error[0] = '\0';
	prompt_input(vw);
	return UI_HANDLED | DIRTY_LIST;
}

static unsigned move_key(struct view_weights *vw, struct view *v, enum key_action act)
{
	switch (act) {
	case ACT_DOWN: cursor_move(vw, 1); break;
	case ACT_UP: cursor_move(vw, -1); break;
	case ACT_TOP: cursor_to(vw, 0); break;
	case ACT_BOTTOM: cursor_to(vw, vw->n_rows - 1); break;
	case ACT_PAGE_DOWN: cursor_move(vw, ui_list_page(&v->list)); break;
	case ACT_PAGE_UP: cursor_move(vw, -ui_list_page(&v->list)); break;
	default: return 0;
	}
	return UI_HANDLED | DIRTY_LIST;
}

static unsigned normal_key(struct view_weights *vw, struct view *v, struct ui *ui,
                           enum key_action act, int ch)
{
	struct app_weights *aw = &vw->aw;
	enum score_knob k = view_weights_selected_knob(vw);
	unsigned d = move_key(vw, v, act);
	if (d != 0)
		return d;
	switch (act) {
	case ACT_INCREASE: app_weights_step_knob(aw, k, 1); return edited(vw);
	case ACT_DECREASE: app_weights_step_knob(aw, k, -1); return edited(vw);
	case ACT_INCREASE_MORE: app_weights_step_knob(aw, k, BIG_STEP); return edited(vw);
	case ACT_DECREASE_MORE: app_weights_step_knob(aw, k, -BIG_STEP); return edited(vw);
	case ACT_OPEN:
	case ACT_SET_VALUE: return start_input(vw, VIEW_WEIGHTS_INPUT);
	case ACT_RESET: app_weights_reset(aw, k); return edited(vw);
	case ACT_RESET_ALL: app_weights_reset_all(aw); return edited(vw);
	case ACT_UNDO: app_weights_undo(aw); return edited(vw);
	case ACT_REDO: app_weights_redo(aw); return edited(vw);
	case ACT_SAVE: app_weights_save(aw); return UI_HANDLED | DIRTY_ALL;
	case ACT_PRESET_SAVE: return start_input(vw, VIEW_WEIGHTS_PRESET_NAME);
	case ACT_PRESETS:
		if (aw->edited->n_presets == 0) {
			app_message(aw->app, false, "No presets yet: P saves the weights as one");
			return UI_HANDLED;
		}
		vw->mode = VIEW_WEIGHTS_PRESETS;
		vw->preset_cursor = 0;
		for (size_t i = 0; i < aw->edited->n_presets; i++)
			if (config_preset_is_active(aw->edited, (int)i))
				vw->preset_cursor = i;
		app_message(aw->app, false, "j/k choose a preset, Enter switches to it, Esc closes");
		return show_panel(vw, ui, VIEW_WEIGHTS_PANEL_PRESETS);
	case ACT_SUGGEST:
		if (vw->panel == VIEW_WEIGHTS_PANEL_SUGGEST)
			return close_panel(vw, ui);
		app_weights_suggest(aw);
		return show_panel(vw, ui, VIEW_WEIGHTS_PANEL_SUGGEST);
	case ACT_PREVIEW:
		if (ui->lay.mode != LAYOUT_SINGLE)
			return UI_HANDLED; /* already on screen */
		if (ui->detail_open)
			return close_panel(vw, ui);
		return show_panel(vw, ui, VIEW_WEIGHTS_PANEL_PREVIEW);
	case ACT_FILTER:
		app_message(aw->app, false, "The weights view has no filter");
		return UI_HANDLED;
	case ACT_REFRESH:
		return 0; /* the loop reloads; draw() notices and rebuilds */
	case ACT_CLOSE:
		if (vw->panel != VIEW_WEIGHTS_PANEL_PREVIEW || ui->detail_open)
			return close_panel(vw, ui);
		return ask_leave(vw, VIEW_WEIGHTS_LEAVE_STAY);
	case ACT_QUIT:
		return ask_leave(vw, VIEW_WEIGHTS_LEAVE_QUIT);
	default:
		break;
	}
	if (ch == 'y' && vw->panel == VIEW_WEIGHTS_PANEL_SUGGEST) {
		if (!app_weights_apply_suggestion(aw))
			app_message(aw->app, false, "Nothing to apply: %s", aw->suggestion.why);
		vw->panel = VIEW_WEIGHTS_PANEL_PREVIEW;
		return UI_HANDLED | DIRTY_ALL;
	}
	return 0;
}

static unsigned weights_key(struct view *v, struct ui *ui, enum key_action act, int ch)
{
	struct view_weights *vw = v->priv;
	app_weights_sync(&vw->aw);
	switch (vw->mode) {
	case VIEW_WEIGHTS_INPUT:
	case VIEW_WEIGHTS_PRESET_NAME: return input_key(vw, act, ch);
	case VIEW_WEIGHTS_LEAVE: return leave_key(vw, ui, act, ch);
	case VIEW_WEIGHTS_PRESETS: return presets_key(vw, ui, act, ch);
	case VIEW_WEIGHTS_NORMAL: break;
	}
	return normal_key(vw, v, ui, act, ch);
}

static unsigned weights_mouse(struct view *v, struct ui *ui, int y, int x, unsigned long b)
{
	struct view_weights *vw = v->priv;
	const struct rect *r = &ui->lay.list;
	if (vw->mode != VIEW_WEIGHTS_NORMAL || !rect_contains(r, y, x))
		return 0;
	if (b & BUTTON4_PRESSED)
		cursor_move(vw, -3);
	else if (b & BUTTON5_PRESSED)
		cursor_move(vw, 3);
	else {
		long row = view_weights_draw_row_at(v, y - r->y, vw->n_rows);
		if (row < 0 || vw->rows[row].knob < 0)
			return 0;
		vw->cursor = (size_t)row;
	}
	return UI_HANDLED | DIRTY_LIST;
}

/* A new size: scroll from the top again (the next draw scrolls as
 * little as keeps the cursor in sight). */
static void weights_resize(struct view *v, struct ui *ui)
{
	(void)ui;
	struct view_weights *vw = v->priv;
	v->list.top = 0;
	if (vw != NULL)
		vw->preview_list.top = 0;
}

const struct view_ops view_weights_ops = {
	.name = "Weights",
	.key_scope = KEYS_GLOBAL | KEYS_LIST | KEYS_WEIGHTS,
	.open = weights_open,
	.draw = weights_draw,
	.key = weights_key,
	.mouse = weights_mouse,
	.resize = weights_resize,
	.reload = weights_reload,
	.close = weights_close,
	.leave = weights_leave,
};
