/*
 * view_history.h: the History tab's parts drawn outside view_history.c:
 * the outcome form on screen (UI only; the form's state and rules are
 * app_outcome.h's), the attribution tree panes, and the detail pane of
 * the events with the aggregates.
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

/* ---- view_history_aggr.c: the events sub-view's detail pane ------- */

/* The selected row (a past event, one awaiting its outcome, or a
 * follow-up with the outcome logged so far), the aggregates grouped as
 * h->aggr (bars a glance reads, then the last 12 months against the
 * budget band), and the top of the attribution. */
void view_history_aggr_draw(struct ui *ui, WINDOW *w, const struct app_history *h);

/* ---- view_history_form.c: a follow-up with nothing new -------------- */

/* "Nothing came of it": settle the follow-ups of invitation id due now
 * (as `worthit review --done ID`), then reload; a refusal is the
 * status-line message. Returns dirty bits. */
unsigned view_history_form_dismiss(struct ui *ui, int64_t id);

#endif
