/*
 * app_reply.h: the dashboard's RSVP reply (the r key): the iTIP REPLY
 * answering an invitation with its current decision (accepted ->
 * ACCEPTED, declined -> DECLINED, maybe -> TENTATIVE), mailed through
 * mail_send.h exactly as `worthit decide ID accept --send` mails it, or
 * written through reply.h as `--reply FILE` writes it, with the same
 * address rules. A decline carries the COMMENT reply_comment.h proposes
 * from the invitation's score, which the user may edit. No curses: the
 * view shows the message, asks, and calls these.
 *
 * The default file is ~/reply-YYYY-MM-DD-title.ics (the local start
 * date and the title in lower-case ASCII letters and digits, other runs
 * as one '-'), in the working directory when $HOME is unset. A leading
 * "~/" means $HOME; a directory gets the default file name inside it.
 * An existing file is never replaced unless the caller says so (after
 * asking).
 */
#ifndef WORTHIT_APP_REPLY_H
#define WORTHIT_APP_REPLY_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/app_invites.h"
#include "worthit/reply_comment.h"

#define APP_REPLY_PATH_MAX 512

struct app_reply {
	int64_t id;                      /* the invitation answered */
	const char *partstat;            /* "ACCEPTED", "DECLINED", "TENTATIVE"; static */
	char title[96];                  /* for messages */
	char path[APP_REPLY_PATH_MAX];   /* the default file, "~/" for $HOME */
	/* the message, as the user is shown it before it goes */
	char from[128];                  /* the user's address */
	char to[160];                    /* the organizer */
	char subject[160];               /* "Accepted: TITLE" ... */
	char comment[REPLY_COMMENT_MAX + 1]; /* the COMMENT, "" = none; a
	                                    decline's starts as the proposal */
	const char *command;             /* the sendmail command; borrowed */
};

/*
 * Can invitation id be answered now? Loads it in full and checks its
 * status (pending: "decide first (a/d/m)"), the user's address (none:
 * names WORTHIT_EMAIL) and the organizer's; fills *r with the answer
 * and the default file. On refusal the app message (an error) says why
 * and the status is returned.
 */
enum wit_status app_reply_prepare(struct app *app, int64_t id, struct app_reply *r);

/* Set r->comment from what the user typed (reply_comment_clean). */
void app_reply_set_comment(struct app_reply *r, const char *typed);

/*
 * Mail the reply for r->id, with its status as it is now and
 * r->comment, to the organizer through the sendmail command. Success
 * sets the app message ("Sent "Accepted: TITLE" to ORGANIZER as ME");
 * failure returns the status with *why (caller frees) naming the
 * command and its exit status; the decision stays recorded either way.
 */
enum wit_status app_reply_send(struct app *app, const struct app_reply *r, char **why);

/* Whether the file the typed name means (~ expanded, a directory
 * completed with r->path's name) exists already. */
bool app_reply_exists(const struct app_reply *r, const char *typed);

/*
 * Write the reply for r->id, with its status as it is now in the
 * database, to the file typed names (as above); an existing file only
 * when may_replace. Success sets the app message ("Wrote the RSVP reply
 * (ACCEPTED as ADDRESS) to PATH: mail it to ORGANIZER"); failure
 * returns the status with *why (caller frees) and leaves the message.
 */
enum wit_status app_reply_write(struct app *app, const struct app_reply *r, const char *typed,
                                bool may_replace, char **why);

#endif
