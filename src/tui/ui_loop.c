/*
 * ui_loop.c: the dashboard's lifetime and event loop. Input -> action
 * -> state change -> dirty bits -> one redraw ending in one doupdate().
 * wget_wch blocks with a computed timeout (the next database poll), so
 * an idle dashboard uses no CPU. Signal handlers only set flags (or, for
 * crashes, restore the terminal with async-signal-safe calls and die);
 * the loop acts on the flags. Every way out restores the terminal.
 *
 * Not here: what a view shows (view_*.c), drawing primitives and themes
 * (ui.c), state and commands (app_invites.c).
 */
#include "worthit/clock.h"
#include "worthit/sync.h"
#include "worthit/config_file.h"
#include "worthit/ui.h"
#include "worthit/view_edit.h"
#include "worthit/view.h"
#include "worthit/view_history.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <time.h>
#include <wchar.h>

#define POLL_MS 1000 /* PRAGMA data_version check interval */

static const struct view_ops *const view_table[UI_VIEW_COUNT] = {
	&view_invites_ops,
	&view_history_ops,
	&view_weights_ops,
	&view_plan_ops,
};

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct view *ui_view(struct ui *ui)
{
	return &ui->views[ui->current];
}

/* ---- layout and windows ---------------------------------------------- */

static void win_drop(WINDOW **w)
{
	if (*w != NULL)
		delwin(*w);
	*w = NULL;
}

static WINDOW *win_for(struct ui *ui, const struct rect *r)
{
	if (r->h <= 0 || r->w <= 0)
		return NULL;
	WINDOW *w = newwin(r->h, r->w, r->y, r->x);
	if (w != NULL)
		wbkgdset(w, ui->role[ROLE_NORMAL] | ' ');
	return w;
}

void ui_windows_free(struct ui *ui)
{
	win_drop(&ui->w_header);
	win_drop(&ui->w_list);
	win_drop(&ui->w_separator);
	win_drop(&ui->w_detail);
	win_drop(&ui->w_status);
}

static void ui_relayout(struct ui *ui)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	layout_compute(cols, rows, ui->detail_open, &ui->lay);
	if (ui->lay.mode != LAYOUT_SINGLE)
		ui->detail_open = false;
	ui_windows_free(ui);
	ui->w_header = win_for(ui, &ui->lay.header);
	ui->w_list = win_for(ui, &ui->lay.list);
	ui->w_separator = win_for(ui, &ui->lay.separator);
	ui->w_detail = win_for(ui, &ui->lay.detail);
	ui->w_status = win_for(ui, &ui->lay.status);
	wbkgdset(stdscr, ui->role[ROLE_NORMAL] | ' ');
	werase(stdscr);
	wnoutrefresh(stdscr);
	if (ui_view(ui)->ops->resize != NULL)
		ui_view(ui)->ops->resize(ui_view(ui), ui);
}

/* ---- header, separator, status line ---------------------------------- */

static void draw_gauge(struct ui *ui, WINDOW *w, int x, int width)
{
	const struct app *app = ui->app;
	const struct wit_config *cfg = ui->ctx->cfg;
	char buf[96], month[16];
	double lo = cfg->budget_min_hours, hi = cfg->budget_max_hours;
	bool is_over = app->month_hours > hi;
	clock_format_local(ui->ctx->now, "%b", month, sizeof month);
	snprintf(buf, sizeof buf, "%s %.1f h of %.0f-%.0f ", month, app->month_hours, lo, hi);
	int tw = (int)strlen(buf), bar = width - tw;
	ui_put(w, 0, x, tw, ui->role[ROLE_HEADER], buf);
	if (bar < 6)
		return;
	bar = bar > 16 ? 16 : bar;
	double scale = hi * 1.25 > app->month_hours ? hi * 1.25 : app->month_hours;
	ui_bar(ui, w, 0, x + tw, bar, scale > 0 ? app->month_hours / scale : 0,
	       ui->role[is_over ? ROLE_GAUGE_OVER : ROLE_GAUGE], ui->role[ROLE_HEADER]);
	/* the band's upper edge, so "how much room is left" reads at a glance */
	int edge = scale > 0 ? (int)(hi / scale * bar) : bar;
	if (edge > 0 && edge < bar && !is_over && app->month_hours < hi)
		ui_put(w, 0, x + tw + edge, 1, ui->role[ROLE_HEADER], "|");
}

