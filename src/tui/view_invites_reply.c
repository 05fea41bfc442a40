/*
 * view_invites_reply.c: the r key of the Invitations tab (see
 * view_invites_reply.h): the status-line question showing the reply
 * message (subject, organizer, sender, comment, command) before it is
 * sent, the comment's editor, the prompt for a file name instead and the
 * "replace it?" question, as the weights view's prompts work: the app
 * message lasts until the next key, so every key of the prompt writes
 * it again. What is sent or written, and where, is app_reply.c's.
 */
#include "worthit/app_reply.h"
#include "worthit/view_invites_reply.h"
#include "worthit/xmalloc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum reply_mode {
	REPLY_OFF,
	REPLY_ASK,     /* the message shown: y sends, c comment, f file */
	REPLY_COMMENT, /* editing the COMMENT */
	REPLY_NAME,    /* typing the file name */
	REPLY_REPLACE, /* the file exists: y replaces it */
};

struct invites_reply {
	int64_t just_decided;        /* decided by the previous key (a/d/m), else 0 */
	enum reply_mode mode;
	struct app_reply reply;      /* the invitation answered, valid unless REPLY_OFF */
	char input[APP_REPLY_PATH_MAX]; /* the file name or comment typed, UTF-8 */
	char error[200];             /* why the last Enter did not write, "" = none */
};

#define CH_CLEAR_LINE 21 /* ^U clears the name, as in readline */

#define INPUT_MIN 12 /* columns the name keeps however narrow */

/* The first line ("RSVP reply (ACCEPTED) to: NAME_") gets the status
 * line's width; then the error, else the keys. A name too long to fit
 * shows its end, where the typing happens. */
/* The message before it goes: what, to whom, as whom, the comment. */
static void reply_ask_prompt(struct invites_reply *p, struct ui *ui)
{
	const struct app_reply *r = &p->reply;
	if (p->error[0] != '\0')
		app_message(ui->app, true, "Not sent: %s. y tries again, f writes a file, Esc "
		            "cancels", p->error);
	else if (r->comment[0] != '\0')
		app_message(ui->app, false, "Send \"%s\" to %s as %s, comment \"%s\"? y sends, c "
		            "edits the comment, f writes a file, Esc cancels", r->subject, r->to,
		            r->from, r->comment);
	else
		app_message(ui->app, false, "Send \"%s\" to %s as %s via %s? y sends, c adds a "
		            "comment, f writes a file, Esc cancels", r->subject, r->to, r->from,
		            r->command);
}

static void reply_prompt(struct invites_reply *p, struct ui *ui)
{
	struct app *app = ui->app;
	if (p->mode == REPLY_ASK) {
		reply_ask_prompt(p, ui);
		return;
	}
	int width = ui->w_status != NULL ? getmaxx(ui->w_status) : 80;
	int err = (int)strlen(p->error);
	/* "RSVP reply (TENTATIVE) to: " or "RSVP reply to: ", "_  " */
	int room = width - (err > 0 ? 15 : 27) - 3 - (err > 0 ? err + 1 : 0);
	room = room < INPUT_MIN ? INPUT_MIN : room;
	const char *shown = p->input;
	size_t n = strlen(shown);
	if (n > (size_t)room) {
		shown += n - (size_t)room + 1; /* and one column for the "…" */
		while (((unsigned char)*shown & 0xC0) == 0x80)
			shown++;
	}
	const char *more = shown != p->input ? "…" : "";
	if (p->mode == REPLY_COMMENT)
		app_message(app, false, "Comment: %s%s_  Enter keeps it, ^U clears, Esc goes back",
		            more, shown);
	else if (p->mode == REPLY_REPLACE)
		app_message(app, true, "%s%s exists: y replaces it, n keeps it, Esc cancels", more,
		            shown);
	else if (p->error[0] != '\0')
		app_message(app, true, "RSVP reply to: %s%s_  %s (Esc cancels)", more, shown, p->error);
	else
		app_message(app, false, "RSVP reply (%s) to: %s%s_  Enter writes, ^U clears, "
		            "Esc cancels", p->reply.partstat, more, shown);
}

static void reply_input_add(struct invites_reply *p, int ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t n = strlen(p->input);
	memset(&ps, 0, sizeof ps);
	if (ch < 32 || ch == 127)
		return;
	size_t k = wcrtomb(mb, (wchar_t)ch, &ps);
	if (k == (size_t)-1 || n + k >= sizeof p->input)
		return;
	memcpy(p->input + n, mb, k);
	p->input[n + k] = '\0';
}

static void reply_input_backspace(struct invites_reply *p)
{
	size_t n = strlen(p->input);
	while (n > 0 && ((unsigned char)p->input[n - 1] & 0xC0) == 0x80)
		n--; /* continuation bytes of the last character */
	p->input[n > 0 ? n - 1 : 0] = '\0';
}

