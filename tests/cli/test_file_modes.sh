# test_file_modes.sh: files worthit writes for the user (export -o, RSVP
# replies) are 0600 even under umask 000; a file replaced with --force
# keeps the mode its owner gave it; a group- or world-writable config
# file draws a warning on stderr, a private one none (issue 14, item 10).
. "$WORTHIT_TOP/tests/lib.sh"

W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
mode() { stat -c %a "$1"; }
umask 000

cat >"$T/in.json" <<'JSON'
[{"uid": "m1@test", "title": "Breakfast", "starts_at": "2026-03-10T09:00:00Z",
  "ends_at": "2026-03-10T10:00:00Z", "organizer": "Org <org@example.com>"}]
JSON
expect_rc 0 W import "$T/in.json"

for fmt in ics json csv; do
	expect_rc 0 W export --format "$fmt" --status pending -o "$T/out.$fmt"
	expect_eq "$(mode "$T/out.$fmt")" 600 "mode of export -o out.$fmt under umask 000"
done

# an existing file replaced with --force keeps its owner's mode
printf 'old\n' >"$T/shared.csv"; chmod 644 "$T/shared.csv"
expect_rc 0 W export --format csv -o "$T/shared.csv" --force
expect_eq "$(mode "$T/shared.csv")" 644 "mode of a replaced file"
grep -q "Breakfast" "$T/shared.csv" || fail "replaced file lacks the export"

id=$(sql "SELECT id FROM invitation WHERE uid = 'm1@test'")
WORTHIT_EMAIL=me@example.com expect_rc 0 W decide "$id" accept --reply "$T/reply.ics"
expect_eq "$(mode "$T/reply.ics")" 600 "mode of an RSVP reply under umask 000"
# no temporary files left beside them
ls "$T" | grep -q '\.tmp-' && fail "temporary file left behind: $(ls "$T")"

# the config file: world-writable, group-writable, private
printf '{"rate": 100}\n' >"$T/config.json"
chmod 666 "$T/config.json"
expect_rc 0 W list
expect_err "warning: $T/config.json is writable by everyone (mode 0666)"
chmod 620 "$T/config.json"
expect_rc 0 W list
expect_err "is writable by its group (mode 0620)"
chmod 600 "$T/config.json"
expect_rc 0 W list
contains "$err" "warning" && fail "warning for a private config: $err"
exit 0