static void draw_header(struct ui *ui)
{
	WINDOW *w = ui->w_header;
	int width = getmaxx(w), x = 0;
	char buf[96];
	wattrset(w, ui->role[ROLE_HEADER]);
	mvwhline(w, 0, 0, ' ', width);
	for (size_t i = 0; i < UI_VIEW_COUNT; i++) {
		if (width >= 70)
			snprintf(buf, sizeof buf, " %zu %s ", i + 1, view_table[i]->name);
		else
			snprintf(buf, sizeof buf, " %zu%.3s ", i + 1, view_table[i]->name);
		int n = (int)strlen(buf);
		ui_put(w, 0, x, n, ui->role[i == ui->current ? ROLE_TAB_ACTIVE : ROLE_TAB], buf);
		ui->tab_x[i] = x;
		ui->tab_w[i] = n < width - x ? n : width - x;
		x += n + 1;
	}
	snprintf(buf, sizeof buf, "%lld pending  %lld%s to review ", (long long)ui->app->n_pending,
	         (long long)ui->app->n_to_review,
	         ui->app->n_to_review >= REVIEW_COUNT_CAP ? "+" : "");
	int n = (int)strlen(buf), room = width - x;
	if (room >= n + 30) {
		ui_put(w, 0, x + 1, n, ui->role[ROLE_HEADER], buf);
		draw_gauge(ui, w, x + 1 + n, width - x - 1 - n);
	} else if (room >= n) {
		ui_put(w, 0, width - n, n, ui->role[ROLE_HEADER], buf);
	}
	wnoutrefresh(w);
}

static void draw_separator(struct ui *ui)
{
	WINDOW *w = ui->w_separator;
	if (w == NULL)
		return;
	wattrset(w, ui->role[ROLE_BORDER]);
	if (ui->lay.mode == LAYOUT_SIDE_BY_SIDE)
		mvwvline(w, 0, 0, ui->is_utf8 ? ACS_VLINE : '|', getmaxy(w));
	else
		mvwhline(w, 0, 0, ui->is_utf8 ? ACS_HLINE : '-', getmaxx(w));
	wnoutrefresh(w);
}

/* The / filter of the current view: its own, else the invitations'. */
static const char *ui_filter_text(struct ui *ui, size_t *n_shown)
{
	struct view *v = ui_view(ui);
	if (v->ops->filter_text != NULL && v->priv != NULL)
		return v->ops->filter_text(v, n_shown);
	*n_shown = ui->app->n_rows;
	return ui->app->filter;
}

static unsigned ui_set_filter(struct ui *ui, const char *text)
{
	struct view *v = ui_view(ui);
	if (v->ops->set_filter != NULL && v->priv != NULL)
		return v->ops->set_filter(v, ui, text);
	app_set_filter(ui->app, text);
	return DIRTY_PANES | DIRTY_STATUS;
}

