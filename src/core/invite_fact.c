/*
 * invite_fact.c: one fact of an invitation at a time (invite_fact.h):
 * the names, `field=value` parsing with the same limits as the JSON
 * format (invite_json_item.c), formatting for show and the edit form,
 * copying one fact, and the defaults of config "places"/"defaults".
 * Does not own the database (db_fact.c keeps the origins) nor the
 * scoring; never reads the clock (now comes in struct fact_edit_ctx).
 */
#include "worthit/invite_fact.h"
#include "worthit/invite_json.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const fact_names[FACT_COUNT] = {
	[FACT_TITLE] = "title", [FACT_KIND] = "kind", [FACT_STARTS_AT] = "starts_at",
	[FACT_ENDS_AT] = "ends_at", [FACT_LOCATION] = "location", [FACT_REACH] = "reach",
	[FACT_TRAVEL] = "travel_min", [FACT_PREP] = "prep_min", [FACT_TICKET] = "ticket",
	[FACT_CURRENCY] = "currency", [FACT_ATTENDANCE] = "expected_attendance",
	[FACT_AUDIENCE] = "audience", [FACT_SPEAKING] = "speaking", [FACT_FEE] = "speaking_fee",
	[FACT_ATTENDEES] = "attendees", [FACT_ORGANIZER] = "organizer",
	[FACT_DESCRIPTION] = "description", [FACT_URL] = "url",
};

static const struct {
	const char *alias;
	enum invite_fact fact;
} aliases[] = {
	{"start", FACT_STARTS_AT}, {"end", FACT_ENDS_AT}, {"travel", FACT_TRAVEL},
	{"prep", FACT_PREP}, {"attendance", FACT_ATTENDANCE}, {"fee", FACT_FEE},
	{"people", FACT_ATTENDEES}, {"virtual", FACT_REACH}, {"is_virtual", FACT_REACH},
	{"duration", FACT_ENDS_AT}, {"duration_min", FACT_ENDS_AT},
};

static const char *const source_names[FACT_SOURCE_COUNT] = {"file", "rule", "default", "user"};

void invite_origins_init(struct invite_origins *o)
{
	memset(o, 0, sizeof *o);
}

const char *invite_fact_name(enum invite_fact f)
{
	return (unsigned)f < FACT_COUNT ? fact_names[f] : "?";
}

int invite_fact_from_name(const char *name)
{
	for (int i = 0; i < FACT_COUNT; i++)
		if (strcmp(name, fact_names[i]) == 0)
			return i;
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(name, aliases[i].alias) == 0)
			return (int)aliases[i].fact;
	return -1;
}

const char *fact_source_name(enum fact_source s)
{
	return (unsigned)s < FACT_SOURCE_COUNT ? source_names[s] : "?";
}

int fact_source_from_name(const char *name)
{
	for (int i = 0; name != NULL && i < FACT_SOURCE_COUNT; i++)
		if (strcmp(name, source_names[i]) == 0)
			return i;
	return -1;
}

/* ---- parsing values ---------------------------------------------------- */

static bool read_int(const char *v, int max, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end != '\0' || errno != 0 || n > max)
		return false;
	*out = (int)n;
	return true;
}

static int read_bool(const char *v)
{
	if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0)
		return 1;
	if (strcasecmp(v, "false") == 0 || strcasecmp(v, "no") == 0 || strcmp(v, "0") == 0)
		return 0;
	return -1;
}

static void set_text(char **dst, const char *v)
{
	free(*dst);
	*dst = *v != '\0' ? xstrdup(v) : NULL;
}

