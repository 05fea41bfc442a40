/*
 * reply.h: RSVP replies: the iTIP REPLY (ics_write_reply) answering an
 * invitation, written to a file for the mail program to send. Shared by
 * `worthit decide ID accept --reply FILE` and the dashboard's r key, so
 * both find the user's address and write the file the same way.
 *
 * Who the user is: $WORTHIT_EMAIL, else $EMAIL (the variable mutt, git
 * and Debian tools read), else the invitation's only attendee when it
 * has exactly one address. Otherwise WIT_USAGE asks to set WORTHIT_EMAIL.
 */
#ifndef WORTHIT_REPLY_H
#define WORTHIT_REPLY_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/model.h"
#include "worthit/status.h"

/* The address to answer as (see above), or NULL with *why. Caller frees. */
char *reply_address(const struct invitation *inv, char **why);

/*
 * The REPLY answering inv with answer (accepted, declined, maybe) as
 * text in *text (caller frees): everything reply_write checks except
 * the file, so a caller can refuse before asking for a file name.
 * WIT_USAGE without an address or for another answer, WIT_DATA when the
 * invitation has no organizer address to reply to.
 */
enum wit_status reply_text(const struct invitation *inv, enum invite_status answer,
                           int64_t now, char **text, char **why);

/*
 * Write the REPLY answering inv with answer to path ("-" = stdout). An
 * existing file is refused (WIT_CANTCREAT, "PATH exists; not
 * overwritten") unless may_replace; either way the file appears
 * complete or not at all (temporary file, then link(2), or rename(2)
 * when replacing), so a refused or failed write leaves what was there.
 */
enum wit_status reply_write(const struct invitation *inv, enum invite_status answer,
                            const char *path, int64_t now, bool may_replace, char **why);

/*
 * The invitation a reply for a whole series answers: a deep copy of
 * occurrence (dst uninitialised or done; invitation_done() it) without
 * its RECURRENCE-ID, so the REPLY names the series' UID alone and
 * covers every instance (RFC 5546 3.2.3: a REPLY without RECURRENCE-ID
 * answers the recurrence set).
 */
void reply_series_of(struct invitation *dst, const struct invitation *occurrence);

#endif
