/*
 * view_weights_draw.c: what the Weights view draws. The list pane holds
 * the knobs (group headings, then per knob: name, a slider, the value
 * and its one-line help; a footer with the selected knob's whole help,
 * range and the view's keys); the detail pane holds the live preview
 * of the ranking, or the suggestion learned from outcomes, or the
 * presets. Reads view_weights.h's state, changes only scroll offsets.
 *
 * Columns give way on narrow panes: the help first, then the slider;
 * in the preview the date, then the verdict's "was" part.
 */
#include "worthit/clock.h"
#include "worthit/config_preset.h"
#include "worthit/invite_json.h"
#include "worthit/view_weights.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define KNOBS_Y0 1 /* the knob rows start under the pane's title line */

static attr_t verdict_attr(const struct ui *ui, enum score_verdict v)
{
	return ui->role[v == VERDICT_GO ? ROLE_GO : v == VERDICT_MAYBE ? ROLE_MAYBE : ROLE_SKIP];
}

/* Where v sits on k's slider, 0..1: log scale for knobs spanning
 * several orders of magnitude (attendance, rates). */
static double slider_frac(enum score_knob k, double v)
{
	const struct score_knob_info *ki = score_knob_info(k);
	if (ki->min > 0 && ki->max / ki->min >= 1000)
		return log(v / ki->min) / log(ki->max / ki->min);
	return ki->max > ki->min ? (v - ki->min) / (ki->max - ki->min) : 0;
}

/* The help line without the "weight: " every weight's help starts with
 * (the heading says so). */
static const char *short_help(enum score_knob k)
{
	const char *h = score_knob_info(k)->help;
	return strncmp(h, "weight: ", 8) == 0 ? h + 8 : h;
}

/* ---- the knob list ------------------------------------------------------ */

struct knob_cols {
	int mark, name, bar, value, help;
};

static void knob_cols_for(int width, struct knob_cols *c)
{
	c->mark = 2;
	c->name = width >= 70 ? 24 : width >= 50 ? 18 : 14;
	c->value = 8;
	int rest = width - c->mark - c->name - 1 - c->value - 1;
	c->bar = rest >= 30 ? 12 : rest >= 14 ? 6 : 0;
	rest -= c->bar > 0 ? c->bar + 1 : 0;
	c->help = rest >= 8 ? rest : 0;
}

struct knob_draw {
	struct view_weights *vw;
	struct knob_cols c;
};

static void draw_knob_row(struct ui *ui, WINDOW *w, int y, int width, size_t row,
                          bool is_selected, void *arg)
{
	struct knob_draw *kd = arg;
	const struct view_weights *vw = kd->vw;
	const struct view_weights_row *r = &vw->rows[row];
	if (r->knob < 0) {
		ui_put(w, y, 0, width, ui->role[ROLE_TITLE] | A_BOLD, r->heading);
		return;
	}
	enum score_knob k = (enum score_knob)r->knob;
	const struct score_knob_info *ki = score_knob_info(k);
	double v = app_weights_value(&vw->aw, k), saved = vw->aw.saved.knob[k];
	bool is_changed = v != saved;
	attr_t base = is_selected ? ui->role[ROLE_SELECTED] : ui->role[ROLE_NORMAL];
	char buf[160], was[32];
	int x = 0;
	wattrset(w, base);
	mvwhline(w, y, 0, ' ', width);
	ui_put(w, y, x, kd->c.mark, base | A_BOLD, is_changed ? "*" : " ");
	x += kd->c.mark;
	ui_put(w, y, x, kd->c.name, base, ki->name);
	x += kd->c.name + 1;
	if (kd->c.bar > 0) {
		ui_bar(ui, w, y, x, kd->c.bar, slider_frac(k, v), is_selected ? base : ui->role[ROLE_BAR],
		       is_selected ? base : ui->role[ROLE_BAR_EMPTY]);
		x += kd->c.bar + 1;
	}
	app_weights_format(k, v, buf, sizeof buf);
	char value[40];
	snprintf(value, sizeof value, "%8.30s", buf); /* right-aligned in c.value == 8 */
	ui_put(w, y, x, kd->c.value, base | (is_changed ? A_BOLD : 0), value);
	x += kd->c.value + 1;
	if (kd->c.help <= 0)
		return;
	if (is_changed) {
		snprintf(buf, sizeof buf, "(saved %s) ", app_weights_format(k, saved, was, sizeof was));
		int n = (int)strlen(buf) < kd->c.help ? (int)strlen(buf) : kd->c.help;
		ui_put(w, y, x, n, is_selected ? base : ui->role[ROLE_TITLE], buf);
		x += n;
		kd->c.help -= n;
		ui_put(w, y, x, kd->c.help, is_selected ? base : ui->role[ROLE_MUTED], short_help(k));
		kd->c.help += n;
		return;
	}
	ui_put(w, y, x, kd->c.help, is_selected ? base : ui->role[ROLE_MUTED], short_help(k));
}

