/*
 * model.c: init/done/copy for the structs of model.h and the name
 * tables that turn enums into the words stored and shown everywhere.
 * Pure core: no I/O. The names are part of the file formats (JSON, CSV,
 * config, database): never rename one without a migration.
 */
#include "worthit/model.h"
#include "worthit/timeutil.h"
#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[KIND_COUNT] = {
	"breakfast", "meetup", "conference", "coffee",
	"lunch", "speaking", "webinar", "other",
};

static const char *const status_names[STATUS_COUNT] = {
	"pending", "accepted", "declined", "maybe",
	"attended", "skipped", "cancelled",
};

static const char *const reach_names[REACH_COUNT] = {
	"local", "regional", "virtual",
};

static const char *const dim_names[DIM_COUNT] = {
	"industry", "role", "company_size", "region",
};

static int name_lookup(const char *const *names, int n, const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *invite_kind_name(enum invite_kind k)
{
	return (unsigned)k < KIND_COUNT ? kind_names[k] : "other";
}

int invite_kind_from_name(const char *name)
{
	return name_lookup(kind_names, KIND_COUNT, name);
}

const char *invite_status_name(enum invite_status s)
{
	return (unsigned)s < STATUS_COUNT ? status_names[s] : "pending";
}

int invite_status_from_name(const char *name)
{
	return name_lookup(status_names, STATUS_COUNT, name);
}

const char *invite_reach_name(enum invite_reach r)
{
	return (unsigned)r < REACH_COUNT ? reach_names[r] : "local";
}

int invite_reach_from_name(const char *name)
{
	return name_lookup(reach_names, REACH_COUNT, name);
}

const char *audience_dim_name(enum audience_dim d)
{
	return (unsigned)d < DIM_COUNT ? dim_names[d] : "industry";
}

int audience_dim_from_name(const char *name)
{
	return name_lookup(dim_names, DIM_COUNT, name);
}

bool invite_status_is_decided(enum invite_status s)
{
	return s != STATUS_PENDING && s != STATUS_MAYBE;
}

int invitation_duration_min(const struct invitation *inv)
{
	int64_t d = (inv->ends_at - inv->starts_at) / 60;
	return d > 0 ? (int)d : 0;
}

double invitation_planned_hours(const struct invitation *inv)
{
	int travel = inv->reach == REACH_VIRTUAL ? 0 : inv->travel_min;
	return (invitation_duration_min(inv) + 2.0 * travel + inv->prep_min) / 60.0;
}

int invitation_all_day_days(const struct invitation *inv)
{
	if (!inv->all_day)
		return 0;
	int64_t days = (inv->ends_at - inv->starts_at + DAY_SEC - 1) / DAY_SEC;
	return days < 1 ? 1 : days > INT32_MAX ? INT32_MAX : (int)days;
}

double invitation_counted_hours(const struct invitation *inv, double all_day_hours)
{
	if (!inv->all_day)
		return invitation_planned_hours(inv);
	return invitation_all_day_days(inv) * all_day_hours;
}

void invitation_local_span(const struct invitation *inv, int utc_offset_sec, int64_t *from,
                           int64_t *to)
{
	*from = inv->starts_at;
	*to = inv->ends_at;
	if (!inv->all_day)
		return;
	/* 00:00 UTC of the date is 00:00 local utc_offset_sec earlier */
	*from = inv->starts_at - utc_offset_sec;
	*to = inv->starts_at + (int64_t)invitation_all_day_days(inv) * DAY_SEC - utc_offset_sec;
}

void invitation_init(struct invitation *inv)
{
	memset(inv, 0, sizeof *inv);
	inv->kind = KIND_OTHER;
	inv->status = STATUS_PENDING;
	inv->reach = REACH_LOCAL;
}

void invitation_done(struct invitation *inv)
{
	free(inv->uid);
	free(inv->recurrence_id);
	free(inv->title);
	free(inv->organizer);
	free(inv->series);
	free(inv->tzid);
	free(inv->location);
	free(inv->source_file);
	free(inv->description);
	free(inv->url);
	free(inv->categories);
	free(inv->attendees);
	free(inv->shares);
	free(inv->mail_message_id);
	free(inv->mail_from);
	free(inv->mail_subject);
	free(inv->me_address);
	invitation_init(inv);
}

void invitation_set_shares(struct invitation *inv, const struct audience_share *sh, size_t n)
{
	free(inv->shares);
	inv->shares = NULL;
	inv->n_shares = n;
	if (n > 0) {
		inv->shares = xreallocarray(NULL, n, sizeof *inv->shares);
		memcpy(inv->shares, sh, n * sizeof *sh);
	}
}

struct audience_share *invitation_add_share(struct invitation *inv,
                                            const struct audience_share *sh)
{
	inv->shares = xreallocarray(inv->shares, inv->n_shares + 1, sizeof *inv->shares);
	inv->shares[inv->n_shares] = *sh;
	return &inv->shares[inv->n_shares++];
}

void invitation_copy(struct invitation *dst, const struct invitation *src)
{
	*dst = *src;
	dst->uid = xstrdup(src->uid);
	dst->recurrence_id = xstrdup(src->recurrence_id);
	dst->title = xstrdup(src->title);
	dst->organizer = xstrdup(src->organizer);
	dst->series = xstrdup(src->series);
	dst->tzid = xstrdup(src->tzid);
	dst->location = xstrdup(src->location);
	dst->source_file = xstrdup(src->source_file);
	dst->description = xstrdup(src->description);
	dst->url = xstrdup(src->url);
	dst->categories = xstrdup(src->categories);
	dst->attendees = xstrdup(src->attendees);
	dst->mail_message_id = xstrdup(src->mail_message_id);
	dst->mail_from = xstrdup(src->mail_from);
	dst->mail_subject = xstrdup(src->mail_subject);
	dst->me_address = xstrdup(src->me_address);
	dst->shares = NULL;
	invitation_set_shares(dst, src->shares, src->n_shares);
}

void outcome_init(struct outcome *o) { memset(o, 0, sizeof *o); }

void outcome_done(struct outcome *o)
{
	free(o->notes);
	outcome_init(o);
}

void contact_init(struct contact *c) { memset(c, 0, sizeof *c); }

void contact_done(struct contact *c)
{
	free(c->name);
	free(c->company);
	free(c->email);
	free(c->notes);
	contact_init(c);
}

void deal_init(struct deal *d) { memset(d, 0, sizeof *d); }

void deal_done(struct deal *d)
{
	free(d->note);
	deal_init(d);
}

void invitation_list_init(struct invitation_list *l)
{
	memset(l, 0, sizeof *l);
}

void invitation_list_done(struct invitation_list *l)
{
	for (size_t i = 0; i < l->len; i++)
		invitation_done(&l->items[i]);
	free(l->items);
	invitation_list_init(l);
}

struct invitation *invitation_list_push(struct invitation_list *l)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
	}
	struct invitation *inv = &l->items[l->len++];
	invitation_init(inv);
	return inv;
}
