/*
 * cmd_weights_sub.h: the subcommands of `worthit weights` that learn
 * from outcomes and manage presets, kept out of cmd_weights.c (which
 * owns show/set/reset): `weights suggest`, `weights backtest` and
 * `weights preset list|save|use|delete`. cmd_weights.c lists them in
 * its entry's subcommand table.
 *
 * Each run() has the cmd_entry run() contract of cmd.h, with argv[0]
 * the subcommand's name ("suggest"); it opens the database itself when
 * ctx->db is NULL (the weights entry asks only for the config).
 */
#ifndef WORTHIT_CMD_WEIGHTS_SUB_H
#define WORTHIT_CMD_WEIGHTS_SUB_H

#include "worthit/cmd.h"

/* Usage lines of the subcommands, for the weights entry's help: a
 * string literal, so `.help = "..." CMD_WEIGHTS_SUB_HELP` works in an
 * initializer; cmd_weights_sub_help holds the same text. */
#define CMD_WEIGHTS_SUB_HELP \
	"  suggest [--json] [--target value|rating] [--apply]\n" \
	"                      fit the weights that best explain your logged outcomes\n" \
	"                      (at least 20 past events); shows them beside the current\n" \
	"                      ones with the fit quality and a backtest; --apply saves them\n" \
	"  backtest [--json] [--target value|rating]\n" \
	"                      how well the scores would have ranked what paid off: as\n" \
	"                      decided, the saved weights and any --weights\n" \
	"  preset list [--json] | preset save NAME | preset use NAME | preset delete NAME\n" \
	"                      named sets of weights and thresholds in the config\n"
#define CMD_WEIGHTS_SUB_USAGE \
	" | weights suggest [--json] [--target value|rating] [--apply]" \
	" | weights backtest [--json] [--target value|rating]" \
	" | weights preset list|save|use|delete [NAME]"
extern const char cmd_weights_sub_help[];

int cmd_weights_learn_suggest(struct app_ctx *ctx, int argc, char **argv);
int cmd_weights_learn_backtest(struct app_ctx *ctx, int argc, char **argv);
int cmd_weights_preset_run(struct app_ctx *ctx, int argc, char **argv);

#endif
