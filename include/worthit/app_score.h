/*
 * app_score.h: scoring a batch of loaded invitations for the dashboard:
 * gathers each invitation's score_context from the database (committed
 * hours of its month, conflicts with accepted events, target-account
 * attendees) and runs score_compute(). One query for the whole batch,
 * never one per invitation.
 */
#ifndef WORTHIT_APP_SCORE_H
#define WORTHIT_APP_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/model.h"
#include "worthit/score.h"
#include "worthit/status.h"

/* Fill ctx[i] and out[i] for invs[0..n). */
enum wit_status app_score_all(struct db *db, const struct wit_config *cfg, int64_t now,
                              const struct invitation *invs, size_t n,
                              struct score_context *ctx, struct score_result *out,
                              char **why);

#endif
