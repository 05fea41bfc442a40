# test_history.sh: the History tab (2) on the demo data: the revenue per
# hour of a kind matches a plain SQL sum over the outcomes, the top of
# the attribution tree is the contact `report --attribution` credits
# most; the outcome form (o) refuses bad values field by field and
# writes nothing, Esc on a half-filled form saves nothing, a good form
# logs the outcome and the aggregate changes; an outcome logged from the
# command line while the dashboard is open shows up without a key press.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

"$WORTHIT" --db "$DB" --config "$T/config.json" demo >/dev/null 2>&1 || fail "demo failed"
W() { "$WORTHIT" --db "$DB" --config "$T/config.json" "$@"; }

# revenue per hour of a kind, independently: whole cents per hour, shown
# without decimals when they are .00 (as score_format_money does), per
# hour rounded half away from zero (money.h), never truncated
rate() {
	sqlite3 "$DB" "SELECT CASE WHEN r % 100 = 0 THEN r / 100 ELSE
	  printf('%d.%02d', r / 100, r % 100) END FROM (SELECT
	  (2 * sum(o.revenue_minor) * 60 + sum(o.actual_minutes)) / (2 * sum(o.actual_minutes))
	  AS r FROM outcome o
	  JOIN invitation i ON i.id = o.invitation_id WHERE i.kind = '$1')"
}
conf=$(rate conference)
top=$(W report --attribution --json | grep '"contact"' |
      sed 's/.*"name":"\([^"]*\)".*"credit":"\([0-9.]*\)".*/\2 \1/' | sort -rn | head -n 1 |
      cut -d' ' -f2-)
[ -n "$conf" ] && [ -n "$top" ] || fail "no expectations from the demo data"

e2e_start 120 40
e2e_wait "Invitations"
e2e_keys 2
e2e_wait "Who do I owe my clients to?"
screen=$(e2e_screen)
contains "$screen" "conference" || fail "no conference row: $screen"
echo "$screen" | grep "│  conference " | grep -q "$conf USD" ||
	fail "conference rate is not $conf: $(echo "$screen" | grep conference)"
first=$(echo "$screen" | sed -n '/Who do I owe my clients to/{n;p;}' | sed 's/.*│ *//')
case "$first" in "$top"*) ;; *) fail "top of attribution is '$first', expected $top" ;; esac

# the form on the first event awaiting its outcome
dump() { sqlite3 "$DB" .dump | sha256sum; }
first_id=$(W review --json | grep '"review":"outcome"' | head -n 1 | sed 's/{"id":\([0-9]*\).*/\1/')
first_kind=$(sqlite3 "$DB" "SELECT kind FROM invitation WHERE id = $first_id")
before=$(dump)
e2e_keys g o
e2e_wait "Log outcome:"
e2e_keys C-u; e2e_keys -l -- "-2"; e2e_keys Tab Tab Tab Tab Tab C-u; e2e_type "abc"
e2e_keys Tab C-u; e2e_type "9"; e2e_keys Enter
e2e_wait 'hours: "-2" is not a number of hours'
screen=$(e2e_screen)
contains "$screen" "3 fields to fix" || fail "not every bad field reported: $screen"
[ "$(dump)" = "$before" ] || fail "a refused form wrote to the database"
e2e_keys Escape
e2e_wait "Outcome not saved"
[ "$(dump)" = "$before" ] || fail "Esc wrote to the database"
# a good one: 2 h, 1500.00, rated 4
e2e_keys o
e2e_wait "Log outcome:"
e2e_keys C-u; e2e_type "2"; e2e_keys Tab Tab Tab Tab Tab C-u; e2e_type "1500"
e2e_keys Tab C-u; e2e_type "4"; e2e_keys Enter
e2e_wait "Outcome logged"
expect_eq "$(sqlite3 "$DB" "SELECT actual_minutes, revenue_minor, rating FROM outcome
	WHERE invitation_id = $first_id")" "120|150000|4" "outcome from the form"
expect_eq "$(sqlite3 "$DB" "SELECT status FROM invitation WHERE id = $first_id")" attended \
	"status after the form"
e2e_wait "$(rate "$first_kind") USD" 5
# u takes it back, with its "attended"
e2e_keys u
e2e_wait "Undid attended and its outcome"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) FROM outcome WHERE invitation_id = $first_id")" 0 \
	"undone outcome"

# an outcome logged elsewhere: a webinar earning 3000.00 in 1.5 h
id=$(W review --json | grep '"review":"outcome"' | grep '"kind":"webinar"' | head -n 1 |
     sed 's/{"id":\([0-9]*\).*/\1/')
if [ -z "$id" ]; then
	id=$(W review --json | grep '"review":"outcome"' | head -n 1 | sed 's/{"id":\([0-9]*\).*/\1/')
	sqlite3 "$DB" "UPDATE invitation SET kind = 'webinar' WHERE id = $id"
fi
[ -n "$id" ] || fail "nothing awaiting an outcome in the demo"
expect_rc 0 W outcome "$id" --hours 1.5 --revenue 3000 --deals 1 --rating 5
web=$(rate webinar)
e2e_wait "$web USD" 5
e2e_keys q
e2e_wait_exit
[ "$exit_code" = 0 ] || fail "exit $exit_code"
exit 0
