/*
 * view_history_aggr.c: the detail pane of the History tab's events
 * sub-view, top to bottom:
 *
 *  - the selected row: a past event with what it brought, an event
 *    awaiting its outcome, or a follow-up ("anything come of this?")
 *    with the outcome logged so far;
 *  - the aggregates, grouped as `b` cycles (app_history.aggr): by kind
 *    and by organizer, one bar per group for its revenue per hour with
 *    the group's events, hours, leads, deals, revenue and share of all
 *    networking hours under it; by month, the hours of each of the last
 *    12 months (as many of the latest as fit) as a bar against the
 *    budget band (its ends marked |) with the same numbers, the share
 *    being of a month's working hours; by score band at decision time
 *    (the calibration), one bar per band for its revenue per hour with
 *    the band's decided events and average leads, rating and share that
 *    brought anything under it, then the reading (high scores paid off,
 *    or not, or no clear link: app_history_calib_reading()) and the
 *    decided events without a stored score. Every grouping ends with the
 *    last 12 months against the band;
 *  - who the clients came from: the top of the attribution.
 *
 * Everything drawn is already in struct app_history (sums from the
 * summary tables); this file only lays it out, clipped to the pane.
 */
#include "worthit/money.h"
#include "worthit/timeutil.h"
#include "worthit/view_history.h"
#include "worthit/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATTRIB_TOP 5     /* contacts in the attribution summary */
#define ATTRIB_LINES (ATTRIB_TOP + 2)

static void money(const struct ui *ui, int64_t minor, char *buf, size_t len)
{
	const char *cur = ui->ctx->cfg && ui->ctx->cfg->currency[0] ? ui->ctx->cfg->currency
	                                                             : "USD";
	score_format_money(minor, cur, buf, len);
}

/* Revenue per hour, rounded half away from zero (money.h). */
static int64_t per_hour(int64_t revenue_minor, int64_t minutes)
{
	return minutes > 0 ? money_div_round(revenue_minor * 60, minutes) : 0;
}

/* Whole major units of the user's currency: 1500000 JPY stays 1500000. */
static int64_t whole_units(const struct ui *ui, int64_t minor)
{
	return money_div_round(minor, money_minor_per_major(config_currency(ui->ctx->cfg)));
}

static int section(struct ui *ui, WINDOW *w, int y, const char *title)
{
	if (y >= getmaxy(w))
		return y;
	ui_put(w, y, 1, getmaxx(w) - 2, ui->role[ROLE_TITLE], title);
	return y + 1;
}

static void line(struct ui *ui, WINDOW *w, int y, enum theme_role role, const char *text)
{
	if (y < getmaxy(w))
		ui_put(w, y, 2, getmaxx(w) - 3, ui->role[role], text);
}

/* ---- the selected row ---------------------------------------------- */

/* "4.5 h, 2 leads, 1 deals, 1500 USD (333.33 USD an hour)" */
static void figures(const struct ui *ui, const struct report_event *e, char *buf, size_t len)
{
	char rev[32], per[32] = "-";
	money(ui, e->revenue_minor, rev, sizeof rev);
	if (e->minutes > 0)
		money(ui, per_hour(e->revenue_minor, e->minutes), per, sizeof per);
	snprintf(buf, len, "%.1f h, %d leads, %d deals, %s (%s an hour)", (double)e->minutes / 60.0,
	         e->leads, e->deals, rev, per);
}

static int draw_review(struct ui *ui, WINDOW *w, int y, const struct app_history *h,
                       const struct review_item *it)
{
	char text[256], day[16];
	time_format_date(it->starts_at, day, sizeof day);
	y = section(ui, w, y, it->title ? it->title : "");
	snprintf(text, sizeof text, "#%lld %s, %s, on %s", (long long)it->invitation_id,
	         invite_kind_name(it->kind), it->organizer ? it->organizer : "no organizer", day);
	line(ui, w, y++, ROLE_MUTED, text);
	if (it->after_days == 0) {
		line(ui, w, y++, ROLE_MAYBE, "o logs what it brought; x: did not go");
		return y + 1;
	}
	snprintf(text, sizeof text, "%d-day follow-up: anything come of this?", it->after_days);
	line(ui, w, y++, ROLE_MAYBE, text);
	const struct report_event *e = app_history_find_event(h, it->invitation_id);
	if (e != NULL) {
		figures(ui, e, text, sizeof text);
		line(ui, w, y++, ROLE_NORMAL, text);
	}
	line(ui, w, y++, ROLE_MUTED, "o adds late leads and deals; n: nothing new");
	return y + 1;
}

