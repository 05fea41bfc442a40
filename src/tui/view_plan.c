/*
 * view_plan.c: the Plan tab: a local month as a calendar grid (weeks x
 * days, Monday first) in the list pane and the proposal in words in the
 * detail pane (below the grid when there is no detail pane). Accepted
 * events are marked "+", pending invitations show in their verdict's
 * colour, "*" the ones the plan proposes, "!" a clash; a bar above the
 * grid shows the band's hours filled (committed plus proposed).
 *
 * The plan, its numbers and its words are app_plan.c's, the ones
 * `worthit plan` prints. Accepting the set goes through
 * app_plan_accept() (the decision journal, one entry per invitation),
 * so the global u / U undo and redo them one at a time; after any
 * change the dashboard's state (struct app) and the plan are reloaded.
 */
#include "worthit/app_plan.h"
#include "worthit/clock.h"
#include "worthit/text.h"
#include "worthit/timeutil.h"
#include "worthit/view.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CELL_EVENTS_MAX 8 /* events drawn per day cell, at most */

struct plan_view {
	int year, mon;           /* the month shown */
	struct app_plan plan;    /* valid when is_loaded */
	bool is_loaded;
	int text_top;            /* first line of the words shown, >= 0 */
	int text_lines;          /* lines the words had at the last draw */
};

/* One mark in a day cell. */
struct cell_event {
	int64_t starts_at;
	const char *title;
	const char *mark;
	attr_t attr;
};

static struct plan_view *pv(struct view *v)
{
	return v->priv;
}

/* (Re)load the plan of the month shown; errors go to the status line. */
static void plan_reload(struct view *v, struct ui *ui)
{
	struct plan_view *s = pv(v);
	char *why = NULL;
	if (s->is_loaded)
		app_plan_done(&s->plan);
	enum wit_status st = app_plan_load(ui->ctx->db, ui->ctx->cfg, ui->ctx->now, s->year, s->mon,
	                                   &s->plan, &why);
	s->is_loaded = st == WIT_OK;
	if (!s->is_loaded) {
		app_plan_done(&s->plan);
		app_message(ui->app, true, "Plan: %s", why != NULL ? why : wit_status_name(st));
	}
	free(why);
}

static unsigned plan_open(struct view *v, struct ui *ui)
{
	if (v->priv == NULL) {
		struct plan_view *s = xcalloc(1, sizeof *s);
		v->priv = s;
		app_plan_month_of(ui->ctx->now, &s->year, &s->mon);
	}
	plan_reload(v, ui); /* decisions made in other tabs show */
	return DIRTY_ALL;
}

static void plan_close(struct view *v, struct ui *ui)
{
	(void)ui;
	struct plan_view *s = pv(v);
	if (s != NULL && s->is_loaded)
		app_plan_done(&s->plan);
	free(s);
	v->priv = NULL;
}

/* ---- the grid ----------------------------------------------------------- */

static int64_t local_day(int64_t t)
{
	int64_t local = t + clock_local_offset(t);
	return local / DAY_SEC - (local % DAY_SEC < 0);
}

static attr_t verdict_attr(const struct ui *ui, enum score_verdict v)
{
	return ui->role[v == VERDICT_GO ? ROLE_GO : v == VERDICT_MAYBE ? ROLE_MAYBE : ROLE_SKIP];
}

/* The events of local day `day`, by start time, at most max of them;
 * returns how many there are in all. */
