# test_install_layout.sh: an installed worthit (PREFIX/bin/worthit with
# PREFIX/share/worthit/{demo,themes}, as `make install` lays it out)
# finds its demo data and themes without WORTHIT_DATADIR, whatever the
# PREFIX it was compiled with.
. "$WORTHIT_TOP/tests/lib.sh"

prefix="$T/opt/wt"
mkdir -p "$prefix/bin" "$prefix/share/worthit"
cp "$WORTHIT" "$prefix/bin/worthit"
cp -R "$WORTHIT_TOP/share/demo" "$WORTHIT_TOP/themes" "$prefix/share/worthit/"
unset WORTHIT_DATADIR
expect_rc 0 "$prefix/bin/worthit" --db "$T/i.db" demo
expect_out "312 invitations"
# and without the data, a clear error naming where it looked
rm -rf "$prefix/share/worthit/demo"
run "$prefix/bin/worthit" --db "$T/j.db" demo
[ "$rc" -ne 0 ] || fail "demo without its data succeeded"
[ -n "$err" ] || fail "no message when the demo data is missing"
exit 0
