/*
 * view_history_form.c: the outcome form on screen (see view_history.h),
 * over whichever view opened it (History, or Invitations on a past
 * event): a bordered box, one line per field with its label, its text
 * (the field being edited shows a cursor) and the reason a field was
 * refused; the optional new contact under its own heading. A box
 * shorter than the form scrolls to keep the field being edited in
 * sight. A fresh window is made for each draw and deleted after, so
 * resizing never leaves one behind. The form's state and rules are
 * app_outcome.c's; this file draws it, feeds it keys and, after a save,
 * a skip or a dismissed follow-up, reloads what the dashboard shows.
 */
#include "worthit/db_journal.h"
#include "worthit/db_review.h"
#include "worthit/view_history.h"
#include "worthit/xmalloc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define LABEL_W 24
#define CONTENT_LINES (OF_COUNT + 2) /* fields, a blank line, the contact heading */

/* The content line of field fl (the contact fields sit under a heading). */
static int line_of(int fl)
{
	return fl < OF_FIRST_CONTACT ? fl : fl + 2;
}

static void draw_field(struct ui *ui, WINDOW *win, int y, int input_w,
                       const struct outcome_form *f, int fl)
{
	ui_form_field(ui, win, y, 2, LABEL_W, input_w, app_outcome_label((enum outcome_field)fl),
	              f->text[fl], fl == f->field, f->error[fl][0] != '\0');
}

void view_history_form_draw(struct ui *ui, const struct outcome_form *f)
{
	int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
	int w = cols - 4 < 76 ? cols - 4 : 76;
	int h = CONTENT_LINES + 5; /* borders, a blank line, the error and the keys */
	if (h > rows - 2)
		h = rows - 2;
	if (h < 6 || w < 40)
		return; /* the status line still says what the keys do */
	WINDOW *win = newwin(h, w, (rows - h) / 2, (cols - w) / 2);
	if (win == NULL)
		return;
	wbkgdset(win, ' ' | ui->role[ROLE_NORMAL]);
	werase(win);
	wattrset(win, ui->role[ROLE_BORDER]);
	box(win, 0, 0);
	char title[200];
	snprintf(title, sizeof title, " %s: %s ", f->is_edit ? "Edit outcome" : "Log outcome",
	         f->title);
	ui_put(win, 0, 2, w - 4, ui->role[ROLE_TITLE], title);
	int input_w = w - 2 - LABEL_W - 2, visible = h - 5;
	int top = line_of(f->field) - visible + 1 > 0 ? line_of(f->field) - visible + 1 : 0;
	const char *first_error = NULL;
	for (int fl = 0; fl < OF_COUNT; fl++) {
		int y = 2 + line_of(fl) - top;
		if (y >= 2 && y < 2 + visible)
			draw_field(ui, win, y, input_w, f, fl);
		if (f->error[fl][0] && (first_error == NULL || fl == f->field))
			first_error = f->error[fl];
	}
	int heading = 2 + line_of(OF_FIRST_CONTACT) - 1 - top;
	if (heading >= 2 && heading < 2 + visible)
		ui_put(win, heading, 2, w - 4, ui->role[ROLE_TITLE],
		       "New contact met here (optional: leave the name empty for none)");
	if (first_error != NULL)
		ui_put(win, h - 3, 2, w - 4, ui->role[ROLE_ERROR], first_error);
	ui_put(win, h - 2, 2, w - 4, ui->role[ROLE_MUTED],
	       "Enter save  Tab/Down next  Up previous  ^U clear  Esc cancel");
	wnoutrefresh(win);
	delwin(win);
}

static void type_char(struct outcome_form *f, wint_t ch)
{
	char buf[MB_LEN_MAX + 1];
	if (ui_form_utf8(ch, buf))
		app_outcome_type(f, buf);
}

static enum form_result save(struct ui *ui, struct outcome_form *f)
{
	char *why = NULL;
	if (app_outcome_save(f, ui->ctx, &why) == WIT_OK) {
		free(why);
		return FORM_SAVED;
	}
	app_message(ui->app, true, "%s", why ? why : "not saved");
	free(why);
	return FORM_EDITING;
}

