/*
 * config_file.c: the configuration file on disk (see config_file.h).
 * Owns every open/read/write/rename of the config; parsing, validation
 * and merging are the pure config*.c modules.
 *
 * Saving is atomic (write a temporary file next to the target, fsync,
 * rename, fsync the directory), so a crash leaves the old file or the
 * new one, never half of one. Nothing is ever written over a file that
 * does not parse: the user may be in the middle of editing it.
 */
#include "worthit/config_file.h"
#include "worthit/paths.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Read the whole file. Missing: *exists = false, WIT_OK, *text NULL. */
static enum wit_status read_text(const char *path, char **text, size_t *len, bool *exists,
                                 char **why)
{
	*text = NULL;
	*len = 0;
	*exists = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return WIT_OK;
	if (fd < 0)
		return wit_fail(why, wit_errno_status(errno, WIT_NOINPUT), "%s: cannot open: %s", path,
		                strerror(errno));
	*exists = true;
	struct stat sb;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		return wit_fail(why, WIT_CONFIG, "%s: is a directory, not a configuration file", path);
	}
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap >= CONFIG_FILE_MAX) {
				free(buf);
				close(fd);
				return wit_fail(why, WIT_CONFIG, "%s: larger than %d KiB: not a configuration file?",
				                path, CONFIG_FILE_MAX / 1024);
			}
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int err = errno;
			free(buf);
			close(fd);
			return wit_fail(why, WIT_NOINPUT, "%s: cannot read: %s", path, strerror(err));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return WIT_OK;
}

enum wit_status config_file_load(const char *path, struct wit_config *cfg, bool *exists,
                                 char **why)
{
	char *text;
	size_t len;
	enum wit_status st = read_text(path, &text, &len, exists, why);
	if (st != WIT_OK)
		return st;
	if (!*exists) {
		config_defaults(cfg);
		return WIT_OK;
	}
	st = config_parse(text, len, path, cfg, why);
	free(text);
	return st;
}

char *config_file_mode_warning(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || (sb.st_mode & (S_IWGRP | S_IWOTH)) == 0)
		return NULL;
	return xasprintf("%s is writable by %s (mode %04o): whoever can edit it changes your "
	                 "scores; 'chmod 600 %s' makes it yours alone",
	                 path, (sb.st_mode & S_IWOTH) ? "everyone" : "its group",
	                 (unsigned)(sb.st_mode & 07777), path);
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* fsync a directory so a rename or a new entry in it is durable. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Create the directory that will hold path (0700). */
static enum wit_status make_parent(const char *path, char **dir, char **why)
{
	*dir = paths_dirname(path);
	enum wit_status st = paths_mkdir_p(*dir, why);
	if (st != WIT_OK) {
		free(*dir);
		*dir = NULL;
	}
	return st;
}

/* A symbolic link at path is followed so that the link survives. */
static char *save_target(const char *path)
{
	struct stat sb;
	char real[PATH_MAX];
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) && realpath(path, real) != NULL)
		return xstrdup(real);
	return xstrdup(path);
}

static enum wit_status write_replace(const char *target, const char *text, mode_t mode,
                                     char **why)
{
	char *dir;
	enum wit_status st = make_parent(target, &dir, why);
	if (st != WIT_OK)
		return st;
	const char *base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		st = wit_fail(why, WIT_CANTCREAT, "%s: cannot create a temporary file in %s: %s",
		              target, dir, strerror(errno));
	} else {
		bool ok = fchmod(fd, mode) == 0 && write_all(fd, text, strlen(text)) && fsync(fd) == 0;
		int err = errno;
		ok = close(fd) == 0 && ok;
		if (ok && rename(tmp, target) == 0) {
			sync_dir(dir);
		} else {
			err = ok ? errno : err;
			unlink(tmp);
			st = wit_fail(why, WIT_IOERR, "%s: cannot write: %s (the file is unchanged)",
			              target, strerror(err));
		}
	}
	free(tmp);
	free(dir);
	return st;
}

enum wit_status config_file_save(const char *path, const struct wit_config *cfg, char **why)
{
	char *target = save_target(path);
	char *old;
	size_t len;
	bool exists;
	enum wit_status st = read_text(target, &old, &len, &exists, why);
	mode_t mode = 0600;
	struct stat sb;
	if (st == WIT_OK && exists && stat(target, &sb) == 0)
		mode = sb.st_mode & 0777;
	if (st == WIT_OK && exists) {
		/* never overwrite a file that does not parse */
		struct wit_config *check = xmalloc(sizeof *check);
		st = config_parse(old, len, path, check, why);
		free(check);
	}
	if (st == WIT_OK) {
		char *text = config_merge(old, cfg);
		st = write_replace(target, text, mode, why);
		free(text);
	}
	free(old);
	free(target);
	return st;
}

enum wit_status config_file_init(const char *path, char **why)
{
	/* a literal for the format checks at every optimisation level */
#define REFUSE "%s already exists; not overwriting it (edit it, or move it away and run " \
	       "'worthit config init' again)"
	struct stat sb;
	if (lstat(path, &sb) == 0)
		return wit_fail(why, WIT_CANTCREAT, REFUSE, path);
	char *dir;
	enum wit_status st = make_parent(path, &dir, why);
	if (st != WIT_OK)
		return st;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		st = errno == EEXIST ? wit_fail(why, WIT_CANTCREAT, REFUSE, path)
		                     : wit_fail(why, WIT_CANTCREAT, "%s: cannot create: %s", path,
		                                strerror(errno));
		free(dir);
		return st;
	}
	char *text = config_starter_text();
	bool ok = fchmod(fd, 0600) == 0 && write_all(fd, text, strlen(text)) &&
	          fsync(fd) == 0;
	int err = errno;
	ok = close(fd) == 0 && ok;
	if (ok) {
		sync_dir(dir);
	} else {
		unlink(path); /* ours: created above with O_EXCL */
		st = wit_fail(why, WIT_IOERR, "%s: cannot write: %s", path, strerror(err));
	}
	free(text);
	free(dir);
	return st;
#undef REFUSE
}
