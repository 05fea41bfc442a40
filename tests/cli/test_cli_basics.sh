# test_cli_basics.sh: the front door: help, version, usage errors and
# their exit codes, global options before or after the command, the
# database's file modes and identity checks, list/show on real data.
. "$WORTHIT_TOP/tests/lib.sh"

expect_rc 0 "$WORTHIT" --version
expect_out "worthit "
expect_rc 0 "$WORTHIT" --help
expect_out "list"
expect_out "show"
expect_rc 64 "$WORTHIT" frobnicate
expect_err "unknown command 'frobnicate'"
expect_err "usage: worthit"
[ -z "$out" ] || fail "usage error printed on stdout"
expect_rc 64 "$WORTHIT" --bogus list
expect_err "unknown option '--bogus'"
expect_rc 64 "$WORTHIT" list --bogus
expect_rc 64 "$WORTHIT" list --db
expect_err "needs a value"
expect_rc 0 "$WORTHIT" help list
expect_out "usage: worthit list"
expect_rc 0 "$WORTHIT" list --help
expect_out "--status"
expect_rc 64 "$WORTHIT" help nosuch

# database created 0600 in a 0700 directory, global option after the command
expect_rc 0 "$WORTHIT" list --db "$T/new/dir/w.db"
expect_eq "$(stat -c %a "$T/new/dir/w.db")" 600 "db mode"
expect_eq "$(stat -c %a "$T/new/dir")" 700 "dir mode"
expect_eq "$(sqlite3 "$T/new/dir/w.db" 'PRAGMA integrity_check')" ok "integrity"
[ "$(sqlite3 "$T/new/dir/w.db" 'PRAGMA user_version')" -ge 1 ] || fail "user_version"

# default location follows XDG_DATA_HOME; WORTHIT_DB overrides it
expect_rc 0 "$WORTHIT" list
[ -f "$XDG_DATA_HOME/worthit/worthit.db" ] || fail "no db at XDG_DATA_HOME"
WORTHIT_DB="$T/env.db" expect_rc 0 "$WORTHIT" list
[ -f "$T/env.db" ] || fail "WORTHIT_DB ignored"

# a database from a newer worthit: refused, byte-identical
sqlite3 "$T/newer.db" "PRAGMA application_id = 2003399729; PRAGMA user_version = 999; CREATE TABLE x (y);"
before=$(sha256sum < "$T/newer.db")
expect_rc 74 "$WORTHIT" --db "$T/newer.db" list
expect_err "newer worthit"
expect_eq "$(sha256sum < "$T/newer.db")" "$before" "newer database changed"

# someone else's SQLite file: refused, untouched
sqlite3 "$T/other.db" "CREATE TABLE notes (t); INSERT INTO notes VALUES ('mine');"
before=$(sha256sum < "$T/other.db")
expect_rc 74 "$WORTHIT" --db "$T/other.db" list
expect_err "another program"
expect_eq "$(sha256sum < "$T/other.db")" "$before" "foreign database changed"

# a bad WORTHIT_NOW names the value
WORTHIT_NOW=yesterday expect_rc 64 "$WORTHIT" list --db "$T/a.db"
expect_err "WORTHIT_NOW='yesterday'"

# list and show on data: two invitations through JSON import
cat > "$T/two.json" <<'JSON'
[{"uid": "b1@test", "title": "Chamber breakfast", "organizer": "Chamber", "kind": "breakfast",
  "starts_at": "2026-03-03T13:30:00Z", "ends_at": "2026-03-03T15:00:00Z", "location": "Hotel"},
 {"uid": "c1@test", "title": "Legal-tech conference", "kind": "conference",
  "starts_at": "2026-03-10", "ends_at": "2026-03-12", "all_day": true}]
JSON
if "$WORTHIT" help import >/dev/null 2>&1; then
	expect_rc 0 "$WORTHIT" --db "$DB" import "$T/two.json"
	expect_rc 0 "$WORTHIT" --db "$DB" list --json
	expect_eq "$(printf '%s\n' "$out" | wc -l)" 2 "json lines"
	contains "$out" '"starts_at":"2026-03-03T13:30:00Z"' || fail "starts_at: $out"
	contains "$out" '"starts_at":"2026-03-10"' || fail "all-day date: $out"
	expect_rc 0 "$WORTHIT" --db "$DB" list
	expect_out "Chamber breakfast"
	expect_out "Tue 03 Mar 07:30" # America/Chicago, set by tests/run.sh
	expect_rc 0 "$WORTHIT" --db "$DB" show 1
	expect_out "Chamber breakfast"
	expect_rc 65 "$WORTHIT" --db "$DB" show 99
	expect_err "no invitation"
	expect_err "99"
	expect_rc 64 "$WORTHIT" --db "$DB" show abc
fi
exit 0
