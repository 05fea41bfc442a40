/*
 * invite_fact.h: the facts of an invitation one by one, by the names of
 * the JSON invitation format (docs/formats.md), with where each came
 * from: the file it was imported from, a keyword rule, a default of the
 * config, or the user (`worthit edit`, `add`, the dashboard's edit
 * form). Pure core: parsing `field=value`, formatting a value, copying
 * one fact between invitations (an import keeps what the user edited)
 * and the sane defaults applied at import and add.
 */
#ifndef WORTHIT_INVITE_FACT_H
#define WORTHIT_INVITE_FACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "worthit/config.h"
#include "worthit/model.h"
#include "worthit/status.h"
#include "worthit/when.h"

enum invite_fact {
	FACT_TITLE,
	FACT_KIND,
	FACT_STARTS_AT,
	FACT_ENDS_AT,
	FACT_LOCATION,
	FACT_REACH,
	FACT_TRAVEL,
	FACT_PREP,
	FACT_TICKET,
	FACT_CURRENCY,
	FACT_ATTENDANCE,
	FACT_AUDIENCE,
	FACT_SPEAKING,
	FACT_FEE,
	FACT_ATTENDEES,
	FACT_ORGANIZER,
	FACT_DESCRIPTION,
	FACT_URL,
	FACT_COUNT
};

/* Where a fact's value came from; FACT_FROM_FILE also covers "typed at
 * `add`" for the values the user gave there (recorded as user). */
enum fact_source { FACT_FROM_FILE, FACT_FROM_RULE, FACT_FROM_DEFAULT, FACT_FROM_USER,
                   FACT_SOURCE_COUNT };

#define FACT_NOTE_MAX 64

struct fact_origin {
	enum fact_source source;
	char note[FACT_NOTE_MAX]; /* "default for local events", "place \"Hub\"", or "" */
};

/* Every fact's origin; all FACT_FROM_FILE after invite_origins_init. */
struct invite_origins {
	struct fact_origin fact[FACT_COUNT];
};

void invite_origins_init(struct invite_origins *o);

/* The JSON member name ("travel_min"); never NULL for a valid fact. */
const char *invite_fact_name(enum invite_fact f);
/* A name or its alias (start, end, travel, prep, attendance, fee,
 * people, virtual, is_virtual, duration, duration_min) to the fact it
 * sets; -1 when unknown. virtual sets FACT_REACH, duration FACT_ENDS_AT. */
int invite_fact_from_name(const char *name);
const char *fact_source_name(enum fact_source s);
int fact_source_from_name(const char *name);

/* What editing needs beyond the value: the user's currency for money
 * without one, "now" and the local zone for dates. */
struct fact_edit_ctx {
	const char *user_currency; /* ISO 4217 of config currency */
	int64_t now;
	const struct when_zone *zone;
};

/*
 * Apply "name=value" (one argument of `worthit edit`) to inv. *fact
 * gets the fact it set. Values: title/location/organizer/description/
 * url text ("" clears all but title); kind and reach by name;
 * virtual=true|false; starts_at/ends_at in any form of when.h (moving
 * the start keeps the duration), duration=1h30; travel_min, prep_min,
 * expected_attendance whole numbers; ticket/speaking_fee money in the
 * invitation's currency (else the user's); currency a 3-letter code or
 * ""; speaking=true|false; audience=industry:legal:0.3,role:partner:0.5
 * (a leading ~ for second degree; "" clears); attendees="Ana <a@x.org>,
 * b@y.org". Errors: WIT_USAGE for an unknown field or a missing "=",
 * WIT_DATA naming the field and the value; inv is unchanged then.
 */
enum wit_status invite_fact_set(struct invitation *inv, const char *assignment,
                                const struct fact_edit_ctx *ec, enum invite_fact *fact,
                                char **why);

/* The value as `worthit edit` reads it back (money in major units,
 * times in the local zone, lists comma-separated) into buf. */
char *invite_fact_format(const struct invitation *inv, enum invite_fact f,
                         const struct when_zone *zone, char *buf, size_t len);

/* Copy fact f's value(s) from src into dst (dst owns its copies). */
void invite_fact_copy(struct invitation *dst, const struct invitation *src, enum invite_fact f);

/* Minutes an invitation of kind k lasts when `add` is given no
 * duration: breakfast 90, meetup 120, conference 480, coffee 45, lunch
 * 90, speaking 60, webinar 60, other 60. */
int invite_fact_default_duration(enum invite_kind k);

/*
 * Fill what the invitation does not state, recording each as
 * FACT_FROM_DEFAULT with a note (facts whose origin is FACT_FROM_USER
 * are left alone): travel_min of an in-person event with travel 0 from
 * config "places" (first fragment found in the location, any case),
 * else the default of its reach; prep_min 0 from the default of its
 * kind; expected_attendance 0 from attendance_prior (per kind: the
 * caller passes the config's or the one learned from outcomes, with
 * is_learned telling which for the note). Drops the user's own
 * addresses (config_is_me) from the attendees: the user is not someone
 * to meet.
 */
void invite_fact_defaults(const struct wit_config *cfg, const int attendance_prior[KIND_COUNT],
                          const bool is_learned[KIND_COUNT], struct invitation *inv,
                          struct invite_origins *origins);

#endif
