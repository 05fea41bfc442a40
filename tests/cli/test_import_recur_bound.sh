# test_import_recur_bound.sh: an RRULE that would make libical search for
# a long time inside one call is refused at once (under `timeout 20`),
# naming FILE:LINE and the rule; nothing is written (exit 65), and with
# --skip-bad the good events of the same file are imported. The fuzz find
# (a damaged Exchange file: a floating VEVENT from 1601 with
# FREQ=HOURLY;BYDAY=-1SU;BYMONTH=10) spun inside icalrecur_iterator_next
# for over 10 s before; see src/io/ics_rule.c for the shapes.
. "$WORTHIT_TOP/tests/lib.sh"
W() { "$WORTHIT" --db "$DB" "$@"; }
REG="$WORTHIT_TOP/fuzz/regress/ics"

expect_rc 0 W list
before=$(sqlite3 "$DB" .dump | sha256sum)

# the input fuzzing found, as found
run timeout 20 "$WORTHIT" --db "$DB" import "$REG/hang-hourly-byday-ordinal-1601.ics"
[ "$rc" -eq 65 ] || fail "fuzz find: exit $rc (124 = hung), expected 65; stderr: $err"
expect_err "$REG/hang-hourly-byday-ordinal-1601.ics:9: VEVENT 04000000820STANDARD: RRULE FREQ=HOURLY;BYDAY=-1SU;BYMONTH=10 can never give an occurrence"
expect_eq "$(sqlite3 "$DB" .dump | sha256sum)" "$before" "database after the fuzz find"

event() { # UID DTSTART RRULE
	printf 'BEGIN:VEVENT\r\nUID:%s\r\nDTSTART:%s\r\nDURATION:PT1H\r\n' "$1" "$2"
	printf 'RRULE:%s\r\nSUMMARY:%s\r\nEND:VEVENT\r\n' "$3" "$1"
}
{
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n'
	event walk@test 16010101T030000 'FREQ=HOURLY;BYDAY=SU;BYMONTH=10'
	event never@test 16010101T030000 'FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=1MO'
	event good@test 20260302T090000Z 'FREQ=HOURLY;BYHOUR=9,15;BYDAY=MO;BYMONTH=3'
	printf 'END:VCALENDAR\r\n'
} >"$T/mixed.ics"
run timeout 20 "$WORTHIT" --db "$DB" import --from 2026-01-01 --to 2027-01-01 "$T/mixed.ics"
[ "$rc" -eq 65 ] || fail "mixed: exit $rc (124 = hung), expected 65; stderr: $err"
expect_err "$T/mixed.ics:4: VEVENT walk@test: RRULE FREQ=HOURLY;BYDAY=SU;BYMONTH=10 needs more than 500000 steps"
expect_err "$T/mixed.ics:11: VEVENT never@test: RRULE FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=31 can never give an occurrence"
expect_eq "$(sqlite3 "$DB" .dump | sha256sum)" "$before" "database after the mixed file"

# --skip-bad: the legitimate series is expanded as before (Mondays of
# March 2026 at 09:00 and 15:00 UTC: 2, 9, 16, 23, 30)
run timeout 20 "$WORTHIT" --db "$DB" import --skip-bad --from 2026-01-01 --to 2027-01-01 \
	"$T/mixed.ics"
[ "$rc" -eq 65 ] || fail "--skip-bad: exit $rc, expected 65; stderr: $err"
expect_eq "$(sql "SELECT count(*), min(starts_at), max(starts_at) FROM invitation WHERE uid = 'good@test'")" \
	"10|$(date -u -d 2026-03-02T09:00:00Z +%s)|$(date -u -d 2026-03-30T15:00:00Z +%s)" \
	"the legitimate series"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE uid <> 'good@test'")" 0 "refused series"

# a zone whose rule can never match is refused like the other unbounded zones
run timeout 20 "$WORTHIT" --db "$DB" import --dry-run "$REG/hang-zone-rules-never-match.ics"
[ "$rc" -eq 65 ] || fail "zone: exit $rc (124 = hung), expected 65; stderr: $err"
expect_err "$REG/hang-zone-rules-never-match.ics:4: VTIMEZONE \"W. Europe Standard Time\": STANDARD rule FREQ=YEARLY;BYMONTHDAY=30;BYMONTH=2 has no occurrence at all"

# a zone whose rules would expand into millions of changes (every day of
# every year since the year 1: 10 s and 140 MB in libical) is refused too
run timeout 20 "$WORTHIT" --db "$DB" import --dry-run "$REG/hang-zone-every-day-from-year-1.ics"
[ "$rc" -eq 65 ] || fail "zone changes: exit $rc (124 = hung), expected 65; stderr: $err"
expect_err "$REG/hang-zone-every-day-from-year-1.ics:4: VTIMEZONE \"Many\": its rules make about 1921008 changes up to 2582 (more than 100000)"

# every regression input of that kind is refused quickly
for f in "$REG"/hang-*.ics; do
	run timeout 20 "$WORTHIT" --db "$DB" import --dry-run "$f"
	[ "$rc" -eq 65 ] || fail "$f: exit $rc (124 = hung), expected 65; stderr: $err"
done
rm -rf "$T"
