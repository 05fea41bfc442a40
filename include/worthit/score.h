/*
 * score.h: the scoring engine. Pure core: no I/O, no SQLite, no
 * globals, no allocation in score_compute(). Rates one invitation for
 * one user in one context and explains the rating component by
 * component. docs/scoring.md gives the exact formulas; tests compute
 * its worked example.
 *
 * Every number the formulas use is a "knob" with a name, a default and
 * a range in the knob table (score_knob_info), so config, the CLI's
 * --weights and the weights view all handle them generically. Knobs
 * 0..SC_COUNT-1 are the component weights and carry the component's
 * name; then the verdict thresholds; then the formula parameters.
 *
 * The total is a weighted mean: every component yields a raw value in
 * 0..1, and
 *     contribution[c] = 100 * g * weight[c] * raw[c] / sum(weight)
 *     total           = sum(contribution)            (0..100)
 * where g is 1, or the conflict_factor knob when the invitation
 * conflicts with an accepted event. So the contributions add up to the
 * total by construction, a zero weight gives a zero contribution, and
 * no clamp is ever needed. All weights zero: total 0.
 *
 * The audience overlap counts prospects: attendees who fit the customer
 * profile on every dimension at once, so the per-dimension matches are
 * multiplied (as if independent), each raised to its dimension's
 * relative importance, never averaged.
 */
#ifndef WORTHIT_SCORE_H
#define WORTHIT_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/model.h"
#include "worthit/status.h"

struct wit_config;

enum score_component {
	SC_OVERLAP,       /* audience-customer overlap */
	SC_TIME_COST,     /* hours and money the event costs */
	SC_AVAILABILITY,  /* availability windows and conflicts */
	SC_BUDGET,        /* monthly networking-time budget balance */
	SC_TRACK_RECORD,  /* what similar past events produced */
	SC_RELATIONSHIPS, /* clients and warm contacts attending */
	SC_STAGE,         /* speaking slot */
	SC_LOCALITY,      /* local rooms for local businesses */
	SC_COUNT
};

enum score_knob {
	/* component weights: KNOB_W_x == SC_x */
	KNOB_W_OVERLAP = SC_OVERLAP,
	KNOB_W_TIME_COST = SC_TIME_COST,
	KNOB_W_AVAILABILITY = SC_AVAILABILITY,
	KNOB_W_BUDGET = SC_BUDGET,
	KNOB_W_TRACK_RECORD = SC_TRACK_RECORD,
	KNOB_W_RELATIONSHIPS = SC_RELATIONSHIPS,
	KNOB_W_STAGE = SC_STAGE,
	KNOB_W_LOCALITY = SC_LOCALITY,
	/* verdict thresholds on the 0..100 total */
	KNOB_GO_THRESHOLD,
	KNOB_MAYBE_THRESHOLD,
	/* formula parameters (see docs/scoring.md) */
	KNOB_SECOND_DEGREE_DISCOUNT,
	KNOB_PARAM_FIRST_ = KNOB_SECOND_DEGREE_DISCOUNT,
	/* overlap */
	KNOB_DEFAULT_ATTENDANCE,     /* people assumed when unknown */
	KNOB_UNDESCRIBED_MATCH,      /* match share when no dimension known */
	KNOB_UNKNOWN_DIMENSION_MATCH, /* prior match of one undescribed dimension */
	KNOB_OVERLAP_HALF,           /* prospects met giving half the marks */
	KNOB_PEOPLE_MET,             /* people one talks to at one event */
	/* time cost */
	KNOB_TIME_HALF_HOURS,        /* cost (in hours of your rate) for half */
	KNOB_ALL_DAY_HOURS,          /* hours counted per all-day day */
	KNOB_FALLBACK_RATE,          /* minor units/h when no rate is set */
	/* availability */
	KNOB_OUTSIDE_ZERO_MIN,       /* minutes outside windows giving 0 */
	KNOB_CONFLICT_FACTOR,        /* total multiplier on a hard conflict */
	/* budget */
	KNOB_BUDGET_UNDER_BONUS,     /* raw above 0.5 at or below the band */
	KNOB_BUDGET_OVER_ZERO_HOURS, /* hours above the band giving 0 */
	/* track record */
	KNOB_LEAD_VALUE_HOURS,       /* one lead, in hours of your rate */
	KNOB_TRACK_PRIOR_ROI,        /* prior value per hour / your rate */
	KNOB_TRACK_PRIOR_HOURS,      /* prior strength, hours of events */
	KNOB_TRACK_HALF_ROI,         /* value/hour ratio giving half */
	/* relationships */
	KNOB_CLIENT_POINTS,
	KNOB_WARM_POINTS,
	KNOB_TARGET_POINTS,
	KNOB_RELATIONSHIPS_HALF,     /* points giving half the marks */
	/* stage */
	KNOB_STAGE_SLOT,             /* raw for an unpaid speaking slot */
	KNOB_STAGE_FEE_HALF_HOURS,   /* fee (hours of rate) for half the rest */
	/* locality: raw for (business scope, room reach) */
	KNOB_LOCALITY_FIRST_,
	KNOB_LOCALITY_LOCAL_LOCAL = KNOB_LOCALITY_FIRST_,
	KNOB_LOCALITY_LOCAL_REGIONAL,
	KNOB_LOCALITY_LOCAL_VIRTUAL,
	KNOB_LOCALITY_REGIONAL_LOCAL,
	KNOB_LOCALITY_REGIONAL_REGIONAL,
	KNOB_LOCALITY_REGIONAL_VIRTUAL,
	KNOB_LOCALITY_NATIONAL_LOCAL,
	KNOB_LOCALITY_NATIONAL_REGIONAL,
	KNOB_LOCALITY_NATIONAL_VIRTUAL,
	KNOB_LOCALITY_ONLINE_LOCAL,
	KNOB_LOCALITY_ONLINE_REGIONAL,
	KNOB_LOCALITY_ONLINE_VIRTUAL,
	KNOB_COUNT
};

