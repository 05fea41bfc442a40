# test_caldav.sh: end to end with a real CalDAV server and vdirsyncer.
# Radicale listens on 127.0.0.1 (a free port, storage in $T, no auth)
# and is stopped by the trap; vdirsyncer syncs its calendar to a vdir.
# An invitation PUT on the server (curl) reaches worthit through
# `vdirsyncer sync` and `worthit sync`; deciding it with write-back and
# syncing again leaves PARTSTAT=ACCEPTED for the user on the server
# (GET back with curl), the other attendee's line unchanged.
. "$WORTHIT_TOP/tests/lib.sh"
export TZ=UTC
for tool in radicale vdirsyncer curl; do
	command -v $tool >/dev/null || { echo "$tool is not installed (make deps)"; exit 77; }
done

PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$T/radicale.conf" <<EOF
[server]
hosts = 127.0.0.1:$PORT
[auth]
type = none
[rights]
type = owner_only
[storage]
filesystem_folder = $T/radicale
[logging]
level = warning
EOF
radicale --config "$T/radicale.conf" >"$T/radicale.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT INT TERM
R="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -s -o /dev/null "$R/" && break; sleep 0.1; done
curl -s -o /dev/null "$R/" || fail "radicale did not start: $(cat "$T/radicale.log")"

DAV() { curl -s -f -u alice:secret "$@"; }
DAV -X MKCALENDAR "$R/alice/work/" >/dev/null || fail "MKCALENDAR"
cat >"$T/inv.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:caldav-breakfast@chamber.example
DTSTAMP:20260201T000000Z
DTSTART:20260310T070000Z
DTEND:20260310T083000Z
SUMMARY:Chamber breakfast on the server
ORGANIZER;CN=Ann Lee:mailto:ann@chamber.example
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE
 ;CN=Me Myself:mailto:me@example.com
ATTENDEE;PARTSTAT=ACCEPTED;CN=Bob Stone:mailto:bob@lawfirm.example
END:VEVENT
END:VCALENDAR
ICS
sed -i 's/$/\r/' "$T/inv.ics"
DAV -T "$T/inv.ics" -H 'Content-Type: text/calendar' "$R/alice/work/breakfast.ics" \
	|| fail "PUT of the invitation"

# the user's own call (busy time; also keeps the collection from being
# emptied by the delete below, which vdirsyncer refuses to sync)
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//khal//EN\r\nBEGIN:VEVENT\r\nUID:call@me\r\nDTSTAMP:20260201T000000Z\r\nDTSTART:20260310T080000Z\r\nDTEND:20260310T083000Z\r\nSUMMARY:Client call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$T/call.ics"
DAV -T "$T/call.ics" -H 'Content-Type: text/calendar' "$R/alice/work/call.ics" || fail "PUT call"

mkdir -p "$T/vdir" "$T/vstatus"
cat >"$T/vdirsyncer.conf" <<EOF
[general]
status_path = "$T/vstatus/"

[pair worthit_cal]
a = "worthit_local"
b = "worthit_remote"
collections = ["from b"]

[storage worthit_local]
type = "filesystem"
path = "$T/vdir/"
fileext = ".ics"

[storage worthit_remote]
type = "caldav"
url = "$R/"
username = "alice"
password = "secret"
EOF
VS() { vdirsyncer -c "$T/vdirsyncer.conf" "$@" >>"$T/vdirsyncer.log" 2>&1; }
yes | VS discover || fail "vdirsyncer discover: $(cat "$T/vdirsyncer.log")"
VS sync || fail "vdirsyncer sync: $(cat "$T/vdirsyncer.log")"
ls "$T/vdir/work/"*.ics >/dev/null 2>&1 || fail "vdirsyncer wrote no file: $(ls -R "$T/vdir")"

C="$T/config.json"
cat >"$C" <<EOF
{"me": ["me@example.com"], "sources": [{"path": "$T/vdir", "write_back": true}]}
EOF
W() { "$WORTHIT" --db "$DB" --config "$C" "$@"; }

# --- the server's invitation reaches worthit -----------------------------
expect_rc 0 W sync
expect_out "sync: 1 new, 0 updated, 0 cancelled, 1 busy"
ID=$(sql "SELECT id FROM invitation WHERE uid = 'caldav-breakfast@chamber.example'")
[ -n "$ID" ] || fail "the invitation is not in the database"
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $ID")" pending "NEEDS-ACTION"

# --- decided with write-back, carried back by vdirsyncer -----------------
expect_rc 0 W decide "$ID" accept
expect_out "written back to your calendar"
VS sync || fail "vdirsyncer sync after the decision: $(cat "$T/vdirsyncer.log")"
DAV "$R/alice/work/breakfast.ics" >"$T/server.ics" || fail "GET from the server"
/usr/bin/python3 - "$T/server.ics" <<'PY' || fail "server copy: $(cat "$T/server.ics")"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = next(iter(cal.walk('VEVENT')))
att = {str(a).lower(): a.params for a in ev.get('ATTENDEE')}
assert att['mailto:me@example.com']['PARTSTAT'] == 'ACCEPTED', att
assert att['mailto:bob@lawfirm.example']['PARTSTAT'] == 'ACCEPTED', att
assert str(ev['SUMMARY']) == 'Chamber breakfast on the server'
PY

# --- the next syncs change nothing ---------------------------------------
expect_rc 0 W sync
expect_eq "$out" "sync: 0 new, 0 updated, 0 cancelled" "after vdirsyncer carried it"
expect_rc 0 W show "$ID"
contains "$out" "busy in your calendar" && fail "an accepted event is not checked for clashes"
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $ID")" accepted "status"

# --- deleted on the server: cancelled through vdirsyncer, decision kept --
DAV -X DELETE "$R/alice/work/breakfast.ics" >/dev/null || fail "DELETE"
VS sync || fail "vdirsyncer sync after the delete: $(cat "$T/vdirsyncer.log")"
expect_rc 0 W sync
expect_out "1 cancelled"
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $ID")" cancelled "deleted on the server"
expect_eq "$(sql "SELECT count(*) FROM decision WHERE invitation_id = $ID")" 1 "decision kept"
exit 0
