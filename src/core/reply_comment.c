/*
 * reply_comment.c: the proposed COMMENT of a decline and the cleaning of
 * a typed one (reply_comment.h). The reasons are clauses that read after
 * "Thank you for thinking of me." and before ", so I will pass this
 * time."; each is said only when the score shows it (score v2: value
 * terms against cost terms, docs/scoring.md), and none blames the
 * organizer.
 *
 * How strong each reason is, 0..1 (only those above REASON_MIN count):
 *   - the room: 1 - match / ROOM_LOW when under ROOM_LOW of the room buys;
 *   - each cost term (hours and ticket, hours outside the windows, hours
 *     beyond the month's band): its share of the weighted cost, when the
 *     value does not cover the cost (ratio < 1), times (1 - ratio);
 *   - the track record: past events of this organizer or series that
 *     brought less than one hour of the rate each: 0.6;
 *   - distance: 1 - the locality factor when it is under LOCAL_LOW.
 * A gate (a clash, a busy or blocked time) is always the first reason.
 */
#include "worthit/reply_comment.h"

#include <stdio.h>
#include <string.h>

#define REASONS_MAX 2
#define REASON_MIN 0.2  /* weaker reasons are not given */
#define ROOM_LOW 0.3    /* share of the room that buys, below which it is said */
#define LOCAL_LOW 0.7   /* locality factor below which distance is said */

enum reason {
	REASON_ROOM,
	REASON_COST,
	REASON_WINDOWS,
	REASON_BAND,
	REASON_TRACK,
	REASON_FAR,
	REASON_COUNT
};

static const char *const clauses[REASON_COUNT] = {
	[REASON_ROOM] = "the people at this event are mostly not the firms I work with",
	[REASON_COST] = "it would take more of my time than I can give it just now",
	[REASON_WINDOWS] = "it falls outside the hours I keep for events",
	[REASON_BAND] = "I have already given this month's time for events",
	[REASON_TRACK] = "events like this have not brought work my way so far",
	[REASON_FAR] = "it is far from where my clients are",
};

/* The share of the weighted cost that cost term c makes, times how far
 * the value falls short of the cost. */
static double cost_share(const struct score_result *r, enum score_component c)
{
	const struct score_part *p = &r->part[c];
	if (r->cost_side <= 0 || r->ratio >= 1 || p->raw <= 0 || p->weight <= 0)
		return 0;
	return p->raw * p->weight / r->cost_side * (1 - r->ratio);
}

static void strengths(const struct score_result *r, double s[REASON_COUNT])
{
	s[REASON_ROOM] = r->part[SC_ROOM].weight > 0 && r->match < ROOM_LOW
	                 ? 1 - r->match / ROOM_LOW : 0;
	s[REASON_COST] = cost_share(r, SC_COST);
	s[REASON_WINDOWS] = r->outside_min > 0 ? cost_share(r, SC_AVAILABILITY) : 0;
	s[REASON_BAND] = r->over_hours > 0 ? cost_share(r, SC_OVER_BAND) : 0;
	s[REASON_TRACK] = r->has_history && r->track_value_hours < 1 &&
	                  r->part[SC_TRACK_RECORD].weight > 0 ? 0.6 : 0;
	s[REASON_FAR] = r->locality > 0 && r->locality < LOCAL_LOW ? 1 - r->locality : 0;
}

/* The clauses, strongest first, into why[]; returns how many. */
static int pick_reasons(const struct score_result *r, const char *why[REASONS_MAX])
{
	int n = 0;
	if (r->gate != GATE_NONE || r->has_conflict)
		why[n++] = r->gate == GATE_BLOCKED ? "that time is one I keep free"
		                                   : "I already have something else at that time";
	double s[REASON_COUNT];
	strengths(r, s);
	while (n < REASONS_MAX) {
		int best = -1;
		for (int k = 0; k < REASON_COUNT; k++)
			if (s[k] > REASON_MIN && (best < 0 || s[k] > s[best]))
				best = k;
		if (best < 0)
			break;
		s[best] = 0;
		why[n++] = clauses[best];
	}
	return n;
}

void reply_comment_propose(const struct score_result *r, char *buf, size_t len)
{
	const char *why[REASONS_MAX];
	int n = pick_reasons(r, why);
	if (len == 0)
		return;
	if (n == 0) {
		snprintf(buf, len, "Thank you for thinking of me. I cannot make it this time.");
		return;
	}
	char first = why[0][0] >= 'a' && why[0][0] <= 'z' ? (char)(why[0][0] - 'a' + 'A')
	                                                 : why[0][0];
	if (n == 1)
		snprintf(buf, len, "Thank you for thinking of me. %c%s, so I will pass this time.",
		         first, why[0] + 1);
	else
		snprintf(buf, len, "Thank you for thinking of me. %c%s, and %s, so I will pass "
		         "this time.", first, why[0] + 1, why[1]);
}

bool reply_comment_clean(const char *typed, char *out, size_t len)
{
	size_t cap = len - 1 < REPLY_COMMENT_MAX ? len - 1 : REPLY_COMMENT_MAX;
	size_t n = 0;
	bool is_space = true; /* drops leading spaces */
	const unsigned char *p = (const unsigned char *)typed;
	for (; *p != '\0'; p++) {
		bool sp = *p < 0x20 || *p == 0x7f || *p == ' ';
		if (sp && is_space)
			continue;
		if (n == cap)
			break;
		out[n++] = sp ? ' ' : (char)*p;
		is_space = sp;
	}
	if ((*p & 0xC0) == 0x80) { /* cut inside a character: drop its start */
		while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0 && (unsigned char)out[n - 1] >= 0xC0)
			n--;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n > 0;
}
