# test_import.sh: `worthit import` and `worthit export` through the built
# binary: every error path (exit code, "FILE:LINE: what is wrong", the
# database byte-for-byte unchanged), --skip-bad, --dry-run, re-import,
# update, cancel, stale SEQUENCE, repeats, stdin, format guessing, JSON
# and CSV input, the export round trip, -o never overwriting, the RSVP
# reply parsed back. The real-world corpus: test_import_corpus.sh.
. "$WORTHIT_TOP/tests/lib.sh"

dump() { sqlite3 "$DB" .dump | sha256sum; }
W() { "$WORTHIT" --db "$DB" "$@"; }

cat >"$T/cal.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:bfast@test
DTSTART;TZID=America/New_York:20260310T090000
DTEND;TZID=America/New_York:20260310T103000
SUMMARY:Bar Association Breakfast\, downtown
ORGANIZER;CN=Ann Lee:mailto:ann@bar.example
ATTENDEE;CN=Me:mailto:me@example.com
ATTENDEE:mailto:bob@example.com
SEQUENCE:1
END:VEVENT
BEGIN:VEVENT
UID:weekly@test
DTSTART:20260302T150000Z
DURATION:PT1H
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Dev meetup
END:VEVENT
END:VCALENDAR
ICS

# --- first import, then re-import changes nothing -----------------------
expect_rc 0 W import "$T/cal.ics"
expect_out "import: 4 added, 0 updated, 0 cancelled, 0 unchanged, 0 skipped"
expect_eq "$(sql 'SELECT count(*) FROM invitation')" 4 "rows after import"
expect_eq "$(sql "SELECT kind FROM invitation WHERE uid = 'bfast@test'")" breakfast "keyword kind"
expect_eq "$(sql "SELECT segment || '=' || share FROM audience_share JOIN invitation ON id = invitation_id WHERE uid = 'bfast@test' AND dimension = 'industry'")" "legal=0.7" "keyword share"
expect_eq "$(sql "SELECT kind FROM invitation WHERE uid = 'weekly@test' LIMIT 1")" meetup "meetup kind"
before=$(dump)
expect_rc 0 W import "$T/cal.ics"
expect_out "import: 0 added, 0 updated, 0 cancelled, 4 unchanged, 0 skipped"
expect_eq "$(dump)" "$before" "re-import changed the database"

# --- the user's decision survives an update; a cancel keeps it -------------
id=$(sql "SELECT id FROM invitation WHERE uid = 'bfast@test'")
expect_rc 0 W decide "$id" accept
sed 's/SEQUENCE:1/SEQUENCE:2/; s/Breakfast\\, downtown/Breakfast (moved)/' "$T/cal.ics" >"$T/cal2.ics"
expect_rc 0 W import "$T/cal2.ics"
expect_out "1 updated"
expect_eq "$(sql "SELECT status || '|' || title FROM invitation WHERE id = $id")" \
	"accepted|Bar Association Breakfast (moved)" "update kept the decision"

# stale: SEQUENCE 1 after 2 is ignored and reported
expect_rc 0 W import "$T/cal.ics"
expect_out "1 stale"
expect_err "cal.ics:5: bfast@test: SEQUENCE is lower than the stored one"
expect_eq "$(sql "SELECT title FROM invitation WHERE id = $id")" "Bar Association Breakfast (moved)"

cat >"$T/cancel.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
METHOD:CANCEL
BEGIN:VEVENT
UID:bfast@test
DTSTART:20260310T130000Z
SEQUENCE:3
SUMMARY:x
END:VEVENT
END:VCALENDAR
ICS
expect_rc 0 W import "$T/cancel.ics"
expect_out "1 cancelled"
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $id")" cancelled
expect_eq "$(sql "SELECT count(*) FROM decision WHERE invitation_id = $id")" 1 "decision history kept"

# --- any bad item: exit 65, FILE:LINE for each, database untouched ---------
cat >"$T/bad.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:new-good@test
DTSTART:20260320T130000Z
DTEND:20260320T140000Z
SUMMARY:Good
END:VEVENT
BEGIN:VEVENT
UID:bad1@test
DTSTART:20260321T130000Z
DTEND:20260321T120000Z
SUMMARY:Ends before it starts
END:VEVENT
BEGIN:VEVENT
UID:bad2@test
SUMMARY:No start
END:VEVENT
END:VCALENDAR
ICS
before=$(dump)
expect_rc 65 W import "$T/bad.ics"
expect_err "$T/bad.ics:9: VEVENT bad1@test ends before it starts"
expect_err "$T/bad.ics:15: VEVENT bad2@test has no valid DTSTART"
expect_err "2 bad items: nothing imported"
expect_out "0 added, 0 updated, 0 cancelled, 0 unchanged, 2 skipped; nothing imported"
expect_eq "$(dump)" "$before" "a failed import changed the database"