static void draw_status(struct ui *ui)
{
	static const struct {
		enum key_action act;
		const char *word;
	} hints[] = {
		{ ACT_ACCEPT, "accept" }, { ACT_DECLINE, "decline" }, { ACT_MAYBE, "maybe" },
		{ ACT_UNDO, "undo" },     { ACT_FILTER, "filter" },   { ACT_SORT, "sort" },
		{ ACT_TOGGLE_ALL, "all" }, { ACT_ATTRIBUTION, "tree" }, { ACT_CREDIT_MODEL, "credit" },
		{ ACT_AGGREGATE, "by" }, { ACT_ACCEPT_PLAN, "accept all" },
		{ ACT_NEXT_MONTH, "month" }, { ACT_NEXT_VIEW, "views" }, { ACT_HELP, "help" }, { ACT_QUIT, "quit" },
	};
	WINDOW *w = ui->w_status;
	const struct app *app = ui->app;
	int width = getmaxx(w);
	char buf[512];
	size_t used = 0, n_shown = 0;
	const char *filter = ui_filter_text(ui, &n_shown);

	wattrset(w, ui->role[ROLE_STATUS]);
	mvwhline(w, 0, 0, ' ', width);
	if (ui->is_filtering) {
		snprintf(buf, sizeof buf, "/%s  (%zu shown; Enter keeps, Esc clears)", filter, n_shown);
		ui_put(w, 0, 0, width, ui->role[ROLE_MESSAGE], buf);
		wnoutrefresh(w);
		return;
	}
	if (app->message[0] != '\0') {
		ui_put(w, 0, 0, width, ui->role[app->message_is_error ? ROLE_ERROR : ROLE_MESSAGE],
		       app->message);
		wnoutrefresh(w);
		return;
	}
	if (filter[0] != '\0')
		used += (size_t)snprintf(buf, sizeof buf, "/%s: %zu shown, Esc clears  ", filter, n_shown);
	for (size_t i = 0; i < sizeof hints / sizeof hints[0] && used < sizeof buf - 40; i++) {
		const struct key_binding *b = keys_binding_in(hints[i].act,
		                                              view_table[ui->current]->key_scope);
		if (b == NULL)
			continue;
		used += (size_t)snprintf(buf + used, sizeof buf - used, "%.*s %s  ",
		                         (int)strcspn(b->keys, " "), b->keys, hints[i].word);
	}
	buf[used] = '\0';
	ui_put(w, 0, 0, width, ui->role[ROLE_STATUS], buf);
	wnoutrefresh(w);
}

static void draw_too_small(struct ui *ui)
{
	int rows = ui->lay.rows, cols = ui->lay.cols;
	char need[48];
	werase(stdscr);
	snprintf(need, sizeof need, "need %dx%d", LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
	const char *msg = "Terminal too small";
	int y = rows / 2 - 1 > 0 ? rows / 2 - 1 : 0;
	ui_put(stdscr, y, (cols - 18) / 2 > 0 ? (cols - 18) / 2 : 0, cols, ui->role[ROLE_NORMAL],
	       msg);
	if (y + 1 < rows)
		ui_put(stdscr, y + 1, (cols - (int)strlen(need)) / 2 > 0
		                          ? (cols - (int)strlen(need)) / 2 : 0,
		       cols, ui->role[ROLE_MUTED], need);
	wnoutrefresh(stdscr);
}

void ui_redraw(struct ui *ui, unsigned dirty)
{
	if (dirty & DIRTY_LAYOUT) {
		ui_relayout(ui);
		dirty |= DIRTY_ALL;
	}
	if (ui->lay.is_too_small) {
		draw_too_small(ui);
		doupdate();
		return;
	}
	if (ui->help_open || ui->form != NULL || ui->fact_form != NULL)
		dirty |= DIRTY_ALL; /* the overlay covers parts of every pane */
	if (dirty & DIRTY_HEADER)
		draw_header(ui);
	if (dirty & DIRTY_PANES) {
		draw_separator(ui);
		ui_view(ui)->ops->draw(ui_view(ui), ui, dirty);
	}
	if (dirty & DIRTY_STATUS)
		draw_status(ui);
	if (ui->form != NULL)
		view_history_form_draw(ui, ui->form);
	if (ui->fact_form != NULL)
		view_edit_draw(ui);
	if (ui->help_open)
		view_help_draw(ui);
	doupdate();
}

/* ---- input ------------------------------------------------------------- */

unsigned ui_switch(struct ui *ui, size_t to)
{
	if (to >= UI_VIEW_COUNT || to == ui->current)
		return 0;
	unsigned stay = ui_view(ui)->ops->leave != NULL
	                ? ui_view(ui)->ops->leave(ui_view(ui), ui, to) : 0;
	if (stay != 0)
		return stay & ~(unsigned)UI_HANDLED;
	ui->current = to;
	ui->detail_open = false;
	struct view *v = ui_view(ui);
	unsigned d = v->ops->open(v, ui);
	v->is_open = true;
	return d | DIRTY_LAYOUT;
}

static unsigned filter_input(struct ui *ui, int is_key, wint_t ch)
{
	char text[APP_FILTER_MAX];
	size_t n_shown;
	snprintf(text, sizeof text, "%s", ui_filter_text(ui, &n_shown));
	size_t n = strlen(text);
	if (!is_key && ch == 27) { /* Esc: clear and leave */
		ui->is_filtering = false;
		ui_set_filter(ui, "");
		return DIRTY_ALL;
	}
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		ui->is_filtering = false;
		return DIRTY_ALL;
	}
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		while (n > 0 && ((unsigned char)text[n - 1] & 0xC0) == 0x80)
			n--; /* continuation bytes of the last UTF-8 character */
		text[n > 0 ? n - 1 : 0] = '\0';
	} else if (!is_key && ch >= 32) {
		char mb[MB_LEN_MAX];
		mbstate_t ps;
		memset(&ps, 0, sizeof ps);
		size_t k = wcrtomb(mb, (wchar_t)ch, &ps);
		if (k == (size_t)-1 || n + k >= sizeof text)
			return 0;
		memcpy(text + n, mb, k);
		text[n + k] = '\0';
	} else {
		return 0;
	}
	return ui_set_filter(ui, text) | DIRTY_PANES | DIRTY_STATUS;
}