/* One share "dim:segment:0.3" or "dim:segment=0.3", ~ for second degree. */
static bool read_share(char *item, struct audience_share *sh)
{
	memset(sh, 0, sizeof *sh);
	while (isspace((unsigned char)*item))
		item++;
	if (*item == '~')
		sh->is_second_degree = true, item++;
	char *c1 = strchr(item, ':');
	if (c1 == NULL)
		return false;
	*c1 = '\0';
	char *seg = c1 + 1, *c2 = strrchr(seg, '=');
	if (c2 == NULL)
		c2 = strrchr(seg, ':');
	int dim = audience_dim_from_name(item);
	if (dim < 0 || c2 == NULL || c2 == seg || (size_t)(c2 - seg) >= WIT_SEGMENT_MAX)
		return false;
	*c2 = '\0';
	char *end;
	double share = strtod(c2 + 1, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (end == c2 + 1 || *end != '\0' || !(share >= 0 && share <= 1))
		return false;
	sh->dim = (enum audience_dim)dim;
	for (size_t i = 0; seg[i] != '\0'; i++)
		sh->value[i] = (char)tolower((unsigned char)seg[i]);
	sh->share = share;
	return true;
}

static bool read_audience(const char *v, struct invitation *inv)
{
	struct audience_share sh[INVITE_SHARES_MAX];
	size_t n = 0;
	char *copy = xstrdup(v), *save = NULL;
	bool ok = true;
	for (char *item = strtok_r(copy, ",;", &save); ok && item != NULL;
	     item = strtok_r(NULL, ",;", &save))
		ok = n < INVITE_SHARES_MAX && read_share(item, &sh[n++]);
	free(copy);
	if (ok)
		invitation_set_shares(inv, sh, n);
	return ok;
}

/* "Ana <a@x.org>, b@y.org" into newline-separated lines. */
static bool read_attendees(const char *v, struct invitation *inv)
{
	size_t len = strlen(v);
	char *out = xmalloc(len + 1), *o = out;
	const char *p = v;
	while (*p != '\0') {
		while (*p == ' ' || *p == ',' || *p == ';' || *p == '\n')
			p++;
		const char *e = p;
		while (*e != '\0' && *e != ',' && *e != ';' && *e != '\n')
			e++;
		const char *t = e;
		while (t > p && t[-1] == ' ')
			t--;
		if (t > p) {
			if (o != out)
				*o++ = '\n';
			memcpy(o, p, (size_t)(t - p));
			o += t - p;
		}
		p = e;
	}
	*o = '\0';
	free(inv->attendees);
	inv->attendees = o != out ? out : NULL;
	if (o == out)
		free(out);
	return true;
}

static const char *money_currency(const struct invitation *inv, const struct fact_edit_ctx *ec)
{
	return inv->currency[0] ? inv->currency : ec->user_currency;
}

static enum wit_status set_time(struct invitation *inv, enum invite_fact f, const char *name,
                                const char *v, const struct fact_edit_ctx *ec, char **why)
{
	int minutes;
	if (strncmp(name, "duration", 8) == 0) {
		if (!when_parse_duration(v, &minutes))
			return wit_fail(why, WIT_DATA, "%s: \"%s\" is not a duration such as 45m, 1h30 "
			                "or 2h", name, v);
		inv->ends_at = inv->starts_at + (int64_t)minutes * 60;
		return WIT_OK;
	}
	struct when w;
	char *detail = NULL;
	enum wit_status st = when_parse(v, ec->now, ec->zone, &w, &detail);
	if (st != WIT_OK) {
		st = wit_fail(why, WIT_DATA, "%s: %s", name, detail);
		free(detail);
		return st;
	}
	int64_t length = inv->ends_at - inv->starts_at;
	if (f == FACT_STARTS_AT) {
		inv->starts_at = w.start;
		inv->ends_at = w.start + length;
	} else {
		if (w.start < inv->starts_at)
			return wit_fail(why, WIT_DATA, "%s: \"%s\" is before the start", name, v);
		inv->ends_at = w.start;
	}
	inv->all_day = false;
	return WIT_OK;
}

static enum wit_status set_money(struct invitation *inv, enum invite_fact f, const char *name,
                                 const char *v, const struct fact_edit_ctx *ec, char **why)
{
	int64_t minor;
	const char *cur = money_currency(inv, ec);
	if (!invite_json_money_from_text(v, cur, &minor))
		return wit_fail(why, WIT_DATA, "%s: \"%s\" is not an amount in %s (such as 45 or "
		                "45.50)", name, v, cur);
	if (f == FACT_TICKET) {
		inv->ticket_minor = minor;
	} else {
		inv->speaking_fee_minor = minor;
		if (minor > 0)
			inv->is_speaking = true;
	}
	return WIT_OK;
}

static enum wit_status set_count(struct invitation *inv, enum invite_fact f, const char *name,
                                 const char *v, char **why)
{
	int max = f == FACT_TRAVEL ? 1440 : f == FACT_PREP ? 10080 : 1000000, n;
	if (!read_int(v, max, &n))
		return wit_fail(why, WIT_DATA, "%s: \"%s\" is not a whole number from 0 to %d", name,
		                v, max);
	if (f == FACT_TRAVEL && n > 0 && inv->reach == REACH_VIRTUAL)
		return wit_fail(why, WIT_DATA, "%s: a virtual event has no travel (set reach=local "
		                "first)", name);
	*(f == FACT_TRAVEL ? &inv->travel_min : f == FACT_PREP ? &inv->prep_min
	                                                      : &inv->expected_attendance) = n;
	return WIT_OK;
}

static enum wit_status set_named(struct invitation *inv, enum invite_fact f, const char *name,
                                 const char *v, char **why)
{
	if (f == FACT_KIND) {
		int k = invite_kind_from_name(v);
		if (k < 0)
			return wit_fail(why, WIT_DATA, "kind: \"%s\" is not breakfast, meetup, "
			                "conference, coffee, lunch, speaking, webinar or other", v);
		inv->kind = (enum invite_kind)k;
		return WIT_OK;
	}
	int r;
	if (strcmp(name, "reach") == 0) {
		r = invite_reach_from_name(v);
		if (r < 0)
			return wit_fail(why, WIT_DATA, "reach: \"%s\" is not local, regional or virtual",
			                v);
	} else {
		int b = read_bool(v);
		if (b < 0)
			return wit_fail(why, WIT_DATA, "%s: \"%s\" is not true or false", name, v);
		r = b ? REACH_VIRTUAL : inv->reach == REACH_VIRTUAL ? REACH_LOCAL : (int)inv->reach;
	}
	inv->reach = (enum invite_reach)r;
	if (inv->reach == REACH_VIRTUAL)
		inv->travel_min = 0;
	return WIT_OK;
}

static enum wit_status set_value(struct invitation *inv, enum invite_fact f, const char *name,
                                 const char *v, const struct fact_edit_ctx *ec, char **why)
{
	int b;
	switch (f) {
	case FACT_TITLE:
		if (*v == '\0')
			return wit_fail(why, WIT_DATA, "title: must not be empty");
		set_text(&inv->title, v);
		return WIT_OK;
	case FACT_LOCATION: set_text(&inv->location, v); return WIT_OK;
	case FACT_ORGANIZER: set_text(&inv->organizer, v); return WIT_OK;
	case FACT_DESCRIPTION: set_text(&inv->description, v); return WIT_OK;
	case FACT_URL: set_text(&inv->url, v); return WIT_OK;
	case FACT_KIND:
	case FACT_REACH: return set_named(inv, f, name, v, why);
	case FACT_STARTS_AT:
	case FACT_ENDS_AT: return set_time(inv, f, name, v, ec, why);
	case FACT_TRAVEL:
	case FACT_PREP:
	case FACT_ATTENDANCE: return set_count(inv, f, name, v, why);
	case FACT_TICKET:
	case FACT_FEE: return set_money(inv, f, name, v, ec, why);
	case FACT_CURRENCY:
		if (*v != '\0' && (strlen(v) != 3 || !isalpha((unsigned char)v[0]) ||
		                   !isalpha((unsigned char)v[1]) || !isalpha((unsigned char)v[2])))
			return wit_fail(why, WIT_DATA, "currency: \"%s\" is not a three-letter ISO 4217 "
			                "code such as EUR (or \"\" for yours)", v);
		for (int i = 0; i < 4; i++)
			inv->currency[i] = (char)toupper((unsigned char)v[i]);
		return WIT_OK;
	case FACT_SPEAKING:
		if ((b = read_bool(v)) < 0)
			return wit_fail(why, WIT_DATA, "speaking: \"%s\" is not true or false", v);
		inv->is_speaking = b;
		if (!b)
			inv->speaking_fee_minor = 0;
		return WIT_OK;
	case FACT_AUDIENCE:
		if (!read_audience(v, inv))
			return wit_fail(why, WIT_DATA, "audience: \"%s\" is not a list such as "
			                "industry:legal:0.3,role:partner:0.5 (dimension industry, role, "
			                "company_size or region; share 0..1; ~ for second degree; at most "
			                "%d)", v, INVITE_SHARES_MAX);
		return WIT_OK;
	case FACT_ATTENDEES: read_attendees(v, inv); return WIT_OK;
	case FACT_COUNT: break;
	}
	return wit_fail(why, WIT_SOFTWARE, "%s: no such fact", name);
}

enum wit_status invite_fact_set(struct invitation *inv, const char *assignment,
                                const struct fact_edit_ctx *ec, enum invite_fact *fact,
                                char **why)
{
	const char *eq = strchr(assignment, '=');
	if (eq == NULL || eq == assignment || eq - assignment > 31)
		return wit_fail(why, WIT_USAGE, "\"%s\": expected field=value (such as travel_min=25)",
		                assignment);
	char name[32];
	memcpy(name, assignment, (size_t)(eq - assignment));
	name[eq - assignment] = '\0';
	int f = invite_fact_from_name(name);
	if (f < 0)
		return wit_fail(why, WIT_USAGE, "%s: no such field; fields: title, kind, starts_at, "
		                "ends_at, duration, location, reach, virtual, travel_min, prep_min, "
		                "ticket, currency, expected_attendance, audience, speaking, "
		                "speaking_fee, attendees, organizer, description, url", name);
	/* work on a copy: inv is unchanged on error */
	struct invitation work;
	invitation_copy(&work, inv);
	enum wit_status st = set_value(&work, (enum invite_fact)f, name, eq + 1, ec, why);
	if (st == WIT_OK) {
		invitation_done(inv);
		*inv = work;
		*fact = (enum invite_fact)f;
	} else {
		invitation_done(&work);
	}
	return st;
}

/* ---- formatting -------------------------------------------------------- */

static char *format_local(int64_t t, const struct when_zone *zone, char *buf, size_t len)
{
	int64_t local = t + zone->offset_at(t, zone->arg);
	char iso[32];
	time_format_utc(local, iso, sizeof iso);
	snprintf(buf, len, "%.10s %.5s", iso, iso + 11);
	return buf;
}

static char *format_shares(const struct invitation *inv, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < inv->n_shares && used < len; i++) {
		const struct audience_share *sh = &inv->shares[i];
		int n = snprintf(buf + used, len - used, "%s%s%s:%s:%g", i ? "," : "",
		                 sh->is_second_degree ? "~" : "", audience_dim_name(sh->dim), sh->value,
		                 sh->share);
		used += n > 0 ? (size_t)n : 0;
	}
	return buf;
}

