# test_file_nolink.sh: writing a file where link(2) does not work (vfat,
# exFAT, CIFS) falls back to an exclusive create of the final name:
# export -o succeeds, an existing file is still refused (exit 73, left
# as it was), nothing temporary is left (issue 14, item 15). On a real
# vfat image when this machine can mount one (root, mkfs.vfat, a loop
# device); always through an LD_PRELOAD shim making link() fail with
# EPERM, as vfat does.
. "$WORTHIT_TOP/tests/lib.sh"

W() { "$WORTHIT" --db "$DB" "$@"; }
cat >"$T/in.json" <<'JSON'
[{"uid": "n1@test", "title": "Breakfast", "starts_at": "2026-03-10T09:00:00Z",
  "ends_at": "2026-03-10T10:00:00Z"}]
JSON
expect_rc 0 W import "$T/in.json"

# check_dir DIR [env...]: export into DIR twice, the second refused
check_dir() {
	dir=$1; shift
	expect_rc 0 env "$@" "$WORTHIT" --db "$DB" export --format json --status pending -o "$dir/out.json"
	grep -q '"n1@test"' "$dir/out.json" || fail "export in $dir lacks the invitation"
	printf 'keep\n' >"$dir/old.json"
	expect_rc 73 env "$@" "$WORTHIT" --db "$DB" export --format json -o "$dir/old.json"
	expect_err "exists; not overwritten"
	expect_eq "$(cat "$dir/old.json")" keep "existing file changed"
	ls "$dir" | grep -q '\.tmp-' && fail "temporary file left in $dir: $(ls "$dir")"
	rm -f "$dir/out.json" "$dir/old.json"
}

command -v cc >/dev/null 2>&1 || { echo "no C compiler for the link() shim"; exit 77; }
cc -shared -fPIC -o "$T/nolink.so" "$WORTHIT_TOP/tests/data/nolink.c" || fail "shim build"
mkdir "$T/plain"
# an ASan build wants its runtime first; the shim only replaces link()
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
check_dir "$T/plain" LD_PRELOAD="$T/nolink.so"

# a real vfat file system, when one can be mounted here
vfat=""
if [ "$(id -u)" -eq 0 ] && command -v mkfs.vfat >/dev/null 2>&1; then
	dd if=/dev/zero of="$T/fat.img" bs=1k count=2048 2>/dev/null
	mkfs.vfat "$T/fat.img" >/dev/null 2>&1 && mkdir "$T/fat" &&
		mount -o loop "$T/fat.img" "$T/fat" 2>/dev/null && vfat=yes
fi
if [ -n "$vfat" ]; then
	trap 'umount "$T/fat" 2>/dev/null' EXIT
	check_dir "$T/fat"
	umount "$T/fat"; trap - EXIT
else
	echo "note: no vfat mount here (needs root, mkfs.vfat, a loop device): shim only"
fi
exit 0
