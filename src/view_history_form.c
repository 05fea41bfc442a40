/*
 * view_history_form.c: the outcome form over the History tab (see
 * view_history.h): a bordered box, one line per field with its label,
 * its text (the field being edited shows a cursor) and, when the field
 * was refused, the reason beside or below it. A fresh window is made for
 * each draw and deleted after, so resizing never leaves one behind.
 */
#include "worthit/view_history.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define LABEL_W 24

void view_history_form_draw(struct ui *ui, const struct outcome_form *f)
{
	int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
	int h = OF_COUNT + 6, w = cols - 4 < 76 ? cols - 4 : 76;
	if (h > rows - 2 || w < 40)
		return; /* the loop shows its "too small" screen long before */
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
	int input_w = w - 2 - LABEL_W - 2;
	const char *first_error = NULL;
	for (int fl = 0; fl < OF_COUNT; fl++) {
		int y = 2 + fl;
		bool is_current = fl == f->field;
		ui_put(win, y, 2, LABEL_W, ui->role[is_current ? ROLE_TITLE : ROLE_NORMAL],
		       app_outcome_label((enum outcome_field)fl));
		char shown[OUTCOME_TEXT_MAX + 8];
		const char *t = f->text[fl];
		size_t n = strlen(t);
		/* the end of a long text, so the cursor stays in sight */
		size_t from = n > (size_t)input_w - 2 ? n - ((size_t)input_w - 2) : 0;
		while (from > 0 && ((unsigned char)t[from] & 0xC0) == 0x80)
			from++;
		snprintf(shown, sizeof shown, "%s%s", t + from, is_current ? "_" : "");
		attr_t a = ui->role[f->error[fl][0] ? ROLE_ERROR : is_current ? ROLE_SELECTED
		                                                               : ROLE_MUTED];
		ui_put(win, y, 2 + LABEL_W, input_w, a, shown);
		if (f->error[fl][0] && (first_error == NULL || is_current))
			first_error = f->error[fl];
	}
	if (first_error != NULL)
		ui_put(win, h - 3, 2, w - 4, ui->role[ROLE_ERROR], first_error);
	ui_put(win, h - 2, 2, w - 4, ui->role[ROLE_MUTED],
	       "Enter save  Tab/Down next  Up previous  ^U clear  Esc cancel");
	wnoutrefresh(win);
	delwin(win);
}

static void type_char(struct outcome_form *f, int ch)
{
	char buf[MB_LEN_MAX + 1];
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	size_t n = wcrtomb(buf, (wchar_t)ch, &ps);
	if (n == (size_t)-1)
		return;
	buf[n] = '\0';
	app_outcome_type(f, buf);
}

enum form_result view_history_form_key(struct ui *ui, struct outcome_form *f, int ch)
{
	char *why = NULL;
	switch (ch) {
	case 27: return FORM_CANCEL;
	case '\t': case KEY_DOWN: app_outcome_move(f, ui->ctx, 1); return FORM_EDITING;
	case KEY_BTAB: case KEY_UP: app_outcome_move(f, ui->ctx, -1); return FORM_EDITING;
	case KEY_BACKSPACE: case 127: case 8: app_outcome_backspace(f); return FORM_EDITING;
	case 21: f->text[f->field][0] = '\0'; return FORM_EDITING; /* ^U */
	case '\n': case '\r': case KEY_ENTER:
		if (app_outcome_save(f, ui->ctx, &why) == WIT_OK) {
			free(why);
			return FORM_SAVED;
		}
		app_message(ui->app, true, "%s", why ? why : "not saved");
		free(why);
		return FORM_EDITING;
	default:
		/* printable characters; curses key codes sit in [KEY_MIN, KEY_MAX] */
		if (ch >= 32 && ch != 127 && (ch < KEY_MIN || ch > KEY_MAX))
			type_char(f, ch);
		return FORM_EDITING;
	}
}