char *invite_fact_format(const struct invitation *inv, enum invite_fact f,
                         const struct when_zone *zone, char *buf, size_t len)
{
	const char *cur = inv->currency;
	char money[32];
	switch (f) {
	case FACT_TITLE: snprintf(buf, len, "%s", inv->title ? inv->title : ""); break;
	case FACT_KIND: snprintf(buf, len, "%s", invite_kind_name(inv->kind)); break;
	case FACT_STARTS_AT: format_local(inv->starts_at, zone, buf, len); break;
	case FACT_ENDS_AT: format_local(inv->ends_at, zone, buf, len); break;
	case FACT_LOCATION: snprintf(buf, len, "%s", inv->location ? inv->location : ""); break;
	case FACT_REACH: snprintf(buf, len, "%s", invite_reach_name(inv->reach)); break;
	case FACT_TRAVEL: snprintf(buf, len, "%d", inv->travel_min); break;
	case FACT_PREP: snprintf(buf, len, "%d", inv->prep_min); break;
	case FACT_TICKET:
		snprintf(buf, len, "%s", invite_json_money_format(inv->ticket_minor, cur, money,
		                                                   sizeof money));
		break;
	case FACT_CURRENCY: snprintf(buf, len, "%s", inv->currency); break;
	case FACT_ATTENDANCE: snprintf(buf, len, "%d", inv->expected_attendance); break;
	case FACT_AUDIENCE: format_shares(inv, buf, len); break;
	case FACT_SPEAKING: snprintf(buf, len, "%s", inv->is_speaking ? "true" : "false"); break;
	case FACT_FEE:
		snprintf(buf, len, "%s", invite_json_money_format(inv->speaking_fee_minor, cur, money,
		                                                   sizeof money));
		break;
	case FACT_ATTENDEES: {
		snprintf(buf, len, "%s", inv->attendees ? inv->attendees : "");
		for (char *p = buf; (p = strchr(p, '\n')) != NULL;)
			*p = ',';
		break;
	}
	case FACT_ORGANIZER: snprintf(buf, len, "%s", inv->organizer ? inv->organizer : ""); break;
	case FACT_DESCRIPTION:
		snprintf(buf, len, "%s", inv->description ? inv->description : "");
		break;
	case FACT_URL: snprintf(buf, len, "%s", inv->url ? inv->url : ""); break;
	case FACT_COUNT: snprintf(buf, len, "?"); break;
	}
	return buf;
}

