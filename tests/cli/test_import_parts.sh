# test_import_parts.sh: a large iCalendar file is parsed by several
# children side by side (sandbox.h "parts", ics_parse_part), and the
# result must be exactly what one child gives: the same rows with the
# same ids, the same stdout (--json item lines), the same problems and
# warnings on stderr, the same exit status. WORTHIT_PARSE_PARTS forces
# the number of parts for a file of any size, so each input is imported
# with 1, 2 and 3 parts into fresh databases and the three compared:
#   - a made-up file with everything that crosses parts: a series and
#     its overrides (RECURRENCE-ID, RANGE=THISANDFUTURE) falling to other
#     parts, bad events (no END, no DTSTART, binary data), problems of
#     the calendar itself (text outside it, END without BEGIN), unknown
#     TZIDs met in several parts (said once), a duplicate UID, VTODOs;
#   - the shared real-world corpus (skipped with a message where
#     ../shared is absent; under CI its absence fails);
#   - the 10,000-event benchmark calendar (bench/gen_ics.awk).
# Then: one part stopped by its CPU limit fails the whole file (exit 65,
# "parser stopped: CPU limit", nothing written), also once its writing
# has begun (the run starts again without it; --skip-bad keeps the
# others); a FIFO is parsed by one child whatever the setting; by default a file of
# 8 MiB or more gets one part per core, up to 4 (the --json summary's
# "parsers").
. "$WORTHIT_TOP/tests/lib.sh"

export WORTHIT_NOW=2026-03-01T09:00:00Z TZ=America/Chicago

# import_as PARTS FILE TAG: import into a fresh database; keeps rc,
# stdout without the timings, stderr and a dump of the rows
import_as() {
	db="$T/$3-$1.db"
	rm -f "$db"
	WORTHIT_PARSE_PARTS=$1 "$WORTHIT" --db "$db" import --json --skip-bad \
		--from 2020-01-01 --to 2031-01-01 "$2" >"$T/out" 2>"$T/$3-$1.err"
	echo "rc=$?" >"$T/$3-$1.res"
	grep -v '"summary"' "$T/out" >>"$T/$3-$1.res"
	grep '"summary"' "$T/out" | sed 's/"seconds":{[^}]*}//; s/"parsers":[0-9]*//' >>"$T/$3-$1.res"
	[ -f "$db" ] && sqlite3 "$db" 'SELECT * FROM invitation ORDER BY id;
		SELECT * FROM audience_share ORDER BY invitation_id, dimension, segment;
		SELECT * FROM fact_origin ORDER BY invitation_id, fact;' >>"$T/$3-$1.res"
}

# same_in_parts FILE TAG: 1, 2 and 3 parts agree
same_in_parts() {
	for p in 1 2 3; do import_as $p "$1" "$2"; done
	for p in 2 3; do
		cmp -s "$T/$2-1.res" "$T/$2-$p.res" ||
			fail "$1: $p parts differ from one: $(diff "$T/$2-1.res" "$T/$2-$p.res" | head -20)"
		cmp -s "$T/$2-1.err" "$T/$2-$p.err" ||
			fail "$1: $p parts: stderr differs: $(diff "$T/$2-1.err" "$T/$2-$p.err" | head -20)"
	done
}

