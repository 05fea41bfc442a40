/*
 * app_attrib_tree.c: the attribution tree of the History tab (see
 * app_attrib_tree.h). A build turns the report's contacts (ascending ids,
 * each with its introducers) into child lists once, then walks them
 * depth first from the people nobody introduced, emitting the visible
 * nodes; folded nodes stop the walk. Depth is capped (the database
 * refuses referral loops, the cap only keeps a damaged file from
 * recursing forever).
 */
#include "worthit/app_attrib_tree.h"
#include "worthit/db_contact.h"
#include "worthit/db_deal.h"
#include "worthit/db_invite.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

void app_attrib_tree_init(struct app_attrib_tree *t)
{
	memset(t, 0, sizeof *t);
	contact_init(&t->detail.contact);
}

static void detail_done(struct attrib_tree_detail *d)
{
	contact_done(&d->contact);
	free(d->met_title);
	db_deal_free_all(d->deals, d->n_deals);
	memset(d, 0, sizeof *d);
	contact_init(&d->contact);
}

void app_attrib_tree_done(struct app_attrib_tree *t)
{
	free(t->nodes);
	free(t->folded);
	detail_done(&t->detail);
	memset(t, 0, sizeof *t);
}

static int by_id(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key, other = ((const struct attrib_contact *)elem)->contact_id;
	return (id > other) - (id < other);
}

const struct attrib_contact *app_attrib_tree_find(const struct attrib_report *r, int64_t id)
{
	if (r->n_contacts == 0)
		return NULL;
	return bsearch(&id, r->contacts, r->n_contacts, sizeof *r->contacts, by_id);
}

static bool involved(const struct attrib_contact *c)
{
	return c->direct_minor > 0 || c->downstream_minor > 0 || c->credit_minor > 0 ||
	       c->direct_deals > 0;
}

/* ---- building ----------------------------------------------------------- */

struct builder {
	const struct attrib_report *r;
	size_t *start;   /* children of contact i: kids[start[i] .. start[i + 1]) */
	size_t *kids;    /* contact indices, sorted for display */
	struct app_attrib_tree *t;
	size_t cap;
};

/* Sibling order: credit, then the money through them, then name, id. */
static int sibling_order(const struct attrib_contact *a, const struct attrib_contact *b)
{
	if (a->credit_minor != b->credit_minor)
		return a->credit_minor < b->credit_minor ? 1 : -1;
	int64_t wa = a->direct_minor + a->downstream_minor, wb = b->direct_minor + b->downstream_minor;
	if (wa != wb)
		return wa < wb ? 1 : -1;
	int c = strcmp(a->name ? a->name : "", b->name ? b->name : "");
	return c != 0 ? c : (a->contact_id > b->contact_id) - (a->contact_id < b->contact_id);
}

/* Insertion sort of one child list (lists are short; no qsort context). */
static void sort_siblings(const struct attrib_report *r, size_t *kids, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		size_t v = kids[i], j = i;
		while (j > 0 && sibling_order(&r->contacts[kids[j - 1]], &r->contacts[v]) > 0) {
			kids[j] = kids[j - 1];
			j--;
		}
		kids[j] = v;
	}
}

/* Parent slot of contact c's edge to introducer k: the introducer's
 * index, or n (the roots' slot) for nobody; SIZE_MAX when the
 * introducer is not in the report. */
static size_t slot(const struct attrib_report *r, const struct attrib_contact *c, size_t k)
{
	if (c->n_referrers == 0)
		return r->n_contacts;
	const struct attrib_contact *p = app_attrib_tree_find(r, c->referrers[k]);
	return p != NULL ? (size_t)(p - r->contacts) : SIZE_MAX;
}

/* Child lists of every listed contact; slot n_contacts holds the roots. */
static void index_children(struct builder *b)
{
	const struct attrib_report *r = b->r;
	size_t n = r->n_contacts, edges = 0;
	size_t *count = xcalloc(n + 2, sizeof *count);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			const struct attrib_contact *c = &r->contacts[i];
			size_t edges_of = c->n_referrers > 0 ? c->n_referrers : 1;
			for (size_t k = 0; involved(c) && k < edges_of; k++) {
				size_t s = slot(r, c, k);
				if (s == SIZE_MAX)
					continue;
				if (pass == 0)
					edges++;
				else
					b->kids[b->start[s] + count[s]] = i;
				count[s]++;
			}
		}
		if (pass == 0) {
			b->start = xcalloc(n + 2, sizeof *b->start);
			for (size_t i = 0; i <= n; i++)
				b->start[i + 1] = b->start[i] + count[i];
			b->kids = xcalloc(edges + 1, sizeof *b->kids);
			memset(count, 0, (n + 2) * sizeof *count);
		}
	}
	for (size_t i = 0; i <= n; i++)
		sort_siblings(r, b->kids + b->start[i], b->start[i + 1] - b->start[i]);
	free(count);
}

