# test_dashboard_triage.sh: accept, decline and maybe three invitations
# with keys (each found with the / filter), undo the last one, redo and
# undo again, quit; the statuses in `worthit list --json` and the
# decision journal in the database are exactly what the screen said.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

e2e_fixture_db
e2e_start 120 40
e2e_wait "Why this score"

triage() { # filter text, key, expected message start
	e2e_keys /
	e2e_type "$1"
	e2e_keys Enter
	e2e_wait "/$1: 1 shown, Esc clears"
	e2e_keys "$2"
	e2e_wait "$3"
	e2e_keys Escape # clear the filter
	e2e_wait_gone ": 1 shown"
}
triage "Bar Assoc" a 'Accepted "Bar Association Legal Tech Breakfast"'
triage "Chamber" d 'Declined "Chamber Coffee Connect"'
triage "Dental" m 'Marked maybe "Dental Practice Managers Meetup"'

e2e_keys u
e2e_wait 'Undid maybe of "Dental Practice Managers Meetup": back to pending'
e2e_keys U
e2e_wait 'Redid maybe of "Dental Practice Managers Meetup" (was pending)'
e2e_keys u
e2e_wait 'Undid maybe of "Dental Practice Managers Meetup"'
# accepted and declined rows left the list; counts follow
e2e_wait "7 pending"
screen=$(e2e_screen)
contains "$screen" "Bar Association Legal Tech" && fail "accepted row still listed"
e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code after q"

status_of() {
	"$WORTHIT" --db "$DB" list --json --status all |
		sed -n "s/.*\"title\":\"$1\".*\"status\":\"\([a-z]*\)\".*/\1/p"
}
expect_eq "$(status_of 'Bar Association Legal Tech Breakfast')" accepted "id 1"
expect_eq "$(status_of 'Chamber Coffee Connect')" declined "id 5"
expect_eq "$(status_of 'Dental Practice Managers Meetup')" pending "id 7 after undo"
expect_eq "$(status_of 'Healthcare IT Leaders Lunch')" pending "untouched id 2"
# the journal: three live decisions with scores and weights, the maybe undone
expect_eq "$(sql "SELECT invitation_id, new_status, undone FROM decision ORDER BY id")" \
	"1|accepted|0
5|declined|0
7|maybe|1" "decision journal"
expect_eq "$(sql "SELECT count(*) FROM decision WHERE score > 0 AND verdict IN ('go','maybe','skip')
	AND weights_json LIKE '{\"room\":%'")" 3 "score and weights snapshots"
# the CLI undo continues the same journal: it undoes the decline
expect_rc 0 "$WORTHIT" --db "$DB" undo
expect_eq "$(status_of 'Chamber Coffee Connect')" pending "after CLI undo"
exit 0
