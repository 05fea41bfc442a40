# test_vdir.sh: a vdir (vdirsyncer's layout, khal's calendar) read by
# `worthit import DIR` and by `worthit sync` from config "sources":
# the user's role in each event (NEEDS-ACTION: pending invitation;
# ACCEPTED: decided; organizer or no attendees: busy time, never an
# invitation), a file that is not iCalendar named while the rest is
# imported, busy time in the clash of `show` once travel is added, an
# unchanged vdir skipped, a changed PARTSTAT recorded, a deleted file
# cancelling its invitation (decision kept), write-back of a decision
# into the file with every other byte kept, and config errors.
. "$WORTHIT_TOP/tests/lib.sh"
export TZ=UTC

V="$T/cal"
mkdir -p "$V"
cp -R "$WORTHIT_TOP/tests/data/vdir/work" "$V/work"
C="$T/config.json"
cat >"$C" <<EOF
{"me": ["me@example.com"], "sources": [{"path": "$V", "write_back": true}]}
EOF
W() { "$WORTHIT" --db "$DB" --config "$C" "$@"; }
status_of() { sql "SELECT status FROM invitation WHERE uid = '$1'"; }

# --- import DIR: roles, a bad file named, the rest imported ---------------
expect_rc 64 W import --dry-run "$V"
expect_err "is a vdir"
expect_rc 66 W import "$T/nothing-here"
mkdir -p "$T/empty"
expect_rc 66 W import "$T/empty"
expect_rc 65 W import "$V"
expect_out "import: 2 new, 0 updated, 0 cancelled, 2 busy, 1 problem"
expect_err "$V/work/notes.ics: not iCalendar"
expect_eq "$(sql 'SELECT count(*) FROM invitation')" 2 "invitations"
expect_eq "$(status_of breakfast-0310@chamber.example)" pending "NEEDS-ACTION"
expect_eq "$(status_of meetup-0312@devs.example)" accepted "ACCEPTED (address in upper case)"
expect_eq "$(sql "SELECT title FROM busy ORDER BY starts_at")" "Client call
Dentist" "organized by me, no attendees: busy"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE title IN ('Client call','Dentist')")" 0 \
	"busy time is never an invitation"

# --- the clash: a call at 08:00 blocks the breakfast 07:00-07:50 + travel --
BID=$(sql "SELECT id FROM invitation WHERE uid = 'breakfast-0310@chamber.example'")
expect_eq "$(sql "SELECT travel_min FROM invitation WHERE id = $BID")" 20 "config default travel"
sql "UPDATE invitation SET travel_min = 0, prep_min = 0 WHERE id = $BID"
expect_rc 0 W show "$BID"
contains "$out" "busy in your calendar" && fail "clash without travel: $out"
sql "UPDATE invitation SET travel_min = 20 WHERE id = $BID"
expect_rc 0 W show "$BID"
expect_out "Gate         skip: clashes with Client call 08:00–08:30 (busy in your calendar)"
expect_rc 0 W why "$BID" "$(sql "SELECT id FROM invitation WHERE uid = 'meetup-0312@devs.example'")"
expect_out "A is skip whatever its score: clashes with Client call 08:00–08:30 (busy in your calendar)"
expect_rc 0 W score --json
contains "$out" '"gate":{"kind":"busy"' || fail "score --json shows no busy gate: $out"

# --- sync: nothing new is quick and changes nothing ----------------------
expect_rc 65 W sync
expect_out "sync: 0 new, 0 updated, 0 cancelled, 1 problem"
expect_err "notes.ics: not iCalendar"
rm "$V/work/notes.ics"
expect_rc 0 W sync
expect_eq "$out" "sync: 0 new, 0 updated, 0 cancelled" "an unchanged vdir"
expect_eq "$(sql 'SELECT count(*) FROM source_file')" 4 "files remembered"

# --- the user answered in another client: PARTSTAT becomes the status -----
sed -i 's/PARTSTAT=NEEDS-ACTION;RSVP=/PARTSTAT=TENTATIVE;RSVP=/' "$V/work/breakfast.ics"
expect_rc 0 W sync
expect_out "1 answered"
expect_eq "$(status_of breakfast-0310@chamber.example)" maybe "TENTATIVE read as maybe"

# --- write-back: decide writes PARTSTAT, every other byte kept -----------
cp "$V/work/breakfast.ics" "$T/before.ics"
expect_rc 0 W decide "$BID" accept
expect_out "written back to your calendar"
sed 's/PARTSTAT=TENTATIVE;RSVP=/PARTSTAT=ACCEPTED;RSVP=/' "$T/before.ics" >"$T/want.ics"
cmp "$T/want.ics" "$V/work/breakfast.ics" || fail "write-back changed other bytes: $(cat -A "$V/work/breakfast.ics")"
grep -q 'PARTSTAT=ACCEPTED:mailto:bob@lawfirm.example' "$V/work/breakfast.ics" || fail "Bob's line"
expect_rc 0 W sync
expect_eq "$out" "sync: 0 new, 0 updated, 0 cancelled" "a written-back file is not read again"
/usr/bin/python3 - "$V/work/breakfast.ics" <<'PY' || fail "icalendar cannot read the written file"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = next(iter(cal.walk('VEVENT')))
me = [a for a in ev.get('ATTENDEE') if str(a).lower() == 'mailto:me@example.com'][0]
assert me.params['PARTSTAT'] == 'ACCEPTED', me.params
assert me.params['X-NUM-GUESTS'] == '0', me.params
PY
# no PARTSTAT parameter: one is added before the value
MID=$(sql "SELECT id FROM invitation WHERE uid = 'meetup-0312@devs.example'")
sed -i 's/ATTENDEE;CN="Me, Myself";PARTSTAT=ACCEPTED:/ATTENDEE;CN="Me, Myself":/' "$V/work/meetup-accepted.ics"
expect_rc 0 W decide "$MID" decline
grep -q 'ATTENDEE;CN="Me, Myself";PARTSTAT=DECLINED:mailto:ME@example.com' \
	"$V/work/meetup-accepted.ics" || fail "PARTSTAT not added: $(cat "$V/work/meetup-accepted.ics")"

