# test_history_follow_up.sh: the 30- and 90-day follow-ups ("anything
# come of this?") in the dashboard, on the demo data. The header's "to
# review" counts the events awaiting an outcome plus the follow-ups due
# (plain SQL over the rule of db_review.h); the History tab lists them
# after the awaiting ones, marked 30-day and 90-day. o on one opens the
# form holding the outcome logged; Esc writes nothing; saving late deals
# settles it (gone from the list, from `worthit review`, from the
# count), and u brings it back. n settles one with nothing new, as
# `worthit review --done` does. With more due than a page (64), paging
# down loads the next page: the oldest one due shows up.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

"$WORTHIT" --db "$DB" --config "$T/config.json" demo >/dev/null 2>&1 || fail "demo failed"
W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
NOW=$(sqlite3 "$DB" "SELECT strftime('%s', '2026-03-01T09:00:00Z')")

# follow-ups due at NOW after D days (30: until end + 90 days, 90: until
# end + 180 days): attended, logged before end + D days, not dismissed
follow_ups() {
	sqlite3 "$DB" "SELECT ${2:-count(*)} FROM invitation i JOIN outcome o ON
	  o.invitation_id = i.id WHERE i.status = 'attended' AND i.ends_at + $1 * 86400 <= $NOW
	  AND $NOW < i.ends_at + (CASE $1 WHEN 30 THEN 90 ELSE 180 END) * 86400
	  AND o.logged_at < i.ends_at + $1 * 86400 AND NOT EXISTS (SELECT 1 FROM outcome_review r
	  WHERE r.invitation_id = i.id AND r.after_days = $1) ORDER BY i.starts_at DESC, i.id DESC"
}
awaiting=$(sqlite3 "$DB" "SELECT count(*) FROM invitation i WHERE status = 'accepted' AND
	ends_at <= $NOW AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.invitation_id = i.id)")
to_review() { echo $((awaiting + $(follow_ups 30) + $(follow_ups 90))); }
n30=$(follow_ups 30) n90=$(follow_ups 90) n=$(to_review)
[ "$n30" -gt 0 ] && [ "$n90" -gt 0 ] || fail "the demo has no follow-ups of both kinds"
list_rows() { e2e_screen | sed -n '3,$p' | sed 's/│.*//'; }
dump() { sqlite3 "$DB" .dump | sha256sum; }

e2e_start 120 40
e2e_wait "$n to review"
e2e_keys 2
e2e_wait "Events ("
expect_eq "$(list_rows | grep -c '30-day follow-up: o edit, n none')" "$n30" "30-day rows"
expect_eq "$(list_rows | grep -c '90-day follow-up: o edit, n none')" "$n90" "90-day rows"
# after the awaiting rows, the newest event first: a 30-day one
row=$(list_rows | sed -n "$((awaiting + 1))p")
contains "$row" "30-day follow-up" || e2e_fail_screen "row $((awaiting + 1)) is '$row'"

# the first follow-up: its outcome in the form; Esc keeps it
id=$(follow_ups 30 i.id | head -n 1)
notes=$(sqlite3 "$DB" "SELECT notes FROM outcome WHERE invitation_id = $id")
title=$(sqlite3 "$DB" "SELECT title FROM invitation WHERE id = $id")
e2e_keys g
i=0; while [ $i -lt "$awaiting" ]; do e2e_keys j; i=$((i + 1)); done
e2e_wait "30-day follow-up: anything come of this?"
e2e_detail | grep -q "#$id " || e2e_fail_screen "the detail is not #$id"
before=$(dump)
e2e_keys o
e2e_wait "Edit outcome: $title"
e2e_wait "30-day follow-up: add what came of it"
# the logged values fill the form (a long note shows its end)
logged=$(sqlite3 "$DB" "SELECT contacts_met || ' ' || rating FROM outcome WHERE invitation_id = $id")
form_holds() {
	e2e_screen | grep -q "Contacts met  *${logged% *} " &&
		e2e_screen | grep -q "Rating 1-5  *${logged#* } " &&
		e2e_screen | grep -qF -- "$(echo "$notes" | tail -c 21)"
}
e2e_wait_until form_holds
e2e_keys Escape
e2e_wait "Outcome not saved"
[ "$(dump)" = "$before" ] || fail "Esc on a follow-up's form wrote to the database"

