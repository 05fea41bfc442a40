/*
 * status.h: errors as values. Every fallible function returns an
 * enum wit_status and, where detail helps, fills a caller-freed
 * "char **why" message (NULL allowed: then no detail is produced).
 * The CLI maps a status to a sysexits.h code with wit_status_exit_code();
 * the UI shows the message in its status line. Nothing here prints.
 */
#ifndef WORTHIT_STATUS_H
#define WORTHIT_STATUS_H

enum wit_status {
	WIT_OK = 0,
	WIT_USAGE,     /* bad command line: EX_USAGE 64 */
	WIT_DATA,      /* malformed input data: EX_DATAERR 65 */
	WIT_NOINPUT,   /* input file missing or unreadable: EX_NOINPUT 66 */
	WIT_NOTFOUND,  /* no such invitation/contact id: EX_DATAERR 65 */
	WIT_SOFTWARE,  /* internal error: EX_SOFTWARE 70 */
	WIT_CANTCREAT, /* cannot create output file: EX_CANTCREAT 73 */
	WIT_IOERR,     /* I/O error, corrupt or foreign database: EX_IOERR 74 */
	WIT_TEMPFAIL,  /* database locked after the busy timeout: EX_TEMPFAIL 75 */
	WIT_CONFIG,    /* bad configuration file: EX_CONFIG 78 */
	WIT_UNAVAILABLE, /* a program worthit runs failed (sendmail): EX_UNAVAILABLE 69 */
	WIT_STATUS_COUNT
};

/* Short English name of a status ("data error"). Never NULL. */
const char *wit_status_name(enum wit_status st);

/* The sysexits.h code for a status (0 for WIT_OK). */
int wit_status_exit_code(enum wit_status st);

/*
 * Set *why (if why is not NULL) to a newly allocated printf-style
 * message, freeing any previous one, and return st. Caller frees *why.
 */
enum wit_status wit_fail(char **why, enum wit_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The status for a failed system call with errno err: WIT_SOFTWARE
 * (exit 70) for ENOMEM, which no file or user can fix, else otherwise. */
enum wit_status wit_errno_status(int err, enum wit_status otherwise);

#endif
