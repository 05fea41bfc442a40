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
	[KNOB_W_OVERLAP] = W("overlap", 6.0, "weight: expected prospects in the room"),
	[KNOB_W_TIME_COST] = W("time_cost", 2.0, "weight: hours and money the event costs"),
	[KNOB_W_AVAILABILITY] = W("availability", 1.0,
	                          "weight: time outside your windows; conflicts"),
	[KNOB_W_BUDGET] = W("budget", 0.5, "weight: hours committed this month vs your band"),
	[KNOB_W_TRACK_RECORD] = W("track_record", 1.5,
	                          "weight: what similar past events produced"),
	[KNOB_W_RELATIONSHIPS] = W("relationships", 3.0,
	                           "weight: clients, warm contacts, target accounts attending"),
	[KNOB_W_STAGE] = W("stage", 1.0, "weight: a speaking slot and its fee"),
	[KNOB_W_LOCALITY] = W("locality", 1.0, "weight: room reach vs your business scope"),
	[KNOB_GO_THRESHOLD] = { "go", "thresholds", 56.0, 0.0, 100.0, 1.0,
	                        "total at or above which the verdict is go" },
	[KNOB_MAYBE_THRESHOLD] = { "maybe", "thresholds", 51.0, 0.0, 100.0, 1.0,
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
	[KNOB_OVERLAP_HALF] = P("overlap_half", 1.5, 0.1, 1000.0, 0.5,
	                        "prospects met that earn half the overlap marks"),
	[KNOB_PEOPLE_MET] = P("people_met", 10.0, 1.0, 100000.0, 1.0,
	                      "people you get to talk to at one event, however big"),
	[KNOB_TIME_HALF_HOURS] =
		P("time_half_hours", 4.0, 0.1, 200.0, 0.5,
		  "cost, in hours of your rate, that earns half the time-cost marks"),
	[KNOB_ALL_DAY_HOURS] = P("all_day_hours", 8.0, 1.0, 24.0, 0.5,
	                         "hours counted for each day of an all-day event"),
	[KNOB_FALLBACK_RATE] =
		P("fallback_rate_minor", 10000.0, 1.0, 100000000.0, 500.0,
		  "hourly rate in minor units used while none is configured"),
	[KNOB_OUTSIDE_ZERO_MIN] =
		P("outside_zero_minutes", 180.0, 1.0, 1440.0, 15.0,
		  "minutes away outside your windows that take availability to 0"),
	[KNOB_CONFLICT_FACTOR] =
		P("conflict_factor", 0.5, 0.0, 1.0, 0.05,
		  "multiplier on the total when it clashes with an accepted event"),
	[KNOB_BUDGET_UNDER_BONUS] =
		P("budget_under_bonus", 0.2, 0.0, 0.5, 0.05,
		  "budget raw above the neutral 0.5 while you stay at or below the band"),
	[KNOB_BUDGET_OVER_ZERO_HOURS] =
		P("budget_over_zero_hours", 8.0, 0.5, 500.0, 0.5,
		  "hours above the band's top at which budget reaches 0"),
	[KNOB_LEAD_VALUE_HOURS] = P("lead_value_hours", 2.0, 0.0, 100.0, 0.5,
	                            "what one lead is worth, in hours of your rate"),
	[KNOB_TRACK_PRIOR_ROI] =
		P("track_prior_roi", 0.5, 0.0, 20.0, 0.1,
		  "value per hour of an event with no history, as a fraction of your rate"),
	[KNOB_TRACK_PRIOR_HOURS] =
		P("track_prior_hours", 12.0, 0.0, 1000.0, 1.0,
		  "strength of the prior, in hours of past events"),
	[KNOB_TRACK_HALF_ROI] =
		P("track_half_roi", 1.0, 0.01, 100.0, 0.1,
		  "value per hour (fraction of your rate) that earns half the marks"),
	[KNOB_CLIENT_POINTS] = P("client_points", 1.0, 0.0, 10.0, 0.1,
	                         "points per existing client attending"),
	[KNOB_WARM_POINTS] = P("warm_points", 0.5, 0.0, 10.0, 0.1,
	                       "points per warm contact attending"),
	[KNOB_TARGET_POINTS] = P("target_points", 0.5, 0.0, 10.0, 0.1,
	                         "points per attendee from a target account"),
	[KNOB_RELATIONSHIPS_HALF] = P("relationships_half", 1.0, 0.1, 100.0, 0.1,
	                              "relationship points that earn half the marks"),
	[KNOB_STAGE_SLOT] = P("stage_slot", 0.6, 0.0, 1.0, 0.05,
	                      "stage raw for an unpaid speaking slot"),
	[KNOB_STAGE_FEE_HALF_HOURS] =
		P("stage_fee_half_hours", 4.0, 0.1, 1000.0, 0.5,
		  "speaking fee, in hours of your rate, that earns half the rest"),
	[KNOB_LOCALITY_LOCAL_LOCAL] = LOC("locality_local_local", 1.0,
	                                  "locality raw: local business, local room"),
	[KNOB_LOCALITY_LOCAL_REGIONAL] = LOC("locality_local_regional", 0.5,
	                                     "locality raw: local business, regional room"),
	[KNOB_LOCALITY_LOCAL_VIRTUAL] = LOC("locality_local_virtual", 0.2,
	                                    "locality raw: local business, virtual room"),
	[KNOB_LOCALITY_REGIONAL_LOCAL] = LOC("locality_regional_local", 0.7,
	                                     "locality raw: regional business, local room"),
	[KNOB_LOCALITY_REGIONAL_REGIONAL] =
		LOC("locality_regional_regional", 0.9,
		    "locality raw: regional business, regional room"),
	[KNOB_LOCALITY_REGIONAL_VIRTUAL] = LOC("locality_regional_virtual", 0.4,
	                                       "locality raw: regional business, virtual room"),
	[KNOB_LOCALITY_NATIONAL_LOCAL] = LOC("locality_national_local", 0.4,
	                                     "locality raw: national business, local room"),
	[KNOB_LOCALITY_NATIONAL_REGIONAL] =
		LOC("locality_national_regional", 0.6,
		    "locality raw: national business, regional room"),
	[KNOB_LOCALITY_NATIONAL_VIRTUAL] = LOC("locality_national_virtual", 0.7,
	                                       "locality raw: national business, virtual room"),
	[KNOB_LOCALITY_ONLINE_LOCAL] = LOC("locality_online_local", 0.2,
	                                   "locality raw: online business, local room"),
	[KNOB_LOCALITY_ONLINE_REGIONAL] = LOC("locality_online_regional", 0.3,
	                                      "locality raw: online business, regional room"),
	[KNOB_LOCALITY_ONLINE_VIRTUAL] = LOC("locality_online_virtual", 0.9,
	                                     "locality raw: online business, virtual room"),
};

static const char *const component_labels[SC_COUNT] = {
	"audience overlap", "time cost", "availability", "budget balance",
	"track record", "relationships", "stage", "locality fit",
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
	return (unsigned)c < SC_COUNT ? knobs[c].name : "overlap";
}

const char *score_component_label(enum score_component c)
{
	return (unsigned)c < SC_COUNT ? component_labels[c] : "audience overlap";
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
