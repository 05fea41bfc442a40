# test_score.sh: `score`, `why`, `weights` and `decide` on a small
# hand-made database: the user and the meetup of docs/scoring.md's
# first worked example, here with its history, contacts and committed
# hours coming from the database (score v2 by hand below), a 6:30 card
# swap that clashes with an accepted board meeting (a gate), and the
# weights round trip through the config file.
. "$WORTHIT_TOP/tests/lib.sh"

CFG="$T/config.json"
cat >"$CFG" <<'JSON'
{
  "hourly_rate": 150,
  "currency": "USD",
  "scope": "local",
  "profile": {
    "industry": { "weight": 0.5, "segments": { "legal": 1, "accounting": 0.6 } },
    "role": { "weight": 0.3, "segments": { "partner": 1, "owner": 0.5 } },
    "company_size": { "weight": 0.2, "segments": { "small": 0.8, "medium": 1 } },
    "region": { "weight": 0, "segments": {} }
  },
  "target_domains": [ "bigfirm.example" ],
  "availability": {
    "mon": ["08:00-18:00"], "tue": ["08:00-18:00"], "wed": ["08:00-18:00"],
    "thu": ["08:00-18:00"], "fri": ["08:00-18:00"], "sat": [], "sun": []
  },
  "budget": { "min_hours": 6, "max_hours": 12 }
}
JSON
W() { "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }

expect_rc 0 W list # creates the database
t() { echo "CAST(strftime('%s', '$1') AS INTEGER)"; }
ins() { # id uid title organizer kind status start end travel prep ticket attendance attendees
	sql "INSERT INTO invitation (id, uid, title, organizer, kind, status, starts_at, ends_at,
	     travel_min, prep_min, ticket_minor, currency, expected_attendance, attendees, created_at,
	     updated_at)
	     VALUES ($1, '$2', '$3', '$4', '$5', '$6', $(t "$7"), $(t "$8"), $9, ${10}, ${11}, 'USD',
	     ${12}, ${13}, 0, 0)" || fail "insert $1"
}
ins 1 u1 'Legal hackers meetup' 'Legal Hackers' meetup pending 2026-03-10T22:00:00 2026-03-11T00:00:00 30 30 2500 40 \
	"'Ann Lee <ann@lee.example>' || char(10) || 'bob@x.example'"
ins 2 u2 'Sunrise card swap' 'Sunrise' breakfast pending 2026-03-12T11:30:00 2026-03-12T13:00:00 20 0 1500 30 NULL
ins 3 u3 'Board meeting' 'Acme' other accepted 2026-03-12T12:00:00 2026-03-12T13:00:00 0 0 0 0 NULL
ins 4 u4 'Client workshop' 'Acme' other accepted 2026-03-20T14:00:00 2026-03-20T18:00:00 0 0 0 0 NULL
# history: four meetups of other organizers (10 h, 2 leads), two
# conferences of Legal Hackers (5 h, 1 lead, 1200 USD)
n=10
for spec in 'Guild meetup 0' 'Guild meetup 1' 'Dev meetup 1' 'Dev meetup 0'; do
	set -- $spec
	d=$((n - 9))
	ins $n p$n "$1 $2" "$1" meetup attended 2025-06-0${d}T23:00:00 2025-06-0${d}T23:30:00 0 0 0 10 NULL
	sql "INSERT INTO outcome (invitation_id, actual_minutes, leads, logged_at) VALUES ($n, 150, $3, 0)" || fail "outcome $n"
	n=$((n + 1))
done
ins 20 p20 'LH conf' 'Legal Hackers' conference attended 2025-05-01T14:00:00 2025-05-01T16:00:00 0 0 0 50 NULL
ins 21 p21 'LH conf 2' 'Legal Hackers' conference attended 2025-09-01T14:00:00 2025-09-01T16:00:00 0 0 0 50 NULL
sql "INSERT INTO outcome (invitation_id, actual_minutes, leads, revenue_minor, logged_at)
     VALUES (20, 150, 1, 120000, 0), (21, 150, 0, 0, 0)" || fail "outcomes"