# --- a source_file pointing out of the vdir (JSON import) is never written -
cp "$WORTHIT_TOP/tests/data/vdir/work/breakfast.ics" "$T/outside.ics"
cp "$T/outside.ics" "$T/outside.before"
cat >"$T/sneaky.json" <<EOF
[{"uid": "sneaky@test", "title": "Sneaky", "starts_at": "2026-03-20T10:00:00Z",
  "ends_at": "2026-03-20T11:00:00Z", "source_file": "$V/work/../../outside.ics"}]
EOF
expect_rc 0 W import "$T/sneaky.json"
expect_rc 0 W decide "$(sql "SELECT id FROM invitation WHERE uid = 'sneaky@test'")" accept
contains "$out" "written back" && fail "wrote outside the vdir"
cmp "$T/outside.before" "$T/outside.ics" || fail "a file outside the vdir was changed"

# --- a source without write_back is never written -----------------------
cat >"$C" <<EOF
{"me": ["me@example.com"], "sources": [{"path": "$V"}]}
EOF
cp "$V/work/breakfast.ics" "$T/kept.ics"
expect_rc 0 W decide "$BID" decline
contains "$out" "written back" && fail "wrote without write_back"
cmp "$T/kept.ics" "$V/work/breakfast.ics" || fail "file changed without write_back"

# --- a file deleted from the vdir: its invitation is cancelled -----------
expect_eq "$(sql "SELECT count(*) FROM decision WHERE invitation_id = $BID")" 2 "decisions"
rm "$V/work/breakfast.ics" "$V/work/dentist.ics"
expect_rc 0 W sync
expect_out "1 cancelled"
expect_eq "$(status_of breakfast-0310@chamber.example)" cancelled "gone: cancelled"
expect_eq "$(sql "SELECT count(*) FROM decision WHERE invitation_id = $BID")" 2 "decisions kept"
expect_eq "$(sql "SELECT count(*) FROM busy WHERE title = 'Dentist'")" 0 "busy time dropped"

# --- a busy source: everything is busy time -------------------------------
mkdir -p "$T/own"
cp "$WORTHIT_TOP/tests/data/vdir/work/breakfast.ics" "$T/own/"
cat >"$C" <<EOF
{"me": ["me@example.com"], "sources": [{"path": "$T/own", "busy": true}]}
EOF
expect_rc 0 W sync
expect_out "1 busy"
expect_rc 0 W sync --list
expect_out "vdir     $T/own busy"
expect_out "1 file seen"

# --- a source that is not a calendar goes through `worthit import` --------
# (the path mail sources take: here a CSV file, which import reads today)
printf 'title,starts_at,ends_at\nCSV breakfast,2026-03-10T07:00:00Z,2026-03-10T08:00:00Z\n' >"$T/list.csv"
cat >"$C" <<EOF
{"me": ["me@example.com"], "sources": [{"path": "$T/list.csv"}]}
EOF
expect_rc 0 W sync
expect_eq "$out" "sync: 1 new, 0 updated, 0 cancelled" "through import"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE title = 'CSV breakfast'")" 1 "imported"
expect_rc 0 W sync
expect_eq "$out" "sync: 0 new, 0 updated, 0 cancelled" "an unchanged file is not imported again"

# --- an event without UID still gets its role (the one event of its file) -
mkdir -p "$T/nouid"
printf 'BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART:20260311T150000Z\nDTEND:20260311T160000Z\nSUMMARY:Physio\nEND:VEVENT\nEND:VCALENDAR\n' >"$T/nouid/x.ics"
expect_rc 0 W import "$T/nouid"
expect_out "0 new, 0 updated, 0 cancelled, 1 busy"

# --- without "me": events with attendees are invitations, and sync says so -
mkdir -p "$T/nome"
cp "$WORTHIT_TOP/tests/data/vdir/work/client-call.ics" "$T/nome/"
echo "{\"sources\": [{\"path\": \"$T/nome\"}]}" >"$C"
expect_rc 0 W sync
expect_err 'config "me" is empty'

# --- config errors name the place ------------------------------------------
echo '{"sources": [{"path": "/x", "url": "https://a.example/c.ics"}]}' >"$C"
expect_rc 78 W sync
expect_err "config.json:1:"
expect_err "exactly one of"
echo '{"sources": [{"url": "ftp://a.example/c.ics"}]}' >"$C"
expect_rc 78 W sync
expect_err "expected an http, https or webcal URL"
echo '{"sources": [{"url": "https://a.example/c.ics", "write_back": true}]}' >"$C"
expect_rc 78 W sync
expect_err "\"write_back\" is for a vdir"
exit 0
