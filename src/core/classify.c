/*
 * classify.c: keyword rules to kind and audience shares (classify.h).
 * Pure core: no I/O. The matcher works on bytes: ASCII letters fold to
 * lower case, every other byte compares as itself, so UTF-8 text is
 * matched exactly and never split inside a character (a byte >= 0x80
 * is a word character, so "café" does not end in "caf"). A word also
 * matches its simple plural: "owner" finds "owners", "coach" "coaches".
 */
#include "worthit/classify.h"

#include "worthit/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool is_word_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

static bool is_gap(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_';
}

/* Length of the match of word at s, or 0. */
static size_t match_at(const unsigned char *s, const unsigned char *w)
{
	const unsigned char *p = s;
	while (*w != '\0') {
		if (*w == ' ') {
			if (!is_gap(*p))
				return 0;
			while (is_gap(*p))
				p++;
			while (*w == ' ')
				w++;
			continue;
		}
		if (lower(*p) != lower(*w))
			return 0;
		p++;
		w++;
	}
	return (size_t)(p - s);
}

/* Does a match of n bytes at t end a word, allowing a simple plural
 * ("owner" in "owners", "coach" in "coaches")? Returns the match's
 * length with the plural's ending, or 0. */
static size_t word_end(const unsigned char *t, size_t n)
{
	if (!is_word_char(t[n]))
		return n;
	if (lower(t[n]) == 's' && !is_word_char(t[n + 1]))
		return n + 1;
	if (lower(t[n]) == 'e' && lower(t[n + 1]) == 's' && !is_word_char(t[n + 2]))
		return n + 2;
	return 0;
}

bool classify_has_word(const char *text, const char *word)
{
	if (text == NULL || word == NULL || word[0] == '\0')
		return false;
	const unsigned char *t = (const unsigned char *)text;
	const unsigned char *w = (const unsigned char *)word;
	for (size_t i = 0; t[i] != '\0'; i++) {
		if (i > 0 && is_word_char(t[i - 1]))
			continue;
		size_t n = match_at(t + i, w);
		if (n > 0 && word_end(t + i, n) > 0)
			return true;
	}
	return false;
}

/*
 * Which rules' words occur in one text, found[i] for rules[i], in one
 * scan of the text: at each position where a word may start, only the
 * rules whose word begins with that byte (ASCII folded) are tried, so
 * the cost is one pass over the text, not one per rule. A word that
 * begins with a blank matches at a gap byte. Gives the same answers as
 * classify_has_word() for each wanted rule.
 */
struct rule_chains {
	short head[256];  /* first wanted rule starting with that byte, -1 */
	short *next;      /* next wanted rule with the same first byte, -1 */
};

static void chains_build(struct rule_chains *c, const struct keyword_rule *rules,
                         const bool *wanted, size_t n_rules)
{
	memset(c->head, -1, sizeof c->head);
	for (size_t i = n_rules; i-- > 0;) {
		unsigned char first = lower((unsigned char)rules[i].word[0]);
		if (!wanted[i] || first == '\0')
			continue;
		c->next[i] = c->head[first];
		c->head[first] = (short)i;
	}
}

/* The wanted rules whose word starts at t (a candidate position). */
static void try_rules(const struct rule_chains *c, const struct keyword_rule *rules,
                      const unsigned char *t, bool *found)
{
	short r = c->head[lower(*t)];
	short blank = is_gap(*t) && *t != ' ' ? c->head[' '] : -1;
	for (int pass = 0; pass < 2; pass++, r = blank) {
		for (; r >= 0; r = c->next[r]) {
			const unsigned char *w = (const unsigned char *)rules[r].word;
			/* most candidates differ by their second byte */
			if (found[r] || (w[1] != '\0' && w[1] != ' ' && lower(t[1]) != lower(w[1])))
				continue;
			size_t n = match_at(t, w);
			if (n > 0 && word_end(t, n) > 0)
				found[r] = true;
		}
	}
}

/* Candidates are the positions classify_has_word() tries: the start of
 * the text and every byte after a non-word byte. Inside a word the scan
 * only looks for its end. */
static void scan_text(const struct rule_chains *c, const struct keyword_rule *rules,
                      const char *text, bool *found)
{
	if (text == NULL)
		return;
	const unsigned char *t = (const unsigned char *)text;
	size_t i = 0;
	while (t[i] != '\0') {
		try_rules(c, rules, t + i, found);
		if (!is_word_char(t[i])) {
			i++;
			continue;
		}
		while (is_word_char(t[i]))
			i++;
		if (t[i] != '\0')
			i++; /* it follows a word: not a candidate */
	}
}

