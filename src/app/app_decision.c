/*
 * app_decision.c: a decision with its score and weights snapshot (see
 * app_decision.h). The one place that decides what a decision row
 * holds; the callers only choose the status and the time (the CLI's
 * clock, or the dashboard's clock read at the key press).
 */
#include "worthit/app_decision.h"
#include "worthit/weights_json.h"

#include "worthit/xmalloc.h"

#include <stdlib.h>

enum wit_status app_decision_record(struct db *db, int64_t id, enum invite_status to,
                                    const struct score_result *r,
                                    const struct score_settings *settings, int64_t now,
                                    struct decision *out, char **why)
{
	char *weights = weights_json_snapshot(settings);
	enum wit_status st = db_decision_record(db, id, to, r->total,
	                                        score_verdict_name(r->verdict), weights, now, out,
	                                        why);
	free(weights);
	return st;
}

enum wit_status app_decision_record_series(struct db *db, const int64_t *ids,
                                           const struct score_result *rs, size_t n,
                                           enum invite_status to,
                                           const struct score_settings *settings, int64_t now,
                                           size_t *n_changed, struct decision *first,
                                           char **why)
{
	struct journal_pick *picks = xcalloc(n ? n : 1, sizeof *picks);
	for (size_t i = 0; i < n; i++)
		picks[i] = (struct journal_pick){ ids[i], rs[i].total,
		                                  score_verdict_name(rs[i].verdict) };
	char *weights = weights_json_snapshot(settings);
	enum wit_status st = db_journal_decide_batch(db, picks, n, to, weights, now, n_changed,
	                                             first, why);
	free(weights);
	free(picks);
	return st;
}