# --dry-run: lists, writes nothing, still exits 65 for the bad ones
expect_rc 65 W import --dry-run "$T/bad.ics"
expect_out "add        2026-03-20T13:00:00Z  Good"
expect_out "skip       $T/bad.ics:9: VEVENT bad1@test ends before it starts"
expect_out "dry run: 1 added, 0 updated, 0 cancelled, 0 unchanged, 2 skipped (nothing written)"
expect_eq "$(dump)" "$before" "--dry-run changed the database"

# --skip-bad: the good one goes in, the bad ones are listed, exit 65
expect_rc 65 W import --skip-bad "$T/bad.ics"
expect_err "$T/bad.ics:9:"
expect_err "$T/bad.ics:15:"
expect_out "import: 1 added, 0 updated, 0 cancelled, 0 unchanged, 2 skipped"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE uid = 'new-good@test'")" 1

# one bad file among good ones fails everything
before=$(dump)
expect_rc 65 W import "$T/cal2.ics" "$T/bad.ics"
expect_eq "$(dump)" "$before" "two files, one bad"

# --- files and formats -----------------------------------------------------
before=$(dump)
expect_rc 66 W import "$T/missing.ics"
expect_err "missing.ics: No such file or directory"
expect_rc 66 W import "$T/cal.ics" "$T/missing.ics"
expect_eq "$(dump)" "$before" "missing file"
expect_rc 64 W import --format xml "$T/cal.ics"
expect_err "--format 'xml': expected ics, json, csv, mail, mbox or maildir"
expect_rc 64 W import
printf 'just some words\n' >"$T/notes.txt"
expect_rc 65 W import "$T/notes.txt"
expect_err "notes.txt: cannot tell the format"
printf 'hello\n' >"$T/fake.ics"
expect_rc 65 W import "$T/fake.ics"
expect_err "fake.ics: $T/fake.ics: not iCalendar"
head -c 3000 /dev/urandom >"$T/junk.ics"
run W import --format ics "$T/junk.ics"
[ "$rc" -eq 65 ] || fail "binary junk exited $rc"
expect_eq "$(dump)" "$before" "rejected files"

# stdin, format guessed from content; the source is named "-"
expect_rc 0 W import - <"$T/cal2.ics"
expect_out "3 unchanged, 0 skipped, 1 stale" # the cancel had SEQUENCE 3
expect_err "worthit: -:5: bfast@test: SEQUENCE is lower"
expect_rc 65 W import --dry-run - <"$T/bad.ics"
expect_err "-:9: VEVENT bad1@test"

# --- JSON and CSV ----------------------------------------------------------
cat >"$T/list.json" <<'JSON'
[{"title": "Healthcare CIO lunch", "starts_at": "2026-04-02T17:00:00Z", "duration_min": 90,
  "uid": "j1@test", "ticket": "35.00", "currency": "USD"},
 {"title": "Given kind", "starts_at": "2026-04-03", "kind": "webinar", "uid": "j2@test",
  "audience": [{"dimension": "role", "segment": "partner", "share": 0.5}]}]
JSON
expect_rc 0 W import "$T/list.json"
expect_out "2 added"
expect_eq "$(sql "SELECT kind || '|' || ticket_minor FROM invitation WHERE uid = 'j1@test'")" "lunch|3500"
expect_eq "$(sql "SELECT group_concat(segment) FROM audience_share JOIN invitation ON id = invitation_id WHERE uid = 'j1@test'")" healthcare
expect_eq "$(sql "SELECT kind FROM invitation WHERE uid = 'j2@test'")" webinar "a given kind stays"
expect_eq "$(sql "SELECT group_concat(segment) FROM audience_share JOIN invitation ON id = invitation_id WHERE uid = 'j2@test'")" partner "given shares stay"
printf '[{"title": "x", "starts_at": "2026-04-02T17:00:00"}]\n' >"$T/badzone.json"
before=$(dump)
expect_rc 65 W import "$T/badzone.json"
expect_err "badzone.json:1: starts_at: no time zone"
expect_eq "$(dump)" "$before" "bad JSON"

printf 'title,starts_at,duration_min,description\r\n"Coffee, with ""Dana""",2026-04-05T14:00:00Z,30,"Cafe ☕\r\nback room"\r\n' >"$T/list.csv"
expect_rc 0 W import "$T/list.csv"
expect_out "1 added"
expect_eq "$(sql "SELECT kind || '|' || title FROM invitation WHERE title LIKE 'Coffee%'")" 'coffee|Coffee, with "Dana"'
printf 'title,starts_at,travel_min\nA,2026-04-06,ten\nB,2026-04-07\n' >"$T/bad.csv"
before=$(dump)
expect_rc 65 W import "$T/bad.csv"
expect_err "bad.csv:2: travel_min: expected a whole number"
expect_err "bad.csv:3: 2 fields, the header has 3"
expect_eq "$(dump)" "$before" "bad CSV"
printf 'title,starts_at\nA,2026-04-06\n' | { expect_rc 0 W import --format csv -; expect_out "1 added"; }

