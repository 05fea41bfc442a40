# test_allday_score.sh: an accepted all-day event counts all_day_hours
# (default 8) per day in the committed hours of the local month of its
# date, not 24 h in the month of its UTC midnight, and a pending evening
# event on the day before does not clash with it (app_score.c,
# invitation_local_span), at TZ=America/Chicago and Europe/London.
. "$WORTHIT_TOP/tests/lib.sh"

export WORTHIT_NOW=2026-03-01T09:00:00Z
W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
cat >"$T/a.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:expo@test
DTSTART;VALUE=DATE:20260501
DTEND;VALUE=DATE:20260502
SUMMARY:May Day Expo
END:VEVENT
BEGIN:VEVENT
UID:eve@test
DTSTART:20260501T000000Z
DURATION:PT2H
SUMMARY:Evening mixer
END:VEVENT
BEGIN:VEVENT
UID:days@test
DTSTART;VALUE=DATE:20260610
DTEND;VALUE=DATE:20260612
SUMMARY:Two-day summit
END:VEVENT
ICS
expect_rc 0 W import --to 2027-01-01 "$T/a.ics"
expo=$(sql "SELECT id FROM invitation WHERE uid = 'expo@test'")
eve=$(sql "SELECT id FROM invitation WHERE uid = 'eve@test'")
days=$(sql "SELECT id FROM invitation WHERE uid = 'days@test'")
expect_rc 0 W decide "$expo" accept
expect_rc 0 W decide "$days" accept
for zone in America/Chicago Europe/London; do
	# the expo is 1 May everywhere: 8 h of May, nothing in April
	TZ=$zone expect_rc 0 W plan 2026-05 --json
	expect_out '"committed":8,'
	TZ=$zone expect_rc 0 W plan 2026-04 --json
	expect_out '"committed":0,'
	# two days count 2 × 8 h
	TZ=$zone expect_rc 0 W plan 2026-06 --json
	expect_out '"committed":16,'
	# a knob of 6 h a day
	TZ=$zone expect_rc 0 W --weights all_day_hours=6 plan 2026-06 --json
	expect_out '"committed":12,'
done
# 19:00-21:00 in Chicago on 30 April, the evening before the expo: no
# clash (00:00 UTC of the date is 19:00 the day before there)
TZ=America/Chicago expect_rc 0 W score --json "$eve"
expect_out '"gate":null'
expect_out '"conflict":false'
TZ=America/Chicago expect_rc 0 W plan 2026-04 --json
contains "$out" "conflicts with" && fail "evening mixer clashes with the expo: $out"
exit 0
