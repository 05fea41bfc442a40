/*
 * view_coming.c: the History and Weights tabs until their own views
 * (issues 6 and 7) replace these entries in ui_loop.c's view table:
 * each says in one line what the tab will show. They reuse nothing but
 * the view interface, so removing this file is the whole change.
 */
#include "worthit/view.h"

static void coming_draw_text(struct ui *ui, const char *text, unsigned dirty)
{
	WINDOW *w = ui->w_list != NULL ? ui->w_list : ui->w_detail;
	if (w == NULL || (dirty & DIRTY_PANES) == 0)
		return;
	werase(w);
	ui_put(w, 1, 2, getmaxx(w) - 3, ui->role[ROLE_MUTED], text);
	wnoutrefresh(w);
	if (ui->w_detail != NULL && ui->w_detail != w) {
		werase(ui->w_detail);
		wnoutrefresh(ui->w_detail);
	}
}

static unsigned coming_open(struct view *v, struct ui *ui)
{
	(void)v;
	(void)ui;
	return DIRTY_ALL;
}

static void history_draw(struct view *v, struct ui *ui, unsigned dirty)
{
	(void)v;
	coming_draw_text(ui, "History arrives with outcome logging: past events, "
	                     "what they brought, and who your clients came from.", dirty);
}

static void weights_draw(struct view *v, struct ui *ui, unsigned dirty)
{
	(void)v;
	coming_draw_text(ui, "Weights arrive next: tune the scoring with a live preview "
	                     "of the ranking.", dirty);
}

static unsigned coming_key(struct view *v, struct ui *ui, enum key_action act, int ch)
{
	(void)v;
	(void)ui;
	(void)act;
	(void)ch;
	return 0;
}

const struct view_ops view_history_ops = {
	.name = "History",
	.key_scope = KEYS_GLOBAL | KEYS_HISTORY,
	.open = coming_open,
	.draw = history_draw,
	.key = coming_key,
};

const struct view_ops view_weights_ops = {
	.name = "Weights",
	.key_scope = KEYS_GLOBAL | KEYS_WEIGHTS,
	.open = coming_open,
	.draw = weights_draw,
	.key = coming_key,
};
