/*
 * view_history.c: the History tab (issue 6): past events with what they
 * brought on the left (or top), and beside them the selected event, the
 * revenue per hour of each kind of event, hours per month over the last
 * 12 months against the budget band, and who the clients came from (the
 * top of the first-touch attribution tree). Events that ended with no
 * outcome are listed first: o opens the outcome form on any row (its
 * state and rules are app_outcome.c's; view_history_form.c draws it and
 * takes its keys), x marks an awaiting event skipped. The data is
 * app_history.c's; this file draws and maps keys.
 */
#include "worthit/app_history.h"
#include "worthit/view_history.h"
#include "worthit/timeutil.h"
#include "worthit/view.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct history_view {
	struct app_history h;
	int64_t data_version;      /* at the last load */
	bool is_form_open;
	struct outcome_form form;  /* valid while is_form_open */
};

static struct app_history *hist(struct view *v)
{
	return &((struct history_view *)v->priv)->h;
}

static void money(const struct ui *ui, int64_t minor, char *buf, size_t len)
{
	const char *cur = ui->ctx->cfg && ui->ctx->cfg->currency[0] ? ui->ctx->cfg->currency
	                                                             : "USD";
	score_format_money(minor, cur, buf, len);
}

static unsigned load(struct view *v, struct ui *ui)
{
	struct history_view *hv = v->priv;
	char *why = NULL;
	if (app_history_load(&hv->h, ui->ctx, &why) != WIT_OK)
		app_message(ui->app, true, "History: %s", why ? why : "loading failed");
	free(why);
	hv->data_version = db_data_version(ui->ctx->db);
	return DIRTY_ALL;
}

static unsigned history_open(struct view *v, struct ui *ui)
{
	if (v->priv == NULL) {
		struct history_view *hv = xcalloc(1, sizeof *hv);
		app_history_init(&hv->h);
		v->priv = hv;
	}
	return load(v, ui);
}

/* ---- the events table --------------------------------------------- */

static void draw_awaiting_row(struct ui *ui, WINDOW *w, int y, int width,
                              const struct review_item *it, bool is_selected)
{
	attr_t a = ui->role[is_selected ? ROLE_SELECTED : ROLE_MAYBE];
	char day[16];
	wattrset(w, a);
	mvwhline(w, y, 0, ' ', width);
	time_format_date(it->starts_at, day, sizeof day);
	ui_put(w, y, 0, 10, a, day);
	const char *what = "to review: o logs, x skipped";
	int right = (int)strlen(what);
	if (width - 11 - right - 1 > 8) {
		ui_put(w, y, 11, width - 11 - right - 1, a, it->title ? it->title : "");
		ui_put(w, y, width - right, right, is_selected ? a : ui->role[ROLE_MUTED], what);
	} else {
		ui_put(w, y, 11, width - 11, a, it->title ? it->title : "");
	}
}

static void draw_row(struct ui *ui, WINDOW *w, int y, int width, size_t row, bool is_selected,
                     void *arg)
{
	const struct app_history *h = arg;
	if (row < h->n_awaiting) {
		draw_awaiting_row(ui, w, y, width, &h->awaiting[row], is_selected);
		return;
	}
	const struct report_event *e = &h->events[row - h->n_awaiting];
	attr_t a = ui->role[is_selected ? ROLE_SELECTED : ROLE_NORMAL];
	char day[16], rev[32], line[64];
	wattrset(w, a);
	mvwhline(w, y, 0, ' ', width);
	time_format_date(e->starts_at, day, sizeof day);
	money(ui, e->revenue_minor, rev, sizeof rev);
	snprintf(line, sizeof line, "%5.1fh %2dL %2dD %12s", (double)e->minutes / 60.0, e->leads,
	         e->deals, e->revenue_minor ? rev : "-");
	int right = (int)strlen(line);
	ui_put(w, y, 0, 10, is_selected ? a : ui->role[ROLE_MUTED], day);
	int title_w = width - 11 - right - 1;
	if (title_w > 8) {
		ui_put(w, y, 11, title_w, a, e->title ? e->title : "");
		ui_put(w, y, width - right, right, a, line);
	} else {
		ui_put(w, y, 11, width - 11, a, e->title ? e->title : "");
	}
}

