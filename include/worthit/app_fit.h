/*
 * app_fit.h: the past events behind `worthit weights suggest` and
 * `weights backtest` (and the weights view's `s`): the outcomes of
 * decided events (db_history.h) with every score component's raw value
 * recomputed by the current engine, as of before each event.
 *
 * Why recomputed rather than stored: the decision journal keeps the
 * total score and a weights snapshot, not the components, and one total
 * cannot tell eight components apart. The raw values do not depend on
 * the weights, only on the invitation, the formula parameters and the
 * context, which is rebuilt as it stood before the event: its month's
 * other accepted/attended hours, attendees matched to contacts and
 * target accounts, and the track record of events that started before
 * it (never its own outcome, which would be the answer leaking into the
 * question). Contacts are those known now. The recorded score comes
 * along for the "as decided" column of the backtest.
 */
#ifndef WORTHIT_APP_FIT_H
#define WORTHIT_APP_FIT_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/fit.h"
#include "worthit/status.h"

/* Events that started before now, oldest first. *out is allocated
 * (NULL when *n == 0); caller frees. */
enum wit_status app_fit_events(struct db *db, const struct wit_config *cfg, int64_t now,
                               struct fit_event **out, size_t *n, char **why);

#endif
