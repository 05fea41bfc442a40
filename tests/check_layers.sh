#!/bin/sh
# check_layers.sh: `make check-layers`. Checks what the code really uses,
# not what it is called, so a renamed or hidden call cannot slip by.
# ARCHITECTURE.md ("The layer check") explains the rules in prose.
#
#   check_layers.sh BUILD_DIR     (run from the repository top)
#
# 1. Symbols. Every undefined symbol of BUILD_DIR/src/core/*.o (`nm -u`)
#    must be defined by another core object or be on the allowlist below:
#    libc string, memory, character-class, number-parsing and math
#    functions, snprintf to a buffer, qsort/bsearch, free, errno, cJSON,
#    and what the toolchain adds (stack protector, sanitizers, gcov,
#    the _chk and __isoc forms of allowed functions). Anything else (a
#    FILE function, stdin/stdout/stderr, the clock, getenv, system,
#    exit, abort, malloc outside the one wrapper) fails.
#    The one deliberate exception: xmalloc.o, the single allocation
#    wrapper, may call malloc/calloc/realloc, and on failure write one
#    line to stderr and abort (STYLE.md: "allocation failure aborts with
#    a message through one xmalloc wrapper"). Every other core object
#    allocates through it, so no raw malloc can return NULL unchecked.
# 2. Includes. Every #include of every .c and .h under src/ and
#    include/worthit/ must be allowed by the matrix in `allowed` and
#    `forbidden_libs` below. A file's layer is its folder under src/;
#    a header include/worthit/X.h belongs to the layer of the X.c that
#    implements it; a header with no X.c of its own belongs to the layer
#    its prefix names (db_ store, ics_ io, app_ app, cmd_/cli_ cli,
#    ui/view tui), else to the core, the strictest layer.
# Pairs listed in tests/check_layers.known are reported as "known" and
# do not fail: each names the change that removes it. A listed pair that
# no longer occurs is reported so the line gets deleted.
#
# Exit 0 clean, 1 with one line per violation: FILE: what it uses.
set -u
build=${1:-build}
known_file=${CHECK_LAYERS_KNOWN:-tests/check_layers.known}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check_layers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bad=0
layers="core store io app cli tui"

# ---- 1. symbols -------------------------------------------------------
core_allow='
strcmp strncmp strcasecmp strncasecmp strcoll strlen strnlen strchr strrchr
strstr strpbrk strspn strcspn strcpy strncpy strcat strncat strtok_r
memcpy memmove memset memcmp memchr memrchr
strtod strtof strtold strtol strtoll strtoul strtoull atoi atol
snprintf vsnprintf sscanf vsscanf
qsort bsearch abs labs llabs free
isalpha isdigit isalnum isspace isupper islower isxdigit ispunct isprint
iscntrl tolower toupper __ctype_b_loc __ctype_tolower_loc __ctype_toupper_loc
__errno_location
sqrt cbrt pow exp exp2 expm1 log log1p log2 log10 floor ceil round lround
llround trunc rint lrint llrint fabs fmin fmax fmod modf frexp ldexp hypot
sin cos tan atan atan2 tanh erf erfc nan
_GLOBAL_OFFSET_TABLE_ __stack_chk_fail __stack_chk_guard __stack_chk_fail_local
'
xmalloc_allow='malloc calloc realloc fprintf stderr abort'

objs=$(ls "$build"/src/core/*.o 2>/dev/null)
if [ -z "$objs" ]; then
	echo "check-layers: no core objects under $build/src/core (build first)"
	exit 1
fi
# shellcheck disable=SC2086
{
	nm -A --defined-only $objs | awk 'NF == 3 { print "D", $3 }'
	nm -A -u $objs | awk '{ f = $1; sub(/:.*/, "", f); sub(/.*\//, "", f); sub(/\.o$/, "", f)
	                        print "U", $NF, "src/core/" f ".c" }'
} >"$tmp/symbols"
awk -v allow="$core_allow" -v xallow="$xmalloc_allow" '
BEGIN {
	n = split(allow, a, /[ \t\n]+/); for (i = 1; i <= n; i++) if (a[i] != "") ok[a[i]] = 1
	n = split(xallow, a, /[ \t\n]+/); for (i = 1; i <= n; i++) if (a[i] != "") xok[a[i]] = 1
}
$1 == "D" { defined[$2] = 1; next }
{ use[++nuse] = $2; from[nuse] = $3 }
END {
	bad = 0
	for (i = 1; i <= nuse; i++) {
		s = use[i]
		if (s in defined) continue
		if (s ~ /^(cJSON_|__asan_|__ubsan_|__sanitizer_|__gcov_|__llvm_|__lsan_)/) continue
		# glibc fortified and ISO-redirected names stand for the plain one
		sub(/^__isoc(99|23)_/, "", s)
		if (s ~ /^__.*_chk$/) { sub(/^__/, "", s); sub(/_chk$/, "", s) }
		if (s in ok) continue
		if (from[i] == "src/core/xmalloc.c" && (s in xok)) continue
		print "check-layers: " from[i] ": uses " use[i] " (not on the core allowlist: no I/O, clock, environment or exit in the core)"
		bad = 1
	}
	exit bad
}' "$tmp/symbols" || bad=1