static int draw_selected(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	const struct review_item *it = app_history_row_awaiting(h, h->cursor);
	if (it != NULL)
		return draw_review(ui, w, y, h, it);
	const struct report_event *e = app_history_selected(h);
	if (e == NULL)
		return y;
	char text[256], score[16] = "-";
	if (e->score >= 0)
		snprintf(score, sizeof score, "%.0f", e->score);
	y = section(ui, w, y, e->title ? e->title : "");
	snprintf(text, sizeof text, "#%lld %s, %s; score when decided %s; rated %d/5",
	         (long long)e->invitation_id, e->kind, e->organizer ? e->organizer : "no organizer",
	         score, e->rating);
	line(ui, w, y++, ROLE_MUTED, text);
	figures(ui, e, text, sizeof text);
	line(ui, w, y++, ROLE_NORMAL, text);
	return y + 1;
}

/* ---- aggregates ---------------------------------------------------- */

/* An organizer as people say it: "Name <address>" loses the address,
 * "" is "(none)". */
static void group_label(const char *key, char *buf, size_t len)
{
	if (key == NULL || key[0] == '\0') {
		snprintf(buf, len, "(none)");
		return;
	}
	size_t n = strcspn(key, "<");
	while (n > 0 && key[n - 1] == ' ')
		n--;
	if (n == 0)
		n = strlen(key);
	snprintf(buf, len, "%.*s", (int)n, key);
}

#define NUMBERS_FMT "%6s %6s %5s %5s %9s %5s"
#define NUMBERS_W 41

/* The numbers of a group, right-aligned under draw_groups()' header:
 * events, hours, leads, deals, revenue (whole units), share of all
 * networking hours. */
static void group_numbers(const struct ui *ui, const struct report_row *r,
                          int64_t total_minutes, char *buf, size_t len)
{
	char ev[24], hours[24], leads[24], deals[24], rev[24], share[16];
	snprintf(ev, sizeof ev, "%lld", (long long)r->events);
	snprintf(hours, sizeof hours, "%.1f", (double)r->minutes / 60.0);
	snprintf(leads, sizeof leads, "%lld", (long long)r->leads);
	snprintf(deals, sizeof deals, "%lld", (long long)r->deals);
	snprintf(rev, sizeof rev, "%lld", (long long)whole_units(ui, r->revenue_minor));
	snprintf(share, sizeof share, "%.0f%%",
	         total_minutes > 0 ? 100.0 * (double)r->minutes / (double)total_minutes : 0.0);
	snprintf(buf, len, NUMBERS_FMT, ev, hours, leads, deals, rev, share);
}

/* Two lines: label, a bar of the revenue per hour (best = full) and its
 * value; then the group's numbers. */
static int draw_group(struct ui *ui, WINDOW *w, int y, const struct report_row *r,
                      int64_t best, int label_w, int64_t total_minutes)
{
	int width = getmaxx(w), value_w = 15, bar = width - 2 - label_w - 1 - value_w - 1;
	int64_t per = per_hour(r->revenue_minor, r->minutes);
	char label[96], amount[32], value[48], text[160];
	group_label(r->key, label, sizeof label);
	ui_put(w, y, 2, label_w, ui->role[ROLE_NORMAL], label);
	if (bar >= 4)
		ui_bar(ui, w, y, 2 + label_w + 1, bar, best > 0 ? (double)per / (double)best : 0,
		       ui->role[ROLE_BAR], ui->role[ROLE_BAR_EMPTY]);
	money(ui, per, amount, sizeof amount);
	snprintf(value, sizeof value, "%*s/h", value_w - 2, amount);
	ui_put(w, y, width - value_w - 1, value_w, ui->role[ROLE_MUTED], value);
	group_numbers(ui, r, total_minutes, text, sizeof text);
	if (y + 1 < getmaxy(w))
		ui_put(w, y + 1, width - NUMBERS_W - 1, NUMBERS_W, ui->role[ROLE_MUTED], text);
	return y + 2;
}

