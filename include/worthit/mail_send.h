/*
 * mail_send.h: RSVP replies by mail: the iMIP message (RFC 6047) that
 * carries the iTIP REPLY of reply.h, built with GMime, and the sendmail
 * command it is piped to. Shared by `worthit decide ... --send` and the
 * dashboard's r key.
 *
 * The message (RFC 6047 2.2-2.4): From the user's address (reply.h), To
 * the organizer, Subject "Accepted: TITLE", "Declined: TITLE" or
 * "Tentative: TITLE", Date, a Message-ID of the user's domain, and a
 * multipart/alternative body: a text/plain summary, then text/calendar;
 * method=REPLY; charset=UTF-8 holding the same REPLY `--reply` writes.
 * Lines end in LF, as sendmail -t expects on its standard input.
 *
 * The command: $WORTHIT_SENDMAIL, else config "sendmail" (default
 * "sendmail -t -oi"), run by /bin/sh -c with the message on its
 * standard input; its output is kept to explain a failure.
 */
#ifndef WORTHIT_MAIL_SEND_H
#define WORTHIT_MAIL_SEND_H

#include <stdint.h>

#include "worthit/config.h"
#include "worthit/model.h"
#include "worthit/status.h"

/* The reply message, and who it goes to, for showing before it goes. */
struct mail_send_message {
	char *from;     /* the user's address */
	char *to;       /* the organizer, as in the invitation */
	char *subject;  /* "Accepted: TITLE" ... */
	char *text;     /* the whole message, RFC 5322, LF line ends */
};

void mail_send_message_done(struct mail_send_message *m);

/*
 * Build the reply to inv answering answer (accepted, declined, maybe)
 * with COMMENT comment (NULL or "" = none) into *m (caller frees with
 * mail_send_message_done). now is the Date and the REPLY's DTSTAMP.
 * Statuses as reply_text() (reply.h).
 */
enum wit_status mail_send_build(const struct invitation *inv, const struct wit_config *cfg,
                                enum invite_status answer, const char *comment, int64_t now,
                                struct mail_send_message *m, char **why);

/* The command replies go through (see above). Borrowed. */
const char *mail_send_command(const struct wit_config *cfg);

/*
 * Run command with text on its standard input. WIT_OK when it exits 0;
 * otherwise *why names the command, its exit status (or signal) and
 * the first line it printed: WIT_TEMPFAIL when it exited 75
 * (EX_TEMPFAIL: the mail is queued for later by nobody, try again),
 * WIT_UNAVAILABLE for anything else (a command that cannot run, too).
 */
enum wit_status mail_send_pipe(const char *command, const char *text, char **why);

#endif
