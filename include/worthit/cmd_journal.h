/*
 * cmd_journal.h: the step shared by `worthit undo` and `worthit redo`.
 */
#ifndef WORTHIT_CMD_JOURNAL_H
#define WORTHIT_CMD_JOURNAL_H

#include <stdbool.h>

#include "worthit/cmd.h"

/* Undo (is_undo) or redo the latest journal step and print what changed;
 * e is the calling command (for its usage line). Returns an exit code. */
int cmd_journal_step(struct app_ctx *ctx, int argc, bool is_undo, const struct cmd_entry *e);

#endif
