/*
 * cli_score_report.h: scored invitations for the CLI (`score`, `why`,
 * `decide`, and `show`'s breakdown): loading and ranking a batch with
 * full contexts (app_score.c), the JSON object of one score and the
 * component table (the weights as JSON are weights_json.h's). App layer: prints to the
 * FILE it is given, never exits.
 */
#ifndef WORTHIT_CLI_SCORE_REPORT_H
#define WORTHIT_CLI_SCORE_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "worthit/cmd.h"
#include "worthit/config.h"
#include "worthit/model.h"
#include "worthit/score.h"
#include "worthit/status.h"

struct score_batch {
	struct invitation_list invs;
	struct score_context *ctx; /* parallel to invs.items */
	struct score_result *res;  /* parallel to invs.items */
	size_t *order;             /* ranking: indices into invs.items */
};

/*
 * Load ids[0..n_ids) (WIT_NOTFOUND naming the first unknown id), or
 * with n_ids == 0 every pending or maybe invitation from now on; score
 * them with ctx->cfg and rank them. b must be freed with
 * cli_score_report_done() (also after an error).
 */
enum wit_status cli_score_report_load(struct app_ctx *ctx, const int64_t *ids, size_t n_ids,
                                  struct score_batch *b, char **why);
void cli_score_report_done(struct score_batch *b);

/* "score 72.5 (go)" for stored invitation id into buf (`add`, `edit`). */
enum wit_status cli_score_report_line(struct app_ctx *ctx, int64_t id, char *buf, size_t len,
                                      char **why);

/* One line of JSON for invitation i of b: id, title, starts_at, score,
 * verdict, conflict, prospects, cost {hours, money, currency},
 * value_per_hour (null without history), components [{name, raw,
 * weight, contribution, explanation}]. Caller frees. */
char *cli_score_report_json(const struct score_batch *b, size_t i, const struct wit_config *cfg);

/* The full breakdown of invitation i: total, verdict, then one line per
 * component with raw, weight, points and explanation. */
void cli_score_report_breakdown(FILE *out, const struct score_batch *b, size_t i,
                            const struct wit_config *cfg);

#endif