/* ---- copying ----------------------------------------------------------- */

static void copy_text(char **dst, const char *src)
{
	free(*dst);
	*dst = src != NULL ? xstrdup(src) : NULL;
}

void invite_fact_copy(struct invitation *dst, const struct invitation *src, enum invite_fact f)
{
	switch (f) {
	case FACT_TITLE: copy_text(&dst->title, src->title); break;
	case FACT_KIND: dst->kind = src->kind; break;
	case FACT_STARTS_AT:
		dst->starts_at = src->starts_at;
		dst->all_day = src->all_day;
		break;
	case FACT_ENDS_AT: dst->ends_at = src->ends_at; break;
	case FACT_LOCATION: copy_text(&dst->location, src->location); break;
	case FACT_REACH: dst->reach = src->reach; break;
	case FACT_TRAVEL: dst->travel_min = src->travel_min; break;
	case FACT_PREP: dst->prep_min = src->prep_min; break;
	case FACT_TICKET: dst->ticket_minor = src->ticket_minor; break;
	case FACT_CURRENCY: memcpy(dst->currency, src->currency, sizeof dst->currency); break;
	case FACT_ATTENDANCE: dst->expected_attendance = src->expected_attendance; break;
	case FACT_AUDIENCE: invitation_set_shares(dst, src->shares, src->n_shares); break;
	case FACT_SPEAKING: dst->is_speaking = src->is_speaking; break;
	case FACT_FEE: dst->speaking_fee_minor = src->speaking_fee_minor; break;
	case FACT_ATTENDEES: copy_text(&dst->attendees, src->attendees); break;
	case FACT_ORGANIZER: copy_text(&dst->organizer, src->organizer); break;
	case FACT_DESCRIPTION: copy_text(&dst->description, src->description); break;
	case FACT_URL: copy_text(&dst->url, src->url); break;
	case FACT_COUNT: break;
	}
	if (dst->ends_at < dst->starts_at) /* an edited start with the file's end */
		dst->ends_at = dst->starts_at;
}

