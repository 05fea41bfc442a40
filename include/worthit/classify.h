/*
 * classify.h: the config's keyword rules (struct keyword_rule, config.h)
 * applied to an imported invitation. A rule's word is looked for in the
 * title, the categories and the description, case-insensitively (ASCII)
 * and as a whole word: the characters around a match must not be
 * letters or digits (bytes >= 0x80, UTF-8, count as letters), and a
 * blank inside a word ("user group") matches any run of blanks, '-' or
 * '_'. A word also matches its simple plural, "s" or "es" after it
 * ("business owner" finds "business owners", "coach" "coaches").
 * Pure core: no I/O.
 */
#ifndef WORTHIT_CLASSIFY_H
#define WORTHIT_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "worthit/config.h"
#include "worthit/model.h"

/* True when word occurs in text as a whole word (rules above). */
bool classify_has_word(const char *text, const char *word);

/*
 * Apply rules to inv:
 *   - kind, only when inv->kind is KIND_OTHER and the source gave none
 *     (is_kind_given false: an explicit "other" stays):
 *     the first kind rule, in config order, whose word is in the title;
 *     else in the categories; else in the description;
 *   - audience shares, only when inv has none: every matching audience
 *     rule gives its segment its share (the largest share when several
 *     rules name the same segment); when the shares of one dimension
 *     (first- or second-degree, counted apart) add up to more than 1 they
 *     are scaled down to add up to 1. At most INVITE_SHARES_MAX shares,
 *     in rule order.
 * Returns true when it changed inv.
 */
bool classify_apply(struct invitation *inv, const struct keyword_rule *rules, size_t n_rules);

#endif
