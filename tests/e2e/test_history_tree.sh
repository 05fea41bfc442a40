# test_history_tree.sh: the attribution tree of the History tab (v) on
# the demo data: the people nobody introduced at the top, by credit, each
# with the credit `worthit report --attribution` gives them under the
# model shown; Marcus Webb under Priya Nair, Dr. Elena Ruiz under Marcus
# in full and under Sandra Kim as a pointer (she was introduced by
# both); c cycles first -> last -> linear touch with the figures of the
# report's --model; h folds a node (its people vanish) and l opens it
# again; l on the pointer jumps to the full node; v goes back to the
# events.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

"$WORTHIT" --db "$DB" --config "$T/config.json" demo >/dev/null 2>&1 || fail "demo failed"
W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }
# credit of a contact under a model, in whole units as the tree shows it
credit() {
	W report --attribution --model "$1" --json | grep "\"name\":\"$2\"" |
		sed 's/.*"credit":"\([0-9]*\)\.\([0-9]*\)".*/\1 \2/' |
		awk '{ v = $1 + ($2 >= 50); print v == 0 ? "-" : v }'
}
# the tree row of a name: "direct introduced credit"
row() {
	e2e_screen | sed 's/ *│[^│]*$//' | grep -- "$1 " | head -n 1 |
		awk '{ print $(NF - 2), $(NF - 1), $NF }'
}
tree_lines() { e2e_screen | sed -n '3,$p' | sed 's/ *│[^│]*$//' | sed '/^ *$/d'; }

e2e_start 120 40
e2e_wait "Invitations"
e2e_keys 2
e2e_wait "Events ("
e2e_keys v
e2e_wait "Contact (first touch credit)"
# the top root: most credit, as the report says
top=$(W report --attribution --json | grep '"contact"' | grep '"referred_by":\[\]' |
      sed 's/.*"name":"\([^"]*\)".*"credit":"\([0-9.]*\)".*/\2 \1/' | sort -rn | head -n 1 |
      cut -d' ' -f2-)
first=$(tree_lines | head -n 1)
case "$first" in *"$top "*) ;; *) e2e_fail_screen "top of the tree is '$first', expected $top" ;; esac
expect_eq "$(row 'Priya Nair' | cut -d' ' -f3)" "$(credit first 'Priya Nair')" "Priya, first touch"
expect_eq "$(row 'Sandra Kim' | cut -d' ' -f3)" "$(credit first 'Sandra Kim')" "Sandra, first touch"
expect_eq "$(row 'Sandra Kim')" "8000 60000 38000" "Sandra's row"
# the chain: Priya > Marcus > Elena (full), Sandra > Elena (pointer)
lines=$(tree_lines)
printf '%s\n' "$lines" | grep -q '^├─ ▾ Marcus Webb' || e2e_fail_screen "Marcus not under Priya"
printf '%s\n' "$lines" | grep -q '^│  └─ ▾ Dr. Elena Ruiz ' || e2e_fail_screen "Elena not under Marcus"
printf '%s\n' "$lines" | grep -A1 'Sandra Kim' | grep -q '↗ Dr. Elena Ruiz (in full under Marcus Webb)' ||
	e2e_fail_screen "no pointer to Elena under Sandra"
# the detail of the selected (top) contact
e2e_wait "Introduced by nobody: a chain starts here"

e2e_keys c
e2e_wait "Contact (last touch credit)"
expect_eq "$(row 'Priya Nair' | cut -d' ' -f3)" "$(credit last 'Priya Nair')" "Priya, last touch"
expect_eq "$(row 'Dr. Elena Ruiz' | cut -d' ' -f3)" "44000" "Elena, last touch"
e2e_keys c
e2e_wait "Contact (linear credit)"
for who in 'Priya Nair' 'Marcus Webb' 'Dr. Elena Ruiz' 'Sandra Kim'; do
	expect_eq "$(row "$who" | cut -d' ' -f3)" "$(credit linear "$who")" "$who, linear"
done
e2e_keys c
e2e_wait "Contact (first touch credit)"

# fold Priya (the cursor stays on her): Marcus vanishes; open again
e2e_keys g h
e2e_wait_gone "├─ ▾ Marcus Webb"
contains "$(tree_lines | head -n 1)" "▸ Priya Nair" || e2e_fail_screen "Priya not folded"
e2e_keys l
e2e_wait "├─ ▾ Marcus Webb"
# the pointer under Sandra jumps to the full Elena under Marcus
n=$(tree_lines | grep -n '↗ Dr. Elena Ruiz' | cut -d: -f1)
[ -n "$n" ] || e2e_fail_screen "no pointer row"
i=1; while [ "$i" -lt "$n" ]; do e2e_keys j; i=$((i + 1)); done
e2e_wait "Introduced by Marcus Webb and Sandra Kim"
e2e_wait "1/2 of what they bring goes up each chain"
e2e_keys l
e2e_wait "Met at no recorded event"
sel=$(e2e_screen | sed -n '2p' | sed 's/.*│ //')
expect_eq "$sel" "Dr. Elena Ruiz #$(sqlite3 "$DB" "SELECT id FROM contact WHERE name = 'Dr. Elena Ruiz'")" \
	"detail after the jump"
e2e_wait "Their chains began with"
e2e_keys v
e2e_wait "Events ("
e2e_keys q
e2e_wait_exit
[ "$exit_code" = 0 ] || fail "exit $exit_code"
exit 0
