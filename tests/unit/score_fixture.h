/*
 * score_fixture.h: the user every scoring test scores for, built by
 * hand (not from config_defaults' profile, which may change): a local
 * freelancer billing 150.00 USD/h, profile industry (0.5) legal 1.0,
 * accounting 0.6; role (0.3) partner 1.0, owner 0.5; company size (0.2)
 * small 0.8, medium 1.0; region 0; windows Mon-Fri 08:00-18:00; budget
 * band 6-12 h; target domain bigfirm.com; every knob at its default.
 * This is also the user of docs/scoring.md's worked example.
 */
#ifndef WORTHIT_TEST_SCORE_FIXTURE_H
#define WORTHIT_TEST_SCORE_FIXTURE_H

#include "worthit/config.h"
#include "worthit/score.h"
#include "worthit/timeutil.h"

#include <string.h>

static inline void fixture_segment(struct profile_dimension *d, const char *value, double w)
{
	struct profile_segment *s = &d->seg[d->n++];
	memset(s, 0, sizeof *s);
	strncpy(s->value, value, sizeof s->value - 1);
	s->weight = w;
}

static inline void fixture_config(struct wit_config *cfg)
{
	config_defaults(cfg);
	cfg->hourly_rate_minor = 15000;
	memcpy(cfg->currency, "USD", 4);
	cfg->scope = SCOPE_LOCAL;
	for (int d = 0; d < DIM_COUNT; d++) {
		cfg->profile[d].n = 0;
		cfg->profile[d].weight = 0.0;
	}
	cfg->profile[DIM_INDUSTRY].weight = 0.5;
	fixture_segment(&cfg->profile[DIM_INDUSTRY], "legal", 1.0);
	fixture_segment(&cfg->profile[DIM_INDUSTRY], "accounting", 0.6);
	cfg->profile[DIM_ROLE].weight = 0.3;
	fixture_segment(&cfg->profile[DIM_ROLE], "partner", 1.0);
	fixture_segment(&cfg->profile[DIM_ROLE], "owner", 0.5);
	cfg->profile[DIM_COMPANY_SIZE].weight = 0.2;
	fixture_segment(&cfg->profile[DIM_COMPANY_SIZE], "small", 0.8);
	fixture_segment(&cfg->profile[DIM_COMPANY_SIZE], "medium", 1.0);
	for (int day = 0; day < 7; day++)
		cfg->n_avail[day] = 0;
	for (int day = 1; day <= 5; day++) {
		cfg->n_avail[day] = 1;
		cfg->avail[day][0] = (struct avail_window){ 8 * 60, 18 * 60 };
	}
	cfg->budget_min_hours = 6;
	cfg->budget_max_hours = 12;
	cfg->n_target_domains = 1;
	strcpy(cfg->target_domains[0], "bigfirm.com");
	score_settings_defaults(&cfg->score);
}

static inline void fixture_share(struct invitation *inv, enum audience_dim dim,
                                 const char *value, double share, bool second)
{
	struct audience_share s;
	memset(&s, 0, sizeof s);
	s.dim = dim;
	strncpy(s.value, value, sizeof s.value - 1);
	s.share = share;
	s.is_second_degree = second;
	invitation_add_share(inv, &s);
}

/* Local wall clock at UTC-5 (Chicago in March 2026 after the 8th). */
#define CDT (-5 * 3600)
static inline int64_t fixture_local(int y, int mo, int d, int h, int mi)
{
	return time_from_utc_fields(y, mo, d, h, mi, 0) - CDT;
}

#endif
