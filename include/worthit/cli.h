/*
 * cli.h: the command line front door. Separates global options (which
 * may stand before or after the command name) from the command's own,
 * resolves the database and config paths, loads what the command needs
 * and dispatches through the command table; without a command it hands
 * over to the dashboard main() passed in.
 */
#ifndef WORTHIT_CLI_H
#define WORTHIT_CLI_H

#include "worthit/cmd.h"

/* What runs when no command is given: the dashboard, passed in by
 * main.c so that the CLI layer does not depend on the TUI layer. Same
 * contract as a command's run(); returns a sysexits.h code. */
typedef int cli_dashboard_fn(struct app_ctx *ctx);

/* Run worthit with argv; returns the process exit code (sysexits.h). */
int cli_main(int argc, char **argv, cli_dashboard_fn *dashboard);

#endif
