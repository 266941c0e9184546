#!/usr/bin/env bash
# gotypedb merge against indexing whole: a go1.26 `go build std cmd` cache
# (tests/crosscheck/toolchains.bash, std_cache) split by directory into 4
# shards (cache subdirectories 0-3, 4-7, 8-b, c-f; the top's files with
# the first), each indexed into its own database once; then, REPEAT rounds (default 3), interleaved:
#   whole  gotypedb index of the whole cache into a new database
#   merge  gotypedb merge of the 4 shard databases into a new database
# Wall time and peak RSS of each (bench/timed.c), the medians, and the
# ratio merge / whole.  The merged database is checked to hold what the
# whole index holds (row counts of the tables; shards merged in the order
# index walks them, which a type named alike in two programs' package
# main needs: src/store/merge.c).
#   GOTYPEDB  the binary (default build/gotypedb)
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/crosscheck/toolchains.bash
bin=${GOTYPEDB:-build/gotypedb}
repeat=${REPEAT:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -static -o "$work/timed" bench/timed.c || { echo "bench/merge.sh: cannot build bench/timed.c"; exit 1; }

tc_need "bench merge" go1.26 || tc_exit 1
cache=$(std_cache go1.26 "std cmd") || { tc_fail "bench merge" "go build std cmd failed"; tc_exit 1; }
shards=("0 1 2 3" "4 5 6 7" "8 9 a b" "c d e f")
dbs=()
for i in "${!shards[@]}"; do
	dirs=()
	# the files at the cache's top (README, trim.txt) go with the first
	[ "$i" -gt 0 ] || mapfile -t dirs < <(find "$cache" -maxdepth 1 -type f)
	for h in ${shards[$i]}; do
		dirs+=("$cache/$h"?)
	done
	"$bin" index --no-progress -d "$work/shard$i.db" "${dirs[@]}" 2>"$work/shard$i.err" || {
		rc=$?
		[ $rc -eq 65 ] || { cat "$work/shard$i.err"; exit 1; }
	}
	dbs+=("$work/shard$i.db")
	echo "shard $i (${shards[$i]// /,}): $(grep -o '[0-9]* units indexed' "$work/shard$i.err")"
done

counts() {
	local t out=""
	for t in string content file unit unit_section package typedef typedef_part uir_decl uir_unit binary rtype; do
		out+="$t=$(sqlite3 "$1" "SELECT count(*) FROM $t") "
	done
	echo "$out"
}

whole=() merge=() whole_rss=() merge_rss=()
for r in $(seq "$repeat"); do
	rm -f "$work"/whole.db* "$work"/merged.db*
	read -r s k st < <("$work/timed" "$work/whole.out" "$bin" index --no-progress -d "$work/whole.db" "$cache")
	[ "$st" -eq 0 ] || [ "$st" -eq 65 ] || { cat "$work/whole.out.err"; exit 1; }
	whole+=("$s") whole_rss+=("$k")
	read -r s k st < <("$work/timed" "$work/merge.out" "$bin" merge -d "$work/merged.db" "${dbs[@]}")
	[ "$st" -eq 0 ] || { cat "$work/merge.out.err"; exit 1; }
	merge+=("$s") merge_rss+=("$k")
	echo "round $r: index whole ${whole[-1]} s, ${whole_rss[-1]} KiB; merge of 4 shards ${merge[-1]} s, ${merge_rss[-1]} KiB"
done
a=$(counts "$work/whole.db") b=$(counts "$work/merged.db")
[ "$a" = "$b" ] || { echo "bench merge: the merged database differs: $a / $b"; exit 1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mw=$(median "${whole[@]}") mm=$(median "${merge[@]}")
echo "cache: $cache ($(du -sh "$cache" | cut -f1)); rows: $a"
echo "median: index whole $mw s ($(median "${whole_rss[@]}") KiB peak); merge of 4 shards $mm s ($(median "${merge_rss[@]}") KiB peak); merge/whole $(awk -v a="$mm" -v b="$mw" 'BEGIN { printf "%.2f", a / b }')"
