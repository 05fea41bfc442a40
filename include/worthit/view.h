/*
 * view.h: the dashboard's views and the state they share (struct ui).
 * Only UI files (UI_SRCS) include this header: it pulls in curses.
 *
 * A view is one tab (Invitations, History, Weights, Plan) behind struct
 * view_ops, as in tig's include/tig/view.h. The loop in ui_loop.c owns
 * the terminal, the layout and the redraw: a view's key handler changes
 * state and returns dirty bits; its draw function draws the dirty panes
 * into the windows of the current layout with wnoutrefresh() only; the
 * loop calls doupdate() once per batch of input.
 */
#ifndef WORTHIT_VIEW_H
#define WORTHIT_VIEW_H

#include <curses.h>
#include <stdio.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/app_invites.h"
#include "worthit/datefmt.h"
#include "worthit/keys.h"
#include "worthit/layout.h"
#include "worthit/theme.h"

/* What needs redrawing: returned by handlers, accumulated by the loop. */
enum ui_dirty {
	DIRTY_HEADER = 1u << 0,
	DIRTY_LIST = 1u << 1,
	DIRTY_DETAIL = 1u << 2,
	DIRTY_STATUS = 1u << 3,
	DIRTY_LAYOUT = 1u << 4, /* recompute the layout and windows */
	DIRTY_PANES = DIRTY_LIST | DIRTY_DETAIL,
	DIRTY_ALL = DIRTY_HEADER | DIRTY_LIST | DIRTY_DETAIL | DIRTY_STATUS,
	UI_HANDLED = 1u << 8,   /* the key was consumed (maybe with no redraw) */
};

struct ui;
struct view;
struct outcome_form;
struct fact_form;

struct view_ops {
	/* Tab label in the header ("Invitations"). */
	const char *name;
	/* enum key_scope bits this view answers to, for keys_lookup(). */
	unsigned key_scope;
	/* The view becomes current (first time, and on every switch back):
	 * load what it shows. Returns dirty bits. */
	unsigned (*open)(struct view *v, struct ui *ui);
	/* Draw the panes named in dirty (DIRTY_LIST, DIRTY_DETAIL) into
	 * ui->w_list / ui->w_detail, either of which may be NULL in the
	 * current layout; wnoutrefresh() only, never doupdate(). */
	void (*draw)(struct view *v, struct ui *ui, unsigned dirty);
	/* An action from the key table (act) for the raw key ch; returns
	 * dirty bits with UI_HANDLED, or 0 to let the loop handle it. */
	unsigned (*key)(struct view *v, struct ui *ui, enum key_action act, int ch);
	/* A mouse event at screen cell (y, x); bstate is curses' mmask_t.
	 * Returns dirty bits (0 = ignored). May be NULL. */
	unsigned (*mouse)(struct view *v, struct ui *ui, int y, int x, unsigned long bstate);
	/* The layout changed (resize, detail opened): fix scroll offsets.
	 * May be NULL. */
	void (*resize)(struct view *v, struct ui *ui);
	/* Another process changed the database: reload, keeping the
	 * selection. Returns dirty bits. May be NULL. */
	unsigned (*reload)(struct view *v, struct ui *ui);
	/* Leaving the dashboard: free what open() took. May be NULL. */
	void (*close)(struct view *v, struct ui *ui);
	/* A switch to view `to` (key or mouse) is asked for: 0 lets it
	 * happen; else the view stays (say, to ask about unsaved edits) and
	 * this returns its dirty bits. May be NULL. */
	unsigned (*leave)(struct view *v, struct ui *ui, size_t to);
	/* The view's own / filter, typed in the status line: its text and
	 * the rows it leaves (*n_shown). NULL for both: the invitations'
	 * filter in struct app. */
	const char *(*filter_text)(struct view *v, size_t *n_shown);
	/* Replace the filter text; returns dirty bits. */
	unsigned (*set_filter)(struct view *v, struct ui *ui, const char *text);
};

