/*
 * file_put.c: see file_put.h. The temporary file is made by mkstemp(3)
 * in the target's directory (so the final rename or link stays on one
 * file system) and always removed: after a link it is a second name,
 * after a rename it is gone already.
 *
 * Modes: mkstemp makes the file 0600 whatever the umask, and it stays
 * so (exports and replies hold other people's names and addresses); a
 * file that is replaced keeps the mode its owner gave it.
 *
 * File systems without hard links (vfat, exFAT, CIFS: link() fails with
 * EPERM, ENOSYS, EXDEV, EOPNOTSUPP or EMLINK) get the same "never over
 * an existing file" promise another way: the final name is created
 * with O_EXCL (the claim that fails when the file exists), then the
 * finished temporary file is renamed over that empty file of ours.
 *
 * Nothing is put in place after an allocation failed anywhere in the
 * process (alloc_watch.h): libical and GLib drop what they could not
 * allocate and go on, so the content may lack a property; exit 70.
 */
#include "worthit/file_put.h"
#include "worthit/alloc_watch.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Write fn's content into the open temporary file fd. */
static enum wit_status fill(int fd, const char *path, file_put_fn fn, void *arg, char **why)
{
	FILE *out = fdopen(fd, "w");
	if (out == NULL) {
		close(fd);
		return wit_fail(why, wit_errno_status(errno, WIT_IOERR), "cannot write %s: %s", path,
		                strerror(errno));
	}
	enum wit_status st = fn(out, arg, why);
	if (fclose(out) != 0 && st == WIT_OK)
		st = wit_fail(why, WIT_IOERR, "cannot write %s: %s", path, strerror(errno));
	return st;
}

/* A file being replaced keeps its owner's mode; new files stay 0600. */
static void keep_mode(const char *tmp, const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		chmod(tmp, sb.st_mode & 07777);
}

/* Does this link() failure mean the file system has no hard links? */
static bool no_hard_links(int err)
{
	return err == EPERM || err == ENOSYS || err == EXDEV || err == EOPNOTSUPP ||
	       err == ENOTSUP || err == EMLINK;
}

/* Put tmp at path unless path exists, without link(): claim the name
 * with O_EXCL, then rename the finished file over the claim. */
static enum wit_status claim_and_rename(const char *tmp, const char *path, char **why)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST
		       ? wit_fail(why, WIT_CANTCREAT, "%s exists; not overwritten", path)
		       : wit_fail(why, WIT_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
	close(fd);
	if (rename(tmp, path) != 0) {
		int err = errno;
		unlink(path); /* our own empty claim, nothing of the user's */
		return wit_fail(why, WIT_CANTCREAT, "cannot create %s: %s", path, strerror(err));
	}
	return WIT_OK;
}

/* Put the finished tmp at path without replacing anything. */
static enum wit_status put_new(const char *tmp, const char *path, char **why)
{
	if (link(tmp, path) == 0)
		return WIT_OK;
	if (errno == EEXIST)
		return wit_fail(why, WIT_CANTCREAT, "%s exists; not overwritten", path);
	if (no_hard_links(errno))
		return claim_and_rename(tmp, path, why);
	return wit_fail(why, WIT_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
}

enum wit_status file_put(const char *path, bool may_replace, file_put_fn fn, void *arg,
                         char **why)
{
	char *tmp = xasprintf("%s.tmp-%s", path, "XXXXXX");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		enum wit_status st = wit_fail(why, WIT_CANTCREAT, "cannot create %s: %s", path,
		                              strerror(errno));
		free(tmp);
		return st;
	}
	enum wit_status st = fill(fd, path, fn, arg, why);
	if (st == WIT_OK && alloc_watch_failures() > 0)
		st = wit_fail(why, WIT_SOFTWARE, "out of memory while writing %s: not written", path);
	if (st == WIT_OK && may_replace) {
		keep_mode(tmp, path);
		if (rename(tmp, path) != 0)
			st = wit_fail(why, WIT_CANTCREAT, "cannot replace %s: %s", path,
			              strerror(errno));
	} else if (st == WIT_OK) {
		st = put_new(tmp, path, why);
	}
	unlink(tmp);
	free(tmp);
	return st;
}
