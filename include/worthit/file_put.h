/*
 * file_put.h: writing a user's output file without ever leaving half of
 * it, and without overwriting an existing file unless asked. Used by
 * `export -o` and RSVP replies (the config file has its own, durable
 * variant in config_file.c: fsync, symlinks followed, mode kept).
 */
#ifndef WORTHIT_FILE_PUT_H
#define WORTHIT_FILE_PUT_H

#include <stdbool.h>
#include <stdio.h>

#include "worthit/status.h"

/* Writes the content to out; returns WIT_OK or a status with *why. */
typedef enum wit_status (*file_put_fn)(FILE *out, void *arg, char **why);

/*
 * Write through fn into a new temporary file beside path (mode 0600
 * whatever the umask; a replaced file keeps its own mode), then put it
 * in place: renamed over path when may_replace, else linked (or, where
 * the file system has no hard links, path claimed with O_EXCL and the
 * temporary file renamed over the claim), so a path that exists (even
 * one that appeared meanwhile) is refused with WIT_CANTCREAT "PATH
 * exists; not overwritten". On any failure nothing is left behind and
 * path is untouched.
 */
enum wit_status file_put(const char *path, bool may_replace, file_put_fn fn, void *arg,
                         char **why);

#endif