/* Write; on failure stay in the prompt with the reason. */
static unsigned reply_commit(struct invites_reply *p, struct ui *ui, bool may_replace)
{
	char *why = NULL;
	if (!may_replace && app_reply_exists(&p->reply, p->input)) {
		p->mode = REPLY_REPLACE;
		reply_prompt(p, ui);
		return UI_HANDLED;
	}
	enum wit_status st = app_reply_write(ui->app, &p->reply, p->input, may_replace, &why);
	if (st == WIT_OK) {
		p->mode = REPLY_OFF;
		return UI_HANDLED;
	}
	p->mode = REPLY_NAME;
	snprintf(p->error, sizeof p->error, "%s", why != NULL ? why : wit_status_name(st));
	free(why);
	reply_prompt(p, ui);
	return UI_HANDLED;
}

static unsigned reply_cancel(struct invites_reply *p, struct ui *ui)
{
	bool was_asking = p->mode == REPLY_ASK || p->mode == REPLY_COMMENT;
	p->mode = REPLY_OFF;
	app_message(ui->app, false, was_asking ? "No reply sent" : "No reply written");
	return UI_HANDLED;
}

/* y: send; on failure stay in the question with the reason (the
 * decision is recorded already). */
static unsigned reply_send(struct invites_reply *p, struct ui *ui)
{
	char *why = NULL;
	app_message(ui->app, false, "Sending \"%s\" through %s…", p->reply.subject,
	            p->reply.command);
	enum wit_status st = app_reply_send(ui->app, &p->reply, &why);
	if (st == WIT_OK) {
		p->mode = REPLY_OFF;
		return UI_HANDLED;
	}
	snprintf(p->error, sizeof p->error, "%s", why != NULL ? why : wit_status_name(st));
	free(why);
	reply_prompt(p, ui);
	return UI_HANDLED;
}

/* The question about the message: y, c, f, Esc. */
static unsigned reply_ask_key(struct invites_reply *p, struct ui *ui, int ch)
{
	if (ui->is_key_code)
		ch = 0;
	if (ch == 'y' || ch == 'Y')
		return reply_send(p, ui);
	p->error[0] = '\0';
	if (ch == 'c' || ch == 'C') {
		p->mode = REPLY_COMMENT;
		snprintf(p->input, sizeof p->input, "%s", p->reply.comment);
	} else if (ch == 'f' || ch == 'F') {
		p->mode = REPLY_NAME;
		snprintf(p->input, sizeof p->input, "%s", p->reply.path);
	} else if (ch == 'n' || ch == 'N') {
		return reply_cancel(p, ui);
	}
	reply_prompt(p, ui);
	return UI_HANDLED;
}

/* Editing the comment: Enter keeps it, Esc goes back unchanged. */
static unsigned reply_comment_key(struct invites_reply *p, struct ui *ui, int ch)
{
	bool is_key = ui->is_key_code;
	if (!is_key && ch == 27) {
		p->mode = REPLY_ASK;
	} else if (is_key ? ch == KEY_ENTER : ch == '\n' || ch == '\r') {
		app_reply_set_comment(&p->reply, p->input);
		p->mode = REPLY_ASK;
	} else if (!is_key && ch == CH_CLEAR_LINE) {
		p->input[0] = '\0';
	} else if (is_key ? ch == KEY_BACKSPACE || ch == KEY_DC : ch == 127 || ch == 8) {
		reply_input_backspace(p);
	} else if (!is_key) {
		reply_input_add(p, ch);
	}
	reply_prompt(p, ui);
	return UI_HANDLED;
}

/* The prompt is open: every key is its. */
static unsigned reply_prompt_key(struct invites_reply *p, struct ui *ui, int ch)
{
	if (p->mode == REPLY_COMMENT)
		return reply_comment_key(p, ui, ch);
	if (ch == 27)
		return reply_cancel(p, ui);
	if (p->mode == REPLY_ASK)
		return reply_ask_key(p, ui, ch);
	if (p->mode == REPLY_REPLACE) {
		if (ch == 'y' || ch == 'Y')
			return reply_commit(p, ui, true);
		p->mode = REPLY_NAME; /* anything else keeps the file: edit the name */
		snprintf(p->error, sizeof p->error, "exists; not replaced");
		reply_prompt(p, ui);
		return UI_HANDLED;
	}
	p->error[0] = '\0';
	bool is_key = ui->is_key_code;
	if (is_key ? ch == KEY_ENTER : ch == '\n' || ch == '\r')
		return reply_commit(p, ui, false);
	if (!is_key && ch == CH_CLEAR_LINE)
		p->input[0] = '\0';
	else if (is_key ? ch == KEY_BACKSPACE || ch == KEY_DC : ch == 127 || ch == 8)
		reply_input_backspace(p);
	else if (!is_key)
		reply_input_add(p, ch);
	reply_prompt(p, ui);
	return UI_HANDLED;
}

static unsigned reply_start(struct invites_reply *p, struct ui *ui, int64_t id)
{
	if (app_reply_prepare(ui->app, id, &p->reply) != WIT_OK)
		return UI_HANDLED; /* the message says why */
	p->mode = REPLY_ASK;
	p->error[0] = '\0';
	reply_prompt(p, ui);
	return UI_HANDLED;
}

