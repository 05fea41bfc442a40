# test_keys.sh: `worthit keys` prints the dashboard's key table (the ?
# overlay's lines) and the documentation shows every binding: each line
# of the output appears verbatim in README.md's key list, and each key
# with its label under DASHBOARD in the man page. A key added to keys.c
# without documentation fails here.
. "$WORTHIT_TOP/tests/lib.sh"

expect_rc 0 "$WORTHIT" keys
keys=$out
# known lines, from keys.c as written
for line in "In lists" "  j, Down          move down" "  a                accept the invitation" \
	"  J                scroll the detail down" "  ?                this help" "Everywhere"; do
	contains "$keys" "$line" || fail "keys lacks '$line': $keys"
done
expect_rc 64 "$WORTHIT" keys extra

readme="$WORTHIT_TOP/README.md"
man="$WORTHIT_TOP/share/man/man1/worthit.1"
# the man page's DASHBOARD section, as troff source
dash=$(sed -n '/^\.SH DASHBOARD/,/^\.SH /p' "$man")
[ -n "$dash" ] || fail "no DASHBOARD section in the man page"
n=0
echo "$keys" | while IFS= read -r line; do
	[ -n "$line" ] || continue
	grep -qxF -- "$line" "$readme" || fail "README.md lacks the key line '$line'"
	case "$line" in
	"  "*)
		k=$(echo "$line" | sed 's/^  \([^ ].*[^ ]\|[^ ]\)  *\(  [^ ].*\|[^ ].*\)$/\1/; s/  .*//')
		label=$(echo "$line" | cut -c20-)
		k_troff=$(echo "$k" | sed 's/-/\\-/g')
		label_troff=$(echo "$label" | sed 's/-/\\-/g')
		echo "$dash" | grep -qxF ".B \"$k_troff\"" || fail "man page lacks key '$k'"
		echo "$dash" | grep -qxF -- "$label_troff" || fail "man page lacks '$label'"
		;;
	esac
done || exit 1
exit 0
