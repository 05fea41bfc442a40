/*
 * config_file.h: the configuration file on disk. Reads it into a
 * struct wit_config (through config_parse), writes settings back
 * atomically keeping every key worthit does not know (config_merge),
 * and writes the documented starter file. Adapter: all file I/O of the
 * configuration is here; config.c stays pure.
 */
#ifndef WORTHIT_CONFIG_FILE_H
#define WORTHIT_CONFIG_FILE_H

#include <stdbool.h>

#include "worthit/config.h"
#include "worthit/status.h"

/* Files larger than this are refused: no configuration is that big. */
#define CONFIG_FILE_MAX (1024 * 1024)

/*
 * Load path over the built-in defaults. A missing file is not an error:
 * cfg gets the defaults and *exists is false. Unreadable: WIT_NOINPUT;
 * malformed: WIT_CONFIG with "PATH:LINE:COLUMN: what is wrong". cfg is
 * written only on WIT_OK.
 */
enum wit_status config_file_load(const char *path, struct wit_config *cfg, bool *exists,
                                 char **why);

/*
 * A warning when the file at path is group- or world-writable (anyone
 * who can edit it changes the scores), else NULL. Caller frees.
 */
char *config_file_mode_warning(const char *path);

/*
 * Write cfg to path atomically: the old text's unknown keys and notes
 * are kept (config_merge), the result goes to a temporary file in the
 * same directory (mode 0600, or the old file's mode), which is fsynced
 * and renamed over path; then the directory is fsynced. A symbolic link
 * at path is followed, so the link stays a link. The directory is
 * created 0700 if missing. A malformed existing file is refused
 * (WIT_CONFIG) and left untouched.
 */
enum wit_status config_file_save(const char *path, const struct wit_config *cfg, char **why);

/*
 * Write the documented starter file (config_starter_text) to path,
 * mode 0600, directory 0700. Never over an existing file: then
 * WIT_CANTCREAT and the file is left as it was.
 */
enum wit_status config_file_init(const char *path, char **why);

#endif
