/*
 * layout.c: pane rectangles from the terminal size (see layout.h).
 * Pure core: no I/O, no curses. The header and the status line always
 * take one row each; the body between them is split by width first
 * (side by side from LAYOUT_WIDE_COLS), then by height (stacked from
 * LAYOUT_STACK_ROWS), else one pane at a time.
 */
#include "worthit/layout.h"

#include <string.h>

static struct rect rect_make(int y, int x, int h, int w)
{
	struct rect r = { y, x, h, w };
	return r;
}

bool rect_contains(const struct rect *r, int y, int x)
{
	return r->h > 0 && r->w > 0 && y >= r->y && y < r->y + r->h && x >= r->x &&
	       x < r->x + r->w;
}

static void layout_side_by_side(int cols, int body_y, int body_h, struct layout *out)
{
	/* the list gets 60 %: its rows hold more columns than the detail */
	int list_w = cols * 3 / 5;

	out->mode = LAYOUT_SIDE_BY_SIDE;
	out->list = rect_make(body_y, 0, body_h, list_w);
	out->separator = rect_make(body_y, list_w, body_h, 1);
	out->detail = rect_make(body_y, list_w + 1, body_h, cols - list_w - 1);
}

static void layout_stacked(int cols, int body_y, int body_h, struct layout *out)
{
	int list_h = body_h * 2 / 5;

	out->mode = LAYOUT_STACKED;
	out->list = rect_make(body_y, 0, list_h, cols);
	out->separator = rect_make(body_y + list_h, 0, 1, cols);
	out->detail = rect_make(body_y + list_h + 1, 0, body_h - list_h - 1, cols);
}

void layout_compute(int cols, int rows, bool detail_open, struct layout *out)
{
	memset(out, 0, sizeof *out);
	cols = cols < 0 ? 0 : cols;
	rows = rows < 0 ? 0 : rows;
	out->cols = cols;
	out->rows = rows;
	if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS) {
		out->mode = LAYOUT_TOO_SMALL;
		out->is_too_small = true;
		return;
	}
	out->header = rect_make(0, 0, 1, cols);
	out->status = rect_make(rows - 1, 0, 1, cols);

	int body_y = 1, body_h = rows - 2;
	if (cols >= LAYOUT_WIDE_COLS)
		layout_side_by_side(cols, body_y, body_h, out);
	else if (rows >= LAYOUT_STACK_ROWS)
		layout_stacked(cols, body_y, body_h, out);
	else {
		out->mode = LAYOUT_SINGLE;
		if (detail_open)
			out->detail = rect_make(body_y, 0, body_h, cols);
		else
			out->list = rect_make(body_y, 0, body_h, cols);
	}
}
