/*
 * mail_send.c: the iMIP reply message (RFC 6047) and the sendmail pipe
 * (mail_send.h). The REPLY itself is reply.c's; GMime writes the
 * headers (RFC 2047 encoding of a non-ASCII subject, folding) and picks
 * each part's transfer encoding for 7-bit transport. The command runs
 * with its standard output and error in a temporary file, so nothing it
 * says reaches the dashboard's screen, and the first line explains a
 * failure.
 */
#include "worthit/mail_send.h"
#include "worthit/clock.h"
#include "worthit/reply.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SEND_EX_TEMPFAIL 75 /* sysexits.h: try again later */

void mail_send_message_done(struct mail_send_message *m)
{
	free(m->from);
	free(m->to);
	free(m->subject);
	free(m->text);
	memset(m, 0, sizeof *m);
}

const char *mail_send_command(const struct wit_config *cfg)
{
	const char *env = getenv("WORTHIT_SENDMAIL");
	if (env != NULL && env[0] != '\0')
		return env;
	return cfg != NULL && cfg->sendmail[0] != '\0' ? cfg->sendmail : SENDMAIL_DEFAULT;
}

static const char *verb_of(enum invite_status answer)
{
	switch (answer) {
	case STATUS_ACCEPTED: return "Accepted";
	case STATUS_DECLINED: return "Declined";
	case STATUS_MAYBE: return "Tentative";
	default: return NULL;
	}
}

/* text without its CRs: the message goes to sendmail with LF ends. */
static char *lf_only(const char *text)
{
	char *out = xmalloc(strlen(text) + 1), *o = out;
	for (const char *p = text; *p != '\0'; p++)
		if (*p != '\r')
			*o++ = *p;
	*o = '\0';
	return out;
}

/* The text/plain alternative: what was answered, in words. */
static char *summary_of(const struct invitation *inv, const char *me, enum invite_status answer,
                        const char *comment)
{
	static const char *const said[] = {
		[STATUS_ACCEPTED] = "accepted", [STATUS_DECLINED] = "declined",
		[STATUS_MAYBE] = "tentatively accepted",
	};
	char when[64];
	clock_format_local(inv->starts_at, inv->all_day ? "%a %d %b %Y" : "%a %d %b %Y %H:%M %Z",
	                   when, sizeof when);
	char *s = xasprintf("%s has %s your invitation:\n\n  %s\n  %s%s%s\n%s%s%s\n"
	                    "This reply carries a calendar part (text/calendar, method=REPLY) "
	                    "that calendar programs apply.\n",
	                    me, said[answer], inv->title != NULL ? inv->title : "(untitled)", when,
	                    inv->location != NULL && inv->location[0] != '\0' ? "\n  " : "",
	                    inv->location != NULL ? inv->location : "",
	                    comment != NULL && comment[0] != '\0' ? "\n" : "",
	                    comment != NULL ? comment : "",
	                    comment != NULL && comment[0] != '\0' ? "\n" : "");
	return s;
}

static GMimeObject *text_part(const char *subtype, const char *text)
{
	GMimeTextPart *p = g_mime_text_part_new_with_subtype(subtype);
	g_mime_text_part_set_text(p, text);
	g_mime_text_part_set_charset(p, "UTF-8");
	g_mime_object_encode(GMIME_OBJECT(p), GMIME_ENCODING_CONSTRAINT_7BIT);
	return GMIME_OBJECT(p);
}

/* The message around the REPLY text ics. */
static char *message_text(const struct invitation *inv, const char *me, const char *subject,
                          const char *summary, const char *ics, int64_t now)
{
	GMimeMessage *msg = g_mime_message_new(TRUE);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, NULL, me);
	InternetAddressList *to = internet_address_list_parse(NULL, inv->organizer);
	if (to != NULL) {
		internet_address_list_append(g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_TO),
		                             to);
		g_object_unref(to);
	}
	g_mime_message_set_subject(msg, subject, "UTF-8");
	GDateTime *date = g_date_time_new_from_unix_utc((gint64)now);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	const char *at = strrchr(me, '@');
	char *id = g_mime_utils_generate_message_id(at != NULL ? at + 1 : "localhost");
	g_mime_message_set_message_id(msg, id);
	g_free(id);
	GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
	GMimeObject *plain = text_part("plain", summary);
	GMimeObject *cal = text_part("calendar", ics);
	g_mime_object_set_content_type_parameter(cal, "method", "REPLY");
	g_mime_multipart_add(alt, plain);
	g_mime_multipart_add(alt, cal);
	g_object_unref(plain);
	g_object_unref(cal);
	g_mime_message_set_mime_part(msg, GMIME_OBJECT(alt));
	g_object_unref(alt);
	char *s = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
	char *out = xstrdup(s);
	g_free(s);
	g_object_unref(msg);
	return out;
}

