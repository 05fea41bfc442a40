/*
 * view_detail.c: the selected invitation in full: when, where, travel,
 * cost, who organizes it, its score with one bar per component and the
 * engine's own explanation of each (score_explain), the audience shares
 * beside the user's customer profile, the track record behind the
 * estimate and the conflicts with accepted events. Laid out top-down as
 * numbered lines; the pen draws only the lines from ui->detail_top that
 * fit the window and counts the rest, so the pane scrolls (J/K, ^D/^U,
 * the wheel, or j/k when the detail has the screen) and shows a mark
 * when there is more above or below. Long explanations wrap at word
 * boundaries.
 */
#include "worthit/clock.h"
#include "worthit/text.h"
#include "worthit/view.h"

#include <stdio.h>
#include <string.h>

#define LABEL_W 8 /* "When    " */

/* Lines past this are not laid out at all (a runaway guard; the detail
 * has about 60). */
#define PEN_MAX_LINES 400

struct pen {
	struct ui *ui;
	WINDOW *w;
	int y;      /* the next line of the detail, from 0 */
	int top;    /* the detail line at the window's first row */
	int width, height; /* the window */
};

static bool pen_full(const struct pen *p)
{
	return p->y >= PEN_MAX_LINES;
}

/* Text on detail line y, if that line is in the window. */
static void pen_put(struct pen *p, int y, int x, int width, attr_t attr, const char *text)
{
	if (y >= p->top && y < p->top + p->height)
		ui_put(p->w, y - p->top, x, width, attr, text);
}

static void pen_bar(struct pen *p, int y, int x, int width, double frac, attr_t fill,
                    attr_t empty)
{
	if (y >= p->top && y < p->top + p->height)
		ui_bar(p->ui, p->w, y - p->top, x, width, frac, fill, empty);
}

/* Write text wrapped at spaces from column x, continuing at x. */
static void pen_wrap(struct pen *p, int x, attr_t attr, const char *text, int max_lines)
{
	char line[512];
	const char *s = text;
	int lines = 0, avail = p->width - x;
	while (*s != '\0' && !pen_full(p) && lines < max_lines && avail > 0) {
		size_t best = 0, i = 0;
		/* grow the line word by word while it fits */
		while (s[i] != '\0') {
			size_t j = i;
			while (s[j] == ' ')
				j++;
			while (s[j] != '\0' && s[j] != ' ')
				j++;
			if (j >= sizeof line)
				break;
			memcpy(line, s, j);
			line[j] = '\0';
			if (text_width(line) > avail)
				break;
			best = i = j;
		}
		if (best == 0) /* one word wider than the pane: cut it */
			best = strlen(s) < sizeof line - 1 ? strlen(s) : sizeof line - 1;
		if (lines + 1 == max_lines && s[best] != '\0')
			best = strlen(s) < sizeof line - 1 ? strlen(s) : sizeof line - 1;
		memcpy(line, s, best);
		line[best] = '\0';
		pen_put(p, p->y++, x, avail, attr, line);
		s += best;
		while (*s == ' ')
			s++;
		lines++;
	}
}

static void pen_field(struct pen *p, const char *label, const char *value)
{
	if (pen_full(p))
		return;
	pen_put(p, p->y, 1, LABEL_W, p->ui->role[ROLE_MUTED], label);
	pen_wrap(p, 1 + LABEL_W, p->ui->role[ROLE_NORMAL], value, 2);
}

static void pen_heading(struct pen *p, const char *text)
{
	if (p->y > 0 && !pen_full(p))
		p->y++; /* blank line before */
	if (!pen_full(p))
		pen_put(p, p->y++, 1, p->width - 1, p->ui->role[ROLE_TITLE], text);
}

static const char *currency_of(const struct invitation *inv, const struct wit_config *cfg)
{
	return inv->currency[0] != '\0' ? inv->currency : cfg->currency;
}

static void draw_facts(struct pen *p, const struct invitation *inv, const struct score_result *r,
                       const struct score_context *ctx, const struct wit_config *cfg)
{
	char a[64], b[64], line[320];
	int dur = invitation_duration_min(inv);

	pen_wrap(p, 1, p->ui->role[ROLE_TITLE] | A_BOLD, inv->title, 2);
	clock_format_local(inv->starts_at, inv->all_day ? "%a %d %b %Y" : "%a %d %b %Y %H:%M", a,
	                   sizeof a);
	clock_format_local(inv->ends_at, "%H:%M", b, sizeof b);
	if (inv->all_day)
		snprintf(line, sizeof line, "%s, all day", a);
	else
		snprintf(line, sizeof line, "%s-%s (%dh%02d)", a, b, dur / 60, dur % 60);
	pen_field(p, "When", line);
	snprintf(line, sizeof line, "%s (%s)", inv->location != NULL ? inv->location : "not given",
	         invite_reach_name(inv->reach));
	pen_field(p, "Where", line);
	snprintf(line, sizeof line, "%s, %s, %s",
	         inv->organizer != NULL ? inv->organizer : "unknown organizer",
	         invite_kind_name(inv->kind), invite_status_name(inv->status));
	pen_field(p, "By", line);
	if (inv->reach == REACH_VIRTUAL)
		snprintf(line, sizeof line, "none (online), prep %d min", inv->prep_min);
	else
		snprintf(line, sizeof line, "%d min each way, prep %d min", inv->travel_min,
		         inv->prep_min);
	pen_field(p, "Travel", line);
	/* the CLI's words and numbers: the cost term's explanation */
	score_explain(r, inv, ctx, cfg, SC_COST, line, sizeof line);
	pen_field(p, "Cost", line);
}