/* ---- defaults ---------------------------------------------------------- */

int invite_fact_default_duration(enum invite_kind k)
{
	static const int minutes[KIND_COUNT] = {
		[KIND_BREAKFAST] = 90, [KIND_MEETUP] = 120, [KIND_CONFERENCE] = 480,
		[KIND_COFFEE] = 45, [KIND_LUNCH] = 90, [KIND_SPEAKING] = 60,
		[KIND_WEBINAR] = 60, [KIND_OTHER] = 60,
	};
	return (unsigned)k < KIND_COUNT ? minutes[k] : 60;
}

/* A default applied: note = what + " " + name (truncated to fit). */
static void noted(struct invite_origins *o, enum invite_fact f, const char *what,
                  const char *name, const char *after)
{
	o->fact[f].source = FACT_FROM_DEFAULT;
	char *n = o->fact[f].note;
	size_t cap = sizeof o->fact[f].note;
	n[0] = '\0';
	strncat(n, what, cap - 1);
	strncat(n, name, cap - 1 - strlen(n));
	strncat(n, after, cap - 1 - strlen(n));
}

static const struct place_travel *find_place(const struct wit_config *cfg, const char *location)
{
	if (location == NULL)
		return NULL;
	for (size_t i = 0; i < cfg->n_places; i++) {
		size_t n = strlen(cfg->places[i].match);
		for (const char *p = location; *p != '\0'; p++)
			if (strncasecmp(p, cfg->places[i].match, n) == 0)
				return &cfg->places[i];
	}
	return NULL;
}

