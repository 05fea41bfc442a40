#!/bin/sh
# test_mail_send.sh: `worthit decide ID accept|decline|maybe --send`: the
# iMIP message (RFC 6047) piped to a fake sendmail that stores each
# message, parsed back with Debian's Python (email + icalendar): the
# multipart/alternative structure, the headers, the REPLY (PARTSTAT,
# ATTENDEE = me, UID, RECURRENCE-ID only for an occurrence, COMMENT).
# A failing sendmail names the command and its exit status (69, or 75)
# and the decision stays recorded. --reply - writes only the REPLY to
# stdout. $WORTHIT_SENDMAIL overrides config "sendmail".
. "$WORTHIT_TOP/tests/lib.sh"

PY=/usr/bin/python3
"$PY" -c 'import email, icalendar' 2>/dev/null ||
	{ echo "Debian's python3-icalendar is missing (make deps)"; exit 77; }

M="$WORTHIT_TOP/tests/data/mail"
OUT="$T/sent"
mkdir -p "$OUT"
cat >"$T/fake-sendmail" <<'EOF'
#!/bin/sh
# stores each message it is given (msg.N) and its arguments (args.N)
n=$(ls "$FAKE_OUT" | grep -c '^msg\.')
printf '%s\n' "$*" >"$FAKE_OUT/args.$n"
cat >"$FAKE_OUT/msg.$n"
EOF
printf '#!/bin/sh\ncat >/dev/null\necho "msmtp: cannot connect to smtp.example.com" >&2\nexit %s\n' 1 \
	>"$T/failing-sendmail"
