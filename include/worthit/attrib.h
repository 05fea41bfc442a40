/*
 * attrib.h: splitting a deal's amount along its referral paths ("who do
 * I owe my clients to?"). Pure core: no I/O. docs/attribution.md gives
 * the rules with a worked example that tests/unit/test_attrib.c checks.
 *
 * A path runs from the contact who closed the deal (nodes[0]) up
 * through whoever introduced them to the root, the person met first
 * (nodes[n-1]), whose met-at event is where the chain started. A
 * contact introduced by k people forks the deal: each referrer's branch
 * carries 1/k of what reached that contact, so the weights of all paths
 * of one deal add up to 1.
 */
#ifndef WORTHIT_ATTRIB_H
#define WORTHIT_ATTRIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum attrib_model {
	ATTRIB_FIRST,  /* the root of each path: where the chain began */
	ATTRIB_LAST,   /* the contact who closed the deal */
	ATTRIB_LINEAR, /* every contact on a path, equal parts */
	ATTRIB_MODEL_COUNT
};

/* "first", "last", "linear"; from_name returns -1 for anything else. */
const char *attrib_model_name(enum attrib_model m);
int attrib_model_from_name(const char *name);

/* One path of a deal. nodes is borrowed; n >= 1; weight in (0, 1]. */
struct attrib_path {
	const int64_t *nodes;
	size_t n;
	double weight;
};

struct attrib_credit {
	int64_t contact_id;
	int64_t amount_minor; /* >= 0 */
};

/*
 * Credit amount_minor (>= 0) to contacts by model over the paths of one
 * deal. Each contact appears once in out, in ascending id order; the
 * amounts are whole minor units adding up exactly to amount_minor
 * (largest remainder: the units left after rounding down go to the
 * largest fractions, ties to the lower contact id). Path weights are
 * normalised by their sum, so they need not add up to exactly 1.
 * out must hold the total number of nodes of all paths. Returns the
 * number of credits written (0 when there are no paths).
 */
size_t attrib_split(enum attrib_model m, int64_t amount_minor, const struct attrib_path *paths,
                    size_t n_paths, struct attrib_credit *out);

/* Parse "12,7,3" into nodes (at most max). False on anything but
 * positive decimal ids separated by single commas, or too many. */
bool attrib_parse_path(const char *s, int64_t *nodes, size_t max, size_t *n);

#endif
