/*
 * attrib.c: credit models over referral paths (see attrib.h). Works in
 * doubles while sharing, then turns the shares into whole minor units
 * with the largest-remainder method so a deal's credits always add up
 * to its amount to the cent. Fractions within 1e-9 of each other count
 * as equal, so that the tie rule (lower contact id first) decides and
 * not floating-point noise.
 */
#include "worthit/attrib.h"
#include "worthit/xmalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const model_names[ATTRIB_MODEL_COUNT] = {
	[ATTRIB_FIRST] = "first",
	[ATTRIB_LAST] = "last",
	[ATTRIB_LINEAR] = "linear",
};

const char *attrib_model_name(enum attrib_model m)
{
	return (unsigned)m < ATTRIB_MODEL_COUNT ? model_names[m] : "?";
}

int attrib_model_from_name(const char *name)
{
	for (int i = 0; name != NULL && i < ATTRIB_MODEL_COUNT; i++)
		if (strcmp(name, model_names[i]) == 0)
			return i;
	return -1;
}

struct share {
	int64_t id;
	double exact;    /* minor units, fractional */
	int64_t whole;   /* rounded down */
};

static size_t add_share(struct share *s, size_t n, int64_t id, double amount)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].id == id) {
			s[i].exact += amount;
			return n;
		}
	s[n] = (struct share){ id, amount, 0 };
	return n + 1;
}

static int by_id(const void *a, const void *b)
{
	const struct share *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Index of the share with the largest remaining fraction not yet given
 * a unit (given[i] false), lower id on ties. s is sorted by id. */
static size_t largest_fraction(const struct share *s, size_t n, const bool *given)
{
	size_t best = n;
	double best_frac = -1;
	for (size_t i = 0; i < n; i++) {
		if (given[i])
			continue;
		double f = s[i].exact - (double)s[i].whole;
		if (best == n || f > best_frac + 1e-9) {
			best = i;
			best_frac = f;
		}
	}
	return best;
}

static void round_shares(struct share *s, size_t n, int64_t amount)
{
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++) {
		s[i].whole = (int64_t)floor(s[i].exact + 1e-9);
		if (s[i].whole < 0)
			s[i].whole = 0;
		sum += s[i].whole;
	}
	bool *given = xcalloc(n ? n : 1, sizeof *given);
	int64_t left = amount - sum;
	/* left < n: each share lost less than one unit */
	while (left > 0) {
		size_t i = largest_fraction(s, n, given);
		if (i == n)
			break;
		given[i] = true;
		s[i].whole++;
		left--;
	}
	free(given);
	/* only reachable with absurd inputs (NaN weights): keep the total */
	if (left != 0 && n > 0)
		s[0].whole += left;
}

size_t attrib_split(enum attrib_model m, int64_t amount_minor, const struct attrib_path *paths,
                    size_t n_paths, struct attrib_credit *out)
{
	double total_weight = 0;
	size_t max_nodes = 0;
	for (size_t p = 0; p < n_paths; p++) {
		if (paths[p].n > 0 && paths[p].weight > 0)
			total_weight += paths[p].weight;
		max_nodes += paths[p].n;
	}
	if (total_weight <= 0 || max_nodes == 0)
		return 0;
	struct share *s = xcalloc(max_nodes, sizeof *s);
	size_t n = 0;
	for (size_t p = 0; p < n_paths; p++) {
		const struct attrib_path *path = &paths[p];
		if (path->n == 0 || path->weight <= 0)
			continue;
		double part = (double)amount_minor * path->weight / total_weight;
		switch (m) {
		case ATTRIB_FIRST: n = add_share(s, n, path->nodes[path->n - 1], part); break;
		case ATTRIB_LAST: n = add_share(s, n, path->nodes[0], part); break;
		default:
			for (size_t i = 0; i < path->n; i++)
				n = add_share(s, n, path->nodes[i], part / (double)path->n);
			break;
		}
	}
	if (n > 1)
		qsort(s, n, sizeof *s, by_id);
	round_shares(s, n, amount_minor);
	for (size_t i = 0; i < n; i++)
		out[i] = (struct attrib_credit){ s[i].id, s[i].whole };
	free(s);
	return n;
}

bool attrib_parse_path(const char *s, int64_t *nodes, size_t max, size_t *n)
{
	*n = 0;
	const char *p = s;
	if (p == NULL || *p == '\0')
		return false;
	for (;;) {
		if (*p < '0' || *p > '9' || *n == max)
			return false;
		int64_t v = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (v > (INT64_MAX - 9) / 10)
				return false;
			v = v * 10 + (*p - '0');
		}
		if (v <= 0)
			return false;
		nodes[(*n)++] = v;
		if (*p == '\0')
			return true;
		if (*p != ',')
			return false;
		p++;
	}
}
