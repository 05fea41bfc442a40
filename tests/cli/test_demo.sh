# test_demo.sh: `worthit demo`: the demo database through the validated
# JSON path; mode 0600, integrity, schema version; at least 40 upcoming
# invitations and 150 past events with outcomes; the life-like shape
# (referral chains, revenue from few relationships, outcomes awaited);
# dates relative to the day it runs; refresh without duplicates;
# --force only ever replaces a worthit database; --config writes the
# persona's config once.
. "$WORTHIT_TOP/tests/lib.sh"

counts() {
	sql "SELECT (SELECT count(*) FROM invitation) || ' ' || (SELECT count(*) FROM decision)
	     || ' ' || (SELECT count(*) FROM outcome) || ' ' || (SELECT count(*) FROM contact)
	     || ' ' || (SELECT count(*) FROM deal) || ' ' || (SELECT count(*) FROM audience_share)"
}

expect_rc 0 "$WORTHIT" demo --db "$DB"
expect_out "demo database $DB"
expect_rc 0 "$WORTHIT" list --json --db "$DB"
lines=$(printf '%s\n' "$out" | grep -c '^{"id":[0-9]*,"uid":".*}$')
[ "$lines" -ge 40 ] || fail "list --json printed $lines JSON lines, expected >= 40"
expect_eq "$(printf '%s\n' "$out" | wc -l)" "$lines" "every line is one JSON object"

expect_eq "$(stat -c %a "$DB")" 600 "db mode"
expect_eq "$(sql 'PRAGMA integrity_check')" ok "integrity_check"
expect_eq "$(sql 'PRAGMA foreign_key_check')" "" "foreign_key_check"
[ "$(sql 'PRAGMA user_version')" -ge 1 ] || fail "user_version < 1"

now=$(date -u -d 2026-03-01T09:00:00Z +%s)
upcoming=$(sql "SELECT count(*) FROM invitation WHERE starts_at > $now")
[ "$upcoming" -ge 40 ] || fail "$upcoming upcoming invitations, expected >= 40"
for k in breakfast meetup conference coffee lunch speaking webinar other; do
	n=$(sql "SELECT count(*) FROM invitation WHERE starts_at > $now AND kind = '$k'")
	[ "$n" -ge 1 ] || fail "no upcoming $k"
