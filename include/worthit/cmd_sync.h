/*
 * cmd_sync.h: the part of `worthit sync` that `subscribe` and `import
 * DIR` share: syncing a list of sources and printing the summary line.
 */
#ifndef WORTHIT_CMD_SYNC_H
#define WORTHIT_CMD_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "worthit/cmd.h"
#include "worthit/config.h"
#include "worthit/sync.h"

/* Sync sources[0..n) (sync.h), print "VERB: 3 new, ..." to ctx->out
 * and problems to ctx->err; returns the exit code (0, 65 when a file
 * was bad, 75 when a feed failed, or the database's). */
int cmd_sync_sources(struct app_ctx *ctx, const struct source_conf *sources, size_t n,
                     bool is_forced, const char *verb);

/* The sync_import_fn of the CLI (sync.h): runs `worthit import
 * --skip-bad --json PATH...` in-process on arg, a struct app_ctx (its
 * err receives the import's messages), and adds its summary to *n.
 * cli_main registers it with sync_set_import_hook(). */
enum wit_status cmd_sync_import_mail(void *arg, char *const *paths, size_t n_paths,
                                     struct sync_counts *n, char **why);

#endif
