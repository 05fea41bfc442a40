# test_outcome.sh: `outcome`, `skip`, `review`, `contact`, `deal`,
# `report` and `undo` from the command line on a small hand-made
# database. Every bad value (negative hours, rating 9, revenue "abc",
# unknown ids and contacts, dates that are not dates) must exit 65 with
# a message naming the value and leave the database byte-for-byte as it
# was (compared through `sqlite3 .dump | sha256sum`); then the good paths,
# the CSV (RFC 4180: header row, CRLF, quoting) and JSON Lines shapes of
# report, and undo of an outcome together with its "attended".
. "$WORTHIT_TOP/tests/lib.sh"

CFG="$T/config.json"
printf '{"currency": "USD", "budget": {"min_hours": 2, "max_hours": 4}}\n' >"$CFG"
W() { "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }

expect_rc 0 W list # creates the database
t() { echo "CAST(strftime('%s', '$1') AS INTEGER)"; }
ins() { # id uid title organizer kind status start end
	sql "INSERT INTO invitation (id, uid, title, organizer, kind, status, starts_at, ends_at,
	     travel_min, prep_min, created_at, updated_at)
	     VALUES ($1, '$2', '$3', '$4', '$5', '$6', $(t "$7"), $(t "$8"), 15, 15, 0, 0)" ||
		fail "insert $1"
}
ins 1 u1 'Legal hackers meetup' 'Legal Hackers' meetup accepted 2026-02-10T23:00:00 2026-02-11T01:00:00
ins 2 u2 'Chamber breakfast' 'Chamber, "Downtown"' breakfast accepted 2026-02-12T13:00:00 2026-02-12T14:30:00
ins 3 u3 'Future conference' 'Conf Co' conference accepted 2026-04-01T14:00:00 2026-04-01T22:00:00
ins 4 u4 'Pending lunch' 'Org' lunch pending 2026-02-01T18:00:00 2026-02-01T19:00:00
sql "INSERT INTO decision (invitation_id, decided_at, old_status, new_status, score, verdict)
     VALUES (1, 0, 'pending', 'accepted', 72.5, 'go'), (2, 0, 'pending', 'accepted', 41, 'maybe')"

dump() { sqlite3 "$DB" .dump | sha256sum; }

# bad: exit 65, message naming the value, nothing written
bad() { # expected-message args...
	msg=$1; shift
	before=$(dump)
	expect_rc 65 W "$@"
	expect_err "$msg"
	[ "$(dump)" = "$before" ] || fail "'$*' changed the database"
}
bad '--hours: "-2"' outcome 1 --hours -2
bad '--hours: "abc"' outcome 1 --hours abc
bad '--hours: "1001"' outcome 1 --hours 1001
bad '--rating: "9"' outcome 1 --rating 9
bad '--rating: "0"' outcome 1 --rating 0
bad '--revenue: "abc"' outcome 1 --revenue abc
bad '--revenue: "-5"' outcome 1 --revenue -5
bad '--revenue: "12.345"' outcome 1 --revenue 12.345
bad '--leads: "-1"' outcome 1 --leads -1
bad '--deals: "2x"' outcome 1 --deals 2x
bad 'no invitation with id 99' outcome 99 --hours 2
bad 'starts on 2026-04-01' outcome 3 --hours 2
# a malformed id is a usage error (64), worded as in every command (test_cli_ids.sh)
before=$(dump)
expect_rc 64 W outcome abc --hours 2
expect_err '"abc" is not an invitation id (a positive number)'
[ "$(dump)" = "$before" ] || fail "'outcome abc' changed the database"
# every bad field is reported, not only the first
bad '--rating: "9"' outcome 1 --hours -1 --rating 9 --revenue abc
expect_err '--hours: "-1"'
expect_err '--revenue: "abc"'
bad 'no invitation with id 42' skip 42
bad 'starts on 2026-04-01' skip 3
bad 'is pending' skip 4
bad 'no contact "Nobody"' deal add --contact Nobody --amount 100 --date 2026-02-20
bad 'no contact with id 9' deal add --contact 9 --amount 100
bad 'no contact "Nobody"' contact add Zed --referred-by Nobody
bad 'no invitation with id 77' contact add Zed --met-at 77
bad '--date: "yesterdayish"' deal add --contact 1 --amount 100 --date yesterdayish
bad 'no deal with id 5' deal edit 5 --amount 10
expect_rc 0 sql "SELECT 1" # sanity: the file is readable
[ "$(sql 'SELECT count(*) FROM outcome')" = 0 ] || fail "an outcome was written"

# review: both past accepted events await an outcome, the future one not
expect_rc 0 W review
expect_out "Legal hackers meetup"
expect_out "Chamber breakfast"
contains "$out" "Future conference" && fail "future event listed for review"
expect_rc 0 W review --json
expect_eq "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2 "review --json lines"
expect_out '"review":"outcome"'

# log an outcome: marks it attended, stored to the minute and cent
expect_rc 0 W outcome 1 --hours 2.5 --contacts 6 --leads 2 --meetings 1 --deals 1 \
	--revenue 1200.50 --rating 4 --note 'met the Smith & Co partner'
