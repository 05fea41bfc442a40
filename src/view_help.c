/*
 * view_help.c: the ? overlay. Every line comes from the key table
 * (keys.c), grouped by the scope a key works in, so the help can never
 * miss or misname a key. Drawn in a centred box over the current view;
 * j/k scroll it when it is taller than the screen, any other key closes.
 */
#include "worthit/view.h"

#include <stdio.h>
#include <string.h>

static const struct {
	unsigned scope;
	const char *title;
} groups[] = {
	{ KEYS_LIST, "In lists" },
	{ KEYS_INVITES, "Invitations" },
	{ KEYS_HISTORY, "History" },
	{ KEYS_WEIGHTS, "Weights" },
	{ KEYS_GLOBAL, "Everywhere" },
};

#define N_GROUPS (sizeof groups / sizeof groups[0])

/* Line i of the help text into buf; *is_title for group titles; false
 * past the end. */
static bool help_line(int i, char *buf, size_t len, bool *is_title)
{
	size_t n;
	const struct key_binding *t = keys_table(&n);
	int line = 0;
	for (size_t g = 0; g < N_GROUPS; g++) {
		size_t count = 0;
		for (size_t k = 0; k < n; k++)
			count += (t[k].scope & groups[g].scope) != 0;
		if (count == 0)
			continue;
		if (line++ == i) {
			snprintf(buf, len, "%s", groups[g].title);
			*is_title = true;
			return true;
		}
		for (size_t k = 0; k < n; k++) {
			if ((t[k].scope & groups[g].scope) == 0 || line++ != i)
				continue;
			char keys[64];
			snprintf(keys, sizeof keys, "%s", t[k].keys);
			for (char *c = keys; *c != '\0'; c++)
				if (*c == ' ')
					*c = ',';
			snprintf(buf, len, "  %-16s %s", keys, t[k].label);
			*is_title = false;
			return true;
		}
	}
	return false;
}

int view_help_lines(void)
{
	char buf[160];
	bool t;
	int n = 0;
	while (help_line(n, buf, sizeof buf, &t))
		n++;
	return n;
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
		if (help_line(ui->help_top + i, buf, sizeof buf, &is_title))
			ui_put(win, 2 + i, 2, w - 4, ui->role[is_title ? ROLE_TITLE : ROLE_NORMAL], buf);
	ui_put(win, h - 1, 2, w - 4, ui->role[ROLE_MUTED],
	       n > body ? " j/k scroll, any other key closes " : " any key closes ");
	wnoutrefresh(win);
	delwin(win);
}