/* Kinds or organizers: as many as leave room for the rest below. */
static int draw_groups(struct ui *ui, WINDOW *w, int y, const struct app_history *h,
                       const struct report_row *rows, size_t n, const char *what)
{
	char title[96], head[96];
	snprintf(title, sizeof title, "By %s, all time (b: by %s)", what,
	         h->aggr == HAGGR_KIND ? "organizer" : "month");
	y = section(ui, w, y, title);
	snprintf(head, sizeof head, NUMBERS_FMT, "events", "hours", "leads", "deals",
	         ui->ctx->cfg && ui->ctx->cfg->currency[0] ? ui->ctx->cfg->currency : "USD",
	         "share");
	if (y < getmaxy(w))
		ui_put(w, y++, getmaxx(w) - NUMBERS_W - 1, NUMBERS_W, ui->role[ROLE_MUTED], head);
	int64_t best = 1;
	int label_w = 10;
	for (size_t i = 0; i < n; i++) {
		if (per_hour(rows[i].revenue_minor, rows[i].minutes) > best)
			best = per_hour(rows[i].revenue_minor, rows[i].minutes);
		char label[96];
		group_label(rows[i].key, label, sizeof label);
		int len = (int)strlen(label);
		if (len > label_w)
			label_w = len;
	}
	int cap = getmaxx(w) / 3;
	label_w = label_w > cap ? cap : label_w;
	int room = getmaxy(w) - y - 3 - ATTRIB_LINES; /* the band, a blank, attribution */
	size_t fit = room > 6 ? (size_t)(room / 2) : 3;
	if (fit < n && fit > 1)
		fit--; /* a line says how many more */
	size_t shown = n < fit ? n : fit;
	for (size_t i = 0; i < shown && y + 1 < getmaxy(w); i++)
		y = draw_group(ui, w, y, &rows[i], best, label_w, h->total_minutes);
	if (shown < n) {
		char more[128];
		snprintf(more, sizeof more, "+ %zu more: worthit report --by %s", n - shown, what);
		line(ui, w, y++, ROLE_MUTED, more);
	}
	if (n == 0)
		line(ui, w, y++, ROLE_MUTED, "No outcomes logged yet");
	return y;
}

/* Marks the ends of the budget band on a bar's empty cells. */
static void band_marks(struct ui *ui, WINDOW *w, int y, int x, int bar, double hours,
                       double top)
{
	const struct wit_config *cfg = ui->ctx->cfg;
	if (cfg == NULL || top <= 0)
		return;
	double ends[2] = { cfg->budget_min_hours, cfg->budget_max_hours };
	for (int k = 0; k < 2; k++) {
		int at = (int)(ends[k] / top * bar);
		if (ends[k] > 0 && at < bar && ends[k] > hours)
			mvwaddch(w, y, x + at, '|' | ui->role[ROLE_MUTED]);
	}
}

/* Two lines a month, as many of the latest as fit: the hours as a bar
 * against the band (red above it) with the revenue per hour (whole
 * units), then the month's numbers with its share of a month's working
 * hours. */
static int draw_months(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	const struct wit_config *cfg = ui->ctx->cfg;
	double top = cfg ? cfg->budget_max_hours : 0;
	for (int i = 0; i < APP_HISTORY_MONTHS; i++)
		if ((double)h->months[i].minutes / 60.0 > top)
			top = (double)h->months[i].minutes / 60.0;
	char text[160];
	snprintf(text, sizeof text, "By month: hours, band %g-%g h (b: by score)",
	         cfg ? cfg->budget_min_hours : 0, cfg ? cfg->budget_max_hours : 0);
	y = section(ui, w, y, text);
	snprintf(text, sizeof text, NUMBERS_FMT, "events", "hours", "leads", "deals",
	         cfg && cfg->currency[0] ? cfg->currency : "USD", "work");
	if (y < getmaxy(w))
		ui_put(w, y++, getmaxx(w) - NUMBERS_W - 1, NUMBERS_W, ui->role[ROLE_MUTED], text);
	int room = (getmaxy(w) - y - 3) / 2, first = APP_HISTORY_MONTHS - room;
	int width = getmaxx(w), value_w = 16, bar = width - 2 - 8 - value_w - 1;
	for (int i = first > 0 ? first : 0; i < APP_HISTORY_MONTHS && y + 1 < getmaxy(w); i++) {
		const struct report_row *m = &h->months[i];
		double hours = (double)m->minutes / 60.0;
		bool over = cfg && hours > cfg->budget_max_hours;
		char value[48], rate[24] = "-";
		if (m->minutes > 0 && m->revenue_minor > 0)
			snprintf(rate, sizeof rate, "%lld",
			         (long long)whole_units(ui, per_hour(m->revenue_minor, m->minutes)));
		snprintf(value, sizeof value, "%5.1f h %6s/h", hours, rate);
		ui_put(w, y, 2, 7, ui->role[ROLE_NORMAL], m->key);
		if (bar >= 4 && top > 0) {
			ui_bar(ui, w, y, 10, bar, hours / top,
			       ui->role[over ? ROLE_GAUGE_OVER : ROLE_GAUGE], ui->role[ROLE_BAR_EMPTY]);
			band_marks(ui, w, y, 10, bar, hours, top);
		}
		ui_put(w, y, width - value_w - 1, value_w, ui->role[ROLE_NORMAL], value);
		group_numbers(ui, m, APP_HISTORY_WORK_HOURS * 60, text, sizeof text);
		ui_put(w, y + 1, width - NUMBERS_W - 1, NUMBERS_W, ui->role[ROLE_MUTED], text);
		y += 2;
	}
	return y;
}

