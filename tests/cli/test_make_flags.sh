# test_make_flags.sh: the Makefile keeps what worthit needs apart from
# the user's flags: `make CFLAGS=-g`, `CPPFLAGS=-DX` and `LDFLAGS=...`
# still compile and link with the include paths, standard and libraries;
# release builds are hardened and the sanitizer build is not; cJSON is
# included one way everywhere.
. "$WORTHIT_TOP/tests/lib.sh"

command -v make >/dev/null 2>&1 || { echo "make not installed"; exit 77; }
unset MAKEFLAGS MFLAGS MAKELEVEL CFLAGS CPPFLAGS LDFLAGS LDLIBS
top=$WORTHIT_TOP
b="$T/b" # a build directory of this test's own
mk() { make -C "$top" --no-print-directory BUILD="$b" V=1 "$@" >"$T/make.out" 2>&1; rc=$?; out=$(cat "$T/make.out"); }

# a real compile of files that need cJSON, libical and SQLite, with the
# user's flags replacing the defaults (and -Werror as in CI)
mk CI=1 CFLAGS=-g CPPFLAGS=-DWORTHIT_TEST_FLAG "$b/src/core/invite_json.o" "$b/src/io/ics.o" "$b/src/store/db.o"
[ "$rc" -eq 0 ] || fail "make CFLAGS=-g CPPFLAGS=-D... failed: $out"
contains "$out" "-DWORTHIT_TEST_FLAG" || fail "CPPFLAGS not passed: $out"
contains "$out" "-O2" && fail "CFLAGS=-g did not replace the default -O2: $out"
contains "$out" "-std=c17" || fail "the language standard went with CFLAGS: $out"
contains "$out" "_FORTIFY_SOURCE" && fail "_FORTIFY_SOURCE without optimisation: $out"

# the link line with the user's LDFLAGS keeps the libraries (dry run)
mk -n -B LDFLAGS=-Wl,-O1 BIN="$T/wt" "$T/wt"
contains "$out" "-Wl,-O1" || fail "LDFLAGS not passed to the link: $out"
link=$(echo "$out" | grep -- "-o $T/wt ")
contains "$link" "-lcjson" || fail "the link lost -lcjson: $link"
contains "$link" "-lsqlite3" || fail "the link lost -lsqlite3: $link"

# release: hardened compile and link
mk -n -B "$b/src/core/model.o"
contains "$out" "-fstack-protector-strong" || fail "no stack protector in a release compile: $out"
contains "$out" "-D_FORTIFY_SOURCE=" || fail "no _FORTIFY_SOURCE in a release compile: $out"
contains "$link" "-Wl,-z,now" || fail "no -z now in a release link: $link"
contains "$link" "-Wl,-z,relro" || fail "no -z relro in a release link: $link"
# the sanitizer build: none of it
mk -n -B BUILD="$b" BIN="$T/wta" HARDEN= SAN='-fsanitize=address,undefined' "$b/src/core/model.o" "$T/wta"
contains "$out" "-fsanitize=address" || fail "no sanitizer flags: $out"
contains "$out" "-fstack-protector-strong" && fail "stack protector in the sanitizer build: $out"
contains "$out" "_FORTIFY_SOURCE" && fail "_FORTIFY_SOURCE in the sanitizer build: $out"
contains "$out" "-z,now" && fail "-z now in the sanitizer build: $out"
grep -q "HARDEN=" "$top/Makefile" && grep -A3 '^asan:' "$top/Makefile" | grep -q 'HARDEN= ' ||
	fail "make asan does not turn hardening off"

# one way to include cJSON
bad=$(grep -rlE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]cJSON\.h' "$top/src" "$top/include" \
	"$top/tests" "$top/bench" 2>/dev/null)
[ -z "$bad" ] || fail "#include <cJSON.h> instead of <cjson/cJSON.h> in: $bad"
exit 0
