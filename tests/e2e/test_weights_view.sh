# test_weights_view.sh: the Weights view (tab 3) on the demo database.
# A weight typed in reorders the live preview exactly as the CLI ranks
# under the same --weights (rows and their up/down marks asserted), a
# step is undone with u, w saves (only that knob written), and after a
# restart the Invitations view ranks as `worthit score --json`. Esc with
# unsaved edits asks, and "discard" leaves the config byte-identical;
# Tab asks too and "cancel" stays. s shows the suggestion learned from
# the demo's outcomes and writes nothing; y applies it to the edited
# weights and w saves exactly the suggested weights. On the small
# fixture (too few outcomes) s says so and suggests nothing; a click on
# a tab and q ask about unsaved edits too. The help overlay lists the
# view's keys.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

CFG="$T/config.json" # the path e2e_start passes to --config
"$WORTHIT" --db "$DB" --config "$CFG" demo >/dev/null || fail "demo failed"
W() { "$WORTHIT" --db "$DB" --config "$CFG" "$@"; }

# "id|title" of `score --json` (extra args: --weights ...), in rank order
ranking() {
	W "$@" score --json | sed -n 's/^{"id":\([0-9]*\),"title":"\([^"]*\)".*/\1|\2/p'
}
# The preview rows on screen (right pane at 120x40): "rank move title"
preview_rows() {
	e2e_screen | sed -n '4,$p' | sed 's/^[^│]*│//' |
		awk '$1 ~ /^[0-9]+$/ { t = $0; sub(/^ *[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +/, "", t);
		     print $1 " " $2 " " t }' |
		sed 's/ *$//; s/▼$//; s/▲$//; s/…$//; s/ *$//'
}
# Expected rows for the first $3 ranks: movement of each id from its
# position in ranking $1 (saved) to ranking $2 (edited), as the view marks it.
expected_rows() {
	printf '%s\n' "$1" | awk -F'|' -v n="$3" -v edited="$2" '
		{ saved[$1] = NR }
		END {
			m = split(edited, lines, "\n")
			for (r = 1; r <= m && r <= n; r++) {
				split(lines[r], f, "|"); d = saved[f[1]] - r
				mark = d > 0 ? "↑" d : d < 0 ? "↓" (-d) : "·"
				print r " " mark " " f[2]
			}
		}'
}
# Every preview row matches: same rank and mark, shown title a prefix
# of the expected one.
check_preview() {
	got=$(preview_rows)
	[ -n "$got" ] || fail "no preview rows"
	n=$(printf '%s\n' "$got" | wc -l)
	want=$(expected_rows "$1" "$2" "$n")
	printf '%s\n' "$got" | {
		i=0
		while IFS= read -r g; do
			i=$((i + 1))
			w=$(printf '%s\n' "$want" | sed -n "${i}p")
			gp=${g%% *}; gr=${g#* }; gm=${gr%% *}; gt=${gr#* }
			wp=${w%% *}; wr=${w#* }; wm=${wr%% *}; wt=${wr#* }
			[ "$gp $gm" = "$wp $wm" ] || fail "preview row $i: '$g', expected '$w'"
			case "$wt" in "$gt"*) ;; *) fail "preview row $i title: '$g', expected '$w'" ;; esac
		done
	} || exit 1
	echo "$n preview rows checked"
}

# The invitations view's rows (titles) in the order of ranking $1. A
# series is one row ("series ×2" after its title) placed by its next
# occurrence's score: the check skips series and compares the rest.
check_invitations() {
	rows=$(e2e_list_rows | grep -v ' ×[0-9]')
	n=$(printf '%s\n' "$rows" | wc -l)
	[ "$n" -ge 15 ] || fail "only $n list rows"
	folded=$(sql "SELECT id FROM invitation WHERE series IN (SELECT series FROM invitation
		WHERE series <> '' AND status IN ('pending', 'maybe') AND ends_at > $(date -d "$WORTHIT_NOW" +%s)
		GROUP BY series HAVING count(*) > 1)" | tr '\n' ' ')
	once=$(printf '%s\n' "$1" | awk -F'|' -v f=" $folded" 'index(f, " " $1 " ") == 0')
	i=0
	printf '%s\n' "$rows" | while IFS='|' read -r title score; do
		i=$((i + 1))
		want=$(printf '%s\n' "$once" | sed -n "${i}p" | cut -d'|' -f2)
		t=$(printf '%s' "$title" | sed 's/…* *$//')
		case "$want" in "$t"*) ;; *) fail "invitations row $i: '$title', expected '$want'" ;; esac
	done || exit 1
	echo "$n invitation rows checked"
}

saved=$(ranking)
n_pending=$(printf '%s\n' "$saved" | wc -l)
edited=$(ranking --weights people=8)
[ "$saved" != "$edited" ] || fail "people=8 does not reorder the demo: pick another knob"
cp "$CFG" "$T/config.orig"

# ---- edit, preview, undo, save ------------------------------------------
e2e_start 120 40
e2e_wait "Why this score"
e2e_keys 3
e2e_wait "Ranking of $n_pending pending"
check_preview "$saved" "$saved" # nothing moved yet
screen=$(e2e_screen)
contains "$screen" "room" && contains "$screen" "Formula parameters" ||
	fail "knob rows missing"
e2e_keys '?'
e2e_wait "undo the last weight edit"
screen=$(e2e_screen)
for k in "lower the selected knob a step" "save the weights to the config" \
	"suggest weights from outcomes" "switch to a named preset"; do
	contains "$screen" "$k" || fail "help lacks '$k'"
