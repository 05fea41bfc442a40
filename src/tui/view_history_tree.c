/*
 * view_history_tree.c: "who do I owe my clients to?" in the History tab
 * (v switches to it): the attribution tree in the list pane, one row per
 * contact with the tree's lines, a fold mark, the name and three sums
 * (deals they closed, deals closed by people they introduced at any
 * depth, their credit under the model); the selected contact in the
 * detail pane: who they are, who introduced them, where their chains
 * began, their deals, and the events where the money started. The tree
 * itself (order, folding, the cursor) is app_attrib_tree.c's.
 */
#include "worthit/clock.h"
#include "worthit/timeutil.h"
#include "worthit/view_history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MONEY_W 10
#define ROOTS_MAX 8

static const char *currency(const struct ui *ui)
{
	return ui->ctx->cfg && ui->ctx->cfg->currency[0] ? ui->ctx->cfg->currency : "USD";
}

/* Whole major units, "-" for nothing: the columns stay narrow. */
static void amount(int64_t minor, char *buf, size_t len)
{
	if (minor == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%lld", (long long)((minor + 50) / 100));
}

static const char *model_words(enum attrib_model m)
{
	static const char *const words[ATTRIB_MODEL_COUNT] = {
		"first touch", "last touch", "linear",
	};
	return (unsigned)m < ATTRIB_MODEL_COUNT ? words[m] : "";
}

/* The lines and fold mark before a node's name, into buf. */
static void prefix(const struct ui *ui, const struct attrib_tree_node *nd, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = '\0';
	for (int d = 1; d < nd->depth && o + 8 < len; d++)
		o += (size_t)snprintf(buf + o, len - o, "%s",
		                      (nd->rails >> d) & 1u ? (ui->is_utf8 ? "│  " : "|  ") : "   ");
	if (nd->depth >= 1 && o + 8 < len)
		o += (size_t)snprintf(buf + o, len - o, "%s", nd->is_last
		                      ? (ui->is_utf8 ? "└─ " : "`- ") : (ui->is_utf8 ? "├─ " : "|- "));
	const char *mark = nd->is_pointer ? (ui->is_utf8 ? "↗ " : "^ ")
	                   : !nd->has_children ? (ui->is_utf8 ? "· " : "  ")
	                   : nd->is_expanded ? (ui->is_utf8 ? "▾ " : "v ") : (ui->is_utf8 ? "▸ " : "> ");
	snprintf(buf + o, len - o, "%s", mark);
}

struct row_args {
	const struct app_history *h;
	const struct app_attrib_tree *t;
};

static void draw_row(struct ui *ui, WINDOW *w, int y, int width, size_t row, bool is_selected,
                     void *arg)
{
	const struct row_args *a = arg;
	const struct attrib_report *r = &a->h->attrib;
	const struct attrib_tree_node *nd = &a->t->nodes[row];
	const struct attrib_contact *c = &r->contacts[nd->contact];
	attr_t base = ui->role[is_selected ? ROLE_SELECTED : nd->is_pointer ? ROLE_MUTED
	                                                                    : ROLE_NORMAL];
	char pre[160], name[256], direct[24], down[24], credit[24], nums[96];
	wattrset(w, base);
	mvwhline(w, y, 0, ' ', width);
	prefix(ui, nd, pre, sizeof pre);
	if (nd->is_pointer) {
		const struct attrib_contact *p = app_attrib_tree_find(r, c->referrers[0]);
		snprintf(name, sizeof name, "%s%s (in full under %s)", pre, c->name ? c->name : "",
		         p && p->name ? p->name : "their first introducer");
		ui_put(w, y, 0, width - 1, base, name);
		return;
	}
	snprintf(name, sizeof name, "%s%s", pre, c->name ? c->name : "");
	amount(c->direct_minor, direct, sizeof direct);
	amount(c->downstream_minor, down, sizeof down);
	amount(c->credit_minor, credit, sizeof credit);
	snprintf(nums, sizeof nums, "%*s %*s %*s", MONEY_W, direct, MONEY_W, down, MONEY_W, credit);
	int right = (int)strlen(nums);
	if (width - right - 2 < 12) {
		ui_put(w, y, 0, width - 1, base, name);
		return;
	}
	ui_put(w, y, 0, width - right - 2, base | (nd->depth == 0 ? A_BOLD : 0), name);
	ui_put(w, y, width - right - 1, right, base, nums);
}

void view_history_tree_draw_list(struct ui *ui, struct ui_list *l, WINDOW *w,
                                 const struct app_history *h, const struct app_attrib_tree *t)
{
	int width = getmaxx(w);
	char head[160], nums[96];
	werase(w);
	wattrset(w, ui->role[ROLE_TITLE]);
	mvwhline(w, 0, 0, ' ', width);
	snprintf(head, sizeof head, "Contact (%s credit)", model_words(h->model));
	snprintf(nums, sizeof nums, "%*s %*s %*s", MONEY_W, "Direct", MONEY_W, "Introduced",
	         MONEY_W, "Credit");
	int right = (int)strlen(nums);
	if (width - right - 2 >= 24) {
		ui_put(w, 0, 0, width - right - 2, ui->role[ROLE_TITLE], head);
		ui_put(w, 0, width - right - 1, right, ui->role[ROLE_TITLE], nums);
	} else {
		ui_put(w, 0, 0, width, ui->role[ROLE_TITLE], head);
	}
	if (t->n == 0) {
		ui_put(w, 2, 2, width - 3, ui->role[ROLE_MUTED],
		       "No deals yet: 'worthit deal add --contact C --amount A'");
		return;
	}
	struct row_args a = { h, t };
	ui_list_draw(l, ui, w, 1, t->n, t->cursor, draw_row, &a);
}

/* ---- the detail ---------------------------------------------------------- */

static int line(struct ui *ui, WINDOW *w, int y, int role, const char *text)
{
	if (y < getmaxy(w))
		ui_put(w, y, 1, getmaxx(w) - 2, ui->role[role], text);
	return y + 1;
}

static void money(const struct ui *ui, int64_t minor, char *buf, size_t len)
{
	score_format_money(minor, currency(ui), buf, len);
}

/* "#9 Lunch with Priya (2024-04-10)" for where contact c was met. */
static void met_text(const struct attrib_report *r, const struct attrib_contact *c, char *buf,
                     size_t len)
{
	if (c->met_at == 0) {
		snprintf(buf, len, "no recorded event");
		return;
	}
	for (size_t i = 0; i < r->n_origins; i++)
		if (r->origins[i].invitation_id == c->met_at) {
			char day[16];
			time_format_date(r->origins[i].starts_at, day, sizeof day);
			snprintf(buf, len, "#%lld %s (%s)", (long long)c->met_at,
			         r->origins[i].title ? r->origins[i].title : "", day);
			return;
		}
	snprintf(buf, len, "event #%lld", (long long)c->met_at);
}

static int draw_who(struct ui *ui, WINDOW *w, int y, const struct attrib_report *r,
                    const struct attrib_contact *c, const struct attrib_tree_detail *d)
{
	char buf[512], met[256];
	snprintf(buf, sizeof buf, "%s #%lld", c->name ? c->name : "", (long long)c->contact_id);
	y = line(ui, w, y, ROLE_TITLE, buf);
	if (d->contact_id == c->contact_id) {
		snprintf(buf, sizeof buf, "%s%s%s%s", d->contact.company ? d->contact.company : "",
		         d->contact.company ? ", " : "", d->contact.is_client ? "client" : "not a client",
		         "");
		y = line(ui, w, y, ROLE_MUTED, buf);
		if (d->contact.email != NULL)
			y = line(ui, w, y, ROLE_MUTED, d->contact.email);
	}
	size_t o = (size_t)snprintf(buf, sizeof buf, "Introduced by ");
	for (size_t k = 0; k < c->n_referrers && o < sizeof buf - 64; k++) {
		const struct attrib_contact *p = app_attrib_tree_find(r, c->referrers[k]);
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", k ? (k + 1 == c->n_referrers
		                      ? " and " : ", ") : "", p && p->name ? p->name : "?");
	}
	if (c->n_referrers == 0)
		snprintf(buf, sizeof buf, "Introduced by nobody: a chain starts here");
	y = line(ui, w, y, ROLE_NORMAL, buf);
	if (c->n_referrers > 1) {
		snprintf(buf, sizeof buf, "  1/%zu of what they bring goes up each chain",
		         c->n_referrers);
		y = line(ui, w, y, ROLE_MUTED, buf);
	}
	if (d->contact_id == c->contact_id && d->met_title != NULL) {
		char day[16];
		time_format_date(d->met_starts_at, day, sizeof day);
		snprintf(met, sizeof met, "#%lld %s (%s)", (long long)c->met_at, d->met_title, day);
	} else {
		met_text(r, c, met, sizeof met);
	}
	snprintf(buf, sizeof buf, "Met at %s", met);
	return line(ui, w, y, ROLE_NORMAL, buf);
}

