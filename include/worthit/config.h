/*
 * config.h: the user's settings, customer profile and scoring knobs as
 * a plain struct, with parsing from and merging into JSON text (cJSON).
 * Pure core: this module never opens a file (config_file.h does) and
 * never prints. Parse errors read "PATH:LINE:COLUMN: what is wrong".
 */
#ifndef WORTHIT_CONFIG_H
#define WORTHIT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/model.h"
#include "worthit/money.h"
#include "worthit/score.h"
#include "worthit/status.h"

enum business_scope { SCOPE_LOCAL, SCOPE_REGIONAL, SCOPE_NATIONAL, SCOPE_ONLINE, SCOPE_COUNT };
const char *business_scope_name(enum business_scope s);
int business_scope_from_name(const char *name);

#define PROFILE_SEGMENTS_MAX 24
#define TARGET_DOMAINS_MAX 32
#define ME_MAX 8             /* the user's own e-mail addresses */
#define ME_ADDRESS_MAX 128
#define SENDMAIL_MAX 512    /* bytes of the sendmail command */
#define SENDMAIL_DEFAULT "sendmail -t -oi"
#define AVAIL_WINDOWS_MAX 4
#define KEYWORD_RULES_MAX 128
#define PRESETS_MAX 16
#define PRESET_NAME_MAX 48
#define PLACES_MAX 64        /* config "places" */
#define RATES_MAX 32         /* config "exchange_rates" */
#define PLACE_MATCH_MAX 64

/* How much one segment of a dimension is "a customer": 0..1. */
struct profile_segment {
	char value[WIT_SEGMENT_MAX];
	double weight;
};

struct profile_dimension {
	double weight; /* importance of this dimension, >= 0 */
	size_t n;
	struct profile_segment seg[PROFILE_SEGMENTS_MAX];
};

/* A named set of knob values ("busy month"), saved and switched with
 * `worthit weights preset` (config_preset.h). Only the knobs it has
 * are applied. */
struct weight_preset {
	char name[PRESET_NAME_MAX];
	bool has[KNOB_COUNT];
	double knob[KNOB_COUNT];
};

/* A window of local wall-clock time, minutes since local midnight,
 * start < end <= 1440. */
struct avail_window {
	int start_min;
	int end_min;
};

/* A word found in title, categories or description assigns a kind
 * and/or an audience segment. */
struct keyword_rule {
	char word[WIT_SEGMENT_MAX]; /* matched case-insensitively */
	int kind;                   /* enum invite_kind, or -1 */
	int dim;                    /* enum audience_dim, or -1 */
	char segment[WIT_SEGMENT_MAX];
	double share;               /* share given to that segment, 0..1 */
	bool is_second_degree;
};

/* A place by a fragment of its name or address, matched against an
 * invitation's location in any case: its one-way travel time. */
struct place_travel {
	char match[PLACE_MATCH_MAX]; /* lower case, not empty */
	int travel_min;              /* one way, 0..1440 */
};

struct wit_config {
	int64_t hourly_rate_minor;  /* the user's rate, minor units/hour */
	char currency[4];           /* ISO 4217 */
	enum business_scope scope;
	struct profile_dimension profile[DIM_COUNT];
	size_t n_target_domains;
	char target_domains[TARGET_DOMAINS_MAX][64]; /* e.g. "bigfirm.com" */
	size_t n_me;                /* config "me": the user's addresses */
	char me[ME_MAX][ME_ADDRESS_MAX]; /* lower case, no "mailto:" */
	/* per weekday, 0 = Sunday; no window = not available that day */
	size_t n_avail[7];
	struct avail_window avail[7][AVAIL_WINDOWS_MAX];
	double budget_min_hours;    /* monthly networking band, hours */
	double budget_max_hours;
	struct score_settings score;
	char theme[64];
	int import_past_days;       /* default import window */
	int import_ahead_days;
	size_t n_rules;
	struct keyword_rule rules[KEYWORD_RULES_MAX];
	size_t n_presets;           /* config "presets", in file order */
	struct weight_preset presets[PRESETS_MAX];
	/* sane defaults for facts an invitation leaves out, applied at
	 * import and add (invite_fact_defaults) */
	size_t n_places;            /* config "places", in file order */
	struct place_travel places[PLACES_MAX];
	int default_travel_min[REACH_COUNT]; /* one way, per reach; virtual 0 */
	int default_prep_min[KIND_COUNT];    /* preparation per kind, minutes */
	int default_attendance[KIND_COUNT];  /* room size prior per kind, 0 = none */
	/* score v2 (docs/scoring.md): per weekday, 0 = Sunday, windows of
	 * local time the user cannot make at all (config "blocked"): an
	 * invitation entering one is gated to skip. Distinct from the soft
	 * availability windows above. */
	size_t n_blocked[7];
	struct avail_window blocked[7][AVAIL_WINDOWS_MAX];
	/* Knobs of the file that this version does not use: score v1 knobs
	 * whose meaning changed (a file without "score_version": 2) and
	 * names no version knows, comma-separated; "" when none. Shown by
	 * `config show`, warned about once per command. */
	char ignored_knobs[512];
	bool is_score_v1;           /* the file predates score v2 */
	/* mail: replies out (mail_send.h) */
	char sendmail[SENDMAIL_MAX]; /* command reading a message on stdin */
	/* config "exchange_rates": what one unit of another currency is worth
	 * in `currency`, with the date it was set (money.h); in file order */
	size_t n_rates;
	struct money_rate rates[RATES_MAX];
};

/* Built-in defaults that make sense for a local freelancer. */
void config_defaults(struct wit_config *cfg);

/* The user's currency: cfg's, else "USD" (also when cfg is NULL).
 * Borrowed from cfg. */
const char *config_currency(const struct wit_config *cfg);

/* The user's rate as text: "150.00 USD/h", "15000 JPY/h". Returns buf. */
char *config_rate_text(const struct wit_config *cfg, char *buf, size_t len);

/* The exchange rate of currency to the user's, or NULL (also for the
 * user's own currency). Borrowed from cfg. */
const struct money_rate *config_rate_of(const struct wit_config *cfg, const char *currency);

/*
 * Parse JSON text (len bytes) over the defaults: keys absent keep their
 * default, unknown keys are ignored here (and kept by config_merge).
 * path names the file in messages. On error *why is
 * "PATH:LINE:COLUMN: what is wrong" and the status is WIT_CONFIG.
 */
enum wit_status config_parse(const char *text, size_t len, const char *path,
                             struct wit_config *cfg, char **why);

/*
 * Return new JSON text: old_text (may be NULL) with every setting of
 * cfg written over it, every key worthit does not know kept as it was.
 * Caller frees.
 */
char *config_merge(const char *old_text, const struct wit_config *cfg);

/* The documented starting file written by `worthit config init`.
 * Caller frees. */
char *config_starter_text(void);

/* Is ADDR (an e-mail address, or a "mailto:" URI, any case) one of the
 * user's own addresses in config "me"? */
bool config_is_me(const struct wit_config *cfg, const char *addr);

#endif