expect_out "marked attended"
expect_eq "$(sql 'SELECT status FROM invitation WHERE id = 1')" attended "status"
expect_eq "$(sql 'SELECT actual_minutes, leads, revenue_minor, rating FROM outcome')" \
	"150|2|120050|4" "outcome row"
# a follow-up edit keeps what is not given
expect_rc 0 W outcome 1 --deals 2
expect_eq "$(sql 'SELECT actual_minutes, deals, revenue_minor FROM outcome')" "150|2|120050" \
	"edited outcome"
# undo takes back the edit, then the outcome with its "attended"
expect_rc 0 W undo
expect_out "outcome edit"
expect_eq "$(sql 'SELECT deals FROM outcome')" 1 "undone edit"
expect_rc 0 W undo
expect_out "accepted"
expect_eq "$(sql 'SELECT count(*) FROM outcome')" 0 "undone outcome"
expect_eq "$(sql 'SELECT status FROM invitation WHERE id = 1')" accepted "undone status"
expect_rc 0 W redo
expect_eq "$(sql 'SELECT status FROM invitation WHERE id = 1')" attended "redone status"
expect_rc 0 W redo
expect_eq "$(sql 'SELECT deals FROM outcome')" 2 "redone edit"
# the first log without --hours takes the planned time: 90 + 2 x 15 + 15 min
expect_rc 0 W outcome 2 --rating 2
expect_eq "$(sql 'SELECT actual_minutes FROM outcome WHERE invitation_id = 2')" 135 "planned"
expect_rc 65 W skip 2
expect_err "outcome logged"
ins 5 u5 'Missed mixer' 'Org' meetup accepted 2026-02-20T23:00:00 2026-02-21T01:00:00
expect_rc 0 W skip 5
expect_eq "$(sql 'SELECT status FROM invitation WHERE id = 5')" skipped "skipped"
expect_rc 0 W review
expect_out "nothing to review"
expect_rc 0 W undo
expect_eq "$(sql 'SELECT status FROM invitation WHERE id = 5')" accepted "skip undone"
expect_rc 0 W redo

# contacts and deals; Cy was introduced by two people
expect_rc 0 W contact add 'Ann Able' --company 'Able, Inc.' --email ann@able.example --met-at 1
expect_rc 0 W contact add Bo --referred-by 'ann able'
expect_rc 0 W contact add Cy --referred-by Bo --referred-by ann@able.example --client
expect_rc 0 W contact show Cy
expect_out "introduced by #1 Ann Able, #2 Bo"
expect_rc 65 W contact edit 'Ann Able' --referred-by Cy
expect_err "loop"
expect_rc 0 W deal add --contact Cy --amount 3000 --date 2026-02-20 --note 'site, "phase 1"'
expect_rc 0 W deal list --json
expect_out '"amount":"3000.00"'
expect_rc 0 W contact list --json
expect_out '"referred_by":[1,2]'

# report shapes: CSV header + CRLF + quoting, JSON Lines
expect_rc 0 W report --by organizer --csv
first=$(printf '%s\n' "$out" | head -n 1)
expect_eq "$first" "$(printf 'organizer,events,hours,contacts,leads,meetings,deals,revenue,revenue_per_hour,avg_rating,share\r')" "CSV header"
expect_out "$(printf '"Chamber, ""Downtown""",1,2.25,0,0,0,0,0.00,0.00,2.0,0.4737\r')"
expect_out "$(printf 'Legal Hackers,1,2.50,6,2,1,2,1200.50,480.20,4.0,0.5263\r')"
expect_rc 0 W report --by kind --json
expect_eq "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2 "JSON lines"
expect_out '{"kind":"meetup","events":1,"hours":2.50,"contacts":6,"leads":2,"meetings":1,"deals":2,"revenue":"1200.50","revenue_per_hour":"480.20","avg_rating":4.0,"share":0.5263,"currency":"USD"}'
expect_rc 0 W report --by month --csv
# 1200.50 over 4.75 h = 252.7368...: rounded half away from zero, never truncated
expect_out "$(printf '2026-02,2,4.75,6,2,1,2,1200.50,252.74,3.0,0.0297,above\r')"
expect_rc 0 W report
expect_out "Budget band 2-4 h/month: above."
expect_rc 0 W report --attribution --model linear --csv
# Cy's 3000 follows Cy-Bo-Ann (half: 500 each) and Cy-Ann (half: 750 each)
expect_out "$(printf '3,Cy,1 2,,1,3000.00,0.00,1250.00,linear\r')"
expect_out "$(printf '2,Bo,1,,0,0.00,3000.00,500.00,linear\r')"
expect_out "$(printf '1,Ann Able,,1,0,0.00,3000.00,1250.00,linear\r')"
expect_rc 0 W report --attribution --json
expect_out '{"origin":1,"title":"Legal hackers meetup","date":"2026-02-10","credit":"3000.00","currency":"USD","model":"first"}'
expect_rc 0 W report --calibration --json
expect_out '{"band":"60-80","events":1,"avg_hours":2.50'
expect_rc 64 W report --json --csv
expect_rc 64 W report --model linear
expect_rc 64 W report --by weekday
exit 0
