/*
 * config_preset.h: named weight presets ("busy month", "new in town")
 * kept in the config file under "presets": an object of preset name to
 * an object of knob name to value, e.g.
 *     "presets": {"busy month": {"overlap": 4, "budget": 3, "go": 60}}
 * Saving a preset stores the current component weights and verdict
 * thresholds; using one applies the knobs it has. Pure core: reading
 * and merging work on the cJSON tree config_parse / config_merge walk;
 * config_file.h does the file I/O.
 */
#ifndef WORTHIT_CONFIG_PRESET_H
#define WORTHIT_CONFIG_PRESET_H

#include <stdbool.h>

#include "worthit/config.h"
#include "worthit/config_read.h"
#include "worthit/status.h"

struct cJSON;

/* Read root's "presets" into cfg (config_parse calls this). Names are
 * 1..47 bytes and do not start with "_" (a note); values are knob
 * names within their ranges; other keys are ignored (and kept). */
enum wit_status config_preset_read(struct config_reader *r, const struct cJSON *root,
                                   struct wit_config *cfg);

/* Write cfg's presets into root (config_merge calls this): presets
 * updated in place, new ones appended, ones cfg no longer has removed;
 * notes and unknown keys inside a preset kept. Writes nothing when
 * there are no presets and root has no "presets" key. */
void config_preset_merge(struct cJSON *root, const struct wit_config *cfg);

/* Index of the preset called name, or -1. */
int config_preset_find(const struct wit_config *cfg, const char *name);

/* Save the current weights and thresholds as preset name (replacing a
 * preset of that name in place). WIT_USAGE for a bad name or when
 * PRESETS_MAX presets exist already. */
enum wit_status config_preset_save(struct wit_config *cfg, const char *name, char **why);

/* Apply preset name's knobs to cfg->score. WIT_NOTFOUND (listing the
 * known names) when there is none; WIT_CONFIG, cfg unchanged, when the
 * result would put the maybe threshold above go. */
enum wit_status config_preset_use(struct wit_config *cfg, const char *name, char **why);

/* Remove preset name; WIT_NOTFOUND when there is none. */
enum wit_status config_preset_delete(struct wit_config *cfg, const char *name, char **why);

/* True when every knob of preset i equals the current value. */
bool config_preset_is_active(const struct wit_config *cfg, int i);

#endif
