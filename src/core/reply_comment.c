/*
 * reply_comment.c: the proposed COMMENT of a decline and the cleaning of
 * a typed one (reply_comment.h). The reasons are clauses that read after
 * "Thank you for thinking of me." and before ", so I will pass this
 * time."; each is true of the score it is chosen from, and none blames
 * the organizer.
 */
#include "worthit/reply_comment.h"

#include <stdio.h>
#include <string.h>

#define REASONS_MAX 2

/* The clause for a component, NULL for one never given as a reason. */
static const char *reason_of(enum score_component c)
{
	switch (c) {
	case SC_OVERLAP: return "the people at this event are mostly not the firms I work with";
	case SC_TIME_COST: return "it would take more of my time than I can give it just now";
	case SC_AVAILABILITY: return "it falls outside the hours I keep for events";
	case SC_BUDGET: return "I have already given this month's time for events";
	case SC_TRACK_RECORD: return "events like this have not brought work my way so far";
	case SC_LOCALITY: return "it is far from where my clients are";
	case SC_RELATIONSHIPS:
	case SC_STAGE:
	case SC_COUNT: break;
	}
	return NULL;
}

/* Points the component cost: weight x (1 - rating), 0 when it is no
 * reason (rated one half or better, unweighted, or not sayable). */
static double lost(const struct score_result *r, enum score_component c)
{
	const struct score_part *p = &r->part[c];
	if (reason_of(c) == NULL || p->weight <= 0 || p->raw >= 0.5)
		return 0;
	return p->weight * (1 - p->raw);
}

/* The clauses, most costly first, into why[]; returns how many. */
static int pick_reasons(const struct score_result *r, const char *why[REASONS_MAX])
{
	int n = 0;
	bool used[SC_COUNT] = {false};
	if (r->has_conflict)
		why[n++] = "I already have something else at that time";
	while (n < REASONS_MAX) {
		int best = -1;
		for (int c = 0; c < SC_COUNT; c++)
			if (!used[c] && lost(r, (enum score_component)c) > 0 &&
			    (best < 0 || lost(r, (enum score_component)c) >
			                     lost(r, (enum score_component)best)))
				best = c;
		if (best < 0)
			break;
		used[best] = true;
		why[n++] = reason_of((enum score_component)best);
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
