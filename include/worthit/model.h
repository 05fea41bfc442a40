/*
 * model.h: the nouns of worthit, as plain structs with no behaviour
 * beyond init/done and name tables. Pure core: no I/O.
 *
 * Units and invariants, everywhere:
 *   - times are UTC seconds since the epoch (int64_t); all-day events
 *     start at 00:00 UTC of their date and end at 00:00 UTC of the day
 *     after their last day (RFC 5545 3.6.1: DTEND is exclusive);
 *   - money is integer minor units (cents) with an ISO 4217 code;
 *   - durations are whole minutes >= 0;
 *   - shares are fractions 0..1.
 * Strings in these structs are owned by the struct (heap, NUL-terminated,
 * NULL allowed for "unknown") and freed by the matching *_done().
 */
#ifndef WORTHIT_MODEL_H
#define WORTHIT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum invite_kind {
	KIND_BREAKFAST,
	KIND_MEETUP,
	KIND_CONFERENCE,
	KIND_COFFEE,
	KIND_LUNCH,
	KIND_SPEAKING,
	KIND_WEBINAR,
	KIND_OTHER,
	KIND_COUNT
};

enum invite_status {
	STATUS_PENDING,
	STATUS_ACCEPTED,
	STATUS_DECLINED,
	STATUS_MAYBE,
	STATUS_ATTENDED,
	STATUS_SKIPPED,
	STATUS_CANCELLED,
	STATUS_COUNT
};

/* Where the room is, seen from the user's base. */
enum invite_reach {
	REACH_LOCAL,
	REACH_REGIONAL,
	REACH_VIRTUAL,
	REACH_COUNT
};

/* Dimensions along which both the audience and the customer profile
 * are described. */
enum audience_dim {
	DIM_INDUSTRY,
	DIM_ROLE,
	DIM_COMPANY_SIZE,
	DIM_REGION,
	DIM_COUNT
};

#define WIT_SEGMENT_MAX 48   /* bytes of a segment value, NUL included */
#define INVITE_SHARES_MAX 32 /* audience shares per invitation */

/* One slice of the expected audience: e.g. industry=legal, 0.30. */
struct audience_share {
	enum audience_dim dim;
	char value[WIT_SEGMENT_MAX]; /* lower-case segment name */
	double share;                /* 0..1 of the room */
	bool is_second_degree;       /* "people who know people", not buyers */
};

struct invitation {
	int64_t id;              /* database row id; 0 before it is stored */
	char *uid;               /* stable source UID (RFC 5545 3.8.4.7) */
	char *recurrence_id;     /* "" for a single event, else the
	                            occurrence's original start, ISO 8601 UTC
	                            or YYYY-MM-DD for all-day */
	char *title;
	char *organizer;         /* display name or address */
	char *series;            /* recurring series key (e.g. UID of the
	                            master), NULL for one-offs */
	enum invite_kind kind;
	enum invite_status status;
	int64_t starts_at;       /* UTC seconds */
	int64_t ends_at;         /* UTC seconds, >= starts_at */
	bool all_day;
	char *tzid;              /* original IANA zone for display, or NULL */
	char *location;
	enum invite_reach reach;
	int travel_min;          /* one way, minutes, >= 0; 0 when virtual */
	int prep_min;            /* preparation, minutes, >= 0 */
	int64_t ticket_minor;    /* ticket price, minor units, >= 0 */
	char currency[4];        /* ISO 4217, "" = the user's currency */
	int expected_attendance; /* people in the room, >= 0; 0 = unknown */
	bool is_speaking;        /* the user has a speaking slot */
	int64_t speaking_fee_minor; /* fee paid to the user, >= 0 */
	int sequence;            /* iTIP SEQUENCE (RFC 5546), >= 0 */
	char *source_file;       /* where it was imported from, or NULL */
	char *description;
	char *url;
	char *categories;        /* comma-separated, as in CATEGORIES */
	char *attendees;         /* newline-separated "Name <addr>" or addr,
	                            kept for matching contacts */
	size_t n_shares;         /* at most INVITE_SHARES_MAX */
	struct audience_share *shares; /* n_shares of them, owned, exactly
	                            allocated (NULL when none): write them
	                            with invitation_add_share(); a struct
	                            copy shares the array, so copy with
	                            invitation_copy() */
	bool is_kind_given;      /* the source named the kind (even "other"):
	                            keyword rules never change it */
	/* the message it came in (import from mail), all NULL/0 otherwise */
	char *mail_message_id;   /* Message-ID without the angle brackets */
	char *mail_from;         /* From, as written ("Name <addr>") */
	char *mail_subject;      /* Subject, decoded (RFC 2047) */
	int64_t mail_date;       /* Date, UTC seconds; 0 = none */
	char *me_address;        /* the user's own address (config "me") it was
	                            sent to, taken out of attendees at import:
	                            the address a reply is sent as; or NULL */
};

