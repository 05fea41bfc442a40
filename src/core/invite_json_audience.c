/*
 * invite_json_audience.c: the list-valued members of one JSON
 * invitation object, "attendees" (addresses for matching contacts) and
 * "audience" (who is in the room, as shares per dimension: no segment
 * twice, no dimension over the whole room). The rest of the object is
 * invite_json_item.c, whose checks and messages these share through
 * invite_json_item_priv.h. Pure core: no I/O.
 */
#include "worthit/invite_json.h"
#include "worthit/invite_json_item.h"
#include "worthit/xmalloc.h"

#include "invite_json_item_priv.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *dim_name(int i) { return audience_dim_name((enum audience_dim)i); }

/* "attendees": an array of addresses ("Name <addr>" or addr), kept
 * newline-separated in the struct for matching contacts. */
void invite_json_audience_attendees(struct item *it, const cJSON *v)
{
	if (cJSON_IsNull(v))
		return;
	if (!cJSON_IsArray(v)) {
		invite_json_item_bad_type(it, "attendees", "an array of strings", v);
		return;
	}
	int n = cJSON_GetArraySize(v);
	if (n > INVITE_JSON_ATTENDEES_MAX) {
		invite_json_item_bad(it, "attendees", "%d entries, at most %d", n,
		                     INVITE_JSON_ATTENDEES_MAX);
		return;
	}
	size_t cap = 256, len = 0;
	char *out = xmalloc(cap);
	out[0] = '\0';
	int i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v) {
		const char *why = !cJSON_IsString(e) ? "expected a string"
		                  : e->valuestring[0] == '\0' ? "empty"
		                  : invite_json_item_text_problem(e->valuestring,
		                                                  INVITE_JSON_ADDRESS_MAX, false);
		if (why != NULL) {
			char name[32];
			snprintf(name, sizeof name, "attendees[%d]", i);
			invite_json_item_bad(it, name, "%s", why);
			free(out);
			return;
		}
		size_t m = strlen(e->valuestring);
		if (len + m + 2 > cap) {
			cap = (len + m + 2) * 2;
			out = xrealloc(out, cap);
		}
		if (len > 0)
			out[len++] = '\n';
		memcpy(out + len, e->valuestring, m + 1);
		len += m;
		i++;
	}
	free(it->inv->attendees);
	it->inv->attendees = len > 0 ? out : NULL;
	if (len == 0)
		free(out);
}

/* One {"dimension","segment","share","second_degree"} of "audience". */
static void take_share(struct item *it, const cJSON *v, int idx)
{
	char name[48];
	snprintf(name, sizeof name, "audience[%d]", idx);
	if (!cJSON_IsObject(v)) {
		invite_json_item_bad_type(it, name, "an object", v);
		return;
	}
	struct audience_share sh = { .dim = DIM_INDUSTRY };
	bool has_dim = false, has_seg = false, has_share = false, ok = true;
	const cJSON *m;
	cJSON_ArrayForEach(m, v) {
		char sub[80];
		const char *key = invite_json_item_utf8_valid(m->string) ? m->string : "(invalid UTF-8)";
		snprintf(sub, sizeof sub, "%s.%.24s", name, key);
		if (strcmp(m->string, "dimension") == 0) {
			int d = -1;
			invite_json_item_take_enum(it, sub, m, DIM_COUNT, audience_dim_from_name, dim_name, &d);
			has_dim = d >= 0;
			ok = ok && has_dim;
			sh.dim = (enum audience_dim)(d >= 0 ? d : 0);
		} else if (strcmp(m->string, "segment") == 0) {
			const char *why = !cJSON_IsString(m) ? "expected a string"
			                  : m->valuestring[0] == '\0' ? "empty"
			                  : invite_json_item_text_problem(m->valuestring,
			                                                  WIT_SEGMENT_MAX - 1, false);
			if (why != NULL) {
				invite_json_item_bad(it, sub, "%s", why);
				ok = false;
				continue;
			}
			for (size_t i = 0; m->valuestring[i]; i++)
				sh.value[i] = (char)tolower((unsigned char)m->valuestring[i]);
			has_seg = true;
		} else if (strcmp(m->string, "share") == 0) {
			if (!cJSON_IsNumber(m) || !isfinite(m->valuedouble) || m->valuedouble < 0 ||
			    m->valuedouble > 1) {
				invite_json_item_bad(it, sub, "expected a fraction of the room from 0 to 1");
				ok = false;
				continue;
			}
			sh.share = m->valuedouble;
			has_share = true;
		} else if (strcmp(m->string, "second_degree") == 0) {
			if (!cJSON_IsBool(m)) {
				invite_json_item_bad_type(it, sub, "true or false", m);
				ok = false;
				continue;
			}
			sh.is_second_degree = cJSON_IsTrue(m);
		} else if (!invite_json_item_is_extension(m->string)) {
			invite_json_item_bad(it, sub, "unknown field");
			ok = false;
		}
	}
	if (!ok)
		return;
	if (!has_dim || !has_seg || !has_share) {
		invite_json_item_bad(it, name, "needs \"dimension\", \"segment\" and \"share\"");
		return;
	}
	if (!it->ok)
		return;
	struct invitation *inv = it->inv;
	double sum = sh.share;
	for (size_t i = 0; i < inv->n_shares; i++) {
		const struct audience_share *o = &inv->shares[i];
		if (o->dim != sh.dim || o->is_second_degree != sh.is_second_degree)
			continue;
		if (strcmp(o->value, sh.value) == 0) {
			invite_json_item_bad(it, name, "%s \"%s\" is given twice",
			                     audience_dim_name(sh.dim), sh.value);
			return;
		}
		sum += o->share;
	}
	if (sum > 1.0 + 1e-9) {
		invite_json_item_bad(it, name, "%s shares%s add up to %.2f, more than the whole room",
		                     audience_dim_name(sh.dim),
		                     sh.is_second_degree ? " (second degree)" : "", sum);
		return;
	}
	invitation_add_share(inv, &sh);
}

void invite_json_audience_shares(struct item *it, const cJSON *v)
{
	if (cJSON_IsNull(v))
		return;
	if (!cJSON_IsArray(v)) {
		invite_json_item_bad_type(it, "audience", "an array of shares", v);
		return;
	}
	int n = cJSON_GetArraySize(v);
	if (n > INVITE_SHARES_MAX) {
		invite_json_item_bad(it, "audience", "%d shares, at most %d", n, INVITE_SHARES_MAX);
		return;
	}
	int i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
		take_share(it, e, i++);
}
