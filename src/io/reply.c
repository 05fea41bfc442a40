/*
 * reply.c: RSVP replies (reply.h). The REPLY itself is
 * ics_write_reply()'s; this file finds the user's address, adds the
 * COMMENT (through libical, so it is escaped and folded as RFC 5545
 * 3.3.11 and 3.1 say), builds the text in memory and puts it safely on
 * disk. A reply for a series is the same REPLY with no RECURRENCE-ID
 * (reply_series_of).
 */
#include "worthit/reply.h"
#include "worthit/file_put.h"
#include "worthit/ics.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

char *reply_bare_address(const char *who)
{
	if (who == NULL)
		return NULL;
	const char *lt = strrchr(who, '<');
	const char *start = lt != NULL ? lt + 1 : who;
	while (*start == ' ')
		start++;
	if (strncasecmp(start, "mailto:", 7) == 0)
		start += 7;
	size_t n = strcspn(start, lt != NULL ? ">" : " \t\n");
	if (memchr(start, '@', n) == NULL)
		return NULL;
	char *out = xmalloc(n + 1);
	memcpy(out, start, n);
	out[n] = '\0';
	return out;
}

static bool same_address(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

/* 1: an address of "me" among the attendees. */
static char *me_attending(const struct invitation *inv, const struct wit_config *cfg)
{
	if (cfg == NULL || inv->attendees == NULL)
		return NULL;
	for (const char *line = inv->attendees; *line != '\0';) {
		size_t n = strcspn(line, "\n");
		char *one = xmalloc(n + 1);
		memcpy(one, line, n);
		one[n] = '\0';
		char *addr = reply_bare_address(one);
		free(one);
		if (addr != NULL && config_is_me(cfg, addr))
			return addr;
		free(addr);
		line += n + (line[n] == '\n');
	}
	return NULL;
}

/* 4: the only attendee, unless it is the organizer. */
static char *only_attendee(const struct invitation *inv)
{
	const char *a = inv->attendees;
	if (a == NULL || a[0] == '\0' || strchr(a, '\n') != NULL)
		return NULL;
	char *addr = reply_bare_address(a);
	char *org = reply_bare_address(inv->organizer);
	if (same_address(addr, org)) {
		free(addr);
		addr = NULL;
	}
	free(org);
	return addr;
}

char *reply_address(const struct invitation *inv, const struct wit_config *cfg, char **why)
{
	if (inv->me_address != NULL && inv->me_address[0] != '\0') /* the one it was sent to */
		return xstrdup(inv->me_address);
	char *me = me_attending(inv, cfg);
	if (me != NULL)
		return me;
	const char *env = getenv("WORTHIT_EMAIL");
	if (env == NULL || env[0] == '\0')
		env = getenv("EMAIL");
	if (env != NULL && env[0] != '\0') {
		char *addr = reply_bare_address(env);
		return addr != NULL ? addr : xstrdup(env);
	}
	if (cfg != NULL && cfg->n_me > 0)
		return xstrdup(cfg->me[0]);
	me = only_attendee(inv);
	if (me != NULL)
		return me;
	wit_fail(why, WIT_USAGE, "say which attendee you are: add your address to \"me\" in the "
	         "config (worthit config edit), or set WORTHIT_EMAIL=you@example.com (the "
	         "address the invitation was sent to)");
	return NULL;
}

/* The REPLY text with a COMMENT added to its VEVENT. Caller frees. */
static char *with_comment(const char *text, const char *comment)
{
	icalcomponent *cal = icalparser_parse_string(text);
	icalcomponent *ev = cal != NULL ? icalcomponent_get_first_component(cal,
	                                                                    ICAL_VEVENT_COMPONENT)
	                                : NULL;
	if (ev == NULL) {
		if (cal != NULL)
			icalcomponent_free(cal);
		return NULL;
	}
	icalcomponent_add_property(ev, icalproperty_new_comment(comment));
	char *out = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	return out;
}

enum wit_status reply_text(const struct invitation *inv, const struct wit_config *cfg,
                           enum invite_status answer, const char *comment, int64_t now,
                           char **text, char **why)
{
	*text = NULL;
	char *me = reply_address(inv, cfg, why);
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
	if (st == WIT_OK && comment != NULL && comment[0] != '\0') {
		char *more = with_comment(buf, comment);
		if (more == NULL)
			st = wit_fail(why, WIT_SOFTWARE, "cannot add the comment to the reply");
		free(buf);
		buf = more;
	}
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

enum wit_status reply_write(const struct invitation *inv, const struct wit_config *cfg,
                            enum invite_status answer, const char *comment, const char *path,
                            int64_t now, bool may_replace, char **why)
{
	char *text = NULL;
	enum wit_status st = reply_text(inv, cfg, answer, comment, now, &text, why);
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