/* Which config section a knob lives in: "weights", "thresholds" or
 * "scoring". */
struct score_knob_info {
	const char *name;    /* e.g. "overlap", "go", "second_degree_discount" */
	const char *section; /* config object holding it */
	double def, min, max, step;
	const char *help;    /* one line for the weights view and man page */
};

struct score_settings {
	double knob[KNOB_COUNT];
};

const struct score_knob_info *score_knob_info(enum score_knob k);
/* -1 when no knob has that name. */
int score_knob_from_name(const char *name);
/* Every knob at its default. */
void score_settings_defaults(struct score_settings *s);
/* Name of a component (== name of its weight knob). */
const char *score_component_name(enum score_component c);
/* Short human label: "overlap" -> "audience overlap". */
const char *score_component_label(enum score_component c);

/*
 * Apply "name=value,name=value" (the --weights option) to s. Every
 * name must be a knob and every value a number within the knob's
 * range; on error s is left unchanged and *why names the culprit
 * (WIT_USAGE). An empty spec changes nothing.
 */
enum wit_status score_settings_apply_overrides(struct score_settings *s, const char *spec,
                                               char **why);

enum score_verdict { VERDICT_GO, VERDICT_MAYBE, VERDICT_SKIP };
const char *score_verdict_name(enum score_verdict v);

/* ---- inputs the caller gathers (from the database) ---------------- */

/* Past attended events with an outcome, for one grouping. */
struct score_track {
	int events;            /* >= 0 */
	double hours;          /* actual hours, travel included, >= 0 */
	int leads;             /* >= 0 */
	int deals;             /* >= 0 */
	int64_t revenue_minor; /* >= 0, user's currency */
};

/* Groupings, most specific last: the estimate for the kind shrinks to
 * the prior, the organizer's to the kind's, the series' to the
 * organizer's. */
enum score_track_level { TRACK_KIND, TRACK_ORGANIZER, TRACK_SERIES, TRACK_LEVEL_COUNT };

#define SCORE_NAME_MAX 80 /* bytes of a name kept for explanations */

struct score_context {
	int64_t now;                /* UTC seconds; only sets is_past */
	int utc_offset_sec;         /* local offset at the event (east > 0),
	                               for the availability windows */
	double committed_hours;     /* accepted/attended hours in the event's
	                               calendar month, this invitation excluded */
	struct score_track track[TRACK_LEVEL_COUNT];
	/* accepted events overlapping [start - buffer, end + buffer], buffer
	 * = travel + preparation of each event */
	int n_conflicts;
	int64_t conflict_id;        /* the first of them */
	char conflict_title[SCORE_NAME_MAX];
	/* attendees matched to contacts (clients are not also counted warm)
	 * and to target-account domains (score_match_relationships) */
	int n_clients;
	int n_warm;
	int n_target;
	char contact_name[SCORE_NAME_MAX]; /* one matched person, or "" */
};

/* Zero everything: no history, no conflicts, no contacts. */
void score_context_init(struct score_context *ctx);

/*
 * Count the attendees of inv (newline-separated "Name <addr>" or addr)
 * whose e-mail domain (or a subdomain of it) is one of cfg's target
 * domains, case-insensitively; the first match's name or address goes
 * to name (when name is not NULL and still empty). Run once per
 * invitation, not per re-rank.
 */
int score_match_targets(const struct invitation *inv, const struct wit_config *cfg, char *name,
                        size_t name_len);
