/*
 * invite_json_item.h: one JSON object to one invitation, every field
 * validated (invite_json_item.c). Used by invite_json.c, which owns the
 * outer shape and line numbers; callers outside the JSON format use
 * invite_json.h instead.
 */
#ifndef WORTHIT_INVITE_JSON_ITEM_H
#define WORTHIT_INVITE_JSON_ITEM_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "worthit/import_problems.h"
#include "worthit/model.h"

/*
 * Fill inv (initialised by the caller) from obj. Every bad field adds
 * "field: what is wrong" on line to problems; returns true only when
 * there was none. inv is to be invitation_done() either way.
 */
bool invite_json_item_parse(const cJSON *obj, int line, struct invitation *inv,
                            struct import_problems *problems);

/* Member names starting with "x_" or "x-" are extensions: ignored. */
bool invite_json_item_is_extension(const char *key);

#endif
