/*
 * layout.h: the dashboard's pane rectangles as a pure function of the
 * terminal size, so every size (including absurd ones) is unit-tested
 * and the UI only ever draws inside rectangles computed here.
 *
 * Invariants of a computed layout: every non-empty rectangle lies inside
 * the screen, no two overlap, and header + body + status cover every
 * row. An empty rectangle (h == 0 or w == 0) is not drawn.
 */
#ifndef WORTHIT_LAYOUT_H
#define WORTHIT_LAYOUT_H

#include <stdbool.h>

/* Smallest screen that can show a header, two list rows and a status
 * line; anything smaller shows the "too small" screen. */
#define LAYOUT_MIN_COLS 28
#define LAYOUT_MIN_ROWS 6
/* From this width on the detail sits beside the list. */
#define LAYOUT_WIDE_COLS 100
/* Narrow terminals stack list and detail from this height on; below it
 * the detail is a full-body pane shown on Enter. */
#define LAYOUT_STACK_ROWS 24

struct rect {
	int y, x; /* top-left cell, 0-based */
	int h, w; /* rows and columns, >= 0; 0 = not shown */
};

enum layout_mode {
	LAYOUT_TOO_SMALL,    /* nothing but the "too small" message */
	LAYOUT_SIDE_BY_SIDE, /* list left, separator column, detail right */
	LAYOUT_STACKED,      /* list on top, separator row, detail below */
	LAYOUT_SINGLE        /* list or (detail_open) detail fills the body */
};

struct layout {
	enum layout_mode mode;
	bool is_too_small; /* same as mode == LAYOUT_TOO_SMALL */
	int cols, rows;    /* the screen size it was computed for (>= 0) */
	struct rect header; /* tabs, counts, budget gauge: top row */
	struct rect list;   /* the ranked list */
	struct rect detail; /* the selected invitation */
	struct rect separator; /* line between list and detail, or empty */
	struct rect status; /* keys and messages: bottom row */
};

/* Compute the panes for a cols x rows screen. detail_open matters only
 * in LAYOUT_SINGLE: it shows the detail instead of the list. Negative
 * sizes count as 0. */
void layout_compute(int cols, int rows, bool detail_open, struct layout *out);

/* True when (y, x) lies inside r. */
bool rect_contains(const struct rect *r, int y, int x);

#endif
