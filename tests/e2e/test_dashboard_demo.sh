# test_dashboard_demo.sh: the dashboard on the demo database at 120x40
# (the dashboard's first end-to-end check): the top invitations appear in the
# order and with the scores `worthit score --json` gives, and the detail
# pane of the selected (top) one shows every score component.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

CFG="$T/config.json" # the path e2e_start passes to --config
"$WORTHIT" --db "$DB" --config "$CFG" demo >/dev/null || fail "demo failed"

# "title-prefix score" of the first 8 by `score --json`: titles cut to the
# 7 characters the list column surely shows (a series row gives room to
# its "series ×2"), scores rounded as drawn; a series is one row, so a
# later occurrence of a title already listed has none
"$WORTHIT" --db "$DB" --config "$CFG" score --json --limit 8 >"$T/score.jsonl" ||
	fail "score --json failed"
[ "$(wc -l <"$T/score.jsonl")" -eq 8 ] || fail "score --json gave $(wc -l <"$T/score.jsonl") lines"
sed -n 's/^{"id":[0-9]*,"title":"\([^"]*\)",.*"score":\([0-9.]*\),.*/\1|\2/p' "$T/score.jsonl" |
	awk -F'|' '!seen[$1]++ { printf "%s|%d\n", substr($1, 1, 7), int($2 + 0.5) }' >"$T/want"
[ "$(wc -l <"$T/want")" -ge 6 ] || fail "could not read titles and scores: $(cat "$T/score.jsonl")"

e2e_start 120 40
first=$(head -n 1 "$T/want" | cut -d'|' -f1)
e2e_wait "$first"
e2e_wait "Why this score"

# rows 3.. of the screen are the list: "title-prefix score" in screen order
e2e_screen | sed -n '3,40p' | sed 's/│.*//' >"$T/rows"
n=0
while IFS='|' read -r title score; do
	n=$((n + 1))
	line=$(sed -n "${n}p" "$T/rows")
	contains "$line" "$title" || fail "row $n: expected '$title', got: $line"
	got=$(printf '%s\n' "$line" | awk '{ print $NF }' | tr -dc '0-9')
	[ "$got" = "$score" ] || fail "row $n ($title): score $got on screen, $score from score --json"
done <"$T/want"

# the detail of the top invitation: one bar per component
screen=$(e2e_screen)
for c in "the room" "the people" "the stage" "track record" "month balance" "cost" \
	"availability" "over the band"; do
	contains "$screen" "$c" || fail "detail lacks component '$c'"
done
contains "$screen" "buyers met" || fail "detail lacks the room's explanation"
e2e_keys q
e2e_wait_exit
[ "$exit_code" -eq 0 ] || fail "q exited $exit_code"
exit 0
