/*
 * ui_list.c: the one list widget every list pane uses (tmux's
 * mode-tree.c, calcurse's listbox.c): scrolling that keeps the cursor
 * visible, blank rows past the end, a scroll mark when rows are hidden
 * above or below, and mapping a mouse row back to a list row. Rows are
 * drawn by the caller's function: the widget knows nothing about what
 * the list holds. It also writes the date column every list shares
 * (ui_list_when: datefmt.c at the local offset), so the Invitations,
 * History and preview lists speak one date style.
 */
#include "worthit/clock.h"
#include "worthit/view.h"

static void ui_list_scroll(struct ui_list *l, size_t n, size_t cursor, int h)
{
	if (h <= 0 || n == 0) {
		l->top = 0;
		return;
	}
	if (cursor < l->top)
		l->top = cursor;
	else if (cursor >= l->top + (size_t)h)
		l->top = cursor - (size_t)h + 1;
	/* no empty space below the last row when rows remain above */
	if (l->top + (size_t)h > n)
		l->top = n > (size_t)h ? n - (size_t)h : 0;
}

void ui_list_draw(struct ui_list *l, struct ui *ui, WINDOW *w, int y0, size_t n,
                  size_t cursor, ui_list_row_fn fn, void *arg)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	int h = rows - y0;
	l->height = h > 0 ? h : 0;
	ui_list_scroll(l, n, cursor, h);
	for (int y = 0; y < h; y++) {
		size_t row = l->top + (size_t)y;
		wmove(w, y0 + y, 0);
		wattrset(w, ui->role[ROLE_NORMAL]);
		wclrtoeol(w);
		if (row < n)
			fn(ui, w, y0 + y, cols, row, row == cursor, arg);
	}
	if (h > 0 && l->top > 0)
		mvwaddstr(w, y0, cols - 1, ui->is_utf8 ? "▲" : "^");
	if (h > 0 && l->top + (size_t)h < n)
		mvwaddstr(w, y0 + h - 1, cols - 1, ui->is_utf8 ? "▼" : "v");
	wattrset(w, A_NORMAL);
}

long ui_list_row_at(const struct ui_list *l, int y0, int y, size_t n)
{
	if (y < y0 || y - y0 >= l->height)
		return -1;
	size_t row = l->top + (size_t)(y - y0);
	return row < n ? (long)row : -1;
}

long ui_list_page(const struct ui_list *l)
{
	return l->height > 1 ? l->height - 1 : 1;
}

char *ui_list_when(const struct ui *ui, int64_t starts_at, int64_t ends_at, bool all_day,
                   enum datefmt_style style, char *buf, size_t len)
{
	struct datefmt_event ev = { starts_at, ends_at, all_day, clock_local_offset(starts_at) };
	int64_t now = ui->ctx->now;
	return datefmt_when(&ev, style, datefmt_year(now, clock_local_offset(now)), ui->is_utf8,
	                    buf, len);
}
