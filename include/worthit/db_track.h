/*
 * db_track.h: track records for the scoring engine: what past events
 * produced (logged outcomes of invitations that have started), summed
 * by kind, by organizer and by series. Loaded once per command or
 * dashboard load from the sums triggers keep (track_summary), so the
 * cost does not grow with the number of outcomes, then looked up per
 * invitation in memory.
 */
#ifndef WORTHIT_DB_TRACK_H
#define WORTHIT_DB_TRACK_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/score.h"
#include "worthit/status.h"

struct track_entry {
	char *key;             /* organizer or series, as stored */
	struct score_track t;
};

struct track_book {
	struct score_track by_kind[KIND_COUNT];
	struct track_entry *by_organizer; /* sorted by key (strcmp) */
	size_t n_organizer;
	struct track_entry *by_series;    /* sorted by key (strcmp) */
	size_t n_series;
};

/*
 * Sum the outcomes of invitations starting before `before` (attended,
 * or accepted and logged). Hours are the logged actual minutes, or the
 * planned duration + 2 x travel + preparation when none were logged.
 * out must be freed with db_track_done() (also after an error).
 */
enum wit_status db_track_load(struct db *db, int64_t before, struct track_book *out,
                              char **why);
void db_track_done(struct track_book *b);

/* The three summaries for inv (zeros where nothing is known). */
void db_track_lookup(const struct track_book *b, const struct invitation *inv,
                     struct score_track out[TRACK_LEVEL_COUNT]);

#endif