/* ---- calibration -------------------------------------------------- */

#define CALIB_FMT "%6s %8s %6s %8s"
#define CALIB_W 31

/* A band's numbers under its bar: decided events, then per event the
 * leads, the rating (of those rated) and the share that brought
 * anything, as `worthit report --calibration` gives them. */
static void calib_numbers(const struct calib_band *b, char *buf, size_t len)
{
	const struct report_row *r = &b->sums;
	char ev[24], leads[24], rating[24] = "-", any[24];
	snprintf(ev, sizeof ev, "%lld", (long long)r->events);
	snprintf(leads, sizeof leads, "%.2f", (double)r->leads / (double)r->events);
	if (r->rated > 0)
		snprintf(rating, sizeof rating, "%.1f", (double)r->rating_sum / (double)r->rated);
	snprintf(any, sizeof any, "%.0f%%", 100.0 * (double)b->produced / (double)r->events);
	snprintf(buf, len, CALIB_FMT, ev, leads, rating, any);
}

/* Two lines a band with events (one without): its range, a bar of its
 * revenue per hour (the best band fills it) and the value, then its
 * numbers. */
static int draw_calib_band(struct ui *ui, WINDOW *w, int y, const struct calib_band *b,
                           int64_t best)
{
	int width = getmaxx(w), value_w = 15, bar = width - 2 - 6 - 1 - value_w - 1;
	char label[16], amount[32], value[48], text[96];
	snprintf(label, sizeof label, "%d-%d", b->lo, b->hi);
	ui_put(w, y, 2, 6, ui->role[ROLE_NORMAL], label);
	if (b->sums.events == 0) {
		ui_put(w, y, 9, width - 10, ui->role[ROLE_MUTED], "no decided events");
		return y + 1;
	}
	int64_t per = per_hour(b->sums.revenue_minor, b->sums.minutes);
	if (bar >= 4)
		ui_bar(ui, w, y, 9, bar, best > 0 ? (double)per / (double)best : 0,
		       ui->role[ROLE_BAR], ui->role[ROLE_BAR_EMPTY]);
	money(ui, per, amount, sizeof amount);
	snprintf(value, sizeof value, "%*s/h", value_w - 2, amount);
	ui_put(w, y, width - value_w - 1, value_w, ui->role[ROLE_MUTED], value);
	calib_numbers(b, text, sizeof text);
	if (y + 1 < getmaxy(w))
		ui_put(w, y + 1, width - CALIB_W - 1, CALIB_W, ui->role[ROLE_MUTED], text);
	return y + 2;
}

/* text over as many lines as it needs, broken at spaces. */
static int wrapped(struct ui *ui, WINDOW *w, int y, enum theme_role role, const char *text)
{
	int width = getmaxx(w) - 3;
	while (*text != '\0' && y < getmaxy(w) && width > 0) {
		int n = (int)strlen(text);
		if (n > width) {
			n = width;
			while (n > 0 && text[n] != ' ')
				n--;
			if (n == 0)
				n = width;
		}
		char part[256];
		snprintf(part, sizeof part, "%.*s", n, text);
		line(ui, w, y++, role, part);
		text += n;
		while (*text == ' ')
			text++;
	}
	return y;
}

/* The bands, highest first as the report lists them; the reading; the
 * events left out for want of a score. */
