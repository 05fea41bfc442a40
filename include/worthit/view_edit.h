/*
 * view_edit.h: the dashboard's edit form of an invitation's facts (the
 * e key in the Invitations tab), drawn over the panes like the outcome
 * form; its state and rules are app_fact_form.c's. While it is open the
 * loop hands it every key (view_edit_input) and draws it last.
 */
#ifndef WORTHIT_VIEW_EDIT_H
#define WORTHIT_VIEW_EDIT_H

#include <stdint.h>

#include "worthit/view.h"

/* Open the form on invitation id (0: nothing selected, a message). */
unsigned view_edit_open(struct ui *ui, int64_t id);
/* A key while the form is open: typing, Tab/Down, Up, ^U, Backspace,
 * Enter saves (one transaction, u undoes), Esc closes writing nothing. */
unsigned view_edit_input(struct ui *ui, int is_key, wint_t ch);
void view_edit_draw(struct ui *ui);
void view_edit_close(struct ui *ui);

#endif
