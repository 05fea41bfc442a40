/*
 * app_attrib_tree.h: the attribution report (db_report.h) as the tree
 * the History tab draws, "who do I owe my clients to?", with no curses:
 * people nobody introduced at the top, the people they introduced under
 * them at any depth, siblings by credit under the report's model (then
 * by the money that passed through them, then by name). A contact
 * introduced by several people hangs in full under the first of them
 * and as a one-line pointer under the others, so no amount is shown
 * twice as its own subtree. Only contacts with money before or after
 * them in a chain are listed, as `worthit report --attribution` does.
 *
 * The tree keeps which nodes the user folded (by introducer and
 * contact, so the same person folded under one introducer stays open
 * under another) and the cursor, across rebuilds: a model change or a
 * reload keeps both on the same people.
 */
#ifndef WORTHIT_APP_ATTRIB_TREE_H
#define WORTHIT_APP_ATTRIB_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/app_ctx.h"
#include "worthit/db_report.h"
#include "worthit/model.h"
#include "worthit/status.h"

#define ATTRIB_TREE_DEPTH_MAX 24

struct attrib_tree_node {
	size_t contact;     /* index into the report's contacts */
	int64_t contact_id; /* the same contact's id (survives a new report) */
	int64_t parent_id;  /* the introducer it hangs under, 0 for a root */
	int depth;          /* 0 for roots, < ATTRIB_TREE_DEPTH_MAX */
	bool has_children;  /* introduced someone listed (false for pointers) */
	bool is_expanded;   /* its children follow it */
	bool is_pointer;    /* shown in full under its first introducer */
	bool is_last;       /* the last of its siblings */
	uint32_t rails;     /* bit d: the ancestor at depth d (or the node's
	                       own branch at its depth) has siblings below,
	                       so a vertical line runs through this row */
};

struct attrib_tree_fold {
	int64_t parent_id, contact_id;
};

/* What the detail pane shows of the selected contact. */
struct attrib_tree_detail {
	int64_t contact_id;          /* 0: nothing loaded */
	struct contact contact;
	char *met_title;             /* where they were met, NULL if unknown */
	int64_t met_starts_at;
	struct deal *deals;          /* their own deals, oldest first */
	size_t n_deals;
};

struct app_attrib_tree {
	struct attrib_tree_node *nodes; /* the visible nodes, top to bottom */
	size_t n;
	size_t cursor;                  /* < n unless n == 0 */
	struct attrib_tree_fold *folded; /* nodes the user collapsed */
	size_t n_folded;
	struct attrib_tree_detail detail; /* of the node under the cursor */
};

void app_attrib_tree_init(struct app_attrib_tree *t);
void app_attrib_tree_done(struct app_attrib_tree *t);

/* Rebuild the visible nodes from r (borrowed: the nodes index its
 * contacts, so rebuild whenever r changes), keeping the cursor on the
 * same node, else on the same contact, else on the same row. */
void app_attrib_tree_build(struct app_attrib_tree *t, const struct attrib_report *r);

/* Open the node under the cursor (a pointer: move to the full node);
 * true when something changed. */
bool app_attrib_tree_expand(struct app_attrib_tree *t, const struct attrib_report *r);
/* Fold the node under the cursor; on a leaf or a folded node move to
 * its introducer. True when something changed. */
bool app_attrib_tree_collapse(struct app_attrib_tree *t, const struct attrib_report *r);
/* Expand a folded node, fold an open one (Enter). */
bool app_attrib_tree_toggle(struct app_attrib_tree *t, const struct attrib_report *r);

/* The contact under the cursor, NULL when the tree is empty. Borrowed. */
const struct attrib_contact *app_attrib_tree_selected(const struct app_attrib_tree *t,
                                                      const struct attrib_report *r);

/* The contact of a given id in r, NULL when absent. Borrowed. */
const struct attrib_contact *app_attrib_tree_find(const struct attrib_report *r, int64_t id);

/*
 * Where the chains through contact c begin: the people nobody introduced
 * that c descends from (c itself when nobody introduced c), ascending
 * ids, at most max of them written to out. Returns how many
 * were written.
 */
size_t app_attrib_tree_roots(const struct attrib_report *r, const struct attrib_contact *c,
                             int64_t *out, size_t max);

/* (Re)load what the detail pane shows of contact_id (0: nothing). */
enum wit_status app_attrib_tree_load_detail(struct app_attrib_tree *t, struct app_ctx *ctx,
                                            int64_t contact_id, char **why);

#endif
