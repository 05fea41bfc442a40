/*
 * view_edit.c: the edit form on screen (view_edit.h): a bordered box,
 * one line per fact with its label and text (the outcome form's field
 * widget, ui_form_field), and under them the score of the invitation as
 * the form stands with its breakdown, recomputed by app_fact_form.c on
 * every key, so a changed travel time or room size shows its effect at
 * once. A box too short for everything scrolls the fields and keeps as
 * much of the breakdown as fits. A fresh window per draw, as the
 * outcome form does.
 */
#include "worthit/app_fact_form.h"
#include "worthit/text.h"
#include "worthit/view_edit.h"
#include "worthit/xmalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EDIT_LABEL_W 32
#define EDIT_KEYS "Enter save  Tab/Down next  Up previous  ^U clear  Esc cancel"

static void draw_fields(struct ui *ui, WINDOW *win, const struct fact_form *f, int w, int rows)
{
	int top = f->field - rows + 1 > 0 ? f->field - rows + 1 : 0;
	for (int i = 0; i < rows && top + i < FACT_COUNT; i++) {
		int fl = top + i;
		ui_form_field(ui, win, 1 + i, 2, EDIT_LABEL_W, w - 4 - EDIT_LABEL_W,
		              app_fact_form_label((enum invite_fact)fl), f->text[fl], fl == f->field,
		              f->error[fl][0] != '\0');
	}
}

static void draw_score(struct ui *ui, WINDOW *win, const struct fact_form *f, int y, int w,
                       int rows)
{
	const struct score_result *r = &f->score;
	char line[640], why[512], label[40];
	snprintf(line, sizeof line, "Score %.1f (%s)%s, was %.1f", r->total,
	         score_verdict_name(r->verdict), r->has_conflict ? ", conflict" : "",
	         f->stored_total);
	ui_put(win, y, 2, w - 4, ui->role[ROLE_TITLE], line);
	for (int c = 0; c < SC_COUNT && c + 1 < rows; c++) {
		score_explain(r, &f->work, &f->sctx, ui->ctx->cfg, (enum score_component)c, why,
		              sizeof why);
		text_fit(score_component_label((enum score_component)c), 16, label, sizeof label);
		snprintf(line, sizeof line, "%s %5.1f  %s", label, r->part[c].contribution, why);
		ui_put(win, y + 1 + c, 4, w - 6, ui->role[ROLE_NORMAL], line);
	}
}

void view_edit_draw(struct ui *ui)
{
	const struct fact_form *f = ui->fact_form;
	int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
	int w = cols - 4 < 110 ? cols - 4 : 110;
	int h = FACT_COUNT + SC_COUNT + 6; /* borders, a blank line, the error and the keys */
	if (h > rows - 2)
		h = rows - 2;
	if (h < 8 || w < 50)
		return; /* the status line still says what the keys do */
	WINDOW *win = newwin(h, w, (rows - h) / 2, (cols - w) / 2);
	if (win == NULL)
		return;
	wbkgdset(win, ' ' | ui->role[ROLE_NORMAL]);
	werase(win);
	wattrset(win, ui->role[ROLE_BORDER]);
	box(win, 0, 0);
	char title[200];
	snprintf(title, sizeof title, " Edit: %s ", f->title);
	ui_put(win, 0, 2, w - 4, ui->role[ROLE_TITLE], title);
	int inner = h - 4; /* between the top border and the error line */
	int score_rows = inner - 8 < SC_COUNT + 1 ? (inner - 8 > 1 ? inner - 8 : 1) : SC_COUNT + 1;
	int field_rows = inner - score_rows - 1;
	draw_fields(ui, win, f, w, field_rows);
	draw_score(ui, win, f, 2 + field_rows, w, score_rows);
	const char *error = f->error[f->field][0] ? f->error[f->field] : NULL;
	for (int fl = 0; error == NULL && fl < FACT_COUNT; fl++)
		if (f->error[fl][0])
			error = f->error[fl];
	if (error != NULL)
		ui_put(win, h - 3, 2, w - 4, ui->role[ROLE_ERROR], error);
	ui_put(win, h - 2, 2, w - 4, ui->role[ROLE_MUTED], EDIT_KEYS);
	wnoutrefresh(win);
	delwin(win);
}

void view_edit_close(struct ui *ui)
{
	if (ui->fact_form != NULL)
		app_fact_form_done(ui->fact_form);
	free(ui->fact_form);
	ui->fact_form = NULL;
}

unsigned view_edit_open(struct ui *ui, int64_t id)
{
	char *why = NULL;
	if (id == 0)
		return DIRTY_STATUS;
	struct fact_form *f = xmalloc(sizeof *f);
	if (app_fact_form_open(f, ui->ctx, id, &why) != WIT_OK) {
		app_message(ui->app, true, "%s", why ? why : "cannot open the invitation");
		free(why);
		app_fact_form_done(f);
		free(f);
		return DIRTY_STATUS;
	}
	view_edit_close(ui);
	ui->fact_form = f;
	app_message(ui->app, false, "Edit the facts: the score follows; Enter saves, Esc cancels");
	return DIRTY_ALL;
}

/* Enter: save, reload, say what happened. */
static unsigned save(struct ui *ui)
{
	struct fact_form *f = ui->fact_form;
	char *why = NULL;
	enum wit_status st = app_fact_form_save(f, ui->ctx, &why);
	if (st != WIT_OK && st != WIT_NOTFOUND) {
		app_message(ui->app, true, "Not saved: %s", why ? why : "?");
		free(why);
		return DIRTY_ALL;
	}
	free(why);
	char title[sizeof f->title];
	snprintf(title, sizeof title, "%s", f->title);
	double total = f->score.total;
	view_edit_close(ui);
	if (st == WIT_NOTFOUND) {
		app_message(ui->app, false, "Nothing changed");
		return DIRTY_ALL;
	}
	char *lwhy = NULL;
	if (app_load(ui->app, &lwhy) != WIT_OK)
		app_message(ui->app, true, "Reload failed: %s", lwhy ? lwhy : "?");
	free(lwhy);
	struct view *v = &ui->views[ui->current];
	unsigned d = v->ops->open(v, ui) | DIRTY_ALL;
	app_message(ui->app, false, "Saved the facts of \"%s\": score %.1f; u undoes", title, total);
	return d;
}

unsigned view_edit_input(struct ui *ui, int is_key, wint_t ch)
{
	struct fact_form *f = ui->fact_form;
	struct app_ctx *ctx = ui->ctx;
	char buf[MB_LEN_MAX + 1];
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: app_fact_form_move(f, 1); break;
		case KEY_BTAB: case KEY_UP: app_fact_form_move(f, -1); break;
		case KEY_BACKSPACE: app_fact_form_backspace(f, ctx); break;
		case KEY_ENTER: return save(ui);
		default: break;
		}
		return DIRTY_ALL;
	}
	switch (ch) {
	case 27:
		view_edit_close(ui);
		app_message(ui->app, false, "Edit cancelled: nothing written");
		return DIRTY_ALL;
	case '\t': app_fact_form_move(f, 1); break;
	case 127: case 8: app_fact_form_backspace(f, ctx); break;
	case 21: app_fact_form_clear(f, ctx); break; /* ^U */
	case '\n': case '\r': return save(ui);
	default:
		if (ch >= 32 && ui_form_utf8(ch, buf))
			app_fact_form_type(f, ctx, buf);
		break;
	}
	return DIRTY_ALL;
}