/* The list widget shared by every list pane (ui_list.c). */
struct ui_list {
	size_t top;  /* first row shown, kept so the cursor stays visible */
	int height;  /* rows available for data at the last draw */
};

struct view {
	const struct view_ops *ops;
	struct ui_list list; /* its list pane's scroll state */
	bool is_open;        /* open() has run */
	void *priv;          /* the view's own state, owned by the view */
};

enum { UI_VIEW_INVITES, UI_VIEW_HISTORY, UI_VIEW_WEIGHTS, UI_VIEW_PLAN, UI_VIEW_COUNT };

#define UI_THEMES_MAX 32

struct ui {
	struct app_ctx *ctx;        /* borrowed */
	struct app *app;            /* borrowed */
	struct layout lay;          /* current pane rectangles */
	WINDOW *w_header, *w_list, *w_separator, *w_detail, *w_status; /* NULL when
	                               the pane is not shown */
	struct theme theme;
	attr_t role[ROLE_COUNT];    /* curses attributes per role */
	bool is_utf8;               /* draw Unicode bars and lines */
	bool has_color;             /* colours in use (not NO_COLOR, terminal can) */
	size_t current;             /* index into views */
	struct view views[UI_VIEW_COUNT];
	bool detail_open;           /* narrow layout: detail shown instead of
	                               list, and the keys scroll it */
	int detail_top;             /* first detail line shown, >= 0 */
	int detail_lines;           /* lines the detail had at its last draw */
	int64_t detail_id;          /* invitation it showed: another one
	                               starts at the top again */
	int tab_x[UI_VIEW_COUNT], tab_w[UI_VIEW_COUNT]; /* header tab cells as
	                               last drawn, for mouse clicks */
	bool help_open;             /* the ? overlay */
	int help_top;               /* first help line shown */
	bool is_filtering;          /* typing a / filter in the status line */
	bool is_key_code;           /* the key being handled is a curses key
	                               code (KEY_*), not a character: for
	                               views that read text (ui_input sets it) */
	struct outcome_form *form;  /* the outcome form over the panes, owned;
	                               NULL when closed (view_history_form.c) */
	struct fact_form *fact_form; /* the edit form (e) over the panes, owned;
	                               NULL when closed (view_edit.c) */
	bool quit;
	/* theme files found, for the t key; theme_names[theme_index] is on */
	char theme_names[UI_THEMES_MAX][64];
	int n_themes, theme_index;
};

/* The views, in tab order (ui_loop.c). */
extern const struct view_ops view_invites_ops;
extern const struct view_ops view_history_ops;
extern const struct view_ops view_weights_ops;
extern const struct view_ops view_plan_ops;

/* ---- ui.c: terminal, theme, drawing helpers ----------------------- */

/* Load theme `name` (file search: see ui.c) into ui->theme and the
 * curses pairs; on failure the built-in theme is used and *why says
 * why. Returns the status. */
enum wit_status ui_theme_load(struct ui *ui, const char *name, char **why);
/* Put UTF-8 text at (y, x) clipped/padded to width columns with attr. */
void ui_put(WINDOW *w, int y, int x, int width, attr_t attr, const char *text);
/* One line of a form (the outcome form, the edit form): the label in
 * label_w columns at x, then the end of text (so the cursor stays in
 * sight) in input_w columns with a cursor when is_current, in the error
 * colour when has_error. */
void ui_form_field(struct ui *ui, WINDOW *win, int y, int x, int label_w, int input_w,
                   const char *label, const char *text, bool is_current, bool has_error);
/* A typed character as UTF-8 into buf (MB_LEN_MAX + 1 bytes); false
 * when it cannot be encoded. */
bool ui_form_utf8(wint_t ch, char *buf);
/* A horizontal bar of width cells filled to frac (0..1): partial
 * blocks under UTF-8, '#' and '.' otherwise. */