# --- --json ----------------------------------------------------------------
expect_rc 0 W import --json "$T/cal2.ics"
expect_out '"action":"unchanged","file":"'
expect_out '"summary":{"added":0,"updated":0,"cancelled":0,"unchanged":3,"skipped":0,"stale":1'
expect_rc 65 W import --json "$T/bad.ics"
expect_out '"action":"skipped","file":"'"$T"'/bad.ics","line":9'
expect_out '"committed":false'
contains "$out" '"action":"added"' && fail "--json listed rows a rollback undid"

# --- a locked database: exit 75, nothing written ---------------------------
if command -v sqlite3 >/dev/null; then
	before=$(dump)
	( printf 'BEGIN IMMEDIATE;\n'; sleep 7; printf 'ROLLBACK;\n' ) | sqlite3 "$DB" &
	lock=$!
	sleep 1
	expect_rc 75 W import "$T/list.csv"
	expect_err "locked"
	wait $lock
	expect_eq "$(dump)" "$before" "locked database"
fi

# --- export ----------------------------------------------------------------
expect_rc 0 W export --format json -o "$T/all.json"
expect_rc 73 W export --format json -o "$T/all.json"
expect_err "all.json exists; not overwritten (use --force)"
expect_rc 0 W export --format json -o "$T/all.json" --force
expect_rc 0 W export -o "$T/all.csv"
expect_eq "$(head -c 9 "$T/all.csv")" "id,uid,re" "csv by extension"
for f in all.json all.csv; do
	DB2="$T/fresh-$f.db"
	expect_rc 0 "$WORTHIT" --db "$DB2" import "$T/$f"
	W list --json --status all | sed 's/"id":[0-9]*,//' >"$T/a"
	"$WORTHIT" --db "$DB2" list --json --status all | sed 's/"id":[0-9]*,//' >"$T/b"
	cmp -s "$T/a" "$T/b" || { diff "$T/a" "$T/b" | head; fail "round trip through $f differs"; }
done
expect_rc 0 W export --status all -o "$T/all.ics"
expect_rc 0 "$WORTHIT" --db "$T/fresh-ics.db" import --from 2026-01-01 --to 2027-01-01 "$T/all.ics"
# a timed event without a zone is written in UTC and comes back as UTC
q="SELECT uid, recurrence_id, title, starts_at, ends_at, all_day, CASE WHEN all_day THEN '' ELSE coalesce(tzid, 'UTC') END, coalesce(location, ''), coalesce(organizer, ''), coalesce(attendees, ''), coalesce(categories, '') FROM invitation WHERE status <> 'cancelled' ORDER BY uid, recurrence_id"
expect_eq "$(sqlite3 "$T/fresh-ics.db" "$q")" "$(sql "$q")" "ics round trip"
expect_rc 0 W decide "$(sql "SELECT id FROM invitation WHERE uid = 'new-good@test'")" accept
expect_rc 0 W export
expect_out "STATUS:CONFIRMED"
expect_out "SUMMARY:Good"
contains "$out" "Dev meetup" && fail "ics export lists pending events by default"

# --- RSVP reply --------------------------------------------------------------
id=$(sql "SELECT id FROM invitation WHERE uid = 'weekly@test' LIMIT 1")
expect_rc 64 W decide "$id" accept --reply "$T/r.ics"
expect_err "set WORTHIT_EMAIL"
sed 's/weekly@test/w2@test/; s/SUMMARY:Dev meetup/SUMMARY:Dev meetup\nORGANIZER;CN=Org:mailto:org@example.com/' "$T/cal.ics" >"$T/w2.ics"
expect_rc 0 W import "$T/w2.ics"
id=$(sql "SELECT id FROM invitation WHERE uid = 'w2@test' ORDER BY starts_at LIMIT 1")
WORTHIT_EMAIL=me@example.com expect_rc 0 W decide "$id" maybe --reply "$T/r.ics"
grep -q '^METHOD:REPLY' "$T/r.ics" || fail "no METHOD:REPLY"
grep -q '^ATTENDEE;PARTSTAT=TENTATIVE:mailto:me@example.com' "$T/r.ics" || fail "no PARTSTAT"
grep -q '^RECURRENCE-ID:20260302T150000Z' "$T/r.ics" || fail "no RECURRENCE-ID"
WORTHIT_EMAIL=me@example.com expect_rc 73 W decide "$id" accept --reply "$T/r.ics"
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $id")" maybe "no decision without its reply"
exit 0
