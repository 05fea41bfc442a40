# test_json_strict.sh: JSON text that C strings or doubles cannot hold
# (issue 14, items 4 and 5).
#   - a NUL in an invitation (\u0000 in the title, in UIDs, a raw 0
#     byte; array and JSON Lines shapes) is refused: exit 65,
#     FILE:LINE, nothing imported (before: "t\u0000x" stored as "t", and
#     two UIDs "a\u0000b" and "a\u0000c" collapsed into one);
#   - the config refuses \u0000 in a string and a number beyond a
#     double's range (1e999) with PATH:LINE:COL, exit 78 (before: read
#     as inf, saved as "inf" by the next `weights set`, then refused);
#   - a config with extreme but finite numbers survives `weights set`
#     and stays readable.
. "$WORTHIT_TOP/tests/lib.sh"

W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
dump() { sqlite3 "$DB" .dump | sha256sum; }
expect_rc 0 W list
before=$(dump)

# --- invitations ---------------------------------------------------------------
cat >"$T/uids.json" <<'JSON'
[
  {"uid": "a\u0000b", "title": "First", "starts_at": "2026-03-10T09:00:00Z", "duration_min": 60},
  {"uid": "a\u0000c", "title": "Second", "starts_at": "2026-03-11T09:00:00Z", "duration_min": 60}
]
JSON
expect_rc 65 W import "$T/uids.json"
expect_err "uids.json:2: invitation: a NUL character"
expect_err "uids.json:3: invitation: a NUL character"
expect_eq "$(dump)" "$before" "database after refused NUL UIDs"

cat >"$T/title.json" <<'JSON'
[{"uid": "t1@test", "title": "ok", "starts_at": "2026-03-10T09:00:00Z", "duration_min": 60},

 {"uid": "t2@test", "title": "t\u0000x", "starts_at": "2026-03-10T09:00:00Z", "duration_min": 60}]
JSON
expect_rc 65 W import "$T/title.json"
expect_err "title.json:3: invitation: a NUL character"
expect_eq "$(dump)" "$before" "database after a refused NUL title"
# an escaped backslash before u0000 is no NUL: "t\\u0000x" is text
sed 's/t\\u0000x/t\\\\u0000x/' "$T/title.json" >"$T/backslash.json"
expect_rc 0 W import "$T/backslash.json"
expect_eq "$(sql "SELECT title FROM invitation WHERE uid = 't2@test'")" 't\u0000x' "escaped backslash"
before=$(dump)

printf '{"uid": "l1@test", "title": "fine", "starts_at": "2026-03-12T09:00:00Z", "duration_min": 60}\n{"uid": "l2@test", "title": "bad\\u0000", "starts_at": "2026-03-12T09:00:00Z", "duration_min": 60}\n' >"$T/lines.jsonl"
expect_rc 65 W import "$T/lines.jsonl"
expect_err "lines.jsonl:2: invitation: a NUL character"
printf '[{"uid": "r1@test", "title": "t\000x", "starts_at": "2026-03-12T09:00:00Z", "duration_min": 60}]\n' >"$T/raw.json"
expect_rc 65 W import "$T/raw.json"
expect_err "raw.json:1: invitation: a NUL character"
expect_eq "$(dump)" "$before" "database after refused NUL input"

# --- the config ------------------------------------------------------------------
printf '{\n  "hourly_rate": 150,\n  "x_note": 1e999\n}\n' >"$T/config.json"
cp "$T/config.json" "$T/config.orig"
expect_rc 78 W list
expect_err "$T/config.json:3:13: number 1e999 is too large"
expect_rc 78 W weights set room=3
cmp -s "$T/config.json" "$T/config.orig" || fail "a refused config was changed"
printf '{\n  "x_note": -1e400\n}\n' >"$T/config.json"
expect_rc 78 W list
expect_err "config.json:2:13: number -1e400 is too large"

printf '{\n  "hourly_rate": 150,\n  "x_note": "a\\u0000b"\n}\n' >"$T/config.json"
expect_rc 78 W list
expect_err "$T/config.json:3:15: a NUL character (\\u0000) is not allowed in a string"
printf '{"me": ["me\\u0000@example.com"]}\n' >"$T/config.json"
expect_rc 78 W list
expect_err "config.json:1:12: a NUL character"

# finite extremes: saved and read back
printf '{\n  "hourly_rate": 150,\n  "x_big": 1.7976931348623157e308,\n  "x_small": -1e-999,\n  "x_tiny": 5e-324\n}\n' >"$T/config.json"
expect_rc 0 W weights set room=3
expect_rc 0 W list
expect_rc 0 W weights --json
expect_out '"room":3'
grep -q '"x_big": 1.7976931348623157e+308' "$T/config.json" || fail "x_big not kept: $(head -5 "$T/config.json")"
grep -q '"x_tiny": 4.94065645841247e-324' "$T/config.json" || fail "x_tiny not kept: $(head -6 "$T/config.json")"
exit 0