/* One attendee line [line, line+len): is its address at a target domain? */
bool score_attendee_is_target(const struct wit_config *cfg, const char *line, size_t len);
/* The display name of an attendee line, or its bare address when it has
 * none ("<addr>", "mailto:addr"), into name (always NUL-terminated). */
void score_attendee_name(const char *line, size_t len, char *name, size_t name_len);

/* ---- output -------------------------------------------------------- */

struct score_part {
	double raw;          /* 0..1, the component's own rating */
	double weight;       /* the weight knob */
	double contribution; /* points of the total, >= 0 */
};

struct score_result {
	double total;                 /* 0..100 == sum of contributions */
	enum score_verdict verdict;
	bool has_conflict;            /* hard: verdict skip, total scaled */
	bool is_past;                 /* starts_at < ctx->now */
	double factor;                /* g: 1 or conflict_factor */
	/* overlap */
	double match;                 /* share of the room that buys, 0..1:
	                                 product of dim_match[d]^dim_exponent[d] */
	double dim_match[DIM_COUNT];  /* share of the room matching the profile
	                                 along d, 0..1 (the prior when the
	                                 invitation does not describe d) */
	double dim_exponent[DIM_COUNT]; /* profile weight / largest one; 0 =
	                                   dimension ignored */
	unsigned dim_described;       /* bit d: the invitation describes d */
	int attendance;               /* people used (assumed when unknown) */
	bool attendance_assumed;
	double prospects;             /* match * attendance */
	double prospects_met;         /* match * min(attendance, people_met):
	                                 the prospects one gets to talk to */
	/* cost */
	double hours;                 /* duration + 2 * travel + preparation */
	double event_hours;           /* duration alone */
	int64_t rate_minor;           /* hourly rate used */
	int64_t cost_minor;           /* hours * rate + ticket */
	double cost_rate_hours;       /* cost_minor / rate */
	/* availability, budget */
	int outside_min;              /* away minutes outside the windows */
	double budget_after_hours;    /* committed + hours */
	/* track record */
	int history_events;           /* events behind the estimate (max level) */
	bool has_history;             /* history_events > 0 */
	double roi;                   /* shrunk value per hour / rate */
	double value_per_hour_minor;  /* roi * rate; meaningful if has_history */
	/* relationships, stage */
	double relationship_points;
	double fee_rate_hours;        /* speaking fee / rate */
	struct score_part part[SC_COUNT];
};

/*
 * Rate inv. cfg supplies the rate, scope, profile, windows, budget band
 * and the knobs (cfg->score). No allocation, no formatting. Equal to
 * score_prepare() followed by score_finish().
 */
void score_compute(const struct invitation *inv, const struct score_context *ctx,
                   const struct wit_config *cfg, struct score_result *out);

/* Past events of one grouping as the track record reads them: only
 * groupings with events are kept, broadest first. */
struct score_track_input {
	double hours;           /* >= 0 */
	double revenue;         /* minor units, >= 0 */
	int leads;              /* >= 0 */
	int events;             /* > 0 */
};

/*
 * What score_finish() needs of one invitation and its context, with
 * the work that no knob changes done once: profile matching per
 * dimension, minutes outside the windows, contacts, history. Re-ranking
 * while knobs are tuned calls only score_finish() (or score_totals()) on
 * a compact array of these, so it never walks the (large) invitations
 * again. A change of the profile, the windows, the rate or the context
 * needs a new score_prepare(). The fields every re-rank reads come
 * first, so that one invitation's costs one or two cache lines; the
 * per-dimension sums after them are read only for the dimensions with
 * second-degree shares and for a full score_finish().
 */
struct score_input {
	int64_t id, starts_at;      /* for ranking */
	double match_known;         /* product of the factors of the described,
	                               counted dimensions without second-degree
	                               shares (theirs depend on no knob) */
	double event_hours;         /* timed events: duration; all-day: 0 */
	double extra_hours;         /* (2 * travel + preparation) / 60 */
	double committed_hours;     /* >= 0 */
	int64_t ticket_minor, fee_minor, rate_minor; /* rate 0: use the fallback */
	int attendance;             /* 0 = unknown */
	int outside_min;            /* timed events: away minutes outside windows */
	int n_clients, n_warm, n_target; /* >= 0 */
	unsigned char described;    /* bit d: a share of dimension d exists */
	unsigned char match_late;   /* bit d: described, counted, with a
	                               second-degree share: its factor depends
	                               on second_degree_discount */
	unsigned char reach;        /* enum invite_reach */
	unsigned char n_track;      /* groupings with events in track[] */
	unsigned char all_day_days; /* 0 for timed events, else 1..62 */
	bool all_day, is_speaking, is_past, has_conflict;
	struct score_track_input track[TRACK_LEVEL_COUNT]; /* n_track of them */
	/* read only for match_late dimensions and by score_finish() */
	double late_disc;           /* second_degree_discount at prepare time */
	double late_factor[DIM_COUNT]; /* match_late d: its factor under
	                                  late_disc (reused while it holds) */
	double first[DIM_COUNT];    /* sum of share * segment weight, buyers */
	double second[DIM_COUNT];   /* the same for second-degree shares */
	unsigned char day_count[7]; /* all-day: days falling on each weekday */
	short window_min[7];        /* all-day: window minutes of each weekday */
};

