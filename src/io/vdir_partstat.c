/*
 * vdir_partstat.c: the write-back of an answer into a vdir event file
 * (see vdir_partstat.h). Each logical line is unfolded with a map from
 * unfolded offsets back to the file's bytes; an edit of an ATTENDEE
 * line replaces only the bytes of the PARTSTAT value (or inserts
 * ";PARTSTAT=X" before the value's ':'), so folds elsewhere in the line
 * and every other line keep their bytes. When the edited physical line
 * would pass 75 octets (RFC 5545 3.1 SHOULD), a fold is put before the
 * new text, in the file's own line ending; not when the new text is as
 * long as the old (ACCEPTED for DECLINED: the same answer written twice
 * is one edit), nor right after a fold.
 */
#include "worthit/vdir_partstat.h"
#include "worthit/vdir_event.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FOLD_OCTETS 75

struct buf {
	char *p;
	size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

/* One logical line: its unfolded text and, per unfolded byte, the
 * offset of that byte in the file. */
struct logical {
	struct buf text;
	size_t *at;
	size_t cap_at;
	size_t end; /* file offset just after the line (its terminator) */
};

static void logical_read(const char *t, size_t len, size_t pos, struct logical *l)
{
	l->text.n = 0;
	size_t i = pos;
	for (;;) {
		while (i < len && t[i] != '\n') {
			if (t[i] != '\r' || (i + 1 < len && t[i + 1] != '\n')) {
				if (l->text.n + 1 > l->cap_at) {
					l->cap_at = l->cap_at ? l->cap_at * 2 : 256;
					l->at = xreallocarray(l->at, l->cap_at, sizeof *l->at);
				}
				l->at[l->text.n] = i;
				put(&l->text, t + i, 1);
			}
			i++;
		}
		if (i < len)
			i++;
		if (i < len && (t[i] == ' ' || t[i] == '\t')) {
			i++;
			continue;
		}
		break;
	}
	if (l->text.p == NULL)
		put(&l->text, "", 0);
	l->end = i;
}

/* Octets of the physical line holding file offset `at`, before it. */
static size_t col_of(const char *t, size_t at)
{
	size_t s = at;
	while (s > 0 && t[s - 1] != '\n')
		s--;
	return at - s;
}

/* Octets from `at` to the end of its physical line. */
static size_t rest_of(const char *t, size_t len, size_t at)
{
	size_t e = at;
	while (e < len && t[e] != '\n' && t[e] != '\r')
		e++;
	return e - at;
}

/* The file's own line ending, from its first line (RFC 5545 says CRLF;
 * khal and many scripts write LF). */
static const char *line_ending(const char *t, size_t len)
{
	const char *nl = memchr(t, '\n', len);
	return nl != NULL && nl > t && nl[-1] == '\r' ? "\r\n" : "\n";
}

void vdir_partstat_edit(const char *text, size_t len, const struct wit_config *cfg,
                        const char *partstat, char **out, size_t *n_out, int *n_lines)
{
	const char *eol = line_ending(text, len);
	struct buf o = {0};
	struct logical l = {0};
	size_t pos = 0, copied = 0;
	*n_lines = 0;
	while (pos < len) {
		logical_read(text, len, pos, &l);
		struct vdir_prop p;
		size_t n = l.text.n;
		if (n > 0 && vdir_prop_split(l.text.p, n, &p) && p.name_end == 8 &&
		    strncasecmp(l.text.p, "ATTENDEE", 8) == 0 &&
		    vdir_value_is_me(cfg, l.text.p + p.value, n - p.value)) {
			/* unfolded [a, b) becomes the new text */
			size_t a = p.has_partstat ? p.partstat : p.value - 1;
			size_t b = p.has_partstat ? p.partstat_end : a;
			char *ins = p.has_partstat ? xstrdup(partstat)
			                           : xasprintf(";PARTSTAT=%s", partstat);
			size_t oa = l.at[a], ob = b > a ? l.at[b - 1] + 1 : oa;
			put(&o, text + copied, oa - copied);
			/* a fold only where the line holds more than a fold's blank
			 * before the new text, and only when the edit changes the
			 * line's length: so an answer of the same length written
			 * again changes nothing, and no empty folds pile up */
			size_t col = col_of(text, oa), rest = rest_of(text, len, ob);
			if (col > 1 && strlen(ins) != ob - oa && col + strlen(ins) + rest > FOLD_OCTETS) {
				put(&o, eol, strlen(eol));
				put(&o, " ", 1);
			}
			put(&o, ins, strlen(ins));
			free(ins);
			copied = ob;
			(*n_lines)++;
		}
		pos = l.end;
	}
	put(&o, text + copied, len - copied);
	free(l.text.p);
	free(l.at);
	*out = o.p;
	*n_out = o.n;
}

static enum wit_status read_file(const char *path, char **text, size_t *len, struct stat *sb,
                                 char **why)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return wit_fail(why, errno == ENOENT ? WIT_NOINPUT : WIT_IOERR, "%s: %s", path,
		                strerror(errno));
	if (fstat(fd, sb) != 0 || !S_ISREG(sb->st_mode)) {
		close(fd);
		return wit_fail(why, WIT_IOERR, "%s: not a regular file", path);
	}
	size_t cap = (size_t)sb->st_size + 1, n = 0;
	char *buf = xmalloc(cap);
	ssize_t got;
	while ((got = read(fd, buf + n, cap - n)) > 0) {
		n += (size_t)got;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	int err = errno;
	close(fd);
	if (got < 0) {
		free(buf);
		return wit_fail(why, WIT_IOERR, "%s: %s", path, strerror(err));
	}
	*text = buf;
	*len = n;
	return WIT_OK;
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Temporary file beside path (a dot name without .ics, which vdirsyncer
 * and khal ignore), fsync, rename over path, fsync of the directory. */
static enum wit_status replace(const char *path, const char *text, size_t len, mode_t mode,
                               char **why)
{
	char *copy = xstrdup(path);
	char *dir = xstrdup(dirname(copy));
	free(copy);
	char *tmp = xasprintf("%s/.worthit-XXXXXX", dir);
	int fd = mkstemp(tmp);
	enum wit_status st = WIT_OK;
	if (fd < 0) {
		st = wit_fail(why, WIT_IOERR, "%s: cannot create a temporary file: %s", dir,
		              strerror(errno));
	} else {
		bool ok = fchmod(fd, mode & 07777) == 0 && write_all(fd, text, len) && fsync(fd) == 0;
		int err = errno;
		ok = close(fd) == 0 && ok;
		if (!ok || rename(tmp, path) != 0) {
			st = wit_fail(why, WIT_IOERR, "%s: cannot write: %s", path,
			              strerror(ok ? errno : err));
			unlink(tmp);
		} else {
			int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (dfd >= 0) {
				fsync(dfd);
				close(dfd);
			}
		}
	}
	free(tmp);
	free(dir);
	return st;
}

enum wit_status vdir_partstat_write(const char *path, const struct wit_config *cfg,
                                    const char *partstat, char **why)
{
	char *text = NULL, *out = NULL;
	size_t len = 0, n_out = 0;
	struct stat sb;
	enum wit_status st = read_file(path, &text, &len, &sb, why);
	if (st != WIT_OK)
		return st;
	int n_lines = 0;
	vdir_partstat_edit(text, len, cfg, partstat, &out, &n_out, &n_lines);
	if (n_lines == 0)
		st = wit_fail(why, WIT_NOTFOUND, "%s: none of your addresses (config \"me\") is an "
		              "attendee there; not changed", path);
	else if (n_out != len || memcmp(out, text, len) != 0)
		st = replace(path, out, n_out, sb.st_mode, why);
	free(text);
	free(out);
	return st;
}
