/*
 * keys.c: the dashboard's key table (see keys.h). Pure core. Views of
 * later issues add their rows here with their own scope bit; the help
 * overlay lists every row in table order, grouped by scope.
 */
#include "worthit/keys.h"

#include <stdio.h>
#include <string.h>

static const struct key_binding key_table[] = {
	{ ACT_DOWN, KEYS_LIST, "down", "j Down", "move down" },
	{ ACT_UP, KEYS_LIST, "up", "k Up", "move up" },
	{ ACT_TOP, KEYS_LIST, "top", "g Home", "first row" },
	{ ACT_BOTTOM, KEYS_LIST, "bottom", "G End", "last row" },
	{ ACT_PAGE_DOWN, KEYS_LIST, "page-down", "PgDn ^F Space", "page down" },
	{ ACT_PAGE_UP, KEYS_LIST, "page-up", "PgUp ^B", "page up" },
	{ ACT_OPEN, KEYS_LIST, "open", "Enter", "detail on narrow screens; j/k scroll it" },
	{ ACT_FILTER, KEYS_LIST, "filter", "/", "filter: title, organizer, location, kind" },
	{ ACT_CLOSE, KEYS_GLOBAL, "close", "Esc", "clear the filter, close the detail or help" },
	{ ACT_ACCEPT, KEYS_INVITES, "accept", "a", "accept the invitation" },
	{ ACT_DECLINE, KEYS_INVITES, "decline", "d", "decline the invitation" },
	{ ACT_MAYBE, KEYS_INVITES, "maybe", "m", "mark it maybe" },
	{ ACT_REPLY, KEYS_INVITES, "reply", "r", "mail the RSVP reply (f: to a file)" },
	{ ACT_EDIT, KEYS_INVITES, "edit", "e", "edit its facts: travel, ticket, room, audience" },
	{ ACT_SERIES, KEYS_INVITES, "series", "+", "expand or fold a series (Enter expands too)" },
	{ ACT_DETAIL_DOWN, KEYS_INVITES | KEYS_PLAN, "detail-down", "J", "scroll the detail down" },
	{ ACT_DETAIL_UP, KEYS_INVITES | KEYS_PLAN, "detail-up", "K", "scroll the detail up" },
	{ ACT_DETAIL_PAGE_DOWN, KEYS_INVITES | KEYS_PLAN, "detail-page-down", "^D", "detail half a page down" },
	{ ACT_DETAIL_PAGE_UP, KEYS_INVITES | KEYS_PLAN, "detail-page-up", "^U", "detail half a page up" },
	{ ACT_SORT, KEYS_INVITES, "sort", "s", "sort by score, date, cost" },
	{ ACT_TOGGLE_ALL, KEYS_INVITES, "toggle-all", "f", "show or hide decided and past" },
	{ ACT_UNDO, KEYS_GLOBAL, "undo", "u", "undo the last decision" },
	{ ACT_REDO, KEYS_GLOBAL, "redo", "U", "redo what was undone" },
	{ ACT_NEXT_VIEW, KEYS_GLOBAL, "next-view", "Tab", "next view" },
	{ ACT_PREV_VIEW, KEYS_GLOBAL, "prev-view", "BTab", "previous view" },
	{ ACT_VIEW_1, KEYS_GLOBAL, "view-invitations", "1", "invitations" },
	{ ACT_VIEW_2, KEYS_GLOBAL, "view-history", "2", "history" },
	{ ACT_VIEW_3, KEYS_GLOBAL, "view-weights", "3", "weights" },
	{ ACT_VIEW_4, KEYS_GLOBAL, "view-plan", "4", "the month plan" },
	{ ACT_THEME, KEYS_GLOBAL, "theme", "t", "next colour theme" },
	{ ACT_REFRESH, KEYS_GLOBAL, "refresh", "^L", "reload and redraw" },
	{ ACT_HELP, KEYS_GLOBAL, "help", "?", "this help" },
	{ ACT_QUIT, KEYS_GLOBAL, "quit", "q", "quit" },
	{ ACT_DECREASE, KEYS_WEIGHTS, "decrease", "h Left", "lower the selected knob a step" },
	{ ACT_INCREASE, KEYS_WEIGHTS, "increase", "l Right", "raise it a step" },
	{ ACT_DECREASE_MORE, KEYS_WEIGHTS, "decrease-more", "H", "lower it ten steps" },
	{ ACT_INCREASE_MORE, KEYS_WEIGHTS, "increase-more", "L", "raise it ten steps" },
	{ ACT_SET_VALUE, KEYS_WEIGHTS, "set-value", "= Enter", "type its value" },
	{ ACT_RESET, KEYS_WEIGHTS, "reset", "r", "reset it to its default" },
	{ ACT_RESET_ALL, KEYS_WEIGHTS, "reset-all", "R", "reset every knob to its default" },
	{ ACT_UNDO, KEYS_WEIGHTS, "undo-weights", "u", "undo the last weight edit" },
	{ ACT_REDO, KEYS_WEIGHTS, "redo-weights", "U", "redo the weight edit undone" },
	{ ACT_SAVE, KEYS_WEIGHTS, "save", "w", "save the weights to the config" },
	{ ACT_PRESETS, KEYS_WEIGHTS, "presets", "p", "switch to a named preset" },
	{ ACT_PRESET_SAVE, KEYS_WEIGHTS, "save-preset", "P", "save the weights as a preset" },
	{ ACT_SUGGEST, KEYS_WEIGHTS, "suggest", "s", "suggest weights from outcomes (y applies)" },
	{ ACT_PREVIEW, KEYS_WEIGHTS, "preview", "v", "show the preview (small screens)" },
	{ ACT_OUTCOME, KEYS_INVITES | KEYS_HISTORY, "outcome", "o",
	  "log or edit what a past event brought" },
	{ ACT_SKIPPED, KEYS_INVITES | KEYS_HISTORY, "skipped", "x",
	  "did not go: mark a past event skipped" },
	{ ACT_DISMISS, KEYS_HISTORY, "dismiss", "n", "nothing came of it: settle a follow-up" },
	{ ACT_SORT, KEYS_HISTORY, "sort-history", "s", "sort: date, revenue, rate, hours, score" },
	{ ACT_AGGREGATE, KEYS_HISTORY, "aggregates", "b",
	  "aggregates by kind, organizer, month, score" },
	{ ACT_ATTRIBUTION, KEYS_HISTORY, "attribution", "v", "attribution tree, or back to events" },
	{ ACT_CREDIT_MODEL, KEYS_HISTORY, "credit-model", "c",
	  "credit: first touch, last touch, linear" },
	{ ACT_EXPAND, KEYS_HISTORY, "expand", "l Right", "open a contact in the tree; Enter too" },
	{ ACT_COLLAPSE, KEYS_HISTORY, "collapse", "h Left", "fold it, or go to who introduced them" },
	{ ACT_PREV_MONTH, KEYS_PLAN, "previous-month", "[ Left", "the month before" },
	{ ACT_NEXT_MONTH, KEYS_PLAN, "next-month", "] Right", "the month after" },
	{ ACT_ACCEPT_PLAN, KEYS_PLAN, "accept-plan", "A", "accept the proposed set (u undoes each)" },
};

