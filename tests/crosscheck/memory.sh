#!/usr/bin/env bash
# Memory is bounded by design, not by the number of threads: index the
# go1.26 `go build std cmd` cache (the largest cache the checks build)
# with -j 1 to 256, each into a fresh database.  The peak resident set
# (the summary's "peak memory", getrusage's ru_maxrss as /usr/bin/time -v
# reports it) stays under 256 MiB at every -j, and the tables come out the
# same.  Peak RSS was 307 MB at -j 8 and 481 MB at -j 256 with a result
# window per thread and a heap per thread.
#
# A missing go1.26 is a loud skip, a failure under CI=true; a cache that
# does not build is a failure (tests/crosscheck/toolchains.bash).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
bin=${GOTYPEDB:-build/gotypedb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
limit_mb=268 # 256 MiB

what="memory: go1.26 std cmd"
tc_need "$what" go1.26 || tc_exit
rc=0
cache=$(std_cache go1.26 "std cmd") || rc=$?
case $rc in
0) ;;
1) tc_unavailable "$what" "toolchain go1.26: unavailable to std_cache (its message above)"; tc_exit ;;
*) tc_fail "$what" "go build std cmd failed with $tc_version (its messages above)"; tc_exit ;;
esac
counts='SELECT (SELECT count(*) FROM unit) || "/" || (SELECT count(*) FROM string) || "/" || (SELECT count(*) FROM typedef) || "/" || (SELECT count(*) FROM uir_decl) || "/" || (SELECT sum(length(string_ids)) FROM unit)'
want=
for j in 1 2 8 64 256; do
	rm -f "$tmp/db"*
	rc=0
	"$bin" index --no-progress -j "$j" -d "$tmp/db" "$cache" 2>"$tmp/err" || rc=$?
	peak=$(sed -n 's/.*peak memory \([0-9]*\)\.[0-9]* MB.*/\1/p' "$tmp/err")
	got=$("$bin" query --format csv -d "$tmp/db" "$counts" | tail -n +2)
	want=${want:-$got}
	echo "memory: go1.26 std cmd, -j $j: peak $peak MB, rows $got (exit $rc)"
	if [ "$rc" -ne 0 ] || [ -z "$peak" ] || [ "$peak" -ge "$limit_mb" ] || [ "$got" != "$want" ]; then
		tc_fail "$what, -j $j" "want exit 0, peak under $limit_mb MB, rows $want"
		head -5 "$tmp/err"
	fi
done
tc_exit
