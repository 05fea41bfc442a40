# worthit: hand-written, non-recursive GNU Makefile (tig's is the model).
# Objects go under build/, dependency files via -MMD -MP, flags from
# pkg-config. Layers are explicit object lists: the unit tests link the
# core alone, so I/O leaking into the core is a link error.
#
#   make run    set-up, build, open worthit on a demo database
#   make test   set-up, build, run every test
#   make asan   the whole test suite under ASan + UBSan
#   make bench  benchmarks, printing figures

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/worthit

BUILD ?= build
BIN ?= worthit
CC ?= cc
PKGS = ncursesw sqlite3 libcjson libical
VERSION = 0.1.0

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wmissing-prototypes \
       -Wstrict-prototypes -Wwrite-strings
ifdef CI
WARN += -Werror
endif
OPT ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)
CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -DWORTHIT_VERSION='"$(VERSION)"' -DWORTHIT_DATADIR='"$(DATADIR)"'
CFLAGS += -std=c17 $(OPT) $(WARN) $(PKG_CFLAGS) $(SAN)
LDFLAGS += $(SAN)
LDLIBS += $(PKG_LIBS) -lm

# --- layers (arrows point down only) -----------------------------------
# core: pure, no I/O (no curses, sqlite, libical, files, clock)
CORE_SRCS = src/model.c src/status.c src/xmalloc.c src/timeutil.c \
            src/score.c src/score_prepare.c src/score_target.c src/score_knob.c src/score_explain.c src/rank.c \
            src/config.c src/config_read.c src/config_merge.c src/jsonloc.c \
            src/import.c src/classify.c src/invite_csv.c src/layout.c src/theme.c src/keys.c src/attrib.c \
            src/invite_json.c src/invite_json_item.c src/invite_json_audience.c src/invite_json_write.c \
            src/fit.c src/backtest.c src/config_preset.c src/preview.c
# adapters: storage, import, paths, clock
ADAPTER_SRCS = src/clock.c src/paths.c src/file_put.c src/config_file.c \
               src/db.c src/db_schema.c src/db_invite.c src/db_invite_read.c src/db_decision.c \
               src/db_outcome.c src/db_contact.c src/db_deal.c src/db_track.c src/db_history.c \
               src/ics.c src/ics_reader.c src/ics_text.c src/ics_event.c src/ics_overrides.c src/ics_map.c src/ics_repair.c src/ics_recur.c src/ics_zone.c src/ics_winzones.c \
               src/ics_write.c src/db_import.c
ADAPTER_SRCS += src/db_journal.c src/db_review.c src/db_report.c src/db_referral.c
# app: state, commands, CLI
APP_SRCS = src/import_format.c src/import_store.c src/cmd_import.c src/cmd_export.c src/reply.c src/app_reply.c src/app.c src/app_score.c src/cli.c src/cmd.c src/text.c src/cmd_config.c src/cmd_list.c src/cmd_show.c src/cmd_undo.c src/cmd_redo.c src/cmd_journal.c \
           src/demo.c src/cmd_demo.c \
           src/score_ctx.c src/score_report.c src/cmd_score.c src/cmd_why.c src/cmd_weights.c src/cmd_decide.c src/cmd_keys.c \
           src/app_fit.c src/cmd_weights_sub.c src/cmd_weights_learn.c src/cmd_weights_preset.c src/app_weights.c
APP_SRCS += src/cmd_hist.c src/cmd_outcome.c src/cmd_review.c src/cmd_skip.c src/cmd_contact.c src/app_attrib_tree.c \
            src/cmd_deal.c src/cmd_report.c src/cmd_report_attrib.c src/app_history.c src/app_outcome.c
# ui: ncurses only here
UI_SRCS = src/ui.c src/ui_loop.c src/ui_list.c src/view_invites.c src/view_invites_reply.c src/view_detail.c src/view_help.c src/view_history.c src/view_history_form.c src/view_history_tree.c src/view_history_aggr.c src/view_weights.c src/view_weights_draw.c
MAIN_SRC = src/main.c

CORE_OBJS = $(CORE_SRCS:%.c=$(BUILD)/%.o)
ADAPTER_OBJS = $(ADAPTER_SRCS:%.c=$(BUILD)/%.o)
APP_OBJS = $(APP_SRCS:%.c=$(BUILD)/%.o)
UI_OBJS = $(UI_SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS = $(CORE_OBJS) $(ADAPTER_OBJS) $(APP_OBJS) $(UI_OBJS)
ALL_OBJS = $(LIB_OBJS) $(BUILD)/src/main.o

# tests: tests/unit/test_*.c link the core only; tests/integration/
# test_*.c link core + adapters (+ app).
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(wildcard tests/unit/test_*.c))
INTEG_TESTS = $(patsubst tests/integration/%.c,$(BUILD)/tests/integration/%,$(wildcard tests/integration/test_*.c))
BENCH_BINS = $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/bench_*.c))

.PHONY: all deps run test check asan bench install uninstall clean check-layers

# keep test and bench objects between runs (they are intermediate files)
.SECONDARY:

all: $(BIN)

$(BIN): $(ALL_OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# V=1 shows the full command lines
ifndef V
Q = @
endif

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(CORE_OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) -lcjson -lm

$(BUILD)/tests/integration/%: $(BUILD)/tests/integration/%.o $(LIB_OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(LDLIBS)

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(BUILD)/bench/gen.o $(LIB_OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# --- set-up ------------------------------------------------------------
deps:
	@sh tests/deps.sh

# --- running -----------------------------------------------------------
DEMO_DIR = $(BUILD)/demo
run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(DEMO_DIR)
	@[ -f $(DEMO_DIR)/worthit.db ] || ./$(BIN) --db $(DEMO_DIR)/worthit.db --config $(DEMO_DIR)/config.json demo
	./$(BIN) --db $(DEMO_DIR)/worthit.db --config $(DEMO_DIR)/config.json

# --- tests -------------------------------------------------------------
test: deps
	@$(MAKE) --no-print-directory check

check: $(BIN) $(UNIT_TESTS) $(INTEG_TESTS) check-layers
	@sh tests/run.sh "$(BUILD)" "$(BIN)"

asan: deps
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	   $(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/worthit OPT='-O1 -g -fno-omit-frame-pointer' \
	   SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' check

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BINS)
	@sh bench/run.sh "$(BUILD)"

# The core must not reach for I/O: no curses, sqlite, libical, stdio
# files, clock, environment or exits.
check-layers:
	@bad=$$(grep -nE '#include *[<"](curses|ncurses|sqlite3|libical/|ical)|\b(fopen|fprintf|puts|getenv|gettimeofday|clock_gettime|localtime|printf *\(|time *\(|exit *\(|abort *\(|open *\()' \
	   $(filter-out src/xmalloc.c,$(CORE_SRCS)) | grep -v '^\S*: *\*' ; true); \
	if [ -n "$$bad" ]; then echo "check-layers: I/O in the core:"; echo "$$bad"; exit 1; fi

# --- install -----------------------------------------------------------
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR)/demo
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/worthit
	install -m 644 share/man/man1/worthit.1 $(DESTDIR)$(MANDIR)/man1/worthit.1
	for f in themes/*.json; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/themes/; done; true
	for f in share/demo/*; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/demo/; done; true

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/worthit $(DESTDIR)$(MANDIR)/man1/worthit.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan worthit

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
