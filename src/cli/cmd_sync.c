/*
 * cmd_sync.c: `worthit sync [--force] [--list]`: read what is new in
 * every source of config "sources" (sync.h), print one summary line
 * ("sync: 3 new, 1 updated, 1 cancelled; feed URL: unchanged"), the
 * problems on stderr. --list shows the sources, their kind and state.
 *
 * Mail sources go through the `import` command itself (run with
 * --skip-bad --json, its summary read back), so sync recognises and
 * stores mail exactly as `worthit import PATH` does.
 *
 * Exit: 0; EX_TEMPFAIL (75) when a feed could not be read (its last good
 * copy is kept); EX_DATAERR (65) when a file or message was bad (the
 * rest is imported); the database's code when writing failed.
 */
#include "worthit/cmd.h"
#include "worthit/cmd_sync.h"
#include "worthit/config_sources.h"
#include "worthit/db_busy.h"
#include "worthit/db_source.h"
#include "worthit/sync.h"
#include "worthit/vdir.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const struct cmd_entry cmd_sync_entry;
extern const struct cmd_entry cmd_import_entry;

/* ---- the import hook ---- */

static void add_summary(const char *line, struct sync_counts *n)
{
	cJSON *o = cJSON_Parse(line);
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, "summary");
	if (cJSON_IsObject(s)) {
		n->added += (long)cJSON_GetNumberValue(cJSON_GetObjectItem(s, "added"));
		n->updated += (long)cJSON_GetNumberValue(cJSON_GetObjectItem(s, "updated"));
		n->cancelled += (long)cJSON_GetNumberValue(cJSON_GetObjectItem(s, "cancelled"));
		n->unchanged += (long)cJSON_GetNumberValue(cJSON_GetObjectItem(s, "unchanged"));
		n->problems += (long)cJSON_GetNumberValue(cJSON_GetObjectItem(s, "skipped"));
	}
	cJSON_Delete(o);
}

enum wit_status cmd_sync_import_mail(void *arg, char *const *paths, size_t n_paths,
                                     struct sync_counts *n, char **why)
{
	struct app_ctx *ctx = arg;
	struct app_ctx sub = *ctx;
	char *text = NULL;
	size_t len = 0;
	sub.out = open_memstream(&text, &len);
	if (sub.out == NULL)
		return wit_fail(why, WIT_IOERR, "cannot buffer the import's output");
	char **argv = xcalloc(n_paths + 5, sizeof *argv);
	int argc = 0;
	argv[argc++] = (char *)"import";
	argv[argc++] = (char *)"--skip-bad";
	argv[argc++] = (char *)"--json";
	for (size_t i = 0; i < n_paths; i++)
		argv[argc++] = paths[i];
	optind = 0;
	int code = cmd_import_entry.run(&sub, argc, argv);
	fclose(sub.out);
	for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n"))
		if (strstr(line, "\"summary\"") != NULL)
			add_summary(line, n);
	free(text);
	free(argv);
	/* 65 with a summary: some messages were bad (reported, counted), the
	 * rest imported; anything else: nothing of it was */
	if (code == 0 || code == 65)
		return WIT_OK;
	return wit_fail(why, WIT_DATA, "`worthit import` failed (exit %d); read again next sync",
	                code);
}

/* ---- --list ---- */

static void list_feed(struct app_ctx *ctx, const struct source_conf *s)
{
	struct feed_state f;
	bool found = false;
	char *why = NULL;
	if (db_source_feed_get(ctx->db, s->url, &f, &found, &why) != WIT_OK || !found) {
		fputs("  never asked\n", ctx->out);
		free(why);
		return;
	}
	char when[32] = "never";
	if (f.ok_at > 0) {
		time_t t = (time_t)f.ok_at;
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", gmtime(&t));
	}
	fprintf(ctx->out, "  last good answer %s (to the hour)", when);
	if (f.etag != NULL)
		fprintf(ctx->out, ", ETag %s", f.etag);
	if (f.error != NULL)
		fprintf(ctx->out, "\n  last error: %s", f.error);
	fputc('\n', ctx->out);
	feed_state_done(&f);
}

