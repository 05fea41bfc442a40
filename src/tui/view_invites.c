/*
 * view_invites.c: the Invitations tab: the ranked list on the left (or
 * top), the selected invitation's detail beside it (view_detail.c).
 * Rows: status mark, local date and time, title, organizer, kind, a
 * score bar in the verdict's colour and the score. Columns give way on
 * narrow panes: organizer first, then kind, then the bar; the title
 * keeps what is left. A folded series is one row, its next occurrence,
 * with its rhythm and how many follow at the title's end ("weekly ×4");
 * the occurrences of an expanded series are marked "↳" before the
 * title. State lives in struct app; this file only maps
 * keys to app commands and draws.
 */
#include "worthit/clock.h"
#include "worthit/view_edit.h"
#include "worthit/text.h"
#include "worthit/view.h"
#include "worthit/view_history.h"
#include "worthit/view_invites_reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct columns {
	int mark, date, title, organizer, kind, bar, score; /* widths, 0 = hidden */
};

/* Columns for a pane width columns wide; the last column stays free for
 * the list's scroll marks (taken from the bar when there is one). */
static void columns_for(int width, struct columns *c)
{
	memset(c, 0, sizeof *c);
	c->mark = 2;
	/* datefmt.h: "Thu 09 Apr, all day" (19) or "09 Apr, all day" (15), a
	 * timed event "Tue 03 Mar 08:00" or "03 Mar 08:00", another year
	 * "28 Dec 2027 08:00" */
	c->date = width >= 90 ? 19 : width >= 60 ? 15 : 12;
	c->score = 3;
	int rest = width - c->mark - c->date - 1 - c->score - 1;
	if (rest >= 24) {
		c->bar = rest >= 60 ? 9 : 5;
		rest -= c->bar + 2;
	} else {
		rest--;
	}
	if (rest >= 26) {
		c->kind = 10;
		rest -= c->kind + 1;
	}
	if (rest >= 30) {
		c->organizer = rest >= 50 ? 18 : 12;
		rest -= c->organizer + 1;
	}
	c->title = rest > 0 ? rest : 0;
}

static attr_t verdict_attr(const struct ui *ui, enum score_verdict v)
{
	return ui->role[v == VERDICT_GO ? ROLE_GO : v == VERDICT_MAYBE ? ROLE_MAYBE : ROLE_SKIP];
}

static const char *status_mark(const struct ui *ui, enum invite_status s)
{
	static const char *const utf8[STATUS_COUNT] = { " ", "✓", "✗", "?", "●", "-", "⊘" };
	static const char *const ascii[STATUS_COUNT] = { " ", "+", "x", "?", "*", "-", "/" };
	return (unsigned)s < STATUS_COUNT ? (ui->is_utf8 ? utf8 : ascii)[s] : " ";
}

/* The title cell: the title, then a folded series' rhythm and count
 * right-aligned ("weekly ×4", just "×4" when the title would keep
 * fewer than 8 columns), or the expanded series' mark before it. */
static void draw_title(struct ui *ui, WINDOW *w, int y, int x, int width, size_t row,
                       attr_t attr)
{
	const struct app *app = ui->app;
	const struct invitation *inv = app_row(app, row);
	const char *title = inv->title != NULL ? inv->title : "";
	size_t more = app_row_series_more(app, row);
	const char *times = ui->is_utf8 ? "×" : "x";
	char tag[48];
	if (app_row_is_expanded(app, row)) {
		ui_put(w, y, x, 2, attr, ui->is_utf8 ? "↳ " : "> ");
		ui_put(w, y, x + 2, width - 2, attr, title);
		return;
	}
	if (more == 0) {
		ui_put(w, y, x, width, attr, title);
		return;
	}
	snprintf(tag, sizeof tag, "%s %s%zu", app_row_series_rhythm(app, row), times, more);
	int tw = text_width(tag);
	if (width - tw - 1 < 8) {
		snprintf(tag, sizeof tag, "%s%zu", times, more);
		tw = text_width(tag);
	}
	if (width - tw - 1 < 4) {
		ui_put(w, y, x, width, attr, title);
		return;
	}
	ui_put(w, y, x, width - tw - 1, attr, title);
	ui_put(w, y, x + width - tw, tw, attr & ~(attr_t)A_BOLD, tag);
}

