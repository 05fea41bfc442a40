/*
 * cmd.h: the command table. Every command lives in its own file
 * src/cli/cmd_NAME.c ending in a `const struct cmd_entry cmd_NAME_entry`
 * written with designated initializers; cmd.c holds the table. The CLI,
 * the dashboard's keys and help output all dispatch through it; a
 * command with subcommands (`contact add`) lists them in its entry's
 * subs table, and cmd_run() dispatches to them.
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

#include "worthit/app_ctx.h"
#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/status.h"

enum cmd_flags {
	CMD_NEEDS_CONFIG = 1 << 0, /* ctx->cfg loaded before run() */
	CMD_NEEDS_DB = 1 << 1,     /* ctx->db opened (created if missing) */
};


typedef int cmd_run_fn(struct app_ctx *ctx, int argc, char **argv);

/* A subcommand: the second word ("contact add"). Its run() has the
 * contract above with argv[0] = the subcommand's word. */
struct cmd_sub {
	const char *name;    /* "add" */
	const char *summary; /* one line, listed by the command's help */
	cmd_run_fn *run;
};

struct cmd_entry {
	const char *name;    /* the word typed: "list" */
	const char *usage;   /* "list [--json] [--status S] ..." */
	const char *summary; /* one line for `worthit --help` */
	const char *help;    /* longer text for `worthit help NAME`, or NULL */
	unsigned flags;      /* enum cmd_flags (for every subcommand too) */
	/* Without subs: the command. With subs: what runs when no subcommand
	 * word follows (nothing, or an option such as `weights --json`);
	 * NULL makes that a usage error. */
	cmd_run_fn *run;
	/* NULL, or the subcommands, ended by an entry with name NULL; cmd_run
	 * dispatches on argv[1] and help lists them. */
	const struct cmd_sub *subs;
};

/* The table, NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];

/* Exact name lookup; NULL when unknown. */
const struct cmd_entry *cmd_find(const char *name);

/* Run e with argv (argv[0] = e->name): the subcommand argv[1] names, or
 * e->run; an unknown subcommand word is a usage error naming the known
 * ones. optind is reset before the call. */
int cmd_run(struct app_ctx *ctx, const struct cmd_entry *e, int argc, char **argv);

/* The way to fail with a message: print "worthit: " + why (the status's
 * name when why is NULL) to ctx->err, free why, return the status's
 * sysexits code. */
int cmd_fail(struct app_ctx *ctx, enum wit_status st, char *why);
/* cmd_fail with a message formatted here. */
/* Print o on out as one line of JSON and free it (the JSON output of
 * every command: compact, one object or array, newline-terminated). */
struct cJSON;
void cmd_print_json(FILE *out, struct cJSON *o);

int cmd_error(struct app_ctx *ctx, enum wit_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Print "usage: worthit USAGE" to ctx->err; returns EX_USAGE. */
int cmd_usage(struct app_ctx *ctx, const struct cmd_entry *e);
/* Print the entry's usage, summary and help to ctx->out; returns 0. */
int cmd_print_help(struct app_ctx *ctx, const struct cmd_entry *e);
/* For commands' own `--help` handling: true when argv holds --help/-h
 * as an option (before any "--"). */
bool cmd_wants_help(int argc, char **argv);

/* "pending,maybe" or "all" into a mask of (1u << enum invite_status). */
enum wit_status cmd_parse_status_mask(const char *spec, unsigned *mask, char **why);

/*
 * The one parser of ids on the command line: a positive whole number
 * ("12"; no sign, blank or trailing text). what names the kind of id in
 * the message ("invitation", "deal"); opt is the option it came from, or
 * NULL for a positional argument. Otherwise WIT_USAGE (exit 64):
 * `--met-at: "x" is not an invitation id (a positive number)`.
 */
enum wit_status cmd_parse_id_of(const char *opt, const char *what, const char *s, int64_t *id,
                                char **why);
/* An invitation id given as a positional argument:
 * cmd_parse_id_of(NULL, "invitation", s, id, why). */
enum wit_status cmd_parse_id(const char *s, int64_t *id, char **why);

#endif
