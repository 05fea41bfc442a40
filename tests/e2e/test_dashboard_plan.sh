# test_dashboard_plan.sh: the Plan tab (4) on the demo database at
# 160x50 with WORTHIT_NOW pinned: the calendar grid and the proposal in
# words match `worthit plan --json` for the month (hours, the chosen
# ids marked "*" in the grid, the first one left out and why); ] shows
# the next month as `plan 2026-04 --json` has it; A accepts the chosen
# set (screen, then the database: exactly those are accepted, one
# journal entry each); u takes them back one at a time (the database:
# pending again); the tab bar's "4 Plan" answers a click; a tiny
# terminal shows the "too small" screen.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

CFG="$T/config.json"
"$WORTHIT" --db "$DB" --config "$CFG" demo >/dev/null || fail "demo failed"
plan_json() { "$WORTHIT" --db "$DB" --config "$CFG" plan "$@" --json || fail "plan $* failed"; }
# field NAME of the plan JSON on stdin, as the shell needs it
field() {
	python3 -c '
import json, sys
p = json.load(sys.stdin)
f = sys.argv[1]
if f == "hours": print("%.2f" % p["hours"])
elif f == "chosen": print(" ".join(str(i) for i in p["chosen"]))
elif f == "n_left": print(len(p["left_out"]))
elif f == "left1": print(p["left_out"][0]["id"])
elif f == "why1": print(" ".join(p["left_out"][0]["why"].split()[:3]))
' "$1"
}
plan_json 2026-03 >"$T/march.json"
hours=$(field hours <"$T/march.json")
chosen=$(field chosen <"$T/march.json")
n_chosen=$(echo "$chosen" | wc -w)
n_left=$(field n_left <"$T/march.json")
left1=$(field left1 <"$T/march.json")
why1=$(field why1 <"$T/march.json")
[ "$n_chosen" -ge 2 ] || fail "the demo's March plan chooses $n_chosen: $(cat "$T/march.json")"

# the grid: the pane left of the separator; marks "*HH:MM" are proposed
grid() { e2e_screen | sed -n '2,$p' | sed 's/│.*//'; }
count_marks() { grid | grep -o "$1[0-9][0-9]:[0-9][0-9]" | wc -l; }

e2e_start 160 50
e2e_wait "1 Invitations"
e2e_keys 4
e2e_wait "Plan for 2026-03"
e2e_wait "March 2026"
e2e_wait "$hours of 8–14 h"
e2e_wait "These $n_chosen fill"
e2e_wait "These $n_left left out:"
for id in $chosen; do
	e2e_screen | grep -q "\* #$id " || e2e_fail_screen "proposed #$id not listed"
done
words() { e2e_screen | sed -n '2,$p' | sed 's/^[^│]*│//'; }
words | grep -q "^#$left1 " || e2e_fail_screen "left out #$left1 not listed"
words | tr '\n' ' ' | grep -q "$why1" || e2e_fail_screen "why '$why1' not shown"
expect_eq "$(count_marks '\*')" "$n_chosen" "proposed marks in the grid"
accepted_before=$(count_marks '+')

# ] is the next month, as `plan 2026-04` has it; [ comes back
plan_json 2026-04 >"$T/april.json"
e2e_keys ']'
e2e_wait "Plan for 2026-04"
e2e_wait "April 2026"
e2e_wait "$(field hours <"$T/april.json") of 8–14 h"
expect_eq "$(count_marks '\*')" "$(field chosen <"$T/april.json" | wc -w)" "April's marks"
e2e_keys '['
e2e_wait "Plan for 2026-03"

# A accepts the chosen set through the journal, one entry each
journal_before=$(sql "SELECT count(*) FROM decision")
accepted_all=$(sql "SELECT count(*) FROM invitation WHERE status = 'accepted'")
e2e_keys A
e2e_wait "Accepted $n_chosen:"
e2e_wait "These 0 fill"
expect_eq "$(count_marks '\*')" 0 "proposed marks after A"
expect_eq "$(count_marks '+')" $((accepted_before + n_chosen)) "accepted marks after A"
ids=$(echo "$chosen" | tr ' ' ',')
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE id IN ($ids) AND status = 'accepted'")" \
	"$n_chosen" "the chosen accepted in the database"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE status = 'accepted'")" \
	$((accepted_all + n_chosen)) "only the chosen accepted"
expect_eq "$(sql "SELECT count(*) FROM decision")" $((journal_before + n_chosen)) \
	"journal entries"

# u undoes them one at a time, as everywhere
pending_is() { [ "$(sql "SELECT count(*) FROM invitation WHERE id IN ($ids)
	AND status = 'pending'")" -eq "$1" ]; }
k=0
while [ $k -lt "$n_chosen" ]; do
	e2e_keys u
	k=$((k + 1))
	e2e_wait_until pending_is $k
done
e2e_wait "These $n_chosen fill"
e2e_wait "Plan for 2026-03: band 8–14 h"
expect_eq "$(sql "SELECT count(*) FROM invitation WHERE status = 'accepted'")" "$accepted_all" \
	"accepted after u"
expect_eq "$(count_marks '\*')" "$n_chosen" "proposed marks after u"

# a click on the tab bar: 1 Invitations, then 4 Plan again
e2e_click 3 0
e2e_wait_gone "Plan for 2026-03"
col=$(e2e_screen | head -n 1 | awk '{ print index($0, "4 Plan") }')
[ "$col" -gt 0 ] || e2e_fail_screen "no '4 Plan' tab"
e2e_click "$col" 0
e2e_wait "Plan for 2026-03"

# resize: tiny, then stacked
e2e_resize 20 5
e2e_wait "Terminal too small"
e2e_resize 80 30
e2e_wait "Plan for 2026-03"
e2e_wait "March 2026"
e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0
