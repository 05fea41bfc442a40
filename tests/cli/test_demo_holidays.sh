# test_demo_holidays.sh: the demo keeps its invitations off US public
# holidays. Created on days just before Memorial Day, July 4 (a
# Saturday in 2026, observed Friday 3), Thanksgiving and Christmas, no
# invitation that is not marked "weekend" starts on a holiday or a
# weekend; the same day gives the same dates (deterministic).
. "$WORTHIT_TOP/tests/lib.sh"

export TZ=America/Chicago
# the holidays of 2025 to 2027 the demo's dates can reach, by hand
holidays="2025-01-01 2025-01-20 2025-02-17 2025-05-26 2025-06-19 2025-07-04 2025-09-01
2025-10-13 2025-11-11 2025-11-27 2025-11-28 2025-12-24 2025-12-25 2025-12-31 2026-01-01
2026-01-19 2026-02-16 2026-05-25 2026-06-19 2026-07-03 2026-07-04 2026-09-07 2026-10-12
2026-11-11 2026-11-26 2026-11-27 2026-12-24 2026-12-25 2026-12-31 2027-01-01 2027-01-18
2027-02-15 2027-05-31 2027-06-18 2027-07-05 2027-09-06 2027-10-11 2027-11-11 2027-11-25
2027-11-26 2027-12-24 2027-12-31"
echo "$holidays" | tr ' ' '\n' | grep . >"$T/holidays"

# days DB: the start date of every invitation on a weekday (all-day
# ones are stored at midnight UTC of their date; others in local time):
# weekend-marked ones are on Saturday or Sunday and not checked
days() {
	sqlite3 "$1" "SELECT d FROM (SELECT CASE WHEN all_day
	                THEN date(starts_at, 'unixepoch') ELSE date(starts_at, 'unixepoch', 'localtime')
	                END AS d FROM invitation)
	              WHERE strftime('%w', d) NOT IN ('0', '6') ORDER BY 1"
}
for now in 2026-05-20T15:00:00Z 2026-06-30T15:00:00Z 2026-11-23T15:00:00Z 2026-12-21T15:00:00Z; do
	db="$T/demo-$now.db"
	WORTHIT_NOW=$now expect_rc 0 "$WORTHIT" --db "$db" --config "$T/c.json" demo
	days "$db" >"$T/days"
	[ "$(wc -l <"$T/days")" -ge 250 ] || fail "only $(wc -l <"$T/days") weekday invitations in $db"
	on=$(grep -xFf "$T/holidays" "$T/days" | sort -u | tr '\n' ' ')
	[ -z "$on" ] || fail "demo created at $now has invitations on holidays: $on"
	# deterministic: the same day again gives the same dates
	WORTHIT_NOW=$now expect_rc 0 "$WORTHIT" --db "$T/again.db" --config "$T/c2.json" demo
	days "$T/again.db" >"$T/days2"
	cmp -s "$T/days" "$T/days2" || fail "demo dates differ between two runs at $now"
	rm -f "$T/again.db" "$T/c2.json"
done

# and the shift is real: created the Wednesday before Thanksgiving, the
# invitation one day out (Thursday) moves to Monday the 30th, not to the
# holiday or the Friday after it
WORTHIT_NOW=2026-11-25T15:00:00Z expect_rc 0 "$WORTHIT" --db "$T/tg.db" --config "$T/c.json" demo
days "$T/tg.db" >"$T/days"
grep -qx -e 2026-11-26 -e 2026-11-27 "$T/days" && fail "invitations on Thanksgiving or the day after"
grep -qx 2026-11-30 "$T/days" || fail "nothing moved to Monday 2026-11-30"
exit 0