sql "INSERT INTO audience_share (invitation_id, dimension, segment, share, second_degree)
     VALUES (1, 'industry', 'legal', 0.3, 0), (1, 'industry', 'accounting', 0.1, 0),
     (1, 'role', 'partner', 0.2, 0), (1, 'role', 'owner', 0.3, 1),
     (2, 'industry', 'legal', 0.05, 0), (2, 'role', 'owner', 0.6, 1)" || fail "shares"
sql "INSERT INTO contact (name, email, is_client, created_at) VALUES
     ('Ann Lee', 'Ann@Lee.example', 1, 0), ('Bob Ray', 'bob@x.example', 0, 0)" || fail "contacts"

# the meetup, by hand (docs/scoring.md): 6 past events with outcomes,
# 10 people met each: a buyer met (8 + 3 x 2 + 20 x 2) / (60 + 20) =
# 0.675 h; the 4 meetups (2 leads): (4 + 20 x 0.675) / (40 + 20) =
# 0.2917 h = 44 USD; room 1.0848 x 0.2917 = 0.3164; people: a client 4
# h + a warm contact 0.5 h; Legal Hackers: 2 events, 1200 USD + 1 lead:
# 10 / (2 + 2) = 2.5; V = 7.3164 x 1.5 = 10.975, C = 3.6667 + 0.75:
# 71.30, go
expect_rc 0 W score --json 1
line=$out
for want in '"id":1' '"title":"Legal hackers meetup"' '"starts_at":"2026-03-10T22:00:00Z"' \
	'"score":71.3,' '"verdict":"go"' '"conflict":false' '"gate":null' \
	'"cost":{"hours":3.5,"money":550.00,"currency":"USD","net_money":550.00}' \
	'{"name":"room","raw":0.3164,"weight":1,"contribution":2.06,"explanation":"≈1.08 buyers met (11 % of 39 others, you talk to 10) × 44 USD a buyer met = 48 USD; a buyer'"'"'s worth learned from 60 people met at past events; industry 36 %, role 22 %, company size not described (assumed 50 %)' \
	'{"name":"people","raw":4.5,"weight":1,"contribution":29.24,"explanation":"1 client × 600 USD + 1 warm contact × 75 USD = 675 USD (Ann Lee)"}' \
	'{"name":"track_record","raw":2.5,"weight":1,"contribution":16.24,"explanation":"past events: n=2 organizer → ≈375 USD per event' \
	'{"name":"balance","raw":0.5,"weight":1,"contribution":23.77,' \
	'{"name":"cost","raw":3.6667,"weight":1,"contribution":0,"explanation":"3 h 30 min (2 h event + 2 × 30 min travel + 30 min prep) at 150 USD/h = 525 USD + 25 USD ticket = 550 USD"}' \
	'{"name":"availability","raw":0.75,"weight":1,"contribution":0,"explanation":"1 h 30 min away outside your available hours × 75 USD/h extra = 112.50 USD (Tue 17:00 local)"}' \
	'{"name":"over_band","raw":0,"weight":1,"contribution":0,'; do
	contains "$line" "$want" || fail "score --json 1 lacks $want: $line"
done
# the points add up to the score
sum=$(printf '%s\n' "$line" | grep -o '"contribution":[0-9.]*' | cut -d: -f2 |
	awk '{ s += $1 } END { printf "%.1f", s }')
expect_eq "$sum" 71.3 "contributions add up"

# ranking: the meetup first; the card swap clashes with the board meeting
expect_rc 0 W score --json
expect_eq "$(echo "$out" | wc -l)" 2 "pending invitations ranked"
expect_eq "$(echo "$out" | head -n 1 | cut -c1-7)" '{"id":1' "best first"
contains "$out" '"id":2,"title":"Sunrise card swap"' || fail "card swap missing: $out"
contains "$out" '"verdict":"skip","conflict":true,"gate":{"kind":"conflict","reason":"conflicts with Board meeting (accepted)"}' ||
	fail "conflict not a gate: $out"
expect_rc 0 W score
expect_out 'Legal hackers meetup'
expect_out '! conflicts with Board meeting (accepted)'
expect_out '+ 1 client × 600 USD + 1 warm contact × 75 USD = 675 USD (Ann Lee)'
expect_rc 0 W score --limit 1
contains "$out" 'Sunrise' && fail "--limit 1 printed two rows: $out"

