# test_dashboard_series.sh: an RRULE series is one row of the
# Invitations list (its next occurrence, "weekly ×5" for the five that
# follow); + expands it into one row per occurrence and folds it back;
# a on the folded row accepts all six in one key (r then writes ONE
# reply for the series, without RECURRENCE-ID), u undoes all six in one
# step, and an occurrence of the expanded series is declined alone.
# Then the database: the statuses and the batch of the journal.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
cat >"$T/s.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:club@test
DTSTART:20260305T230000Z
DURATION:PT1H
RRULE:FREQ=WEEKLY;COUNT=6
SUMMARY:Founders Club Evening
ORGANIZER;CN=Club:mailto:club@example.org
ATTENDEE:mailto:me@example.com
END:VEVENT
ICS
"$WORTHIT" --db "$DB" import "$T/s.ics" >/dev/null || fail "import"
export WORTHIT_EMAIL=me@example.com
e2e_start 120 40
e2e_wait "Why this score"
e2e_wait "weekly ×5"
# one row for the series: its next occurrence (17:00 in Chicago), the rhythm and count
screen=$(e2e_screen)
n=$(echo "$screen" | grep -c "05 Mar 17:00    Founders.* weekly ×5 ")
expect_eq "$n" 1 "one series row: $screen"
contains "$screen" "12 Mar 17:00 Founders" && fail "a following occurrence has its own row"

# expand, then fold
e2e_keys /
e2e_type "Club Evening"
e2e_keys Enter
e2e_wait "/Club Evening: 1 shown"
e2e_keys +
e2e_wait "one row per occurrence"
e2e_wait "Title (6, by score"
e2e_keys +
e2e_wait "Folded the series"
e2e_wait "Title (1, by score"

# one key decides the six, one u takes them back
e2e_keys a
e2e_wait 'Accepted all 6 coming occurrences of "Founders Club Evening"'
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE uid = 'club@test' AND status = 'accepted'")" 6 "all accepted"
e2e_wait "Title (0, by score"
# r right after: the one reply for the series, written to a file (f)
e2e_keys r
e2e_wait 'Send "'
e2e_keys f
e2e_wait "RSVP reply (ACCEPTED) to:"
e2e_keys C-u
e2e_type "series-reply.ics"
e2e_keys Enter
e2e_wait "Wrote the RSVP reply (ACCEPTED"
tr -d '\r' <"$T/series-reply.ics" | grep -qx 'UID:club@test' || fail "no series UID"
tr -d '\r' <"$T/series-reply.ics" | grep -q 'RECURRENCE-ID' &&
	fail "the series reply names one occurrence: $(cat "$T/series-reply.ics")"
e2e_keys u
e2e_wait 'Undid accepted of all 6 occurrences of "Founders Club Evening"'
e2e_wait "Title (1, by score"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE uid = 'club@test' AND status = 'pending'")" 6 "undo took all back"
expect_eq "$(sql "SELECT count(*), count(DISTINCT batch), sum(undone) FROM decision WHERE batch IS NOT NULL")" \
	"6|1|6" "the series step: six rows, one batch, undone"

# expanded: d declines the occurrence under the cursor alone
e2e_keys +
e2e_wait "Title (6, by score"
e2e_keys g
e2e_keys d
e2e_wait 'Declined "Founders Club Evening"'
e2e_wait "Title (5, by score" # still expanded: the other five
e2e_keys +
e2e_wait "Title (1, by score"
e2e_wait "weekly ×4"
e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code after q"
expect_eq "$(sql "SELECT status, count(*) FROM invitation WHERE uid = 'club@test' GROUP BY status ORDER BY status")" \
	"declined|1
pending|5" "one occurrence declined alone"
expect_eq "$(sql "SELECT batch IS NULL, new_status FROM decision WHERE undone = 0")" "1|declined" \
	"the single decision stands alone (and cleared the series' redo)"
exit 0
