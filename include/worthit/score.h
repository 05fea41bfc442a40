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
 * Score v2 (docs/scoring.md): gates first (a clash with an accepted
 * event or a busy calendar event, a config "blocked" window) make the
 * verdict skip whatever the score. The score itself weighs what the
 * invitation is worth in the user's money against what its hours cost:
 * value terms (the room, the people, the stage, the track record, lifted
 * by the month's balance) and cost terms (the hours and ticket, hours
 * outside the windows, hours over the band), all in hours of the
 * user's rate, mapped by score_total_of() onto 0..100. The value terms'
 * contributions add up to the total; cost terms contribute 0 points
 * and set the denominator. A zero weight removes its term.
 *
 * The room counts prospects: attendees who fit the customer profile on
 * every dimension at once, so the per-dimension matches are multiplied
 * (as if independent), each raised to its dimension's relative
 * importance, never averaged.
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
	/* value terms, in hours of the user's rate (money / rate) */
	SC_ROOM,          /* expected buyers met x what a buyer met is worth */
	SC_PEOPLE,        /* clients, prospects, referrers, warm contacts */
	SC_STAGE,         /* speaking fee (income) + the slot's exposure */
	SC_TRACK_RECORD,  /* what this organizer's and series' events brought */
	SC_BALANCE,       /* multiplier: a month with room lifts the value */
	/* cost terms, in hours of the user's rate */
	SC_COST,          /* hours (event, travel both ways, prep) + ticket */
	SC_AVAILABILITY,  /* soft: hours away outside your windows */
	SC_OVER_BAND,     /* hours beyond the month's band, priced extra */
	SC_COUNT
};
#define SC_VALUE_LAST_ SC_TRACK_RECORD /* 0..this: additive value terms */
#define SC_COST_FIRST_ SC_COST         /* this..SC_COUNT-1: cost terms */

/* True for the components that add to the cost (the denominator of
 * the score): their contribution in points is always 0. */
static inline int score_component_is_cost(int c)
{
	return c >= SC_COST_FIRST_;
}

/* Hard limits: a gated invitation is always skip, its score is still
 * computed for ranking. */
enum score_gate {
	GATE_NONE,
	GATE_CONFLICT, /* overlaps an accepted event (buffers included) */
	GATE_BUSY,     /* overlaps a busy event of the user's calendar */
	GATE_BLOCKED,  /* inside a config "blocked" window */
	GATE_COUNT
};
/* "none", "conflict", "busy", "blocked" */
const char *score_gate_name(enum score_gate g);

enum score_knob {
	/* component weights: KNOB_W_x == SC_x */
	KNOB_W_ROOM = SC_ROOM,
	KNOB_W_PEOPLE = SC_PEOPLE,
	KNOB_W_STAGE = SC_STAGE,
	KNOB_W_TRACK_RECORD = SC_TRACK_RECORD,
	KNOB_W_BALANCE = SC_BALANCE,
	KNOB_W_COST = SC_COST,
	KNOB_W_AVAILABILITY = SC_AVAILABILITY,
	KNOB_W_OVER_BAND = SC_OVER_BAND,
	/* verdict thresholds on the 0..100 total */
	KNOB_GO_THRESHOLD,
	KNOB_MAYBE_THRESHOLD,
	/* formula parameters (see docs/scoring.md) */
	KNOB_SECOND_DEGREE_DISCOUNT,
	KNOB_PARAM_FIRST_ = KNOB_SECOND_DEGREE_DISCOUNT,
	/* the room */
	KNOB_DEFAULT_ATTENDANCE,     /* people assumed when unknown */
	KNOB_UNDESCRIBED_MATCH,      /* match share when no dimension known */
	KNOB_UNKNOWN_DIMENSION_MATCH, /* prior match of one undescribed dimension */
	KNOB_PEOPLE_MET,             /* people one talks to at one event */
	KNOB_BUYER_VALUE_HOURS,      /* prior value of a buyer met, hours of rate */
	KNOB_BUYER_PRIOR_PEOPLE,     /* prior strength, in people met */
	KNOB_LEAD_VALUE_HOURS,       /* one lead, in hours of your rate */
	/* cost */
	KNOB_ALL_DAY_HOURS,          /* hours counted per all-day day */
	KNOB_FALLBACK_RATE,          /* minor units/h when no rate is set */
	KNOB_OUTSIDE_EXTRA,          /* extra cost of an hour outside windows */
	/* balance */
	KNOB_BALANCE_BOOST,          /* value lift in a month below its band */
	KNOB_OVER_BAND_FACTOR,       /* extra cost of an hour over the band */
	/* track record */
	KNOB_TRACK_PRIOR_EVENTS,     /* prior strength, in events worth 0 */
	/* people */
	KNOB_CLIENT_VALUE_HOURS,
	KNOB_CLIENT_SHARE,           /* share of a client's deals per meeting */
	KNOB_PROSPECT_VALUE_HOURS,
	KNOB_REFERRER_VALUE_HOURS,
	KNOB_REFERRER_SHARE,         /* share of a referrer's credit per meeting */
	KNOB_WARM_VALUE_HOURS,
	KNOB_TARGET_VALUE_HOURS,
	/* stage */
	KNOB_EXPOSURE_SHARE,         /* a listener vs a buyer met */
	/* locality: room value factor for (business scope, room reach) */
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
	double people_met;     /* people met at those events, >= 0; 0: the
	                          engine counts people_met (the knob) per
	                          event, as the app leaves it */
};