printf '#!/bin/sh\ncat >/dev/null\necho "try later" >&2\nexit 75\n' >"$T/later-sendmail"
chmod +x "$T/fake-sendmail" "$T/failing-sendmail" "$T/later-sendmail"
export FAKE_OUT="$OUT"
CFG="$T/config.json"
printf '{"me": ["me@example.com"], "sendmail": "%s -t -oi"}\n' "$T/fake-sendmail" >"$CFG"
unset WORTHIT_EMAIL EMAIL WORTHIT_SENDMAIL
W() { timeout 30 "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }

# check MSG PARTSTAT SUBJECT UID [RECURRENCE-ID] [COMMENT]: RFC 6047 checks
check() {
	"$PY" - "$@" <<'EOF' || fail "sent message $1 is wrong (above)"
import sys, email, email.policy, icalendar
path, partstat, subject, uid = sys.argv[1:5]
rid = sys.argv[5] if len(sys.argv) > 5 else ''
comment = sys.argv[6] if len(sys.argv) > 6 else None
msg = email.message_from_binary_file(open(path, 'rb'), policy=email.policy.default)
def need(cond, what):
    if not cond:
        print('FAIL:', what); sys.exit(1)
need(msg['From'].addresses[0].addr_spec == 'me@example.com', 'From is me: %s' % msg['From'])
need(msg['To'].addresses[0].addr_spec == 'ann@lawfirm.example', 'To the organizer: %s' % msg['To'])
need(str(msg['Subject']) == subject, 'Subject %r' % str(msg['Subject']))
need(msg['Date'] is not None and msg['Date'].datetime.year == 2026, 'Date')
need(msg['Message-ID'] is not None and '@example.com>' in msg['Message-ID'], 'Message-ID')
need(msg['MIME-Version'] == '1.0', 'MIME-Version')
need(msg.get_content_type() == 'multipart/alternative', 'type %s' % msg.get_content_type())
parts = list(msg.iter_parts())
need([p.get_content_type() for p in parts] == ['text/plain', 'text/calendar'], 'parts')
cal_part = parts[1]
need(cal_part.get_param('method') == 'REPLY', 'method=REPLY parameter')
need(cal_part.get_content_charset() == 'utf-8', 'charset')
cal = icalendar.Calendar.from_ical(cal_part.get_content())
need(str(cal['METHOD']) == 'REPLY', 'METHOD:REPLY')
events = [c for c in cal.walk('VEVENT')]
need(len(events) == 1, 'one VEVENT')
ev = events[0]
need(str(ev['UID']) == uid, 'UID %s' % ev['UID'])
att = ev.get('ATTENDEE')
need(not isinstance(att, list), 'exactly one ATTENDEE')
need(str(att).lower() == 'mailto:me@example.com', 'ATTENDEE is me: %s' % att)
need(att.params['PARTSTAT'] == partstat, 'PARTSTAT %s' % att.params.get('PARTSTAT'))
need(str(ev['ORGANIZER']).lower() == 'mailto:ann@lawfirm.example', 'ORGANIZER')
if rid:
    need(ev.get('RECURRENCE-ID') is not None and
         ev['RECURRENCE-ID'].dt.strftime('%Y%m%dT%H%M%SZ') == rid, 'RECURRENCE-ID %s' % ev.get('RECURRENCE-ID'))
else:
    need(ev.get('RECURRENCE-ID') is None, 'no RECURRENCE-ID for a single event')
if comment is not None:
    need(str(ev.get('COMMENT', '')) == comment, 'COMMENT %r' % ev.get('COMMENT'))
    need(comment in parts[0].get_content(), 'the summary shows the comment')
else:
    need(ev.get('COMMENT') is None, 'no COMMENT')
EOF
}

expect_rc 0 W import "$M/google-request.eml"
id=$(sql "SELECT id FROM invitation WHERE uid = '7kq2o1m3b9g@google.com'")

# --- accept: sent through config "sendmail" with its arguments -------------
expect_rc 0 W decide "$id" accept --send
expect_err 'sent "Accepted: Legal breakfast" to Ann Lee <ann@lawfirm.example> as me@example.com'
expect_eq "$(cat "$OUT/args.0")" "-t -oi" "sendmail arguments"
check "$OUT/msg.0" ACCEPTED "Accepted: Legal breakfast" 7kq2o1m3b9g@google.com

# --- decline: the proposed COMMENT, shown, sent ----------------------------
expect_rc 0 W decide "$id" decline --send
expect_err "comment (--comment TEXT to say it otherwise"
proposed=$(sed -n 's/^worthit: comment ([^)]*): //p' "$T/err")
contains "$proposed" "Thank you for thinking of me. " || fail "no proposal: $err"
check "$OUT/msg.1" DECLINED "Declined: Legal breakfast" 7kq2o1m3b9g@google.com "" "$proposed"
# --comment sets it (newlines made spaces); '' sends none
expect_rc 0 W decide "$id" decline --send --comment "Sorry, I am away
that week."
check "$OUT/msg.2" DECLINED "Declined: Legal breakfast" 7kq2o1m3b9g@google.com "" \
	"Sorry, I am away that week."
expect_rc 0 W decide "$id" decline --send --comment ''
check "$OUT/msg.3" DECLINED "Declined: Legal breakfast" 7kq2o1m3b9g@google.com

# --- maybe, through $WORTHIT_SENDMAIL --------------------------------------
printf '{"me": ["me@example.com"], "sendmail": "/nonexistent/sendmail"}\n' >"$CFG"
WORTHIT_SENDMAIL="$T/fake-sendmail -t" expect_rc 0 W decide "$id" maybe --send
expect_eq "$(cat "$OUT/args.4")" "-t" "WORTHIT_SENDMAIL arguments"
check "$OUT/msg.4" TENTATIVE "Tentative: Legal breakfast" 7kq2o1m3b9g@google.com

# --- a command that fails: named with its status, the decision kept ---------
before=$(sql "SELECT count(*) FROM decision")
WORTHIT_SENDMAIL="$T/failing-sendmail" expect_rc 69 W decide "$id" accept --send
expect_err "the sendmail command \"$T/failing-sendmail\" failed with exit status 1: msmtp: cannot connect"
expect_err "the decision is recorded"
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $id")" accepted "decision kept"
expect_eq "$(sql "SELECT count(*) FROM decision")" "$((before + 1))" "decision journaled"
WORTHIT_SENDMAIL="$T/later-sendmail" expect_rc 75 W decide "$id" decline --send --comment ''
expect_err "failed with exit status 75: try later"
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $id")" declined "decision kept (75)"
# the default command from config: missing here, exit 127 from the shell
expect_rc 69 W decide "$id" accept --send
expect_err "the sendmail command \"/nonexistent/sendmail\" failed with exit status 127"

# --- no address to send from: refused before anything is recorded --------
# (the address it was sent to is not known: as for an invitation
# imported while config "me" was empty)
printf '{"sendmail": "%s"}\n' "$T/fake-sendmail" >"$CFG"
sql "DELETE FROM invitation_me WHERE invitation_id = $id"
st=$(sql "SELECT status FROM invitation WHERE id = $id")
expect_rc 64 W decide "$id" maybe --send
expect_err '"me"'
expect_eq "$(sql "SELECT status FROM invitation WHERE id = $id")" "$st" "no decision without a sender"
printf '{"me": ["me@example.com"], "sendmail": "%s"}\n' "$T/fake-sendmail" >"$CFG"

# --- an occurrence of a series carries its RECURRENCE-ID ------------------
cat >"$T/series.eml" <<'EOF'
From: Ann Lee <ann@lawfirm.example>
To: me@example.com
Subject: Invitation: Weekly founders coffee
Date: Fri, 20 Feb 2026 10:15:00 +0000
Message-ID: <series-1@lawfirm.example>
MIME-Version: 1.0
Content-Type: text/calendar; charset=utf-8; method=REQUEST

BEGIN:VCALENDAR
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
UID:series-coffee@lawfirm.example
DTSTART:20260305T080000Z
DTEND:20260305T090000Z
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Founders coffee
ORGANIZER;CN=Ann Lee:mailto:ann@lawfirm.example
ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com
END:VEVENT
END:VCALENDAR
EOF
expect_rc 0 W import "$T/series.eml"
expect_out "3 added"
occ=$(sql "SELECT id FROM invitation WHERE uid = 'series-coffee@lawfirm.example' ORDER BY starts_at LIMIT 1 OFFSET 1")
expect_rc 0 W decide "$occ" accept --send
check "$OUT/msg.5" ACCEPTED "Accepted: Founders coffee" series-coffee@lawfirm.example 20260312T080000Z

# --- --reply -: the REPLY alone on stdout, the status line on stderr -------
expect_rc 0 W decide "$id" accept --reply -
case "$(printf '%s' "$out" | tr -d '\r')" in "BEGIN:VCALENDAR"*"END:VCALENDAR") ;; *) fail "stdout is not only the REPLY: $out" ;; esac
expect_err "#$id Legal breakfast"

