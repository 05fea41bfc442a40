/*
 * score_ctx.c: track records and contacts for score contexts (see
 * score_ctx.h). Contacts are indexed once by lower-cased e-mail and
 * name for binary search, so enriching 10,000 invitations costs a few
 * lookups per attendee line, not a query.
 */
#include "worthit/score_ctx.h"
#include "worthit/app_score.h"
#include "worthit/db_contact.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *lower_dup(const char *s, size_t n)
{
	char *d = xstrndup(s, n);
	for (char *p = d; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct score_ctx_person *)a)->key,
	              ((const struct score_ctx_person *)b)->key);
}

static void index_contacts(struct score_ctx_data *d)
{
	d->by_email = xcalloc(d->n_contacts + 1, sizeof *d->by_email);
	d->by_name = xcalloc(d->n_contacts + 1, sizeof *d->by_name);
	for (size_t i = 0; i < d->n_contacts; i++) {
		const struct contact *c = &d->contacts[i];
		if (c->email != NULL && *c->email != '\0')
			d->by_email[d->n_email++] =
				(struct score_ctx_person){ lower_dup(c->email, strlen(c->email)), i };
		if (c->name != NULL && *c->name != '\0')
			d->by_name[d->n_name++] =
				(struct score_ctx_person){ lower_dup(c->name, strlen(c->name)), i };
	}
	qsort(d->by_email, d->n_email, sizeof *d->by_email, by_key);
	qsort(d->by_name, d->n_name, sizeof *d->by_name, by_key);
}

enum wit_status score_ctx_load(struct db *db, int64_t now, struct score_ctx_data *d, char **why)
{
	memset(d, 0, sizeof *d);
	enum wit_status st = db_track_load(db, now, &d->track, why);
	if (st == WIT_OK)
		st = db_contact_list(db, &d->contacts, &d->n_contacts, why);
	if (st == WIT_OK)
		index_contacts(d);
	return st;
}

void score_ctx_done(struct score_ctx_data *d)
{
	db_track_done(&d->track);
	for (size_t i = 0; i < d->n_email; i++)
		free(d->by_email[i].key);
	for (size_t i = 0; i < d->n_name; i++)
		free(d->by_name[i].key);
	free(d->by_email);
	free(d->by_name);
	db_contact_free_all(d->contacts, d->n_contacts);
	memset(d, 0, sizeof *d);
}

/* [s, s+n) trimmed of blanks and quotes. */
static void trim(const char **s, size_t *n)
{
	while (*n > 0 && (isspace((unsigned char)**s) || **s == '"')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && (isspace((unsigned char)(*s)[*n - 1]) || (*s)[*n - 1] == '"'))
		(*n)--;
}

static long find_person(const struct score_ctx_person *v, size_t n, const char *s, size_t len)
{
	if (len == 0 || n == 0)
		return -1;
	char *key = lower_dup(s, len);
	struct score_ctx_person probe = { key, 0 };
	const struct score_ctx_person *p = bsearch(&probe, v, n, sizeof *v, by_key);
	free(key);
	return p != NULL ? (long)p->contact : -1;
}

/* The contact an attendee line ("Name <addr>", "addr", "mailto:addr"
 * or a bare name) names, by address first, else by name; or -1. */
static long match_line(const struct score_ctx_data *d, const char *line, size_t len)
{
	const char *lt = memchr(line, '<', len);
	const char *name = line, *addr = "";
	size_t name_len = 0, addr_len = 0;
	if (lt != NULL) {
		name_len = (size_t)(lt - line);
		addr = lt + 1;
		const char *gt = memchr(addr, '>', len - name_len - 1);
		addr_len = gt != NULL ? (size_t)(gt - addr) : len - name_len - 1;
	} else if (memchr(line, '@', len) != NULL) {
		addr = line;
		addr_len = len;
	} else {
		name_len = len;
	}
	trim(&addr, &addr_len);
	if (addr_len > 7 && strncasecmp(addr, "mailto:", 7) == 0) {
		addr += 7;
		addr_len -= 7;
	}
	trim(&name, &name_len);
	long c = find_person(d->by_email, d->n_email, addr, addr_len);
	return c >= 0 ? c : find_person(d->by_name, d->n_name, name, name_len);
}

void score_ctx_enrich(const struct score_ctx_data *d, const struct wit_config *cfg,
                      const struct invitation *inv, struct score_context *ctx)
{
	db_track_lookup(&d->track, inv, ctx->track);
	ctx->n_clients = ctx->n_warm = ctx->n_target = 0;
	if (inv->attendees == NULL)
		return;
	long seen[64];
	size_t n_seen = 0;
	const char *named = NULL;
	bool named_client = false;
	char target_name[SCORE_NAME_MAX] = "";
	for (const char *p = inv->attendees; *p != '\0';) {
		size_t len = strcspn(p, "\n");
		long c = match_line(d, p, len);
		bool dup = false;
		for (size_t i = 0; i < n_seen && !dup; i++)
			dup = seen[i] == c;
		if (c >= 0 && !dup) {
			if (n_seen < sizeof seen / sizeof *seen)
				seen[n_seen++] = c;
			const struct contact *k = &d->contacts[c];
			if (k->is_client)
				ctx->n_clients++;
			else
				ctx->n_warm++;
			if (named == NULL || (k->is_client && !named_client)) {
				named = k->name;
				named_client = k->is_client;
			}
		} else if (c < 0 && len > 0 && score_attendee_is_target(cfg, p, len)) {
			if (ctx->n_target++ == 0)
				score_attendee_name(p, len, target_name, sizeof target_name);
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	const char *name = named != NULL ? named : target_name;
	strncpy(ctx->contact_name, name, sizeof ctx->contact_name - 1);
	ctx->contact_name[sizeof ctx->contact_name - 1] = '\0';
}

enum wit_status score_ctx_score_all(struct db *db, const struct wit_config *cfg, int64_t now,
                                    const struct invitation *invs, size_t n,
                                    struct score_context *ctx, struct score_result *out,
                                    char **why)
{
	enum wit_status st = app_score_all(db, cfg, now, invs, n, ctx, out, why);
	if (st != WIT_OK)
		return st;
	struct score_ctx_data d;
	st = score_ctx_load(db, now, &d, why);
	if (st == WIT_OK)
		for (size_t i = 0; i < n; i++) {
			score_ctx_enrich(&d, cfg, &invs[i], &ctx[i]);
			score_compute(&invs[i], &ctx[i], cfg, &out[i]);
		}
	score_ctx_done(&d);
	return st;
}