/* ^L: sync config "sources" (sync.h; mail through the import hook the
 * CLI registered), its summary line and first problem in the status
 * line. The clock is read now: the dashboard may run for days. */
static void refresh_sources(struct ui *ui)
{
	const struct wit_config *cfg = ui->ctx->cfg;
	if (cfg->n_sources == 0)
		return;
	struct app_ctx sub = *ui->ctx;
	char *err = NULL, *why = NULL;
	size_t n_err = 0;
	sub.err = open_memstream(&err, &n_err);
	if (sub.err == NULL)
		return;
	if (clock_now(&sub.now, &why) != WIT_OK)
		sub.now = ui->ctx->now;
	free(why);
	why = NULL;
	struct sync_opts o = {
		.db = sub.db, .cfg = cfg, .now = sub.now, .err = sub.err,
		.import_mail = sync_import_hook(), .import_arg = &sub,
	};
	struct sync_counts n;
	enum wit_status st = sync_sources(&o, cfg->sources, cfg->n_sources, &n, &why);
	fclose(sub.err);
	err[strcspn(err, "\n")] = '\0';
	const char *first = strncmp(err, "worthit: ", 9) == 0 ? err + 9 : err;
	if (st != WIT_OK) {
		app_message(ui->app, true, "Sync failed: %s", why != NULL ? why : "?");
	} else {
		char *line = sync_summary("sync", &n);
		app_message(ui->app, n.problems > 0, "%s%s%s", line, *first != '\0' ? " | " : "",
		            first);
		free(line);
	}
	sync_counts_done(&n);
	free(why);
	free(err);
}

static unsigned global_action(struct ui *ui, enum key_action act, const char *name)
{
	struct app *app = ui->app;
	char *why = NULL;
	switch (act) {
	case ACT_QUIT: ui->quit = true; return 0;
	case ACT_HELP: ui->help_open = true; ui->help_top = 0; return DIRTY_ALL;
	case ACT_NEXT_VIEW: return ui_switch(ui, (ui->current + 1) % UI_VIEW_COUNT);
	case ACT_PREV_VIEW:
		return ui_switch(ui, (ui->current + UI_VIEW_COUNT - 1) % UI_VIEW_COUNT);
	case ACT_VIEW_1: return ui_switch(ui, 0);
	case ACT_VIEW_2: return ui_switch(ui, 1);
	case ACT_VIEW_3: return ui_switch(ui, 2);
	case ACT_VIEW_4: return ui_switch(ui, 3);
	case ACT_UNDO: app_undo(app); return DIRTY_ALL;
	case ACT_REDO: app_redo(app); return DIRTY_ALL;
	case ACT_FILTER:
		if ((view_table[ui->current]->key_scope & KEYS_LIST) == 0)
			break;
		ui->is_filtering = true;
		return DIRTY_STATUS;
	case ACT_THEME: {
		int next = ui->n_themes > 0 ? (ui->theme_index + 1) % ui->n_themes : 0;
		const char *tn = ui->n_themes > 0 ? ui->theme_names[next] : "default";
		if (ui_theme_load(ui, tn, &why) != WIT_OK)
			app_message(app, true, "%s", why != NULL ? why : "theme failed");
		else
			app_message(app, false, "Theme %s", ui->theme.name);
		free(why);
		return DIRTY_LAYOUT;
	}
	case ACT_REFRESH:
		refresh_sources(ui);
		if (app_load(app, &why) != WIT_OK)
			app_message(app, true, "Reload failed: %s", why != NULL ? why : "?");
		free(why);
		clearok(curscr, TRUE);
		return DIRTY_LAYOUT;
	case ACT_CLOSE: return 0;
	default: break;
	}
	if (name[0] != '\0')
		app_message(app, false, "No key %s here: ? lists the keys", name);
	return DIRTY_STATUS;
}

