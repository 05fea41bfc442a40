/*
 * score_target.c: the once-per-invitation precompute of target-account
 * matches for the relationships component (score.h): which attendee
 * lines of an invitation have an address at, or under, one of the
 * profile's target domains, and the display name of an attendee line.
 * Pure core: no I/O, no allocation. Run when an invitation is loaded,
 * never per re-rank.
 */
#include "worthit/score.h"
#include "worthit/config.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static bool domain_matches(const char *dom, size_t dlen, const char *target)
{
	size_t tlen = strlen(target);
	if (tlen == 0 || tlen > dlen || strncasecmp(dom + dlen - tlen, target, tlen) != 0)
		return false;
	return tlen == dlen || dom[dlen - tlen - 1] == '.';
}

bool score_attendee_is_target(const struct wit_config *cfg, const char *p, size_t len)
{
	const char *lt = memchr(p, '<', len);
	const char *addr = lt != NULL ? lt + 1 : p;
	const char *end = p + len;
	const char *gt = memchr(addr, '>', (size_t)(end - addr));
	if (gt != NULL)
		end = gt;
	while (end > addr && isspace((unsigned char)end[-1]))
		end--;
	const char *at = NULL;
	for (const char *q = addr; q < end; q++)
		if (*q == '@')
			at = q;
	if (at == NULL || at + 1 >= end)
		return false;
	for (size_t i = 0; i < cfg->n_target_domains && i < TARGET_DOMAINS_MAX; i++)
		if (domain_matches(at + 1, (size_t)(end - at - 1), cfg->target_domains[i]))
			return true;
	return false;
}

void score_attendee_name(const char *line, size_t len, char *name, size_t name_len)
{
	if (name_len == 0)
		return;
	const char *lt = memchr(line, '<', len);
	const char *p = line;
	size_t n = lt != NULL ? (size_t)(lt - line) : len;
	while (n > 0 && (isspace((unsigned char)*p) || *p == '"')) {
		p++;
		n--;
	}
	while (n > 0 && (isspace((unsigned char)p[n - 1]) || p[n - 1] == '"'))
		n--;
	if (n == 0 && lt != NULL) {
		p = lt + 1;
		const char *gt = memchr(p, '>', len - (size_t)(p - line));
		n = gt != NULL ? (size_t)(gt - p) : len - (size_t)(p - line);
	}
	if (n > 7 && strncasecmp(p, "mailto:", 7) == 0) {
		p += 7;
		n -= 7;
	}
	if (n >= name_len)
		n = name_len - 1;
	memcpy(name, p, n);
	name[n] = '\0';
}

int score_match_targets(const struct invitation *inv, const struct wit_config *cfg, char *name,
                        size_t name_len)
{
	int count = 0;
	const char *p = inv->attendees;
	while (p != NULL && *p != '\0') {
		size_t len = strcspn(p, "\n");
		if (len > 0 && score_attendee_is_target(cfg, p, len)) {
			count++;
			if (name != NULL && name_len > 0 && name[0] == '\0')
				score_attendee_name(p, len, name, name_len);
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	return count;
}
