# test_import_sandbox.sh: parsing runs in a limited child process
# (src/io/sandbox.c). A parser that runs out of CPU time, runs out of
# memory or crashes is reported by file, exit 65, and nothing is written;
# the database is never locked while a small file is parsed (a second
# import runs to its end while a slow file is being parsed).
#   - CPU: ten MINUTELY series that libical steps through for about a
#     second each (inside the per-rule bound of ICS_RECUR_STEPS_MAX
#     candidates: 306 days of 1440 minutes), under WORTHIT_PARSE_CPU_SEC=1;
#   - allocation failure: tests/lib/failmalloc.c (LD_PRELOAD) fails the
#     allocations of the child from the Nth on, for N across the whole
#     parse: each run ends 65 or 70 with the database unchanged, or 0
#     with exactly what a clean import stores; a single failing
#     allocation: never a crash of worthit itself, nothing written on
#     failure.
. "$WORTHIT_TOP/tests/lib.sh"
W() { "$WORTHIT" --db "$DB" "$@"; }
rows() { sqlite3 "$DB" "SELECT uid, recurrence_id, title, starts_at, ends_at, organizer, \
	location, attendees, categories FROM invitation ORDER BY 1, 2" | sha256sum; }

expect_rc 0 W list
before=$(sqlite3 "$DB" .dump | sha256sum)

# --- CPU limit ---------------------------------------------------------
{
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n'
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf 'BEGIN:VEVENT\r\nUID:slow-%d@test\r\nDTSTART:20260101T000000Z\r\n' $i
		printf 'DURATION:PT1H\r\nRRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=28;BYHOUR=0\r\n'
		printf 'SUMMARY:never\r\nEND:VEVENT\r\n'
	done
	printf 'END:VCALENDAR\r\n'
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
rm -f "$DB"

# --- allocation failure in the parser ------------------------------------
if ldd "$WORTHIT" 2>/dev/null | grep -q libasan; then
	echo "allocation failures: skipped under ASan (its runtime must come first)"
	exit 0
fi
command -v cc >/dev/null 2>&1 || { echo "no C compiler for the failing allocator"; exit 77; }
cc -shared -fPIC -O1 -o "$T/failmalloc.so" "$WORTHIT_TOP/tests/lib/failmalloc.c" ||
	fail "cannot build tests/lib/failmalloc.c"
cal="$WORTHIT_TOP/tests/data/ics/mapping.ics"
win="--from 2000-01-01 --to 2030-01-01"
expect_rc 0 W import $win "$cal"
clean=$(rows)
rm -f "$DB"
expect_rc 0 W list
empty=$(sqlite3 "$DB" .dump | sha256sum)
# run_failing N STICKY: one import with allocation N of the child failing
# (and every later one when STICKY=1); checks the outcome, sets $rc
run_failing() {
	run env FAILMALLOC_NTH=$1 FAILMALLOC_STICKY=$2 LD_PRELOAD="$T/failmalloc.so" \
		"$WORTHIT" --db "$DB" import $win "$cal"
	case $rc in
	0) rm -f "$DB"; expect_rc 0 W list ;;
	65|70) failed=$((failed + 1))
	   expect_err "$cal"
	   expect_eq "$(sqlite3 "$DB" .dump | sha256sum)" "$empty" "database, allocation $1 failing" ;;
	*) fail "allocation $1 failing (sticky $2): exit $rc; stderr: $err" ;;
	esac
}
# memory runs out (every allocation from N on fails): all or nothing
failed=0 n=1
while [ $n -le 1500 ]; do
	run_failing $n 1
	[ $rc -ne 0 ] || expect_eq "$(rows)" "$clean" "import with allocations from $n failing, exit 0"
	n=$((n + 17))
done
[ $failed -gt 10 ] || fail "only $failed runs saw an allocation fail: is the shim loaded?"
# one isolated failure: libical may drop the property it could not
# allocate and go on, so only "no crash, nothing written on failure"
n=1
while [ $n -le 1500 ]; do
	run_failing $n 0
	n=$((n + 29))
done
rm -rf "$T"
