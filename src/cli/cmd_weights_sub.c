/*
 * cmd_weights_sub.c: the help text of the `worthit weights` subcommands
 * that live outside cmd_weights.c (see cmd_weights_sub.h), for their own
 * usage messages; the table that dispatches to them is cmd_weights.c's.
 */
#include "worthit/cmd_weights_sub.h"

const char cmd_weights_sub_help[] = CMD_WEIGHTS_SUB_HELP;
