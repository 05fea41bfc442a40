# worthit: hand-written, non-recursive GNU Makefile (tig's is the model).
# Objects go under build/, dependency files via -MMD -MP, flags from
# pkg-config. Layers are explicit object lists: the unit tests link the
# core alone, so I/O leaking into the core is a link error.
#
#   make run    set-up, build, open worthit on a demo database
#   make test   set-up, build, run every test
#   make asan   the whole test suite under ASan + UBSan
#   make coverage  the suite on an instrumented build; line and branch
#               coverage per layer folder
#   make check-layers  what the core calls and what each folder includes
#   make bench  benchmarks, printing figures

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/worthit

BUILD ?= build
BIN ?= worthit
CC ?= cc
PKGS = ncursesw sqlite3 libcjson libical gmime-3.0 libcurl
VERSION = 0.1.0

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wmissing-prototypes \
       -Wstrict-prototypes -Wwrite-strings
ifdef CI
WARN += -Werror
endif

# The user's (and packager's) variables are CFLAGS, CPPFLAGS, LDFLAGS and
# LDLIBS: `make CFLAGS=-g` or `make CPPFLAGS=-DX` replace them and the
# build still works, because what worthit needs (include paths, the
# language standard, the libraries) sits in the WIT_* variables, which
# come first on every command line so the user's flags can override.
CFLAGS ?= -O2 -g
# cJSON is included one way everywhere, <cjson/cJSON.h>: its pkg-config
# directory (.../include/cjson) is replaced by its parent, so a bare
# <cJSON.h> does not compile.
PKG_CFLAGS := $(patsubst -I%/cjson,-I%,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

# Release hardening. Not in the sanitizer or coverage builds, which set
# HARDEN= (ASan has its own stack checks, and fortified libc calls hide
# accesses from it). _FORTIFY_SOURCE needs an
# optimised build: level 3 where the C library supports it, else 2;
# nothing at -O0. `make HARDEN=` turns all of it off.
FORTIFY_LEVEL := $(shell printf '\043include <stdio.h>\n\043if __USE_FORTIFY_LEVEL < 3\n\043error\n\043endif\n' | \
                   $(CC) -O2 -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3 -E - >/dev/null 2>&1 && echo 3 || echo 2)
HARDEN = -fstack-protector-strong \
         $(if $(filter -O1 -O2 -O3 -Os -Og -Ofast -Oz,$(CFLAGS)),-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=$(FORTIFY_LEVEL))
comma := ,
HARDEN_LD = $(if $(HARDEN),-Wl$(comma)-z$(comma)relro -Wl$(comma)-z$(comma)now)

WIT_CPPFLAGS = -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
               -DWORTHIT_VERSION='"$(VERSION)"' -DWORTHIT_DATADIR='"$(DATADIR)"' \
               $(PKG_CFLAGS)
WIT_CFLAGS = -std=c17 $(WARN) $(HARDEN) $(SAN)
WIT_LDFLAGS = $(HARDEN_LD) $(SAN)
WIT_LIBS = $(PKG_LIBS) -lm

# --- layers (arrows point down only; ARCHITECTURE.md) ------------------
# One folder per layer; the object lists come from the folders.
#   core   pure: no I/O, no clock, no libraries but libc and cJSON
#   store  SQLite
#   io     files, iCalendar, paths, clock, config file
#   app    state and commands shared by the CLI and the dashboard
#   cli    one file per command
#   tui    ncurses only
CORE_SRCS = $(sort $(wildcard src/core/*.c))
STORE_SRCS = $(sort $(wildcard src/store/*.c))
IO_SRCS = $(sort $(wildcard src/io/*.c))
APP_SRCS = $(sort $(wildcard src/app/*.c))
CLI_SRCS = $(sort $(wildcard src/cli/*.c))
UI_SRCS = $(sort $(wildcard src/tui/*.c))
ADAPTER_SRCS = $(STORE_SRCS) $(IO_SRCS)
APP_SRCS += $(CLI_SRCS)
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

.PHONY: all deps run demo-fresh test check asan coverage bench install uninstall clean check-layers completions

# keep test and bench objects between runs (they are intermediate files)
.SECONDARY:

all: $(BIN)

$(BIN): $(ALL_OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(WIT_LDFLAGS) $(LDFLAGS) -o $@ $^ $(WIT_LIBS) $(LDLIBS)

# V=1 shows the full command lines
ifndef V
Q = @
endif

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(WIT_CPPFLAGS) $(CPPFLAGS) $(WIT_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(CORE_OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(WIT_LDFLAGS) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) -lcjson -lm $(LDLIBS)

$(BUILD)/tests/integration/%: $(BUILD)/tests/integration/%.o $(LIB_OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(WIT_LDFLAGS) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(WIT_LIBS) $(LDLIBS)

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(BUILD)/bench/gen.o $(LIB_OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(WIT_LDFLAGS) $(LDFLAGS) -o $@ $^ $(WIT_LIBS) $(LDLIBS)

# --- set-up ------------------------------------------------------------
deps:
	@sh tests/deps.sh

# --- running -----------------------------------------------------------
DEMO_DIR = $(BUILD)/demo
run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(DEMO_DIR)
	@$(MAKE) --no-print-directory demo-fresh
	./$(BIN) --db $(DEMO_DIR)/worthit.db --config $(DEMO_DIR)/config.json

# The demo's dates are relative to the day it was made: rebuild it when
# fewer of its invitations are still to come than the demo files hold
# (sqlite3 counts both, the files through its JSON functions).
DEMO_WANT = SELECT count(*) FROM json_each(readfile('share/demo/invitations.json'), '$$.invitations') \
            WHERE json_extract(value, '$$.day_offset') > 0
DEMO_HAVE = SELECT count(*) FROM invitation WHERE starts_at > CAST(strftime('%s', 'now') AS INTEGER)
demo-fresh: $(BIN)
	@mkdir -p $(DEMO_DIR)
	@db=$(DEMO_DIR)/worthit.db; demo="./$(BIN) --db $$db --config $(DEMO_DIR)/config.json demo"; \
	if [ ! -f "$$db" ]; then $$demo; exit; fi; \
	want=$$(sqlite3 :memory: "$(DEMO_WANT)"); have=$$(sqlite3 "$$db" "$(DEMO_HAVE)"); \
	if [ -n "$$want" ] && [ "$${have:-0}" -lt "$$want" ]; then \
		echo "demo: $$have of its $$want upcoming invitations still to come; rebuilding it"; \
		$$demo --force; \
	fi

# --- tests -------------------------------------------------------------
test: deps
	@$(MAKE) --no-print-directory check

check: $(BIN) $(UNIT_TESTS) $(INTEG_TESTS) check-layers
	@sh tests/run.sh "$(BUILD)" "$(BIN)"

asan: deps
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	   $(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/worthit HARDEN= CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	   SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' check

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BINS)
	@sh bench/run.sh "$(BUILD)"

# What the core objects really call (nm -u against an allowlist) and
# what every folder includes (a matrix): tests/check_layers.sh, rules in
# ARCHITECTURE.md. Run by `make check` (so by `make test` and `make asan`).
check-layers: $(CORE_OBJS)
	@sh tests/check_layers.sh "$(BUILD)"

# Line and branch coverage per layer folder: an instrumented build of its
# own in build-cov, the whole suite (WORTHIT_TESTS narrows it), then gcov.
coverage: deps
	@rm -f $$(find build-cov -name '*.gcda' 2>/dev/null)
	@$(MAKE) --no-print-directory BUILD=build-cov BIN=build-cov/worthit HARDEN= \
	   CFLAGS='-O0 -g' SAN='--coverage' check; rc=$$?; \
	 sh tests/coverage.sh build-cov; exit $$rc

# --- shell completions, generated from the command table ----------------
COMPLETIONS = $(BUILD)/completions/worthit.bash $(BUILD)/completions/_worthit \
              $(BUILD)/completions/worthit.fish
completions: $(COMPLETIONS)

$(BUILD)/completions/worthit.bash: $(BIN)
	@mkdir -p $(@D)
	./$(BIN) completion bash >$@.tmp && mv $@.tmp $@
$(BUILD)/completions/_worthit: $(BIN)
	@mkdir -p $(@D)
	./$(BIN) completion zsh >$@.tmp && mv $@.tmp $@
$(BUILD)/completions/worthit.fish: $(BIN)
	@mkdir -p $(@D)
	./$(BIN) completion fish >$@.tmp && mv $@.tmp $@

# --- install -----------------------------------------------------------
# Every step must succeed: a failed copy fails the install.
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d
THEMES = $(wildcard themes/*.json)
DEMO_DATA = $(wildcard share/demo/*)

install: $(BIN) $(COMPLETIONS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/themes \
	   $(DESTDIR)$(DATADIR)/demo $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/worthit
	install -m 644 share/man/man1/worthit.1 $(DESTDIR)$(MANDIR)/man1/worthit.1
	$(if $(THEMES),install -m 644 $(THEMES) $(DESTDIR)$(DATADIR)/themes/)
	$(if $(DEMO_DATA),install -m 644 $(DEMO_DATA) $(DESTDIR)$(DATADIR)/demo/)
	install -m 644 $(BUILD)/completions/worthit.bash $(DESTDIR)$(BASHCOMPDIR)/worthit
	install -m 644 $(BUILD)/completions/_worthit $(DESTDIR)$(ZSHCOMPDIR)/_worthit
	install -m 644 $(BUILD)/completions/worthit.fish $(DESTDIR)$(FISHCOMPDIR)/worthit.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/worthit $(DESTDIR)$(MANDIR)/man1/worthit.1 \
	   $(DESTDIR)$(BASHCOMPDIR)/worthit $(DESTDIR)$(ZSHCOMPDIR)/_worthit \
	   $(DESTDIR)$(FISHCOMPDIR)/worthit.fish
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-cov worthit

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# --- fuzzing (fuzz/, issue 14) -----------------------------------------
# Kept in one block at the end: the top of this file belongs to the
# build. `make fuzz` compiles every layer but the dashboard's entry with
# clang (ASan + UBSan, libFuzzer's coverage) into build-fuzz/ and links
# each fuzz/fuzz_TARGET.c into build-fuzz/fuzz_TARGET. fuzz/smoke.sh runs
# each one for FUZZ_SECONDS (60). A new target is one more fuzz_*.c (and
# its corpus and dictionary): nothing to add here.
FUZZ_BUILD = build-fuzz
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined
# warnings shown, never fatal here: clang warns where gcc (the -Werror
# build) does not, and a new clang warning must not stop the fuzz run
FUZZ_CFLAGS = -std=c17 -O1 -g -fno-omit-frame-pointer $(filter-out -Werror,$(WARN)) $(FUZZ_SAN)
FUZZ_TARGETS = $(patsubst fuzz/%.c,$(FUZZ_BUILD)/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_LIB_OBJS = $(LIB_OBJS:$(BUILD)/%=$(FUZZ_BUILD)/%)

.PHONY: fuzz fuzz-smoke fuzz-clean

fuzz: $(FUZZ_TARGETS)

fuzz-smoke: fuzz
	@sh fuzz/smoke.sh

$(FUZZ_BUILD)/src/%.o: src/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CLANG   $<")
	$(Q)$(FUZZ_CC) $(WIT_CPPFLAGS) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
	   -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(FUZZ_LIB_OBJS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZER  $@")
	$(Q)$(FUZZ_CC) $(WIT_CPPFLAGS) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	   $(FUZZ_LIB_OBJS) $(WIT_LIBS) $(LDLIBS)

fuzz-clean:
	rm -rf $(FUZZ_BUILD)

clean: fuzz-clean

-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
