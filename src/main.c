/*
 * main.c: process entry, and the one file that sees both front ends:
 * it hands the dashboard (ui_main, TUI layer) to cli_main (CLI layer),
 * which runs it when no command is given, so neither layer includes the
 * other. main also routes cJSON's and SQLite's allocations through
 * xmalloc's rule, and sets the locale so that titles and bars in UTF-8
 * print correctly, keeping LC_NUMERIC at "C" for machine-readable
 * numbers.
 */
#include "worthit/cli.h"
#include "worthit/db.h"
#include "worthit/ui.h"
#include "worthit/xmalloc.h"

#include <locale.h>
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
	return cli_main(argc, argv, ui_main);
}