#define KEY_TABLE_LEN (sizeof key_table / sizeof key_table[0])

const struct key_binding *keys_table(size_t *n)
{
	*n = KEY_TABLE_LEN;
	return key_table;
}

/* True when the space-separated list holds the key name exactly. */
static int keys_has(const char *list, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = list; *p != '\0';) {
		size_t w = strcspn(p, " ");
		if (w == n && memcmp(p, key, n) == 0)
			return 1;
		p += w;
		while (*p == ' ')
			p++;
	}
	return 0;
}

static enum key_action keys_scan(const char *key, unsigned scope)
{
	for (size_t i = 0; i < KEY_TABLE_LEN; i++)
		if ((key_table[i].scope & scope) != 0 && keys_has(key_table[i].keys, key))
			return key_table[i].action;
	return ACT_NONE;
}

enum key_action keys_lookup(const char *key, unsigned scope)
{
	if (key == NULL || key[0] == '\0')
		return ACT_NONE;
	enum key_action a = keys_scan(key, scope & ~(unsigned)KEYS_GLOBAL);
	return a != ACT_NONE ? a : keys_scan(key, KEYS_GLOBAL);
}

const struct key_binding *keys_binding(enum key_action a)
{
	for (size_t i = 0; i < KEY_TABLE_LEN; i++)
		if (key_table[i].action == a)
			return &key_table[i];
	return NULL;
}

