# test_import_tzid_unknown.sh: a TZID that neither the file (VTIMEZONE)
# nor the system knows is read as local time (TZ), and said once per
# file on stderr as a warning; the import still exits 0.
. "$WORTHIT_TOP/tests/lib.sh"
W() { "$WORTHIT" --db "$DB" "$@"; }

cat >"$T/a.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:u1@test
DTSTART;TZID=Foo/Bar:20260310T100000
DTEND;TZID=Foo/Bar:20260310T110000
SUMMARY:One
END:VEVENT
BEGIN:VEVENT
UID:u2@test
DTSTART;TZID=Foo/Bar:20260311T100000
DTEND;TZID=Foo/Bar:20260311T110000
SUMMARY:Two
END:VEVENT
BEGIN:VEVENT
UID:u3@test
DTSTART;TZID=Europe/Paris:20260312T100000
DURATION:PT1H
SUMMARY:Three
END:VEVENT
END:VCALENDAR
ICS
sed 's/u\([0-9]\)@test/v\1@test/' "$T/a.ics" >"$T/b.ics"

expect_rc 0 env TZ=America/Chicago "$WORTHIT" --db "$DB" import "$T/a.ics" "$T/b.ics"
expect_out "import: 6 added"
expect_eq "$(grep -c 'TZID "Foo/Bar" unknown: read as local time' "$T/err")" 2 "warnings (one per file)"
expect_err "$T/a.ics: warning: TZID \"Foo/Bar\" unknown: read as local time"
expect_err "$T/b.ics: warning: TZID \"Foo/Bar\" unknown: read as local time"
contains "$err" "Europe/Paris" && fail "a known zone was warned about: $err"
# local time: 10:00 in Chicago (CDT, -05:00 on 2026-03-10) is 15:00 UTC
expect_eq "$(sql "SELECT starts_at FROM invitation WHERE uid = 'u1@test'")" \
	"$(date -u -d 2026-03-10T15:00:00Z +%s)" "unknown zone read as local time"
rm -rf "$T"
