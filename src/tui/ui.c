/*
 * ui.c: the terminal side of the dashboard that is not the loop:
 * checking that the terminal can run a full-screen program, theme files
 * to curses attributes, and the drawing primitives every view uses
 * (clipped UTF-8 text, bars, key names). The event loop and the
 * terminal's lifetime are in ui_loop.c.
 *
 * Themes are searched as NAME.json in $XDG_CONFIG_HOME/worthit/themes,
 * then DATA/themes and DATA/../themes (DATA = paths_data_dir(): the
 * installed share directory, or share/ of a source tree whose themes/
 * sits beside it). A NAME with a '/' is a file path.
 */
#include "worthit/view.h"
#include "worthit/paths.h"
#include "worthit/text.h"
#include "worthit/ui.h"
#include "worthit/xmalloc.h"

#include <dirent.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* ---- themes -------------------------------------------------------- */

static char *read_small_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap && cap < (1u << 20))
			buf = xrealloc(buf, cap *= 2);
		else if (n == cap)
			break;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* The theme directories in search order; each caller-freed, NULL-ended. */
static void theme_dirs(char *dirs[4])
{
	char *cfg = paths_config_dir(), *data = paths_data_dir();
	dirs[0] = xasprintf("%s/themes", cfg);
	dirs[1] = xasprintf("%s/themes", data);
	dirs[2] = xasprintf("%s/../themes", data);
	dirs[3] = NULL;
	free(cfg);
	free(data);
}

static void theme_dirs_free(char *dirs[4])
{
	for (int i = 0; dirs[i] != NULL; i++)
		free(dirs[i]);
}

static char *theme_find(const char *name)
{
	if (strchr(name, '/') != NULL)
		return xstrdup(name);
	char *dirs[4], *found = NULL;
	theme_dirs(dirs);
	for (int i = 0; dirs[i] != NULL && found == NULL; i++) {
		char *p = xasprintf("%s/%s.json", dirs[i], name);
		FILE *f = fopen(p, "rb");
		if (f != NULL) {
			fclose(f);
			found = p;
		} else {
			free(p);
		}
	}
	theme_dirs_free(dirs);
	return found;
}

static void theme_names_add(struct ui *ui, const char *name)
{
	for (int i = 0; i < ui->n_themes; i++)
		if (strcmp(ui->theme_names[i], name) == 0)
			return;
	if (ui->n_themes < UI_THEMES_MAX)
		snprintf(ui->theme_names[ui->n_themes++], sizeof ui->theme_names[0], "%s", name);
}

/* Every theme NAME.json found, for the t key, sorted by discovery. */
static void theme_scan(struct ui *ui)
{
	char *dirs[4];
	theme_dirs(dirs);
	ui->n_themes = 0;
	theme_names_add(ui, "default");
	for (int i = 0; dirs[i] != NULL; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;
		while (d != NULL && (e = readdir(d)) != NULL) {
			size_t n = strlen(e->d_name);
			if (n > 5 && n < 60 && strcmp(e->d_name + n - 5, ".json") == 0) {
				char name[64];
				snprintf(name, sizeof name, "%.*s", (int)(n - 5), e->d_name);
				if (theme_name_is_valid(name))
					theme_names_add(ui, name);
			}
		}
		if (d != NULL)
			closedir(d);
	}
	theme_dirs_free(dirs);
}

/* path with $HOME shown as ~, so messages fit the status line.
 * Borrowed: static storage. */
static const char *theme_short_path(const char *path)
{
	static char buf[512];
	const char *home = getenv("HOME");
	size_t n = home != NULL ? strlen(home) : 0;
	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/') {
		snprintf(buf, sizeof buf, "~%s", path + n);
		return buf;
	}
	return path;
}

