/*
 * reply.c: writing an RSVP reply file (reply.h). The REPLY itself is
 * ics_write_reply()'s; this file finds the user's address and puts the
 * text safely on disk.
 */
#include "worthit/reply.h"
#include "worthit/ics.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *reply_address(const struct invitation *inv, char **why)
{
	const char *env = getenv("WORTHIT_EMAIL");
	if (env == NULL || env[0] == '\0')
		env = getenv("EMAIL");
	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	const char *a = inv->attendees;
	if (a != NULL && a[0] != '\0' && strchr(a, '\n') == NULL && strchr(a, '@') != NULL)
		return xstrdup(a);
	wit_fail(why, WIT_USAGE, "--reply: say which attendee you are: set WORTHIT_EMAIL="
	         "you@example.com (the address the invitation was sent to)");
	return NULL;
}

enum wit_status reply_write(const struct invitation *inv, enum invite_status answer,
                            const char *path, int64_t now, char **why)
{
	char *me = reply_address(inv, why);
	if (me == NULL)
		return WIT_USAGE;
	if (strcmp(path, "-") == 0) {
		enum wit_status st = ics_write_reply(inv, me, answer, now, stdout, why);
		free(me);
		return st;
	}
	struct stat sb;
	if (lstat(path, &sb) == 0) {
		free(me);
		return wit_fail(why, WIT_CANTCREAT, "%s exists; not overwritten", path);
	}
	char *tmp = xasprintf("%s.%s%s", path, "XX", "XXXX"); /* mkstemp(3) template */
	int fd = mkstemp(tmp);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	enum wit_status st;
	if (out == NULL) {
		st = wit_fail(why, WIT_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
	} else {
		st = ics_write_reply(inv, me, answer, now, out, why);
		if (fclose(out) != 0 && st == WIT_OK)
			st = wit_fail(why, WIT_IOERR, "cannot write %s: %s", path, strerror(errno));
		if (st == WIT_OK && link(tmp, path) != 0)
			st = wit_fail(why, WIT_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
	}
	if (fd >= 0)
		unlink(tmp);
	free(tmp);
	free(me);
	return st;
}
