/*
 * cmd_keys.c: `worthit keys`: every key of the dashboard, printed from
 * the key table (keys.c) exactly as the ? overlay lists it, so the
 * README, the man page's DASHBOARD section and scripts can be checked
 * against the one source. Prints only; needs no database or config.
 */
#include "worthit/cmd.h"
#include "worthit/keys.h"

#include <getopt.h>
#include <stdbool.h>

extern const struct cmd_entry cmd_keys_entry;

static int keys_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	if (getopt_long(argc, argv, "", longopts, NULL) != -1 || argc - optind != 0)
		return cmd_usage(ctx, &cmd_keys_entry);
	char line[160];
	bool is_title;
	for (int i = 0; keys_help_line(i, line, sizeof line, &is_title); i++)
		fprintf(ctx->out, "%s%s\n", is_title && i > 0 ? "\n" : "", line);
	return 0;
}

const struct cmd_entry cmd_keys_entry = {
	.name = "keys",
	.usage = "keys",
	.summary = "list the dashboard's keys (the ? overlay's list)",
	.help = "Key names: a character stands for itself, ^X is Control-X, and Up Down\n"
	        "Home End PgUp PgDn Enter Esc Tab BTab (Shift-Tab) Space are those keys.\n",
	.flags = 0,
	.run = keys_run,
};
