/*
 * score_knob.c: the knob table of the scoring engine (every weight,
 * threshold and formula parameter with its name, section, default,
 * range, step and help line), the name tables of components and
 * verdicts, and the --weights override parser. Pure core: no I/O.
 *
 * The knob names are part of the config file format and of the
 * decision snapshots stored in the database: never rename one. The
 * defaults are documented, with their reasons, in docs/scoring.md;
 * tests/unit/test_score_doc.c checks the two agree.
 */
#include "worthit/score.h"
#include "worthit/xmalloc.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W(name, def, help) { name, "weights", def, 0.0, 10.0, 0.1, help }
#define P(name, def, lo, hi, step, help) { name, "scoring", def, lo, hi, step, help }
#define LOC(name, def, help) P(name, def, 0.0, 1.0, 0.05, help)

static const struct score_knob_info knobs[KNOB_COUNT] = {
	[KNOB_W_ROOM] = W("room", 1.0, "weight: expected buyers met x what a buyer met is worth"),
	[KNOB_W_PEOPLE] = W("people", 1.0,
	                    "weight: clients, prospects, referrers and contacts there"),
	[KNOB_W_STAGE] = W("stage", 1.0, "weight: a speaking fee and the slot's exposure"),
	[KNOB_W_TRACK_RECORD] = W("track_record", 1.0,
	                          "weight: what this organizer's and series' events brought"),
	[KNOB_W_BALANCE] = W("balance", 1.0, "weight: the lift of a month below its band"),
	[KNOB_W_COST] = W("cost", 1.0, "weight: hours (event, travel, prep) and ticket"),
	[KNOB_W_AVAILABILITY] = W("availability", 1.0,
	                          "weight: extra cost of hours outside your windows"),
	[KNOB_W_OVER_BAND] = W("over_band", 1.0,
	                       "weight: extra cost of hours beyond the month's band"),
	[KNOB_GO_THRESHOLD] = { "go", "thresholds", 60.0, 0.0, 100.0, 1.0,
	                        "total at or above which the verdict is go" },
	[KNOB_MAYBE_THRESHOLD] = { "maybe", "thresholds", 50.0, 0.0, 100.0, 1.0,
	                           "total at or above which the verdict is maybe" },
	[KNOB_SECOND_DEGREE_DISCOUNT] =
		P("second_degree_discount", 0.1, 0.0, 1.0, 0.05,
		  "what a 'knows someone who buys' attendee counts, vs a buyer"),
	[KNOB_DEFAULT_ATTENDANCE] =
		P("default_attendance", 20.0, 1.0, 100000.0, 5.0,
		  "people assumed in the room when the invitation does not say"),
	[KNOB_UNDESCRIBED_MATCH] =
		P("undescribed_match", 0.05, 0.0, 1.0, 0.01,
		  "share of buyers assumed when no audience dimension is described"),
	[KNOB_UNKNOWN_DIMENSION_MATCH] =
		P("unknown_dimension_match", 0.5, 0.0, 1.0, 0.05,
		  "match assumed for a dimension the invitation does not describe"),
	[KNOB_PEOPLE_MET] = P("people_met", 10.0, 1.0, 100000.0, 1.0,
	                      "people you get to talk to at one event, however big"),
	[KNOB_BUYER_VALUE_HOURS] =
		P("buyer_value_hours", 2.0, 0.0, 1000.0, 0.5,
		  "prior worth of one buyer met, in hours of your rate, before history"),
	[KNOB_BUYER_PRIOR_PEOPLE] =
		P("buyer_prior_people", 20.0, 0.0, 100000.0, 5.0,
		  "strength of that prior, in people met"),
	[KNOB_LEAD_VALUE_HOURS] = P("lead_value_hours", 2.0, 0.0, 100.0, 0.5,
	                            "what one lead is worth, in hours of your rate"),
	[KNOB_ALL_DAY_HOURS] = P("all_day_hours", 8.0, 1.0, 24.0, 0.5,
	                         "hours counted for each day of an all-day event"),
	[KNOB_FALLBACK_RATE] =
		P("fallback_rate_minor", 10000.0, 1.0, 100000000.0, 500.0,
		  "hourly rate in minor units used while none is configured"),
	[KNOB_OUTSIDE_EXTRA] =
		P("outside_extra", 0.5, 0.0, 10.0, 0.1,
		  "extra cost of an hour away outside your windows, in hours of your rate"),
	[KNOB_BALANCE_BOOST] =
		P("balance_boost", 0.5, 0.0, 5.0, 0.1,
		  "value lift while the month is at or below the bottom of its band"),
	[KNOB_OVER_BAND_FACTOR] =
		P("over_band_factor", 2.0, 0.0, 20.0, 0.5,
		  "extra cost of an hour beyond the band's top, in hours of your rate"),
	[KNOB_TRACK_PRIOR_EVENTS] =
		P("track_prior_events", 2.0, 0.0, 1000.0, 1.0,
		  "strength of the track record's prior (worth 0), in events"),
	[KNOB_CLIENT_VALUE_HOURS] = P("client_value_hours", 4.0, 0.0, 1000.0, 0.5,
	                              "a meeting with a client, in hours of your rate"),
	[KNOB_CLIENT_SHARE] = P("client_share", 0.05, 0.0, 1.0, 0.01,
	                        "plus this share of the client's deals (repeat business)"),
	[KNOB_PROSPECT_VALUE_HOURS] = P("prospect_value_hours", 6.0, 0.0, 1000.0, 0.5,
	                                "a meeting with a prospect, in hours of your rate"),
	[KNOB_REFERRER_VALUE_HOURS] = P("referrer_value_hours", 4.0, 0.0, 1000.0, 0.5,
	                                "a meeting with a referrer, in hours of your rate"),
	[KNOB_REFERRER_SHARE] = P("referrer_share", 0.05, 0.0, 1.0, 0.01,
	                          "plus this share of the revenue credited to them"),
	[KNOB_WARM_VALUE_HOURS] = P("warm_value_hours", 0.5, 0.0, 1000.0, 0.5,
	                            "a warm contact, in hours of your rate"),
	[KNOB_TARGET_VALUE_HOURS] = P("target_value_hours", 1.0, 0.0, 1000.0, 0.5,
	                              "an attendee from a target account, in hours of your rate"),
	[KNOB_EXPOSURE_SHARE] = P("exposure_share", 0.25, 0.0, 1.0, 0.05,
	                          "what a buyer listening to your talk counts, vs one met"),
	[KNOB_LOCALITY_LOCAL_LOCAL] = LOC("locality_local_local", 1.0,
	                                  "room value factor: local business, local room"),
	[KNOB_LOCALITY_LOCAL_REGIONAL] = LOC("locality_local_regional", 0.5,
	                                     "room value factor: local business, regional room"),
	[KNOB_LOCALITY_LOCAL_VIRTUAL] = LOC("locality_local_virtual", 0.2,
	                                    "room value factor: local business, virtual room"),
	[KNOB_LOCALITY_REGIONAL_LOCAL] = LOC("locality_regional_local", 0.7,
	                                     "room value factor: regional business, local room"),
	[KNOB_LOCALITY_REGIONAL_REGIONAL] =
		LOC("locality_regional_regional", 0.9,
		    "room value factor: regional business, regional room"),
	[KNOB_LOCALITY_REGIONAL_VIRTUAL] = LOC("locality_regional_virtual", 0.4,
	                                       "room value factor: regional business, virtual room"),
	[KNOB_LOCALITY_NATIONAL_LOCAL] = LOC("locality_national_local", 0.4,
	                                     "room value factor: national business, local room"),
	[KNOB_LOCALITY_NATIONAL_REGIONAL] =
		LOC("locality_national_regional", 0.6,
		    "room value factor: national business, regional room"),
	[KNOB_LOCALITY_NATIONAL_VIRTUAL] = LOC("locality_national_virtual", 0.7,
	                                       "room value factor: national business, virtual room"),
	[KNOB_LOCALITY_ONLINE_LOCAL] = LOC("locality_online_local", 0.2,
	                                   "room value factor: online business, local room"),
	[KNOB_LOCALITY_ONLINE_REGIONAL] = LOC("locality_online_regional", 0.3,
	                                      "room value factor: online business, regional room"),
	[KNOB_LOCALITY_ONLINE_VIRTUAL] = LOC("locality_online_virtual", 0.9,
	                                     "room value factor: online business, virtual room"),
};