static int draw_chains(struct ui *ui, WINDOW *w, int y, const struct attrib_report *r,
                       const struct attrib_contact *c)
{
	int64_t roots[ROOTS_MAX];
	size_t n = app_attrib_tree_roots(r, c, roots, ROOTS_MAX);
	if (n == 0 || (n == 1 && roots[0] == c->contact_id))
		return y;
	y = line(ui, w, y, ROLE_NORMAL, "Their chains began with");
	for (size_t i = 0; i < n; i++) {
		const struct attrib_contact *root = app_attrib_tree_find(r, roots[i]);
		char buf[400], met[256];
		if (root == NULL)
			continue;
		met_text(r, root, met, sizeof met);
		snprintf(buf, sizeof buf, "  %s, met at %s", root->name ? root->name : "", met);
		y = line(ui, w, y, ROLE_MUTED, buf);
	}
	return y;
}

static int draw_sums(struct ui *ui, WINDOW *w, int y, const struct app_history *h,
                     const struct attrib_contact *c)
{
	char buf[256], m[32];
	money(ui, c->direct_minor, m, sizeof m);
	snprintf(buf, sizeof buf, "Closed themselves: %lld deal%s, %s", (long long)c->direct_deals,
	         c->direct_deals == 1 ? "" : "s", m);
	y = line(ui, w, y + 1, ROLE_NORMAL, buf);
	money(ui, c->downstream_minor, m, sizeof m);
	snprintf(buf, sizeof buf, "Through people they introduced: %s", m);
	y = line(ui, w, y, ROLE_NORMAL, buf);
	money(ui, c->credit_minor, m, sizeof m);
	snprintf(buf, sizeof buf, "Credit, %s: %s", model_words(h->model), m);
	return line(ui, w, y, ROLE_TITLE, buf);
}