/* The title line: how many knobs differ from the saved ones, presets. */
static void draw_knobs_title(struct view_weights *vw, struct ui *ui, WINDOW *w, int width)
{
	const struct app_weights *aw = &vw->aw;
	char buf[200];
	int n = app_weights_n_changed(aw);
	size_t used = (size_t)snprintf(buf, sizeof buf, "%s", n == 0 ? "Knobs (as saved)" : "");
	if (n > 0)
		used = (size_t)snprintf(buf, sizeof buf, "Knobs: %d changed, not saved (w saves)", n);
	for (size_t i = 0; i < aw->edited->n_presets && used + 8 < sizeof buf; i++)
		if (config_preset_is_active(aw->edited, (int)i))
			used += (size_t)snprintf(buf + used, sizeof buf - used, "  [preset %s]",
			                         aw->edited->presets[i].name);
	wattrset(w, ui->role[ROLE_TITLE]);
	mvwhline(w, 0, 0, ' ', width);
	ui_put(w, 0, 0, width, ui->role[ROLE_TITLE] | (n > 0 ? A_BOLD : 0), buf);
}

/* The footer under the knobs: whole help and range of the selected
 * knob, then the keys; as many of those lines as fit (0..3). */
static int footer_lines(int h)
{
	return h >= 16 ? 3 : h >= 9 ? 1 : 0;
}

static void draw_knobs_footer(struct view_weights *vw, struct ui *ui, WINDOW *w, int y,
                              int lines, int width)
{
	enum score_knob k = view_weights_selected_knob(vw);
	const struct score_knob_info *ki = score_knob_info(k);
	char buf[256], d[32], lo[32], hi[32], st[32];
	if (lines >= 3) {
		snprintf(buf, sizeof buf, "%s: %s", ki->name, ki->help);
		ui_put(w, y++, 0, width, ui->role[ROLE_NORMAL], buf);
		snprintf(buf, sizeof buf, "  default %s, range %s..%s, step %s (config \"%s\")",
		         app_weights_format(k, ki->def, d, sizeof d),
		         app_weights_format(k, ki->min, lo, sizeof lo),
		         app_weights_format(k, ki->max, hi, sizeof hi),
		         app_weights_format(k, ki->step, st, sizeof st), ki->section);
		ui_put(w, y++, 0, width, ui->role[ROLE_MUTED], buf);
	}
	ui_put(w, y, 0, width, ui->role[ROLE_MUTED],
	       ui->is_utf8 ? "←/→ step  H/L ×10  = type  r/R reset  u/U undo  w save  p/P presets  "
	                     "s suggest"
	                   : "h/l step  H/L x10  = type  r/R reset  u/U undo  w save  p/P presets  "
	                     "s suggest");
}

void view_weights_draw_knobs(struct view_weights *vw, struct view *v, struct ui *ui, WINDOW *w)
{
	int h = getmaxy(w), width = getmaxx(w);
	int foot = footer_lines(h);
	struct knob_draw kd = { .vw = vw };
	werase(w);
	draw_knobs_title(vw, ui, w, width);
	knob_cols_for(width, &kd.c);
	WINDOW *sub = derwin(w, h - KNOBS_Y0 - foot, width, KNOBS_Y0, 0);
	if (sub != NULL) {
		ui_list_draw(&v->list, ui, sub, 0, vw->n_rows, vw->cursor, draw_knob_row, &kd);
		delwin(sub);
	}
	if (foot > 0)
		draw_knobs_footer(vw, ui, w, h - foot, foot, width);
}

long view_weights_draw_row_at(const struct view *v, int y, size_t n_rows)
{
	return ui_list_row_at(&v->list, KNOBS_Y0, y, n_rows);
}

/* ---- the preview --------------------------------------------------------- */

struct preview_cols {
	int rank, move, score, verdict, date, title;
};

static void preview_cols_for(int width, struct preview_cols *c)
{
	c->rank = 4;
	c->move = 4;
	c->score = 5;
	c->verdict = width >= 44 ? 11 : 6;
	c->date = width >= 56 ? 9 : 0; /* "28 Dec", "9–11 Apr" and a space (datefmt.h) */
	c->title = width - c->rank - c->move - c->score - 1 - c->verdict - c->date;
	if (c->title < 0)
		c->title = 0;
}

