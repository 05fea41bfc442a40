/*
 * weights_json.c: the knobs as one JSON object (see weights_json.h).
 * Owns nothing but the formatting: the knob names and their order are
 * the knob table's (score_knob_info), so a new knob shows up here
 * without an edit.
 */
#include "worthit/weights_json.h"
#include "worthit/xmalloc.h"

#include <cjson/cJSON.h>

char *weights_json_snapshot(const struct score_settings *s)
{
	cJSON *o = cJSON_CreateObject();
	for (int k = 0; k < KNOB_COUNT; k++)
		cJSON_AddNumberToObject(o, score_knob_info((enum score_knob)k)->name, s->knob[k]);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char *line = xstrdup(text);
	cJSON_free(text);
	return line;
}