void score_prepare(const struct invitation *inv, const struct score_context *ctx,
                   const struct wit_config *cfg, struct score_input *in);
/* The score from prepared input and the current knobs (cfg->score). */
void score_finish(const struct score_input *in, const struct wit_config *cfg,
                  struct score_result *out);
/* Only the totals of in[0..n), for re-ranking: the same numbers as
 * score_finish, with the knobs read once for the whole batch. */
void score_totals(const struct score_input *in, size_t n, const struct wit_config *cfg,
                  double *totals);

/*
 * The knobs compiled once for a batch: everything the formulas derive
 * from cfg alone (weights clamped and summed, each weight's share of
 * the 100 points, defaulted curve parameters, the profile's exponents
 * and every product of the unknown-dimension prior's powers), so that
 * scoring one prepared invitation is arithmetic on its inputs. Plain
 * data, no pointer into cfg: valid until cfg's knobs, profile, scope or
 * budget band change. The score_plan_* functions give exactly the
 * numbers of their cfg counterparts.
 */
struct score_plan {
	double weight[SC_COUNT];      /* weight knobs, negative ones as 0 */
	double wsum;                  /* their sum, in component order */
	double factor[2];             /* g: [0] 1, [1] conflict_factor */
	double scaled[2][SC_COUNT];   /* 100 g[i] / wsum * weight[c] (0 when
	                                 wsum is 0): points per unit of raw */
	double go, maybe;             /* verdict thresholds */
	double dim_exponent[DIM_COUNT]; /* profile weight / largest one */
	unsigned counted;             /* bit d: dim_exponent[d] > 0 */
	bool has_prior_table;         /* prior_factor filled (always, from
	                                 score_plan_init) */
	double prior_factor[1u << DIM_COUNT]; /* product over the bits of the
	                                         index of prior^exponent */
	double disc, undescribed, prior, overlap_half, people_met;
	int attendance;               /* default_attendance, rounded */
	double all_day_hours, time_half;
	int64_t fallback_rate;        /* minor units/h */
	int per_day_min;              /* all_day_hours in minutes */
	double outside_zero;
	double lo, hi, bonus, over_zero; /* budget band, hours */
	double lead_value_hours, prior_h, prior_roi, track_half;
	double client, warm, target, rel_half;
	double slot, fee_half;
	double locality[REACH_COUNT]; /* raw by room reach, for cfg's scope */
};

void score_plan_init(struct score_plan *plan, const struct wit_config *cfg);
/* score_compute(), score_finish() and score_totals() with the knobs
 * already compiled (cfg still supplies the profile, windows and rate
 * that score_prepare reads). */
void score_plan_compute(const struct score_plan *plan, const struct invitation *inv,
                        const struct score_context *ctx, const struct wit_config *cfg,
                        struct score_result *out);
void score_plan_finish(const struct score_plan *plan, const struct score_input *in,
                       struct score_result *out);
void score_plan_totals(const struct score_plan *plan, const struct score_input *in, size_t n,
                       double *totals);
/* The raw values of in's components (each clamped to 0..1, what the
 * total weighs) into raw; returns the total. */
double score_plan_raw(const struct score_plan *plan, const struct score_input *in,
                      double raw[SC_COUNT]);
/* The same for the components in mask (bit c: component c) only; the
 * other entries of raw are left as they are. */
void score_plan_raw_some(const struct score_plan *plan, const struct score_input *in,
                         unsigned mask, double raw[SC_COUNT]);
/* The components whose raw value knob k enters (bit c: component c):
 * 0 for the weights and thresholds, and for conflict_factor, which
 * scales the total (g) and no raw value. A change of knob k leaves the
 * other raw values bit for bit as they were. */
unsigned score_knob_components(enum score_knob k);

/*
 * One line explaining a component ("≈6 of 40 attendees match your
 * customers (15 %)") into buf; component SC_COUNT gives a summary of
 * the whole score. Always NUL-terminates (truncating). Returns buf.
 */
char *score_explain(const struct score_result *r, const struct invitation *inv,
                    const struct score_context *ctx, const struct wit_config *cfg,
                    enum score_component component, char *buf, size_t len);

/* "675 USD", "12.50 USD", "1200 JPY": minor units with the currency's
 * ISO 4217 decimals, none when whole. Returns buf. */
char *score_format_money(int64_t minor, const char *currency, char *buf, size_t len);

#endif