struct preview_draw {
	const struct view_weights *vw;
	struct preview_cols c;
};

static void draw_preview_row(struct ui *ui, WINDOW *w, int y, int width, size_t r,
                             bool is_selected, void *arg)
{
	(void)is_selected; /* the preview has no cursor */
	const struct preview_draw *pd = arg;
	const struct app_weights *aw = &pd->vw->aw;
	const struct preview *p = &aw->preview;
	const struct invitation *inv = &aw->app->invs.items[aw->inv_of[p->items[r].index]];
	enum score_verdict now = preview_verdict(p, r, aw->edited);
	enum score_verdict was = (enum score_verdict)p->saved_verdict[p->items[r].index];
	int moved = preview_moved(p, r), x = 0;
	char buf[64];
	wattrset(w, ui->role[ROLE_NORMAL]);
	mvwhline(w, y, 0, ' ', width);
	snprintf(buf, sizeof buf, "%3zu", r + 1);
	ui_put(w, y, x, pd->c.rank, ui->role[ROLE_MUTED], buf);
	x += pd->c.rank;
	if (moved != 0)
		snprintf(buf, sizeof buf, "%s%d", moved > 0 ? (ui->is_utf8 ? "↑" : "+")
		                                           : (ui->is_utf8 ? "↓" : "-"),
		         moved > 0 ? moved : -moved);
	else
		snprintf(buf, sizeof buf, "%s", ui->is_utf8 ? "·" : ".");
	ui_put(w, y, x, pd->c.move, moved != 0 ? ui->role[ROLE_TITLE] | A_BOLD : ui->role[ROLE_MUTED],
	       buf);
	x += pd->c.move;
	snprintf(buf, sizeof buf, "%5.1f", p->items[r].total);
	ui_put(w, y, x, pd->c.score, verdict_attr(ui, now) | A_BOLD, buf);
	x += pd->c.score + 1;
	if (now != was && pd->c.verdict >= 11)
		snprintf(buf, sizeof buf, "%s%s%s", score_verdict_name(was), ui->is_utf8 ? "→" : ">",
		         score_verdict_name(now));
	else
		snprintf(buf, sizeof buf, "%s%s", score_verdict_name(now), now != was ? "*" : "");
	ui_put(w, y, x, pd->c.verdict - 1,
	       verdict_attr(ui, now) | (now != was ? A_REVERSE | A_BOLD : 0), buf);
	x += pd->c.verdict;
	if (pd->c.date > 0) {
		ui_list_when(ui, inv->starts_at, inv->ends_at, inv->all_day, DATEFMT_DAY, buf,
		             sizeof buf);
		ui_put(w, y, x, pd->c.date - 1, ui->role[ROLE_MUTED], buf);
		x += pd->c.date;
	}
	ui_put(w, y, x, pd->c.title, ui->role[ROLE_NORMAL], inv->title);
}

static void draw_preview(struct view_weights *vw, struct ui *ui, WINDOW *w)
{
	const struct app_weights *aw = &vw->aw;
	const struct preview *p = &aw->preview;
	int width = getmaxx(w);
	size_t moved = 0, changed = 0;
	char buf[200];
	for (size_t r = 0; r < p->n; r++) {
		moved += preview_moved(p, r) != 0;
		changed += preview_is_new_verdict(p, r, aw->edited);
	}
	bool is_dirty = app_weights_is_dirty(aw);
	snprintf(buf, sizeof buf, "%s %zu pending", is_dirty ? "Preview:" : "Ranking of", p->n);
	ui_put(w, 0, 0, width, ui->role[ROLE_TITLE] | A_BOLD, buf);
	if (is_dirty) {
		snprintf(buf, sizeof buf, "%zu moved, %zu new verdict%s vs saved", moved, changed,
		         changed == 1 ? "" : "s");
		ui_put(w, 1, 0, width, ui->role[ROLE_MUTED], buf);
	} else {
		ui_put(w, 1, 0, width, ui->role[ROLE_MUTED],
		       "change a knob: rows move here (arrows vs saved)");
	}
	if (p->n == 0) {
		ui_put(w, 3, 1, width - 1, ui->role[ROLE_MUTED], "Nothing pending from now on");
		return;
	}
	struct preview_draw pd = { .vw = vw };
	preview_cols_for(width, &pd.c);
	WINDOW *sub = derwin(w, getmaxy(w) - 2, width, 2, 0);
	if (sub != NULL) {
		ui_list_draw(&vw->preview_list, ui, sub, 0, p->n, vw->preview_list.top,
		             draw_preview_row, &pd);
		delwin(sub);
	}
}

