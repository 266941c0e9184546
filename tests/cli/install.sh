# make install and make uninstall, the man page and the bash completion:
# the three files land under DESTDIR/PREFIX with their modes and go again
# (and nothing else does); the installed binary runs; the man page formats
# without a warning and documents every command, every option of each
# command's --help, every format and every exit status of the --help
# texts; the completion offers the commands, each command's options (the
# long ones exactly as its --help lists them), the formats, the bundled
# @NAMEs the installed binary lists and files.  (doc/gotypedb.1 with an
# option taken out, on purpose: the test fails naming it.)
source "$(dirname "$0")/lib.bash"

command -v man >/dev/null || fail "man is missing: apt-get install man-db"

# The make run here must not inherit `make check`'s flags (-n, -k, a
# jobserver it has no descriptors of), and must write nothing outside
# $tmp: when build/gotypedb is not up to date, the optimized build is
# made under $tmp instead (B, the build directory), as install would make it.
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "$@"; }
build=()
mk -q build/gotypedb 2>/dev/null || build=(-j"$(nproc)" B="$tmp/build")
root=$tmp/root
prefix=/usr/local
inst_bin=$root$prefix/bin/gotypedb
inst_man=$root$prefix/share/man/man1/gotypedb.1
inst_comp=$root$prefix/share/bash-completion/completions/gotypedb

expect_exit 0 mk install "${build[@]}" DESTDIR="$root" PREFIX="$prefix"
for f in "$inst_bin:755" "$inst_man:644" "$inst_comp:644"; do
	[ -f "${f%:*}" ] || fail "make install did not install ${f%:*}"
	expect_eq "$(stat -c %a "${f%:*}")" "${f##*:}" "mode of ${f%:*}"
done
cmp -s doc/gotypedb.1 "$inst_man" || fail "$inst_man is not doc/gotypedb.1"
cmp -s completion/gotypedb.bash "$inst_comp" || fail "$inst_comp is not completion/gotypedb.bash"
expect_exit 0 "$inst_bin" --version
version=$(cat "$tmp/out")
expect_eq "$version" "$("$bin" --version)" "the installed binary's --version"

# ---- the man page ---------------------------------------------------------
# man-db runs groff with its warnings on: any (a bad macro, a line that
# cannot be broken, a character not known) fails, at either width.
for width in "" 80; do
	rc=0
	MANWIDTH=$width man --warnings -E UTF-8 -l "$inst_man" >"$tmp/man.txt" 2>"$tmp/man.err" || rc=$?
	[ "$rc" -eq 0 ] && [ ! -s "$tmp/man.err" ] ||
		fail "man --warnings (MANWIDTH=$width) exits $rc, says: $(head -c 600 "$tmp/man.err")"
