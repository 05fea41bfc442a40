/*
 * vdir.c: listing vdirs and Maildirs, and recognising a source's kind
 * (see vdir.h). A vdir as vdirsyncer writes it (and khal reads it) is
 * a directory of "*.ics" files, one event each (a series with its
 * overrides counts as one); a configured path may be one collection or
 * the parent of several collections, so two levels are walked. Only
 * readdir and fstatat: 5,000 unchanged files list in milliseconds.
 */
#include "worthit/vdir.h"
#include "worthit/xmalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void vdir_files_free(struct source_file_state *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].file);
	free(v);
}

const char *source_kind_name(enum source_kind k)
{
	switch (k) {
	case SOURCE_VDIR: return "vdir";
	case SOURCE_ICS: return "ics";
	case SOURCE_MAILDIR: return "maildir";
	case SOURCE_MBOX: return "mbox";
	case SOURCE_MAIL: return "mail";
	case SOURCE_FEED: return "feed";
	}
	return "?";
}

char *vdir_expand_home(const char *path)
{
	const char *home = getenv("HOME");
	char *p = strncmp(path, "~/", 2) == 0 && home != NULL && *home != '\0'
	          ? xasprintf("%s/%s", home, path + 2) : xstrdup(path);
	/* one spelling per file, however the path was written */
	char *real = realpath(p, NULL);
	if (real != NULL) {
		free(p);
		p = xstrdup(real);
		free(real);
	}
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	return p;
}

static bool is_dir_at(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct stat sb;
	bool r = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
	free(p);
	return r;
}

static bool has_ics_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcasecmp(name + n - 4, ".ics") == 0;
}

enum wit_status vdir_kind_of(const char *path, enum source_kind *kind, char **why)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return wit_fail(why, WIT_NOINPUT, "%s: %s", path, strerror(errno));
	if (S_ISDIR(sb.st_mode)) {
		*kind = is_dir_at(path, "cur") && is_dir_at(path, "new") ? SOURCE_MAILDIR
		                                                          : SOURCE_VDIR;
		return WIT_OK;
	}
	if (!S_ISREG(sb.st_mode))
		return wit_fail(why, WIT_NOINPUT, "%s: not a file or directory", path);
	if (has_ics_name(path)) {
		*kind = SOURCE_ICS;
		return WIT_OK;
	}
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return wit_fail(why, WIT_NOINPUT, "%s: %s", path, strerror(errno));
	char head[32] = "";
	size_t n = fread(head, 1, sizeof head - 1, f);
	head[n] = '\0';
	fclose(f);
	const char *h = strncmp(head, "\xEF\xBB\xBF", 3) == 0 ? head + 3 : head;
	*kind = strncasecmp(h, "BEGIN:VCALENDAR", 15) == 0 ? SOURCE_ICS
	        : strncmp(h, "From ", 5) == 0              ? SOURCE_MBOX
	                                                   : SOURCE_MAIL;
	return WIT_OK;
}

struct listing {
	struct source_file_state *v;
	size_t n, cap;
};

static void push(struct listing *l, char *file, const struct stat *sb)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = (struct source_file_state){
		file, (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec,
		(int64_t)sb->st_size,
	};
}

/* Files of dir (all, or *.ics), and subdirectories down to depth. */
static enum wit_status walk(const char *dir, bool only_ics, int depth, struct listing *l,
                            char **why)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return wit_fail(why, WIT_NOINPUT, "%s: %s", dir, strerror(errno));
	enum wit_status st = WIT_OK;
	struct dirent *e;
	while (st == WIT_OK && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		struct stat sb;
		if (fstatat(dirfd(d), e->d_name, &sb, 0) != 0)
			continue; /* gone meanwhile, or a dangling link */
		char *p = xasprintf("%s/%s", dir, e->d_name);
		if (S_ISDIR(sb.st_mode) && depth > 0) {
			st = walk(p, only_ics, depth - 1, l, why);
			free(p);
		} else if (S_ISREG(sb.st_mode) && (!only_ics || has_ics_name(e->d_name))) {
			push(l, p, &sb);
		} else {
			free(p);
		}
	}
	closedir(d);
	return st;
}

static int by_file(const void *a, const void *b)
{
	return strcmp(((const struct source_file_state *)a)->file,
	              ((const struct source_file_state *)b)->file);
}

enum wit_status vdir_list(const char *dir, enum source_kind kind,
                          struct source_file_state **out, size_t *n, char **why)
{
	struct listing l = {0};
	enum wit_status st = WIT_OK;
	if (kind == SOURCE_MAILDIR) {
		char *cur = xasprintf("%s/cur", dir), *nw = xasprintf("%s/new", dir);
		st = walk(cur, false, 0, &l, why);
		if (st == WIT_OK)
			st = walk(nw, false, 0, &l, why);
		free(cur);
		free(nw);
	} else {
		st = walk(dir, true, 2, &l, why);
	}
	if (st != WIT_OK) {
		vdir_files_free(l.v, l.n);
		return st;
	}
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, by_file);
	*out = l.v;
	*n = l.n;
	return WIT_OK;
}
