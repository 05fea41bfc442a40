/*
 * cmd_unsubscribe.c: `worthit unsubscribe URL`: remove a feed from
 * config "sources" and forget its validators and busy time. Its
 * invitations stay, with their decisions and outcomes.
 */
#include "worthit/cmd.h"
#include "worthit/config_file.h"
#include "worthit/config_sources.h"
#include "worthit/db.h"
#include "worthit/db_busy.h"
#include "worthit/db_source.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>

extern const struct cmd_entry cmd_unsubscribe_entry;

static int unsubscribe_run(struct app_ctx *ctx, int argc, char **argv)
{
	if (argc != 2 || cmd_wants_help(argc, argv))
		return cmd_usage(ctx, &cmd_unsubscribe_entry);
	const char *url = argv[1];
	struct wit_config *saved = xmalloc(sizeof *saved);
	bool exists = false;
	char *why = NULL;
	enum wit_status st = config_file_load(ctx->config_path, saved, &exists, &why);
	int i = st == WIT_OK ? config_sources_find(saved, url) : -1;
	if (st == WIT_OK && (i < 0 || saved->sources[i].url[0] == '\0'))
		st = wit_fail(&why, WIT_USAGE, "%s: not a subscribed feed (`worthit sync --list` "
		              "lists them)", url);
	if (st == WIT_OK) {
		config_sources_remove(saved, (size_t)i);
		st = config_file_save(ctx->config_path, saved, &why);
	}
	long busy = 0;
	if (st == WIT_OK)
		st = db_begin(ctx->db, &why);
	if (st == WIT_OK) {
		st = db_source_feed_drop(ctx->db, url, &why);
		if (st == WIT_OK)
			st = db_busy_clear(ctx->db, url, &busy, &why);
		if (st == WIT_OK)
			st = db_commit(ctx->db, &why);
		else
			db_rollback(ctx->db);
	}
	int code = 0;
	if (st != WIT_OK)
		code = cmd_error(ctx, st, "unsubscribe: %s", why != NULL ? why : wit_status_name(st));
	else
		fprintf(ctx->out, "unsubscribed from %s (%ld busy event%s dropped; invitations "
		        "kept)\n", url, busy, busy == 1 ? "" : "s");
	free(why);
	free(saved);
	return code;
}

const struct cmd_entry cmd_unsubscribe_entry = {
	.name = "unsubscribe",
	.usage = "unsubscribe URL",
	.summary = "remove a feed from the sources (its invitations stay)",
	.help = NULL,
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = unsubscribe_run,
};
