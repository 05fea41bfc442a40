/*
 * sync_write_back.c: the user's decision back into their vdir (see
 * sync_write_back() in sync.h). Only files inside a source with
 * "write_back": true are touched; the edit itself is vdir_partstat.c's.
 * The file is remembered as seen afterwards, so the next sync does not
 * read back what worthit itself wrote.
 */
#include "worthit/sync.h"
#include "worthit/db_invite.h"
#include "worthit/db_source.h"
#include "worthit/vdir.h"
#include "worthit/vdir_partstat.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *partstat_of(enum invite_status st)
{
	switch (st) {
	case STATUS_ACCEPTED: return "ACCEPTED";
	case STATUS_DECLINED: return "DECLINED";
	case STATUS_MAYBE: return "TENTATIVE";
	case STATUS_PENDING: return "NEEDS-ACTION";
	default: return NULL;
	}
}

/* The write-back source holding file (its expanded path, caller frees),
 * or NULL. file is resolved first: source_file can come from a JSON or
 * CSV import, and "vdir/../elsewhere" must not pass for the vdir. */
static char *write_back_source(const struct wit_config *cfg, const char *given)
{
	char *file = realpath(given, NULL);
	if (file == NULL)
		return NULL;
	char *found = NULL;
	for (size_t i = 0; i < cfg->n_sources && found == NULL; i++) {
		const struct source_conf *s = &cfg->sources[i];
		if (!s->has_write_back || s->path[0] == '\0')
			continue;
		char *dir = vdir_expand_home(s->path);
		size_t n = strlen(dir);
		if (strncmp(file, dir, n) == 0 && file[n] == '/')
			found = dir;
		else
			free(dir);
	}
	free(file);
	return found;
}

enum wit_status sync_write_back(struct db *db, const struct wit_config *cfg, int64_t id,
                                enum invite_status status, bool *written, char **why)
{
	*written = false;
	const char *partstat = partstat_of(status);
	if (partstat == NULL)
		return WIT_OK;
	struct invitation inv;
	invitation_init(&inv);
	enum wit_status st = db_invite_get(db, id, &inv, why);
	char *source = st == WIT_OK && inv.source_file != NULL
	               ? write_back_source(cfg, inv.source_file) : NULL;
	if (source != NULL) {
		st = vdir_partstat_write(inv.source_file, cfg, partstat, why);
		struct stat sb;
		if (st == WIT_OK && stat(inv.source_file, &sb) == 0) {
			*written = true;
			struct source_file_state f = {
				inv.source_file,
				(int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec,
				(int64_t)sb.st_size,
			};
			st = db_source_file_put(db, source, &f, why);
		}
	}
	free(source);
	invitation_done(&inv);
	return st;
}
