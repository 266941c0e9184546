#!/usr/bin/env bash
# Runs one golden test (jq-style: data, not code).
#
#   run-one.sh FILE.test            compare
#   UPDATE=1 run-one.sh FILE.test   rewrite FILE's expected outputs
#
# A .test file holds blocks introduced by marker lines:
#   --- index           arguments to `gotypedb index` (paths from the repo root,
#                       globs allowed), one per line; a line "exit N" sets the
#                       expected exit status (default 0)
#   --- query           SQL, run with `gotypedb query --format csv`
#   --- expect          the exact output of the query above
# Lines before the first block are comments.
set -euo pipefail
cd "$(dirname "$0")/../.."
test=$1
bin=${GOTYPEDB:-build/gotypedb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

awk -v dir="$tmp" '
	/^--- index$/  { mode = "index"; next }
	/^--- query$/  { n++; mode = "query"; printf "" > (dir "/q" n); next }
	/^--- expect$/ { mode = "expect"; printf "" > (dir "/e" n); next }
	mode == ""     { print > (dir "/head"); next }
	mode == "index"  { print > (dir "/index"); next }
	mode == "query"  { print > (dir "/q" n); next }
	mode == "expect" { print > (dir "/e" n); next }
' "$test"

want_exit=0
args=()
while read -r line; do
	[ -n "$line" ] || continue
	case $line in
	"exit "*) want_exit=${line#exit } ;;
	*) for a in $line; do args+=("$a"); done ;;  # unquoted: globs expand
	esac
done < "$tmp/index"

rc=0
"$bin" index --no-progress -j 2 -d "$tmp/db" "${args[@]}" 2>"$tmp/index.err" || rc=$?
if [ "$rc" -ne "$want_exit" ]; then
	echo "$test: index exited $rc, want $want_exit"; cat "$tmp/index.err"; exit 1
fi

status=0
for q in "$tmp"/q*; do
	n=${q##*/q}
	"$bin" query --format csv -d "$tmp/db" -f "$q" > "$tmp/a$n" 2>&1 || true
	if [ "${UPDATE:-}" = 1 ]; then
		continue
	fi
	if ! diff -u "$tmp/e$n" "$tmp/a$n" > "$tmp/diff"; then
		echo "$test: query $n differs:"; sed 's/^/    /' "$q"; cat "$tmp/diff"; status=1
	fi
done

if [ "${UPDATE:-}" = 1 ]; then
	{
		[ -f "$tmp/head" ] && cat "$tmp/head"
		echo "--- index"; cat "$tmp/index"
		for q in "$tmp"/q*; do
			n=${q##*/q}
			echo "--- query"; cat "$q"; echo "--- expect"; cat "$tmp/a$n"
		done
	} > "$test.new"
	mv "$test.new" "$test"
	echo "updated $test"
fi
exit $status
