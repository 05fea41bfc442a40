/*
 * paths.c: XDG base directories and the shared data directory.
 * $XDG_DATA_HOME / $XDG_CONFIG_HOME when set and absolute (the XDG spec
 * says relative values are to be ignored), else ~/.local/share and
 * ~/.config. The data directory (themes, demo data) is, in order:
 * $WORTHIT_DATADIR, share/ next to the running binary (a source tree),
 * ../share/worthit from the binary (an install under any PREFIX, even
 * one other than the PREFIX it was compiled with), the compiled-in
 * WORTHIT_DATADIR.
 */
#include "worthit/paths.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef WORTHIT_DATADIR
#define WORTHIT_DATADIR "/usr/local/share/worthit"
#endif

static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	if (home != NULL && *home != '\0')
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_dir : "/";
}

static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	if (v != NULL && v[0] == '/')
		return xasprintf("%s/worthit", v);
	return xasprintf("%s/%s/worthit", home_dir(), fallback);
}

char *paths_default_db(void)
{
	char *dir = xdg_dir("XDG_DATA_HOME", ".local/share");
	char *p = xasprintf("%s/worthit.db", dir);
	free(dir);
	return p;
}

char *paths_config_dir(void) { return xdg_dir("XDG_CONFIG_HOME", ".config"); }

char *paths_default_config(void)
{
	char *dir = paths_config_dir();
	char *p = xasprintf("%s/config.json", dir);
	free(dir);
	return p;
}

static bool is_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* dir/rel if it holds a demo/ directory (caller frees), else NULL. */
static char *data_dir_at(const char *dir, const char *rel)
{
	char *share = xasprintf("%s/%s", dir, rel);
	char *probe = xasprintf("%s/demo", share);
	bool found = is_dir(probe);
	free(probe);
	if (found)
		return share;
	free(share);
	return NULL;
}

char *paths_data_dir(void)
{
	const char *env = getenv("WORTHIT_DATADIR");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *dir = paths_dirname(exe);
		/* a source tree (share/ beside the binary), then an install
		 * under any prefix (PREFIX/bin -> PREFIX/share/worthit) */
		char *found = data_dir_at(dir, "share");
		if (found == NULL)
			found = data_dir_at(dir, "../share/worthit");
		free(dir);
		if (found != NULL)
			return found;
	}
	return xstrdup(WORTHIT_DATADIR);
}

char *paths_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

enum wit_status paths_mkdir_p(const char *dir, char **why)
{
	if (is_dir(dir))
		return WIT_OK;
	char *parent = paths_dirname(dir);
	enum wit_status st = WIT_OK;
	if (strcmp(parent, dir) != 0)
		st = paths_mkdir_p(parent, why);
	free(parent);
	if (st != WIT_OK)
		return st;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return wit_fail(why, WIT_CANTCREAT, "%s: cannot create directory: %s", dir,
		                strerror(errno));
	return WIT_OK;
}