# late news: a deal worth 2500.00; saved at NOW, which settles it
e2e_keys o
e2e_wait "Edit outcome: $title"
e2e_keys Tab Tab Tab Tab C-u; e2e_type 1; e2e_keys Tab C-u; e2e_type 2500; e2e_keys Enter
e2e_wait "Outcome updated for"
expect_eq "$(sqlite3 "$DB" "SELECT deals, revenue_minor, logged_at FROM outcome
	WHERE invitation_id = $id")" "1|250000|$NOW" "the follow-up's outcome"
e2e_wait "$((n - 1)) to review"
expect_eq "$(to_review)" "$((n - 1))" "SQL count after the edit"
W review --json | grep -q "{\"id\":$id," && fail "#$id still in 'worthit review'"
expect_eq "$(list_rows | grep -c '30-day follow-up')" "$((n30 - 1))" "30-day rows after the edit"
# the cursor stays in the follow-ups: on the next one
e2e_wait "30-day follow-up: anything come of this?"

# n: nothing new on the next one
next=$(follow_ups 30 i.id | head -n 1)
e2e_detail | grep -q "#$next " || e2e_fail_screen "the detail is not #$next"
e2e_keys n
e2e_wait "#$next: nothing came of it, follow-up settled"
expect_eq "$(sqlite3 "$DB" "SELECT after_days, reviewed_at FROM outcome_review
	WHERE invitation_id = $next")" "30|$NOW" "dismissed follow-up"
e2e_wait "$((n - 2)) to review"
W review --json | grep -q "{\"id\":$next," && fail "#$next still in 'worthit review'"
# n refuses a row awaiting its outcome
e2e_keys g n
e2e_wait 'n settles a follow-up (the rows "30-day" and "90-day")'
# u takes the late deal back: the follow-up is due again
e2e_keys u
e2e_wait "$((n - 1)) to review"
expect_eq "$(sqlite3 "$DB" "SELECT deals FROM outcome WHERE invitation_id = $id")" 0 \
	"the late deal undone"
e2e_keys q
e2e_wait_exit
e2e_stop

# 100 more due (attended 45 days ago, logged the next day): two pages
sqlite3 "$DB" "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 100)
	INSERT INTO invitation (uid, title, kind, status, starts_at, ends_at, created_at,
	updated_at) SELECT 'bulk-' || k, printf('Bulk follow-up %03d', k), 'meetup', 'attended',
	$NOW - 45 * 86400 + k * 60, $NOW - 45 * 86400 + k * 60 + 3600, 0, 0 FROM n;
	INSERT INTO outcome (invitation_id, actual_minutes, contacts_met, leads, meetings, deals,
	revenue_minor, rating, logged_at) SELECT id, 60, 0, 0, 0, 0, 0, 0, ends_at + 86400
	FROM invitation WHERE uid LIKE 'bulk-%'" || fail "cannot add follow-ups"
n=$(to_review)
[ "$(follow_ups 30)" -gt 64 ] || fail "fewer than a page of follow-ups"
e2e_start 120 40
e2e_wait "$n to review"
e2e_keys 2
e2e_wait "Events ("
# the oldest of them, past the first page (the same events are also past
# events further down: the row must be the follow-up)
last_due() { list_rows | grep -q "Bulk follow-up 001 .*30-day follow-up"; }
i=0
while [ $i -lt 6 ] && ! last_due; do
	e2e_keys PgDn; sleep 0.3; i=$((i + 1))
done
e2e_wait_until last_due
e2e_keys q
e2e_wait_exit
[ "$exit_code" = 0 ] || fail "exit $exit_code"
exit 0