void ui_bar(struct ui *ui, WINDOW *w, int y, int x, int width, double frac, attr_t fill,
            attr_t empty);
/* The key name for keys_lookup() of a wget_wch() result ("j", "Down",
 * "^L"); "" for keys without a name. */
const char *ui_key_name(int is_key_code, wint_t ch, char *buf, size_t len);

/* ---- ui.c: the terminal ---------------------------------------------- */

/* 0 when stdin/stdout are a terminal that can address the cursor; else
 * a message on ctx->err pointing at the CLI and EX_CONFIG. */
int ui_term_check(struct app_ctx *ctx);
/* Signal handlers, then curses on in/out (NULL: the process's terminal):
 * cbreak, noecho, keypad, mouse, colours unless NO_COLOR; sets
 * ui->is_utf8 and ui->has_color. 0 or a sysexits code. */
int ui_term_start(struct ui *ui, FILE *out, FILE *in);
/* Curses off, handlers back: the terminal as it was. Idempotent. */
void ui_term_stop(void);
/* The SIGINT/SIGTERM/SIGHUP/SIGQUIT/SIGTSTP that arrived since the last
 * call, or 0. */
int ui_term_pending_signal(void);
/* Act on a pending signal: suspend and resume for SIGTSTP (adding
 * DIRTY_LAYOUT to *dirty); true when the dashboard must end. */
bool ui_term_handle_signal(int sig, unsigned *dirty);

/* ---- ui_loop.c ------------------------------------------------------ */

/* One key or event from wget_wch(): returns dirty bits. */
unsigned ui_input(struct ui *ui, int is_key, wint_t ch);
/* Make view `to` current (opening it): dirty bits; 0 when it already is. */
unsigned ui_switch(struct ui *ui, size_t to);
/* Redraw what dirty names and doupdate() once. */
void ui_redraw(struct ui *ui, unsigned dirty);
/* Until q or a terminating signal: 0, or 128 + signal. */
int ui_loop(struct ui *ui);
void ui_windows_free(struct ui *ui);

/* ---- ui_list.c ---------------------------------------------------- */

/* Draw one row: row index, selected or not, into w at (y, 0..width). */
typedef void (*ui_list_row_fn)(struct ui *ui, WINDOW *w, int y, int width, size_t row,
                               bool is_selected, void *arg);

/* Draw rows [top, top + h) of n into w from line y0, scrolling so the
 * cursor is visible; blank lines past the end; a scroll mark in the last
 * column when there is more above or below. */
void ui_list_draw(struct ui_list *l, struct ui *ui, WINDOW *w, int y0, size_t n,
                  size_t cursor, ui_list_row_fn fn, void *arg);
/* The row under line y of the window (y0 as drawn), or -1. */
long ui_list_row_at(const struct ui_list *l, int y0, int y, size_t n);
/* Rows a page moves: the height of the last draw, at least 1. */
long ui_list_page(const struct ui_list *l);
/* When an event happens, in the one date style of every list
 * (datefmt.h) at the local offset of its start, the year shown when it
 * is not now's. Returns buf. */
char *ui_list_when(const struct ui *ui, int64_t starts_at, int64_t ends_at, bool all_day,
                   enum datefmt_style style, char *buf, size_t len);

/* ---- view_detail.c, view_help.c ------------------------------------ */

/* The selected invitation in w (whole window), from line
 * ui->detail_top (clamped so the last line can reach the bottom, and
 * reset to 0 for another invitation); sets ui->detail_lines. */
void view_detail_draw(struct ui *ui, WINDOW *w);
/* Scroll the detail by delta lines (clamped at the last draw's
 * length). Returns DIRTY_DETAIL when it moved, else 0. */
unsigned view_detail_scroll(struct ui *ui, int delta);
/* The help overlay over the whole screen. */
void view_help_draw(struct ui *ui);
/* Lines the help overlay has (for scrolling). */
int view_help_lines(void);

#endif
