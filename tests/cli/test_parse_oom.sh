# test_parse_oom.sh: running out of memory while a file is parsed is an
# error, never a quiet success (issue 14, item 3). Parsing runs in the
# sandbox's child (src/io/sandbox.c); every allocation that fails there
# is counted where the parent can read it (src/io/alloc_watch.c), so
#   - below the memory limit: "out of memory while parsing FILE", exit 70,
#     the whole command stopped, nothing written;
#   - at the limit (RLIMIT_AS, WORTHIT_PARSE_MEM_MB): the file demanded
#     more than worthit allows, bad input: "parser stopped: memory limit
#     (N MiB) reached in FILE", exit 65, nothing written.
# libical drops a property, a parameter or a zone it cannot allocate and
# goes on, GLib aborts or deadlocks: before, a lost UID, CN or TZID with
# exit 0, or "parser crashed" (65).
#
# The failing allocator (tests/lib/failmalloc.c, LD_PRELOAD) fails the Nth
# allocation of the child (FAILMALLOC_CHILD=1), for N over the whole parse
# with a stride (OOM_STRIDE, default 41; FAILMALLOC_ALL=1 tries every N):
# every run ends 0 with exactly what a clean import stores, or 70 with the
# message and the database unchanged: an iCalendar file, a mail, a
# two-file import with --skip-bad, and `sync` of a vdir (a batch child).
. "$WORTHIT_TOP/tests/lib.sh"

if ldd "$WORTHIT" 2>/dev/null | grep -q libasan; then
	echo "the failing allocator cannot be preloaded into an ASan build (make test runs it)"
	exit 77
fi
command -v cc >/dev/null 2>&1 || { echo "no C compiler for the failing allocator"; exit 77; }
cc -shared -fPIC -O1 -o "$T/failmalloc.so" "$WORTHIT_TOP/tests/lib/failmalloc.c" -ldl ||
	fail "cannot build tests/lib/failmalloc.c"
# a real zone: libical converts through it, glibc loads it
export TZ=Europe/Paris
stride=${OOM_STRIDE:-41}
[ "${FAILMALLOC_ALL:-0}" = 1 ] && stride=1
rows() {
	sqlite3 "$1" "SELECT uid, recurrence_id, title, organizer, series, kind, status, starts_at,
		ends_at, all_day, tzid, location, reach, travel_min, prep_min, ticket_minor, currency,
		expected_attendance, is_speaking, speaking_fee_minor, sequence, source_file,
		description, url, categories, attendees FROM invitation ORDER BY 1, 2;
		SELECT * FROM invitation_mail ORDER BY 1; SELECT * FROM source_file ORDER BY 1;
		SELECT count(*) FROM fact_origin; SELECT count(*) FROM audience_share;" 2>&1
}
dump() { sqlite3 "$1" .dump | sha256sum; }
expect_rc 0 "$WORTHIT" --db "$T/empty.db" list
empty=$(dump "$T/empty.db")

printf '{}\n' >"$T/config.json"

# child_run N STICKY COMMAND ARGS...: the command with the child's
# allocation N failing (and every later one when STICKY=1), on a copy of
# the empty database; sets rc, err
child_run() {
	n=$1 sticky=$2; shift 2
	cp "$T/empty.db" "$T/run.db"
	rm -f "$T/run.db-wal" "$T/run.db-shm"
	FAILMALLOC_CHILD=1 FAILMALLOC_NTH=$n FAILMALLOC_STICKY=$sticky \
		LD_PRELOAD="$T/failmalloc.so" timeout 60 \
		"$WORTHIT" --db "$T/run.db" --config "$T/config.json" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	err=$(cat "$T/err")
}

# child_total COMMAND ARGS...: how many allocations the child makes (the
# smallest N whose sticky failure is never reached), by bisection
child_total() {
	lo=1 hi=1
	while child_run $hi 1 "$@"; [ $rc -ne 0 ]; do
		lo=$hi hi=$((hi * 2))
		[ $hi -le 1048576 ] || fail "the child never ends without a failure"
	done
	while [ $((hi - lo)) -gt 1 ]; do
		mid=$(((lo + hi) / 2))
		child_run $mid 1 "$@"
		if [ $rc -eq 0 ]; then hi=$mid; else lo=$mid; fi
	done
	echo $lo
}

