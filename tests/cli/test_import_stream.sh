# test_import_stream.sh: a file of more than 4,096 items is written to
# the database as its parser (the sandboxed child) goes on, so that
# writing overlaps parsing (src/cli/cmd_import.c, src/io/sandbox.c).
#   - what is stored is exactly what the same events stored from smaller
#     files (read whole, then written) give;
#   - a streamed file whose parser is stopped half-way (here: killed once
#     the import holds the write lock, i.e. once it writes) leaves
#     nothing of that file: with --skip-bad the other files are imported,
#     as if it had been read whole first; --json lists none of its items;
#     without --skip-bad nothing at all is imported.
. "$WORTHIT_TOP/tests/lib.sh"
export WORTHIT_NOW=2026-03-01T09:00:00Z

# events FROM TO PREFIX: VEVENTs FROM..TO, a weekly series every 50th
events() {
	awk -v from="$1" -v to="$2" -v p="$3" 'BEGIN {
		for (i = from; i <= to; i++) {
			d = 1 + i % 28; h = 8 + i % 10
			printf "BEGIN:VEVENT\r\nUID:%s-%d@test\r\n", p, i
			printf "DTSTART:202604%02dT%02d0000Z\r\nDURATION:PT1H\r\n", d, h
			if (i % 50 == 0) printf "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
			printf "SUMMARY:Chamber breakfast %d\r\nLOCATION:Room %d\r\n", i, i % 7
			printf "ATTENDEE;CN=A %d:mailto:a%d@example.com\r\n", i, i % 97
			printf "END:VEVENT\r\n"
		}
	}'
}
calendar() {
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n'
	cat
	printf 'END:VCALENDAR\r\n'
}
window="--from 2026-01-01 --to 2027-01-01"
stored() {
	sqlite3 "$1" "SELECT uid, recurrence_id, title, kind, status, starts_at, ends_at, \
		location, attendees, expected_attendance, travel_min, prep_min FROM invitation \
		ORDER BY 1, 2; SELECT i.uid, i.recurrence_id, s.dimension, s.segment, s.share \
		FROM audience_share s JOIN invitation i ON i.id = s.invitation_id ORDER BY 1, 2, 3, 4; \
		SELECT i.uid, i.recurrence_id, f.fact, f.source, f.note FROM fact_origin f \
		JOIN invitation i ON i.id = f.invitation_id ORDER BY 1, 2, 3" | sha256sum
}

# --- streamed and spooled store the same --------------------------------
events 1 6000 ev | calendar >"$T/big.ics"
events 1 3000 ev | calendar >"$T/half1.ics"
events 3001 6000 ev | calendar >"$T/half2.ics"
run "$WORTHIT" --db "$T/streamed.db" import $window "$T/big.ics"
[ "$rc" -eq 0 ] || fail "streamed import: exit $rc; $err"
expect_out "6240 added"
run "$WORTHIT" --db "$T/spooled.db" import $window "$T/half1.ics" "$T/half2.ics"
[ "$rc" -eq 0 ] || fail "spooled import: exit $rc; $err"
expect_eq "$(sqlite3 "$T/streamed.db" 'SELECT count(*) FROM invitation')" 6240 "rows streamed"
expect_eq "$(stored "$T/streamed.db")" "$(stored "$T/spooled.db")" \
	"what a streamed file stores against the same events read whole"
# a re-import of the big file changes nothing
run "$WORTHIT" --db "$T/streamed.db" import $window "$T/big.ics"
expect_out "0 added, 0 updated, 0 cancelled, 6240 unchanged"

# --- a streamed file whose parser is stopped half-way ------------------
events 1 150000 huge | calendar >"$T/huge.ics"
{ events 1 1 good; events 7 7 huge; } | calendar >"$T/good.ics"

# import_killed DB ARGS...: runs the import in the background, kills its
# parser once the import holds the write lock, waits for it; sets rc,
# out, err. Fails when the import ended before the parser could be
# killed (then it was never streaming).
import_killed() {
	db=$1; shift
	"$WORTHIT" --db "$db" list >/dev/null 2>&1 || fail "cannot create $db"
	"$WORTHIT" --db "$db" import "$@" >"$T/out" 2>"$T/err" &
	pid=$!
	killed=0
	for _ in $(seq 1 600); do
		if ! sqlite3 -cmd ".timeout 0" "$db" "BEGIN IMMEDIATE; ROLLBACK;" \
			>/dev/null 2>&1; then
			child=$(pgrep -P "$pid" | head -n 1)
			if [ -n "$child" ] && kill -KILL "$child" 2>/dev/null; then
				killed=1
				break
			fi
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	wait "$pid"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
	[ $killed -eq 1 ] || fail "the import ended before its parser was killed: exit $rc; $err"
}

import_killed "$T/k1.db" --skip-bad --json $window "$T/huge.ics" "$T/good.ics"
[ "$rc" -eq 65 ] || fail "killed parser with --skip-bad: exit $rc, expected 65; $err"
expect_err "parser crashed (signal 9) in $T/huge.ics"
expect_eq "$(sqlite3 "$T/k1.db" "SELECT group_concat(uid || '|' || source_file, ' ') FROM \
	(SELECT * FROM invitation ORDER BY uid)")" \
	"good-1@test|$T/good.ics huge-7@test|$T/good.ics" "rows after the killed file (--skip-bad)"
listed=$(printf '%s\n' "$out" | grep -F "\"file\":\"$T/huge.ics\"" | grep -vF '"action":"skipped"')
[ -z "$listed" ] || fail "--json lists items of the killed file: $listed"
expect_out '"action":"added","file":"'"$T/good.ics"'","line":'
expect_out '"summary":{"added":2,'
expect_out '"skipped":1,'
[ "$(printf '%s\n' "$err" | grep -c 'parser crashed')" -eq 1 ] ||
	fail "the stopped parser is reported more than once: $err"

import_killed "$T/k2.db" $window "$T/good.ics" "$T/huge.ics"
[ "$rc" -eq 65 ] || fail "killed parser: exit $rc, expected 65; $err"
expect_err "parser crashed (signal 9) in $T/huge.ics"
expect_eq "$(sqlite3 "$T/k2.db" 'SELECT count(*) FROM invitation')" 0 \
	"rows after a killed parser without --skip-bad"
echo "ok"