done
n=$(sql "SELECT count(*) FROM invitation WHERE starts_at > $now AND reach = 'virtual'")
[ "$n" -ge 3 ] || fail "only $n virtual upcoming invitations"
n=$(sql "SELECT count(*) FROM invitation WHERE starts_at > $now AND ticket_minor > 0")
[ "$n" -ge 5 ] || fail "only $n upcoming invitations with a ticket price"
n=$(sql "SELECT count(*) FROM invitation WHERE starts_at > $now AND is_speaking = 1
         AND speaking_fee_minor > 0")
[ "$n" -ge 1 ] || fail "no paid speaking slot"
# the 6:30 card swap: local time in the test's zone (TZ from run.sh)
n=$(sql "SELECT count(*) FROM invitation WHERE starts_at > $now AND kind = 'breakfast'
         AND time(starts_at, 'unixepoch', 'localtime') = '06:30:00'")
[ "$n" -ge 1 ] || fail "no 6:30 am breakfast"

past=$(sql "SELECT count(*) FROM invitation i JOIN outcome o ON o.invitation_id = i.id
            WHERE i.ends_at <= $now")
[ "$past" -ge 150 ] || fail "$past past events with outcomes, expected >= 150"
first=$(sql "SELECT min(starts_at) FROM invitation")
[ $((now - first)) -ge $((700 * 86400)) ] || fail "history shorter than two years"
n=$(sql "SELECT count(*) FROM invitation i WHERE i.status = 'declined' AND i.ends_at <= $now")
[ "$n" -ge 30 ] || fail "only $n declined past invitations"
# every outcome belongs to an event that was attended, via a decision
n=$(sql "SELECT count(*) FROM outcome o JOIN invitation i ON i.id = o.invitation_id
         WHERE i.status <> 'attended'")
expect_eq "$n" 0 "outcomes on events not attended"
# a few accepted events from the last two weeks await their outcome
n=$(sql "SELECT count(*) FROM invitation i WHERE i.status = 'accepted'
         AND i.ends_at <= $now AND i.starts_at >= $now - 14 * 86400
         AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.invitation_id = i.id)")
[ "$n" -ge 2 ] || fail "only $n recent accepted events await an outcome"
# most card-swap events produce nothing
n=$(sql "SELECT 100 * sum(o.revenue_minor = 0 AND o.leads = 0) / count(*) FROM outcome o
         JOIN invitation i ON i.id = o.invitation_id
         WHERE i.series IN ('chamber-breakfast', 'sunrise-card-swap')")
[ "$n" -ge 80 ] || fail "only $n% of card-swap breakfasts produced nothing"
# a referral chain at least three deep, and deals months after meeting
depth=$(sql "WITH RECURSIVE chain(id, depth) AS (
               SELECT id, 0 FROM contact WHERE referred_by IS NULL
               UNION ALL SELECT c.id, chain.depth + 1 FROM contact c
               JOIN chain ON c.referred_by = chain.id)
             SELECT max(depth) FROM chain")
[ "$depth" -ge 3 ] || fail "longest referral chain is $depth deep"
n=$(sql "SELECT count(*) FROM deal d JOIN contact c ON c.id = d.contact_id
         JOIN invitation i ON i.id = c.met_at WHERE d.closed_at - i.starts_at > 60 * 86400")
[ "$n" -ge 3 ] || fail "only $n deals came months after the event"
# a few relationships bring most of the revenue: the top two contact
# trees (a contact and everyone referred through them) hold over half
share=$(sql "WITH RECURSIVE tree(root, id) AS (
               SELECT id, id FROM contact WHERE referred_by IS NULL
               UNION ALL SELECT tree.root, c.id FROM contact c JOIN tree
               ON c.referred_by = tree.id),
             per_root AS (SELECT root, sum(d.amount_minor) AS r FROM tree
               JOIN deal d ON d.contact_id = tree.id GROUP BY root)
             SELECT 100 * (SELECT sum(r) FROM (SELECT r FROM per_root ORDER BY r DESC LIMIT 2))
                    / (SELECT sum(amount_minor) FROM deal)")
[ "$share" -ge 50 ] || fail "top two relationships hold only $share% of revenue"
# attendee addresses that match contacts
n=$(sql "SELECT count(DISTINCT i.id) FROM invitation i JOIN contact c
         ON instr(lower(i.attendees), lower(c.email)) > 0 WHERE i.starts_at > $now")
[ "$n" -ge 5 ] || fail "only $n upcoming invitations have attendees who are contacts"

# re-running refreshes without duplicating; a later day moves the dates
before=$(counts)
expect_rc 0 "$WORTHIT" demo --db "$DB"
expect_out "0 new"
expect_eq "$(counts)" "$before" "counts after a re-run"
first_up=$(sql "SELECT min(starts_at) FROM invitation WHERE uid = 'chamber-025@demo.worthit'")
WORTHIT_NOW=2026-03-11T09:00:00Z expect_rc 0 "$WORTHIT" demo --db "$DB"
expect_eq "$(counts)" "$before" "counts after a re-run ten days later"
moved=$(sql "SELECT min(starts_at) FROM invitation WHERE uid = 'chamber-025@demo.worthit'")
diff=$((moved - first_up))
# ten days later, give or take the weekday adjustment and a DST change
[ "$diff" -ge $((8 * 86400 - 3600)) ] && [ "$diff" -le $((12 * 86400 + 3600)) ] ||
	fail "a refresh ten days later moved an invitation by $diff s"

# --force rebuilds from scratch
sql "INSERT INTO contact (name, created_at) VALUES ('scratch', 0)"
expect_rc 0 "$WORTHIT" demo --force --db "$DB"
expect_eq "$(sql "SELECT count(*) FROM contact WHERE name = 'scratch'")" 0 "--force rebuilt"
expect_eq "$(counts)" "$before" "counts after --force"
expect_eq "$(stat -c %a "$DB")" 600 "db mode after --force"

# --force never replaces something that is not a worthit database
printf 'my notes\n' >"$T/notes.db"
expect_rc 74 "$WORTHIT" demo --force --db "$T/notes.db"
expect_err "refusing to replace"
expect_eq "$(cat "$T/notes.db")" "my notes" "foreign file untouched"

# --config PATH writes the persona's config once, never over a file
expect_rc 0 "$WORTHIT" demo --db "$T/c.db" --config "$T/conf/config.json"
expect_out "demo config written to $T/conf/config.json"
expect_eq "$(stat -c %a "$T/conf/config.json")" 600 "config mode"
cmp -s "$T/conf/config.json" "$WORTHIT_TOP/share/demo/config.json" || fail "config differs"
expect_rc 0 "$WORTHIT" --config "$T/conf/config.json" config show
printf '{}\n' >"$T/mine.json"
expect_rc 0 "$WORTHIT" demo --db "$T/c.db" --config "$T/mine.json"
expect_out "exists: left as it is"
expect_eq "$(cat "$T/mine.json")" "{}" "existing config untouched"
# without --config, the user's own config is not written
expect_rc 0 "$WORTHIT" demo --db "$T/d.db"
[ ! -e "$HOME/.config/worthit/config.json" ] || fail "demo wrote the default config"

expect_rc 64 "$WORTHIT" demo --db "$T/e.db" extra
expect_rc 64 "$WORTHIT" demo --db "$T/e.db" --bogus
exit 0