static int draw_calibration(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	y = section(ui, w, y, "By score when decided (b: by kind)");
	if (!h->has_calib) {
		line(ui, w, y++, ROLE_MUTED, "Not loaded: b cycles back to it");
		return y + 1;
	}
	char text[256];
	snprintf(text, sizeof text, CALIB_FMT, "events", "leads/ev", "rating", "anything");
	if (y < getmaxy(w))
		ui_put(w, y++, getmaxx(w) - CALIB_W - 1, CALIB_W, ui->role[ROLE_MUTED], text);
	int64_t best = 1;
	for (int b = 0; b < CALIB_BANDS; b++)
		if (per_hour(h->calib[b].sums.revenue_minor, h->calib[b].sums.minutes) > best)
			best = per_hour(h->calib[b].sums.revenue_minor, h->calib[b].sums.minutes);
	for (int b = CALIB_BANDS - 1; b >= 0 && y < getmaxy(w); b--)
		y = draw_calib_band(ui, w, y, &h->calib[b], best);
	static const enum theme_role roles[] = {
		[CALIB_TOO_FEW] = ROLE_MUTED, [CALIB_PAID_OFF] = ROLE_GO,
		[CALIB_NO_LINK] = ROLE_MAYBE, [CALIB_REVERSED] = ROLE_SKIP,
	};
	enum calib_verdict v = app_history_calib_reading(h->calib, text, sizeof text);
	y = wrapped(ui, w, y, roles[v], text);
	snprintf(text, sizeof text, "%lld decided event%s without a stored score",
	         (long long)h->calib_unscored, h->calib_unscored == 1 ? "" : "s");
	line(ui, w, y++, ROLE_MUTED, text);
	return y;
}

/* The last 12 months: hours a month against the band and the working
 * month, and what they brought. */
static int draw_band(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	const struct wit_config *cfg = ui->ctx->cfg;
	int64_t minutes = 0;
	for (int i = 0; i < APP_HISTORY_MONTHS; i++)
		minutes += h->months[i].minutes;
	double a_month = (double)minutes / 60.0 / APP_HISTORY_MONTHS;
	const char *word = !cfg ? "" : a_month < cfg->budget_min_hours ? "below"
	                 : a_month > cfg->budget_max_hours ? "above" : "within";
	char text[256];
	snprintf(text, sizeof text, "12 months: %.1f h/month, %s band %g-%g", a_month, word,
	         cfg ? cfg->budget_min_hours : 0, cfg ? cfg->budget_max_hours : 0);
	line(ui, w, y++, cfg && strcmp(word, "within") != 0 ? ROLE_MAYBE : ROLE_NORMAL, text);
	snprintf(text, sizeof text, "  = %.1f%% of %d working hours a month",
	         100.0 * a_month / APP_HISTORY_WORK_HOURS, APP_HISTORY_WORK_HOURS);
	line(ui, w, y++, ROLE_MUTED, text);
	return y + 1;
}

static int draw_aggregates(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	switch (h->aggr) {
	case HAGGR_ORGANIZER:
		y = draw_groups(ui, w, y, h, h->organizers, h->n_organizers, "organizer");
		break;
	case HAGGR_MONTH:
		y = draw_months(ui, w, y, h);
		break;
	case HAGGR_CALIBRATION:
		y = draw_calibration(ui, w, y, h);
		break;
	case HAGGR_KIND:
	case HAGGR_COUNT:
		y = draw_groups(ui, w, y, h, h->kinds, h->n_kinds, "kind");
		break;
	}
	return draw_band(ui, w, y, h);
}

/* ---- attribution --------------------------------------------------- */

static int draw_attribution(struct ui *ui, WINDOW *w, int y, const struct app_history *h)
{
	char title[96];
	snprintf(title, sizeof title, "Who do I owe my clients to? (%s%s)",
	         attrib_model_name(h->model), h->model == ATTRIB_LINEAR ? "" : " touch");
	y = section(ui, w, y, title);
	const struct attrib_report *r = &h->attrib;
	bool *shown = xcalloc(r->n_contacts + 1, sizeof *shown);
	for (int k = 0; k < ATTRIB_TOP && y < getmaxy(w); k++) {
		size_t best = r->n_contacts;
		for (size_t i = 0; i < r->n_contacts; i++)
			if (!shown[i] && r->contacts[i].credit_minor > 0 &&
			    (best == r->n_contacts ||
			     r->contacts[i].credit_minor > r->contacts[best].credit_minor))
				best = i;
		if (best == r->n_contacts)
			break;
		shown[best] = true;
		char value[32], text[160];
		money(ui, r->contacts[best].credit_minor, value, sizeof value);
		snprintf(text, sizeof text, "%-24.24s %14s", r->contacts[best].name
		         ? r->contacts[best].name : "", value);
		line(ui, w, y++, ROLE_NORMAL, text);
	}
	free(shown);
	if (r->deals == 0)
		line(ui, w, y++, ROLE_MUTED, "No deals yet: 'worthit deal add --contact C --amount A'");
	return y + 1;
}

void view_history_aggr_draw(struct ui *ui, WINDOW *w, const struct app_history *h)
{
	werase(w);
	int y = draw_selected(ui, w, 0, h);
	y = draw_aggregates(ui, w, y, h);
	draw_attribution(ui, w, y, h);
}
