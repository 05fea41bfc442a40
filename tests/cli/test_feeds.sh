# test_feeds.sh: calendar feeds through libcurl against a local HTTP
# server the test starts (tests/servers/feed_server.py, 127.0.0.1, ETag
# and Last-Modified), stopped by the trap: subscribe, conditional
# requests (304: unchanged), a feed that changes, one that drops an
# event (cancelled, decision kept), a busy feed, and failures that keep
# the last good copy and name the URL: a timeout, a feed too large, an
# HTML page, an HTTP error, a redirect loop. Then unsubscribe.
. "$WORTHIT_TOP/tests/lib.sh"
export TZ=UTC
[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3"; exit 77; }

F="$T/feeds"
mkdir -p "$F"
/usr/bin/python3 "$WORTHIT_TOP/tests/servers/feed_server.py" "$F" "$T/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT INT TERM
for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
[ -s "$T/port" ] || fail "the feed server did not start"
U="http://127.0.0.1:$(cat "$T/port")"

event() { # uid title start
	printf 'BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260201T000000Z\r\nDTSTART:%s\r\nDURATION:PT2H\r\nSUMMARY:%s\r\nEND:VEVENT\r\n' "$1" "$3" "$2"
}
feed() { # file, events...
	out=$1; shift
	{ printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//meetup//EN\r\n'
	  for e in "$@"; do printf '%s\n' "$e"; done
	  printf 'END:VCALENDAR\r\n'; } >"$out.tmp" && mv "$out.tmp" "$out"
}
A=$(event a1@meetup "Founders meetup" 20260312T230000Z)
B=$(event b1@meetup "Legal tech night" 20260318T230000Z)
feed "$F/a.ics" "$A" "$B"
feed "$F/busy.ics" "$(event own1@me "Client call" 20260310T080000Z)"

C="$T/config.json"
echo '{"me": ["me@example.com"]}' >"$C"
W() { "$WORTHIT" --db "$DB" --config "$C" "$@"; }
status_of() { sql "SELECT status FROM invitation WHERE uid = '$1'"; }

# --- subscribe reads the feed once, then saves it ---------------------------
expect_rc 0 W subscribe "$U/a.ics"
expect_out "subscribe: 2 new, 0 updated, 0 cancelled; feed $U/a.ics: 2 changed"
expect_out "subscribed to $U/a.ics"
grep -q "\"url\": \"$U/a.ics\"" "$C" || fail "not saved in the config: $(cat "$C")"
expect_eq "$(status_of a1@meetup)" pending "a feed's event is an invitation"
expect_rc 64 W subscribe "$U/a.ics"
expect_err "already subscribed"
expect_rc 64 W subscribe "ftp://127.0.0.1/a.ics"
expect_err "expected an https, http or webcal URL"

# --- nothing new: a conditional request, 304, nothing changes ------------
expect_rc 0 W sync
expect_eq "$out" "sync: 0 new, 0 updated, 0 cancelled; feed $U/a.ics: unchanged" "unchanged feed"
tail -n 1 "$F/requests.log" | grep -q '^GET /a.ics 304 "' || fail "no 304: $(cat "$F/requests.log")"

# --- a server without ETag: If-Modified-Since ------------------------------
feed "$F/lm.ics" "$(event lm1@meetup "Last-Modified meetup" 20260320T230000Z)"
touch -d '2026-02-01 10:00:00 UTC' "$F/lm.ics"
expect_rc 0 W subscribe "$U/noetag/lm.ics"
expect_rc 0 W sync
expect_out "feed $U/noetag/lm.ics: unchanged"
grep -q '^GET /noetag/lm.ics 304 - Sun, 01 Feb 2026 10:00:00 GMT$' "$F/requests.log" ||
	fail "no If-Modified-Since: $(cat "$F/requests.log")"
expect_rc 0 W unsubscribe "$U/noetag/lm.ics"

# --- the feed changes; then drops an event (cancelled, decision kept) -----
A2=$(event a1@meetup "Founders meetup (new room)" 20260312T230000Z)
feed "$F/a.ics" "$A2" "$B"
expect_rc 0 W sync
expect_out "sync: 0 new, 1 updated, 0 cancelled"
expect_eq "$(sql "SELECT title FROM invitation WHERE uid = 'a1@meetup'")" "Founders meetup (new room)" "updated"
BID=$(sql "SELECT id FROM invitation WHERE uid = 'b1@meetup'")
expect_rc 0 W decide "$BID" accept
feed "$F/a.ics" "$A2"
expect_rc 0 W sync
expect_out "sync: 0 new, 0 updated, 1 cancelled"
expect_eq "$(status_of b1@meetup)" cancelled "dropped from the feed"
expect_eq "$(sql "SELECT new_status FROM decision WHERE invitation_id = $BID")" accepted "decision kept"

# --- a feed that goes bad keeps its last good copy ---------------------------
printf 'Service unavailable, try later\n' >"$F/a.ics"
expect_rc 75 W sync
expect_err "$U/a.ics: the answer is not iCalendar"
expect_err "kept the last good copy"
expect_out "feed $U/a.ics: failed"
expect_eq "$(status_of a1@meetup)" pending "last good copy kept"
feed "$F/a.ics" "$A2"
expect_rc 0 W sync
expect_eq "$(sql "SELECT error IS NULL FROM feed WHERE url = '$U/a.ics'")" 1 "error cleared"

# --- a busy feed: the user's own calendar --------------------------------
expect_rc 0 W subscribe --busy "$U/busy.ics"
expect_out "1 busy"
expect_eq "$(sql "SELECT title FROM busy")" "Client call" "busy feed"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE uid = 'own1@me'")" 0 "never an invitation"

# --- failures: not added, the URL named ----------------------------------
export WORTHIT_FEED_TIMEOUT_MS=1000
expect_rc 75 W subscribe "$U/slow.ics"
expect_err "$U/slow.ics: no answer within 1.0 s"
expect_err "not added"
grep -q slow.ics "$C" && fail "a failed feed was added"
expect_rc 75 W subscribe "$U/html.ics"
expect_err "$U/html.ics: the answer is not iCalendar (Content-Type text/html"
# webcal is read as https (this server speaks plain http: TLS fails)
expect_rc 75 W subscribe "webcal://${U#http://}/a.ics"
expect_err "https://${U#http://}/a.ics: "
expect_rc 75 W subscribe "$U/gone.ics"
expect_err "$U/gone.ics: HTTP status 404"
expect_rc 75 W subscribe "$U/loop.ics"
expect_err "$U/loop.ics: more than 5 redirects"
expect_rc 0 W subscribe "$U/redirect.ics"
expect_out "feed $U/redirect.ics: "
expect_rc 0 W unsubscribe "$U/redirect.ics"
cp "$C" "$T/saved.json"
/usr/bin/python3 - "$C" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["feeds"]["max_bytes"] = 100000
json.dump(c, open(sys.argv[1], "w"))
PY
expect_rc 75 W subscribe "$U/big.ics"
expect_err "$U/big.ics: larger than 100000 bytes"
cp "$T/saved.json" "$C"
# a subscribed feed that times out on sync: the others still sync
unset WORTHIT_FEED_TIMEOUT_MS
/usr/bin/python3 - "$C" "$U/slow.ics" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["sources"].append({"url": sys.argv[2]})
json.dump(c, open(sys.argv[1], "w"))
PY
export WORTHIT_FEED_TIMEOUT_MS=500
expect_rc 75 W sync
expect_err "$U/slow.ics: no answer within 0.5 s"
expect_out "feed $U/a.ics: unchanged; feed $U/busy.ics: unchanged; feed $U/slow.ics: failed"
expect_rc 0 W sync --list
expect_out "feed     $U/busy.ics busy"
expect_out "last error: $U/slow.ics: no answer"
expect_rc 0 W config show
expect_out "feed  $U/a.ics"

# --- unsubscribe: busy time dropped, invitations kept --------------------
expect_rc 0 W unsubscribe "$U/busy.ics"
expect_out "1 busy event dropped"
expect_eq "$(sql 'SELECT count(*) FROM busy')" 0 "busy rows"
expect_rc 0 W unsubscribe "$U/a.ics"
expect_eq "$(status_of a1@meetup)" pending "invitations kept"
expect_rc 64 W unsubscribe "$U/a.ics"
expect_err "not a subscribed feed"
exit 0
