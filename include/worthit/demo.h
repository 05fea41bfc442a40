/*
 * demo.h: the demo data set (share/demo/) loaded into a database. The
 * persona, her invitations, decisions, outcomes, contacts and deals are
 * JSON files whose dates are offsets from the day the demo is created
 * ("day_offset": -412, "time": "07:30" local), so the data never goes
 * stale. Invitations go through invite_json_parse(), the same validated
 * path as user data; everything is written in one transaction.
 */
#ifndef WORTHIT_DEMO_H
#define WORTHIT_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "worthit/db.h"
#include "worthit/status.h"

/* What a load did; "added" counts exclude rows that were already there. */
struct demo_summary {
	int invitations;       /* invitations in the data set */
	int upcoming;          /* of which start after now */
	int invitations_added; /* new rows (the rest were refreshed) */
	int decisions;         /* decisions recorded */
	int outcomes;          /* outcomes stored */
	int contacts;          /* contacts added */
	int deals;             /* deals added */
};

/*
 * Load dir (normally paths_data_dir()/demo) into db relative to now, in
 * one transaction: all or nothing. Re-running refreshes: invitations
 * are matched by their stable UIDs and move to dates relative to the new
 * now; decisions and outcomes are recorded only for invitations this
 * load added, contacts are matched by e-mail and their deals added only
 * with them, so nothing is ever duplicated and nothing the user changed
 * is overwritten. Bad demo data is WIT_DATA naming the file and item.
 */
enum wit_status demo_load(struct db *db, const char *dir, int64_t now, struct demo_summary *out,
                          char **why);

/*
 * Copy dir/config.json to path (mode 0600, parent directories 0700)
 * unless path exists already: then nothing is written and *written is
 * false.
 */
enum wit_status demo_write_config(const char *dir, const char *path, bool *written, char **why);

#endif
