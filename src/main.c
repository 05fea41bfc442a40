/*
 * main.c: process entry. Everything happens in cli_main(); main only
 * sets the locale so that titles and bars in UTF-8 print correctly.
 */
#include "worthit/cli.h"

#include <locale.h>

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