static bool is_kind_rule(const struct keyword_rule *r)
{
	return r->kind >= 0 && r->kind < KIND_COUNT;
}

static bool is_share_rule(const struct keyword_rule *r)
{
	return r->dim >= 0 && r->dim < DIM_COUNT && r->segment[0] != '\0';
}

static void add_share(struct invitation *inv, const struct keyword_rule *r)
{
	for (size_t i = 0; i < inv->n_shares; i++) {
		struct audience_share *s = &inv->shares[i];
		if (s->dim == (enum audience_dim)r->dim && s->is_second_degree == r->is_second_degree &&
		    strcmp(s->value, r->segment) == 0) {
			if (r->share > s->share)
				s->share = r->share;
			return;
		}
	}
	if (inv->n_shares == INVITE_SHARES_MAX)
		return;
	struct audience_share s = {
		.dim = (enum audience_dim)r->dim,
		.share = r->share < 0 ? 0 : r->share > 1 ? 1 : r->share,
		.is_second_degree = r->is_second_degree,
	};
	memcpy(s.value, r->segment, sizeof s.value);
	s.value[sizeof s.value - 1] = '\0';
	invitation_add_share(inv, &s);
}

/* Scale each (dimension, degree) group down to a total of 1. */
static void normalise(struct invitation *inv)
{
	for (int d = 0; d < DIM_COUNT; d++) {
		for (int second = 0; second < 2; second++) {
			double sum = 0;
			for (size_t i = 0; i < inv->n_shares; i++)
				if ((int)inv->shares[i].dim == d && inv->shares[i].is_second_degree == second)
					sum += inv->shares[i].share;
			if (sum <= 1.0)
				continue;
			for (size_t i = 0; i < inv->n_shares; i++)
				if ((int)inv->shares[i].dim == d && inv->shares[i].is_second_degree == second)
					inv->shares[i].share /= sum;
		}
	}
}

/* found[t * n_rules + i]: rules[i]'s word is in text t (title,
 * categories, description). */
static void find_words(const struct invitation *inv, const struct keyword_rule *rules,
                       size_t n_rules, bool want_kind, bool want_shares, bool *found)
{
	bool *wanted = found + 3 * n_rules;
	bool any = false;
	for (size_t i = 0; i < n_rules; i++) {
		wanted[i] = (want_kind && is_kind_rule(&rules[i])) ||
		            (want_shares && is_share_rule(&rules[i]));
		any = any || wanted[i];
	}
	if (!any)
		return;
	short next_buf[KEYWORD_RULES_MAX];
	struct rule_chains c = {.next = n_rules <= KEYWORD_RULES_MAX ? next_buf
	                                                             : xcalloc(n_rules, sizeof(short))};
	chains_build(&c, rules, wanted, n_rules);
	const char *const texts[] = { inv->title, inv->categories, inv->description };
	for (size_t t = 0; t < 3; t++)
		scan_text(&c, rules, texts[t], found + t * n_rules);
	if (c.next != next_buf)
		free(c.next);
}

bool classify_apply(struct invitation *inv, const struct keyword_rule *rules, size_t n_rules)
{
	/* rules fill only what the source left out: never an explicit kind
	 * (even "other"), never given audience shares */
	bool want_kind = inv->kind == KIND_OTHER && !inv->is_kind_given;
	bool want_shares = inv->n_shares == 0;
	if ((!want_kind && !want_shares) || n_rules == 0)
		return false;
	/* three texts' findings, then which rules are wanted */
	bool found_buf[4 * KEYWORD_RULES_MAX] = {false};
	bool *found = n_rules <= KEYWORD_RULES_MAX ? found_buf : xcalloc(4 * n_rules, sizeof(bool));
	find_words(inv, rules, n_rules, want_kind, want_shares, found);
	bool changed = false;
	for (size_t t = 0; want_kind && t < 3; t++) {
		for (size_t i = 0; i < n_rules; i++) {
			if (!is_kind_rule(&rules[i]) || !found[t * n_rules + i])
				continue;
			if (rules[i].kind != KIND_OTHER) {
				inv->kind = (enum invite_kind)rules[i].kind;
				changed = true;
			}
			want_kind = false;
			break;
		}
	}
	if (want_shares) {
		for (size_t i = 0; i < n_rules; i++)
			if (is_share_rule(&rules[i]) &&
			    (found[i] || found[n_rules + i] || found[2 * n_rules + i]))
				add_share(inv, &rules[i]);
		normalise(inv);
		changed = changed || inv->n_shares > 0;
	}
	if (found != found_buf)
		free(found);
	return changed;
}
