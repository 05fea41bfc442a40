/*
 * app_ctx.c: failing with a message for whoever holds an app_ctx (see
 * app_ctx.h): one line on ctx->err, the status's sysexits.h code back.
 */
#include "worthit/app_ctx.h"

int app_ctx_vfail(struct app_ctx *ctx, enum wit_status st, const char *fmt, va_list ap)
{
	fputs("worthit: ", ctx->err);
	vfprintf(ctx->err, fmt, ap);
	fputc('\n', ctx->err);
	return wit_status_exit_code(st);
}

int app_ctx_fail(struct app_ctx *ctx, enum wit_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int code = app_ctx_vfail(ctx, st, fmt, ap);
	va_end(ap);
	return code;
}