static attr_t curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	r |= (a & THEME_BOLD) ? A_BOLD : 0;
	r |= (a & THEME_DIM) ? A_DIM : 0;
	r |= (a & THEME_UNDERLINE) ? A_UNDERLINE : 0;
	r |= (a & THEME_REVERSE) ? A_REVERSE : 0;
	r |= (a & THEME_ITALIC) ? A_ITALIC : 0;
	r |= (a & THEME_STANDOUT) ? A_STANDOUT : 0;
	return r;
}

/* Theme styles to curses pairs and attributes for this terminal. */
static void theme_apply(struct ui *ui)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &ui->theme.role[r];
		if (!ui->has_color) {
			ui->role[r] = curses_attrs(s->attrs | theme_mono_attrs((enum theme_role)r));
			continue;
		}
		int fg = theme_color_fallback(s->fg, COLORS);
		int bg = theme_color_fallback(s->bg, COLORS);
		init_pair((short)(r + 1), (short)fg, (short)bg);
		ui->role[r] = COLOR_PAIR(r + 1) | curses_attrs(s->attrs);
	}
	if (ui->w_header != NULL || stdscr != NULL)
		bkgdset(ui->role[ROLE_NORMAL] | ' ');
}

enum wit_status ui_theme_load(struct ui *ui, const char *name, char **why)
{
	enum wit_status st = WIT_OK;
	theme_defaults(&ui->theme);
	if (ui->n_themes == 0)
		theme_scan(ui);
	char *path = theme_name_is_valid(name) || strchr(name, '/') != NULL ? theme_find(name)
	                                                                     : NULL;
	if (path == NULL) {
		if (strcmp(name, "default") != 0)
			st = wit_fail(why, WIT_CONFIG, "Default theme used: no theme '%s' (t cycles "
			              "through the installed ones)", name);
	} else {
		size_t len = 0;
		char *text = read_small_file(path, &len);
		if (text == NULL)
			st = wit_fail(why, WIT_CONFIG, "Default theme used: %s: %s",
			              theme_short_path(path), strerror(errno));
		else if ((st = theme_parse(text, len, theme_short_path(path), &ui->theme, why)) !=
		             WIT_OK && why != NULL && *why != NULL) {
			char *m = xasprintf("Default theme used: %s", *why);
			free(*why);
			*why = m;
		}
		free(text);
		free(path);
	}
	for (int i = 0; i < ui->n_themes; i++)
		if (strcmp(ui->theme_names[i], ui->theme.name) == 0)
			ui->theme_index = i;
	theme_apply(ui);
	return st;
}

/* ---- drawing primitives ---------------------------------------------- */

void ui_put(WINDOW *w, int y, int x, int width, attr_t attr, const char *text)
{
	if (w == NULL || width <= 0)
		return;
	char stack[512];
	size_t need = (size_t)width * 4 + 8;
	char *buf = need <= sizeof stack ? stack : xmalloc(need);
	text_fit(text != NULL ? text : "", width, buf, need);
	wattrset(w, attr);
	mvwaddstr(w, y, x, buf);
	wattrset(w, A_NORMAL);
	if (buf != stack)
		free(buf);
}

void ui_form_field(struct ui *ui, WINDOW *win, int y, int x, int label_w, int input_w,
                   const char *label, const char *text, bool is_current, bool has_error)
{
	ui_put(win, y, x, label_w, ui->role[is_current ? ROLE_TITLE : ROLE_NORMAL], label);
	size_t n = strlen(text), room = input_w > 2 ? (size_t)input_w - 2 : 0;
	size_t from = n > room ? n - room : 0;
	while (from > 0 && from < n && ((unsigned char)text[from] & 0xC0) == 0x80)
		from++;
	char *shown = xmalloc(n - from + 2);
	memcpy(shown, text + from, n - from);
	shown[n - from] = is_current ? '_' : '\0';
	shown[n - from + 1] = '\0';
	attr_t a = ui->role[has_error ? ROLE_ERROR : is_current ? ROLE_SELECTED : ROLE_MUTED];
	ui_put(win, y, x + label_w, input_w, a, shown);
	free(shown);
}