static void draw_row(struct ui *ui, WINDOW *w, int y, int width, size_t row, bool is_selected,
                     void *arg)
{
	const struct app *app = arg;
	const struct invitation *inv = app_row(app, row);
	const struct app_score_brief *sr = app_row_score(app, row);
	struct columns c;
	char buf[64];
	bool is_done = invite_status_is_decided(inv->status) || sr->is_past;
	attr_t base = is_selected ? ui->role[ROLE_SELECTED]
	                          : is_done ? ui->role[ROLE_MUTED] : ui->role[ROLE_NORMAL];
	int x = 0;

	columns_for(width, &c);
	wattrset(w, base);
	mvwhline(w, y, 0, ' ', width);
	ui_put(w, y, x, c.mark, base, status_mark(ui, inv->status));
	x += c.mark;
	ui_list_when(ui, inv->starts_at, inv->ends_at, inv->all_day,
	             c.date >= 19 ? DATEFMT_FULL : DATEFMT_TIME, buf, sizeof buf);
	ui_put(w, y, x, c.date, is_selected ? base : ui->role[ROLE_MUTED], buf);
	x += c.date + 1;
	draw_title(ui, w, y, x, c.title, row, base | (is_done ? 0 : A_BOLD));
	x += c.title + 1;
	if (c.organizer > 0) {
		ui_put(w, y, x, c.organizer, base, inv->organizer != NULL ? inv->organizer : "");
		x += c.organizer + 1;
	}
	if (c.kind > 0) {
		ui_put(w, y, x, c.kind, base, invite_kind_name(inv->kind));
		x += c.kind + 1;
	}
	attr_t va = is_selected ? base : verdict_attr(ui, sr->verdict);
	if (c.bar > 0) {
		ui_bar(ui, w, y, x, c.bar, sr->total / 100.0, va,
		       is_selected ? base : ui->role[ROLE_BAR_EMPTY]);
		x += c.bar + 1;
	}
	snprintf(buf, sizeof buf, "%3.0f", sr->total);
	ui_put(w, y, x, c.score, va | A_BOLD, buf);
}

static void draw_list_header(struct ui *ui, WINDOW *w, int width)
{
	const struct app *app = ui->app;
	struct columns c;
	char buf[160];
	int x;

	columns_for(width, &c);
	wattrset(w, ui->role[ROLE_TITLE]);
	mvwhline(w, 0, 0, ' ', width);
	x = c.mark;
	ui_put(w, 0, x, c.date, ui->role[ROLE_TITLE], "When");
	x += c.date + 1;
	snprintf(buf, sizeof buf, "Title (%zu, by %s%s)", app->n_rows, app_sort_name(app->sort),
	         app->show_all ? ", all" : "");
	ui_put(w, 0, x, c.title, ui->role[ROLE_TITLE], buf);
	x += c.title + 1;
	if (c.organizer > 0) {
		ui_put(w, 0, x, c.organizer, ui->role[ROLE_TITLE], "Organizer");
		x += c.organizer + 1;
	}
	if (c.kind > 0) {
		ui_put(w, 0, x, c.kind, ui->role[ROLE_TITLE], "Kind");
		x += c.kind + 1;
	}
	ui_put(w, 0, x, c.bar + (c.bar > 0) + c.score, ui->role[ROLE_TITLE],
	       c.bar > 0 ? "Score" : "Sc");
}

static void draw_list(struct view *v, struct ui *ui)
{
	WINDOW *w = ui->w_list;
	int width = getmaxx(w);
	draw_list_header(ui, w, width);
	if (ui->app->n_rows == 0) {
		v->list.height = getmaxy(w) - 1;
		werase(w);
		draw_list_header(ui, w, width);
		ui_put(w, 2, 2, width - 3, ui->role[ROLE_MUTED],
		       ui->app->filter[0] != '\0' ? "No invitation matches the filter (Esc clears it)"
		       : ui->app->show_all       ? "No invitations"
		                                 : "Nothing waiting: f shows decided and past ones");
		return;
	}
	ui_list_draw(&v->list, ui, w, 1, ui->app->n_rows, ui->app->cursor, draw_row, ui->app);
}

static void invites_draw(struct view *v, struct ui *ui, unsigned dirty)
{
	if ((dirty & DIRTY_LIST) && ui->w_list != NULL) {
		draw_list(v, ui);
		wnoutrefresh(ui->w_list);
	}
	if ((dirty & DIRTY_DETAIL) && ui->w_detail != NULL) {
		if (!view_invites_reply_draw(v, ui, ui->w_detail)) /* r: the message */
			view_detail_draw(ui, ui->w_detail);
		wnoutrefresh(ui->w_detail);
	}
}

static unsigned invites_open(struct view *v, struct ui *ui)
{
	(void)v;
	(void)ui;
	return DIRTY_ALL;
}

static unsigned move_result(void)
{
	return UI_HANDLED | DIRTY_LIST | DIRTY_DETAIL;
}

/* Half the detail pane, at least one line. */
static int detail_half(const struct ui *ui)
{
	int h = ui->w_detail != NULL ? getmaxy(ui->w_detail) / 2 : 1;
	return h > 1 ? h : 1;
}

/* The detail has the screen (narrow layout after Enter): moves scroll it. */
static unsigned detail_focus_key(struct ui *ui, enum key_action act)
{
	int page = ui->w_detail != NULL ? getmaxy(ui->w_detail) - 1 : 1;
	switch (act) {
	case ACT_DOWN: return UI_HANDLED | view_detail_scroll(ui, 1);
	case ACT_UP: return UI_HANDLED | view_detail_scroll(ui, -1);
	case ACT_PAGE_DOWN: return UI_HANDLED | view_detail_scroll(ui, page > 1 ? page : 1);
	case ACT_PAGE_UP: return UI_HANDLED | view_detail_scroll(ui, -(page > 1 ? page : 1));
	case ACT_TOP: return UI_HANDLED | view_detail_scroll(ui, -ui->detail_top);
	case ACT_BOTTOM: return UI_HANDLED | view_detail_scroll(ui, ui->detail_lines);
	default: return 0;
	}
}

