/*
 * view_help.c: the ? overlay. Every line comes from the key table
 * (keys_help_line in keys.c, also behind `worthit keys`), grouped by the
 * scope a key works in, the current view's groups first, so the help can
 * never miss or misname a key.
 * Drawn in a centred box over the current view; the list's move keys
 * (j/k, PgDn/PgUp, g/G) scroll it when it is taller than the screen, any
 * other key closes.
 */
#include "worthit/view.h"

#include <stdio.h>
#include <string.h>

int view_help_lines(void)
{
	return keys_help_lines();
}

void view_help_draw(struct ui *ui)
{
	int rows = ui->lay.rows, cols = ui->lay.cols;
	int n = view_help_lines();
	int h = n + 4 < rows ? n + 4 : rows, w = cols < 64 ? cols : 64;
	int y0 = (rows - h) / 2, x0 = (cols - w) / 2;
	WINDOW *win = newwin(h, w, y0, x0);
	char buf[160];
	bool is_title;

	if (win == NULL)
		return;
	wbkgdset(win, ui->role[ROLE_NORMAL] | ' ');
	werase(win);
	wattrset(win, ui->role[ROLE_BORDER]);
	if (ui->is_utf8)
		box(win, 0, 0);
	else
		wborder(win, '|', '|', '-', '-', '+', '+', '+', '+');
	int body = h - 4;
	if (ui->help_top > n - body)
		ui->help_top = n - body > 0 ? n - body : 0;
	ui_put(win, 0, 2, w - 4, ui->role[ROLE_TITLE], " Keys ");
	for (int i = 0; i < body; i++)
		if (keys_help_line_for(ui->help_top + i, ui->views[ui->current].ops->key_scope, buf,
		                       sizeof buf, &is_title))
			ui_put(win, 2 + i, 2, w - 4, ui->role[is_title ? ROLE_TITLE : ROLE_NORMAL], buf);
	ui_put(win, h - 1, 2, w - 4, ui->role[ROLE_MUTED],
	       n > body ? " j/k PgDn/PgUp scroll, any other key closes " : " any key closes ");
	wnoutrefresh(win);
	delwin(win);
}
