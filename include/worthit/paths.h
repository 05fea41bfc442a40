/*
 * paths.h: where worthit's files live. XDG base directories with the
 * usual fallbacks, overrides from options and environment, and the
 * shared data directory (themes, demo data) found next to the binary in
 * a source tree, via $WORTHIT_DATADIR, or at the installed prefix.
 */
#ifndef WORTHIT_PATHS_H
#define WORTHIT_PATHS_H

#include "worthit/status.h"

/* Caller frees each. */
char *paths_default_db(void);     /* $XDG_DATA_HOME/worthit/worthit.db */
char *paths_default_config(void); /* $XDG_CONFIG_HOME/worthit/config.json */
char *paths_config_dir(void);     /* $XDG_CONFIG_HOME/worthit */
char *paths_data_dir(void);       /* share/ of the source tree or install */

/* Create dir and its parents; new directories get mode 0700. */
enum wit_status paths_mkdir_p(const char *dir, char **why);
/* Directory part of path (caller frees). */
char *paths_dirname(const char *path);

#endif