# --- a file with what crosses parts ----------------------------------
{
	printf 'junk before the calendar\r\n'
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n'
	printf 'BEGIN:VTIMEZONE\r\nTZID:Custom/Zone\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n'
	printf 'TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n'
	printf 'END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\n'
	printf 'TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n'
	printf 'END:VTIMEZONE\r\n'
	i=0
	while [ $i -lt 60 ]; do
		case $((i % 12)) in
		0) # a weekly series, its moved occurrence and a THISANDFUTURE override later
			printf 'BEGIN:VEVENT\r\nUID:series-%d@t\r\nDTSTART;TZID=Custom/Zone:20260105T090000\r\n' $i
			printf 'DTEND;TZID=Custom/Zone:20260105T100000\r\nRRULE:FREQ=WEEKLY;COUNT=8\r\n'
			printf 'SUMMARY:Weekly networking breakfast %d\r\nEND:VEVENT\r\n' $i ;;
		1) printf 'BEGIN:VEVENT\r\nUID:series-%d@t\r\nRECURRENCE-ID;TZID=Custom/Zone:20260112T090000\r\n' $((i - 1))
			printf 'DTSTART;TZID=Custom/Zone:20260113T090000\r\nDTEND;TZID=Custom/Zone:20260113T100000\r\n'
			printf 'SUMMARY:Moved breakfast\r\nEND:VEVENT\r\n' ;;
		2) printf 'BEGIN:VEVENT\r\nUID:nostart-%d@t\r\nSUMMARY:no start\r\nEND:VEVENT\r\n' $i ;;
		3) printf 'BEGIN:VEVENT\r\nUID:tz-%d@t\r\nDTSTART;TZID=Nowhere/Zone%d:20260301T090000\r\n' $i $((i / 12 % 2))
			printf 'DURATION:PT1H\r\nSUMMARY:Unknown zone lunch\r\nEND:VEVENT\r\n' ;;
		4) printf 'END:VJOURNAL\r\n' ;;
		5) printf 'BEGIN:VTODO\r\nUID:todo-%d@t\r\nSUMMARY:a task\r\nEND:VTODO\r\n' $i ;;
		6) printf 'BEGIN:VEVENT\r\nUID:dup@t\r\nDTSTART:20260401T120000Z\r\nDURATION:PT1H\r\n'
			printf 'SUMMARY:Coffee %d\r\nEND:VEVENT\r\n' $i ;;
		7) printf 'BEGIN:VEVENT\r\nUID:bin-%d@t\r\nDTSTART:20260401T120000Z\r\nSUMMARY:bad \001 byte\r\nEND:VEVENT\r\n' $i ;;
		8) printf 'BEGIN:VEVENT\r\nUID:noend-%d@t\r\nDTSTART:20260402T120000Z\r\nSUMMARY:never ends\r\n' $i ;;
		9) printf 'BEGIN:VEVENT\r\nUID:series-%d@t\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Custom/Zone:20260209T090000\r\n' $((i - 9))
			printf 'DTSTART;TZID=Custom/Zone:20260209T110000\r\nDTEND;TZID=Custom/Zone:20260209T120000\r\n'
			printf 'SUMMARY:Later breakfast\r\nEND:VEVENT\r\n' ;;
		10) printf 'no colon on this calendar line\r\n' ;;
		*) printf 'BEGIN:VEVENT\r\nUID:meetup-%d@t\r\nDTSTART:20260501T170000Z\r\nDTEND:20260501T190000Z\r\n' $i
			printf 'SUMMARY:Developer meetup %d\r\nLOCATION:Hall\\, 2nd floor\r\n' $i
			printf 'ATTENDEE;CN=Ann:mailto:ann@example.com\r\nEND:VEVENT\r\n' ;;
		esac
		i=$((i + 1))
	done
	printf 'END:VCALENDAR\r\n'
} >"$T/mixed.ics"
same_in_parts "$T/mixed.ics" mixed
# the file really has what it should exercise (one part would hide nothing)
grep -q '"rc=65"\|rc=65' "$T/mixed-1.res" || fail "mixed.ics: expected exit 65 (bad events), got $(head -1 "$T/mixed-1.res")"
for want in 'no END:VEVENT' 'text outside BEGIN:VCALENDAR' 'without a matching BEGIN' \
	'control byte' 'TZID "Nowhere/Zone0" unknown' 'TZID "Nowhere/Zone1" unknown'; do
	grep -q "$want" "$T/mixed-1.err" || fail "mixed.ics: stderr lacks '$want': $(cat "$T/mixed-1.err")"
done
expect_eq "$(grep -c 'Nowhere/Zone0' "$T/mixed-3.err")" 1 "an unknown TZID said once with 3 parts"
expect_eq "$(sqlite3 "$T/mixed-3.db" "SELECT title FROM invitation WHERE uid = 'series-0@t' \
	AND recurrence_id = '2026-01-12T08:00:00Z'")" "Moved breakfast" "an override in another part"
expect_eq "$(sqlite3 "$T/mixed-3.db" "SELECT count(*) FROM invitation WHERE uid = 'series-36@t' \
	AND title = 'Later breakfast'")" 3 "a THISANDFUTURE override in another part"

# --- the benchmark's calendar: series, zones, many attendees ----------
awk -v n=3000 -f "$WORTHIT_TOP/bench/gen_ics.awk" >"$T/bench.ics"
same_in_parts "$T/bench.ics" bench
expect_eq "$(sqlite3 "$T/bench-2.db" 'SELECT count(*) FROM invitation')" 4800 "bench rows"

