/*
 * vdir_event.c: the user's role in each VEVENT of an iCalendar text
 * (see vdir_event.h). Lines are unfolded one logical line at a time
 * (RFC 5545 3.1: CRLF or LF followed by one space or tab continues the
 * line) into a reused buffer; only BEGIN, END, UID, ORGANIZER and
 * ATTENDEE lines are looked at, and only inside a VEVENT at its own
 * level (an ATTENDEE of a VALARM is not an attendee of the event).
 */
#include "worthit/vdir_event.h"
#include "worthit/xmalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool vdir_prop_split(const char *line, size_t len, struct vdir_prop *p)
{
	memset(p, 0, sizeof *p);
	size_t i = 0;
	while (i < len && line[i] != ';' && line[i] != ':')
		i++;
	p->name_end = i;
	bool in_quote = false;
	while (i < len) {
		char c = line[i];
		if (c == '"') {
			in_quote = !in_quote;
		} else if (!in_quote && c == ':') {
			p->value = i + 1;
			return true;
		} else if (!in_quote && c == ';' && len - i > 10 &&
		           strncasecmp(line + i + 1, "PARTSTAT=", 9) == 0) {
			p->has_partstat = true;
			p->partstat = i + 10;
			size_t e = p->partstat;
			bool q = false; /* a quoted value (RFC 5545 3.2) may hold ';' and ':' */
			while (e < len && (q || (line[e] != ';' && line[e] != ':'))) {
				q = line[e] == '"' ? !q : q;
				e++;
			}
			p->partstat_end = e;
		}
		i++;
	}
	return false;
}

bool vdir_value_is_me(const struct wit_config *cfg, const char *value, size_t len)
{
	while (len > 0 && isspace((unsigned char)*value))
		value++, len--;
	while (len > 0 && isspace((unsigned char)value[len - 1]))
		len--;
	if (len >= 7 && strncasecmp(value, "mailto:", 7) == 0)
		value += 7, len -= 7;
	for (size_t i = 0; i < cfg->n_me; i++)
		if (strlen(cfg->me[i]) == len && strncasecmp(cfg->me[i], value, len) == 0)
			return true;
	return false;
}

/* The logical line starting at text[*pos], unfolded into *buf; *pos
 * moves past it. */
static size_t unfold(const char *text, size_t len, size_t *pos, char **buf, size_t *cap)
{
	size_t n = 0, i = *pos;
	for (;;) {
		while (i < len && text[i] != '\n') {
			if (text[i] != '\r' || (i + 1 < len && text[i + 1] != '\n')) {
				if (n + 1 >= *cap) {
					*cap = *cap ? *cap * 2 : 256;
					*buf = xrealloc(*buf, *cap);
				}
				(*buf)[n++] = text[i];
			}
			i++;
		}
		if (i < len)
			i++; /* the '\n' */
		if (i < len && (text[i] == ' ' || text[i] == '\t')) {
			i++; /* a continuation: drop the fold's one white space */
			continue;
		}
		break;
	}
	if (*cap == 0) {
		*cap = 256;
		*buf = xrealloc(*buf, *cap);
	}
	(*buf)[n] = '\0';
	*pos = i;
	return n;
}

static bool is_prop(const char *line, size_t name_end, const char *name)
{
	return strlen(name) == name_end && strncasecmp(line, name, name_end) == 0;
}

struct scan {
	const struct wit_config *cfg;
	struct vdir_role *v;
	size_t n, cap;
	int depth;         /* BEGIN nesting */
	int event_depth;   /* depth of the open VEVENT, 0 = none */
};

static void begin_event(struct scan *s)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n++] = (struct vdir_role){ .uid = xstrdup("") };
	s->event_depth = s->depth;
}

static void event_line(struct scan *s, const char *line, size_t len, const struct vdir_prop *p)
{
	struct vdir_role *r = &s->v[s->n - 1];
	const char *val = line + p->value;
	size_t vlen = len - p->value;
	if (is_prop(line, p->name_end, "UID")) {
		free(r->uid);
		r->uid = xstrndup(val, vlen);
	} else if (is_prop(line, p->name_end, "ORGANIZER")) {
		r->is_organizer_me = vdir_value_is_me(s->cfg, val, vlen);
	} else if (is_prop(line, p->name_end, "ATTENDEE")) {
		r->n_attendees++;
		if (!r->has_me && vdir_value_is_me(s->cfg, val, vlen)) {
			r->has_me = true;
			size_t from = p->partstat, n = p->has_partstat ? p->partstat_end - from : 0;
			if (n >= 2 && line[from] == '"' && line[from + n - 1] == '"')
				from++, n -= 2; /* the value inside its quotes */
			n = n < sizeof r->partstat ? n : sizeof r->partstat - 1;
			for (size_t i = 0; i < n; i++)
				r->partstat[i] = (char)toupper((unsigned char)line[from + i]);
			r->partstat[n] = '\0';
		}
	}
}

size_t vdir_event_roles(const char *text, size_t len, const struct wit_config *cfg,
                        struct vdir_role **out)
{
	struct scan s = { .cfg = cfg };
	char *buf = NULL;
	size_t cap = 0, pos = 0;
	while (pos < len) {
		size_t n = unfold(text, len, &pos, &buf, &cap);
		struct vdir_prop p;
		if (!vdir_prop_split(buf, n, &p))
			continue;
		const char *val = buf + p.value;
		if (is_prop(buf, p.name_end, "BEGIN")) {
			s.depth++;
			if (strcasecmp(val, "VEVENT") == 0 && s.event_depth == 0)
				begin_event(&s);
		} else if (is_prop(buf, p.name_end, "END")) {
			if (s.depth == s.event_depth)
				s.event_depth = 0;
			s.depth--;
		} else if (s.event_depth != 0 && s.depth == s.event_depth) {
			event_line(&s, buf, n, &p);
		}
	}
	free(buf);
	*out = s.v;
	return s.n;
}

void vdir_roles_free(struct vdir_role *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(r[i].uid);
	free(r);
}

const struct vdir_role *vdir_role_find(const struct vdir_role *r, size_t n, const char *uid)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].uid, uid != NULL ? uid : "") == 0)
			return &r[i];
	return NULL;
}

void vdir_role_classify(const struct vdir_role *r, bool *is_busy, enum invite_status *status)
{
	*status = STATUS_PENDING;
	*is_busy = r->is_organizer_me || r->n_attendees == 0;
	if (*is_busy || !r->has_me)
		return;
	if (strcmp(r->partstat, "ACCEPTED") == 0)
		*status = STATUS_ACCEPTED;
	else if (strcmp(r->partstat, "DECLINED") == 0 || strcmp(r->partstat, "DELEGATED") == 0)
		*status = STATUS_DECLINED;
	else if (strcmp(r->partstat, "TENTATIVE") == 0)
		*status = STATUS_MAYBE;
}