const struct key_binding *keys_binding_in(enum key_action a, unsigned scope)
{
	const struct key_binding *global = NULL;
	for (size_t i = 0; i < KEY_TABLE_LEN; i++) {
		if (key_table[i].action != a || (key_table[i].scope & scope) == 0)
			continue;
		if ((key_table[i].scope & scope & ~(unsigned)KEYS_GLOBAL) != 0)
			return &key_table[i];
		if (global == NULL)
			global = &key_table[i];
	}
	return global;
}

const char *keys_first(enum key_action a)
{
	static char buf[16];
	const struct key_binding *b = keys_binding(a);
	if (b == NULL)
		return "";
	size_t w = strcspn(b->keys, " ");
	if (w >= sizeof buf)
		w = sizeof buf - 1;
	memcpy(buf, b->keys, w);
	buf[w] = '\0';
	return buf;
}

/* The help's groups, in order: a binding is listed under each group its
 * scope names. */
static const struct {
	unsigned scope;
	const char *title;
} groups[] = {
	{ KEYS_LIST, "In lists" },
	{ KEYS_INVITES, "Invitations" },
	{ KEYS_HISTORY, "History" },
	{ KEYS_WEIGHTS, "Weights" },
	{ KEYS_PLAN, "Plan" },
	{ KEYS_GLOBAL, "Everywhere" },
};

#define N_GROUPS (sizeof groups / sizeof groups[0])

/* Group g of the help order for a view whose scope bits are first:
 * the groups of its own scopes, then the others, each in table order. */
static size_t group_at(size_t g, unsigned first)
{
	unsigned own = first & ~(unsigned)KEYS_GLOBAL;
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t j = 0; j < N_GROUPS; j++) {
			bool is_own = (groups[j].scope & own) != 0;
			if (is_own == (pass == 0) && k++ == g)
				return j;
		}
	return g;
}

bool keys_help_line(int i, char *buf, size_t len, bool *is_title)
{
	return keys_help_line_for(i, 0, buf, len, is_title);
}

bool keys_help_line_for(int i, unsigned first, char *buf, size_t len, bool *is_title)
{
	int line = 0;
	for (size_t order = 0; order < N_GROUPS; order++) {
		size_t g = group_at(order, first);
		size_t count = 0;
		for (size_t k = 0; k < KEY_TABLE_LEN; k++)
			count += (key_table[k].scope & groups[g].scope) != 0;
		if (count == 0)
			continue;
		if (line++ == i) {
			snprintf(buf, len, "%s", groups[g].title);
			*is_title = true;
			return true;
		}
		for (size_t k = 0; k < KEY_TABLE_LEN; k++) {
			if ((key_table[k].scope & groups[g].scope) == 0 || line++ != i)
				continue;
			char keys[64];
			size_t o = 0;
			for (const char *c = key_table[k].keys; *c != '\0' && o + 3 < sizeof keys; c++) {
				if (*c == ' ') {
					keys[o++] = ',';
				}
				keys[o++] = *c;
			}
			keys[o] = '\0';
			snprintf(buf, len, "  %-16s %s", keys, key_table[k].label);
			*is_title = false;
			return true;
		}
	}
	return false;
}

int keys_help_lines(void)
{
	char buf[160];
	bool t;
	int n = 0;
	while (keys_help_line(n, buf, sizeof buf, &t))
		n++;
	return n;
}
