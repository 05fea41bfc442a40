# test_install_layout.sh: an installed worthit (PREFIX/bin/worthit with
# PREFIX/share/worthit/{demo,themes}, as `make install` lays it out)
# finds its demo data and themes without WORTHIT_DATADIR, whatever the
# PREFIX it was compiled with. Then the real `make install DESTDIR=...
# PREFIX=/usr` of the binary under test: every file in its standard
# place, the installed binary runs, and a copy that fails fails the
# install.
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

# ---- make install ----
command -v make >/dev/null 2>&1 || { echo "make not installed"; exit 77; }
unset MAKEFLAGS MFLAGS MAKELEVEL # a make of its own, not the caller's sub-make
# the binary and build directory under test (build/ or build-asan/),
# relative to the top as the Makefile names them: already built, so
# make only copies (and generates the completions from this binary)
bin=${WORTHIT#"$WORTHIT_TOP"/}
build=${WORTHIT_BUILD#"$WORTHIT_TOP"/}
dest="$T/dest"
minstall() { # DESTDIR: sets $rc, $out
	make -C "$WORTHIT_TOP" --no-print-directory install DESTDIR="$1" PREFIX=/usr \
		BIN="$bin" BUILD="$build" >"$T/make.out" 2>&1
	rc=$?; out=$(cat "$T/make.out")
}
minstall "$dest"
[ "$rc" -eq 0 ] || fail "make install failed: $out"
contains "$out" " CC " && fail "make install compiled something: $out"
for f in bin/worthit share/man/man1/worthit.1 share/worthit/demo/invitations.json \
	share/bash-completion/completions/worthit share/zsh/site-functions/_worthit \
	share/fish/vendor_completions.d/worthit.fish; do
	[ -s "$dest/usr/$f" ] || fail "make install did not install /usr/$f"
done
[ -x "$dest/usr/bin/worthit" ] || fail "the installed binary is not executable"
for sh in bash zsh fish; do
	case $sh in
	bash) f=bash-completion/completions/worthit ;;
	zsh) f=zsh/site-functions/_worthit ;;
	fish) f=fish/vendor_completions.d/worthit.fish ;;
	esac
	"$WORTHIT" completion $sh >"$T/want.$sh"
	cmp -s "$T/want.$sh" "$dest/usr/share/$f" || fail "installed $sh completion differs from 'worthit completion $sh'"
done
expect_rc 0 "$dest/usr/bin/worthit" --version
expect_rc 0 "$dest/usr/bin/worthit" --db "$T/k.db" --config "$T/k.json" demo
expect_out "312 invitations"
expect_rc 0 "$dest/usr/bin/worthit" --db "$T/k.db" --config "$T/k.json" list --status all
[ -n "$out" ] || fail "the installed binary lists nothing from its demo"

# a copy that fails fails the install (no "; true" after the copies of
# the data): a directory where a demo file goes
bad="$T/bad"
mkdir -p "$bad/usr/share/worthit/demo/config.json/x"
minstall "$bad"
[ "$rc" -ne 0 ] || fail "make install succeeded though a demo file could not be copied: $out"
exit 0