static void draw_list(struct view *v, struct ui *ui)
{
	WINDOW *w = ui->w_list;
	const struct app_history *h = hist(v);
	int width = getmaxx(w);
	char head[96];
	werase(w);
	wattrset(w, ui->role[ROLE_TITLE]);
	mvwhline(w, 0, 0, ' ', width);
	if (h->n_awaiting > 0)
		snprintf(head, sizeof head, "%zu to review, then past events (%zu newest)",
		         h->n_awaiting, h->n_events);
	else
		snprintf(head, sizeof head, "Past events (%zu newest)", h->n_events);
	ui_put(w, 0, 0, width, ui->role[ROLE_TITLE], head);
	if (app_history_rows(h) == 0) {
		ui_put(w, 2, 2, width - 3, ui->role[ROLE_MUTED],
		       "No outcomes yet: log one with 'worthit outcome ID --hours H ...'");
		return;
	}
	ui_list_draw(&v->list, ui, w, 1, app_history_rows(h), h->cursor, draw_row, (void *)h);
}

/* ---- the detail: selected event, kinds, months, attribution ------- */

static int section(struct ui *ui, WINDOW *w, int y, const char *title)
{
	if (y >= getmaxy(w))
		return y;
	ui_put(w, y, 1, getmaxx(w) - 2, ui->role[ROLE_TITLE], title);
	return y + 1;
}

static int draw_selected(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	const struct report_event *e = app_history_selected(h);
	if (e == NULL)
		return y;
	char line[256], rev[32], per[32] = "-", score[16] = "-";
	money(ui, e->revenue_minor, rev, sizeof rev);
	if (e->minutes > 0)
		money(ui, e->revenue_minor * 60 / e->minutes, per, sizeof per);
	if (e->score >= 0)
		snprintf(score, sizeof score, "%.0f", e->score);
	y = section(ui, w, y, e->title ? e->title : "");
	snprintf(line, sizeof line, "#%lld %s, %s; score when decided %s; rated %d/5",
	         (long long)e->invitation_id, e->kind, e->organizer ? e->organizer : "no organizer",
	         score, e->rating);
	ui_put(w, y++, 2, getmaxx(w) - 3, ui->role[ROLE_MUTED], line);
	snprintf(line, sizeof line, "%.1f h, %d leads, %d deals, %s (%s an hour)",
	         (double)e->minutes / 60.0, e->leads, e->deals, rev, per);
	ui_put(w, y++, 2, getmaxx(w) - 3, ui->role[ROLE_NORMAL], line);
	return y + 1;
}

static int draw_kinds(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	int64_t best = 1;
	for (size_t i = 0; i < h->n_kinds; i++)
		if (h->kinds[i].minutes > 0 && h->kinds[i].revenue_minor * 60 / h->kinds[i].minutes > best)
			best = h->kinds[i].revenue_minor * 60 / h->kinds[i].minutes;
	y = section(ui, w, y, "Revenue per hour by kind (all time)");
	int width = getmaxx(w), bar = width - 2 - 11 - 14 - 1;
	for (size_t i = 0; i < h->n_kinds && y < getmaxy(w); i++, y++) {
		const struct report_row *k = &h->kinds[i];
		int64_t per = k->minutes > 0 ? k->revenue_minor * 60 / k->minutes : 0;
		char value[32], label[48];
		money(ui, per, value, sizeof value);
		snprintf(label, sizeof label, "%-10s", k->key);
		ui_put(w, y, 2, 10, ui->role[ROLE_NORMAL], label);
		if (bar >= 4)
			ui_bar(ui, w, y, 13, bar, (double)per / (double)best, ui->role[ROLE_BAR],
			       ui->role[ROLE_BAR_EMPTY]);
		ui_put(w, y, width - 14, 13, ui->role[ROLE_MUTED], value);
	}
	return y + 1;
}

