/*
 * score_ctx.h: the app-level part of a score_context that needs the
 * database beyond what app_score_all() gathers (committed hours,
 * conflicts, target accounts): track records by kind, organizer and
 * series (db_track.h) and the user's contacts among the attendees.
 * Load once per command or dashboard load, then enrich each context.
 */
#ifndef WORTHIT_SCORE_CTX_H
#define WORTHIT_SCORE_CTX_H

#include <stddef.h>
#include <stdint.h>

#include "worthit/config.h"
#include "worthit/db.h"
#include "worthit/db_track.h"
#include "worthit/model.h"
#include "worthit/score.h"
#include "worthit/status.h"

struct score_ctx_person {
	char *key;       /* lower-cased e-mail or name */
	size_t contact;  /* index into contacts */
};

struct score_ctx_data {
	struct track_book track;
	struct contact *contacts;
	size_t n_contacts;
	struct score_ctx_person *by_email; /* sorted by key */
	size_t n_email;
	struct score_ctx_person *by_name;  /* sorted by key */
	size_t n_name;
};

/* Track records of events before now, and every contact. Free with
 * score_ctx_done() (also after an error). */
enum wit_status score_ctx_load(struct db *db, int64_t now, struct score_ctx_data *d, char **why);
void score_ctx_done(struct score_ctx_data *d);

/*
 * Fill ctx's track records and count the attendees of inv who are
 * contacts (by e-mail address, else by exact name, case-insensitively;
 * each contact once): clients in n_clients, the others in n_warm; the
 * other attendees at cfg's target domains in n_target (so nobody counts
 * twice). The first client matched (else the first contact, else the
 * first target-account attendee) names contact_name.
 */
void score_ctx_enrich(const struct score_ctx_data *d, const struct wit_config *cfg,
                      const struct invitation *inv, struct score_context *ctx);

/*
 * Score a batch the way the dashboard does (app_score_all) with track
 * records and contacts added: ctx[i] and out[i] for invs[0..n).
 */
enum wit_status score_ctx_score_all(struct db *db, const struct wit_config *cfg, int64_t now,
                                    const struct invitation *invs, size_t n,
                                    struct score_context *ctx, struct score_result *out,
                                    char **why);

#endif
