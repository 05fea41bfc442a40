/*
 * vdir_partstat.h: writing the user's answer into an event file of
 * their vdir, so that vdirsyncer carries it to the calendar server. The
 * PARTSTAT parameter of every ATTENDEE line naming the user is edited
 * in the text (added when missing); every other byte of the file stays
 * as it was, folding included (RFC 5545 3.1). The file is replaced
 * atomically (temporary file beside it, fsync, rename, fsync of the
 * directory) with its mode kept.
 */
#ifndef WORTHIT_VDIR_PARTSTAT_H
#define WORTHIT_VDIR_PARTSTAT_H

#include <stddef.h>

#include "worthit/config.h"
#include "worthit/status.h"

/*
 * Edit text[0..len): every ATTENDEE of the user (cfg "me") gets
 * PARTSTAT=partstat ("ACCEPTED", "DECLINED", "TENTATIVE"). *out (caller
 * frees) is the new text, *n_out its length, *n_lines the ATTENDEE lines
 * changed (0: the user is no attendee there; *out is a copy).
 */
void vdir_partstat_edit(const char *text, size_t len, const struct wit_config *cfg,
                        const char *partstat, char **out, size_t *n_out, int *n_lines);

/* Edit the file at path in place. WIT_NOTFOUND when the user is no
 * attendee in it (the file is left alone); WIT_IOERR/WIT_NOINPUT name
 * the file. */
enum wit_status vdir_partstat_write(const char *path, const struct wit_config *cfg,
                                    const char *partstat, char **why);

#endif
