/*
 * cmd.h: the command table. Every command lives in its own file
 * src/cmd_NAME.c ending in a `const struct cmd_entry cmd_NAME_entry`
 * written with designated initializers; cmd.c holds the table. The CLI,
 * the dashboard's keys and help output all dispatch through it.
 *
 * A command's run() receives argv with argv[0] = the command name and
 * the global options (--db, --config, --theme, --weights) already
 * removed; it parses its own options with getopt_long (optind is reset
 * to 0 before the call) and returns a sysexits.h code. It prints results
 * to ctx->out and diagnostics to ctx->err as "worthit: ..." lines.
 */
#ifndef WORTHIT_CMD_H
#define WORTHIT_CMD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/status.h"

enum cmd_flags {
	CMD_NEEDS_CONFIG = 1 << 0, /* ctx->cfg loaded before run() */
	CMD_NEEDS_DB = 1 << 1,     /* ctx->db opened (created if missing) */
};

struct cmd_ctx {
	const char *db_path;     /* resolved: --db, $WORTHIT_DB or XDG default */
	const char *config_path; /* resolved: --config, $WORTHIT_CONFIG or XDG */
	bool config_given;       /* true when --config or $WORTHIT_CONFIG named it */
	const char *theme;       /* --theme, or NULL */
	const char *weights_override; /* --weights name=value,..., or NULL;
	                                 already applied to cfg->score */
	struct wit_config *cfg;  /* loaded when CMD_NEEDS_CONFIG */
	bool config_exists;      /* false: cfg holds built-in defaults */
	struct db *db;           /* open when CMD_NEEDS_DB */
	int64_t now;             /* UTC seconds, WORTHIT_NOW honoured */
	FILE *out;
	FILE *err;
};

struct cmd_entry {
	const char *name;    /* the word typed: "list" */
	const char *usage;   /* "list [--json] [--status S] ..." */
	const char *summary; /* one line for `worthit --help` */
	const char *help;    /* longer text for `worthit help NAME`, or NULL */
	unsigned flags;      /* enum cmd_flags */
	int (*run)(struct cmd_ctx *ctx, int argc, char **argv);
};

/* The table, NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];

/* Exact name lookup; NULL when unknown. */
const struct cmd_entry *cmd_find(const char *name);

/* Print "worthit: " + message to ctx->err and return the status's
 * sysexits code. */
int cmd_error(struct cmd_ctx *ctx, enum wit_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Print "usage: worthit USAGE" to ctx->err; returns EX_USAGE. */
int cmd_usage(struct cmd_ctx *ctx, const struct cmd_entry *e);
/* Print the entry's usage, summary and help to ctx->out; returns 0. */
int cmd_print_help(struct cmd_ctx *ctx, const struct cmd_entry *e);
/* For commands' own `--help` handling: true when argv holds --help/-h
 * as an option (before any "--"). */
bool cmd_wants_help(int argc, char **argv);

/* "pending,maybe" or "all" into a mask of (1u << enum invite_status). */
enum wit_status cmd_parse_status_mask(const char *spec, unsigned *mask, char **why);

/* Parse a positive invitation id ("12"). */
enum wit_status cmd_parse_id(const char *s, int64_t *id, char **why);

#endif
