/*
 * test_app_weights.c: the Weights view's state and commands
 * (app_weights.c) on the demo data, without a terminal:
 *   - a step moves a knob by its knob step, on the step grid, and says
 *     so; undo and redo walk the history with messages naming the edit;
 *   - typed values outside the knob range, non-numbers, and thresholds
 *     that would put maybe above go are refused with the reason;
 *   - the preview ranks the pending invitations exactly as
 *     cli_score_report_load (what `worthit score` prints) ranks them under
 *     the edited settings;
 *   - save writes only the edited knobs into the file as stored (an
 *     unknown key and a knob changed behind our back survive), and the
 *     app then ranks as a fresh `worthit score` does;
 *   - discard leaves the file byte-identical and is itself undoable;
 *   - presets are saved to the file and switched as undoable edits;
 *   - the suggestion fits on the demo's outcomes without touching a
 *     knob or the file; applying it sets the fitted weights; with no
 *     outcomes it refuses and suggests nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worthit/app_invites.h"
#include "worthit/app_weights.h"
#include "worthit/config_file.h"
#include "worthit/config_preset.h"
#include "worthit/db.h"
#include "worthit/demo.h"
#include "worthit/cli_score_report.h"
#include "worthit/xmalloc.h"

#define NOW 1772355600 /* 2026-03-01T09:00:00Z */