# --- the shared corpus -------------------------------------------------
corpus="${WORTHIT_SHARED:-}/corpus/ics"
if [ -d "$corpus" ]; then
	n=0
	for f in "$corpus"/*.ics; do
		n=$((n + 1))
		same_in_parts "$f" "corpus"
	done
	echo "corpus: $n files alike in 1, 2 and 3 parts"
else
	case "${CI:-}" in 1|true) fail "corpus not found at $corpus (required under CI)" ;; esac
	echo "corpus not found: only the made-up and generated files compared"
fi

# --- one part stopped: the whole file fails, nothing written ----------
{
	ics_head
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		ics_slow_event $i
		printf 'BEGIN:VEVENT\r\nUID:quick-%d@test\r\nDTSTART:20260301T090000Z\r\n' $i
		printf 'DURATION:PT1H\r\nSUMMARY:Coffee\r\nEND:VEVENT\r\n'
	done
	ics_tail
} >"$T/slow.ics"
DB="$T/slow.db"
expect_rc 0 "$WORTHIT" --db "$DB" list
before=$(sqlite3 "$DB" .dump | sha256sum)
run timeout 60 env WORTHIT_PARSE_PARTS=2 WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$DB" import \
	--from 2026-01-01 --to 2026-11-01 "$T/slow.ics"
[ "$rc" -eq 65 ] || fail "a part at its CPU limit: exit $rc, expected 65; stderr: $err"
expect_err "parser stopped: CPU limit after 1 s in $T/slow.ics"
expect_eq "$(sqlite3 "$DB" .dump | sha256sum)" "$before" "database after a part was stopped"

# --- a part stopped after streaming began: the run starts again without
# that file (--skip-bad keeps the other), or nothing is written -------
{
	ics_head
	ics_quick_events 6000
	sed -n '/BEGIN:VEVENT/,$p' "$T/slow.ics"
} >"$T/streamed.ics"
DB="$T/streamed.db"
run env WORTHIT_PARSE_PARTS=2 WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$DB" import --skip-bad \
	--from 2026-01-01 --to 2026-11-01 "$T/streamed.ics" "$T/mixed.ics"
[ "$rc" -eq 65 ] || fail "a streamed part stopped, --skip-bad: exit $rc; stderr: $err"
expect_err "parser stopped: CPU limit after 1 s in $T/streamed.ics"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM invitation WHERE uid LIKE 'q-%'")" 0 \
	"rows of the stopped file"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM invitation WHERE uid LIKE 'meetup-%'")" -gt 0 ] ||
	fail "the other file was not imported"
rm -f "$DB"
run env WORTHIT_PARSE_PARTS=2 WORTHIT_PARSE_CPU_SEC=1 "$WORTHIT" --db "$DB" import \
	--from 2026-01-01 --to 2026-11-01 "$T/streamed.ics"
[ "$rc" -eq 65 ] || fail "a streamed part stopped: exit $rc; stderr: $err"
expect_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM invitation')" 0 "rows after a stopped part"

# --- a FIFO is read once, by one parser, whatever WORTHIT_PARSE_PARTS says
mkfifo "$T/fifo.ics"
cat "$T/mixed.ics" >"$T/fifo.ics" &
WORTHIT_PARSE_PARTS=3 "$WORTHIT" --db "$T/fifo.db" import --json --skip-bad \
	--from 2020-01-01 --to 2031-01-01 "$T/fifo.ics" >"$T/out" 2>/dev/null
wait
contains "$(cat "$T/out")" '"parsers":1' || fail "a FIFO: $(tail -1 "$T/out")"
expect_eq "$(sqlite3 "$T/fifo.db" 'SELECT count(*) FROM invitation')" \
	"$(sqlite3 "$T/mixed-1.db" 'SELECT count(*) FROM invitation')" "rows read from a FIFO"

# --- by default: parts for a file of 8 MiB or more, one per core ----
[ "$(wc -c <"$T/bench.ics")" -ge $((8 << 20)) ] || fail "bench.ics is under 8 MiB"
rm -f "$T/default.db"
"$WORTHIT" --db "$T/default.db" import --json --from 2025-01-01 --to 2028-01-01 "$T/bench.ics" \
	>"$T/out" 2>&1 || fail "default import: $(cat "$T/out")"
cores=$(getconf _NPROCESSORS_ONLN)
want=$((cores < 2 ? 1 : cores > 4 ? 4 : cores))
contains "$(cat "$T/out")" "\"parsers\":$want" || fail "default parts on $cores cores: $(tail -1 "$T/out")"
WORTHIT_PARSE_PARTS=1 "$WORTHIT" --db "$T/one.db" import --json --from 2025-01-01 --to 2028-01-01 \
	"$T/mixed.ics" >"$T/out" 2>/dev/null
contains "$(cat "$T/out")" '"parsers":1' || fail "a small file: $(tail -1 "$T/out")"
echo "parts: 1, 2 and 3 children give the same import"
