# test_allday.sh: `worthit list` writes dates in the dashboard's one
# style (datefmt.h): an all-day event is its date in every zone ("Thu 09
# Apr, all day", a span "13-15 May, all day"), never a local midnight of
# the evening before or 01:00; another year is written out.
. "$WORTHIT_TOP/tests/lib.sh"

W() { "$WORTHIT" --db "$DB" "$@"; }
cat >"$T/a.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:expo@test
DTSTART;VALUE=DATE:20260409
DTEND;VALUE=DATE:20260410
SUMMARY:Spring Trade Expo
END:VEVENT
BEGIN:VEVENT
UID:days@test
DTSTART;VALUE=DATE:20260513
DTEND;VALUE=DATE:20260516
SUMMARY:Legal Tech Days
END:VEVENT
BEGIN:VEVENT
UID:nye@test
DTSTART:20270101T030000Z
DURATION:PT1H
SUMMARY:New Year party
END:VEVENT
ICS
expect_rc 0 W import --to 2027-06-01 "$T/a.ics"
for zone in America/Chicago Europe/London Asia/Tokyo Pacific/Honolulu; do
	TZ=$zone expect_rc 0 W list
	expect_out "Thu 09 Apr, all day"
	expect_out "13-15 May, all day"
	for wrong in "08 Apr" "09 Apr 0" "12 May" "13 May 0"; do
		contains "$out" "$wrong" && fail "$zone: $wrong in: $out"
	done
done
# 03:00 UTC on 1 Jan 2027 is still 2026 in Chicago, 2027 in Tokyo
TZ=America/Chicago expect_rc 0 W list
expect_out "Thu 31 Dec 21:00"
TZ=Asia/Tokyo expect_rc 0 W list
expect_out "Fri 01 Jan 2027 12:00"
exit 0