enum form_result view_history_form_key(struct ui *ui, struct outcome_form *f, int is_key,
                                       wint_t ch)
{
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: app_outcome_move(f, ui->ctx, 1); break;
		case KEY_BTAB: case KEY_UP: app_outcome_move(f, ui->ctx, -1); break;
		case KEY_BACKSPACE: app_outcome_backspace(f); break;
		case KEY_ENTER: return save(ui, f);
		default: break;
		}
		return FORM_EDITING;
	}
	switch (ch) {
	case 27: return FORM_CANCEL;
	case '\t': app_outcome_move(f, ui->ctx, 1); return FORM_EDITING;
	case 127: case 8: app_outcome_backspace(f); return FORM_EDITING;
	case 21: f->text[f->field][0] = '\0'; return FORM_EDITING; /* ^U */
	case '\n': case '\r': return save(ui, f);
	default:
		if (ch >= 32)
			type_char(f, ch);
		return FORM_EDITING;
	}
}

/* After a write: the invitations, the header counts and the current
 * view (History reloads in its open()). */
static unsigned reload_all(struct ui *ui)
{
	char *why = NULL;
	if (app_load(ui->app, &why) != WIT_OK)
		app_message(ui->app, true, "Reload failed: %s", why ? why : "?");
	free(why);
	struct view *v = &ui->views[ui->current];
	return v->ops->open(v, ui) | DIRTY_ALL;
}

unsigned view_history_form_open(struct ui *ui, int64_t id)
{
	char *why = NULL;
	if (id == 0)
		return DIRTY_STATUS;
	struct outcome_form *f = xmalloc(sizeof *f);
	if (app_outcome_open(f, ui->ctx, id, &why) != WIT_OK) {
		app_message(ui->app, true, "%s", why ? why : "cannot open the outcome");
		free(why);
		free(f);
		return DIRTY_STATUS;
	}
	view_history_form_close(ui);
	ui->form = f;
	app_message(ui->app, false, "Enter saves, Tab/Down next field, Up previous, Esc cancels");
	return DIRTY_ALL;
}

unsigned view_history_form_skip(struct ui *ui, int64_t id)
{
	char *why = NULL;
	if (id == 0)
		return DIRTY_STATUS;
	if (db_journal_skip(ui->ctx->db, id, ui->ctx->now, &why) != WIT_OK) {
		app_message(ui->app, true, "%s", why ? why : "cannot mark it skipped");
		free(why);
		return DIRTY_STATUS;
	}
	unsigned d = reload_all(ui);
	app_message(ui->app, false, "#%lld marked skipped (did not go); u undoes", (long long)id);
	return d;
}

unsigned view_history_form_dismiss(struct ui *ui, int64_t id)
{
	char *why = NULL;
	if (id == 0)
		return DIRTY_STATUS;
	if (db_review_dismiss(ui->ctx->db, id, ui->ctx->now, &why) != WIT_OK) {
		app_message(ui->app, true, "%s", why ? why : "cannot settle the follow-up");
		free(why);
		return DIRTY_STATUS;
	}
	unsigned d = reload_all(ui);
	app_message(ui->app, false, "#%lld: nothing came of it, follow-up settled", (long long)id);
	return d;
}

void view_history_form_close(struct ui *ui)
{
	free(ui->form);
	ui->form = NULL;
}

unsigned view_history_form_input(struct ui *ui, int is_key, wint_t ch)
{
	struct outcome_form *f = ui->form;
	enum form_result r = view_history_form_key(ui, f, is_key, ch);
	if (r == FORM_EDITING) {
		if (ui->app->message[0] == '\0') /* the keys, while no error says more */
			app_message(ui->app, false, "Enter saves, Tab/Down next field, Up previous, "
			            "Esc cancels");
		return DIRTY_ALL;
	}
	if (r == FORM_CANCEL) {
		view_history_form_close(ui);
		app_message(ui->app, false, "Outcome not saved");
		return DIRTY_ALL;
	}
	char title[sizeof f->title], added[200] = "";
	bool is_edit = f->is_edit;
	snprintf(title, sizeof title, "%s", f->title);
	if (f->new_contact_id != 0)
		snprintf(added, sizeof added, ", contact #%lld %.120s added", (long long)f->new_contact_id,
		         f->text[OF_NAME]);
	view_history_form_close(ui);
	unsigned d = reload_all(ui);
	app_message(ui->app, false, "Outcome %s for \"%s\"%s; u undoes the outcome",
	            is_edit ? "updated" : "logged", title, added);
	return d;
}