static size_t day_events(const struct ui *ui, const struct app_plan *p, int64_t day,
                         struct cell_event *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < p->accepted.len; i++) {
		const struct app_commit *c = &p->accepted.events[i];
		if (local_day(c->starts_at) != day)
			continue;
		if (n < max)
			out[n] = (struct cell_event){ c->starts_at, c->title != NULL ? c->title : "",
				                      c->is_busy ? "#" : "+",
				                      c->is_busy ? ui->role[ROLE_MUTED]
				                                 : ui->role[ROLE_NORMAL] | A_BOLD };
		n++;
	}
	for (size_t k = 0; k < p->n; k++) {
		const struct invitation *inv = &p->invs.items[p->pick[k]];
		const struct score_result *r = &p->res[p->pick[k]];
		if (local_day(inv->starts_at) != day)
			continue;
		bool is_chosen = p->r.reason[k] == PLAN_CHOSEN;
		bool is_clash = r->has_conflict || p->r.reason[k] == PLAN_CLASH;
		if (n < max)
			out[n] = (struct cell_event){
				inv->starts_at, inv->title != NULL ? inv->title : "",
				is_chosen ? "*" : is_clash ? "!" : "-",
				verdict_attr(ui, r->verdict) | (is_chosen ? A_BOLD : 0)
			};
		n++;
	}
	size_t shown = n < max ? n : max;
	for (size_t i = 1; i < shown; i++) /* insertion sort: a handful */
		for (size_t j = i; j > 0 && out[j].starts_at < out[j - 1].starts_at; j--) {
			struct cell_event t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

static void draw_cell(struct ui *ui, WINDOW *w, int y, int x, int cw, int ch, int64_t day,
                      int mday)
{
	struct plan_view *s = pv(&ui->views[ui->current]);
	struct cell_event ev[CELL_EVENTS_MAX];
	char buf[96], when[8];
	size_t n = day_events(ui, &s->plan, day, ev, CELL_EVENTS_MAX);
	bool is_today = day == local_day(ui->ctx->now);
	snprintf(buf, sizeof buf, "%2d", mday);
	ui_put(w, y, x, 2, is_today ? ui->role[ROLE_TAB_ACTIVE] : ui->role[ROLE_TITLE], buf);
	int lines = ch - 1; /* under the day number; with one line, beside it */
	if (lines == 0 && n > 1) { /* one line, several events: their marks */
		for (size_t i = 0; i < n && i < CELL_EVENTS_MAX && 3 + (int)i < cw - 1; i++)
			ui_put(w, y, x + 3 + (int)i, 1, ev[i].attr, ev[i].mark);
		return;
	}
	size_t fit = lines > 0 ? (size_t)lines : 1;
	fit = fit < CELL_EVENTS_MAX ? fit : CELL_EVENTS_MAX;
	for (size_t i = 0; i < n && i < fit; i++) {
		int ey = lines > 0 ? y + 1 + (int)i : y, ex = lines > 0 ? x : x + 3;
		int ew = lines > 0 ? cw - 1 : cw - 4;
		if (ew <= 0)
			break;
		if (i + 1 == fit && n > fit) {
			snprintf(buf, sizeof buf, "+%zu more", n - fit + 1);
			ui_put(w, ey, ex, ew, ui->role[ROLE_MUTED], buf);
			break;
		}
		if (cw >= 12) { /* room for the time */
			clock_format_local(ev[i].starts_at, "%H:%M", when, sizeof when);
			snprintf(buf, sizeof buf, "%s%s %s", ev[i].mark, when, ev[i].title);
		} else {
			snprintf(buf, sizeof buf, "%s%s", ev[i].mark, ev[i].title);
		}
		ui_put(w, ey, ex, ew, ev[i].attr, buf);
	}
}

/* The bar of the band's hours: "March 2026 [####|..] 13.67 of 8–14 h". */
static void draw_band(struct ui *ui, WINDOW *w, int width)
{
	const struct app_plan *p = &pv(&ui->views[ui->current])->plan;
	char month[32], buf[160];
	clock_format_local(p->month.start + DAY_SEC, "%B %Y", month, sizeof month);
	double hours = p->committed + p->r.hours;
	snprintf(buf, sizeof buf, "%.2f of %g–%g h (%.2f committed + %.2f proposed)", hours, p->lo,
	         p->hi, p->committed, p->r.hours);
	int mw = text_width(month) + 1;
	ui_put(w, 0, 0, width, ui->role[ROLE_TITLE] | A_BOLD, month);
	int bar = width - mw - text_width(buf) - 2;
	bar = bar > 24 ? 24 : bar;
	int x = mw;
	if (bar >= 6) {
		double scale = p->hi * 1.25 > hours ? p->hi * 1.25 : hours;
		ui_bar(ui, w, 0, x, bar, scale > 0 ? hours / scale : 0,
		       ui->role[hours > p->hi ? ROLE_GAUGE_OVER : ROLE_GAUGE], ui->role[ROLE_BAR_EMPTY]);
		int edge = scale > 0 ? (int)(p->hi / scale * bar) : bar;
		if (edge > 0 && edge < bar && hours < p->hi)
			ui_put(w, 0, x + edge, 1, ui->role[ROLE_BAR_EMPTY], "|");
		x += bar + 1;
	}
	if (x < width)
		ui_put(w, 0, x, width - x, ui->role[ROLE_NORMAL], buf);
}

/* The grid in w from line 0 using at most max_h lines: lines used. */
static int draw_grid(struct ui *ui, WINDOW *w, int max_h)
{
	static const char *const wd[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	const struct app_plan *p = &pv(&ui->views[ui->current])->plan;
	int width = getmaxx(w), cw = width / 7;
	draw_band(ui, w, width);
	if (max_h < 3 || cw < 3)
		return 1;
	int64_t first = time_days_from_civil(p->year, p->mon, 1);
	int ny = p->mon == 12 ? p->year + 1 : p->year, nm = p->mon == 12 ? 1 : p->mon + 1;
	int64_t last = time_days_from_civil(ny, nm, 1) - 1;
	int64_t monday = first - (((first + 3) % 7) + 7) % 7; /* day 0 was a Thursday */
	int weeks = (int)((last - monday) / 7) + 1;
	int ch = (max_h - 2) / weeks;
	ch = ch < 1 ? 1 : ch > 1 + CELL_EVENTS_MAX ? 1 + CELL_EVENTS_MAX : ch;
	for (int d = 0; d < 7; d++)
		ui_put(w, 1, d * cw, cw, ui->role[ROLE_MUTED], wd[d]);
	int y = 2;
	for (int wk = 0; wk < weeks && y + ch <= max_h; wk++, y += ch)
		for (int d = 0; d < 7; d++) {
			int64_t day = monday + wk * 7 + d;
			if (day < first || day > last)
				continue;
			int yy, mm, dd;
			time_civil_from_days(day, &yy, &mm, &dd);
			draw_cell(ui, w, y, d * cw, cw, ch, day, dd);
		}
	return y;
}

/* ---- the words ---------------------------------------------------------- */

struct pen {
	WINDOW *w;
	int y0, h, width; /* lines y0..y0+h of w, width columns */
	int line;         /* next line, counting from the text's top */
	int top;          /* first line shown */
};

static void pen_line(struct pen *pn, int indent, attr_t attr, const char *text)
{
	int y = pn->line++ - pn->top;
	if (y >= 0 && y < pn->h && pn->width > indent)
		ui_put(pn->w, pn->y0 + y, indent, pn->width - indent, attr, text);
}

/* text wrapped at spaces, the first line at 0, the others at indent. */
static void pen_wrap(struct pen *pn, int indent, attr_t attr, const char *text)
{
	char buf[640];
	int x = 0;
	while (*text != '\0') {
		int room = pn->width - x;
		room = room < 8 ? 8 : room;
		size_t cut = 0, fit = 0, cols = 0;
		for (size_t i = 0; text[i] != '\0'; i++) {
			if (((unsigned char)text[i] & 0xC0) != 0x80 && (int)++cols > room)
				break;
			if (text[i] == ' ')
				cut = i;
			fit = i + 1;
		}
		if (text[fit] != '\0' && cut > 0)
			fit = cut;
		snprintf(buf, sizeof buf, "%.*s", (int)fit, text);
		pen_line(pn, x, attr, buf);
		text += fit;
		while (*text == ' ')
			text++;
		x = indent;
	}
}

static void draw_words(struct ui *ui, WINDOW *w, int y0, int h)
{
	struct plan_view *s = pv(&ui->views[ui->current]);
	const struct app_plan *p = &s->plan;
	const struct wit_config *cfg = ui->ctx->cfg;
	char line[640], title[160], when[32];
	struct pen pn = { w, y0, h, getmaxx(w) - 1, 0, s->text_top };
	snprintf(line, sizeof line, "Plan for %04d-%02d: band %g–%g h, %.2f h committed", p->year,
	         p->mon, p->lo, p->hi, p->committed);
	pen_wrap(&pn, 2, ui->role[ROLE_TITLE] | A_BOLD, line);
	app_plan_summary(p, cfg, line, sizeof line);
	pen_wrap(&pn, 2, ui->role[ROLE_NORMAL], line);
	for (size_t k = 0; k < p->n; k++) {
		if (p->r.reason[k] != PLAN_CHOSEN)
			continue;
		const struct invitation *inv = &p->invs.items[p->pick[k]];
		const struct score_result *r = &p->res[p->pick[k]];
		clock_format_local(inv->starts_at, "%a %d %b %H:%M", when, sizeof when);
		snprintf(line, sizeof line, "* #%lld %s %.2f h %s %.0f %s", (long long)inv->id, when,
		         r->hours, score_verdict_name(r->verdict), r->total,
		         inv->title != NULL ? inv->title : "");
		pen_line(&pn, 1, verdict_attr(ui, r->verdict) | A_BOLD, line);
	}
	size_t left = p->n - p->r.n_chosen;
	if (left > 0) {
		snprintf(line, sizeof line, "These %zu left out:", left);
		pen_line(&pn, 0, ui->role[ROLE_TITLE], line);
	}
	for (size_t k = 0; k < p->n; k++) {
		if (p->r.reason[k] == PLAN_CHOSEN)
			continue;
		const struct invitation *inv = &p->invs.items[p->pick[k]];
		app_plan_why(p, cfg, k, title, sizeof title);
		snprintf(line, sizeof line, "#%lld %s: %s", (long long)inv->id,
		         inv->title != NULL ? inv->title : "", title);
		pen_wrap(&pn, 4, ui->role[ROLE_MUTED], line);
	}
	pen_line(&pn, 0, ui->role[ROLE_MUTED],
	         "+ accepted  * proposed  ! clash  - left out; A accepts, [ ] months");
	s->text_lines = pn.line;
}

static void plan_draw(struct view *v, struct ui *ui, unsigned dirty)
{
	struct plan_view *s = pv(v);
	WINDOW *lw = ui->w_list, *dw = ui->w_detail;
	if (s == NULL || !s->is_loaded) {
		if (lw != NULL) {
			werase(lw);
			wnoutrefresh(lw);
		}
		if (dw != NULL) {
			werase(dw);
			wnoutrefresh(dw);
		}
		return;
	}
	if (lw != NULL && (dirty & DIRTY_PANES)) {
		werase(lw);
		int h = getmaxy(lw);
		int used = draw_grid(ui, lw, dw != NULL ? h : h * 3 / 5);
		if (dw == NULL && h - used - 1 > 0)
			draw_words(ui, lw, used + 1, h - used - 1);
		wnoutrefresh(lw);
	}
	if (dw != NULL && (dirty & DIRTY_PANES)) {
		werase(dw);
		draw_words(ui, dw, 0, getmaxy(dw));
		wnoutrefresh(dw);
	}
}

/* ---- keys ----------------------------------------------------------------- */

static unsigned move_month(struct view *v, struct ui *ui, int delta)
{
	struct plan_view *s = pv(v);
	int m = s->year * 12 + (s->mon - 1) + delta;
	s->year = m / 12;
	s->mon = m % 12 + 1;
	s->text_top = 0;
	plan_reload(v, ui);
	return UI_HANDLED | DIRTY_PANES;
}

static unsigned accept_plan(struct view *v, struct ui *ui)
{
	struct plan_view *s = pv(v);
	char *why = NULL, ids[160] = "";
	size_t n = 0, used = 0;
	if (!s->is_loaded || s->plan.r.n_chosen == 0) {
		app_message(ui->app, false, "Nothing proposed to accept this month");
		return UI_HANDLED;
	}
	for (size_t k = 0; k < s->plan.n && used + 24 < sizeof ids; k++)
		if (s->plan.r.reason[k] == PLAN_CHOSEN)
			used += (size_t)snprintf(ids + used, sizeof ids - used, "%s#%lld",
			                         used > 0 ? ", " : "", (long long)s->plan.items[k].id);
	int64_t now;
	if (clock_now(&now, &why) != WIT_OK)
		now = ui->ctx->now;
	free(why);
	why = NULL;
	enum wit_status st = app_plan_accept(ui->ctx->db, ui->ctx->cfg, &s->plan, now, &n, &why);
	if (st != WIT_OK) {
		app_message(ui->app, true, "Accepting the plan: %s",
		            why != NULL ? why : wit_status_name(st));
		free(why);
		return UI_HANDLED | DIRTY_ALL;
	}
	if (app_load(ui->app, &why) != WIT_OK)
		app_message(ui->app, true, "Reload failed: %s", why != NULL ? why : "?");
	else
		app_message(ui->app, false, "Accepted %zu: %s (u undoes one at a time)", n, ids);
	free(why);
	plan_reload(v, ui);
	return UI_HANDLED | DIRTY_ALL;
}

/* u and U work on the journal as everywhere, then the plan is redrawn
 * from the database. */
static unsigned undo_redo(struct view *v, struct ui *ui, bool is_undo)
{
	if (is_undo)
		app_undo(ui->app);
	else
		app_redo(ui->app);
	plan_reload(v, ui);
	return UI_HANDLED | DIRTY_ALL;
}

static unsigned scroll_words(struct view *v, int delta)
{
	struct plan_view *s = pv(v);
	int top = s->text_top + delta;
	top = top > s->text_lines - 1 ? s->text_lines - 1 : top;
	s->text_top = top < 0 ? 0 : top;
	return UI_HANDLED | DIRTY_PANES;
}

static unsigned plan_key(struct view *v, struct ui *ui, enum key_action act, int ch)
{
	(void)ch;
	switch (act) {
	case ACT_PREV_MONTH: return move_month(v, ui, -1);
	case ACT_NEXT_MONTH: return move_month(v, ui, 1);
	case ACT_ACCEPT_PLAN: return accept_plan(v, ui);
	case ACT_UNDO: return undo_redo(v, ui, true);
	case ACT_REDO: return undo_redo(v, ui, false);
	case ACT_DETAIL_DOWN: return scroll_words(v, 1);
	case ACT_DETAIL_UP: return scroll_words(v, -1);
	case ACT_DETAIL_PAGE_DOWN: return scroll_words(v, 10);
	case ACT_DETAIL_PAGE_UP: return scroll_words(v, -10);
	default: return 0;
	}
}

static unsigned plan_reload_op(struct view *v, struct ui *ui)
{
	if (!app_poll_changes(ui->app))
		return 0;
	plan_reload(v, ui);
	return DIRTY_ALL;
}

const struct view_ops view_plan_ops = {
	.name = "Plan",
	.key_scope = KEYS_GLOBAL | KEYS_PLAN,
	.open = plan_open,
	.draw = plan_draw,
	.key = plan_key,
	.reload = plan_reload_op,
	.close = plan_close,
};
