# test_export_year_bounds.sh: events on the first and last days RFC 5545
# and ISO 8601 can write (0001-01-01, 9999-12-31), all-day and timed,
# survive export and re-import in iCalendar, JSON and CSV: no
# "00000000T000000" (libical's setters stop at year 3000), no all-day end
# written as "10000-01-01" (ICS gives DURATION, JSON duration_min, CSV an
# empty end, read back as one day).
. "$WORTHIT_TOP/tests/lib.sh"
W() { "$WORTHIT" --db "$DB" "$@"; }
rows() { sqlite3 "$1" "SELECT uid, starts_at, ends_at, all_day, title FROM invitation ORDER BY uid"; }
win="--from 0001-01-01T00:00:00Z --to 9999-12-31T23:59:59Z"

cat >"$T/in.json" <<'JSON'
[{"uid":"late@t","title":"Late","starts_at":"9999-12-31","all_day":true,"status":"accepted"},
 {"uid":"late2@t","title":"Late timed","starts_at":"9999-12-31T22:00:00Z","ends_at":"9999-12-31T23:59:59Z","status":"accepted"},
 {"uid":"early@t","title":"Early","starts_at":"0001-01-01","ends_at":"0001-01-03","all_day":true,"status":"accepted"},
 {"uid":"early2@t","title":"Early timed","starts_at":"0001-01-01T00:00:00Z","ends_at":"0001-01-01T01:00:00Z","status":"accepted"}]
JSON
expect_rc 0 W import $win "$T/in.json"
expect_out "4 added"
ref=$(rows "$DB")
for f in ics json csv; do
	expect_rc 0 W export --format $f -o "$T/out.$f"
	contains "$(cat "$T/out.$f")" "00000000" && fail "$f export writes year 0: $(cat "$T/out.$f")"
	contains "$(cat "$T/out.$f")" "10000-01-01" && fail "$f export writes year 10000"
	expect_rc 0 "$WORTHIT" --db "$T/$f.db" import $win "$T/out.$f"
	expect_out "4 added"
	expect_eq "$(rows "$T/$f.db")" "$ref" "rows after the $f round trip"
done
expect_out ""
grep -q '^DTSTART;VALUE=DATE:99991231' "$T/out.ics" || fail "no 99991231 DATE in: $(cat "$T/out.ics")"
grep -q '^DURATION:P1D' "$T/out.ics" || fail "the last all-day event has no DURATION"
grep -q '^DTSTART;VALUE=DATE:00010101' "$T/out.ics" || fail "no 00010101 DATE"

# a zoned time in year 9999 comes in (no zone table reaches it: UTC offset
# of the zone's last rule) and goes out again without year 0
cat >"$T/zoned.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:zoned@t
DTSTART;TZID=Europe/Paris:99990610T100000
DTEND;TZID=Europe/Paris:99990610T110000
SUMMARY:Far
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR
ICS
expect_rc 0 "$WORTHIT" --db "$T/z.db" import $win "$T/zoned.ics"
expect_rc 0 "$WORTHIT" --db "$T/z.db" export --format ics --status all -o "$T/z.ics"
contains "$(cat "$T/z.ics")" "00000000" && fail "zoned year 9999 written as year 0: $(cat "$T/z.ics")"
expect_rc 0 "$WORTHIT" --db "$T/z2.db" import $win "$T/z.ics"
expect_eq "$(rows "$T/z2.db")" "$(rows "$T/z.db")" "zoned year-9999 round trip"
rm -rf "$T"