# ---- 2. includes ------------------------------------------------------
# One awk pass over every file. Inputs: the module -> layer map (from
# the .c files under src/), the known pairs, then the sources.
ls src/*/*.c | sed -n 's|^src/\([^/]*\)/\(.*\)\.c$|\1 \2|p' >"$tmp/modules"
ls include/worthit/*.h 2>/dev/null | sed 's|.*/||; s|\.h$||' >"$tmp/headers"
grep -v '^#' "$known_file" 2>/dev/null | awk 'NF >= 2 { print $1, $2 }' >"$tmp/known"
files=$(ls src/main.c src/*/*.c src/*/*.h include/worthit/*.h 2>/dev/null)
# shellcheck disable=SC2086
awk -v modules="$tmp/modules" -v headers="$tmp/headers" -v known="$tmp/known" \
    -v seen="$tmp/seen_known" '
function module_layer(m) {
	if (m in layer_of) return layer_of[m]
	if (m ~ /^db_/) return "store"
	if (m ~ /^ics_/) return "io"
	if (m ~ /^app_/) return "app"
	if (m ~ /^(cmd_|cli$|cli_)/) return "cli"
	if (m ~ /^(ui|ui_.*|view|view_.*)$/) return "tui"
	return "core"
}
function file_layer(f,   n, parts, m) {
	if (f == "src/main.c") return "main"
	if (f ~ /^src\/[^\/]+\//) { split(f, parts, "/"); return parts[2] }
	m = f; sub(/.*\//, "", m); sub(/\.h$/, "", m)
	return module_layer(m)
}
function lib_family(inc) {
	if (inc ~ /^(curses\.h|ncurses\.h|ncursesw\/|ncurses\/|term\.h|termcap\.h|panel\.h|menu\.h|form\.h|unctrl\.h)/) return "curses"
	if (inc ~ /^sqlite3(ext)?\.h$/) return "sqlite3"
	if (inc ~ /^(libical\/|libical-glib\/|ical\.h$|icalss\.h$|icalvcal\.h$)/) return "libical"
	if (inc ~ /^(gmime\/|glib\.h$|glib\/|glib-object\.h$|gio\/)/) return "gmime"
	if (inc ~ /^curl\//) return "curl"
	if (inc ~ /^(unistd|fcntl|dirent|signal|termios|pwd|grp|locale|langinfo|getopt|poll|pthread|dlfcn|spawn|syslog|netdb)\.h$/ || inc ~ /^(sys|netinet|arpa)\//) return "posix"
	return ""
}
BEGIN {
	while ((getline line < modules) > 0) { split(line, a, " "); if (!(a[2] in layer_of)) layer_of[a[2]] = a[1] }
	while ((getline line < headers) > 0) is_header[line] = 1
	while ((getline line < known) > 0) is_known[line] = 1
	# project layers each layer may include
	ok["core"] = " core "
	ok["store"] = " core store io "
	ok["io"] = " core io "
	ok["app"] = " core store io app "
	ok["cli"] = " core store io app cli "
	ok["tui"] = " core store io app tui "
	ok["main"] = " core store io app cli tui "
	# library families each layer may not include
	no["core"] = " curses sqlite3 libical gmime curl posix "
	no["store"] = " curses libical gmime curl "
	no["io"] = " curses sqlite3 "
	no["app"] = " curses sqlite3 libical gmime curl "
	no["cli"] = no["app"]
	no["tui"] = " sqlite3 libical gmime curl "
	no["main"] = " "
	bad = 0
}
FNR == 1 { layer = file_layer(FILENAME); dir = FILENAME; sub(/\/[^\/]*$/, "", dir) }
/^[ \t]*#[ \t]*include[ \t]*[<"]/ {
	inc = $0
	sub(/^[ \t]*#[ \t]*include[ \t]*[<"]/, "", inc)
	sub(/[>"].*/, "", inc)
	what = ""
	fam = lib_family(inc)
	if (fam != "") {
		if (index(no[layer], " " fam " ")) what = "<" inc "> (" fam ")"
	} else if (inc ~ /\.h$/) {
		base = inc; sub(/.*\//, "", base); sub(/\.h$/, "", base)
		target = ""
		if (base in is_header) target = module_layer(base)
		else if ((getline tmpl < (dir "/" inc)) >= 0) { close(dir "/" inc); target = file_layer(dir "/" inc) }
		if (target != "" && !index(ok[layer], " " target " ")) what = "\"" inc "\" (" target ")"
	}
	if (what == "") next
	if ((FILENAME " " inc) in is_known) {
		print FILENAME " " inc > seen
		print "check-layers: known: " FILENAME " (" layer ") includes " what
		next
	}
	print "check-layers: " FILENAME ": the " layer " layer includes " what
	bad = 1
}
END { exit bad }
' $files || bad=1
[ -f "$tmp/seen_known" ] || : >"$tmp/seen_known"
while read -r f inc; do
	grep -qxF "$f $inc" "$tmp/seen_known" ||
		echo "check-layers: $known_file: '$f $inc' no longer occurs: delete that line"
done <"$tmp/known"

[ $bad -eq 0 ] && echo "check-layers: ok (core symbols, include matrix)"
exit $bad