static int draw_months(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	const struct wit_config *cfg = ui->ctx->cfg;
	double top = cfg ? cfg->budget_max_hours : 0;
	for (int i = 0; i < APP_HISTORY_MONTHS; i++)
		if ((double)h->months[i].minutes / 60.0 > top)
			top = (double)h->months[i].minutes / 60.0;
	char title[96];
	snprintf(title, sizeof title, "Hours per month (budget %g-%g h)", cfg ? cfg->budget_min_hours
	         : 0, cfg ? cfg->budget_max_hours : 0);
	y = section(ui, w, y, title);
	int width = getmaxx(w), bar = width - 2 - 8 - 8 - 1;
	for (int i = 0; i < APP_HISTORY_MONTHS && y < getmaxy(w); i++, y++) {
		double hours = (double)h->months[i].minutes / 60.0;
		bool over = cfg && hours > cfg->budget_max_hours;
		char value[16];
		snprintf(value, sizeof value, "%5.1f h", hours);
		ui_put(w, y, 2, 7, ui->role[ROLE_MUTED], h->months[i].key);
		if (bar >= 4 && top > 0)
			ui_bar(ui, w, y, 10, bar, hours / top, ui->role[over ? ROLE_GAUGE_OVER : ROLE_GAUGE],
			       ui->role[ROLE_BAR_EMPTY]);
		ui_put(w, y, width - 8, 7, ui->role[ROLE_NORMAL], value);
	}
	return y + 1;
}

static int draw_attribution(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	y = section(ui, w, y, "Who do I owe my clients to? (first touch)");
	const struct attrib_report *r = &h->attrib;
	bool *shown = xcalloc(r->n_contacts + 1, sizeof *shown);
	for (int k = 0; k < 5 && y < getmaxy(w); k++) {
		size_t best = r->n_contacts;
		for (size_t i = 0; i < r->n_contacts; i++)
			if (!shown[i] && r->contacts[i].credit_minor > 0 &&
			    (best == r->n_contacts ||
			     r->contacts[i].credit_minor > r->contacts[best].credit_minor))
				best = i;
		if (best == r->n_contacts)
			break;
		shown[best] = true;
		char value[32], line[160];
		money(ui, r->contacts[best].credit_minor, value, sizeof value);
		snprintf(line, sizeof line, "%-24.24s %14s", r->contacts[best].name
		         ? r->contacts[best].name : "", value);
		ui_put(w, y++, 2, getmaxx(w) - 3, ui->role[ROLE_NORMAL], line);
	}
	free(shown);
	if (r->deals == 0 && y < getmaxy(w))
		ui_put(w, y++, 2, getmaxx(w) - 3, ui->role[ROLE_MUTED],
		       "No deals yet: 'worthit deal add --contact C --amount A'");
	return y + 1;
}

static void draw_detail(struct view *v, struct ui *ui)
{
	WINDOW *w = ui->w_detail;
	const struct app_history *h = hist(v);
	werase(w);
	int y = draw_selected(ui, w, 0, h);
	y = draw_kinds(ui, w, y, h);
	y = draw_months(ui, w, y, h);
	draw_attribution(ui, w, y, h);
}

static void history_draw(struct view *v, struct ui *ui, unsigned dirty)
{
	if ((dirty & DIRTY_LIST) && ui->w_list != NULL) {
		v->list.height = getmaxy(ui->w_list) - 1;
		draw_list(v, ui);
		wnoutrefresh(ui->w_list);
	}
	if ((dirty & DIRTY_DETAIL) && ui->w_detail != NULL) {
		draw_detail(v, ui);
		wnoutrefresh(ui->w_detail);
	}
	struct history_view *hv = v->priv;
	if (hv->is_form_open)
		view_history_form_draw(ui, &hv->form);
}

static unsigned move_to(struct app_history *h, long row)
{
	size_t rows = app_history_rows(h);
	if (rows == 0)
		return UI_HANDLED;
	if (row < 0)
		row = 0;
	if (row >= (long)rows)
		row = (long)rows - 1;
	h->cursor = (size_t)row;
	return UI_HANDLED | DIRTY_LIST | DIRTY_DETAIL;
}

static unsigned open_form(struct view *v, struct ui *ui)
{
	struct history_view *hv = v->priv;
	int64_t id = app_history_selected_id(&hv->h);
	char *why = NULL;
	if (id == 0)
		return UI_HANDLED;
	if (app_outcome_open(&hv->form, ui->ctx, id, &why) != WIT_OK) {
		app_message(ui->app, true, "%s", why ? why : "cannot open the outcome");
		free(why);
		return UI_HANDLED | DIRTY_STATUS;
	}
	hv->is_form_open = true;
	app_message(ui->app, false, "Enter saves, Tab/Down next field, Up previous, Esc cancels");
	return UI_HANDLED | DIRTY_ALL;
}