/* Groupings: the kind is only the prior of the room's value per buyer
 * met; the organizer and the series make the track record. */
enum score_track_level { TRACK_KIND, TRACK_ORGANIZER, TRACK_SERIES, TRACK_LEVEL_COUNT };

#define SCORE_NAME_MAX 80 /* bytes of a name kept for explanations */

/* The people of an invitation (organizer and attendees) matched to
 * contacts: each person counts once per role they have. */
struct score_people {
	int clients;                 /* existing clients */
	int64_t client_deals_minor;  /* their deals, all time, >= 0 */
	int prospects;               /* contacts flagged prospect, not clients */
	int referrers;               /* contacts credited revenue by attribution */
	int64_t referrer_credit_minor; /* what attribution credits them, >= 0 */
	int warm;                    /* known, with none of the roles above */
	int target;                  /* unknown, at a target-account domain */
	bool organizer_known;        /* the organizer is one of them */
};

struct score_context {
	int64_t now;                /* UTC seconds; only sets is_past */
	int utc_offset_sec;         /* local offset at the event (east > 0),
	                               for the windows */
	double committed_hours;     /* accepted/attended hours in the event's
	                               calendar month, this invitation excluded */
	struct score_track track[TRACK_LEVEL_COUNT];
	struct score_track all;     /* every past event with an outcome: the
	                               user's value per person met */
	/* events this one clashes with, widened by travel and preparation:
	 * accepted invitations, and busy events of the user's calendar */
	int n_conflicts;
	int64_t conflict_id;        /* the first of them (0 for a busy event) */
	bool conflict_is_busy;      /* the first is a busy calendar event */
	char conflict_title[SCORE_NAME_MAX];
	struct score_people people;
	/* v1 names kept for the callers that count attendees only */
	int n_clients;              /* == people.clients when enriched */
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
	double raw;          /* the term in hours of the user's rate (money /
	                        rate), >= 0; for balance the lift, >= 0 */
	double weight;       /* the weight knob, >= 0 */
	double contribution; /* points of the total, >= 0 (0 for cost terms) */
};

