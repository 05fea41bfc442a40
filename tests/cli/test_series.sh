# test_series.sh: `worthit decide ID ... --series` on an RRULE series:
# every coming occurrence decided in one journal step (one undo takes
# them all back, one redo brings them again), past occurrences and other
# events untouched, a single occurrence still decided alone, and the
# series' RSVP reply (--reply and --send) without RECURRENCE-ID (RFC 5546 3.2.3).
. "$WORTHIT_TOP/tests/lib.sh"

W() { "$WORTHIT" --db "$DB" "$@"; }
export WORTHIT_NOW=2026-03-10T12:00:00Z
cat >"$T/s.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:club@test
DTSTART:20260303T170000Z
DURATION:PT1H
RRULE:FREQ=WEEKLY;COUNT=6
SUMMARY:Founders club
ORGANIZER;CN=Org:mailto:org@example.com
END:VEVENT
BEGIN:VEVENT
UID:single@test
DTSTART:20260320T170000Z
DURATION:PT1H
SUMMARY:One-off
END:VEVENT
ICS
expect_rc 0 W import "$T/s.ics"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE series = 'club@test'")" 6 "occurrences"
first=$(sql "SELECT id FROM invitation WHERE series = 'club@test' AND starts_at > strftime('%s','2026-03-10T12:00:00') ORDER BY starts_at LIMIT 1")
past=$(sql "SELECT id FROM invitation WHERE series = 'club@test' ORDER BY starts_at LIMIT 1")
before=$(sql "SELECT count(*) FROM decision")

# one occurrence alone
expect_rc 0 W decide "$first" maybe
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE status = 'maybe'")" 1 "one maybe"
expect_rc 0 W undo

# the whole series: the 5 to come, not the past one nor the one-off
WORTHIT_EMAIL=me@example.com expect_rc 0 W decide "$first" accept --series --reply "$T/r.ics"
expect_out "5 of 5 coming occurrences -> accepted"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE series = 'club@test' AND status = 'accepted'")" 5 "series accepted"
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $past")" pending "past occurrence untouched"
expect_eq "$(sql "SELECT status FROM invitation WHERE uid = 'single@test'")" pending "one-off untouched"
expect_eq "$(sql "SELECT count(DISTINCT batch) FROM decision WHERE undone = 0 AND batch IS NOT NULL")" 1 "one batch"
# the reply answers the series: its UID, no RECURRENCE-ID
grep -q '^METHOD:REPLY' "$T/r.ics" || fail "no METHOD:REPLY"
grep -q '^UID:club@test' "$T/r.ics" || fail "no series UID: $(cat "$T/r.ics")"
grep -q '^ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com' "$T/r.ics" || fail "no PARTSTAT"
grep -q 'RECURRENCE-ID' "$T/r.ics" && fail "a series reply names one occurrence: $(cat "$T/r.ics")"
# parsed back by an independent reader
if /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
	/usr/bin/python3 - "$T/r.ics" <<'PY' || fail "icalendar rejects the series reply"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = [c for c in cal.walk('VEVENT')]
assert len(ev) == 1 and str(ev[0]['UID']) == 'club@test' and 'RECURRENCE-ID' not in ev[0]
PY
fi

# --send mails the same one reply for the series (a fake sendmail keeps it)
cat >"$T/fake-sendmail" <<SH
#!/bin/sh
cat >"$T/mail.eml"
SH
chmod +x "$T/fake-sendmail"
WORTHIT_EMAIL=me@example.com WORTHIT_SENDMAIL="$T/fake-sendmail" \
	expect_rc 0 W decide "$first" accept --series --send
expect_out "0 of 5 coming occurrences -> accepted" # accepted already: nothing changes
grep -q 'UID:club@test' "$T/mail.eml" || fail "no series UID in the mail: $(cat "$T/mail.eml")"
grep -q 'RECURRENCE-ID' "$T/mail.eml" && fail "the mailed series reply names one occurrence"

# one undo takes all five back, one redo brings them again
expect_rc 0 W undo
expect_out "(series: 5 occurrences)"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE status <> 'pending'")" 0 "undo took the series back"
expect_rc 0 W redo
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE series = 'club@test' AND status = 'accepted'")" 5 "redo"
expect_rc 0 W undo
# then a single occurrence, then the series over it: decline all
expect_rc 0 W decide "$first" maybe
expect_rc 0 W decide "$first" decline --series
expect_out "5 of 5 coming occurrences -> declined"
expect_rc 0 W undo
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $first")" maybe "undo restores the single decision"
expect_rc 0 W undo
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE status <> 'pending'")" 0 "all back"
expect_eq "$(sql "SELECT count(*) FROM decision WHERE undone = 0")" "$before" "journal back to where it was"

# not a series, or nothing to come
one=$(sql "SELECT id FROM invitation WHERE uid = 'single@test'")
expect_rc 64 W decide "$one" accept --series
expect_err "not part of a series"
WORTHIT_NOW=2026-05-01T00:00:00Z expect_rc 65 W decide "$first" accept --series
expect_err "no occurrence"
exit 0
