/*
 * view_history.c: the History tab (past events). Two sub-views, v switches:
 *
 *  - events: past events with what they brought on the left (or top),
 *    sortable (s) and filtered by / like the invitations; beside them
 *    the selected event, the aggregates by kind, organizer, month or
 *    score band at decision time (b cycles them) and who the clients
 *    came from (view_history_aggr.c draws that pane);
 *  - the attribution tree (view_history_tree.c draws it): every contact
 *    with the deals that came from them directly and through the people
 *    they introduced, foldable, under the credit model c cycles.
 *
 * Events that ended with no outcome are listed first, then the
 * follow-ups due 30 and 90 days after an attended event ("anything come
 * of this?"): o opens the outcome form on any row (view_history_form.c;
 * on a follow-up it holds the outcome logged, and saving it settles the
 * follow-up), x marks an awaiting event skipped, n settles a follow-up
 * with nothing new. The data is app_history.c's and app_attrib_tree.c's;
 * this file draws the events table and maps keys.
 */
#include "worthit/app_history.h"
#include "worthit/view_history.h"
#include "worthit/timeutil.h"
#include "worthit/view.h"
#include "worthit/xmalloc.h"
#include "worthit/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct history_view {
	struct app_history h;
	int64_t data_version;      /* at the last load */
	bool is_tree;              /* the attribution tree is shown */
	struct app_attrib_tree tree; /* built from h.attrib while is_tree */
	struct ui_list tree_list;  /* its scroll state */
};

static struct app_history *hist(struct view *v)
{
	return &((struct history_view *)v->priv)->h;
}

/* The tree follows h.attrib; the detail pane follows the cursor. */
static void tree_sync(struct history_view *hv, struct ui *ui)
{
	if (!hv->is_tree)
		return;
	app_attrib_tree_build(&hv->tree, &hv->h.attrib);
	const struct attrib_contact *c = app_attrib_tree_selected(&hv->tree, &hv->h.attrib);
	char *why = NULL;
	if (app_attrib_tree_load_detail(&hv->tree, ui->ctx, c ? c->contact_id : 0, &why) != WIT_OK)
		app_message(ui->app, true, "%s", why ? why : "cannot read the contact");
	free(why);
}

static unsigned load(struct view *v, struct ui *ui)
{
	struct history_view *hv = v->priv;
	char *why = NULL;
	if (app_history_load(&hv->h, ui->ctx, &why) != WIT_OK)
		app_message(ui->app, true, "History: %s", why ? why : "loading failed");
	free(why);
	hv->data_version = db_data_version(ui->ctx->db);
	tree_sync(hv, ui);
	return DIRTY_ALL;
}

static unsigned history_open(struct view *v, struct ui *ui)
{
	if (v->priv == NULL) {
		struct history_view *hv = xcalloc(1, sizeof *hv);
		app_history_init(&hv->h);
		app_attrib_tree_init(&hv->tree);
		v->priv = hv;
	}
	return load(v, ui);
}

/* ---- the events table --------------------------------------------- */

struct columns {
	int date, title, kind, organizer;   /* widths, 0 = hidden */
	int numbers;                         /* the right block, as NUMBERS */
};

#define NUMBERS_FMT "%5s %3s %3s %9s %7s %3s"
#define NUMBERS_W 35

/* Title first; kind and organizer when the pane has room for them. */
static void columns_for(int width, struct columns *c)
{
	memset(c, 0, sizeof *c);
	c->date = 11; /* "28 Dec 2025" (datefmt.h) */
	c->numbers = NUMBERS_W;
	int rest = width - c->date - 1 - c->numbers - 2;
	if (rest >= 40) {
		c->kind = 10;
		rest -= c->kind + 1;
	}
	if (rest >= 40) {
		c->organizer = rest >= 60 ? 20 : 14;
		rest -= c->organizer + 1;
	}
	c->title = rest > 0 ? rest : 0;
}

