/*
 * cmd_weights_sub.c: the table of `worthit weights` subcommands that
 * live outside cmd_weights.c (see cmd_weights_sub.h), and their help.
 */
#include "worthit/cmd_weights_sub.h"

#include <string.h>

static const struct {
	const char *name;
	cmd_weights_sub_fn *run;
} subs[] = {
	{ "suggest", cmd_weights_learn_suggest },
	{ "backtest", cmd_weights_learn_backtest },
	{ "preset", cmd_weights_preset_run },
};

cmd_weights_sub_fn *cmd_weights_sub_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < sizeof subs / sizeof *subs; i++)
		if (strcmp(subs[i].name, name) == 0)
			return subs[i].run;
	return NULL;
}

const char cmd_weights_sub_help[] = CMD_WEIGHTS_SUB_HELP;