/* a, d, m: decide, remember what for an r right after, and say so. */
static unsigned reply_decide(struct invites_reply *p, struct ui *ui, enum invite_status st)
{
	struct app *app = ui->app;
	const struct invitation *inv = app_selected(app);
	int64_t id = app->selected_id;
	bool has_organizer = inv != NULL && inv->organizer != NULL &&
	                     strchr(inv->organizer, '@') != NULL;
	if (app_decide(app, st) == WIT_OK && id != 0) {
		p->just_decided = id;
		if (has_organizer && !app->message_is_error) {
			char msg[APP_MESSAGE_MAX];
			snprintf(msg, sizeof msg, "%s", app->message);
			app_message(app, false, "%s; r sends the RSVP reply", msg);
		}
	}
	return UI_HANDLED | DIRTY_ALL;
}

/* Word-wrapped text from row y at column x, width columns (bytes: the
 * comment and the title are mostly ASCII; ui_put clips the rest).
 * Returns the next row. */
static int preview_wrap(WINDOW *w, int y, int x, int width, int rows, attr_t attr,
                        const char *text)
{
	char line[APP_REPLY_PATH_MAX];
	while (*text != '\0' && y < rows) {
		size_t n = strlen(text);
		if (n > (size_t)width) {
			n = (size_t)width;
			while (n > 0 && text[n] != ' ')
				n--;
			if (n == 0)
				n = (size_t)width;
		}
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, text, n);
		line[n] = '\0';
		ui_put(w, y++, x, width, attr, line);
		text += n;
		while (*text == ' ')
			text++;
	}
	return y;
}

bool view_invites_reply_draw(struct view *v, struct ui *ui, WINDOW *w)
{
	const struct invites_reply *p = v->priv;
	if (p == NULL || (p->mode != REPLY_ASK && p->mode != REPLY_COMMENT) || w == NULL)
		return false;
	const struct app_reply *r = &p->reply;
	int rows = getmaxy(w), cols = getmaxx(w), y = 0;
	attr_t normal = ui->role[ROLE_NORMAL], muted = ui->role[ROLE_MUTED];
	werase(w);
	ui_put(w, y++, 0, cols, ui->role[ROLE_TITLE], "The reply to send");
	static const char *const labels[] = {"To", "From", "Subject", "Via"};
	const char *values[] = {r->to, r->from, r->subject, r->command};
	for (size_t i = 0; i < 4 && y < rows; i++) {
		ui_put(w, y, 0, 9, muted, labels[i]);
		ui_put(w, y++, 9, cols - 9, normal, values[i]);
	}
	y++;
	if (y < rows)
		ui_put(w, y++, 0, cols, ui->role[ROLE_TITLE],
		       r->comment[0] != '\0' ? "Comment (c edits it)" : "No comment (c adds one)");
	y = preview_wrap(w, y, 2, cols - 2, rows, normal, r->comment);
	y++;
	char with[200];
	snprintf(with, sizeof with, "With it: text/calendar; method=REPLY, PARTSTAT=%s, for the "
	         "organizer's calendar.", r->partstat);
	y = preview_wrap(w, y, 0, cols, rows, muted, with);
	if (y + 1 < rows)
		preview_wrap(w, y + 1, 0, cols, rows, muted,
		             "y sends it, f writes it to a file instead, Esc cancels.");
	return true;
}

unsigned view_invites_reply_key(struct view *v, struct ui *ui, enum key_action act, int ch)
{
	if (v->priv == NULL)
		v->priv = xcalloc(1, sizeof(struct invites_reply));
	struct invites_reply *p = v->priv;
	if (p->mode != REPLY_OFF)
		return reply_prompt_key(p, ui, ch) | DIRTY_STATUS | DIRTY_DETAIL;
	int64_t decided = p->just_decided;
	p->just_decided = 0; /* only the very next key answers it */
	switch (act) {
	case ACT_ACCEPT: return reply_decide(p, ui, STATUS_ACCEPTED);
	case ACT_DECLINE: return reply_decide(p, ui, STATUS_DECLINED);
	case ACT_MAYBE: return reply_decide(p, ui, STATUS_MAYBE);
	case ACT_REPLY:
		return reply_start(p, ui, decided != 0 ? decided : ui->app->selected_id) |
		       DIRTY_STATUS | DIRTY_DETAIL;
	default: return 0;
	}
}

unsigned view_invites_reply_leave(struct view *v, struct ui *ui, size_t to)
{
	(void)to;
	struct invites_reply *p = v->priv;
	if (p != NULL && p->mode != REPLY_OFF)
		reply_cancel(p, ui); /* a click on another tab: the prompt goes */
	if (p != NULL)
		p->just_decided = 0;
	return 0;
}

void view_invites_reply_close(struct view *v, struct ui *ui)
{
	(void)ui;
	free(v->priv);
	v->priv = NULL;
}