bool ui_form_utf8(wint_t ch, char *buf)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	size_t n = wcrtomb(buf, (wchar_t)ch, &ps);
	if (n == (size_t)-1)
		return false;
	buf[n] = '\0';
	return true;
}

void ui_bar(struct ui *ui, WINDOW *w, int y, int x, int width, double frac, attr_t fill,
            attr_t empty)
{
	static const char *const eighths[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	if (w == NULL || width <= 0)
		return;
	frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
	int units = (int)(frac * width * 8 + 0.5);
	int full = units / 8, part = units % 8;
	wmove(w, y, x);
	wattrset(w, fill);
	for (int i = 0; i < full; i++)
		waddstr(w, ui->is_utf8 ? "█" : "#");
	int used = full;
	if (used < width && part > 0) {
		waddstr(w, ui->is_utf8 ? eighths[part] : (part >= 4 ? "#" : "+"));
		used++;
	}
	wattrset(w, empty);
	for (int i = used; i < width; i++)
		waddstr(w, ui->is_utf8 ? "·" : ".");
	wattrset(w, A_NORMAL);
}

static const struct {
	int code;
	const char *name;
} key_names[] = {
	{ KEY_UP, "Up" },        { KEY_DOWN, "Down" },     { KEY_LEFT, "Left" },
	{ KEY_RIGHT, "Right" },  { KEY_HOME, "Home" },     { KEY_END, "End" },
	{ KEY_PPAGE, "PgUp" },   { KEY_NPAGE, "PgDn" },    { KEY_ENTER, "Enter" },
	{ KEY_BTAB, "BTab" },    { KEY_BACKSPACE, "Backspace" }, { KEY_DC, "Delete" },
};

const char *ui_key_name(int is_key_code, wint_t ch, char *buf, size_t len)
{
	buf[0] = '\0';
	if (is_key_code) {
		for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
			if ((wint_t)key_names[i].code == ch)
				snprintf(buf, len, "%s", key_names[i].name);
		return buf;
	}
	switch (ch) {
	case '\n': case '\r': snprintf(buf, len, "Enter"); break;
	case '\t': snprintf(buf, len, "Tab"); break;
	case 27: snprintf(buf, len, "Esc"); break;
	case ' ': snprintf(buf, len, "Space"); break;
	case 127: case 8: snprintf(buf, len, "Backspace"); break;
	default:
		if (ch < 32)
			snprintf(buf, len, "^%c", (char)('@' + ch));
		else if (ch < 127)
			snprintf(buf, len, "%c", (char)ch);
	}
	return buf;
}

/* ---- the terminal: checks, start, stop, signals -------------------- */

static volatile sig_atomic_t pending_signal;
static bool term_is_on;
static SCREEN *term_screen;
static struct termios saved_termios;
static bool has_saved_termios;
static char restore_seq[128]; /* leave alternate screen, show cursor */
static size_t restore_len;

/* SIGQUIT (Ctrl-\) too: its default action would leave the terminal raw,
 * in the alternate screen with the cursor hidden. */
static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };
static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
#define N_QUIT (sizeof quit_signals / sizeof quit_signals[0])
#define N_FATAL (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction old_quit[N_QUIT], old_fatal[N_FATAL];

static void on_signal(int sig)
{
	pending_signal = sig;
}

/* Put the terminal back with async-signal-safe calls only (no
 * allocation): after a crash, or when memory runs out (xmalloc_fail). */
static void restore_now(void)
{
	if (!term_is_on)
		return;
	if (has_saved_termios)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
	if (restore_len > 0 && write(STDOUT_FILENO, restore_seq, restore_len) < 0)
		restore_len = 0;
}

