# test_history_contact.sh: a contact added from the outcome form, saved
# in the same transaction as the outcome. On the first event awaiting
# its outcome (demo data): an unknown introducer, an e-mail address
# already on file and a company with no name are refused field by field
# with nothing written; Esc on the half-filled form writes nothing; when
# the contact's insert fails (a trigger) the outcome is rolled back too;
# a good form writes the outcome and the contact (met at this event,
# introduced by Priya Nair, a client) together; undo takes the outcome
# back and leaves the contact; the new person shows in the attribution
# tree once they close a deal.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

"$WORTHIT" --db "$DB" --config "$T/config.json" demo >/dev/null 2>&1 || fail "demo failed"
W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
dump() { sqlite3 "$DB" .dump | sha256sum; }
id=$(W review --json | grep '"review":"outcome"' | head -n 1 | sed 's/{"id":\([0-9]*\).*/\1/')
priya=$(sqlite3 "$DB" "SELECT id FROM contact WHERE name = 'Priya Nair'")
contacts=$(sqlite3 "$DB" "SELECT count(*) FROM contact")
[ -n "$id" ] && [ -n "$priya" ] || fail "no expectations from the demo"
before=$(dump)

# Tab from Hours to the contact's name: eight fields
to_name() { e2e_keys Tab Tab Tab Tab Tab Tab Tab Tab; }
e2e_start 120 40
e2e_wait "Invitations"
e2e_keys 2
e2e_wait "Events ("
e2e_keys g o
e2e_wait "New contact met here"
to_name
e2e_keys Tab; e2e_type "Lee Clinic"                      # company, no name
e2e_keys Tab; e2e_type "priya.nair@hartwellprice.example" # taken
e2e_keys Tab; e2e_type "maybe"                           # client?
e2e_keys Tab; e2e_type "Nobody Known"                    # introducer
e2e_keys Enter
e2e_wait "name: the new contact needs a name"
e2e_wait "4 fields to fix"
# the cursor is on the first field to fix; the one under it shows its own
e2e_keys Tab Tab
e2e_wait "e-mail: already the address of #$priya Priya Nair"
e2e_keys Tab
e2e_wait 'client: "maybe" is not y or n'
e2e_keys Tab
e2e_wait 'referred by: no contact "Nobody Known"'
[ "$(dump)" = "$before" ] || fail "a refused form wrote to the database"
e2e_keys Escape
e2e_wait "Outcome not saved"
[ "$(dump)" = "$before" ] || fail "Esc wrote to the database"

# a good one; first with the contact's insert made to fail from outside
# (a trigger), so the outcome written before it in the transaction must
# be rolled back: both or neither
sqlite3 "$DB" "CREATE TRIGGER refuse BEFORE INSERT ON contact BEGIN
	SELECT RAISE(ABORT, 'contacts refused by the test'); END"
before=$(dump)
e2e_keys o
e2e_wait "New contact met here"
e2e_keys C-u; e2e_type "2"
to_name
e2e_type "Grace Lee"
e2e_keys Tab; e2e_type "Lee Clinic"
e2e_keys Tab; e2e_type "grace@leeclinic.example"
e2e_keys Tab; e2e_type "y"
e2e_keys Tab; e2e_type "priya nair"
e2e_keys Enter
e2e_wait "contacts refused by the test"
[ "$(dump)" = "$before" ] || fail "half a save: the outcome was written without the contact"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outcome WHERE invitation_id = $id")" 0 \
	"no outcome without its contact"
# the form is still open with what was typed: save again once allowed
sqlite3 "$DB" "DROP TRIGGER refuse"
e2e_keys Enter
e2e_wait "Outcome logged for"
new=$(sqlite3 "$DB" "SELECT id FROM contact WHERE name = 'Grace Lee'")
[ -n "$new" ] || fail "no contact written"
e2e_wait "contact #$new Grace Lee added"
expect_eq "$(sqlite3 "$DB" "SELECT company, email, met_at, referred_by, is_client FROM contact
	WHERE id = $new")" "Lee Clinic|grace@leeclinic.example|$id|$priya|1" "the new contact"
expect_eq "$(sqlite3 "$DB" "SELECT actual_minutes FROM outcome WHERE invitation_id = $id")" 120 \
	"the outcome"
e2e_keys u
e2e_wait "Undid attended and its outcome"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outcome WHERE invitation_id = $id")" 0 "undone"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM contact")" "$((contacts + 1))" "the contact stays"

# her deal reaches the tree, under Priya
expect_rc 0 W deal add --contact "Grace Lee" --amount 1200 --date 2026-02-27
e2e_keys v
e2e_wait "· Grace Lee"
lines=$(e2e_screen | sed -n '3,$p' | sed 's/ *│[^│]*$//')
printf '%s\n' "$lines" | sed -n '/Priya Nair/,/^[^ │├└]/p' | grep -q '─ · Grace Lee .* 1200 ' ||
	e2e_fail_screen "Grace Lee with her 1200 not under Priya"
e2e_keys q
e2e_wait_exit
[ "$exit_code" = 0 ] || fail "exit $exit_code"
exit 0