done
grep -q '^EXIT STATUS' "$tmp/man.txt" || fail "the formatted page has no EXIT STATUS"
# (.TH names the version: "gotypedb 0.1.0", as --version's first words)
expect_eq "$(sed -n 's/^\.TH GOTYPEDB 1 [^ ]* "\([^"]*\)".*/\1/p' "$inst_man")" \
	"$(echo "$version" | cut -d' ' -f1-2)" "the version .TH names"

# The roff source with font changes dropped, \- read as - and no other
# backslash left, so that `\fB\-\-db\fR` is searched as --db.
sed -e 's/\\f[BIRP]//g; s/\\f([A-Z][A-Z]//g; s/\\-/-/g; s/\\//g' "$inst_man" > "$tmp/man.src"
# section MACRO TITLE: the lines of `.SH TITLE` or `.SS TITLE` up to the next heading
section() {
	awk -v want="$1 $2" -v q="$1 \"$2\"" '
		/^\.S[HS] / { on = ($0 == want || $0 == q); next }
		/^\.SH / { on = 0 }
		on' "$tmp/man.src"
}
# has OPTION FILE: OPTION as a whole option (--force, not --forced)
has() { grep -qE -- "(^|[^a-zA-Z0-9-])$1([^a-zA-Z0-9-]|\$)" "$2"; }

# the commands: those gotypedb --help lists, and merge (documented ahead
# of the binary while it is being written)
expect_exit 0 "$bin" --help
cp "$tmp/out" "$tmp/help"
commands=$(sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' "$tmp/help")
case " $(echo $commands) " in *" merge "*) ;; *) commands="$commands merge" ;; esac
[ "$(echo $commands | wc -w)" -ge 6 ] || fail "commands read from gotypedb --help: $commands"
section .SH SYNOPSIS > "$tmp/synopsis"
for o in $(grep -oE -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
	has "$o" "$tmp/man.src" || fail "gotypedb --help has $o, the man page has not"
done

# every option of a command's --help, long and short, in its .SS section;
# merge's as it is meant to be until the binary has it
for c in $commands; do
	grep -qF ".SY \"gotypedb $c\"" "$tmp/synopsis" || fail "the SYNOPSIS has no gotypedb $c"
	section .SS "$c" > "$tmp/sec"
	[ -s "$tmp/sec" ] || fail "the man page has no .SS $c"
	if "$bin" "$c" --help > "$tmp/chelp" 2>/dev/null; then
		long=$(grep -oE -- '--[a-z][a-z-]*' "$tmp/chelp" | sort -u)
		short=$(grep -oE -- '(^|[[ ])-[a-zA-Z]\b' "$tmp/chelp" | tr -d ' [' | sort -u)
	else
		[ "$c" = merge ] || fail "gotypedb $c --help fails"
		long="--db --wait --help" short="-d"
		cp /dev/null "$tmp/chelp"
	fi
	[ -n "$long" ] || fail "no long option read from gotypedb $c --help"
	for o in $long $short; do
		has "$o" "$tmp/sec" || fail "gotypedb $c --help has $o, the man page's section $c has not"
	done
	echo "$c" $long $short >> "$tmp/options"
	# (the exit statuses of this command's help, checked below with the rest)
	sed -n '/^Exit status:/,/^$/p' "$tmp/chelp" >> "$tmp/exits"
done

# every format, as a tag of FORMATS
formats=$("$bin" query --help | sed -n 's/.*--format \([a-z|]*\).*/\1/p' | head -n 1 | tr '|' ' ')
[ "$(echo $formats | wc -w)" -eq 5 ] || fail "formats read from gotypedb query --help: '$formats'"
section .SH FORMATS > "$tmp/sec"
for f in $formats; do
	grep -qx "\.B $f" "$tmp/sec" || fail "FORMATS has no entry for $f"
done

# every exit status of gotypedb --help (and of each command's), as a tag
# of EXIT STATUS: `.TP` then `.B 64` (`.BI 128+ N`)
sed -n '/^Exit status:/,/^$/p' "$tmp/help" >> "$tmp/exits"
codes=$(grep -oE '(^|[^0-9A-Za-z])[0-9]+' "$tmp/exits" | tr -dc '0-9\n' | sort -un)
for n in 0 1 64 78 128; do
	echo "$codes" | grep -qx "$n" || fail "exit status $n not read from the --help texts: $(echo $codes)"
done
section .SH "EXIT STATUS" | awk 'tp { sub(/^\.BI? /, ""); print } { tp = /^\.TP/ }' > "$tmp/tags"
for n in $codes; do
	grep -qE "^$n([^0-9]|\$)" "$tmp/tags" || fail "exit status $n of the --help texts is not in EXIT STATUS"
done

# ---- the completion -------------------------------------------------------
mkdir "$tmp/files" "$tmp/files/sub"
touch "$tmp/files/a.db" "$tmp/files/b.txt"
# Each case: the line, then COMP_WORDS as bash splits it (COMP_WORDBREAKS:
# `--format=m` is (--format = m), `@su` is (@ su)); the cursor at the end.
# Prints COMPREPLY sorted on one line.
(
	# (as in an interactive shell: no errexit, no pipefail; nounset stays,
	# which the script must bear)
	set +e +o pipefail
	source "$inst_comp"
	cd "$tmp/files"
	expect_eq "$(complete -p gotypedb)" "complete -F _gotypedb gotypedb" "complete -p"
	comp() {
		COMP_LINE=$1 COMP_POINT=${#1}
		shift
		COMP_WORDS=("$@") COMP_CWORD=$(($# - 1))
		COMPREPLY=()
		_gotypedb gotypedb "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
	}
	g=$inst_bin
	expect_eq "$(comp "$g qu" "$g" qu)" "query" "$g qu"
	expect_eq "$(comp "$g " "$g" "")" "diff index merge query report schema" "$g <tab>"
	expect_eq "$(comp "$g --v" "$g" --v)" "--version" "$g --v"
	expect_eq "$(comp "$g query --format m" "$g" query --format m)" "markdown" "--format m"
	expect_eq "$(comp "$g query --format " "$g" query --format "")" \
		"csv html json markdown table" "--format <tab>"
	expect_eq "$(comp "$g query --format=m" "$g" query --format = m)" "markdown" "--format=m"
	expect_eq "$(comp "$g query --format=" "$g" query --format =)" \
		"csv html json markdown table" "--format=<tab>"
	expect_eq "$(comp "$g query @su" "$g" query @ su)" "@summary" "query @su"
	names=$("$g" query --help | tail -n 1 | sed -n 's/^bundled queries: //p')
	[ -n "$names" ] || fail "no bundled queries in $g query --help"
	expect_eq "$(comp "$g query @" "$g" query @)" "$(echo $names | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')" \
		"query @<tab>"
	expect_eq "$(comp "$g report --f" "$g" report --f)" "--format" "report --f"
	expect_eq "$(comp "$g diff " "$g" diff "")" "a.db sub" "diff <tab>: .db files and directories"
	expect_eq "$(comp "$g merge x.db " "$g" merge x.db "")" "a.db sub" "merge <tab>"
	expect_eq "$(comp "$g query -d " "$g" query -d "")" "a.db b.txt sub" "query -d <tab>"
	expect_eq "$(comp "$g query -o $tmp/files/b" "$g" query -o "$tmp/files/b")" "$tmp/files/b.txt" "-o PATH"
	expect_eq "$(comp "$g index " "$g" index "")" "a.db b.txt sub" "index <tab>"
	# each command's long options: exactly those of its --help
	while read -r c opts; do
		want=$(printf '%s\n' $opts | grep -- '^--' | sort | tr '\n' ' ' | sed 's/ $//')
		expect_eq "$(comp "$g $c --" "$g" "$c" --)" "$want" "$c --<tab>"
	done < "$tmp/options"
)

# ---- uninstall ------------------------------------------------------------
# (a file of another package beside them stays)
touch "$root$prefix/bin/other"
expect_exit 0 mk uninstall "${build[@]}" DESTDIR="$root" PREFIX="$prefix"
for f in "$inst_bin" "$inst_man" "$inst_comp"; do
	[ ! -e "$f" ] || fail "make uninstall left $f"
done
[ -e "$root$prefix/bin/other" ] || fail "make uninstall removed a file it did not install"
expect_eq "$(find "$root" -type f | sed "s|^$root||")" "$prefix/bin/other" "what is left under DESTDIR"
echo "install: ok"
