/*
 * cmd_subscribe.c: `worthit subscribe URL [--busy]`: add a calendar
 * feed to config "sources" and read it once. The feed is asked first;
 * one that cannot be read (timeout, HTTP error, not iCalendar, too
 * large) is not added, and the message names the URL. webcal:// is
 * read as https://; only http and https are fetched.
 */
#include "worthit/cmd.h"
#include "worthit/cmd_sync.h"
#include "worthit/config_file.h"
#include "worthit/config_sources.h"
#include "worthit/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

extern const struct cmd_entry cmd_subscribe_entry;

static int subscribe_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"busy", no_argument, NULL, 'b'}, {NULL, 0, NULL, 0},
	};
	bool is_busy = false;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'b')
			return cmd_usage(ctx, &cmd_subscribe_entry);
		is_busy = true;
	}
	if (optind + 1 != argc)
		return cmd_usage(ctx, &cmd_subscribe_entry);
	const char *url = argv[optind];
	char norm[SOURCE_PATH_MAX];
	if (!config_sources_normalize_url(url, norm, sizeof norm))
		return cmd_error(ctx, WIT_USAGE, "subscribe: %s: expected an https, http or webcal "
		                 "URL", url);
	struct wit_config *saved = xmalloc(sizeof *saved);
	bool exists = false;
	char *why = NULL;
	enum wit_status st = config_file_load(ctx->config_path, saved, &exists, &why);
	if (st == WIT_OK)
		st = config_sources_add_feed(saved, url, is_busy, &why);
	int code = 0;
	if (st == WIT_OK) {
		/* read it before saving: a feed that fails is not added */
		struct source_conf *one = &saved->sources[saved->n_sources - 1];
		code = cmd_sync_sources(ctx, one, 1, false, "subscribe");
		if (code == 0 || code == wit_status_exit_code(WIT_DATA))
			st = config_file_save(ctx->config_path, saved, &why);
		else
			cmd_error(ctx, WIT_TEMPFAIL, "subscribe: %s not added", url);
		if (st == WIT_OK && (code == 0 || code == wit_status_exit_code(WIT_DATA)))
			fprintf(ctx->out, "subscribed to %s%s; `worthit sync` asks it again\n", url,
			        is_busy ? " (busy time)" : "");
	}
	if (st != WIT_OK)
		code = cmd_error(ctx, st, "subscribe: %s", why != NULL ? why : wit_status_name(st));
	free(why);
	free(saved);
	return code;
}

const struct cmd_entry cmd_subscribe_entry = {
	.name = "subscribe",
	.usage = "subscribe URL [--busy]",
	.summary = "add a calendar feed (https, http, webcal) to the sources and read it",
	.help = "The feed is read once now, then by every `worthit sync` (conditional\n"
	        "requests: an unchanged feed costs one small answer). Its events are\n"
	        "invitations; with --busy they are your busy time instead (your own\n"
	        "calendar's private address), which scores check for clashes.\n"
	        "A feed that cannot be read is not added (exit 75). See config \"feeds\"\n"
	        "for the timeout and size cap.\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = subscribe_run,
};
