/*
 * status.c: names and exit codes of enum wit_status, and wit_fail() to
 * build a detail message. The mapping to sysexits.h lives here only.
 */
#include "worthit/status.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sysexits.h>

static const struct {
	const char *name;
	int exit_code;
} status_table[WIT_STATUS_COUNT] = {
	[WIT_OK] = {"ok", 0},
	[WIT_USAGE] = {"usage error", EX_USAGE},
	[WIT_DATA] = {"data error", EX_DATAERR},
	[WIT_NOINPUT] = {"cannot open input", EX_NOINPUT},
	[WIT_NOTFOUND] = {"not found", EX_DATAERR},
	[WIT_SOFTWARE] = {"internal error", EX_SOFTWARE},
	[WIT_CANTCREAT] = {"cannot create", EX_CANTCREAT},
	[WIT_IOERR] = {"I/O error", EX_IOERR},
	[WIT_TEMPFAIL] = {"temporary failure", EX_TEMPFAIL},
	[WIT_CONFIG] = {"configuration error", EX_CONFIG},
	[WIT_UNAVAILABLE] = {"service unavailable", EX_UNAVAILABLE},
};

const char *wit_status_name(enum wit_status st)
{
	if ((unsigned)st >= WIT_STATUS_COUNT)
		return "unknown error";
	return status_table[st].name;
}

int wit_status_exit_code(enum wit_status st)
{
	if ((unsigned)st >= WIT_STATUS_COUNT)
		return EX_SOFTWARE;
	return status_table[st].exit_code;
}

enum wit_status wit_fail(char **why, enum wit_status st, const char *fmt, ...)
{
	if (why != NULL) {
		va_list ap;
		va_start(ap, fmt);
		char *msg = xvasprintf(fmt, ap);
		va_end(ap);
		free(*why);
		*why = msg;
	}
	return st;
}

enum wit_status wit_errno_status(int err, enum wit_status otherwise)
{
	return err == ENOMEM ? WIT_SOFTWARE : otherwise;
}
