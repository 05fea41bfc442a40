# test_dashboard_theme.sh: NO_COLOR=1 draws no colour escapes at all
# (attributes such as bold and reverse stay); the default theme does use
# colour; a broken user theme file gives its path:line:column message in
# the status line and the dashboard runs on the default theme; a user
# theme from $XDG_CONFIG_HOME/worthit/themes is found by name.
. "$WORTHIT_TOP/tests/e2e/tmux.sh"

# SGR colour parameters: 30-38, 40-48, 90-97, 100-107 (39 and 49 only
# reset to the default colours and are not colours)
has_colour() {
	printf '%s' "$1" | grep -Eq "$(printf '\033')\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m"
}

e2e_fixture_db

e2e_start 120 40
e2e_wait "Why this score"
has_colour "$(e2e_screen -e)" || fail "default theme shows no colour"
e2e_keys q; e2e_wait_exit
e2e_stop

export NO_COLOR=1
e2e_start 120 40
e2e_wait "Why this score"
screen=$(e2e_screen -e)
has_colour "$screen" && fail "colour escapes under NO_COLOR: $(printf '%s' "$screen" | head -n 3 | od -c | head)"
# the selection must stay visible without colour: reverse video (7)
printf '%s' "$screen" | grep -q "$(printf '\033')\[[0-9;]*7[0-9;]*m" || fail "no reverse video"
e2e_keys q; e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
e2e_stop
unset NO_COLOR

mkdir -p "$XDG_CONFIG_HOME/worthit/themes"
printf '{\n  "name": "broken",\n  "roles": {\n    "go": { "fg": "purple" }\n  }\n}\n' \
	>"$XDG_CONFIG_HOME/worthit/themes/broken.json"
e2e_start 120 40 --theme broken
e2e_wait 'Default theme used: ~/.config/worthit/themes/broken.json:4:13: unknown colour "purple" for fg'
contains "$(e2e_screen)" "Why this score" || fail "dashboard not drawn after a broken theme"
has_colour "$(e2e_screen -e)" || fail "fallback theme has no colour"
e2e_keys q; e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
e2e_stop

# a user theme by name, and the t key cycling to the next theme
rm "$XDG_CONFIG_HOME/worthit/themes/broken.json"
cp "$WORTHIT_TOP/themes/mono.json" "$XDG_CONFIG_HOME/worthit/themes/mine.json"
sed -i 's/"name": "mono"/"name": "mine"/' "$XDG_CONFIG_HOME/worthit/themes/mine.json"
e2e_start 120 40 --theme mine
e2e_wait "Why this score"
has_colour "$(e2e_screen -e)" && fail "mono-based user theme shows colour"
e2e_keys t
e2e_wait "Theme "
e2e_keys q; e2e_wait_exit
expect_eq "$exit_code" 0 "exit code"
exit 0
