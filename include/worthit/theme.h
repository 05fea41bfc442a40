/*
 * theme.h: colour themes as data. A theme file is JSON naming, for each
 * role of the screen (header, selected row, "go" verdict, ...), a
 * foreground, a background and attributes. This module parses the text
 * and maps colours onto what a terminal can show; it never opens a file
 * (ui.c finds and reads theme files) and never touches curses.
 *
 * File format (themes/default.json is the reference):
 *   { "name": "default", "description": "...",
 *     "roles": { "header": { "fg": "white", "bg": "blue",
 *                            "attrs": ["bold"] }, ... } }
 * Colours: "default" (the terminal's own), black red green yellow blue
 * magenta cyan white, "bright-" + one of those (8..15), or an xterm-256
 * index 0..255. Attributes: bold dim underline reverse italic standout,
 * as an array or one space-separated string. A role the file leaves out
 * keeps the built-in default style; an unknown role, colour or attribute
 * is an error ("PATH:LINE:COLUMN: what is wrong").
 */
#ifndef WORTHIT_THEME_H
#define WORTHIT_THEME_H

#include <stddef.h>

#include "worthit/status.h"

enum theme_role {
	ROLE_NORMAL,     /* everything not named below */
	ROLE_HEADER,     /* the top row */
	ROLE_TAB,        /* an inactive view tab */
	ROLE_TAB_ACTIVE, /* the current view's tab */
	ROLE_SELECTED,   /* the selected list row */
	ROLE_GO,         /* verdict go */
	ROLE_MAYBE,      /* verdict maybe */
	ROLE_SKIP,       /* verdict skip */
	ROLE_BAR,        /* filled part of score bars */
	ROLE_BAR_EMPTY,  /* empty part of score bars */
	ROLE_GAUGE,      /* budget gauge inside the band */
	ROLE_GAUGE_OVER, /* budget gauge above the band */
	ROLE_MUTED,      /* secondary text: dates, decided rows, hints */
	ROLE_TITLE,      /* headings in the detail pane */
	ROLE_BORDER,     /* separators between panes */
	ROLE_STATUS,     /* the status line */
	ROLE_MESSAGE,    /* a message in the status line */
	ROLE_ERROR,      /* an error message */
	ROLE_COUNT
};

#define THEME_COLOR_DEFAULT (-1) /* the terminal's own colour */

enum theme_attr {
	THEME_BOLD = 1u << 0,
	THEME_DIM = 1u << 1,
	THEME_UNDERLINE = 1u << 2,
	THEME_REVERSE = 1u << 3,
	THEME_ITALIC = 1u << 4,
	THEME_STANDOUT = 1u << 5,
};

struct theme_style {
	int fg;         /* THEME_COLOR_DEFAULT or 0..255 */
	int bg;         /* THEME_COLOR_DEFAULT or 0..255 */
	unsigned attrs; /* enum theme_attr bits */
};

struct theme {
	char name[64];
	struct theme_style role[ROLE_COUNT];
};

/* The built-in dark theme: what a missing or broken file falls back to. */
void theme_defaults(struct theme *t);

/*
 * Parse theme JSON (len bytes) over the built-in defaults. path names
 * the file in messages. On error *why is "PATH:LINE:COLUMN: what is
 * wrong", the status WIT_CONFIG and *t holds the built-in defaults.
 */
enum wit_status theme_parse(const char *text, size_t len, const char *path, struct theme *t,
                            char **why);

/* Lower-case role name ("selected"); -1 from the lookup when unknown. */
const char *theme_role_name(enum theme_role r);
int theme_role_from_name(const char *name);

/*
 * The nearest colour a terminal with ncolors colours can show: the
 * colour itself when it fits, else bright colours lose their brightness
 * and the xterm-256 cube and grey ramp map onto the 8 basic colours.
 * THEME_COLOR_DEFAULT stays; ncolors < 8 gives THEME_COLOR_DEFAULT.
 */
int theme_color_fallback(int color, int ncolors);

/* Attributes that stand in for colour on a terminal without colours
 * (or under NO_COLOR), so selection, tabs and verdicts stay visible:
 * the role's attrs from the mono theme. */
unsigned theme_mono_attrs(enum theme_role r);

/* True when a theme name is safe as a file name (letters, digits, - _). */
int theme_name_is_valid(const char *name);

#endif
