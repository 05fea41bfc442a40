/*
 * classify.c: keyword rules to kind and audience shares (classify.h).
 * Pure core: no I/O. The matcher works on bytes: ASCII letters fold to
 * lower case, every other byte compares as itself, so UTF-8 text is
 * matched exactly and never split inside a character (a byte >= 0x80
 * is a word character, so "café" does not end in "caf").
 */
#include "worthit/classify.h"

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
		if (n > 0 && !is_word_char(t[i + n]))
			return true;
	}
	return false;
}

static bool in_any(const struct invitation *inv, const char *word)
{
	return classify_has_word(inv->title, word) || classify_has_word(inv->categories, word) ||
	       classify_has_word(inv->description, word);
}

static int find_kind(const struct invitation *inv, const struct keyword_rule *rules,
                     size_t n_rules)
{
	const char *const texts[] = { inv->title, inv->categories, inv->description };
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
		for (size_t i = 0; i < n_rules; i++)
			if (rules[i].kind >= 0 && rules[i].kind < KIND_COUNT &&
			    classify_has_word(texts[t], rules[i].word))
				return rules[i].kind;
	return -1;
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
	struct audience_share *s = &inv->shares[inv->n_shares++];
	s->dim = (enum audience_dim)r->dim;
	memcpy(s->value, r->segment, sizeof s->value);
	s->value[sizeof s->value - 1] = '\0';
	s->share = r->share < 0 ? 0 : r->share > 1 ? 1 : r->share;
	s->is_second_degree = r->is_second_degree;
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

bool classify_apply(struct invitation *inv, const struct keyword_rule *rules, size_t n_rules)
{
	bool changed = false;
	if (inv->kind == KIND_OTHER) {
		int k = find_kind(inv, rules, n_rules);
		if (k >= 0 && k != KIND_OTHER) {
			inv->kind = (enum invite_kind)k;
			changed = true;
		}
	}
	if (inv->n_shares == 0) {
		for (size_t i = 0; i < n_rules; i++)
			if (rules[i].dim >= 0 && rules[i].dim < DIM_COUNT && rules[i].segment[0] != '\0' &&
			    in_any(inv, rules[i].word))
				add_share(inv, &rules[i]);
		normalise(inv);
		changed = changed || inv->n_shares > 0;
	}
	return changed;
}