static unsigned skip(struct view *v, struct ui *ui)
{
	char *why = NULL;
	struct app_history *h = hist(v);
	int64_t id = app_history_selected_id(h);
	if (app_history_skip(h, ui->ctx, &why) != WIT_OK) {
		app_message(ui->app, true, "%s", why ? why : "cannot mark it skipped");
		free(why);
		return UI_HANDLED | DIRTY_STATUS;
	}
	unsigned d = load(v, ui);
	app_message(ui->app, false, "#%lld marked skipped (did not go); u undoes", (long long)id);
	return UI_HANDLED | d;
}

/* Undo and redo walk the shared journal (app.c); this view reloads
 * after, keeping the message that says what was undone. */
static unsigned journal(struct view *v, struct ui *ui, bool is_undo)
{
	if (is_undo)
		app_undo(ui->app);
	else
		app_redo(ui->app);
	char msg[APP_MESSAGE_MAX];
	memcpy(msg, ui->app->message, sizeof msg);
	bool is_error = ui->app->message_is_error;
	unsigned d = load(v, ui);
	if (!ui->app->message_is_error)
		app_message(ui->app, is_error, "%s", msg);
	return UI_HANDLED | d;
}

static unsigned form_done(struct view *v, struct ui *ui, bool is_saved)
{
	struct history_view *hv = v->priv;
	hv->is_form_open = false;
	if (!is_saved) {
		app_message(ui->app, false, "Outcome not saved");
		return UI_HANDLED | DIRTY_ALL;
	}
	unsigned d = load(v, ui);
	app_message(ui->app, false, "Outcome %s for \"%s\"; u undoes", hv->form.is_edit ? "updated"
	            : "logged", hv->form.title);
	return UI_HANDLED | d;
}

static unsigned history_key(struct view *v, struct ui *ui, enum key_action act, int ch)
{
	struct history_view *hv = v->priv;
	if (hv->is_form_open) {
		enum form_result r = view_history_form_key(ui, &hv->form, ch);
		if (r == FORM_CANCEL || r == FORM_SAVED)
			return form_done(v, ui, r == FORM_SAVED);
		return UI_HANDLED | DIRTY_ALL;
	}
	struct app_history *h = hist(v);
	long at = (long)h->cursor;
	switch (act) {
	case ACT_DOWN: return move_to(h, at + 1);
	case ACT_UP: return move_to(h, at - 1);
	case ACT_TOP: return move_to(h, 0);
	case ACT_BOTTOM: return move_to(h, (long)app_history_rows(h) - 1);
	case ACT_PAGE_DOWN: return move_to(h, at + ui_list_page(&v->list));
	case ACT_PAGE_UP: return move_to(h, at - ui_list_page(&v->list));
	case ACT_REFRESH: return UI_HANDLED | load(v, ui);
	case ACT_OUTCOME: return open_form(v, ui);
	case ACT_SKIPPED: return skip(v, ui);
	case ACT_UNDO: return journal(v, ui, true);
	case ACT_REDO: return journal(v, ui, false);
	default: return 0;
	}
}

static unsigned history_reload(struct view *v, struct ui *ui)
{
	struct history_view *hv = v->priv;
	if (hv == NULL || db_data_version(ui->ctx->db) == hv->data_version)
		return 0;
	return load(v, ui);
}

static void history_close(struct view *v, struct ui *ui)
{
	(void)ui;
	struct history_view *hv = v->priv;
	if (hv != NULL)
		app_history_done(&hv->h);
	free(hv);
	v->priv = NULL;
}

const struct view_ops view_history_ops = {
	.name = "History",
	.key_scope = KEYS_GLOBAL | KEYS_LIST | KEYS_HISTORY,
	.open = history_open,
	.draw = history_draw,
	.key = history_key,
	.mouse = NULL,
	.resize = NULL,
	.reload = history_reload,
	.close = history_close,
};