/* The address part of "Name <addr>" or the line itself, into buf. */
static const char *line_address(const char *line, size_t len, char *buf, size_t cap)
{
	const char *lt = memchr(line, '<', len), *gt = lt ? memchr(lt, '>', len - (size_t)(lt - line)) : NULL;
	const char *a = lt && gt ? lt + 1 : line;
	size_t n = lt && gt ? (size_t)(gt - lt - 1) : len;
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, a, n);
	buf[n] = '\0';
	return buf;
}

static void drop_me(const struct wit_config *cfg, struct invitation *inv)
{
	if (inv->attendees == NULL || cfg->n_me == 0)
		return;
	char *out = xmalloc(strlen(inv->attendees) + 1), *o = out;
	for (const char *p = inv->attendees; *p != '\0';) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char addr[ME_ADDRESS_MAX + 8];
		if (!config_is_me(cfg, line_address(p, len, addr, sizeof addr)) && len > 0) {
			if (o != out)
				*o++ = '\n';
			memcpy(o, p, len);
			o += len;
		} else if (len > 0 && inv->me_address == NULL) {
			inv->me_address = xstrdup(addr); /* the one a reply is sent as */
		}
		p += len + (e != NULL);
	}
	*o = '\0';
	free(inv->attendees);
	inv->attendees = o != out ? out : NULL;
	if (o == out)
		free(out);
}

void invite_fact_defaults(const struct wit_config *cfg, const int attendance_prior[KIND_COUNT],
                          const bool is_learned[KIND_COUNT], struct invitation *inv,
                          struct invite_origins *origins)
{
	const struct fact_origin *o = origins->fact;
	const char *kind = invite_kind_name(inv->kind);
	if (inv->reach != REACH_VIRTUAL && inv->travel_min == 0 &&
	    o[FACT_TRAVEL].source != FACT_FROM_USER) {
		const struct place_travel *pl = find_place(cfg, inv->location);
		inv->travel_min = pl ? pl->travel_min : cfg->default_travel_min[inv->reach];
		if (pl != NULL)
			noted(origins, FACT_TRAVEL, "place \"", pl->match, "\"");
		else
			noted(origins, FACT_TRAVEL, "default for ", invite_reach_name(inv->reach),
			      " events");
	}
	if (inv->prep_min == 0 && o[FACT_PREP].source != FACT_FROM_USER &&
	    cfg->default_prep_min[inv->kind] > 0) {
		inv->prep_min = cfg->default_prep_min[inv->kind];
		noted(origins, FACT_PREP, "default for ", kind, "");
	}
	if (inv->expected_attendance == 0 && o[FACT_ATTENDANCE].source != FACT_FROM_USER &&
	    attendance_prior[inv->kind] > 0) {
		inv->expected_attendance = attendance_prior[inv->kind];
		if (is_learned[inv->kind])
			noted(origins, FACT_ATTENDANCE, "learned from your logged ", kind, " events");
		else
			noted(origins, FACT_ATTENDANCE, "default for ", kind, "");
	}
	drop_me(cfg, inv);
}
