/*
 * cli.h: the command line front door. Separates global options (which
 * may stand before or after the command name) from the command's own,
 * resolves the database and config paths, loads what the command needs
 * and dispatches through the command table.
 */
#ifndef WORTHIT_CLI_H
#define WORTHIT_CLI_H

/* Run worthit with argv; returns the process exit code (sysexits.h). */
int cli_main(int argc, char **argv);

#endif
