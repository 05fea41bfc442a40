/*
 * view_history.h: the History tab's outcome form on screen (UI only;
 * the form's state and rules are app_outcome.h's).
 */
#ifndef WORTHIT_VIEW_HISTORY_H
#define WORTHIT_VIEW_HISTORY_H

#include "worthit/app_outcome.h"
#include "worthit/view.h"

enum form_result {
	FORM_EDITING, /* still open */
	FORM_SAVED,   /* logged: close it */
	FORM_CANCEL,  /* Esc: close it, nothing written */
};

/* Draw the form centred over the panes (wnoutrefresh only). */
void view_history_form_draw(struct ui *ui, const struct outcome_form *f);

/* One key (a wget_wch() value: a character or a KEY_ code). Enter
 * saves (a refusal stays open with the message in the status line),
 * Tab/Down and BTab/Up move between fields, Backspace and ^U edit, Esc
 * cancels. */
enum form_result view_history_form_key(struct ui *ui, struct outcome_form *f, int ch);

#endif