/* What an attended event actually brought. */
struct outcome {
	int64_t invitation_id;
	double actual_hours;     /* travel included, >= 0 */
	int contacts_met;
	int leads;
	int meetings;
	int deals;
	int64_t revenue_minor;   /* >= 0 */
	int rating;              /* 1..5, 0 = not rated */
	char *notes;
	int64_t logged_at;       /* UTC seconds */
};

struct contact {
	int64_t id;
	char *name;
	char *company;
	char *email;
	int64_t met_at_invitation; /* 0 = unknown */
	int64_t referred_by;       /* contact id, 0 = none */
	bool is_client;
	char *notes;
	bool is_prospect;          /* a known potential buyer (score v2) */
};

struct deal {
	int64_t id;
	int64_t contact_id;
	int64_t amount_minor;      /* >= 0 */
	char currency[4];
	int64_t closed_at;         /* UTC seconds */
	char *note;
};

void invitation_init(struct invitation *inv);
void invitation_done(struct invitation *inv);
/* Deep copy: dst must be uninitialised or done. */
void invitation_copy(struct invitation *dst, const struct invitation *src);
/* Append a copy of *sh to inv's shares (no check against
 * INVITE_SHARES_MAX: the parsers enforce it) and return it. */
struct audience_share *invitation_add_share(struct invitation *inv,
                                            const struct audience_share *sh);
/* Replace inv's shares with a copy of sh[0..n). */
void invitation_set_shares(struct invitation *inv, const struct audience_share *sh, size_t n);
void outcome_init(struct outcome *o);
void outcome_done(struct outcome *o);
void contact_init(struct contact *c);
void contact_done(struct contact *c);
void deal_init(struct deal *d);
void deal_done(struct deal *d);

/* Name tables: stable lower-case words used in JSON, CSV, config, the
 * database and the UI. *_from_name returns -1 for an unknown name. */
const char *invite_kind_name(enum invite_kind k);
int invite_kind_from_name(const char *name);
const char *invite_status_name(enum invite_status s);
int invite_status_from_name(const char *name);
const char *invite_reach_name(enum invite_reach r);
int invite_reach_from_name(const char *name);
const char *audience_dim_name(enum audience_dim d);
int audience_dim_from_name(const char *name);

/* True for statuses that mean the user has decided (not pending/maybe). */
bool invite_status_is_decided(enum invite_status s);

/* Duration of the event itself in minutes (ends_at - starts_at). */
int invitation_duration_min(const struct invitation *inv);

/* Hours an invitation takes: duration + travel both ways (none when
 * virtual) + preparation, the figure the budget component counts and a
 * first outcome log defaults to. */
double invitation_planned_hours(const struct invitation *inv);

/* Whole days an all-day invitation spans (>= 1), 0 for a timed one. */
int invitation_all_day_days(const struct invitation *inv);

/*
 * Hours an invitation counts for wherever hours are added up (the
 * month's committed hours, budgets, a first outcome's default): a timed
 * one its planned hours (invitation_planned_hours); an all-day one
 * all_day_hours (the score knob all_day_hours, default 8) for each day
 * it spans: a conference day is a working day, not 24 hours.
 */
double invitation_counted_hours(const struct invitation *inv, double all_day_hours);

/*
 * Where the invitation lies on the clock of a zone utc_offset_sec east
 * of UTC (the adapter's clock_local_offset at its start): an all-day
 * one from local midnight of its first day to local midnight after its
 * last, so it counts in the local month of its date and clashes with
 * nothing on the evening before; a timed one as stored.
 */
void invitation_local_span(const struct invitation *inv, int utc_offset_sec, int64_t *from,
                           int64_t *to);

/* A growable array of invitations; the list owns its elements. */
struct invitation_list {
	struct invitation *items;
	size_t len;
	size_t cap;
};

void invitation_list_init(struct invitation_list *l);
void invitation_list_done(struct invitation_list *l);
/* Append an empty, initialised invitation and return it. */
struct invitation *invitation_list_push(struct invitation_list *l);

#endif
