/*
 * view_invites_reply.h: the Invitations tab's RSVP reply (the r key) and
 * the decisions it follows (a, d, m), for view_invites.c. UI only.
 *
 * r shows the reply message in the detail pane and the status line (its subject, the
 * organizer it goes to, the user's address, a decline's proposed
 * comment, the sendmail command) and asks: y mails it through
 * app_reply_send(), c edits the comment (Enter keeps, Esc goes back), f
 * asks instead for a file to write (prefilled with app_reply.h's
 * default; Enter writes, ^U clears) through app_reply_write(), Esc or n
 * cancels. A failed send stays in the question with the command's exit
 * status (the decision is recorded already). An existing file is only
 * replaced after y to the question that follows. r right after a, d or
 * m answers the invitation just decided, even when the decision took it
 * out of the list; otherwise the selected one. The state lives in the
 * view's priv (allocated on first use, freed by the close hook).
 */
#ifndef WORTHIT_VIEW_INVITES_REPLY_H
#define WORTHIT_VIEW_INVITES_REPLY_H

#include "worthit/view.h"

/*
 * The Invitations view's keys for the reply: every key while the prompt
 * is open; a, d, m (the decision, with the hint that r writes its reply
 * when the organizer has an address) and r otherwise. Returns dirty bits
 * with UI_HANDLED, or 0 for the view's other keys.
 */
unsigned view_invites_reply_key(struct view *v, struct ui *ui, enum key_action act, int ch);

/* While r asks about the message: draw it (to, from, subject, command,
 * the comment) into w, the detail pane, and return true; otherwise
 * false and w is the detail's. */
bool view_invites_reply_draw(struct view *v, struct ui *ui, WINDOW *w);

/* The view's leave hook: an open prompt is cancelled (a click on
 * another tab); the switch happens (0). */
unsigned view_invites_reply_leave(struct view *v, struct ui *ui, size_t to);

/* The view's close hook: frees v->priv. */
void view_invites_reply_close(struct view *v, struct ui *ui);

#endif
