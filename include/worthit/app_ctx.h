/*
 * app_ctx.h: what a command or the dashboard runs with: the resolved
 * paths, the loaded config, the open database, the clock and the two
 * output streams. The CLI (src/cli/cli.c) fills it; the app layer and
 * the dashboard take it, so it lives here and not in the CLI's cmd.h.
 */
#ifndef WORTHIT_APP_CTX_H
#define WORTHIT_APP_CTX_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/status.h"

struct app_ctx {
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

/* Print "worthit: MESSAGE" on ctx->err and return st's sysexits.h
 * code: the one way a command or the dashboard's start fails. */
int app_ctx_fail(struct app_ctx *ctx, enum wit_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int app_ctx_vfail(struct app_ctx *ctx, enum wit_status st, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
