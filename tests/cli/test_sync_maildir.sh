# test_sync_maildir.sh: a Maildir in config "sources", read by `worthit
# sync` through `worthit import` (so exactly the mail import reads it):
# the first sync hands it the whole Maildir, later ones only the new or
# renamed messages; a sync with nothing new lists nothing (cur/ and
# new/ unchanged since the last complete read: Maildir never edits a
# message in place), --force reads every message again. Skipped (77)
# while `worthit import` cannot read a Maildir.
. "$WORTHIT_TOP/tests/lib.sh"
export TZ=UTC

M="$T/Maildir"
mkdir -p "$M/cur" "$M/new" "$M/tmp"
message() { # file uid title
	cat >"$1" <<MSG
From: Ann Lee <ann@chamber.example>
To: me@example.com
Subject: Invitation: $3
Date: Sun, 01 Feb 2026 10:00:00 +0000
Message-ID: <$2>
MIME-Version: 1.0
Content-Type: text/calendar; method=REQUEST; charset=utf-8

BEGIN:VCALENDAR
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
UID:$2
DTSTART:20260310T070000Z
DTEND:20260310T080000Z
SUMMARY:$3
ORGANIZER:mailto:ann@chamber.example
ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com
END:VEVENT
END:VCALENDAR
MSG
}
message "$M/cur/1.host:2,S" one@chamber.example "Breakfast"
message "$M/new/2.host" two@chamber.example "Lunch"
"$WORTHIT" --db "$T/probe.db" import "$M" >/dev/null 2>&1 ||
	{ echo "worthit import cannot read a Maildir yet"; exit 77; }

C="$T/config.json"
echo "{\"me\": [\"me@example.com\"], \"sources\": [{\"path\": \"$M\"}]}" >"$C"
W() { "$WORTHIT" --db "$DB" --config "$C" "$@"; }

expect_rc 0 W sync
expect_eq "$out" "sync: 2 new, 0 updated, 0 cancelled" "first sync"
expect_rc 0 W sync
expect_eq "$out" "sync: 0 new, 0 updated, 0 cancelled" "nothing new"
message "$M/new/3.host" three@chamber.example "Coffee"
expect_rc 0 W sync
expect_eq "$out" "sync: 1 new, 0 updated, 0 cancelled" "a new message"
mv "$M/new/2.host" "$M/cur/2.host:2,S"
expect_rc 0 W sync
expect_eq "$out" "sync: 0 new, 0 updated, 0 cancelled" "a message moved to cur/"
expect_eq "$(sql "SELECT count(*) FROM source_file")" 3 "files remembered"
# edited in place (no Maildir program does): unseen until --force
sed 's/SUMMARY:Breakfast/SUMMARY:Breakfast (moved)/' "$M/cur/1.host:2,S" >"$T/edited"
cat "$T/edited" >"$M/cur/1.host:2,S" # in place: no rename, cur/ unchanged
touch -d '2026-01-01' "$M/cur/1.host:2,S"
expect_rc 0 W sync
expect_eq "$out" "sync: 0 new, 0 updated, 0 cancelled" "cur/ unchanged: not listed"
expect_rc 0 W sync --force
expect_out "1 updated"
expect_eq "$(sql "SELECT title FROM invitation WHERE uid = 'one@chamber.example'")" \
	"Breakfast (moved)" "read again with --force"
exit 0
