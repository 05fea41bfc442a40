/*
 * keys.h: every key of the dashboard in one table (calcurse's keys.c is
 * the model): the action, the views it works in, its default keys and
 * the label the help overlay shows. The UI turns a curses key code into
 * a key name (ui_key_name) and asks keys_lookup() for the action, so
 * help, status-line hints and dispatch can never disagree.
 *
 * Key names: a printable character stands for itself ("a", "?", "/"),
 * "^L" for control keys, and Up Down Left Right Home End PgUp PgDn Enter
 * Esc Tab BTab (shift-Tab) Space Backspace for the rest.
 */
#ifndef WORTHIT_KEYS_H
#define WORTHIT_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum key_action {
	ACT_NONE,
	ACT_DOWN,
	ACT_UP,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_OPEN,        /* show the detail (narrow screens) */
	ACT_DETAIL_DOWN, /* scroll the detail pane one line */
	ACT_DETAIL_UP,
	ACT_DETAIL_PAGE_DOWN, /* half a pane */
	ACT_DETAIL_PAGE_UP,
	ACT_CLOSE,       /* back from the detail, close overlays, clear filter */
	ACT_ACCEPT,
	ACT_DECLINE,
	ACT_MAYBE,
	ACT_UNDO,
	ACT_REDO,
	ACT_FILTER,
	ACT_SORT,
	ACT_TOGGLE_ALL,  /* show decided and past invitations too */
	ACT_NEXT_VIEW,
	ACT_PREV_VIEW,
	ACT_VIEW_1,
	ACT_VIEW_2,
	ACT_VIEW_3,
	ACT_THEME,       /* next theme */
	ACT_REFRESH,     /* reload from the database and redraw everything */
	ACT_HELP,
	ACT_QUIT,
	/* the weights view */
	ACT_INCREASE, ACT_DECREASE, ACT_INCREASE_MORE, ACT_DECREASE_MORE, ACT_SET_VALUE,
	ACT_RESET, ACT_RESET_ALL, ACT_SAVE, ACT_PRESETS, ACT_PRESET_SAVE, ACT_SUGGEST, ACT_PREVIEW,
	/* the history view (outcome and skipped also on past invitations) */
	ACT_OUTCOME, ACT_SKIPPED, ACT_ATTRIBUTION, ACT_CREDIT_MODEL, ACT_EXPAND, ACT_COLLAPSE,
	ACT_AGGREGATE, ACT_DISMISS,
	ACT_REPLY,       /* write the RSVP reply of the decided invitation */
	ACT_EDIT,        /* the edit form of the invitation's facts */
	ACT_SERIES,      /* expand a series into its occurrences, or fold it */
	/* the plan view */
	ACT_VIEW_4, ACT_PREV_MONTH, ACT_NEXT_MONTH,
	ACT_ACCEPT_PLAN, /* accept the month's proposed set */
	ACT_COUNT
};

/* Where a binding works: bit masks, a view passes its own. */
enum key_scope {
	KEYS_GLOBAL = 1u << 0,   /* every view */
	KEYS_LIST = 1u << 1,     /* any view showing a list */
	KEYS_INVITES = 1u << 2,  /* the invitations view */
	KEYS_HISTORY = 1u << 3,  /* the history view */
	KEYS_WEIGHTS = 1u << 4,  /* the weights view */
	KEYS_PLAN = 1u << 5,     /* the plan view */
};

struct key_binding {
	enum key_action action;
	unsigned scope;     /* enum key_scope bits */
	const char *name;   /* stable action name: "accept" */
	const char *keys;   /* default keys, space-separated key names */
	const char *label;  /* what the help overlay says */
};

/* The table; *n receives its length. Borrowed, static. */
const struct key_binding *keys_table(size_t *n);

/*
 * The action bound to key name `key` for a view whose scope bits are
 * `scope`: bindings of the view's own scopes win over global ones.
 * ACT_NONE when nothing matches.
 */
enum key_action keys_lookup(const char *key, unsigned scope);

/* The binding of an action (first in the table); NULL for ACT_NONE. */
const struct key_binding *keys_binding(enum key_action a);
/* The first binding of an action that works in one of the scope bits
 * (the view's own before KEYS_GLOBAL); NULL when none does. */
const struct key_binding *keys_binding_in(enum key_action a, unsigned scope);

/* The first default key of an action ("a"), for hints. Borrowed, static
 * storage overwritten by the next call. */
const char *keys_first(enum key_action a);

/*
 * Line i (from 0) of the key list that the help overlay and `worthit
 * keys` print: group titles ("In lists", "Invitations", ...,
 * "Everywhere") each followed by its bindings as "  j, Down         move
 * down". *is_title tells which kind of line it is; false past the end.
 */
bool keys_help_line(int i, char *buf, size_t len, bool *is_title);
/* The same lines with the groups of the scope bits `first` (a view's
 * key_scope) moved to the top, for the ? overlay of that view; 0 keeps
 * the table order. */
bool keys_help_line_for(int i, unsigned first, char *buf, size_t len, bool *is_title);
/* How many lines keys_help_line() has. */
int keys_help_lines(void);

#endif