struct score_result {
	double total;                 /* 0..100 == sum of contributions */
	enum score_verdict verdict;
	enum score_gate gate;         /* GATE_NONE or why it is skip */
	bool has_conflict;            /* gate != GATE_NONE */
	bool is_past;                 /* starts_at < ctx->now */
	double value;                 /* V: weighted value, hours of rate */
	double cost_side;             /* C: weighted cost, hours of rate */
	double ratio;                 /* V / C (0 when C is 0) */
	/* the room */
	double match;                 /* share of the room that buys, 0..1 */
	double dim_match[DIM_COUNT];  /* per dimension (the prior when the
	                                 invitation does not describe d) */
	double dim_exponent[DIM_COUNT]; /* profile weight / largest one */
	unsigned dim_described;       /* bit d: the invitation describes d */
	int attendance;               /* people in the room (assumed if unknown) */
	bool attendance_assumed;
	int others;                   /* attendance - 1: the user is not a buyer */
	double prospects;             /* match * others */
	double prospects_met;         /* match * min(others, people_met) */
	double buyer_value_hours;     /* value of one buyer met, hours of rate */
	int room_people_met;          /* people met behind it (kind, all) */
	double locality;              /* room value factor for this reach */
	/* cost */
	double hours;                 /* duration + 2 * travel + preparation */
	double event_hours;           /* duration alone */
	int64_t rate_minor;           /* hourly rate used */
	int64_t cost_minor;           /* round(hours * rate) + ticket */
	int64_t fee_minor;            /* speaking fee: income */
	int64_t net_cost_minor;       /* cost_minor - fee_minor (< 0: it pays) */
	double cost_rate_hours;       /* cost_minor / rate */
	/* availability, balance */
	int outside_min;              /* away minutes outside the windows */
	int blocked_wday;             /* GATE_BLOCKED: local weekday 0..6 */
	int blocked_start, blocked_end; /* its window, minutes of the day */
	double committed_hours;       /* this month before this invitation */
	double budget_after_hours;    /* committed + hours */
	double band_room;             /* 1 below the band ... 0 at its top */
	double over_hours;            /* hours of this one beyond the band */
	/* track record */
	int history_events;           /* organizer/series events behind it */
	bool has_history;             /* history_events > 0 */
	double track_value_hours;     /* expected value of one more event */
	/* people, stage */
	double people_hours;          /* value of the people, hours of rate */
	double exposure_hours;        /* the slot's exposure, hours of rate */
	struct score_part part[SC_COUNT];
};

/*
 * The total from the weights (each >= 0) and the raw terms: value
 *     V = (Σ over value terms of weight × raw) × (1 + weight × raw of balance)
 * against the cost C = Σ over cost terms of weight × raw, mapped onto
 * 0..100 by 100 V / (V + C) (0 when both are 0): a ratio V/C of 1 gives
 * 50, 1.5 gives 60, 3 gives 75. Every caller (the engine, the preview,
 * the backtest) ranks with this one function.
 */
static inline double score_total_of(const double weight[SC_COUNT], const double raw[SC_COUNT],
                                    double *value, double *cost)
{
	double v = 0.0, c = 0.0;
	for (int k = 0; k <= SC_VALUE_LAST_; k++)
		v += weight[k] * raw[k];
	v *= 1.0 + weight[SC_BALANCE] * raw[SC_BALANCE];
	for (int k = SC_COST_FIRST_; k < SC_COUNT; k++)
		c += weight[k] * raw[k];
	if (value != NULL)
		*value = v;
	if (cost != NULL)
		*cost = c;
	return v + c > 0.0 ? 100.0 * v / (v + c) : 0.0;
}

/*
 * Rate inv. cfg supplies the rate, scope, profile, windows, blocked
 * windows, budget band and the knobs (cfg->score). No allocation, no
 * formatting. Equal to score_prepare() followed by score_finish().
 */
void score_compute(const struct invitation *inv, const struct score_context *ctx,
                   const struct wit_config *cfg, struct score_result *out);

/* Past events of one grouping as the formulas read them. */
struct score_track_input {
	double hours;           /* >= 0 */
	double revenue;         /* minor units, >= 0 */
	int leads;              /* >= 0 */
	int events;             /* > 0 */
	double people_met;      /* >= 0 */
};