/* A crash: put the terminal back, then die of the same signal. */
static void on_fatal(int sig)
{
	restore_now();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal; /* no SA_RESTART: wget_wch returns at once */
	for (size_t i = 0; i < N_QUIT; i++)
		sigaction(quit_signals[i], &sa, &old_quit[i]);
	sa.sa_handler = on_fatal;
	sa.sa_flags = (int)SA_RESETHAND;
	for (size_t i = 0; i < N_FATAL; i++)
		sigaction(fatal_signals[i], &sa, &old_fatal[i]);
}

static void signals_restore(void)
{
	for (size_t i = 0; i < N_QUIT; i++)
		sigaction(quit_signals[i], &old_quit[i], NULL);
	for (size_t i = 0; i < N_FATAL; i++)
		sigaction(fatal_signals[i], &old_fatal[i], NULL);
}

void ui_term_restore_now(void)
{
	restore_now();
}

int ui_term_pending_signal(void)
{
	int sig = pending_signal;
	pending_signal = 0;
	return sig;
}

bool ui_term_handle_signal(int sig, unsigned *dirty)
{
	if (sig != SIGTSTP)
		return true;
	/* Ctrl-Z: hand the terminal back, stop, and take it again */
	endwin();
	struct sigaction dfl, mine;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &mine);
	raise(SIGTSTP);
	sigaction(SIGTSTP, &mine, NULL); /* resumed by SIGCONT */
	clearok(curscr, TRUE);
	*dirty |= DIRTY_LAYOUT;
	return false;
}

static int term_refuse(struct app_ctx *ctx, const char *what)
{
	fprintf(ctx->err,
	        "worthit: %s, so the dashboard cannot run here.\n"
	        "worthit: use the command line instead: 'worthit list', 'worthit show ID', "
	        "'worthit help'.\n",
	        what);
	return wit_status_exit_code(WIT_CONFIG);
}

int ui_term_check(struct app_ctx *ctx)
{
	const char *term = getenv("TERM");
	char what[160];
	int err = 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return term_refuse(ctx, "standard input and output are not a terminal");
	if (term == NULL || term[0] == '\0')
		return term_refuse(ctx, "TERM is not set");
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		snprintf(what, sizeof what, "the terminal type TERM=%.60s is unknown", term);
		return term_refuse(ctx, what);
	}
	const char *cup = tigetstr("cup");
	bool can_move = cup != NULL && cup != (char *)-1 && tigetflag("hc") <= 0;
	del_curterm(cur_term);
	if (!can_move) {
		snprintf(what, sizeof what, "TERM=%.60s cannot move the cursor", term);
		return term_refuse(ctx, what);
	}
	return 0;
}

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs != NULL && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

static void restore_seq_add(const char *cap)
{
	const char *s = tigetstr(cap);
	if (s == NULL || s == (char *)-1)
		return;
	size_t n = strlen(s);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

int ui_term_start(struct ui *ui, FILE *out, FILE *in)
{
	const char *lc = setlocale(LC_CTYPE, NULL);
	if (lc == NULL || strcmp(lc, "C") == 0)
		setlocale(LC_ALL, ""); /* main() normally did this already */
	has_saved_termios = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
	signals_install();
	term_screen = newterm(NULL, out != NULL ? out : stdout, in != NULL ? in : stdin);
	if (term_screen == NULL) {
		signals_restore();
		return term_refuse(ui->ctx, "the terminal could not be set up");
	}
	term_is_on = true;
	restore_seq_add("rmcup");
	restore_seq_add("cnorm");
	restore_seq_add("sgr0");
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	ui->is_utf8 = locale_is_utf8();
	const char *no_color = getenv("NO_COLOR");
	ui->has_color = has_colors() && (no_color == NULL || no_color[0] == '\0');
	if (ui->has_color) {
		start_color();
		use_default_colors();
	}
	return 0;
}

void ui_term_stop(void)
{
	if (!term_is_on)
		return;
	term_is_on = false;
	endwin();
	delscreen(term_screen);
	term_screen = NULL;
	signals_restore();
}
