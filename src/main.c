/*
 * main.c: process entry, and the one file that sees both front ends:
 * it hands the dashboard (ui_main, TUI layer) to cli_main (CLI layer),
 * which runs it when no command is given, so neither layer includes the
 * other. main also routes cJSON's and SQLite's allocations through
 * xmalloc's rule, and sets the locale so that titles and bars in UTF-8
 * print correctly, keeping LC_NUMERIC at "C" for machine-readable
 * numbers. It loads the local time zone before anything uses it
 * (clock_load_zone: a failed load is exit 70, never a silent UTC).
 */
#include "worthit/cli.h"
#include "worthit/clock.h"
#include "worthit/db.h"
#include "worthit/ui.h"
#include "worthit/xmalloc.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* xmalloc's out-of-memory hook: the terminal back if the dashboard had
 * it, then exit 70 (EX_SOFTWARE). _exit: no atexit handlers or stdio
 * flushing that might allocate again; a transaction left open is rolled
 * back by SQLite when the file is next opened. */
static void out_of_memory(void)
{
	ui_term_restore_now();
	_exit(70);
}

int main(int argc, char **argv)
{
	/* an allocation failure in cJSON or SQLite ends the run (exit 70)
	 * like one of ours, never a NULL taken for "empty" */
	xmalloc_set_oom_hook(out_of_memory);
	xmalloc_use_for_cjson();
	db_use_xmalloc();
	setlocale(LC_ALL, "");
	/* numbers in JSON, CSV and options always use '.' */
	setlocale(LC_NUMERIC, "C");
	/* before any local time: a zone glibc failed to load reads as UTC */
	char *why = NULL;
	if (clock_load_zone(&why) != WIT_OK) {
		fprintf(stderr, "worthit: %s\n", why);
		free(why);
		return wit_status_exit_code(WIT_SOFTWARE);
	}
	return cli_main(argc, argv, ui_main);
}