static unsigned mouse_input(struct ui *ui)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || ui->lay.is_too_small || ui->form != NULL ||
	    ui->fact_form != NULL)
		return 0;
	struct view *v = ui_view(ui);
	if (ui->help_open) {
		ui->help_open = false;
		return DIRTY_ALL;
	}
	if (rect_contains(&ui->lay.header, ev.y, ev.x)) {
		/* a click on a tab switches to its view */
		for (size_t i = 0; i < UI_VIEW_COUNT; i++)
			if (ev.x >= ui->tab_x[i] && ev.x < ui->tab_x[i] + ui->tab_w[i] &&
			    (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
				return ui_switch(ui, i) | DIRTY_ALL;
		return 0;
	}
	if (v->ops->mouse != NULL)
		return v->ops->mouse(v, ui, ev.y, ev.x, (unsigned long)ev.bstate) & ~UI_HANDLED;
	return 0;
}

/* The help overlay is open: moves scroll it (view_help_draw clamps),
 * anything else closes it. */
static unsigned help_input(struct ui *ui, enum key_action a)
{
	int page = ui->lay.rows > 6 ? ui->lay.rows - 6 : 1;
	switch (a) {
	case ACT_DOWN: ui->help_top++; break;
	case ACT_UP: ui->help_top--; break;
	case ACT_PAGE_DOWN: ui->help_top += page; break;
	case ACT_PAGE_UP: ui->help_top -= page; break;
	case ACT_TOP: ui->help_top = 0; break;
	case ACT_BOTTOM: ui->help_top = view_help_lines(); break;
	default: ui->help_open = false; break;
	}
	ui->help_top = ui->help_top < 0 ? 0 : ui->help_top;
	return DIRTY_ALL;
}

unsigned ui_input(struct ui *ui, int is_key, wint_t ch)
{
	char name[32];
	if (is_key && ch == KEY_RESIZE)
		return DIRTY_LAYOUT;
	if (is_key && ch == KEY_MOUSE)
		return mouse_input(ui);
	if (ui->is_filtering)
		return filter_input(ui, is_key, ch);
	ui_key_name(is_key, ch, name, sizeof name);
	ui->is_key_code = is_key;
	if (ui->help_open)
		return help_input(ui, keys_lookup(name, KEYS_LIST));
	struct view *v = ui_view(ui);
	enum key_action act = keys_lookup(name, v->ops->key_scope);
	if (ui->lay.is_too_small)
		return act == ACT_QUIT ? (ui->quit = true, 0u) : 0u;
	if (ui->app->message[0] != '\0') {
		ui->app->message[0] = '\0'; /* a message lasts until the next key */
		ui->app->message_is_error = false;
	}
	if (ui->form != NULL) /* the outcome form takes every key */
		return view_history_form_input(ui, is_key, ch) | DIRTY_STATUS | DIRTY_HEADER;
	if (ui->fact_form != NULL) /* and so does the edit form */
		return view_edit_input(ui, is_key, ch) | DIRTY_STATUS | DIRTY_HEADER;
	unsigned d = v->ops->key(v, ui, act, (int)ch);
	if (d & UI_HANDLED)
		return (d & ~UI_HANDLED) | DIRTY_STATUS | DIRTY_HEADER;
	return global_action(ui, act, name) | DIRTY_STATUS;
}

/* ---- the loop ------------------------------------------------------------ */

int ui_loop(struct ui *ui)
{
	unsigned dirty = DIRTY_LAYOUT;
	int64_t next_poll = monotonic_ms() + POLL_MS;

	while (!ui->quit) {
		int sig = ui_term_pending_signal();
		if (sig != 0 && ui_term_handle_signal(sig, &dirty))
			return 128 + sig;
		if (dirty != 0) {
			ui_redraw(ui, dirty);
			dirty = 0;
		}
		int64_t now = monotonic_ms();
		if (now >= next_poll) {
			struct view *v = ui_view(ui);
			if (v->ops->reload != NULL)
				dirty |= v->ops->reload(v, ui);
			next_poll = now + POLL_MS;
			continue;
		}
		wtimeout(stdscr, (int)(next_poll - now));
		wint_t ch;
		int r = wget_wch(stdscr, &ch);
		if (r == ERR)
			continue; /* timeout or a signal: the checks above run */
		dirty |= ui_input(ui, r == KEY_CODE_YES, ch);
	}
	return 0;
}

/* ---- entry -------------------------------------------------------------- */

/* Load what cli.c leaves to commands: config, database, now. */
static int ui_prepare(struct app_ctx *ctx)
{
	char *why = NULL;
	enum wit_status st = WIT_OK;
	if (ctx->now == 0)
		st = clock_now(&ctx->now, &why);
	if (st == WIT_OK && ctx->cfg == NULL) {
		ctx->cfg = xcalloc(1, sizeof *ctx->cfg);
		st = config_file_load(ctx->config_path, ctx->cfg, &ctx->config_exists, &why);
		if (st == WIT_OK && ctx->weights_override != NULL)
			st = score_settings_apply_overrides(&ctx->cfg->score, ctx->weights_override,
			                                    &why);
	}
	if (st == WIT_OK && ctx->db == NULL)
		st = db_open(ctx->db_path, DB_OPEN_CREATE, &ctx->db, &why);
	if (st == WIT_OK)
		return 0;
	int code = app_ctx_fail(ctx, st, "%s", why != NULL ? why : wit_status_name(st));
	free(why);
	return code;
}

int ui_main(struct app_ctx *ctx)
{
	struct app app;
	struct ui ui;
	char *why = NULL;
	int code = ui_term_check(ctx);
	if (code == 0)
		code = ui_prepare(ctx);
	if (code != 0)
		return code;

	app_init(&app, ctx);
	if (app_load(&app, &why) != WIT_OK) {
		code = app_ctx_fail(ctx, WIT_IOERR, "%s", why != NULL ? why : "loading failed");
		free(why);
		app_done(&app);
		return code;
	}
	memset(&ui, 0, sizeof ui);
	ui.ctx = ctx;
	ui.app = &app;
	for (size_t i = 0; i < UI_VIEW_COUNT; i++)
		ui.views[i].ops = view_table[i];
	if ((code = ui_term_start(&ui, NULL, NULL)) != 0) {
		app_done(&app);
		return code;
	}
	const char *theme = ctx->theme != NULL       ? ctx->theme
	                    : ctx->cfg->theme[0] != '\0' ? ctx->cfg->theme
	                                                 : "default";
	if (ui_theme_load(&ui, theme, &why) != WIT_OK)
		app_message(&app, true, "%s", why != NULL ? why : "theme failed");
	free(why);
	ui.views[0].ops->open(&ui.views[0], &ui);
	ui.views[0].is_open = true;
	code = ui_loop(&ui);
	view_history_form_close(&ui);
	view_edit_close(&ui);
	for (size_t i = 0; i < UI_VIEW_COUNT; i++)
		if (ui.views[i].is_open && ui.views[i].ops->close != NULL)
			ui.views[i].ops->close(&ui.views[i], &ui);
	ui_windows_free(&ui);
	ui_term_stop();
	app_done(&app);
	return code;
}
