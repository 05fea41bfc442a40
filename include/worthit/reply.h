/*
 * reply.h: RSVP replies: the iTIP REPLY (ics_write_reply) answering an
 * invitation, with an optional COMMENT (RFC 5546 3.2.3), as text, as a
 * file for the mail program to send, or as the calendar part of the
 * iMIP message mail_send.h builds. Shared by `worthit decide ID accept
 * --reply FILE | --send` and the dashboard's r key, so both find the
 * user's address and write the reply the same way.
 *
 * Who the user is, first match:
 *   1. the address of config "me" the invitation was sent to: the
 *      import takes it out of the attendees into inv->me_address (one
 *      of several addresses: a reply comes from the one invited), or an
 *      address of "me" still among the attendees;
 *   2. $WORTHIT_EMAIL, else $EMAIL (the variable mutt, git and Debian
 *      tools read);
 *   3. the first address of config "me";
 *   4. the invitation's only attendee, when it has exactly one address
 *      and that address is not the organizer's (a reply never answers
 *      as the organizer).
 * Otherwise WIT_USAGE asks to set "me" (or WORTHIT_EMAIL).
 */
#ifndef WORTHIT_REPLY_H
#define WORTHIT_REPLY_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/config.h"
#include "worthit/model.h"
#include "worthit/status.h"

/* The bare address ("a@b", no name, no "mailto:") to answer as (see
 * above), or NULL with *why. cfg may be NULL (no "me"). Caller frees. */
char *reply_address(const struct invitation *inv, const struct wit_config *cfg, char **why);

/* The bare address in "Name <addr>", "mailto:addr" or "addr", or NULL
 * when there is no '@'. Caller frees. */
char *reply_bare_address(const char *who);

/*
 * The REPLY answering inv with answer (accepted, declined, maybe) as
 * text in *text (caller frees), with COMMENT comment when it is not
 * NULL or empty: everything reply_write checks except the file, so a
 * caller can refuse before asking for a file name. WIT_USAGE without an
 * address or for another answer, WIT_DATA when the invitation has no
 * organizer address to reply to.
 */
enum wit_status reply_text(const struct invitation *inv, const struct wit_config *cfg,
                           enum invite_status answer, const char *comment, int64_t now,
                           char **text, char **why);

/*
 * Write that REPLY to path ("-" = standard output, nothing else on it).
 * An existing file is refused (WIT_CANTCREAT, "PATH exists; not
 * overwritten") unless may_replace; either way the file appears
 * complete or not at all (temporary file, then link(2), or rename(2)
 * when replacing), so a refused or failed write leaves what was there.
 */
enum wit_status reply_write(const struct invitation *inv, const struct wit_config *cfg,
                            enum invite_status answer, const char *comment, const char *path,
                            int64_t now, bool may_replace, char **why);

/*
 * The invitation a reply for a whole series answers: a deep copy of
 * occurrence (dst uninitialised or done; invitation_done() it) without
 * its RECURRENCE-ID, so the REPLY names the series' UID alone and
 * covers every instance (RFC 5546 3.2.3: a REPLY without RECURRENCE-ID
 * answers the recurrence set).
 */
void reply_series_of(struct invitation *dst, const struct invitation *occurrence);

#endif