/* The gate, in the CLI's words: a clash or a blocked hour makes it skip. */
static void pen_gate(struct pen *p, const struct invitation *inv, const struct score_result *r,
                     const struct score_context *ctx, const struct wit_config *cfg)
{
	char buf[200];
	if (pen_full(p))
		return;
	if (r->gate == GATE_NONE)
		snprintf(buf, sizeof buf, "none: no clash, no blocked hour");
	else
		score_explain(r, inv, ctx, cfg, SCORE_EXPLAIN_GATE, buf, sizeof buf);
	pen_put(p, p->y, 1, LABEL_W, p->ui->role[ROLE_MUTED], "Gate");
	pen_wrap(p, 1 + LABEL_W, p->ui->role[r->gate != GATE_NONE ? ROLE_ERROR : ROLE_NORMAL], buf,
	         2);
}

static void draw_score(struct pen *p, const struct invitation *inv, const struct score_result *r,
                       const struct score_context *ctx, const struct wit_config *cfg)
{
	struct ui *ui = p->ui;
	char buf[320];
	attr_t va = ui->role[r->verdict == VERDICT_GO      ? ROLE_GO
	                     : r->verdict == VERDICT_MAYBE ? ROLE_MAYBE
	                                                   : ROLE_SKIP];
	if (pen_full(p))
		return;
	p->y++;
	if (pen_full(p))
		return;
	pen_put(p, p->y, 1, LABEL_W, ui->role[ROLE_MUTED], "Score");
	snprintf(buf, sizeof buf, "%3.0f %-5s", r->total, score_verdict_name(r->verdict));
	pen_put(p, p->y, 1 + LABEL_W, 10, va | A_BOLD, buf);
	if (p->width >= 1 + LABEL_W + 10 + 12)
		pen_bar(p, p->y, 1 + LABEL_W + 10, p->width - LABEL_W - 12 < 20
		                                              ? p->width - LABEL_W - 12 : 20,
		       r->total / 100.0, va, ui->role[ROLE_BAR_EMPTY]);
	p->y++;
	score_explain(r, inv, ctx, cfg, SCORE_EXPLAIN_SUMMARY, buf, sizeof buf);
	pen_wrap(p, 1 + LABEL_W, ui->role[ROLE_MUTED], buf, 2);

	pen_gate(p, inv, r, ctx, cfg);
	pen_heading(p, "Why this score");
	int explain_lines = 2;
	int bar_w = p->width >= 48 ? 10 : p->width >= 36 ? 6 : 0;
	int label_w = p->width >= 44 ? 18 : 12;
	for (int c = 0; c < SC_COUNT && !pen_full(p); c++) {
		const struct score_part *part = &r->part[c];
		int x = 1;
		pen_put(p, p->y, x, label_w, ui->role[ROLE_NORMAL],
		       score_component_label((enum score_component)c));
		x += label_w + 1;
		bool is_cost = score_component_is_cost(c);
		if (bar_w > 0) {
			pen_bar(p, p->y, x, bar_w, part->contribution / 100.0, ui->role[ROLE_BAR],
			       ui->role[ROLE_BAR_EMPTY]);
			x += bar_w + 1;
		}
		if (is_cost)
			snprintf(buf, sizeof buf, "%5s", "cost");
		else
			snprintf(buf, sizeof buf, "%5.1f", part->contribution);
		pen_put(p, p->y, x, 5, ui->role[ROLE_NORMAL] | A_BOLD, buf);
		p->y++;
		score_explain(r, inv, ctx, cfg, (enum score_component)c, buf, sizeof buf);
		pen_wrap(p, 3, ui->role[ROLE_MUTED], buf, explain_lines);
	}
}

static double profile_weight(const struct wit_config *cfg, enum audience_dim d,
                             const char *value)
{
	const struct profile_dimension *pd = &cfg->profile[d];
	for (size_t i = 0; i < pd->n; i++)
		if (strcmp(pd->seg[i].value, value) == 0)
			return pd->seg[i].weight;
	return 0;
}

