# test_dashboard_allday.sh: all-day events in the Invitations list are
# dates, not midnights, in every zone: at TZ=America/Chicago (west of
# UTC, where 00:00 UTC is 18:00 or 19:00 the evening before) and at
# TZ=Europe/London (01:00 in summer) the list shows "09 Apr, all day"
# and the span "13–15 May", never "08 Apr 19:00" or "13 May 01:00"; an
# event of another year shows its year. Wide panes add the weekday.
# Then the database: the dates are stored as 00:00 UTC (model.h).
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
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
ICS
"$WORTHIT" --db "$DB" import "$T/a.ics" >/dev/null || fail "import"
# beyond the import window: written as the importer stores a DATE
sql "INSERT INTO invitation (uid, title, starts_at, ends_at, all_day, created_at, updated_at)
	VALUES ('far@test', 'Far Future Fair', strftime('%s', '2027-01-15'),
	strftime('%s', '2027-01-16'), 1, 0, 0)"
expect_eq "$(sql "SELECT uid, starts_at % 86400, ends_at - starts_at, all_day FROM invitation
	WHERE uid LIKE '%@test' ORDER BY starts_at")" "expo@test|0|86400|1
days@test|0|259200|1
far@test|0|86400|1" "all-day events stored as dates (00:00 UTC)"

# the list's row of a title: date column and title (left pane)
row_of() { e2e_screen | sed -n '3,$p' | sed 's/│.*//' | grep "$1"; }

for zone in America/Chicago Europe/London; do
	export TZ=$zone
	e2e_start 120 40
	e2e_wait "Why this score"
	e2e_wait "Spring Trade"
	row=$(row_of "Spring Trade")
	contains "$row" "09 Apr, all day" || fail "$zone: expo row: $row"
	row=$(row_of "Legal Tech Days")
	contains "$row" "13–15 May " || fail "$zone: span row: $row"
	row=$(row_of "Far Future Fair")
	contains "$row" "15 Jan 2027 " || fail "$zone: other year: $row"
	screen=$(e2e_screen)
	for wrong in "08 Apr 19:00" "08 Apr 18:00" "09 Apr 01:00" "13 May 01:00" "12 May 19:00" \
		"14 Jan 18:00"; do
		contains "$screen" "$wrong" && fail "$zone shows a midnight: $wrong"
	done
	# a pane wide enough for the weekday: "Thu 09 Apr, all day"
	e2e_resize 96 30
	e2e_wait "Thu 09 Apr, all day"
	e2e_wait "13–15 May, all day"
	e2e_keys q
	e2e_wait_exit
	expect_eq "$exit_code" 0 "$zone: exit code"
	e2e_stop
done
exit 0
