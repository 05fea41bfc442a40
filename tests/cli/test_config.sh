# test_config.sh: `worthit config init|path|show`: where the config is
# looked for (--config, $WORTHIT_CONFIG, $XDG_CONFIG_HOME, ~/.config),
# the starter file (modes, never overwritten), and a malformed file
# (exit 78, "path:line:column" on stderr, file untouched).
. "$WORTHIT_TOP/tests/lib.sh"

mode() { stat -c %a "$1"; }

# --- where ---------------------------------------------------------------
expect_rc 0 env XDG_CONFIG_HOME="$T/xdg" "$WORTHIT" config path
expect_eq "$out" "$T/xdg/worthit/config.json" "XDG_CONFIG_HOME"
expect_rc 0 env -u XDG_CONFIG_HOME HOME="$T/home" "$WORTHIT" config path
expect_eq "$out" "$T/home/.config/worthit/config.json" "fallback without XDG_CONFIG_HOME"
expect_rc 0 env XDG_CONFIG_HOME=relative HOME="$T/home" "$WORTHIT" config path
expect_eq "$out" "$T/home/.config/worthit/config.json" "a relative XDG_CONFIG_HOME is ignored"
expect_rc 0 env WORTHIT_CONFIG="$T/env.json" XDG_CONFIG_HOME="$T/xdg" "$WORTHIT" config path
expect_eq "$out" "$T/env.json" "WORTHIT_CONFIG"
expect_rc 0 env WORTHIT_CONFIG="$T/env.json" "$WORTHIT" --config "$T/opt.json" config path
expect_eq "$out" "$T/opt.json" "--config before the command beats WORTHIT_CONFIG"
expect_rc 0 "$WORTHIT" config path --config="$T/after.json"
expect_eq "$out" "$T/after.json" "--config after the command"

# --- no file: the defaults -------------------------------------------------
C="$T/new/dir/config.json"
expect_rc 0 "$WORTHIT" --config "$C" config show
expect_out "does not exist: built-in defaults"
expect_out "Hourly rate     150.00 USD"
expect_out "Mon  08:00-18:00"
expect_out "Sat  not available"
[ ! -e "$T/new" ] || fail "config show created something"
expect_rc 0 "$WORTHIT" --config "$C" config show --json
expect_eq "$(printf '%s\n' "$out" | wc -l)" 1 "show --json is one line"
expect_out '"hourly_rate":150,'
expect_out '"availability":{"mon":["08:00-18:00"],'
expect_rc 0 "$WORTHIT" --config "$C" --weights room=5 config show --json
expect_out '"room":5,'

# --- init ------------------------------------------------------------------
expect_rc 0 "$WORTHIT" --config "$C" config init
expect_out "wrote $C"
[ -f "$C" ] || fail "config init wrote nothing"
expect_eq "$(mode "$C")" 600 "config file mode"
expect_eq "$(mode "$T/new/dir")" 700 "new config directory mode"
expect_eq "$(mode "$T/new")" 700 "new parent directory mode"
grep -q '"_doc": ' "$C" || fail "starter file has no _doc notes"
grep -q '"hourly_rate": 150.00,' "$C" || fail "starter file lacks the rate"
expect_rc 0 "$WORTHIT" --config "$C" config show
contains "$out" "does not exist" && fail "show still says the file is missing"
expect_out "Hourly rate     150.00 USD"
cp "$C" "$T/before.json"
expect_rc 73 "$WORTHIT" --config "$C" config init
expect_err "already exists; not overwriting it"
cmp -s "$C" "$T/before.json" || fail "a second init changed the file"
# XDG location, created from nothing
expect_rc 0 env XDG_CONFIG_HOME="$T/xdg" "$WORTHIT" config init
[ -f "$T/xdg/worthit/config.json" ] || fail "init ignored XDG_CONFIG_HOME"
expect_eq "$(mode "$T/xdg/worthit")" 700 "XDG config directory mode"

# --- malformed files ---------------------------------------------------------
B="$T/bad.json"
printf '{\n  "hourly_rate": 150,\n  "currency": "USD",\n}\n' >"$B"
cp "$B" "$T/bad.orig"
expect_rc 78 "$WORTHIT" --config "$B" config show
expect_err "$B:3:20: trailing comma before '}'"
cmp -s "$B" "$T/bad.orig" || fail "config show changed a malformed file"
expect_rc 78 "$WORTHIT" --config "$B" config show --json
expect_rc 0 "$WORTHIT" --config "$B" config path
expect_out "$B"
expect_rc 73 "$WORTHIT" --config "$B" config init
cmp -s "$B" "$T/bad.orig" || fail "config init changed a malformed file"

printf '{\n  "profile": {\n    "industry": {"segments": {"legal": 3}}\n  }\n}\n' >"$B"
expect_rc 78 "$WORTHIT" --config "$B" config show
expect_err "$B:3:31: profile.industry.segments.legal: weight must be between 0 and 1, got 3"

printf '{\n  "availability": {"mon": ["25:00-26:00"]}\n}\n' >"$B"
expect_rc 78 "$WORTHIT" --config "$B" config show
expect_err "$B:2:28: availability.mon[0]: \"25:00-26:00\": hour 25 is not between 00 and 24"

# any command that reads the config refuses it the same way
expect_rc 78 "$WORTHIT" --config "$B" --db "$DB" list
expect_err "$B:2:28:"

# unreadable and directory configs
mkdir "$T/adir"
expect_rc 78 "$WORTHIT" --config "$T/adir" config show
expect_err "is a directory"
if [ "$(id -u)" -ne 0 ]; then
	printf '{}\n' >"$T/locked.json"
	chmod 000 "$T/locked.json"
	expect_rc 66 "$WORTHIT" --config "$T/locked.json" config show
	expect_err "$T/locked.json: cannot open"
fi

# --- usage -------------------------------------------------------------------
expect_rc 64 "$WORTHIT" config
expect_err "usage: worthit config"
expect_rc 64 "$WORTHIT" config frobnicate
expect_err "config: unknown subcommand 'frobnicate' (init, path or show)"
expect_rc 64 "$WORTHIT" config path --json
expect_rc 0 "$WORTHIT" config --help
expect_out "usage: worthit config"
exit 0
