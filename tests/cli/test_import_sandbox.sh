# test_import_sandbox.sh: parsing runs in a limited child process
# (src/io/sandbox.c). A parser that runs out of CPU time or crashes is
# reported by file, exit 65, and nothing is written;
# the database is never locked while a small file is parsed (a second
# import runs to its end while a slow file is being parsed).
#   - CPU: ten MINUTELY series that libical steps through for about a
#     second each (inside the per-rule bound of ICS_RECUR_STEPS_MAX
#     candidates: 306 days of 1440 minutes), under WORTHIT_PARSE_CPU_SEC=1;
#   - time: a parser that has not ended in its wall-clock limit
#     (WORTHIT_PARSE_WALL_SEC) is stopped; a FIFO named on the command line is read
#     into a copy by worthit, given up when silent that long, and read
#     whole when it ends (`import <(command)`);
#   - allocation failure and the memory limit: test_parse_oom.sh.
. "$WORTHIT_TOP/tests/lib.sh"
W() { "$WORTHIT" --db "$DB" "$@"; }

expect_rc 0 W list
before=$(sqlite3 "$DB" .dump | sha256sum)

# --- CPU limit ---------------------------------------------------------
{
	ics_head
	for i in 1 2 3 4 5 6 7 8 9 10; do ics_slow_event $i; done
	ics_tail
} >"$T/invite.ics"
start=$(date +%s)
run timeout 20 env WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$DB" import \
	--from 2026-01-01 --to 2026-11-01 "$T/invite.ics"
[ "$rc" -eq 65 ] || fail "CPU limit: exit $rc, expected 65; stderr: $err"
expect_err "parser stopped: CPU limit after 1 s in $T/invite.ics"
[ $(($(date +%s) - start)) -lt 10 ] || fail "the CPU limit did not stop the parser early"
expect_eq "$(sqlite3 "$DB" .dump | sha256sum)" "$before" "database after the CPU limit"

# --skip-bad: the other files are imported, not the stopped one
cat >"$T/good.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:good@test
DTSTART:20260310T150000Z
DURATION:PT1H
SUMMARY:Dev meetup
END:VEVENT
END:VCALENDAR
ICS
run env WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$DB" import --skip-bad \
	--from 2026-01-01 --to 2026-11-01 "$T/invite.ics" "$T/good.ics"
[ "$rc" -eq 65 ] || fail "--skip-bad with a stopped parser: exit $rc; stderr: $err"
expect_eq "$(sql 'SELECT group_concat(uid) FROM invitation')" "good@test" "rows after --skip-bad"

# no lock while parsing: another writer goes on while a slow file is parsed
rm -f "$DB"
expect_rc 0 W list
WORTHIT_PARSE_CPU_SEC=4 "$WORTHIT" --db "$DB" import --from 2026-01-01 --to 2026-11-01 \
	"$T/invite.ics" >"$T/slow.out" 2>"$T/slow.err" &
slow=$!
trap 'kill $slow 2>/dev/null' EXIT
sleep 1
kill -0 $slow 2>/dev/null || fail "the slow import ended before the check"
run timeout 10 "$WORTHIT" --db "$DB" import --from 2026-01-01 --to 2026-11-01 "$T/good.ics"
[ "$rc" -eq 0 ] || fail "a second import while a file is parsed: exit $rc (75 = locked); stderr: $err"
kill -0 $slow 2>/dev/null || fail "the slow import ended before the second one did"
wait $slow
trap - EXIT
grep -q "parser stopped: CPU limit after 4 s" "$T/slow.err" || fail "slow import: $(cat "$T/slow.err")"
expect_eq "$(sql 'SELECT group_concat(uid) FROM invitation')" "good@test" "rows after both"

# --- time limit: a parser that has not ended after WORTHIT_PARSE_WALL_SEC
# (default: 6 times its CPU limit) is stopped, whatever CPU it used (one
# waiting without using any, on a deadlock, is the case it is for; here
# the slow file under a generous CPU limit)
before=$(sqlite3 "$DB" .dump | sha256sum)
run timeout 30 env WORTHIT_PARSE_WALL_SEC=1 WORTHIT_PARSE_CPU_SEC=60 "$WORTHIT" --db "$DB" \
	import --from 2026-01-01 --to 2026-11-01 "$T/invite.ics"
[ "$rc" -eq 65 ] || fail "a parser past its time limit: exit $rc, expected 65; stderr: $err"
expect_err "parser stopped: no end after 1 s (time limit; it used "
expect_err "of CPU) in $T/invite.ics"
expect_eq "$(sqlite3 "$DB" .dump | sha256sum)" "$before" "database after the time limit"

# --- a FIFO named on the command line is read once, into a copy, by
# worthit itself; one whose writer stays silent for the same limit is
# given up, nothing written
mkfifo "$T/never.ics"
exec 3<>"$T/never.ics"
run timeout 30 env WORTHIT_PARSE_WALL_SEC=2 "$WORTHIT" --db "$DB" import \
	--from 2026-01-01 --to 2026-11-01 "$T/never.ics"
exec 3>&-
[ "$rc" -eq 65 ] || fail "a FIFO that never ends: exit $rc, expected 65; stderr: $err"
expect_err "$T/never.ics: no data for 2 s: given up (time limit, WORTHIT_PARSE_WALL_SEC)"
expect_eq "$(sqlite3 "$DB" .dump | sha256sum)" "$before" "database after a silent FIFO"
# ... and one that ends is read whole (its start was lost to the format
# guess before: the file was opened again)
cat "$T/good.ics" | "$WORTHIT" --db "$DB" import --from 2026-01-01 --to 2026-11-01 /dev/stdin \
	>"$T/pipe.out" 2>&1 || fail "a pipe named /dev/stdin: $(cat "$T/pipe.out")"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE uid = 'good@test'")" 1 "rows from a pipe"
rm -f "$DB"
rm -rf "$T"