# sweep NAME WHAT COMMAND ARGS...: every stride-th allocation of the
# child fails; a failure names WHAT ("out of memory while parsing WHAT")
sweep() {
	name=$1 what=$2; shift 2
	cp "$T/empty.db" "$T/clean.db"
	expect_rc 0 "$WORTHIT" --db "$T/clean.db" --config "$T/config.json" "$@"
	clean=$(rows "$T/clean.db")
	[ -n "$clean" ] || fail "$name: a clean import stores nothing"
	total=$(child_total "$@")
	[ "$total" -gt 100 ] || fail "$name: only $total allocations in the child: is the shim loaded?"
	n=1 runs=0 failed=0
	while [ $n -le $total ]; do
		child_run $n 0 "$@"
		runs=$((runs + 1))
		case $rc in
		0) [ "$(rows "$T/run.db")" = "$clean" ] ||
			fail "$name: allocation $n failing: exit 0 but the database differs:
$(rows "$T/run.db")
--- expected:
$clean" ;;
		70) failed=$((failed + 1))
			contains "$err" "out of memory while parsing $what" ||
				fail "$name: allocation $n failing: exit 70 without the message: $err"
			[ "$(dump "$T/run.db")" = "$empty" ] ||
				fail "$name: allocation $n failing: exit 70 and the database changed" ;;
		*) fail "$name: allocation $n failing: exit $rc (expected 0 or 70): $err" ;;
		esac
		n=$((n + stride))
	done
	[ $failed -gt $((runs / 2)) ] || fail "$name: only $failed of $runs runs failed"
	# memory gone for good from N on: never a success, never "crashed"
	for n in 1 $((total / 3)) $((total * 2 / 3)) $((total - 1)); do
		child_run $n 1 "$@"
		[ $rc -eq 70 ] || fail "$name: allocations from $n failing: exit $rc: $err"
	done
	echo "$name: $runs runs over $total allocations of the child, $failed ended with 70"
}

# iCalendar: zones (TZID and a Windows name), parameters, escapes, folds
cal="$WORTHIT_TOP/tests/data/ics/mapping.ics"
sweep "ics" "$cal" import "$cal" --from 2000-01-01 --to 2030-01-01
# mail (GMime, GLib) with its calendar part
mail="$WORTHIT_TOP/tests/data/mail/google-request.eml"
sweep "mail" "$mail" import "$mail"

# --skip-bad does not skip a file the parser could not finish for lack of
# memory: that is no fault of the file
child_run 40 0 import --skip-bad "$WORTHIT_TOP/tests/data/mail/google-request.eml" \
	"$WORTHIT_TOP/tests/data/ics/mapping.ics"
[ $rc -eq 70 ] || fail "--skip-bad with the parser out of memory: exit $rc: $err"
expect_eq "$(dump "$T/run.db")" "$empty" "database after --skip-bad and an allocation failing"

# sync parses a vdir's files in batches, several to a child: out of memory
# there stops the sync (70), nothing stored, never a file skipped as bad
mkdir -p "$T/cal/work"
for d in 10 11; do
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nBEGIN:VEVENT\r\nUID:s%d@test\r\nDTSTART;TZID=America/New_York:202603%02dT180000\r\nDURATION:PT2H\r\nSUMMARY:Meetup %d\r\nORGANIZER;CN=Host:mailto:host@example.org\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
		$d $d $d >"$T/cal/work/s$d.ics"
done
echo "{\"me\": [\"me@example.com\"], \"sources\": [{\"path\": \"$T/cal\"}]}" >"$T/config.json"
stride=$((stride * 2))
sweep "sync" "$T/cal/work/s1" sync

# --- the memory limit: the input demands more than the parser may have ---
# 3 million numbers: 6 MB of text, over 200 MB as a JSON tree
awk 'BEGIN { printf "["; for (i = 0; i < 3000000; i++) printf "0,"; print "0]" }' \
	>"$T/huge.json"
cp "$T/empty.db" "$T/run.db"
run env WORTHIT_PARSE_MEM_MB=160 "$WORTHIT" --db "$T/run.db" import "$T/huge.json"
[ $rc -eq 65 ] || fail "the memory limit: exit $rc, expected 65: $err"
expect_err "parser stopped: memory limit (160 MiB) reached in $T/huge.json"
expect_eq "$(dump "$T/run.db")" "$empty" "database after the memory limit"
rm -rf "$T"
exit 0
