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
PKGS = ncursesw sqlite3 libcjson libical gmime-3.0 libcurl
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
	   $(filter-out src/core/xmalloc.c,$(CORE_SRCS)) | grep -v '^\S*: *\*' ; true); \
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
FUZZ_CFLAGS = -std=c17 -O1 -g -fno-omit-frame-pointer $(WARN) $(PKG_CFLAGS) $(FUZZ_SAN)
FUZZ_TARGETS = $(patsubst fuzz/%.c,$(FUZZ_BUILD)/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_LIB_OBJS = $(LIB_OBJS:$(BUILD)/%=$(FUZZ_BUILD)/%)

.PHONY: fuzz fuzz-smoke fuzz-clean

fuzz: $(FUZZ_TARGETS)

fuzz-smoke: fuzz
	@sh fuzz/smoke.sh

$(FUZZ_BUILD)/src/%.o: src/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CLANG   $<")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(FUZZ_LIB_OBJS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZER  $@")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJS) \
	   $(LDLIBS)

fuzz-clean:
	rm -rf $(FUZZ_BUILD)

clean: fuzz-clean

-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
