/*
 * view_weights.h: what the Weights view's two files share (UI only: it
 * pulls in curses through view.h). view_weights.c owns the view's
 * lifetime, its modes and keys; view_weights_draw.c draws the knob list
 * (list pane) and the preview, suggestion or preset panel (detail
 * pane). The state behind both is app_weights.h's.
 */
#ifndef WORTHIT_VIEW_WEIGHTS_H
#define WORTHIT_VIEW_WEIGHTS_H

#include "worthit/app_weights.h"
#include "worthit/view.h"

/* What the view is doing; every mode but NORMAL and SUGGEST captures the
 * keys until it ends. */
enum view_weights_mode {
	VIEW_WEIGHTS_NORMAL,      /* moving and editing knobs */
	VIEW_WEIGHTS_INPUT,       /* typing a value for the selected knob */
	VIEW_WEIGHTS_PRESET_NAME, /* typing a name to save the weights as a preset */
	VIEW_WEIGHTS_PRESETS,     /* choosing a preset in the panel */
	VIEW_WEIGHTS_LEAVE,       /* unsaved changes: save, discard or cancel? */
};

/* The detail pane's content. */
enum view_weights_panel {
	VIEW_WEIGHTS_PANEL_PREVIEW,
	VIEW_WEIGHTS_PANEL_SUGGEST,
	VIEW_WEIGHTS_PANEL_PRESETS,
};

/* One row of the knob list: a group heading (knob < 0) or a knob. */
struct view_weights_row {
	int knob;            /* enum score_knob, or -1 for a heading */
	const char *heading; /* for headings */
};

#define VIEW_WEIGHTS_ROWS_MAX (KNOB_COUNT + 3)
#define VIEW_WEIGHTS_INPUT_MAX 64

struct view_weights {
	struct app_weights aw;
	struct view_weights_row rows[VIEW_WEIGHTS_ROWS_MAX];
	size_t n_rows;
	size_t cursor;             /* index into rows; always a knob row */
	enum view_weights_mode mode;
	enum view_weights_panel panel;
	char input[VIEW_WEIGHTS_INPUT_MAX]; /* text typed in VIEW_WEIGHTS_INPUT or
	                                       VIEW_WEIGHTS_PRESET_NAME, UTF-8 */
	char input_error[APP_MESSAGE_MAX];     /* why the last Enter was refused, or "" */
	size_t preset_cursor;      /* VIEW_WEIGHTS_PRESETS: index into presets */
	size_t leave_to;           /* VIEW_WEIGHTS_LEAVE: the view asked for, or: */
#define VIEW_WEIGHTS_LEAVE_QUIT ((size_t)UI_VIEW_COUNT)     /* q */
#define VIEW_WEIGHTS_LEAVE_STAY ((size_t)UI_VIEW_COUNT + 1) /* Esc */
	struct ui_list preview_list; /* scroll state of the preview rows */
	struct ui_list preset_list;  /* and of the preset panel */
};

/* The knob of the row under the cursor. */
enum score_knob view_weights_selected_knob(const struct view_weights *vw);

/* view_weights_draw.c: the list pane (knobs) and the detail pane
 * (preview, suggestion or presets), each only when its window exists. */
void view_weights_draw_knobs(struct view_weights *vw, struct view *v, struct ui *ui, WINDOW *w);
void view_weights_draw_panel(struct view_weights *vw, struct ui *ui, WINDOW *w);
/* The list row under line y of the knob pane (y0 as drawn), or -1. */
long view_weights_draw_row_at(const struct view *v, int y, size_t n_rows);

#endif
