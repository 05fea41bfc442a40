# test_dashboard_send.sh: r in the Invitations tab mails the RSVP reply:
# invitations imported from the Google and Apple fixtures (tests/data/mail),
# d then r shows the message (subject, organizer, sender, the proposed
# comment) in the detail pane and the status line and asks; c edits the comment; y pipes the iMIP message to a
# fake sendmail that stores it, parsed back with Debian's Python. A
# sendmail that fails is named with its exit status, the decision stays
# recorded, Esc leaves nothing sent.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

PY=/usr/bin/python3
"$PY" -c 'import email, icalendar' 2>/dev/null ||
	{ echo "Debian's python3-icalendar is missing (make deps)"; exit 77; }

M="$WORTHIT_TOP/tests/data/mail"
mkdir -p "$T/sent"
cat >"$T/fake-sendmail" <<'EOF'
#!/bin/sh
n=$(ls "$FAKE_OUT" | grep -c '^msg\.')
cat >"$FAKE_OUT/msg.$n"
EOF
printf '#!/bin/sh\ncat >/dev/null\necho "no route to smtp.example.com" >&2\nexit 1\n' \
	>"$T/failing-sendmail"
chmod +x "$T/fake-sendmail" "$T/failing-sendmail"
export FAKE_OUT="$T/sent"
printf '{"me": ["me@example.com"], "sendmail": "%s"}\n' "$T/failing-sendmail" >"$T/config.json"
export WORTHIT_SENDMAIL="$T/fake-sendmail -t -oi"
unset WORTHIT_EMAIL EMAIL
"$WORTHIT" --db "$DB" --config "$T/config.json" import "$M/google-request.eml" \
	"$M/apple-request.eml" >"$T/import.out" 2>&1 || fail "import failed: $(cat "$T/import.out")"
legal=$(sql "SELECT id FROM invitation WHERE uid = '7kq2o1m3b9g@google.com'")
founders=$(sql "SELECT id FROM invitation WHERE uid = '4C2D9A1E-7F3B-4E55-9C0A-1B2C3D4E5F60'")

filter() { # select the one row matching $1
	e2e_keys /
	e2e_type "$1"
	e2e_keys Enter
	e2e_wait "/$1: 1 shown, Esc clears"
}

e2e_start 220 40
e2e_wait "Why this score"

# --- d, r: the message shown with the proposed comment; c edits it; y sends --
filter Legal
e2e_keys d
e2e_wait "r sends the RSVP reply"
e2e_keys r
e2e_wait 'Send "Declined: Legal breakfast" to Ann Lee <ann@lawfirm.example> as me@example.com, comment "Thank you for thinking of me.'
# the detail pane shows the message
e2e_wait "The reply to send"
e2e_wait "Subject  Declined: Legal breakfast"
e2e_wait "To       Ann Lee <ann@lawfirm.example>"
e2e_wait "Via      $T/fake-sendmail -t -oi"
e2e_wait "Comment (c edits it)"
[ -z "$(ls "$T/sent")" ] || fail "sent before y"
e2e_keys c
e2e_wait "Comment: Thank you for thinking of me."
e2e_keys C-u
e2e_type "Sorry, I am away that week."
e2e_keys Enter
e2e_wait 'comment "Sorry, I am away that week."? y sends'
e2e_keys y
e2e_wait 'Sent "Declined: Legal breakfast" to Ann Lee <ann@lawfirm.example> as me@example.com'
e2e_wait_gone "The reply to send"
"$PY" - "$T/sent/msg.0" <<'EOF' || fail "the sent message is wrong"
import sys, email, email.policy, icalendar
msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
assert str(msg['Subject']) == 'Declined: Legal breakfast', msg['Subject']
assert msg['To'].addresses[0].addr_spec == 'ann@lawfirm.example'
assert msg['From'].addresses[0].addr_spec == 'me@example.com'
assert msg.get_content_type() == 'multipart/alternative'
cal = [p for p in msg.iter_parts() if p.get_content_type() == 'text/calendar'][0]
assert cal.get_param('method') == 'REPLY'
ev = icalendar.Calendar.from_ical(cal.get_content()).walk('VEVENT')[0]
assert str(ev['UID']) == '7kq2o1m3b9g@google.com'
assert ev['ATTENDEE'].params['PARTSTAT'] == 'DECLINED'
assert str(ev['ATTENDEE']).lower() == 'mailto:me@example.com'
assert str(ev['COMMENT']) == 'Sorry, I am away that week.', ev['COMMENT']
EOF
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $legal")" declined "decline recorded"

# --- Esc: nothing sent --------------------------------------------------------
e2e_keys Escape
e2e_wait "Filter cleared"
filter Founders
e2e_keys a
e2e_wait "r sends the RSVP reply"
e2e_keys r
e2e_wait "Send \"Accepted: Founders' evening\" to"
e2e_keys Escape
e2e_wait "No reply sent"
expect_eq "$(ls "$T/sent")" "msg.0" "nothing sent after Esc"
e2e_keys q
e2e_wait_exit

# --- a sendmail that fails: named with its status, the decision recorded -----
e2e_stop
unset WORTHIT_SENDMAIL
e2e_start 220 40
e2e_wait "Nothing waiting: f shows decided and past ones"
e2e_keys f
e2e_wait "Showing decided and past invitations"
filter Founders
e2e_keys m
e2e_wait "r sends the RSVP reply"
e2e_keys r
e2e_wait "via $T/failing-sendmail? y sends"
e2e_keys y
e2e_wait "Not sent: the sendmail command \"$T/failing-sendmail\" failed with exit status 1: no route"
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $founders")" maybe "decision kept"
expect_eq "$(ls "$T/sent")" "msg.0" "nothing stored by the failing command"
e2e_keys Escape
e2e_wait "No reply sent"
e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code after q"
exit 0
