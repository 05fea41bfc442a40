# test_dashboard_sync.sh: ^L in the dashboard syncs config "sources" (a
# vdir, and a feed nobody answers) and says what came in and what
# failed on the status line; the user's own call is busy time, not a
# row; with travel the breakfast's detail names the clash with it,
# without travel there is none; accepting with `a` writes PARTSTAT into
# the vdir file (write_back) and the database.
export TZ=UTC
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

V="$T/cal/work"
mkdir -p "$V"
for f in breakfast client-call dentist; do
	cp "$WORTHIT_TOP/tests/data/vdir/work/$f.ics" "$V/"
done
# a file that is not a calendar goes through `worthit import` (the path
# mail takes), registered by the CLI for the dashboard
printf 'title,starts_at,ends_at\nCSV lunch,2026-03-12T17:00:00Z,2026-03-12T18:00:00Z\n' >"$T/list.csv"
cat >"$T/config.json" <<JSON
{"me": ["me@example.com"], "sources": [{"path": "$T/cal", "write_back": true},
 {"url": "http://127.0.0.1:1/down.ics"}, {"path": "$T/list.csv"}]}
JSON
"$WORTHIT" --db "$DB" list >/dev/null 2>&1 || fail "cannot create $DB"

e2e_start 160 40
e2e_wait "0 pending"
e2e_keys C-l
e2e_wait "sync: 2 new, 0 updated, 0 cancelled, 2 busy, 1 problem; feed http://127.0.0.1:1/down.ics: failed"
e2e_wait "2 pending"
e2e_wait "CSV lunch"
e2e_wait "Chamber networking breakfast"
e2e_list_rows | grep -q "Client call" && fail "busy time listed as an invitation: $(e2e_screen)"
expect_eq "$(sql 'SELECT count(*) FROM busy')" 2 "busy rows"

# the default 20 min travel and 10 min prep make the 07:00-07:50
# breakfast clash with the 08:00 call; without them it does not
e2e_keys / ; e2e_type "chamber"; e2e_keys Enter
e2e_wait "/chamber: 1 shown"
e2e_wait "skip: clashes with Client call 08:00–08:30"
sql "UPDATE invitation SET travel_min = 0, prep_min = 0 WHERE title LIKE 'Chamber%'"
e2e_keys C-l
e2e_wait "Gate    none: no clash, no blocked hour"

e2e_keys a
e2e_wait "written to your calendar"
expect_eq "$(sql "SELECT status FROM invitation WHERE title LIKE 'Chamber%'")" accepted "status"
grep -q 'PARTSTAT=ACCEPTED;RSVP=' "$V/breakfast.ics" || fail "not written back: $(cat "$V/breakfast.ics")"

e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0