enum wit_status mail_send_build(const struct invitation *inv, const struct wit_config *cfg,
                                enum invite_status answer, const char *comment, int64_t now,
                                struct mail_send_message *m, char **why)
{
	memset(m, 0, sizeof *m);
	char *ics = NULL;
	enum wit_status st = reply_text(inv, cfg, answer, comment, now, &ics, why);
	if (st != WIT_OK)
		return st;
	g_mime_init();
	char *me = reply_address(inv, cfg, why);
	char *ics_lf = lf_only(ics);
	free(ics);
	m->from = me;
	m->to = xstrdup(inv->organizer);
	m->subject = xasprintf("%s: %s", verb_of(answer), inv->title != NULL ? inv->title : "");
	char *summary = summary_of(inv, me, answer, comment);
	m->text = message_text(inv, me, m->subject, summary, ics_lf, now);
	free(summary);
	free(ics_lf);
	return WIT_OK;
}

/* ---- the pipe ---- */

/* The first line of what the command printed, or "". Caller frees. */
static char *first_line(int fd)
{
	char buf[512];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return xstrdup(buf);
}

static int spawn(const char *command, int in_fd, int out_fd)
{
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in_fd, 0);
		dup2(out_fd, 1);
		dup2(out_fd, 2);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	return (int)pid;
}

static bool write_all(int fd, const char *text)
{
	size_t len = strlen(text);
	while (len > 0) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		text += n;
		len -= (size_t)n;
	}
	return true;
}

static enum wit_status judge(const char *command, int status, bool is_written, int out_fd,
                             char **why)
{
	char *said = first_line(out_fd);
	const char *sep = said[0] != '\0' ? ": " : "";
	enum wit_status st = WIT_OK;
	if (WIFSIGNALED(status))
		st = wit_fail(why, WIT_UNAVAILABLE, "the sendmail command \"%s\" was killed by signal "
		              "%d%s%s", command, WTERMSIG(status), sep, said);
	else if (WEXITSTATUS(status) != 0)
		st = wit_fail(why, WEXITSTATUS(status) == SEND_EX_TEMPFAIL ? WIT_TEMPFAIL
		                                                          : WIT_UNAVAILABLE,
		              "the sendmail command \"%s\" failed with exit status %d%s%s", command,
		              WEXITSTATUS(status), sep, said);
	else if (!is_written)
		st = wit_fail(why, WIT_UNAVAILABLE, "the sendmail command \"%s\" did not read the "
		              "message%s%s", command, sep, said);
	free(said);
	return st;
}

enum wit_status mail_send_pipe(const char *command, const char *text, char **why)
{
	int p[2];
	FILE *out = tmpfile();
	if (out == NULL || pipe(p) != 0) {
		if (out != NULL)
			fclose(out);
		return wit_fail(why, WIT_UNAVAILABLE, "cannot run the sendmail command \"%s\": %s",
		                command, strerror(errno));
	}
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old); /* a command that exits early: EPIPE, not death */
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	int pid = spawn(command, p[0], fileno(out));
	close(p[0]);
	bool is_written = pid > 0 && write_all(p[1], text);
	close(p[1]);
	int status = 0;
	enum wit_status st;
	if (pid < 0) {
		st = wit_fail(why, WIT_UNAVAILABLE, "cannot run the sendmail command \"%s\": %s",
		              command, strerror(errno));
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			continue;
		st = judge(command, status, is_written, fileno(out), why);
	}
	sigaction(SIGPIPE, &old, NULL);
	fclose(out);
	return st;
}