/* Whole major units ("1500"), "-" for none. */
/* Whole major units of the user's currency (money.h), "-" for none. */
static void whole(const struct ui *ui, int64_t minor, char *buf, size_t len)
{
	int64_t per = money_minor_per_major(config_currency(ui->ctx->cfg));
	if (minor <= 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%lld", (long long)money_div_round(minor, per));
}

/* Columns title, kind, organizer from x; returns x after them. */
static int put_texts(WINDOW *w, int y, const struct columns *c, attr_t a,
                     const char *title, const char *kind, const char *organizer)
{
	int x = c->date + 1;
	ui_put(w, y, x, c->title, a, title ? title : "");
	x += c->title + 1;
	if (c->kind > 0) {
		ui_put(w, y, x, c->kind, a, kind ? kind : "");
		x += c->kind + 1;
	}
	if (c->organizer > 0) {
		ui_put(w, y, x, c->organizer, a, organizer ? organizer : "");
		x += c->organizer + 1;
	}
	return x;
}

static void draw_awaiting_row(struct ui *ui, WINDOW *w, int y, int width,
                              const struct review_item *it, bool is_selected)
{
	attr_t a = ui->role[is_selected ? ROLE_SELECTED : ROLE_MAYBE];
	char what[48];
	if (it->after_days == 0)
		snprintf(what, sizeof what, "to review: o logs, x skipped");
	else
		snprintf(what, sizeof what, "%d-day follow-up: o edit, n none", it->after_days);
	struct columns c;
	char day[32];
	columns_for(width, &c);
	wattrset(w, a);
	mvwhline(w, y, 0, ' ', width);
	ui_list_when(ui, it->starts_at, it->ends_at, false, DATEFMT_DAY, day, sizeof day);
	ui_put(w, y, 0, c.date, a, day);
	int x = put_texts(w, y, &c, a, it->title, invite_kind_name(it->kind), it->organizer);
	ui_put(w, y, x, c.numbers, is_selected ? a : ui->role[ROLE_MUTED], what);
}

static void draw_row(struct ui *ui, WINDOW *w, int y, int width, size_t row, bool is_selected,
                     void *arg)
{
	const struct app_history *h = arg;
	const struct review_item *it = app_history_row_awaiting(h, row);
	if (it != NULL) {
		draw_awaiting_row(ui, w, y, width, it, is_selected);
		return;
	}
	const struct report_event *e = app_history_row_event(h, row);
	attr_t a = ui->role[is_selected ? ROLE_SELECTED : ROLE_NORMAL];
	struct columns c;
	char day[32], hours[16], leads[8], deals[8], rev[24], rate[24], score[8], nums[96];
	columns_for(width, &c);
	wattrset(w, a);
	mvwhline(w, y, 0, ' ', width);
	ui_list_when(ui, e->starts_at, e->ends_at, e->all_day, DATEFMT_DAY, day, sizeof day);
	ui_put(w, y, 0, c.date, is_selected ? a : ui->role[ROLE_MUTED], day);
	int x = put_texts(w, y, &c, a, e->title, e->kind, e->organizer);
	snprintf(hours, sizeof hours, "%.1f", (double)e->minutes / 60.0);
	snprintf(leads, sizeof leads, "%d", e->leads);
	snprintf(deals, sizeof deals, "%d", e->deals);
	whole(ui, e->revenue_minor, rev, sizeof rev);
	whole(ui, e->minutes > 0 ? money_div_round(e->revenue_minor * 60, e->minutes) : 0, rate,
	      sizeof rate);
	if (e->score >= 0)
		snprintf(score, sizeof score, "%.0f", e->score);
	else
		snprintf(score, sizeof score, "-");
	snprintf(nums, sizeof nums, NUMBERS_FMT, hours, leads, deals, rev, rate, score);
	ui_put(w, y, x, c.numbers, a, nums);
}

static void draw_list_header(struct ui *ui, WINDOW *w, int width, const struct app_history *h)
{
	struct columns c;
	char head[128], nums[96];
	columns_for(width, &c);
	wattrset(w, ui->role[ROLE_TITLE]);
	mvwhline(w, 0, 0, ' ', width);
	ui_put(w, 0, 0, c.date, ui->role[ROLE_TITLE], "Date");
	size_t shown = 0;
	for (size_t r = 0; r < app_history_rows(h); r++)
		shown += app_history_row_event(h, r) != NULL;
	static const char *const by[HSORT_COUNT] = { "date", "revenue", "rev/h", "hours", "score" };
	if (h->filter[0] != '\0')
		snprintf(head, sizeof head, "Events %zu/%zu by %s", shown, app_history_loaded(h),
		         by[h->sort]);
	else
		snprintf(head, sizeof head, "Events (%zu) by %s", shown, by[h->sort]);
	int x = put_texts(w, 0, &c, ui->role[ROLE_TITLE], head, "Kind", "Organizer");
	snprintf(nums, sizeof nums, NUMBERS_FMT, "Hours", "L", "D", "Revenue", "/hour", "Sc");
	ui_put(w, 0, x, c.numbers, ui->role[ROLE_TITLE], nums);
}

static void draw_list(struct view *v, struct ui *ui)
{
	WINDOW *w = ui->w_list;
	const struct app_history *h = hist(v);
	int width = getmaxx(w);
	werase(w);
	draw_list_header(ui, w, width, h);
	if (app_history_rows(h) == 0) {
		ui_put(w, 2, 2, width - 3, ui->role[ROLE_MUTED], h->filter[0] != '\0'
		       ? "No past event matches the filter (Esc clears it)"
		       : "No outcomes yet: o on a past event, or 'worthit outcome ID --hours H ...'");
		return;
	}
	ui_list_draw(&v->list, ui, w, 1, app_history_rows(h), h->cursor, draw_row, (void *)h);
}

static void draw_detail(struct view *v, struct ui *ui)
{
	WINDOW *w = ui->w_detail;
	struct history_view *hv = v->priv;
	const struct app_history *h = &hv->h;
	if (hv->is_tree) {
		view_history_tree_draw_detail(ui, w, h, &hv->tree);
		return;
	}
	view_history_aggr_draw(ui, w, h);
}

static void history_draw(struct view *v, struct ui *ui, unsigned dirty)
{
	struct history_view *hv = v->priv;
	if ((dirty & DIRTY_LIST) && ui->w_list != NULL) {
		if (hv->is_tree) {
			hv->tree_list.height = getmaxy(ui->w_list) - 1;
			view_history_tree_draw_list(ui, &hv->tree_list, ui->w_list, &hv->h, &hv->tree);
		} else {
			v->list.height = getmaxy(ui->w_list) - 1;
			draw_list(v, ui);
		}
		wnoutrefresh(ui->w_list);
	}
	if ((dirty & DIRTY_DETAIL) && ui->w_detail != NULL) {
		draw_detail(v, ui);
		wnoutrefresh(ui->w_detail);
	}
}

static long clamp_row(long row, size_t rows)
{
	if (row >= (long)rows)
		row = (long)rows - 1;
	return row < 0 ? 0 : row;
}

/* Moving onto (or past) the last follow-up loaded from above loads the
 * next page of them first, so paging down walks through all that are
 * due; the cursor lands on the row asked for. */
static unsigned move_to(struct ui *ui, struct app_history *h, long row)
{
	size_t rows = app_history_rows(h), n_review = 0, old = h->cursor;
	if (rows == 0)
		return UI_HANDLED;
	while (n_review < rows && app_history_row_awaiting(h, n_review) != NULL)
		n_review++;
	size_t to = (size_t)clamp_row(row, rows);
	unsigned d = UI_HANDLED | DIRTY_LIST | DIRTY_DETAIL;
	if (app_history_has_more_follow_ups(h) && n_review > 0 && old + 1 < n_review &&
	    to + 1 >= n_review) {
		char *why = NULL;
		if (app_history_more_follow_ups(h, ui->ctx, &why) != WIT_OK)
			app_message(ui->app, true, "History: %s", why ? why : "loading failed");
		free(why);
		d |= DIRTY_STATUS;
		to = (size_t)clamp_row(row, app_history_rows(h));
	}
	h->cursor = to;
	return d;
}

/* x: only an event awaiting its outcome can be marked skipped. */
static unsigned skip(struct view *v, struct ui *ui)
{
	struct app_history *h = hist(v);
	const struct review_item *it = app_history_row_awaiting(h, h->cursor);
	if (it == NULL || it->after_days > 0) {
		app_message(ui->app, true, "Only an event awaiting its outcome can be marked skipped "
		            "(u undoes a logged outcome%s)", it ? "; n settles a follow-up" : "");
		return UI_HANDLED | DIRTY_STATUS;
	}
	return UI_HANDLED | view_history_form_skip(ui, it->invitation_id);
}

/* n: a follow-up that brought nothing new. */
static unsigned dismiss(struct view *v, struct ui *ui)
{
	struct app_history *h = hist(v);
	const struct review_item *it = app_history_row_awaiting(h, h->cursor);
	if (it == NULL || it->after_days == 0) {
		app_message(ui->app, true, "n settles a follow-up (the rows \"30-day\" and \"90-day\")");
		return UI_HANDLED | DIRTY_STATUS;
	}
	return UI_HANDLED | view_history_form_dismiss(ui, it->invitation_id);
}

/* o: the form; on a follow-up, say what it is for. */
static unsigned outcome(struct view *v, struct ui *ui)
{
	struct app_history *h = hist(v);
	const struct review_item *it = app_history_row_awaiting(h, h->cursor);
	int after = it != NULL ? it->after_days : 0;
	unsigned d = view_history_form_open(ui, app_history_selected_id(h));
	if (after > 0 && ui->form != NULL)
		app_message(ui->app, false, "%d-day follow-up: add what came of it; Enter saves (and "
		            "settles it), Esc cancels", after);
	return UI_HANDLED | d;
}

static unsigned cycle_aggregate(struct view *v, struct ui *ui)
{
	struct app_history *h = hist(v);
	char *why = NULL;
	if (app_history_cycle_aggregate(h, ui->ctx, &why) != WIT_OK) {
		app_message(ui->app, true, "%s", why ? why : "aggregates failed");
		free(why);
		return UI_HANDLED | DIRTY_STATUS;
	}
	app_message(ui->app, false, "Aggregates by %s", app_history_aggregate_name(h->aggr));
	return UI_HANDLED | DIRTY_DETAIL | DIRTY_STATUS;
}

/* Undo and redo walk the shared journal (app_invites.c); this view reloads
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

static unsigned cycle_model(struct view *v, struct ui *ui)
{
	struct history_view *hv = v->priv;
	char *why = NULL;
	enum attrib_model m = (enum attrib_model)((hv->h.model + 1) % ATTRIB_MODEL_COUNT);
	if (app_history_set_model(&hv->h, ui->ctx, m, &why) != WIT_OK) {
		app_message(ui->app, true, "%s", why ? why : "attribution failed");
		free(why);
		return UI_HANDLED | DIRTY_STATUS;
	}
	tree_sync(hv, ui);
	app_message(ui->app, false, "Credit: %s touch%s", attrib_model_name(m),
	            m == ATTRIB_LINEAR ? " (shared along each chain)" : "");
	return UI_HANDLED | DIRTY_PANES;
}

static unsigned toggle_tree(struct view *v, struct ui *ui)
{
	struct history_view *hv = v->priv;
	hv->is_tree = !hv->is_tree;
	ui->detail_open = false;
	tree_sync(hv, ui);
	app_message(ui->app, false, hv->is_tree
	            ? "Attribution: l/h open and fold, c credit model, v back to the events"
	            : "Past events: s sorts, / filters, o logs an outcome");
	return UI_HANDLED | DIRTY_LAYOUT | DIRTY_ALL;
}

/* Keys of the tree sub-view; 0 for the ones it leaves to the rest. */
static unsigned tree_key(struct view *v, struct ui *ui, enum key_action act)
{
	struct history_view *hv = v->priv;
	struct app_attrib_tree *t = &hv->tree;
	const struct attrib_report *r = &hv->h.attrib;
	long at = (long)t->cursor;
	bool changed = true;
	switch (act) {
	case ACT_DOWN: at++; break;
	case ACT_UP: at--; break;
	case ACT_TOP: at = 0; break;
	case ACT_BOTTOM: at = (long)t->n - 1; break;
	case ACT_PAGE_DOWN: at += ui_list_page(&hv->tree_list); break;
	case ACT_PAGE_UP: at -= ui_list_page(&hv->tree_list); break;
	case ACT_EXPAND: changed = app_attrib_tree_expand(t, r); break;
	case ACT_COLLAPSE: changed = app_attrib_tree_collapse(t, r); break;
	case ACT_OPEN: changed = app_attrib_tree_toggle(t, r); break;
	case ACT_SORT: case ACT_OUTCOME: case ACT_SKIPPED: case ACT_FILTER: case ACT_DISMISS:
	case ACT_AGGREGATE:
		app_message(ui->app, false, "That works on the events: v shows them");
		return UI_HANDLED | DIRTY_STATUS;
	case ACT_CLOSE: return toggle_tree(v, ui);
	default: return 0;
	}
	if (act != ACT_EXPAND && act != ACT_COLLAPSE && act != ACT_OPEN)
		t->cursor = t->n == 0 ? 0 : (size_t)clamp_row(at, t->n);
	if (!changed)
		return UI_HANDLED;
	const struct attrib_contact *c = app_attrib_tree_selected(t, r);
	char *why = NULL;
	if (app_attrib_tree_load_detail(t, ui->ctx, c ? c->contact_id : 0, &why) != WIT_OK)
		app_message(ui->app, true, "%s", why ? why : "cannot read the contact");
	free(why);
	return UI_HANDLED | DIRTY_PANES;
}

static unsigned close_key(struct view *v, struct ui *ui)
{
	struct app_history *h = hist(v);
	if (ui->detail_open) {
		ui->detail_open = false;
		return UI_HANDLED | DIRTY_LAYOUT;
	}
	if (h->filter[0] == '\0')
		return 0;
	app_history_set_filter(h, "");
	app_message(ui->app, false, "Filter cleared");
	return UI_HANDLED | DIRTY_PANES | DIRTY_STATUS;
}

static unsigned history_key(struct view *v, struct ui *ui, enum key_action act, int ch)
{
	(void)ch;
	struct history_view *hv = v->priv;
	if (act == ACT_CREDIT_MODEL)
		return cycle_model(v, ui);
	if (act == ACT_ATTRIBUTION)
		return toggle_tree(v, ui);
	if (hv->is_tree) {
		unsigned d = tree_key(v, ui, act);
		if (d != 0)
			return d;
	}
	struct app_history *h = hist(v);
	long at = (long)h->cursor;
	switch (act) {
	case ACT_DOWN: return move_to(ui, h, at + 1);
	case ACT_UP: return move_to(ui, h, at - 1);
	case ACT_TOP: return move_to(ui, h, 0);
	case ACT_BOTTOM: return move_to(ui, h, (long)app_history_rows(h) - 1);
	case ACT_PAGE_DOWN: return move_to(ui, h, at + ui_list_page(&v->list));
	case ACT_PAGE_UP: return move_to(ui, h, at - ui_list_page(&v->list));
	case ACT_REFRESH: return UI_HANDLED | load(v, ui);
	case ACT_OUTCOME: return outcome(v, ui);
	case ACT_SKIPPED: return skip(v, ui);
	case ACT_DISMISS: return dismiss(v, ui);
	case ACT_AGGREGATE: return cycle_aggregate(v, ui);
	case ACT_UNDO: return journal(v, ui, true);
	case ACT_REDO: return journal(v, ui, false);
	case ACT_SORT:
		app_history_cycle_sort(h);
		app_message(ui->app, false, "Sorted by %s", app_history_sort_name(h->sort));
		return UI_HANDLED | DIRTY_PANES;
	case ACT_OPEN:
		if (ui->lay.mode != LAYOUT_SINGLE)
			return UI_HANDLED;
		ui->detail_open = true;
		return UI_HANDLED | DIRTY_LAYOUT;
	case ACT_CLOSE: return close_key(v, ui);
	default: return 0;
	}
}

static const char *history_filter_text(struct view *v, size_t *n_shown)
{
	const struct app_history *h = hist(v);
	*n_shown = app_history_rows(h);
	return h->filter;
}

static unsigned history_set_filter(struct view *v, struct ui *ui, const char *text)
{
	(void)ui;
	app_history_set_filter(hist(v), text);
	return DIRTY_PANES | DIRTY_STATUS;
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
	if (hv != NULL) {
		app_history_done(&hv->h);
		app_attrib_tree_done(&hv->tree);
	}
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
	.filter_text = history_filter_text,
	.set_filter = history_set_filter,
};