static int list_sources(struct app_ctx *ctx)
{
	const struct wit_config *cfg = ctx->cfg;
	if (cfg->n_sources == 0)
		fputs("no sources (config \"sources\"; `worthit subscribe URL` adds a feed)\n",
		      ctx->out);
	for (size_t i = 0; i < cfg->n_sources; i++) {
		const struct source_conf *s = &cfg->sources[i];
		const char *flags = s->is_busy ? (s->has_write_back ? " busy write_back" : " busy")
		                    : s->has_write_back ? " write_back" : "";
		if (s->url[0] != '\0') {
			fprintf(ctx->out, "feed     %s%s\n", s->url, flags);
			list_feed(ctx, s);
			continue;
		}
		char *path = vdir_expand_home(s->path), *why = NULL;
		enum source_kind kind;
		const char *k = vdir_kind_of(path, &kind, &why) == WIT_OK ? source_kind_name(kind)
		                                                           : "missing";
		struct source_file_state *seen = NULL;
		size_t n = 0;
		db_source_files(ctx->db, path, &seen, &n, NULL);
		fprintf(ctx->out, "%-8s %s%s\n  %zu file%s seen\n", k, s->path, flags, n,
		        n == 1 ? "" : "s");
		vdir_files_free(seen, n);
		free(why);
		free(path);
	}
	long busy = 0;
	if (db_busy_count(ctx->db, &busy, NULL) == WIT_OK)
		fprintf(ctx->out, "busy time: %ld event%s\n", busy, busy == 1 ? "" : "s");
	return 0;
}

/* ---- the command ---- */

int cmd_sync_sources(struct app_ctx *ctx, const struct source_conf *sources, size_t n,
                     bool is_forced, const char *verb)
{
	struct sync_opts o = {
		.db = ctx->db, .cfg = ctx->cfg, .now = ctx->now, .err = ctx->err,
		.is_forced = is_forced, .import_mail = cmd_sync_import_mail, .import_arg = ctx,
	};
	struct sync_counts counts;
	char *why = NULL;
	enum wit_status st = sync_sources(&o, sources, n, &counts, &why);
	int code = 0;
	if (st != WIT_OK) {
		code = cmd_error(ctx, st, "%s: %s", verb, why != NULL ? why : wit_status_name(st));
	} else {
		char *line = sync_summary(verb, &counts);
		fprintf(ctx->out, "%s\n", line);
		free(line);
		code = counts.feeds_failed > 0 ? wit_status_exit_code(WIT_TEMPFAIL)
		       : counts.problems > 0   ? wit_status_exit_code(WIT_DATA) : 0;
	}
	free(why);
	sync_counts_done(&counts);
	return code;
}

static int sync_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"list", no_argument, NULL, 'l'}, {"force", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	bool is_list = false, is_forced = false;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'l': is_list = true; break;
		case 'f': is_forced = true; break;
		default: return cmd_usage(ctx, &cmd_sync_entry);
		}
	}
	if (optind < argc)
		return cmd_usage(ctx, &cmd_sync_entry);
	if (is_list)
		return list_sources(ctx);
	return cmd_sync_sources(ctx, ctx->cfg->sources, ctx->cfg->n_sources, is_forced, "sync");
}

const struct cmd_entry cmd_sync_entry = {
	.name = "sync",
	.usage = "sync [--force] [--list]",
	.summary = "import what is new in every source: vdirs, .ics files, feeds, mail",
	.help = "Reads config \"sources\": a vdir (one .ics per event, as vdirsyncer writes and\n"
	        "khal reads), an .ics file, a Maildir or mbox, or a feed URL. Files unchanged\n"
	        "since the last sync (name, mtime, size) are not opened; feeds are asked with\n"
	        "If-None-Match / If-Modified-Since. In your calendars, an event where you are\n"
	        "an attendee is an invitation (answered already when PARTSTAT says so); one you\n"
	        "organize, or without attendees, is busy time that scores check for clashes.\n"
	        "An event gone from its file or feed is cancelled (decisions are kept).\n"
	        "  --force  read every file again\n"
	        "  --list   show the sources, their kind, and each feed's last answer\n"
	        "Exit 75 when a feed failed (its last good copy is kept), 65 when a file was bad.\n",
	.flags = CMD_NEEDS_CONFIG | CMD_NEEDS_DB,
	.run = sync_run,
};
