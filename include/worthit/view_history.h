/*
 * view_history.h: the outcome form on screen (UI only; the form's
 * state and rules are app_outcome.h's) and the attribution tree pane of
 * the History tab.
 *
 * The form is an overlay owned by struct ui (ui->form): o opens it on a
 * past event from the History tab or the Invitations tab, and while it
 * is open the loop hands it every key (view_history_form_input) and
 * draws it over the panes.
 */
#ifndef WORTHIT_VIEW_HISTORY_H
#define WORTHIT_VIEW_HISTORY_H

#include <stdint.h>

#include "worthit/app_attrib_tree.h"
#include "worthit/app_history.h"
#include "worthit/app_outcome.h"
#include "worthit/view.h"

enum form_result {
	FORM_EDITING, /* still open */
	FORM_SAVED,   /* logged: close it */
	FORM_CANCEL,  /* Esc: close it, nothing written */
};

/* Open the form on invitation id (one that has started); a refusal is
 * the status-line message. Returns dirty bits. */
unsigned view_history_form_open(struct ui *ui, int64_t id);
/* "Did not go" on invitation id (accepted, started, no outcome), then
 * reload; a refusal is the status-line message. Returns dirty bits. */
unsigned view_history_form_skip(struct ui *ui, int64_t id);
/* The form is open: one wget_wch() result. Saving or cancelling closes
 * it; a save reloads the invitations and the current view. */
unsigned view_history_form_input(struct ui *ui, int is_key, wint_t ch);
/* Free the form (nothing written); ui->form becomes NULL. */
void view_history_form_close(struct ui *ui);

/* Draw the form centred over the panes (wnoutrefresh only). */
void view_history_form_draw(struct ui *ui, const struct outcome_form *f);

/* One key: Enter saves (a refusal stays open with the message in the
 * status line), Tab/Down and BTab/Up move between fields, Backspace and
 * ^U edit, Esc cancels. */
enum form_result view_history_form_key(struct ui *ui, struct outcome_form *f, int is_key,
                                       wint_t ch);

/* ---- view_history_tree.c: the attribution tree sub-view ----------- */

/* The tree in the list pane and the selected contact in the detail
 * pane; t is rebuilt by the caller whenever h->attrib changes. */
void view_history_tree_draw_list(struct ui *ui, struct ui_list *l, WINDOW *w,
                                 const struct app_history *h, const struct app_attrib_tree *t);
void view_history_tree_draw_detail(struct ui *ui, WINDOW *w, const struct app_history *h,
                                   const struct app_attrib_tree *t);

#endif