/* ---- the suggestion -------------------------------------------------------- */

/* Width the weights table and the backtest table each need. */
#define SUGGEST_COLUMN_W 46

/* Write text word-wrapped into w from line y; returns the next line. */
static int put_wrapped(WINDOW *w, int y, int x, int width, attr_t attr, const char *text)
{
	int rows = getmaxy(w);
	char line[256];
	while (*text != '\0' && y < rows && width > 0) {
		size_t n = strlen(text), cut = n;
		if ((int)n > width) {
			cut = (size_t)width;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = (size_t)width;
		}
		if (cut >= sizeof line)
			cut = sizeof line - 1;
		memcpy(line, text, cut);
		line[cut] = '\0';
		ui_put(w, y++, x, width, attr, line);
		text += cut;
		while (*text == ' ')
			text++;
	}
	return y;
}

/* Minor units per hour as whole units of currency: the cell is narrow
 * and cents say nothing here. */
static void fmt_money_cell(const char *currency, double minor, char *buf, size_t len)
{
	snprintf(buf, len, "%.0f", minor / pow(10.0, invite_json_currency_exponent(currency)));
}

static int draw_suggest_weights(const struct app_weights *aw, struct ui *ui, WINDOW *w, int y,
                                int x, int width)
{
	const struct app_weights_suggestion *sg = &aw->suggestion;
	char buf[160];
	snprintf(buf, sizeof buf, "%-14s %7s %7s %9s", "weight", "saved", "edited", "suggested");
	ui_put(w, y++, x, width, ui->role[ROLE_TITLE], buf);
	for (int c = 0; c < SC_COUNT && y < getmaxy(w); c++) {
		double s = sg->fit.weight[c];
		snprintf(buf, sizeof buf, "%-14.14s %7.1f %7.1f %9.1f%s",
		         score_component_name((enum score_component)c), sg->saved[c],
		         aw->edited->score.knob[c], s, sg->fit.is_informed[c] ? "" : " kept");
		attr_t a = fabs(s - sg->saved[c]) > 0.05 ? ui->role[ROLE_NORMAL] | A_BOLD
		                                         : ui->role[ROLE_NORMAL];
		ui_put(w, y++, x, width, a, buf);
	}
	return y;
}

static int draw_suggest_backtest(const struct app_weights *aw, struct ui *ui, WINDOW *w, int y,
                                 int x, int width)
{
	const struct app_weights_suggestion *sg = &aw->suggestion;
	const char *cur = aw->edited->currency[0] != '\0' ? aw->edited->currency : "USD";
	char buf[200], cell[32];
	int used = snprintf(buf, sizeof buf, "%-9s", "backtest");
	for (size_t i = 0; i < sg->n_col; i++)
		used += snprintf(buf + used, sizeof buf - (size_t)used, " %8.8s", sg->col[i].label);
	ui_put(w, y++, x, width, ui->role[ROLE_TITLE], buf);
	for (int line = 0; line < 4 && y < getmaxy(w); line++) {
		/* revenue per hour of the top-scored quarter and of the rest */
		static const char *const what[4] = { "events", "Spearman", "top 1/4", "rest" };
		used = snprintf(buf, sizeof buf, "%-9s", what[line]);
		for (size_t i = 0; i < sg->n_col; i++) {
			const struct backtest_result *r = &sg->col[i].r;
			if (line == 0)
				snprintf(cell, sizeof cell, "%zu", r->n);
			else if (line == 1 && r->has_spearman)
				snprintf(cell, sizeof cell, "%.2f", r->spearman);
			else if (line == 1)
				snprintf(cell, sizeof cell, "n/a");
			else
				fmt_money_cell(cur,
				               line == 2 ? r->top_revenue_per_hour : r->rest_revenue_per_hour,
				               cell, sizeof cell);
			used += snprintf(buf + used, sizeof buf - (size_t)used, " %8s", cell);
		}
		ui_put(w, y++, x, width, ui->role[ROLE_NORMAL], buf);
	}
	snprintf(buf, sizeof buf, "(Spearman: score vs value per hour; top 1/4 and rest: "
	         "revenue per hour in %s)", cur);
	return put_wrapped(w, y, x, width, ui->role[ROLE_MUTED], buf);
}