static unsigned invites_key(struct view *v, struct ui *ui, enum key_action act, int ch)
{
	struct app *app = ui->app;
	char *why = NULL;
	unsigned r = view_invites_reply_key(v, ui, act, ch); /* a, d, m, r; the r prompt */
	if (r != 0)
		return r;
	if (ui->detail_open) {
		unsigned d = detail_focus_key(ui, act);
		if (d != 0)
			return d;
	}
	switch (act) {
	case ACT_DETAIL_DOWN: return UI_HANDLED | view_detail_scroll(ui, 1);
	case ACT_DETAIL_UP: return UI_HANDLED | view_detail_scroll(ui, -1);
	case ACT_DETAIL_PAGE_DOWN: return UI_HANDLED | view_detail_scroll(ui, detail_half(ui));
	case ACT_DETAIL_PAGE_UP: return UI_HANDLED | view_detail_scroll(ui, -detail_half(ui));
	case ACT_DOWN: app_move(app, 1); return move_result();
	case ACT_UP: app_move(app, -1); return move_result();
	case ACT_TOP: app_move_to(app, 0); return move_result();
	case ACT_BOTTOM: app_move_to(app, app->n_rows ? app->n_rows - 1 : 0); return move_result();
	case ACT_PAGE_DOWN: app_move(app, ui_list_page(&v->list)); return move_result();
	case ACT_PAGE_UP: app_move(app, -ui_list_page(&v->list)); return move_result();
	case ACT_SERIES:
		app_toggle_series(app);
		return UI_HANDLED | DIRTY_PANES | DIRTY_STATUS;
	case ACT_OPEN:
		if (app->n_rows > 0 && app_row_series_more(app, app->cursor) > 0) {
			app_toggle_series(app);
			return UI_HANDLED | DIRTY_PANES | DIRTY_STATUS;
		}
		if (ui->lay.mode != LAYOUT_SINGLE || app->n_rows == 0)
			return UI_HANDLED;
		ui->detail_open = true;
		return UI_HANDLED | DIRTY_LAYOUT;
	case ACT_OUTCOME: return UI_HANDLED | view_history_form_open(ui, app->selected_id);
	case ACT_EDIT: return UI_HANDLED | view_edit_open(ui, app->selected_id);
	case ACT_SKIPPED: return UI_HANDLED | view_history_form_skip(ui, app->selected_id);
	case ACT_SORT: app_cycle_sort(app); return UI_HANDLED | DIRTY_PANES | DIRTY_STATUS;
	case ACT_TOGGLE_ALL:
		if (app_toggle_all(app, &why) != WIT_OK)
			app_message(app, true, "Loading failed: %s", why != NULL ? why : "?");
		free(why);
		return UI_HANDLED | DIRTY_ALL;
	case ACT_CLOSE:
		if (ui->detail_open) {
			ui->detail_open = false;
			return UI_HANDLED | DIRTY_LAYOUT;
		}
		if (app->filter[0] != '\0') {
			app_set_filter(app, "");
			app_message(app, false, "Filter cleared");
			return UI_HANDLED | DIRTY_PANES | DIRTY_STATUS;
		}
		return 0;
	default:
		return 0;
	}
}

static unsigned invites_mouse(struct view *v, struct ui *ui, int y, int x, unsigned long b)
{
	const struct rect *r = &ui->lay.list;
	if (rect_contains(&ui->lay.detail, y, x)) { /* the wheel scrolls it */
		if (b & BUTTON4_PRESSED)
			return UI_HANDLED | view_detail_scroll(ui, -3);
		if (b & BUTTON5_PRESSED)
			return UI_HANDLED | view_detail_scroll(ui, 3);
		return 0;
	}
	if (!rect_contains(r, y, x))
		return 0;
	if (b & BUTTON4_PRESSED) {
		ui->app->cursor > 3 ? app_move(ui->app, -3) : app_move_to(ui->app, 0);
		return move_result();
	}
	if (b & BUTTON5_PRESSED) {
		app_move(ui->app, 3);
		return move_result();
	}
	long row = ui_list_row_at(&v->list, 1, y - r->y, ui->app->n_rows);
	if (row < 0)
		return 0;
	app_move_to(ui->app, (size_t)row);
	return move_result();
}

static unsigned invites_reload(struct view *v, struct ui *ui)
{
	(void)v;
	return app_poll_changes(ui->app) ? DIRTY_ALL : 0;
}

const struct view_ops view_invites_ops = {
	.name = "Invitations",
	.key_scope = KEYS_GLOBAL | KEYS_LIST | KEYS_INVITES,
	.open = invites_open,
	.draw = invites_draw,
	.key = invites_key,
	.mouse = invites_mouse,
	.resize = NULL,
	.reload = invites_reload,
	.close = view_invites_reply_close,
	.leave = view_invites_reply_leave,
};
