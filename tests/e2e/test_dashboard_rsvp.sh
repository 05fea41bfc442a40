# test_dashboard_rsvp.sh: r in the Invitations tab, then f, writes the RSVP reply
# (r alone mails it: test_dashboard_send.sh)
# (iTIP METHOD:REPLY) of an invitation imported from an iTIP REQUEST:
# right after a (the row has left the list) to a path typed over the
# proposed one; then from the selection with the proposed ~/reply-...
# file; an existing file is kept after n and replaced only after y; m
# gives TENTATIVE; a pending invitation is refused with "decide first";
# without WORTHIT_EMAIL (two attendees, so no guess) r names it; a click
# on another tab cancels the prompt. The files are checked line by line
# (libical writes CRLF) and the decisions in the database.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
# the unfolded lines of a reply, without CR
lines() { tr -d '\r' <"$1" | awk '/^[ \t]/ { prev = prev substr($0, 2); next }
	{ if (NR > 1) print prev; prev = $0 } END { print prev }'; }
# count of lines equal to $2 in file $1
has_line() { lines "$1" | grep -cxF -- "$2"; }
expect_line() { [ "$(has_line "$1" "$2")" = 1 ] || { lines "$1" >&2; fail "$1 lacks '$2'"; }; }

cat >"$T/invite.ics" <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example Corp//Mailer//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:rust-spring-2026@example.org
SEQUENCE:2
DTSTAMP:20260220T120000Z
DTSTART:20260310T230000Z
DTEND:20260311T010000Z
SUMMARY:Rust Meetup Spring
LOCATION:Tech Hub, 5 Main St
ORGANIZER;CN=Rust Org:mailto:org@example.org
ATTENDEE;CN=Me;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com
ATTENDEE;CN=Other;PARTSTAT=ACCEPTED:mailto:other@example.com
END:VEVENT
BEGIN:VEVENT
UID:design-crit-2026@example.org
DTSTAMP:20260220T120000Z
DTSTART:20260312T230000Z
DTEND:20260313T010000Z
SUMMARY:Design Crit Night
ORGANIZER:mailto:crit@example.org
ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com
ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:third@example.com
END:VEVENT
END:VCALENDAR
EOF
W import "$T/invite.ics" >/dev/null 2>&1 || fail "import failed"
rust=$(sql "SELECT id FROM invitation WHERE uid = 'rust-spring-2026@example.org'")
crit=$(sql "SELECT id FROM invitation WHERE uid = 'design-crit-2026@example.org'")
[ -n "$rust" ] && [ -n "$crit" ] || fail "the invitations were not imported"
mkdir "$T/out"

export WORTHIT_EMAIL=me@example.com
unset EMAIL
filter() { # select the one row matching $1
	e2e_keys /
	e2e_type "$1"
	e2e_keys Enter
	e2e_wait "/$1: 1 shown, Esc clears"
}

e2e_start 120 40
e2e_wait "Why this score"

# --- a, then r at once: the accepted row has left the list -----------------
filter Rust
e2e_keys a
e2e_wait 'Accepted "Rust Meetup Spring"'
e2e_wait "u undoes; r sends the RSVP reply"
e2e_keys r
e2e_wait 'Send "'
e2e_keys f # a file rather than mail
e2e_wait "RSVP reply (ACCEPTED) to: ~/reply-2026-03-10-rust-meetup-spring.ics_  Enter writes"
e2e_keys C-u
e2e_type "out/rsvp.ics" # relative: worthit runs in $T
e2e_keys Enter
e2e_wait "Wrote the RSVP reply (ACCEPTED as me@example.com) to out/rsvp.ics: mail it to Rust Org <org@example.org>"
f="$T/out/rsvp.ics"
expect_line "$f" "METHOD:REPLY"
expect_line "$f" "UID:rust-spring-2026@example.org"
expect_line "$f" "SEQUENCE:2"
expect_line "$f" "DTSTART:20260310T230000Z"
expect_line "$f" "ORGANIZER:mailto:org@example.org"
expect_line "$f" "ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com"
expect_eq "$(lines "$f" | grep -c '^ATTENDEE')" 1 "one ATTENDEE: the user"
expect_eq "$(lines "$f" | grep -c '^BEGIN:VEVENT$')" 1 "one VEVENT"
expect_eq "$(ls "$T/out")" "rsvp.ics" "no temporary file left"

# --- from the selection, to the proposed file in $HOME -----------------------
e2e_keys Escape
e2e_wait "Filter cleared"
e2e_keys f
e2e_wait "Showing decided and past invitations"
filter Rust
e2e_keys r
e2e_wait 'Send "'
e2e_keys f # a file rather than mail
e2e_wait "RSVP reply (ACCEPTED) to: ~/reply-2026-03-10-rust-meetup-spring.ics_"
e2e_keys Enter
home_file="$HOME/reply-2026-03-10-rust-meetup-spring.ics"
e2e_wait "Wrote the RSVP reply (ACCEPTED as me@example.com) to ~/reply-2026-03-10-rust-meetup-spring.ics: mail"
expect_line "$home_file" "ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com"

# --- an existing file: n keeps it, y replaces it -----------------------------
echo "KEEP ME" >"$home_file"
e2e_keys r
e2e_wait 'Send "'
e2e_keys f # a file rather than mail
e2e_wait "RSVP reply (ACCEPTED) to: ~/reply-2026-03-10-rust-meetup-spring.ics_"
e2e_keys Enter
e2e_wait "~/reply-2026-03-10-rust-meetup-spring.ics exists: y replaces it, n keeps it, Esc cancels"
e2e_keys n
e2e_wait "exists; not replaced (Esc cancels)"
expect_eq "$(cat "$home_file")" "KEEP ME" "after n"
e2e_keys Enter
e2e_wait "exists: y replaces it"
e2e_keys Escape
e2e_wait "No reply written"
expect_eq "$(cat "$home_file")" "KEEP ME" "after Esc"
e2e_keys r
e2e_wait 'Send "'
e2e_keys f # a file rather than mail
e2e_wait "RSVP reply (ACCEPTED) to:"
e2e_keys Enter
e2e_wait "exists: y replaces it"
e2e_keys y
e2e_wait "Wrote the RSVP reply (ACCEPTED as me@example.com) to ~/reply-2026-03-10-rust-meetup-spring.ics: mail"
expect_line "$home_file" "METHOD:REPLY"
expect_line "$home_file" "ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com"
expect_eq "$(has_line "$home_file" "KEEP ME")" 0 "replaced"

# --- a typed directory gets the proposed name --------------------------------
e2e_keys r
e2e_wait 'Send "'
e2e_keys f # a file rather than mail
e2e_wait "RSVP reply (ACCEPTED) to:"
e2e_keys C-u
e2e_type "out"
e2e_keys Enter
e2e_wait "to out/reply-2026-03-10-rust-meetup-spring.ics: mail it"
expect_line "$T/out/reply-2026-03-10-rust-meetup-spring.ics" "UID:rust-spring-2026@example.org"

# --- pending: refused; m, then r: TENTATIVE -----------------------------------
e2e_keys Escape
e2e_wait "Filter cleared"
filter Design
e2e_keys r
e2e_wait 'No RSVP reply: "Design Crit Night" is undecided: decide first (a/d/m)'
ls "$HOME"/reply-*design* >/dev/null 2>&1 && fail "a reply was written for a pending invitation"
e2e_keys m
e2e_wait 'Marked maybe "Design Crit Night"'
e2e_keys r
e2e_wait 'Send "'
e2e_keys f # a file rather than mail
e2e_wait "RSVP reply (TENTATIVE) to: ~/reply-2026-03-12-design-crit-night.ics_"
e2e_keys Enter
e2e_wait "Wrote the RSVP reply (TENTATIVE as me@example.com)"
f="$HOME/reply-2026-03-12-design-crit-night.ics"
expect_line "$f" "ATTENDEE;PARTSTAT=TENTATIVE:mailto:me@example.com"
expect_line "$f" "UID:design-crit-2026@example.org"
expect_line "$f" "ORGANIZER:mailto:crit@example.org"
# a click on another tab cancels the prompt: q then quits
e2e_keys r
e2e_wait 'Send "'
e2e_keys f # a file rather than mail
e2e_wait "RSVP reply (TENTATIVE) to:"
e2e_click 18 0
e2e_wait "No reply written"
e2e_keys 1
e2e_wait "Why this score"
e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code after q"
expect_eq "$(sql "SELECT invitation_id, new_status, undone FROM decision ORDER BY id")" \
	"$rust|accepted|0
$crit|maybe|0" "decisions"

# --- no address: WORTHIT_EMAIL named, nothing written ------------------------
e2e_stop
unset WORTHIT_EMAIL
rm -f "$T/out"/*
e2e_start 120 40
e2e_wait "Why this score"
filter Design
e2e_keys r
e2e_wait 'No RSVP reply: no address to answer as: add yours to "me" in the config'
e2e_keys q
e2e_wait_exit
expect_eq "$(ls "$T/out")" "" "nothing written without an address"
exit 0
