/*
 * cmd_demo.c: `worthit demo [--force]`: create or refresh the demo
 * database at the --db path from share/demo/ (demo.h), and with an
 * explicit --config PATH (or $WORTHIT_CONFIG) also write the demo
 * persona's config there unless a file exists. --force rebuilds the
 * database from scratch, but only when the file is a worthit database:
 * anything else is refused and left untouched.
 */
#include "worthit/cmd.h"
#include "worthit/db.h"
#include "worthit/demo.h"
#include "worthit/paths.h"
#include "worthit/xmalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern const struct cmd_entry cmd_demo_entry;

/* Remove an existing worthit database (and its WAL files) at path. */
static enum wit_status remove_database(const char *path, char **why)
{
	if (access(path, F_OK) != 0)
		return WIT_OK;
	struct db *db = NULL;
	char *cause = NULL;
	enum wit_status st = db_open(path, DB_OPEN_EXISTING, &db, &cause);
	if (st != WIT_OK) {
		st = wit_fail(why, st, "--force: refusing to replace %s: %s", path,
		              cause ? cause : wit_status_name(st));
		free(cause);
		return st;
	}
	db_close(db);
	const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
	return WIT_OK;
}

static int write_config(struct app_ctx *ctx, const char *dir)
{
	bool written = false;
	char *why = NULL;
	enum wit_status st = demo_write_config(dir, ctx->config_path, &written, &why);
	if (st != WIT_OK) {
		return cmd_fail(ctx, st, why);
	}
	fprintf(ctx->out, written ? "demo config written to %s\n"
	                          : "config %s exists: left as it is\n", ctx->config_path);
	return 0;
}

static int demo_run(struct app_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"force", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	bool force = false;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'f')
			return cmd_usage(ctx, &cmd_demo_entry);
		force = true;
	}
	if (optind < argc) {
		cmd_error(ctx, WIT_USAGE, "unexpected argument '%s'", argv[optind]);
		return cmd_usage(ctx, &cmd_demo_entry);
	}
	char *why = NULL;
	char *data = paths_data_dir();
	char *dir = xasprintf("%s/demo", data);
	free(data);
	struct db *db = NULL;
	struct demo_summary sum;
	enum wit_status st = force ? remove_database(ctx->db_path, &why) : WIT_OK;
	if (st == WIT_OK)
		st = db_open(ctx->db_path, DB_OPEN_CREATE, &db, &why);
	if (st == WIT_OK)
		st = demo_load(db, dir, ctx->now, &sum, &why);
	db_close(db);
	int code = 0;
	if (st != WIT_OK) {
		code = cmd_fail(ctx, st, why);
		why = NULL;
	} else {
		fprintf(ctx->out, "demo database %s: %d invitations (%d upcoming, %d new), "
		        "%d decisions, %d outcomes, %d contacts, %d deals added\n", ctx->db_path,
		        sum.invitations, sum.upcoming, sum.invitations_added, sum.decisions,
		        sum.outcomes, sum.contacts, sum.deals);
		if (ctx->config_given)
			code = write_config(ctx, dir);
	}
	free(why);
	free(dir);
	return code;
}

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.usage = "demo [--force]",
	.summary = "create or refresh a demo database",
	.help = "Loads the demo persona (a freelance developer selling custom software to\n"
	        "law firms and healthcare practices) into the --db database: two years of\n"
	        "past events with decisions, outcomes, contacts and deals, and the coming\n"
	        "four months of invitations, dated relative to today. Re-running refreshes\n"
	        "the dates and adds nothing twice.\n"
	        "  --force      rebuild the database from scratch (only a worthit database\n"
	        "               is ever replaced)\n"
	        "With --config PATH, also writes the persona's config to PATH unless a file\n"
	        "is there already.\n",
	.flags = 0,
	.run = demo_run,
};
