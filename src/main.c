/*
 * main.c: process entry. Everything happens in cli_main(); main only
 * sets the locale so that titles and bars in UTF-8 print correctly,
 * keeping LC_NUMERIC at "C" for machine-readable numbers.
 */
#include "worthit/cli.h"

#include <locale.h>

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* numbers in JSON, CSV and options always use '.' */
	setlocale(LC_NUMERIC, "C");
	return cli_main(argc, argv);
}