static const char *const component_labels[SC_COUNT] = {
	"the room", "the people", "the stage", "track record",
	"month balance", "cost", "availability", "over the band",
};

static const char *const verdict_names[] = { "go", "maybe", "skip" };

const struct score_knob_info *score_knob_info(enum score_knob k)
{
	return (unsigned)k < KNOB_COUNT ? &knobs[k] : NULL;
}

int score_knob_from_name(const char *name)
{
	for (int k = 0; name != NULL && k < KNOB_COUNT; k++)
		if (strcmp(knobs[k].name, name) == 0)
			return k;
	return -1;
}

void score_settings_defaults(struct score_settings *s)
{
	for (int k = 0; k < KNOB_COUNT; k++)
		s->knob[k] = knobs[k].def;
}

const char *score_component_name(enum score_component c)
{
	return (unsigned)c < SC_COUNT ? knobs[c].name : "room";
}

const char *score_component_label(enum score_component c)
{
	return (unsigned)c < SC_COUNT ? component_labels[c] : "the room";
}

static const char *const gate_names[GATE_COUNT] = { "none", "conflict", "busy", "blocked" };

const char *score_gate_name(enum score_gate g)
{
	return (unsigned)g < GATE_COUNT ? gate_names[g] : "none";
}

const char *score_verdict_name(enum score_verdict v)
{
	return (unsigned)v <= VERDICT_SKIP ? verdict_names[v] : "skip";
}