static bool is_folded(const struct app_attrib_tree *t, int64_t parent_id, int64_t contact_id)
{
	for (size_t i = 0; i < t->n_folded; i++)
		if (t->folded[i].parent_id == parent_id && t->folded[i].contact_id == contact_id)
			return true;
	return false;
}

static void add_node(struct builder *b, size_t idx, int64_t parent_id, int depth, bool is_last,
                     uint32_t rails)
{
	const struct attrib_contact *c = &b->r->contacts[idx];
	struct app_attrib_tree *t = b->t;
	bool is_pointer = parent_id != 0 && c->n_referrers > 0 && c->referrers[0] != parent_id;
	size_t from = b->start[idx], to = b->start[idx + 1];
	bool has_children = !is_pointer && to > from && depth + 1 < ATTRIB_TREE_DEPTH_MAX;
	if (t->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		t->nodes = xreallocarray(t->nodes, b->cap, sizeof *t->nodes);
	}
	bool is_expanded = has_children && !is_folded(t, parent_id, c->contact_id);
	t->nodes[t->n++] = (struct attrib_tree_node){
		.contact = idx, .contact_id = c->contact_id, .parent_id = parent_id, .depth = depth,
		.has_children = has_children,
		.is_expanded = is_expanded, .is_pointer = is_pointer, .is_last = is_last,
		.rails = rails,
	};
	if (!is_expanded)
		return;
	uint32_t kid_rails = rails | (depth >= 1 && !is_last ? 1u << depth : 0);
	for (size_t k = from; k < to; k++)
		add_node(b, b->kids[k], c->contact_id, depth + 1, k + 1 == to, kid_rails);
}

void app_attrib_tree_build(struct app_attrib_tree *t, const struct attrib_report *r)
{
	int64_t parent = 0, id = 0;
	size_t row = t->cursor;
	if (t->cursor < t->n) {
		parent = t->nodes[t->cursor].parent_id;
		id = t->nodes[t->cursor].contact_id;
	}
	struct builder b = { .r = r, .t = t };
	index_children(&b);
	t->n = 0;
	size_t n = r->n_contacts;
	for (size_t k = b.start[n]; k < b.start[n + 1]; k++)
		add_node(&b, b.kids[k], 0, 0, k + 1 == b.start[n + 1], 0);
	free(b.start);
	free(b.kids);
	t->cursor = t->n == 0 ? 0 : row < t->n ? row : t->n - 1;
	size_t same_contact = SIZE_MAX;
	for (size_t i = 0; id != 0 && i < t->n; i++) {
		if (t->nodes[i].contact_id != id)
			continue;
		if (t->nodes[i].parent_id == parent) {
			t->cursor = i;
			return;
		}
		if (same_contact == SIZE_MAX)
			same_contact = i;
	}
	if (same_contact != SIZE_MAX)
		t->cursor = same_contact;
}

/* ---- moving, folding ------------------------------------------------------ */

static void fold(struct app_attrib_tree *t, int64_t parent_id, int64_t contact_id)
{
	if (is_folded(t, parent_id, contact_id))
		return;
	t->folded = xreallocarray(t->folded, t->n_folded + 1, sizeof *t->folded);
	t->folded[t->n_folded++] = (struct attrib_tree_fold){ parent_id, contact_id };
}

static void unfold(struct app_attrib_tree *t, int64_t parent_id, int64_t contact_id)
{
	for (size_t i = 0; i < t->n_folded; i++)
		if (t->folded[i].parent_id == parent_id && t->folded[i].contact_id == contact_id) {
			t->folded[i] = t->folded[--t->n_folded];
			return;
		}
}

/* A pointer node: open the path to the full node (first introducers all
 * the way up) and put the cursor on it. */
static bool go_to_full(struct app_attrib_tree *t, const struct attrib_report *r, int64_t id)
{
	const struct attrib_contact *c = app_attrib_tree_find(r, id);
	for (int depth = 0; c != NULL && c->n_referrers > 0 && depth < ATTRIB_TREE_DEPTH_MAX;
	     depth++) {
		const struct attrib_contact *p = app_attrib_tree_find(r, c->referrers[0]);
		if (p == NULL)
			break;
		const struct attrib_contact *pp = p->n_referrers > 0
		                                  ? app_attrib_tree_find(r, p->referrers[0]) : NULL;
		unfold(t, pp != NULL ? pp->contact_id : 0, p->contact_id);
		c = p;
	}
	app_attrib_tree_build(t, r);
	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].contact_id == id && !t->nodes[i].is_pointer) {
			t->cursor = i;
			return true;
		}
	return false;
}

