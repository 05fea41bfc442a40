# test_history_sort.sh: the History tab's events table sorts and filters
# like the invitations list. On the demo data, s cycles date -> revenue
# -> revenue per hour -> hours -> score -> date, and after each step the
# first past event (below the rows awaiting an outcome and the
# follow-ups) is the one plain
# SQL over the outcomes puts first, with its figure in its column; /
# keeps the rows whose title, organizer or kind holds the text (counted
# in SQL), Esc clears it and every event is back.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

"$WORTHIT" --db "$DB" --config "$T/config.json" demo >/dev/null 2>&1 || fail "demo failed"
total=$(sqlite3 "$DB" "SELECT count(*) FROM outcome")
awaiting=$(sqlite3 "$DB" "SELECT count(*) FROM invitation i WHERE status = 'accepted' AND
	starts_at < strftime('%s', '2026-03-01T09:00:00Z') AND NOT EXISTS
	(SELECT 1 FROM outcome o WHERE o.invitation_id = i.id)")

# the list's date (datefmt.h): "10 Apr 2024", the year left out in 2026
DAY="strftime('%d', i.starts_at, 'unixepoch', 'localtime') || ' ' ||
	substr('JanFebMarAprMayJunJulAugSepOctNovDec',
	       3 * strftime('%m', i.starts_at, 'unixepoch', 'localtime') - 2, 3) ||
	CASE strftime('%Y', i.starts_at, 'unixepoch', 'localtime') WHEN '2026' THEN ''
	ELSE ' ' || strftime('%Y', i.starts_at, 'unixepoch', 'localtime') END"
# "date|figure" of the first past event under an ORDER BY (ties: newer)
top() {
	sqlite3 "$DB" "SELECT $DAY || '|' || ($1) FROM outcome o
	  JOIN invitation i ON i.id = o.invitation_id ORDER BY $2 DESC, i.starts_at DESC,
	  i.id DESC LIMIT 1"
}
# the same from the screen: the first row of the left pane that is not
# awaiting, its date and column N of the six numbers (hours L D revenue
# /hour score)
first_row() {
	e2e_screen | sed -n '3,$p' | sed 's/│.*//' | grep '^[0-9][0-9] [A-Z][a-z][a-z]' |
		grep -v 'to review\|day follow-up' | head -n 1 |
		awk -v n="$1" '{ d = substr($0, 1, 11); sub(/ +$/, "", d); print d "|" $(NF - 6 + n) }'
}
check() { # WORD N EXPR ORDER [AWK: reformat the figure as C's printf does]
	e2e_wait "by $1"
	want=$(top "$3" "$4" | awk -F'|' -v OFS='|' "{ ${5:-} print }")
	got=$(first_row "$2")
	[ "$got" = "$want" ] || e2e_fail_screen "sorted by $1: first row $got, expected $want"
}

e2e_start 120 40
e2e_wait "Invitations"
e2e_keys 2
e2e_wait "Events ($total) by date"
# awaiting events come first, whatever the order
row=$(e2e_screen | sed -n "$((2 + awaiting))p")
contains "$row" "to review" || e2e_fail_screen "row $awaiting is not awaiting: $row"

e2e_keys s
check revenue 4 "(o.revenue_minor + 50) / 100" "o.revenue_minor"
e2e_keys s
check "rev/h" 5 "(o.revenue_minor * 60 / o.actual_minutes + 50) / 100" \
	"o.revenue_minor * 60 / o.actual_minutes"
e2e_keys s
check hours 1 "o.actual_minutes" "o.actual_minutes" '$2 = sprintf("%.1f", $2 / 60);'
e2e_keys s
check score 6 "printf('%.0f', (SELECT d.score FROM decision d WHERE d.invitation_id = i.id
	AND d.undone = 0 AND d.score IS NOT NULL ORDER BY d.decided_at DESC, d.id DESC LIMIT 1))" \
	"(SELECT d.score FROM decision d WHERE d.invitation_id = i.id AND d.undone = 0 AND
	d.score IS NOT NULL ORDER BY d.decided_at DESC, d.id DESC LIMIT 1)"
e2e_keys s
e2e_wait "Events ($total) by date"
e2e_wait "Sorted by date"

# the filter: title, organizer or kind, any case
match="lower(i.title) LIKE '%conference%' OR lower(coalesce(i.organizer, '')) LIKE
	'%conference%' OR i.kind LIKE '%conference%'"
n_events=$(sqlite3 "$DB" "SELECT count(*) FROM outcome o JOIN invitation i ON
	i.id = o.invitation_id WHERE $match")
# follow-ups due at now: attended, logged before end + D days, D = 30
# until end + 90 days, D = 90 until end + 180 days, not dismissed
n_rows=$(sqlite3 "$DB" "SELECT $n_events + (SELECT count(*) FROM invitation i WHERE
	status = 'accepted' AND starts_at < strftime('%s', '2026-03-01T09:00:00Z') AND NOT EXISTS
	(SELECT 1 FROM outcome o WHERE o.invitation_id = i.id) AND ($match)) + (SELECT count(*)
	FROM invitation i JOIN outcome o ON o.invitation_id = i.id, (SELECT 30 AS d, 90 AS u
	UNION ALL SELECT 90, 180) f WHERE i.status = 'attended' AND ($match) AND
	i.ends_at + f.d * 86400 <= strftime('%s', '2026-03-01T09:00:00Z') AND
	strftime('%s', '2026-03-01T09:00:00Z') < i.ends_at + f.u * 86400 AND
	o.logged_at < i.ends_at + f.d * 86400)")
[ "$n_events" -gt 0 ] && [ "$n_events" -lt "$total" ] || fail "a useless filter: $n_events"
e2e_keys /
e2e_type "ConFerence"
e2e_wait "/ConFerence  ($n_rows shown; Enter keeps, Esc clears)"
e2e_wait "Events $n_events/$total by date"
shown=$(e2e_screen | sed -n '3,$p' | sed 's/│.*//' | grep -c '^[0-9][0-9] [A-Z][a-z][a-z]')
expect_eq "$shown" "$n_rows" "rows under the filter"
e2e_keys Enter
e2e_wait "/ConFerence: $n_rows shown, Esc clears"
# the filter stays through a sort change
e2e_keys s
e2e_wait "Events $n_events/$total by revenue"
e2e_keys Escape
e2e_wait "Filter cleared"
e2e_wait "Events ($total) by revenue"
# the invitations keep their own filter
e2e_keys 1
e2e_wait "Title ("
contains "$(e2e_screen | tail -n 1)" "ConFerence" && fail "the history filter leaked into the invitations"
e2e_keys q
e2e_wait_exit
[ "$exit_code" = 0 ] || fail "exit $exit_code"
exit 0
