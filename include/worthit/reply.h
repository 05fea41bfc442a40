/*
 * reply.h: `worthit decide ID accept --reply FILE`: the iTIP REPLY
 * (ics_write_reply) written to a file for the mail program to send.
 *
 * Who the user is: $WORTHIT_EMAIL, else $EMAIL (the variable mutt, git
 * and Debian tools read), else the invitation's only attendee when it
 * has exactly one address. Otherwise WIT_USAGE asks to set WORTHIT_EMAIL.
 */
#ifndef WORTHIT_REPLY_H
#define WORTHIT_REPLY_H

#include <stdint.h>

#include "worthit/model.h"
#include "worthit/status.h"

/* The address to answer as (see above), or NULL with *why. Caller frees. */
char *reply_address(const struct invitation *inv, char **why);

/*
 * Write the REPLY answering inv with answer (accepted, declined, maybe)
 * to path ("-" = stdout). An existing file is refused (WIT_CANTCREAT);
 * the file appears complete or not at all (temporary file + link).
 */
enum wit_status reply_write(const struct invitation *inv, enum invite_status answer,
                            const char *path, int64_t now, char **why);

#endif