static int draw_deals(struct ui *ui, WINDOW *w, int y, const struct attrib_tree_detail *d)
{
	if (d->n_deals == 0)
		return y;
	y = line(ui, w, y + 1, ROLE_TITLE, "Their deals");
	for (size_t i = 0; i < d->n_deals && y < getmaxy(w); i++) {
		char day[16], m[32], buf[256];
		clock_format_local(d->deals[i].closed_at, "%Y-%m-%d", day, sizeof day);
		score_format_money(d->deals[i].amount_minor, d->deals[i].currency[0]
		                   ? d->deals[i].currency : "USD", m, sizeof m);
		snprintf(buf, sizeof buf, "  %s %14s  %s", day, m, d->deals[i].note ? d->deals[i].note
		                                                                       : "");
		y = line(ui, w, y, ROLE_NORMAL, buf);
	}
	return y;
}

static int draw_origins(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	const struct attrib_report *r = &h->attrib;
	char buf[400], m[32];
	snprintf(buf, sizeof buf, "Where the money started (%s)", model_words(h->model));
	y = line(ui, w, y + 1, ROLE_TITLE, buf);
	for (size_t i = 0; i < r->n_origins && y < getmaxy(w); i++) {
		const struct attrib_origin *o = &r->origins[i];
		money(ui, o->credit_minor, m, sizeof m);
		if (o->invitation_id == 0)
			snprintf(buf, sizeof buf, "  %14s  relationships with no recorded event", m);
		else
			snprintf(buf, sizeof buf, "  %14s  #%lld %s", m, (long long)o->invitation_id,
			         o->title ? o->title : "");
		y = line(ui, w, y, ROLE_NORMAL, buf);
	}
	return y;
}

void view_history_tree_draw_detail(struct ui *ui, WINDOW *w, const struct app_history *h,
                                   const struct app_attrib_tree *t)
{
	werase(w);
	const struct attrib_contact *c = app_attrib_tree_selected(t, &h->attrib);
	int y = 0;
	if (c != NULL) {
		y = draw_who(ui, w, y, &h->attrib, c, &t->detail);
		y = draw_chains(ui, w, y, &h->attrib, c);
		y = draw_sums(ui, w, y, h, c);
		y = draw_deals(ui, w, y, &t->detail);
	}
	draw_origins(ui, w, y, h);
}
