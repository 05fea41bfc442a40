/*
 * reply_comment.h: the COMMENT of a decline (RFC 5546 3.2.3 lets a
 * REPLY carry one): an honest, polite sentence proposed from the score's
 * main reasons, in the user's plain words, for the user to edit before
 * it goes; and the cleaning of what the user typed. Pure: no I/O.
 *
 * Wording rules: "Thank you for thinking of me." first; then at most
 * two reasons, the strongest the score shows (a clash with another
 * commitment or a blocked time always first; then, by strength, a room
 * that is mostly not buyers, a cost in time, hours outside the user's
 * windows or beyond the month's band that the value does not cover,
 * past events of the organizer that brought nothing, distance; see
 * reply_comment.c), each said as the user would say it; then "so I
 * will pass this time." Reasons the organizer cannot act on or that
 * would be unkind to say (no speaking slot, no friends attending) are
 * never given. With no reason left: "I cannot make it this time."
 */
#ifndef WORTHIT_REPLY_COMMENT_H
#define WORTHIT_REPLY_COMMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "worthit/score.h"

#define REPLY_COMMENT_MAX 500 /* bytes of a COMMENT, NUL excluded */

/* The proposed COMMENT for declining an invitation scored r, into buf
 * (len bytes, at least REPLY_COMMENT_MAX + 1 to never cut it). */
void reply_comment_propose(const struct score_result *r, char *buf, size_t len);

/*
 * What the user typed, made fit for a COMMENT: control characters
 * (newlines included) become spaces, runs of spaces one, both ends
 * trimmed, cut at REPLY_COMMENT_MAX bytes (or len - 1) on a UTF-8
 * character boundary. False when nothing is left: no COMMENT then.
 */
bool reply_comment_clean(const char *typed, char *out, size_t len);

#endif
