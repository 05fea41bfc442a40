/*
 * reply.c: RSVP replies (reply.h). The REPLY itself is
 * ics_write_reply()'s; this file finds the user's address, builds the
 * text in memory and puts it safely on disk. A reply for a series is
 * the same REPLY with no RECURRENCE-ID (reply_series_of).
 */
#include "worthit/reply.h"
#include "worthit/file_put.h"
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
	wit_fail(why, WIT_USAGE, "say which attendee you are: set WORTHIT_EMAIL="
	         "you@example.com (the address the invitation was sent to)");
	return NULL;
}

enum wit_status reply_text(const struct invitation *inv, enum invite_status answer,
                           int64_t now, char **text, char **why)
{
	*text = NULL;
	char *me = reply_address(inv, why);
	if (me == NULL)
		return WIT_USAGE;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem == NULL) {
		free(me);
		return wit_fail(why, WIT_SOFTWARE, "cannot build the reply: %s", strerror(errno));
	}
	enum wit_status st = ics_write_reply(inv, me, answer, now, mem, why);
	if (fclose(mem) != 0 && st == WIT_OK)
		st = wit_fail(why, WIT_SOFTWARE, "cannot build the reply: %s", strerror(errno));
	free(me);
	if (st != WIT_OK) {
		free(buf);
		return st;
	}
	*text = buf;
	return WIT_OK;
}

static enum wit_status put_text(FILE *out, void *arg, char **why)
{
	if (fputs(arg, out) == EOF)
		return wit_fail(why, WIT_IOERR, "cannot write the reply: %s", strerror(errno));
	return WIT_OK;
}

enum wit_status reply_write(const struct invitation *inv, enum invite_status answer,
                            const char *path, int64_t now, bool may_replace, char **why)
{
	char *text = NULL;
	enum wit_status st = reply_text(inv, answer, now, &text, why);
	if (st != WIT_OK)
		return st;
	struct stat sb;
	if (strcmp(path, "-") == 0) {
		if (fputs(text, stdout) == EOF || fflush(stdout) != 0)
			st = wit_fail(why, WIT_IOERR, "cannot write the reply: %s", strerror(errno));
	} else if (!may_replace && lstat(path, &sb) == 0) {
		st = wit_fail(why, WIT_CANTCREAT, "%s exists; not overwritten", path);
	} else {
		st = file_put(path, may_replace, put_text, text, why);
	}
	free(text);
	return st;
}

void reply_series_of(struct invitation *dst, const struct invitation *occurrence)
{
	invitation_copy(dst, occurrence);
	free(dst->recurrence_id);
	dst->recurrence_id = xstrdup("");
}