bool app_attrib_tree_expand(struct app_attrib_tree *t, const struct attrib_report *r)
{
	if (t->cursor >= t->n)
		return false;
	const struct attrib_tree_node *nd = &t->nodes[t->cursor];
	if (nd->is_pointer)
		return go_to_full(t, r, nd->contact_id);
	if (!nd->has_children || nd->is_expanded)
		return false;
	unfold(t, nd->parent_id, nd->contact_id);
	app_attrib_tree_build(t, r);
	return true;
}

bool app_attrib_tree_collapse(struct app_attrib_tree *t, const struct attrib_report *r)
{
	if (t->cursor >= t->n)
		return false;
	const struct attrib_tree_node *nd = &t->nodes[t->cursor];
	if (nd->has_children && nd->is_expanded) {
		fold(t, nd->parent_id, nd->contact_id);
		app_attrib_tree_build(t, r);
		return true;
	}
	for (size_t i = t->cursor; i-- > 0;)
		if (t->nodes[i].depth == nd->depth - 1) {
			t->cursor = i;
			return true;
		}
	return false;
}

bool app_attrib_tree_toggle(struct app_attrib_tree *t, const struct attrib_report *r)
{
	if (t->cursor >= t->n)
		return false;
	const struct attrib_tree_node *nd = &t->nodes[t->cursor];
	if (nd->has_children && nd->is_expanded)
		return app_attrib_tree_collapse(t, r);
	return app_attrib_tree_expand(t, r);
}

const struct attrib_contact *app_attrib_tree_selected(const struct app_attrib_tree *t,
                                                      const struct attrib_report *r)
{
	if (t->cursor >= t->n || t->nodes[t->cursor].contact >= r->n_contacts)
		return NULL;
	return &r->contacts[t->nodes[t->cursor].contact];
}

/* ---- chains and the detail ------------------------------------------------ */

/* Insert id into the ascending set out[0..*n) of at most max. */
static void add_root(int64_t id, int64_t *out, size_t max, size_t *n)
{
	size_t i = 0;
	while (i < *n && out[i] < id)
		i++;
	if ((i < *n && out[i] == id) || *n == max)
		return;
	memmove(out + i + 1, out + i, (*n - i) * sizeof *out);
	out[i] = id;
	(*n)++;
}

static void walk_up(const struct attrib_report *r, const struct attrib_contact *c, int depth,
                    int64_t *out, size_t max, size_t *n)
{
	if (c->n_referrers == 0 || depth >= ATTRIB_TREE_DEPTH_MAX) {
		add_root(c->contact_id, out, max, n);
		return;
	}
	for (size_t k = 0; k < c->n_referrers; k++) {
		const struct attrib_contact *p = app_attrib_tree_find(r, c->referrers[k]);
		if (p != NULL)
			walk_up(r, p, depth + 1, out, max, n);
	}
}

size_t app_attrib_tree_roots(const struct attrib_report *r, const struct attrib_contact *c,
                             int64_t *out, size_t max)
{
	size_t n = 0;
	if (c != NULL)
		walk_up(r, c, 0, out, max, &n);
	return n;
}

enum wit_status app_attrib_tree_load_detail(struct app_attrib_tree *t, struct app_ctx *ctx,
                                            int64_t contact_id, char **why)
{
	struct attrib_tree_detail *d = &t->detail;
	detail_done(d);
	if (contact_id == 0)
		return WIT_OK;
	enum wit_status st = db_contact_get(ctx->db, contact_id, &d->contact, why);
	if (st == WIT_OK && d->contact.met_at_invitation != 0) {
		struct invitation inv;
		invitation_init(&inv);
		if (db_invite_get(ctx->db, d->contact.met_at_invitation, &inv, NULL) == WIT_OK) {
			d->met_title = xstrdup(inv.title ? inv.title : "");
			d->met_starts_at = inv.starts_at;
		}
		invitation_done(&inv);
	}
	if (st == WIT_OK)
		st = db_deal_list(ctx->db, contact_id, &d->deals, &d->n_deals, why);
	if (st == WIT_OK)
		d->contact_id = contact_id;
	else
		detail_done(d);
	return st;
}
