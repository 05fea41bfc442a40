/*
 * file_put.c: see file_put.h. The temporary file is made by mkstemp(3)
 * in the target's directory (so the final rename or link stays on one
 * file system) and always removed: after a link it is a second name,
 * after a rename it is gone already.
 */
#include "worthit/file_put.h"
#include "worthit/xmalloc.h"

#include <errno.h>
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
		return wit_fail(why, WIT_IOERR, "cannot write %s: %s", path, strerror(errno));
	}
	enum wit_status st = fn(out, arg, why);
	if (fclose(out) != 0 && st == WIT_OK)
		st = wit_fail(why, WIT_IOERR, "cannot write %s: %s", path, strerror(errno));
	return st;
}

/* Give the file the mode an ordinary new file would have (mkstemp makes 0600). */
static void ordinary_mode(const char *tmp)
{
	mode_t mask = umask(0);
	umask(mask);
	chmod(tmp, 0666 & ~mask);
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
	if (st == WIT_OK) {
		ordinary_mode(tmp);
		if (may_replace && rename(tmp, path) != 0)
			st = wit_fail(why, WIT_CANTCREAT, "cannot replace %s: %s", path,
			              strerror(errno));
		else if (!may_replace && link(tmp, path) != 0)
			st = errno == EEXIST
			     ? wit_fail(why, WIT_CANTCREAT, "%s exists; not overwritten", path)
			     : wit_fail(why, WIT_CANTCREAT, "cannot create %s: %s", path,
			                strerror(errno));
	}
	unlink(tmp);
	free(tmp);
	return st;
}
