#!/usr/bin/env bash
# Runs one golden test (jq-style: data, not code).
#
#   run-one.sh FILE.test            compare
#   UPDATE=1 run-one.sh FILE.test   rewrite FILE's expected outputs
#
# A .test file is a sequence of blocks, each opened by a marker line and
# running to the next one; lines before the first marker are comments.
# Steps:
#   --- index [exit N]   arguments to `gotypedb index` (paths from the repo
#                        root, globs allowed), one or more per line; the
#                        first block, exactly once
#   --- query [exit N]   SQL, run with `gotypedb query --format csv`
# Each step must exit N (default 0).  After a step, its expected output:
#   --- expect           the exact stdout of the step
#   --- stderr           the exact stderr of the step, where every duration
#                        reads "N s", the peak memory "N MB" and the
#                        temporary directory "$TMP"
# A step without an `--- expect` (or `--- stderr`) block must print nothing
# there.  stdout and stderr are compared separately, so an error message
# can never pass for expected rows.
#
# UPDATE=1 records the output of every step that exits as declared, and
# refuses (changing nothing, exit 1) if one does not: a failure becomes
# expected output only when the test declares it, `--- query exit 64` and
# its message under `--- stderr`.
set -euo pipefail
cd "$(dirname "$0")/../.."
test=$1
bin=${GOTYPEDB:-build/gotypedb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Split FILE into $tmp/head and, per step K (0 the index, then the queries),
# $tmp/K.in (arguments or SQL), $tmp/K.exit, and $tmp/K.out / $tmp/K.err
# when the test has an expect / stderr block for it.
awk -v dir="$tmp" -v test="$test" '
	function fail(msg) { print test ":" NR ": " msg > "/dev/stderr"; bad = 1; exit 1 }
	function open_step(kind) {
		if (kind == "index" && k >= 0) fail("a second --- index block")
		if (kind == "query" && k < 0) fail("--- query before --- index")
		k++
		exitc = 0
		if ($3 == "exit") exitc = $4
		printf "%s\n", exitc > (dir "/" k ".exit")
		block = dir "/" k ".in"; printf "" > block
	}
	BEGIN { k = -1 }
	/^--- / {
		if ($0 ~ /^--- (index|query)( exit [0-9]+)?$/) { open_step($2); next }
		if ($0 == "--- expect" || $0 == "--- stderr") {
			if (k < 0) fail($0 " before any step")
			block = dir "/" k ($0 == "--- expect" ? ".out" : ".err")
			if (seen[block]++) fail("a second " $0 " block for one step")
			printf "" > block
			next
		}
		fail("unknown marker: " $0)
	}
	k < 0 { print > (dir "/head"); next }
	{ print > block }
	END { if (!bad && k < 0) fail("no --- index block") }
' "$test"

# run K: runs step K; its stdout, stderr (normalised) and status go to
# $tmp/K.got.out, K.got.err, K.got.exit.
run() {
	local k=$1 rc=0 args=() line a
	if [ "$k" -eq 0 ]; then
		while read -r line; do
			for a in $line; do args+=("$a"); done  # unquoted: globs expand
		done < "$tmp/0.in"
		"$bin" index --no-progress -j 2 -d "$tmp/db" "${args[@]}" >"$tmp/0.got.out" 2>"$tmp/0.got.raw" || rc=$?
	else
		"$bin" query --format csv -d "$tmp/db" -f "$tmp/$k.in" >"$tmp/$k.got.out" 2>"$tmp/$k.got.raw" || rc=$?
	fi
	sed -E -e 's/[0-9]+(\.[0-9]+)? s\b/N s/g' -e 's/peak memory [0-9.]+ MB/peak memory N MB/' -e "s|$tmp|\$TMP|g" "$tmp/$k.got.raw" > "$tmp/$k.got.err"
	echo "$rc" > "$tmp/$k.got.exit"
}

# label K: how messages name step K.
label() {
	if [ "$1" -eq 0 ]; then echo "index"; else echo "query $1"; fi
}

steps=$(ls "$tmp" | grep -c '\.in$')
status=0
for ((k = 0; k < steps; k++)); do
	run "$k"
	want=$(cat "$tmp/$k.exit") got=$(cat "$tmp/$k.got.exit")
	if [ "$got" != "$want" ]; then
		echo "$test: $(label "$k") exited $got, the test declares $want; its stderr:"
		sed 's/^/    /' "$tmp/$k.got.raw"
		echo "  the step:"; sed 's/^/    /' "$tmp/$k.in"
		status=1
		[ "$k" -gt 0 ] || break  # no database: the queries would only add noise
		continue
	fi
	if [ "${UPDATE:-}" = 1 ]; then
		for s in out err; do
			if [ -s "$tmp/$k.got.$s" ] && [ -n "$(tail -c 1 "$tmp/$k.got.$s")" ]; then
				echo "$test: $(label "$k"): its std$s does not end with a newline, which a block cannot hold"
				status=1
			fi
		done
		continue
	fi
	for s in out err; do
		[ -f "$tmp/$k.$s" ] || : > "$tmp/$k.$s"
		if ! diff -u "$tmp/$k.$s" "$tmp/$k.got.$s" > "$tmp/diff"; then
			echo "$test: $(label "$k"): its std$s differs from the expected:"
			sed 's/^/    /' "$tmp/$k.in"; cat "$tmp/diff"; status=1
		fi
	done
done

if [ "${UPDATE:-}" = 1 ]; then
	if [ $status -ne 0 ]; then
		echo "$test: not updated: UPDATE=1 records no undeclared failure (a test declares one with '--- index exit N' or '--- query exit N')"
		exit 1
	fi
	{
		[ ! -f "$tmp/head" ] || cat "$tmp/head"
		for ((k = 0; k < steps; k++)); do
			want=$(cat "$tmp/$k.exit") step=query
			[ "$k" -gt 0 ] || step=index
			[ "$want" -eq 0 ] && echo "--- $step" || echo "--- $step exit $want"
			cat "$tmp/$k.in"
			# a successful query's rows always have their block; other
			# output only when there is some
			if [ -s "$tmp/$k.got.out" ] || { [ "$k" -gt 0 ] && [ "$want" -eq 0 ]; }; then
				echo "--- expect"; cat "$tmp/$k.got.out"
			fi
			[ ! -s "$tmp/$k.got.err" ] || { echo "--- stderr"; cat "$tmp/$k.got.err"; }
		done
	} > "$test.new"
	mv "$test.new" "$test"
	echo "updated $test"
fi
exit $status