static void draw_audience(struct pen *p, const struct invitation *inv,
                          const struct wit_config *cfg)
{
	char buf[160];
	pen_heading(p, "Audience (share of the room: your customer weight)");
	if (inv->n_shares == 0 && !pen_full(p))
		pen_put(p, p->y++, 1, p->width - 1, p->ui->role[ROLE_MUTED],
		       "no audience information");
	for (size_t i = 0; i < inv->n_shares && !pen_full(p); i++) {
		const struct audience_share *s = &inv->shares[i];
		snprintf(buf, sizeof buf, "%-12s %-16s %3.0f %%  you: %.2f%s",
		         audience_dim_name(s->dim), s->value, s->share * 100,
		         profile_weight(cfg, s->dim, s->value),
		         s->is_second_degree ? "  (knows buyers)" : "");
		pen_put(p, p->y++, 1, p->width - 1, p->ui->role[ROLE_NORMAL], buf);
	}
}

static void draw_track(struct pen *p, const struct invitation *inv,
                       const struct score_context *ctx,
                       const struct wit_config *cfg)
{
	static const char *const level[TRACK_LEVEL_COUNT] = { "this kind", "this organizer",
		                                              "this series" };
	char buf[200], money[32];
	pen_heading(p, "Track record");
	bool any = false;
	for (int l = 0; l < TRACK_LEVEL_COUNT && !pen_full(p); l++) {
		const struct score_track *t = &ctx->track[l];
		if (t->events == 0)
			continue;
		any = true;
		score_format_money(t->revenue_minor, currency_of(inv, cfg), money, sizeof money);
		snprintf(buf, sizeof buf, "%-15s %d events, %.1f h, %d leads, %d deals, %s",
		         level[l], t->events, t->hours, t->leads, t->deals, money);
		pen_put(p, p->y++, 1, p->width - 1, p->ui->role[ROLE_NORMAL], buf);
	}
	if (!any && !pen_full(p))
		pen_put(p, p->y++, 1, p->width - 1, p->ui->role[ROLE_MUTED],
		       "no logged outcomes of similar events yet");
}

/* Lay out (and draw what is visible of) the selected invitation. */
static void detail_layout(struct pen *p, const struct app *app, const struct wit_config *cfg)
{
	const struct invitation *inv = app_selected(app);
	const struct score_result *r = app_selected_score(app);
	const struct score_context *ctx = app_selected_context(app);
	draw_facts(p, inv, r, ctx, cfg);
	draw_score(p, inv, r, ctx, cfg);
	draw_track(p, inv, ctx, cfg);
	draw_audience(p, inv, cfg);
}

static int detail_max_top(const struct ui *ui, int height)
{
	return ui->detail_lines > height ? ui->detail_lines - height : 0;
}

void view_detail_draw(struct ui *ui, WINDOW *w)
{
	const struct app *app = ui->app;
	const struct invitation *inv = app_selected(app);
	struct pen p = { ui, w, 0, 0, getmaxx(w), getmaxy(w) };

	wattrset(w, ui->role[ROLE_NORMAL]);
	werase(w);
	if (inv == NULL) {
		ui->detail_top = ui->detail_lines = 0;
		ui_put(w, 1, 1, p.width - 1, ui->role[ROLE_MUTED], "No invitation selected");
		return;
	}
	if (inv->id != ui->detail_id) {
		ui->detail_id = inv->id;
		ui->detail_top = 0;
	}
	p.top = ui->detail_top;
	detail_layout(&p, app, ui->ctx->cfg);
	ui->detail_lines = p.y;
	if (ui->detail_top > detail_max_top(ui, p.height)) {
		/* shorter than where it was scrolled to (resize, other
		 * text): show its end */
		ui->detail_top = detail_max_top(ui, p.height);
		werase(w);
		p.y = 0;
		p.top = ui->detail_top;
		detail_layout(&p, app, ui->ctx->cfg);
	}
	if (p.top > 0)
		ui_put(w, 0, p.width - 1, 1, ui->role[ROLE_MUTED], ui->is_utf8 ? "▲" : "^");
	if (p.y > p.top + p.height)
		ui_put(w, p.height - 1, p.width - 1, 1, ui->role[ROLE_MUTED],
		       ui->is_utf8 ? "▼" : "v");
}

unsigned view_detail_scroll(struct ui *ui, int delta)
{
	int height = ui->w_detail != NULL ? getmaxy(ui->w_detail) : 0;
	int top = ui->detail_top + delta, max = detail_max_top(ui, height);
	top = top > max ? max : top;
	top = top < 0 ? 0 : top;
	if (top == ui->detail_top)
		return 0;
	ui->detail_top = top;
	return DIRTY_DETAIL;
}
