/*
 * weights_json.h: the scoring knobs as one JSON object, knob name to
 * value ({"overlap":6,"go_threshold":60,...}), in the order of the knob
 * table. It is what `worthit weights --json` prints and the snapshot a
 * decision stores beside its score (db_decision.h), so both read alike
 * and later calibration can parse either. Pure core: builds text only.
 */
#ifndef WORTHIT_WEIGHTS_JSON_H
#define WORTHIT_WEIGHTS_JSON_H

#include "worthit/score.h"

/* Every knob of s as one line of JSON. Caller frees. */
char *weights_json_snapshot(const struct score_settings *s);

#endif
