# test_sync_sandbox.sh: `worthit sync` parses calendars (vdir files,
# feeds) in limited child processes (src/app/sync_parse.c over
# sandbox_parse_batch() in src/io/sandbox.c), before its transaction:
#   - a vdir holding good files around a runaway one (ten MINUTELY
#     series that libical steps through for seconds) under
#     WORTHIT_PARSE_CPU_SEC=1: exit 65, "parser stopped: CPU limit
#     after 1 s in FILE", the good files (before and after it in the
#     same batch) stored, nothing of the runaway one, which is not
#     remembered and so read (and reported) again by the next sync;
#   - the database is not locked while sync parses: an import runs to
#     its end meanwhile; a parser killed by a signal is "parser crashed
#     (signal 11) in FILE", exit 65, and the sync goes on;
#   - the same runaway file served as a feed on 127.0.0.1 (a feed that
#     cannot be read: exit 75), next to a good feed: the good one
#     stored, the runaway one asked for again in full next time.
. "$WORTHIT_TOP/tests/lib.sh"
export TZ=UTC

runaway() { # FILE [N]: N (10) series libical steps through minute by minute, 0.35 s each
	{
		ics_head
		for i in $(seq "${2:-10}"); do ics_slow_event $i; done
		ics_tail
	} >"$1"
}
good() { # FILE UID DAY
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260201T000000Z\r\nDTSTART:202603%02dT180000Z\r\nDURATION:PT2H\r\nSUMMARY:Meetup %s\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com\r\nORGANIZER:mailto:host@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$2" "$3" "$2" >"$1"
}
uids() { sql "SELECT group_concat(uid, ' ') FROM (SELECT uid FROM invitation ORDER BY uid)"; }

V="$T/cal/work"
mkdir -p "$V"
good "$V/a-good.ics" a@test 10
runaway "$V/m-slow.ics"
good "$V/z-good.ics" z@test 11
C="$T/config.json"
echo "{\"me\": [\"me@example.com\"], \"sources\": [{\"path\": \"$T/cal\"}]}" >"$C"
W() { "$WORTHIT" --db "$DB" --config "$C" "$@"; }

# --- a runaway file in a vdir: stopped, named, the rest stored ------------
start=$(date +%s)
run timeout 30 env WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$DB" --config "$C" sync
[ "$rc" -eq 65 ] || fail "sync with a runaway file: exit $rc, expected 65; stderr: $err"
expect_err "parser stopped: CPU limit after 1 s in $V/m-slow.ics"
expect_out "sync: 2 new, 0 updated, 0 cancelled, 1 problem"
[ $(($(date +%s) - start)) -lt 15 ] || fail "the CPU limit did not stop the parser early"
expect_eq "$(uids)" "a@test z@test" "invitations after the stopped parser"
expect_eq "$(sql "SELECT count(*) FROM busy")" 0 "busy rows"
expect_eq "$(sql "SELECT count(*) FROM source_file WHERE file LIKE '%m-slow.ics'")" 0 \
	"the runaway file is not remembered"
expect_eq "$(sql "SELECT count(*) FROM source_file")" 2 "the good files are remembered"
# the next sync reads the runaway file again, and only it
run timeout 30 env WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$DB" --config "$C" sync
[ "$rc" -eq 65 ] || fail "second sync: exit $rc, expected 65; stderr: $err"
expect_err "parser stopped: CPU limit after 1 s in $V/m-slow.ics"
expect_eq "$out" "sync: 0 new, 0 updated, 0 cancelled, 1 problem" "second sync"
expect_eq "$(uids)" "a@test z@test" "invitations after the second sync"

# --- no lock while parsing; a crashed parser ------------------------------
rm -f "$DB" "$DB-wal" "$DB-shm"
expect_rc 0 W list
good "$T/other.ics" other@test 12
runaway "$V/m-slow.ics" 100 # some 35 s: still parsing when its parser is killed
WORTHIT_PARSE_CPU_SEC=100 "$WORTHIT" --db "$DB" --config "$C" sync >"$T/slow.out" \
	2>"$T/slow.err" &
slow=$!
trap 'kill $slow 2>/dev/null' EXIT
sleep 1
kill -0 $slow 2>/dev/null || fail "the sync ended before the check: $(cat "$T/slow.err")"
run timeout 10 "$WORTHIT" --db "$DB" import --from 2026-01-01 --to 2027-01-01 "$T/other.ics"
[ "$rc" -eq 0 ] || fail "an import while sync parses: exit $rc (75 = locked); stderr: $err"
child=$(cat "/proc/$slow/task/$slow/children" 2>/dev/null)
[ -n "$child" ] || child=$(pgrep -P $slow 2>/dev/null)
[ -n "$child" ] || fail "sync has no parser child while it parses"
kill -0 $slow 2>/dev/null || fail "the sync ended before the import did"
kill -SEGV $child
wait $slow
src=$?
trap - EXIT
[ "$src" -eq 65 ] || fail "sync with a crashed parser: exit $src; stderr: $(cat "$T/slow.err")"
# signal 11, or 6 under ASan (its SEGV handler aborts), said before the file
grep -q "parser crashed (signal .*) in $V/m-slow.ics" "$T/slow.err" ||
	fail "crashed parser: $(cat "$T/slow.err")"
expect_eq "$(uids)" "a@test other@test z@test" "invitations after the crash"
expect_eq "$(sql "SELECT count(*) FROM source_file WHERE file LIKE '%m-slow.ics'")" 0 \
	"the crashed file is not remembered"

# --- feeds --------------------------------------------------------------
[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3 for the feed server"; exit 77; }
F="$T/feeds"
mkdir -p "$F"
runaway "$F/runaway.ics"
good "$F/fine.ics" fine@test 13
/usr/bin/python3 "$WORTHIT_TOP/tests/servers/feed_server.py" "$F" "$T/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT INT TERM
for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
[ -s "$T/port" ] || fail "the feed server did not start"
U="http://127.0.0.1:$(cat "$T/port")"
echo "{\"me\": [\"me@example.com\"], \"sources\": [{\"url\": \"$U/runaway.ics\"}, \
{\"url\": \"$U/fine.ics\"}]}" >"$C"
rm -f "$DB" "$DB-wal" "$DB-shm"
run timeout 30 env WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$DB" --config "$C" sync
[ "$rc" -eq 75 ] || fail "sync with a runaway feed: exit $rc, expected 75; stderr: $err"
expect_err "parser stopped: CPU limit after 1 s in $U/runaway.ics"
expect_out "feed $U/runaway.ics: failed; feed $U/fine.ics: 1 changed"
expect_eq "$(uids)" "fine@test" "invitations after the runaway feed"
run timeout 30 env WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$DB" --config "$C" sync
[ "$rc" -eq 75 ] || fail "second sync of the feeds: exit $rc; stderr: $err"
expect_err "parser stopped: CPU limit after 1 s in $U/runaway.ics"
expect_out "feed $U/fine.ics: unchanged"
expect_eq "$(grep -c '^GET /runaway.ics 200 ' "$F/requests.log")" 2 \
	"the runaway feed asked for in full again"
expect_eq "$(uids)" "fine@test" "invitations after the second sync"
rm -rf "$T"
