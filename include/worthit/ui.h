/*
 * ui.h: the dashboard's entry point, free of curses so that cli.c can
 * call it. Everything else of the UI lives in view.h (curses users only).
 */
#ifndef WORTHIT_UI_H
#define WORTHIT_UI_H

#include "worthit/app_ctx.h"

/*
 * Run the dashboard until the user quits. Loads what ctx lacks (config,
 * database, now) the way commands get them. Returns a sysexits.h code:
 * 0 on q; EX_CONFIG (78) when the terminal cannot run a full-screen
 * program (not a terminal, TERM=dumb or unknown) with a message on
 * ctx->err pointing at the CLI; 128 + signal number after SIGINT,
 * SIGTERM or SIGHUP, with the terminal restored.
 */
int ui_main(struct app_ctx *ctx);

/* When the dashboard has the terminal, give it back as it was (normal
 * screen, cursor, tty modes) with async-signal-safe calls only, for a
 * process about to end abruptly (out of memory). Else nothing. */
void ui_term_restore_now(void);

#endif