struct fixture {
	char dir[64];
	char *db_path, *cfg_path;
	struct wit_config cfg;
	struct app_ctx ctx;
	struct app app;
	struct app_weights aw;
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xcalloc(1024 * 1024, 1);
	size_t n = fread(buf, 1, 1024 * 1024 - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	fclose(f);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	char *why = NULL;
	snprintf(f->dir, sizeof f->dir, "%s/aw.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	f->db_path = xasprintf("%s/t.db", f->dir);
	f->cfg_path = xasprintf("%s/config.json", f->dir);
	const char *top = getenv("WORTHIT_TOP") ? getenv("WORTHIT_TOP") : ".";
	char *demo = xasprintf("%s/share/demo", top), *demo_cfg = xasprintf("%s/config.json", demo);
	/* the demo config plus a key worthit does not know */
	char *text = slurp(demo_cfg);
	char *brace = strchr(text, '{');
	assert_non_null(brace);
	char *with_unknown = xasprintf("{\n  \"x_custom\": [1, 2],%s", brace + 1);
	spit(f->cfg_path, with_unknown);
	free(text);
	free(with_unknown);
	bool exists = false;
	if (config_file_load(f->cfg_path, &f->cfg, &exists, &why) != WIT_OK)
		fail_msg("config: %s", why);
	f->ctx = (struct app_ctx){ .db_path = f->db_path, .config_path = f->cfg_path,
		                   .cfg = &f->cfg, .now = NOW, .out = stdout, .err = stderr };
	assert_int_equal(db_open(f->db_path, DB_OPEN_CREATE, &f->ctx.db, &why), WIT_OK);
	struct demo_summary sum;
	if (demo_load(f->ctx.db, demo, NOW, &sum, &why) != WIT_OK)
		fail_msg("demo: %s", why);
	free(demo);
	free(demo_cfg);
	setenv("WORTHIT_NOW", "2026-03-01T09:00:00Z", 1);
	app_init(&f->app, &f->ctx);
	assert_int_equal(app_load(&f->app, &why), WIT_OK);
	for (size_t r = 0; r < f->app.n_rows; r++) /* one row per occurrence, as the CLI ranks */
		if (app_row_series_more(&f->app, r) > 0) {
			app_move_to(&f->app, r);
			assert_true(app_toggle_series(&f->app));
			r = (size_t)-1;
		}
	app_move_to(&f->app, 0);
	app_weights_init(&f->aw, &f->app);
	assert_true(f->aw.n_in >= 20);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	app_weights_done(&f->aw);
	app_done(&f->app);
	db_close(f->ctx.db);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->db_path);
	free(f->cfg_path);
	free(f);
	return 0;
}

static void test_step_undo_redo(void **state)
{
	struct fixture *f = *state;
	struct app_weights *aw = &f->aw;
	double was = app_weights_value(aw, KNOB_W_PEOPLE);
	char a[32], b[32], want[160];
	assert_false(app_weights_is_dirty(aw));
	app_weights_step_knob(aw, KNOB_W_PEOPLE, 1);
	double now = app_weights_value(aw, KNOB_W_PEOPLE);
	assert_true(now > was + 0.099 && now < was + 0.101);
	snprintf(want, sizeof want, "people %s -> %s",
	         app_weights_format(KNOB_W_PEOPLE, was, a, sizeof a),
	         app_weights_format(KNOB_W_PEOPLE, now, b, sizeof b));
	assert_non_null(strstr(f->app.message, want));
	assert_int_equal(app_weights_n_changed(aw), 1);
	/* on the step grid, the double nearest to what it reads (3 steps of
	 * 0.1 from 3.0 is the 3.3 of strtod, not 3.0 + 0.1 + 0.1 + 0.1) */
	app_weights_step_knob(aw, KNOB_W_PEOPLE, 2);
	snprintf(b, sizeof b, "%.1f", was + 0.3);
	assert_true(app_weights_value(aw, KNOB_W_PEOPLE) == strtod(b, NULL));
	app_weights_undo(aw);
	assert_true(app_weights_value(aw, KNOB_W_PEOPLE) == now);
	assert_non_null(strstr(f->app.message, "Undid people"));
	assert_non_null(strstr(f->app.message, "U redoes"));
	app_weights_undo(aw);
	assert_true(app_weights_value(aw, KNOB_W_PEOPLE) == was);
	assert_false(app_weights_is_dirty(aw));
	app_weights_undo(aw);
	assert_string_equal(f->app.message, "No weight edit to undo");
	app_weights_redo(aw);
	assert_true(app_weights_value(aw, KNOB_W_PEOPLE) == now);
	assert_non_null(strstr(f->app.message, "Redid people"));
	/* a new edit forgets what could be redone */
	app_weights_reset_all(aw);
	app_weights_redo(aw);
	assert_string_equal(f->app.message, "No weight edit to redo");
	/* the top of the range holds */
	app_weights_step_knob(aw, KNOB_W_STAGE, 1000);
	assert_true(app_weights_value(aw, KNOB_W_STAGE) == 10.0);
	app_weights_step_knob(aw, KNOB_W_STAGE, 1);
	assert_non_null(strstr(f->app.message, "stage is at 10.0: stage must be within 0.0..10.0"));
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct app_weights *aw = &f->aw;
	char *why = NULL;
	assert_int_equal(app_weights_set_text(aw, KNOB_W_ROOM, "12", &why), WIT_USAGE);
	assert_string_equal(why, "room must be within 0.0..10.0");
	free(why);
	why = NULL;
	assert_int_equal(app_weights_set_text(aw, KNOB_W_ROOM, "4x", &why), WIT_USAGE);
	assert_string_equal(why, "'4x' is not a number");
	free(why);
	why = NULL;
	assert_false(app_weights_is_dirty(aw));
	assert_int_equal(app_weights_set_text(aw, KNOB_GO_THRESHOLD, "60", &why), WIT_OK);
	assert_int_equal(app_weights_set_text(aw, KNOB_MAYBE_THRESHOLD, "61", &why), WIT_USAGE);
	assert_string_equal(why, "maybe cannot be above the go threshold (60)");
	free(why);
	why = NULL;
	assert_int_equal(app_weights_set_text(aw, KNOB_MAYBE_THRESHOLD, "50", &why), WIT_OK);
	assert_int_equal(app_weights_set_text(aw, KNOB_GO_THRESHOLD, "49", &why), WIT_USAGE);
	assert_string_equal(why, "go cannot be below the maybe threshold (50)");
	free(why);
	/* stepping go down stops at maybe */
	app_weights_step_knob(aw, KNOB_GO_THRESHOLD, -100);
	assert_true(app_weights_value(aw, KNOB_GO_THRESHOLD) == 50.0);
}

/* The ids of `worthit score` under settings s, in rank order. */
static int64_t *cli_order(struct fixture *f, const struct score_settings *s, size_t *n)
{
	struct wit_config *cfg = xmalloc(sizeof *cfg);
	*cfg = f->cfg;
	cfg->score = *s;
	struct app_ctx ctx = f->ctx;
	ctx.cfg = cfg;
	struct score_batch b;
	char *why = NULL;
	assert_int_equal(cli_score_report_load(&ctx, NULL, 0, &b, &why), WIT_OK);
	int64_t *ids = xcalloc(b.invs.len + 1, sizeof *ids);
	for (size_t k = 0; k < b.invs.len; k++)
		ids[k] = b.invs.items[b.order[k]].id;
	*n = b.invs.len;
	cli_score_report_done(&b);
	free(cfg);
	return ids;
}

static void assert_preview_is(struct fixture *f, const struct score_settings *s)
{
	size_t n;
	int64_t *ids = cli_order(f, s, &n);
	assert_int_equal(f->aw.preview.n, n);
	for (size_t r = 0; r < n; r++)
		assert_int_equal(f->aw.preview.items[r].id, ids[r]);
	free(ids);
}

static void test_preview_and_save(void **state)
{
	struct fixture *f = *state;
	struct app_weights *aw = &f->aw;
	char *why = NULL;
	assert_preview_is(f, &f->cfg.score);
	assert_int_equal(app_weights_set_text(aw, KNOB_W_PEOPLE, "8", &why), WIT_OK);
	struct score_settings edited = aw->edited->score;
	assert_preview_is(f, &edited);
	size_t moved = 0;
	for (size_t r = 0; r < aw->preview.n; r++)
		moved += preview_moved(&aw->preview, r) != 0;
	assert_true(moved > 0);

	/* another process changes stage meanwhile: save must keep it */
	struct wit_config *other = xmalloc(sizeof *other);
	bool exists;
	assert_int_equal(config_file_load(f->cfg_path, other, &exists, &why), WIT_OK);
	other->score.knob[KNOB_W_STAGE] = 2.5;
	assert_int_equal(config_file_save(f->cfg_path, other, &why), WIT_OK);
	free(other);

	assert_int_equal(app_weights_save(aw), WIT_OK);
	assert_non_null(strstr(f->app.message, "Saved 1 changed knob to"));
	assert_false(app_weights_is_dirty(aw));
	char *text = slurp(f->cfg_path);
	assert_non_null(strstr(text, "\"x_custom\""));
	assert_non_null(strstr(text, "\"people\": 8"));
	assert_non_null(strstr(text, "\"stage\": 2.5"));
	free(text);
	/* the app ranks as a fresh `worthit score` with what the file holds */
	struct wit_config *stored = xmalloc(sizeof *stored);
	assert_int_equal(config_file_load(f->cfg_path, stored, &exists, &why), WIT_OK);
	assert_memory_equal(&f->cfg.score, &stored->score, sizeof stored->score);
	size_t n;
	int64_t *ids = cli_order(f, &stored->score, &n);
	size_t k = 0;
	for (size_t r = 0; r < f->app.n_rows; r++)
		if (app_row(&f->app, r)->starts_at >= NOW)
			assert_int_equal(app_row(&f->app, r)->id, ids[k++]);
	assert_int_equal(k, n);
	free(ids);
	/* and the preview measures movement against the new saved ranking */
	for (size_t r = 0; r < aw->preview.n; r++)
		assert_int_equal(preview_moved(&aw->preview, r), 0);
	free(stored);
}

static void test_discard(void **state)
{
	struct fixture *f = *state;
	struct app_weights *aw = &f->aw;
	char *before = slurp(f->cfg_path);
	app_weights_step_knob(aw, KNOB_W_ROOM, -3);
	app_weights_step_knob(aw, KNOB_W_BALANCE, 2);
	assert_int_equal(app_weights_n_changed(aw), 2);
	app_weights_discard(aw);
	assert_false(app_weights_is_dirty(aw));
	assert_non_null(strstr(f->app.message, "Discarded 2 unsaved changes"));
	char *after = slurp(f->cfg_path);
	assert_string_equal(before, after);
	app_weights_undo(aw);
	assert_int_equal(app_weights_n_changed(aw), 2);
	free(before);
	free(after);
}

static void test_presets(void **state)
{
	struct fixture *f = *state;
	struct app_weights *aw = &f->aw;
	char *why = NULL;
	assert_int_equal(app_weights_set_text(aw, KNOB_W_BALANCE, "4", &why), WIT_OK);
	assert_int_equal(app_weights_preset_save(aw, "busy month"), WIT_OK);
	char *text = slurp(f->cfg_path);
	assert_non_null(strstr(text, "\"busy month\""));
	assert_non_null(strstr(text, "\"x_custom\""));
	free(text);
	/* the preset was saved, the weights were not */
	assert_true(app_weights_is_dirty(aw));
	app_weights_reset_all(aw);
	int i = config_preset_find(aw->edited, "busy month");
	assert_true(i >= 0);
	assert_int_equal(app_weights_preset_use(aw, (size_t)i), WIT_OK);
	assert_true(app_weights_value(aw, KNOB_W_BALANCE) == 4.0);
	assert_non_null(strstr(f->app.message, "Switched to preset \"busy month\""));
	app_weights_undo(aw);
	assert_non_null(strstr(f->app.message, "Undid preset \"busy month\""));
	assert_true(app_weights_value(aw, KNOB_W_BALANCE) == score_knob_info(KNOB_W_BALANCE)->def);
}

static void test_suggest(void **state)
{
	struct fixture *f = *state;
	struct app_weights *aw = &f->aw;
	char *before = slurp(f->cfg_path);
	struct score_settings knobs = aw->edited->score;
	app_weights_suggest(aw);
	const struct app_weights_suggestion *sg = &aw->suggestion;
	assert_true(sg->is_ready && sg->has_fit);
	assert_true(sg->fit.n >= FIT_MIN_EVENTS);
	assert_int_equal(sg->n_col, 3); /* decided, saved, suggest: nothing edited */
	assert_int_equal(sg->col[1].r.n, sg->fit.n);
	assert_memory_equal(&knobs, &aw->edited->score, sizeof knobs);
	assert_true(app_weights_apply_suggestion(aw));
	for (int c = 0; c < SC_COUNT; c++)
		assert_true(app_weights_value(aw, (enum score_knob)c) > sg->fit.weight[c] - 1e-9 &&
		            app_weights_value(aw, (enum score_knob)c) < sg->fit.weight[c] + 1e-9);
	char *after = slurp(f->cfg_path);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_suggest_refuses(void **state)
{
	struct fixture *f = *state;
	char *why = NULL, *path = xasprintf("%s/empty.db", f->dir);
	struct db *real = f->ctx.db;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &f->ctx.db, &why), WIT_OK);
	app_weights_suggest(&f->aw);
	db_close(f->ctx.db);
	f->ctx.db = real;
	assert_true(f->aw.suggestion.is_ready);
	assert_false(f->aw.suggestion.has_fit);
	assert_non_null(strstr(f->aw.suggestion.why, "at least 20 are needed"));
	assert_false(app_weights_apply_suggestion(&f->aw));
	assert_false(app_weights_is_dirty(&f->aw));
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_step_undo_redo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_preview_and_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_discard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_presets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suggest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suggest_refuses, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
