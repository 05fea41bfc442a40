#!/bin/sh
# test_add_edit.sh: `worthit add` (natural dates, duration, options,
# defaults of the config named in `show`), `worthit edit` (every kind
# of field, all or nothing, exit 64/65 with nothing written), a
# re-import of the same invitation keeping what the user edited, and
# `undo`/`redo` of an edit; attendees of an .ics are people to meet:
# the user ("me") is dropped and the room size is not their count.
. "$WORTHIT_TOP/tests/lib.sh"
export TZ=Europe/London
CFG="$T/config.json"
cat >"$CFG" <<'J'
{"me": ["me@example.com"], "places": {"Blue Bottle": 12},
 "defaults": {"travel_min": {"local": 18, "regional": 70}, "prep_min": {"coffee": 7},
              "attendance": {"breakfast": 33}}}
J
W() { "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }
dump() { sqlite3 "$DB" .dump | sha256sum; }

# ---- add ---------------------------------------------------------------
expect_rc 0 W add "Coffee with Sam" tomorrow 9:30 45m --at "Blue Bottle, Main St" \
	--with "Sam Lee <sam@x.org>" --with me@example.com
expect_out "added #1 Coffee with Sam, Mon 02 Mar 2026 09:30-10:15, coffee; score "
expect_eq "$(sql "SELECT starts_at, ends_at - starts_at, travel_min, prep_min, attendees \
	FROM invitation WHERE id = 1")" "$(( $(date -d 2026-03-02T09:30:00Z +%s) ))|2700|12|7|Sam Lee <sam@x.org>" "added row"
expect_rc 0 W show 1
expect_out "12 min each way (place \"blue bottle\")"
expect_out "Preparation  7 min (default for coffee)"
expect_out "Location     Blue Bottle, Main St (you)"
expect_out "Sam Lee <sam@x.org>"
contains "$out" "me@example.com" && fail "the user is listed among the people to meet"
# a weekday with a time, the kind's default duration, ticket in a currency
expect_rc 0 W add "Chamber breakfast" fri 7am --ticket "25 EUR" --kind breakfast
expect_out "added #2 Chamber breakfast, Fri 06 Mar 2026 07:00-08:30, breakfast"
expect_eq "$(sql "SELECT ticket_minor, currency, travel_min, expected_attendance FROM \
	invitation WHERE id = 2")" "2500|EUR|18|33" "breakfast row"
expect_rc 0 W show 2
expect_out "18 min each way (default for local events)"
expect_out "33 people (default for breakfast)"
expect_rc 0 W add "Webinar" "next tuesday" 12:00 1h --virtual --speaking --fee 300
expect_eq "$(sql "SELECT reach, travel_min, is_speaking, speaking_fee_minor FROM \
	invitation WHERE id = 3")" "virtual|0|1|30000" "virtual talk"
# bad input: nothing written
before=$(dump)
expect_rc 65 W add "X" 2026-02-30 10:00
expect_err "2026-02 has 28 days, not 30"
expect_rc 64 W add "X" tomorrow
expect_err "give a time of day"
expect_rc 64 W add "X" someday 9:30
expect_rc 65 W add "X" tomorrow 9:30 --kind brunch
expect_err 'kind: "brunch"'
expect_rc 64 W add "Only a title"
expect_eq "$(dump)" "$before" "database after refused adds"

# ---- edit --------------------------------------------------------------
expect_rc 0 W edit 2 travel_min=25 ticket=45 currency=USD expected_attendance=60 \
	kind=lunch audience=industry:legal:0.3,role:partner:0.5 "start=2026-03-06 07:30" \
	duration=1h15 attendees="Ana <ana@x.org>, bo@y.org" location="Town Hall" prep=20
expect_out "edited #2 Chamber breakfast: kind lunch,"
expect_out "now score "
expect_eq "$(sql "SELECT kind, travel_min, ticket_minor, currency, expected_attendance, \
	prep_min, ends_at - starts_at, location FROM invitation WHERE id = 2")" \
	"lunch|25|4500|USD|60|20|4500|Town Hall" "edited row"
expect_eq "$(sql "SELECT group_concat(dimension || ':' || segment || ':' || share, ',') FROM \
	(SELECT * FROM audience_share WHERE invitation_id = 2 ORDER BY dimension)")" \
	"industry:legal:0.3,role:partner:0.5" "edited audience"
expect_eq "$(sql "SELECT attendees FROM invitation WHERE id = 2")" "Ana <ana@x.org>
bo@y.org" "edited attendees"
expect_rc 0 W show 2
expect_out "Travel       local, 25 min each way (you)"
expect_out "Ticket       45.00 USD (you)"
expect_out "Audience (you)"
expect_rc 0 W show --json 2
expect_out '"origins":{"title":{"source":"user"}'
expect_out '"travel_min":{"source":"user"}'
# all or nothing: one bad value, nothing changes; each bad one named
before=$(dump)
expect_rc 65 W edit 2 travel_min=30 ticket=abc expected_attendance=-1
expect_err 'ticket: "abc" is not an amount in USD'
expect_err 'expected_attendance: "-1"'
expect_rc 64 W edit 2 travel_min=30 colour=blue
expect_err "colour: no such field"
expect_rc 65 W edit 2 audience=industry:legal:3
expect_rc 65 W edit 2 end=2026-03-01T00:00:00Z
expect_err "before the start"
expect_rc 65 W edit 99 travel_min=3
expect_rc 64 W edit 2
expect_eq "$(dump)" "$before" "database after refused edits"

# ---- undo / redo of an edit ---------------------------------------------
expect_rc 0 W undo
expect_out "undid #2 Chamber breakfast: edit of its facts"
expect_eq "$(sql "SELECT kind, travel_min, ticket_minor, currency, expected_attendance, \
	location FROM invitation WHERE id = 2")" "breakfast|18|2500|EUR|33|" "undone edit"
expect_eq "$(sql "SELECT count(*) FROM audience_share WHERE invitation_id = 2")" 0 "undone shares"
expect_eq "$(sql "SELECT source FROM fact_origin WHERE invitation_id = 2 AND \
	fact = 'travel_min'")" "default" "origin after undo"
expect_rc 0 W redo
expect_eq "$(sql "SELECT kind, travel_min, ticket_minor FROM invitation WHERE id = 2")" \
	"lunch|25|4500" "redone edit"
expect_eq "$(sql "SELECT count(*) FROM audience_share WHERE invitation_id = 2")" 2 "redone shares"

# ---- a re-import keeps what the user edited ------------------------------
cat >"$T/cal.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:bfast@test
DTSTART:20260310T090000Z
DTEND:20260310T103000Z
SUMMARY:Bar Association Breakfast
LOCATION:Blue Bottle
ORGANIZER;CN=Ann Lee:mailto:ann@bar.example
ATTENDEE;CN=Me:mailto:me@example.com
ATTENDEE:mailto:bob@example.com
ATTENDEE:mailto:cy@example.com
SEQUENCE:1
END:VEVENT
END:VCALENDAR
ICS
expect_rc 0 W import "$T/cal.ics"
id=$(sql "SELECT id FROM invitation WHERE uid = 'bfast@test'")
expect_eq "$(sql "SELECT kind, travel_min, expected_attendance, attendees FROM invitation \
	WHERE id = $id")" "breakfast|12|33|bob@example.com
cy@example.com" "imported: travel from places, room from the prior, not the attendee count, no me"
expect_rc 0 W show "$id"
expect_out "33 people (default for breakfast)"
expect_rc 0 W edit "$id" travel_min=40 expected_attendance=80
sed -e 's/SUMMARY:Bar Association Breakfast/SUMMARY:Bar Association Breakfast (moved)/' \
	-e 's/SEQUENCE:1/SEQUENCE:2/' -e 's/T090000Z/T080000Z/' "$T/cal.ics" >"$T/cal2.ics"
expect_rc 0 W import "$T/cal2.ics"
expect_eq "$(sql "SELECT title, travel_min, expected_attendance, strftime('%H', starts_at, \
	'unixepoch') FROM invitation WHERE id = $id")" "Bar Association Breakfast (moved)|40|80|08" \
	"re-import: the file's changes in, the user's edits kept"
expect_rc 0 W show "$id"
expect_out "40 min each way (you)"
# and the edited title of another event survives its re-import too
expect_rc 0 W edit "$id" title="My breakfast"
expect_rc 0 W import "$T/cal2.ics"
expect_eq "$(sql "SELECT title FROM invitation WHERE id = $id")" "My breakfast" "edited title kept"

# ---- config errors of places and defaults: PATH:LINE:COL, exit 78 ---------
printf '{\n  "places": {"Hub": -5}\n}\n' >"$T/bad1.json"
expect_rc 78 "$WORTHIT" --db "$DB" --config "$T/bad1.json" add X tomorrow 9:30
expect_err "bad1.json:2:"
expect_err "places.Hub"
printf '{"defaults": {"prep_min": {"brunch": 5}}}' >"$T/bad2.json"
expect_rc 78 "$WORTHIT" --db "$DB" --config "$T/bad2.json" config show
expect_err 'unknown name "brunch"'
expect_rc 0 W config show
expect_out "$(printf "  %-24s %d min" "blue bottle" 12)"
expect_out "Default travel  local 18 min, regional 70 min (one way)"

# ---- room size learned from logged outcomes ------------------------------
cat >"$T/past.json" <<'J'
[{"uid":"m1","title":"Past meetup","kind":"meetup","starts_at":"2026-02-10T18:00:00Z","duration_min":60,"status":"accepted","expected_attendance":90},
 {"uid":"m2","title":"Older meetup","kind":"meetup","starts_at":"2026-02-03T18:00:00Z","duration_min":60,"status":"accepted","expected_attendance":50}]
J
expect_rc 0 W import "$T/past.json"
for u in m1 m2; do
	expect_rc 0 W outcome "$(sql "SELECT id FROM invitation WHERE uid = '$u'")" --hours 2
done
expect_rc 0 W add "Dev meetup" fri 18:00 --kind meetup
new=$(echo "$out" | sed -n 's/^added #\([0-9]*\).*/\1/p')
expect_rc 0 W show "$new"
expect_out "70 people (learned from your logged meetup events)"
exit 0