done
e2e_keys x
e2e_wait_gone "undo the last weight edit"

e2e_keys j # room -> people
e2e_keys =
e2e_wait "people = _"
e2e_type 12
e2e_keys Enter
e2e_wait "people must be within 0.0..10.0"
e2e_keys BSpace BSpace
e2e_type 8
e2e_keys Enter
e2e_wait "people 1.0 -> 8.0"
e2e_wait "Preview: $n_pending pending"
check_preview "$saved" "$edited"
moved=$(preview_rows | awk '$2 ~ /^[↑↓]/' | wc -l)
[ "$moved" -gt 0 ] || fail "no row moved"
echo "$moved rows moved"

e2e_keys l
e2e_wait "people 8.0 -> 8.1"
check_preview "$saved" "$(ranking --weights people=8.1)"
e2e_keys u
e2e_wait "Undid people 8.0 -> 8.1; U redoes"
check_preview "$saved" "$edited"
cmp -s "$CFG" "$T/config.orig" || fail "the config changed before w"

e2e_keys w
e2e_wait "Saved 1 changed knob to"
grep -q '"people": 8[,.]\?' "$CFG" || fail "people not saved: $(grep people "$CFG")"
expect_eq "$(W weights --json 2>/dev/null | sed -n 's/.*"people":\([0-9.]*\).*/\1/p' | head -n 1)" \
	"8" "saved people"
e2e_wait "Ranking of $n_pending pending" # the saved ranking is now the reference
check_preview "$edited" "$edited"
e2e_keys 1 # nothing unsaved: leaves without asking
e2e_wait "Why this score"
check_invitations "$edited" # re-ranked at once, no restart needed
e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"

# ---- restart: the invitations view ranks as `worthit score --json` --------
after=$(ranking)
expect_eq "$after" "$edited" "score --json after saving"
e2e_stop
e2e_start 120 40
e2e_wait "Why this score"
check_invitations "$after"

# ---- Esc with unsaved edits: discard leaves the file byte-identical -------
cp "$CFG" "$T/config.saved"
e2e_keys 3
e2e_wait "Ranking of $n_pending pending"
e2e_keys h h
e2e_wait "Knobs: 1 changed, not saved"
e2e_keys Tab
e2e_wait "1 unsaved weight change: w save, d discard, c cancel"
e2e_keys c
e2e_wait "Still editing"
e2e_wait "Knobs: 1 changed, not saved"
e2e_keys Escape
e2e_wait "1 unsaved weight change: w save, d discard, c cancel"
e2e_keys d
e2e_wait "Discarded 1 unsaved change"
e2e_wait "Knobs (as saved)"
cmp "$CFG" "$T/config.saved" || fail "discard changed the config"

# ---- s: the suggestion, written only after y and w ----------------------
suggest=$(W weights suggest --json) || fail "weights suggest failed"
e2e_keys s
e2e_wait "Suggested weights from n="
screen=$(e2e_screen)
for k in "cross-validated" "Spearman" "top 1/4" "decided" "suggest"; do
	contains "$screen" "$k" || fail "suggestion panel lacks '$k'"
done
sleep 0.5
cmp "$CFG" "$T/config.saved" || fail "s wrote the config"
e2e_keys Escape
e2e_wait "Ranking of $n_pending pending"
cmp "$CFG" "$T/config.saved" || fail "closing the suggestion wrote the config"
e2e_keys s
e2e_wait "Suggested weights from n="
e2e_keys y
e2e_wait "Applied the suggested weights (not saved"
cmp "$CFG" "$T/config.saved" || fail "y alone wrote the config"
e2e_keys w
e2e_wait "Saved"
for c in room people stage track_record balance cost availability over_band; do
	want=$(printf '%s' "$suggest" | sed -n "s/.*\"suggested\":{[^}]*\"$c\":\([0-9.]*\).*/\1/p")
	got=$(W weights --json | sed -n "s/.*\"$c\":\([0-9.]*\).*/\1/p" | head -n 1)
	[ -n "$want" ] || fail "no suggested $c in: $suggest"
	awk -v a="$got" -v b="$want" 'BEGIN { exit !(a - b < 1e-9 && b - a < 1e-9) }' ||
		fail "saved $c = '$got', suggested $want"
done
e2e_keys q
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
e2e_stop

# ---- too few outcomes: nothing suggested ----------------------------------
DB="$T/small.db"
e2e_fixture_db
cp "$CFG" "$T/config.before"
e2e_start 120 40
e2e_wait "Why this score"
e2e_keys 3
e2e_wait "pending"
e2e_keys s
e2e_wait "No suggestion"
e2e_wait "at least 20 are needed"
e2e_keys y
sleep 0.3
cmp "$CFG" "$T/config.before" || fail "y without a suggestion wrote the config"
e2e_keys Escape
e2e_wait "Knobs (as saved)"
# a click on a tab asks too; q with unsaved edits asks, d discards and quits
e2e_keys l
e2e_wait "Knobs: 1 changed, not saved"
e2e_click 3 0
e2e_wait "1 unsaved weight change: w save, d discard, c cancel"
e2e_keys c
e2e_wait "Still editing"
e2e_keys q
e2e_wait "1 unsaved weight change: w save, d discard, c cancel"
e2e_keys d
e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
cmp "$CFG" "$T/config.before" || fail "discard on quit wrote the config"
exit 0