# --- several "me" addresses: the reply comes from the one invited ---------
printf '{"me": ["first@example.com", "Me.Work@example.com"], "sendmail": "%s"}\n' \
	"$T/fake-sendmail" >"$CFG"
sed -e 's/series-coffee@/work-coffee@/; s/series-1@/work-1@/; s/^To: .*/To: me.work@example.com/' \
	-e 's/mailto:me@example.com/mailto:me.work@example.com/; s/COUNT=3/COUNT=1/' \
	"$T/series.eml" >"$T/work.eml"
expect_rc 0 W import "$T/work.eml"
work=$(sql "SELECT id FROM invitation WHERE uid = 'work-coffee@lawfirm.example'")
expect_eq "$(sql "SELECT address FROM invitation_me WHERE invitation_id = $work")" \
	"me.work@example.com" "the address it was sent to, kept"
expect_eq "$(sql "SELECT coalesce(attendees, '') FROM invitation WHERE id = $work")" "" \
	"the user is not one of the people met"
expect_rc 0 W decide "$work" accept --send
expect_err "as me.work@example.com"
"$PY" - "$OUT/msg.6" <<'EOF' || fail "the reply is not from the address invited (above)"
import sys, email, email.policy, icalendar
msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
assert msg['From'].addresses[0].addr_spec == 'me.work@example.com', msg['From']
cal = icalendar.Calendar.from_ical(list(msg.iter_parts())[1].get_content())
att = [c for c in cal.walk('VEVENT')][0]['ATTENDEE']
assert str(att).lower() == 'mailto:me.work@example.com', att
EOF
echo ok