/*
 * What score_finish() needs of one invitation and its context, with
 * the work that no knob changes done once: profile matching per
 * dimension, minutes outside the windows, the gates, contacts,
 * history. Re-ranking while knobs are tuned calls only score_finish()
 * (or score_totals()) on a compact array of these. A change of the
 * profile, the windows, the rate or the context needs a new
 * score_prepare().
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
	struct score_people people;
	unsigned char described;    /* bit d: a share of dimension d exists */
	unsigned char match_late;   /* bit d: described, counted, with a
	                               second-degree share */
	unsigned char reach;        /* enum invite_reach */
	unsigned char n_track;      /* organizer/series groupings in track[] */
	unsigned char all_day_days; /* 0 for timed events, else 1..62 */
	unsigned char gate;         /* enum score_gate */
	bool all_day, is_speaking, is_past, has_conflict;
	short blocked_wday, blocked_start, blocked_end; /* GATE_BLOCKED */
	struct score_track_input track[2]; /* organizer, then series */
	struct score_track_input room[2];  /* all events, then this kind */
	double late_disc;           /* second_degree_discount at prepare time */
	double late_factor[DIM_COUNT];
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
 * The knobs compiled once for a batch. Plain data, no pointer into
 * cfg: valid until cfg's knobs, profile, scope or budget band change.
 */
struct score_plan {
	double weight[SC_COUNT];      /* weight knobs, negative ones as 0 */
	double go, maybe;             /* verdict thresholds */
	double dim_exponent[DIM_COUNT]; /* profile weight / largest one */
	unsigned counted;             /* bit d: dim_exponent[d] > 0 */
	bool has_prior_table;
	double prior_factor[1u << DIM_COUNT]; /* product over the bits of the
	                                         index of prior^exponent */
	double disc, undescribed, prior, people_met;
	int attendance;               /* default_attendance, rounded */
	double buyer_prior, buyer_n0, lead_value_hours;
	double all_day_hours;
	int64_t fallback_rate;        /* minor units/h */
	int per_day_min;              /* all_day_hours in minutes */
	double outside_extra, boost, over_factor;
	double lo, hi;                /* budget band, hours */
	double track_n0;
	double client_h, client_share, prospect_h, referrer_h, referrer_share, warm_h, target_h;
	double exposure;
	double locality[REACH_COUNT]; /* room factor by reach, for cfg's scope */
};

void score_plan_init(struct score_plan *plan, const struct wit_config *cfg);
void score_plan_compute(const struct score_plan *plan, const struct invitation *inv,
                        const struct score_context *ctx, const struct wit_config *cfg,
                        struct score_result *out);
void score_plan_finish(const struct score_plan *plan, const struct score_input *in,
                       struct score_result *out);
void score_plan_totals(const struct score_plan *plan, const struct score_input *in, size_t n,
                       double *totals);
/* The raw terms of in (what the weights multiply) into raw; returns
 * the total. */
double score_plan_raw(const struct score_plan *plan, const struct score_input *in,
                      double raw[SC_COUNT]);
/* The same for the components in mask (bit c: component c) only; the
 * other entries of raw are left as they are. */
void score_plan_raw_some(const struct score_plan *plan, const struct score_input *in,
                         unsigned mask, double raw[SC_COUNT]);
/* The components whose raw term knob k enters (bit c: component c): 0
 * for the weights and thresholds. A change of knob k leaves the other
 * raw terms bit for bit as they were. */
unsigned score_knob_components(enum score_knob k);

/*
 * One line explaining a component into buf; component SC_COUNT gives a
 * summary of the whole score and SC_COUNT + 1 the gate ("" when none).
 * Every sum and product in a line is exact for the figures it shows.
 * Always NUL-terminates (truncating). Returns buf.
 */
#define SCORE_EXPLAIN_SUMMARY SC_COUNT
#define SCORE_EXPLAIN_GATE (SC_COUNT + 1)
char *score_explain(const struct score_result *r, const struct invitation *inv,
                    const struct score_context *ctx, const struct wit_config *cfg,
                    int component, char *buf, size_t len);

/* "675 USD", "12.50 USD", "1200 JPY": minor units with the currency's
 * ISO 4217 decimals, none when whole. Returns buf. */
char *score_format_money(int64_t minor, const char *currency, char *buf, size_t len);

#endif