static void draw_suggest(struct view_weights *vw, struct ui *ui, WINDOW *w)
{
	const struct app_weights *aw = &vw->aw;
	const struct app_weights_suggestion *sg = &aw->suggestion;
	int width = getmaxx(w), y = 0;
	char buf[200];
	if (!sg->has_fit) {
		ui_put(w, y++, 0, width, ui->role[ROLE_TITLE] | A_BOLD, "No suggestion");
		y = put_wrapped(w, y + 1, 0, width, ui->role[ROLE_NORMAL], sg->why);
		put_wrapped(w, y + 1, 0, width, ui->role[ROLE_MUTED], "s or Esc closes.");
		return;
	}
	snprintf(buf, sizeof buf, "Suggested weights from n=%zu past events", sg->fit.n);
	ui_put(w, y++, 0, width, ui->role[ROLE_TITLE] | A_BOLD, buf);
	snprintf(buf, sizeof buf, "fit: R² %.2f, cross-validated R² %.2f (%d-fold)", sg->fit.r2,
	         sg->fit.cv_r2, FIT_FOLDS);
	ui_put(w, y++, 0, width, ui->role[ROLE_NORMAL], buf);
	if (sg->fit.cv_r2 <= 0)
		y = put_wrapped(w, y, 0, width, ui->role[ROLE_ERROR],
		                "Caution: no better than the average on unseen events; "
		                "little evidence behind this suggestion.");
	if (width >= 2 * SUGGEST_COLUMN_W) { /* wide and short (stacked): side by side */
		int yl = draw_suggest_weights(aw, ui, w, y + 1, 0, width / 2 - 1);
		int yr = draw_suggest_backtest(aw, ui, w, y + 1, width / 2, width - width / 2);
		y = yl > yr ? yl : yr;
	} else {
		y = draw_suggest_weights(aw, ui, w, y + 1, 0, width);
		y = draw_suggest_backtest(aw, ui, w, y + 1, 0, width);
	}
	put_wrapped(w, y + 1, 0, width, ui->role[ROLE_MESSAGE] | A_BOLD,
	            "y applies the suggested weights (w then saves); s or Esc closes. "
	            "Nothing is written without y and w.");
}

/* ---- presets ---------------------------------------------------------------- */

static void draw_preset_row(struct ui *ui, WINDOW *w, int y, int width, size_t i,
                            bool is_selected, void *arg)
{
	const struct view_weights *vw = arg;
	const struct wit_config *cfg = vw->aw.edited;
	const struct weight_preset *p = &cfg->presets[i];
	char buf[240];
	size_t used = (size_t)snprintf(buf, sizeof buf, "%s %-16s",
	                               config_preset_is_active(cfg, (int)i) ? "*" : " ", p->name);
	for (int k = 0; k < KNOB_COUNT && used + 24 < sizeof buf; k++) {
		char v[32];
		if (p->has[k])
			used += (size_t)snprintf(buf + used, sizeof buf - used, " %s=%s",
			                         score_knob_info((enum score_knob)k)->name,
			                         app_weights_format((enum score_knob)k, p->knob[k], v,
			                                            sizeof v));
	}
	ui_put(w, y, 0, width, ui->role[is_selected ? ROLE_SELECTED : ROLE_NORMAL], buf);
}

static void draw_presets(struct view_weights *vw, struct ui *ui, WINDOW *w)
{
	int width = getmaxx(w);
	ui_put(w, 0, 0, width, ui->role[ROLE_TITLE] | A_BOLD, "Presets (* = the knobs now)");
	ui_put(w, 1, 0, width, ui->role[ROLE_MUTED], "Enter switches, Esc closes, P saves one");
	WINDOW *sub = derwin(w, getmaxy(w) - 3, width, 3, 0);
	if (sub != NULL) {
		ui_list_draw(&vw->preset_list, ui, sub, 0, vw->aw.edited->n_presets, vw->preset_cursor,
		             draw_preset_row, vw);
		delwin(sub);
	}
}

void view_weights_draw_panel(struct view_weights *vw, struct ui *ui, WINDOW *w)
{
	werase(w);
	if (getmaxy(w) < 3)
		return;
	switch (vw->panel) {
	case VIEW_WEIGHTS_PANEL_SUGGEST: draw_suggest(vw, ui, w); break;
	case VIEW_WEIGHTS_PANEL_PRESETS: draw_presets(vw, ui, w); break;
	case VIEW_WEIGHTS_PANEL_PREVIEW: draw_preview(vw, ui, w); break;
	}
}
