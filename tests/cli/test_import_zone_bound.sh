# test_import_zone_bound.sh: a VTIMEZONE whose rule would expand absurdly
# (FREQ=SECONDLY, MINUTELY, HOURLY, or a YEARLY rule with every BYMINUTE)
# is refused with FILE:LINE naming the TZID, at once (under `timeout 20`:
# libical used to expand such a zone for minutes, gigabytes, holding the
# database lock); nothing is written, and another writer is not blocked.
. "$WORTHIT_TOP/tests/lib.sh"
W() { "$WORTHIT" --db "$DB" "$@"; }

zone_file() { # RRULE -> 400-byte calendar on stdout
	cat <<ICS
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VTIMEZONE
TZID:Evil/Zone
BEGIN:STANDARD
DTSTART:19700101T000000
RRULE:$1
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:evil-1@test
DTSTAMP:20260101T000000Z
DTSTART;TZID=Evil/Zone:20260310T100000
DTEND;TZID=Evil/Zone:20260310T110000
SUMMARY:Breakfast
END:VEVENT
END:VCALENDAR
ICS
}

expect_rc 0 W list
before=$(sqlite3 "$DB" .dump | sha256sum)
for rule in FREQ=SECONDLY FREQ=MINUTELY FREQ=HOURLY 'FREQ=DAILY' \
	'FREQ=YEARLY;BYMINUTE=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15'; do
	zone_file "$rule" >"$T/evil.ics"
	[ "$(wc -c <"$T/evil.ics")" -lt 500 ] || fail "the calendar is not small"
	run timeout 20 "$WORTHIT" --db "$DB" import "$T/evil.ics"
	[ "$rc" -eq 65 ] || fail "$rule: exit $rc (124 = hung), expected 65; stderr: $err"
	expect_err "$T/evil.ics:4: VTIMEZONE \"Evil/Zone\": STANDARD rule"
	expect_err "zone refused"
	expect_eq "$(sqlite3 "$DB" .dump | sha256sum)" "$before" "database after $rule"
done

# --skip-bad: the event is still imported, its zone unknown (local time)
zone_file FREQ=SECONDLY >"$T/evil.ics"
run timeout 20 "$WORTHIT" --db "$DB" import --skip-bad "$T/evil.ics"
[ "$rc" -eq 65 ] || fail "--skip-bad: exit $rc, expected 65; stderr: $err"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE uid = 'evil-1@test'")" 1 "skip-bad row"

# a real yearly zone still works
cat >"$T/good.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VTIMEZONE
TZID:Custom/Zone
BEGIN:STANDARD
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:good-1@test
DTSTART;TZID=Custom/Zone:20260710T100000
DTEND;TZID=Custom/Zone:20260710T110000
SUMMARY:Meetup
END:VEVENT
END:VCALENDAR
ICS
expect_rc 0 timeout 20 "$WORTHIT" --db "$DB" import "$T/good.ics"
# 10:00 at +02:00 is 08:00 UTC
expect_eq "$(sql "SELECT starts_at FROM invitation WHERE uid = 'good-1@test'")" \
	"$(date -u -d 2026-07-10T08:00:00Z +%s)" "custom zone start"
rm -rf "$T"