# why: the differences, largest first, adding up to the score gap
expect_rc 0 W why 1 2
expect_out 'A ranks above B by'
expect_out 'the people'
expect_out '! B is skip whatever its score: conflicts with Board meeting (accepted)'
expect_out '  cost  availability'
# the points of the value terms add up to the gap (69.9), within the
# rounding of the four figures printed
printf '%s\n' "$out" | sed -n 's/^ *\([+-][0-9.]*\)  .*/\1/p' |
	awk '{ s += $1 } END { exit !(s > 69.9 - 0.2 && s < 69.9 + 0.2) }' ||
	fail "differences do not add up to 69.9: $out"
expect_rc 0 W why --json 2 1
contains "$out" '"a":2,"b":1' || fail "why --json: $out"
contains "$out" '"a_ranks_above":false' || fail "why --json order: $out"

# weights: read, one-off override, set, reset
expect_rc 0 W weights --json
contains "$out" '"room":1,"people":1,"stage":1,' || fail "weights --json: $out"
contains "$out" '"second_degree_discount":0.1' || fail "weights --json knobs: $out"
expect_rc 0 W --weights people=0 score --json 1
contains "$out" '{"name":"people","raw":4.5,"weight":0,"contribution":0,' ||
	fail "--weights people=0: $out"
contains "$out" '"score":48.89,"verdict":"skip"' || fail "people removed: V = 2.8164 x 1.5 = 4.2246, C = 4.4167: $out"
expect_rc 0 W weights --json
contains "$out" '"people":1,' || fail "--weights was saved: $out"
expect_rc 0 W weights set room=5 go=65
expect_out 'room = 5 (was 1)'
expect_out 'go = 65 (was 60)'
grep -q '"room": 5' "$CFG" || fail "config not written: $(cat "$CFG")"
grep -q '"score_version": 2' "$CFG" || fail "config not v2: $(cat "$CFG")"
grep -q '"min_hours": 6' "$CFG" || fail "config lost the budget: $(cat "$CFG")"
expect_rc 0 W weights
expect_out 'room'
expect_out '5* (default 1)'
expect_rc 0 W weights reset room
expect_out 'room = 1 (was 5)'
expect_rc 0 W weights reset
expect_out 'go = 60 (was 65)'
expect_rc 64 W weights set nosuch=1
expect_err "unknown weight 'nosuch'"
expect_rc 64 W weights set room=11
expect_err 'outside 0..10'
expect_rc 64 W weights set maybe=90
expect_err 'must not exceed go'
expect_rc 64 W --weights room=x score

# decide: status, score and a weights snapshot in the journal
expect_rc 0 W --weights stage=0 decide 1 accept
expect_out '#1 Legal hackers meetup: pending -> accepted (score'
expect_eq "$(sql "SELECT status FROM invitation WHERE id = 1")" accepted "status"
expect_eq "$(sql "SELECT new_status, verdict FROM decision WHERE invitation_id = 1")" \
	"accepted|go" "decision row" # stage is 0 anyway: 71.30
snap=$(sql "SELECT weights_json FROM decision WHERE invitation_id = 1")
contains "$snap" '"stage":0' || fail "snapshot lacks the override: $snap"
contains "$snap" '"room":1' || fail "snapshot: $snap"
expect_rc 0 W score --json
contains "$out" '"id":1' && fail "decided invitation still pending: $out"

# a prospect (contact --prospect): shown in lists and JSON, valued in the score
expect_rc 0 W contact edit 'Bob Ray' --prospect
expect_rc 0 W contact show 'Bob Ray' --json
contains "$out" '"client":false,"prospect":true' || fail "contact JSON: $out"
expect_rc 0 W contact list
expect_out 'prospect'
expect_rc 0 W score --json 1
contains "$out" '"explanation":"1 client × 600 USD + 1 prospect × 900 USD = 1500 USD (Ann Lee)"' ||
	fail "prospect not valued: $out"
expect_rc 0 W contact edit 'Bob Ray' --not-prospect
expect_rc 0 W contact show 'Bob Ray' --json
contains "$out" '"prospect":false' || fail "--not-prospect: $out"

# errors
expect_rc 65 W score 999
expect_err 'no invitation 999'
expect_rc 64 W score --limit 0
expect_rc 64 W why 1
expect_rc 64 W decide 2 perhaps
expect_err "'perhaps' is not accept, decline or maybe"
exit 0