/* One "name=value" of length len; applies to s on success. */
static enum wit_status apply_one(struct score_settings *s, const char *item, size_t len,
                                 char **why)
{
	const char *eq = memchr(item, '=', len);
	if (eq == NULL || eq == item)
		return wit_fail(why, WIT_USAGE, "weights: '%.*s' is not name=value", (int)len,
		                item);
	char name[64], value[64];
	size_t nlen = (size_t)(eq - item), vlen = len - nlen - 1;
	if (nlen >= sizeof name || vlen >= sizeof value || vlen == 0)
		return wit_fail(why, WIT_USAGE, "weights: '%.*s' is not name=value", (int)len,
		                item);
	memcpy(name, item, nlen);
	name[nlen] = '\0';
	memcpy(value, eq + 1, vlen);
	value[vlen] = '\0';
	int k = score_knob_from_name(name);
	if (k < 0)
		return wit_fail(why, WIT_USAGE, "weights: unknown weight '%s' (see worthit weights)",
		                name);
	char *end;
	errno = 0;
	double v = strtod(value, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v))
		return wit_fail(why, WIT_USAGE, "weights: %s: '%s' is not a number", name, value);
	if (v < knobs[k].min || v > knobs[k].max)
		return wit_fail(why, WIT_USAGE, "weights: %s=%s is outside %g..%g", name, value,
		                knobs[k].min, knobs[k].max);
	s->knob[k] = v;
	return WIT_OK;
}

enum wit_status score_settings_apply_overrides(struct score_settings *s, const char *spec,
                                               char **why)
{
	if (spec == NULL)
		return WIT_OK;
	struct score_settings next = *s;
	const char *p = spec;
	while (*p != '\0') {
		size_t len = strcspn(p, ",");
		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		if (len > 0) {
			enum wit_status st = apply_one(&next, p, len, why);
			if (st != WIT_OK)
				return st;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	*s = next;
	return WIT_OK;
}
