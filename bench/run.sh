#!/usr/bin/env bash
# The benchmark: one run, three contenders on the same inputs.
#
#   1. gotypedb index of a whole `go build std cmd` cache (go1.26);
#   2. the same archives loaded by Go's own gcexportdata.Read into go/types
#      (bench/gcexportdata, a Go program; it builds objects in memory only,
#      gotypedb also stores every row);
#   3. the floor: a bare SQLite insert loop of gotypedb's row count and
#      database size (bench/floor.c).
#
# Each is run REPEAT times (default 3); the median wall time is reported with
# peak RSS from /usr/bin/time, then the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/crosscheck/toolchains.bash
repeat=${REPEAT:-3}
jobs=${JOBS:-$(nproc)}
bin=build/gotypedb
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"

cache=$(std_cache go1.26 "std cmd") || { echo "bench: needs go1.26 (the machine's go)"; exit 1; }
(cd bench/gcexportdata && GOFLAGS=-mod=mod GOTOOLCHAIN=local go build -o "$work/gcexportdata" .)
cc -O2 -o "$work/floor" bench/floor.c $(pkg-config --cflags --libs sqlite3)

# timed NAME CMD...: runs CMD, appends "seconds maxrss_kb" to $work/NAME.times
timed() {
	local name=$1; shift
	/usr/bin/time -f "%e %M" -o "$work/time.out" "$@" >"$work/$name.out" 2>"$work/$name.err"
	cat "$work/time.out" >> "$work/$name.times"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
maxrss() { awk '{print $2}' "$work/$1.times" | sort -n | tail -1; }

rm -f "$work"/*.times
for i in $(seq "$repeat"); do
	rm -f "$work/bench.db"*
	timed gotypedb "$bin" index --no-progress -j "$jobs" -d "$work/bench.db" "$cache"
done
q() { "$bin" query --format csv -d "$work/bench.db" "$1" | tail -n +2; }
units=$(q "SELECT count(*) FROM unit")
export_bytes=$(q "SELECT sum(export_size) FROM unit")
rows=$(grep -o '[0-9]* rows' "$work/gotypedb.err" | tail -1 | cut -d' ' -f1)
db_bytes=$(stat -c %s "$work/bench.db")
q "SELECT f.path FROM file f JOIN content c ON c.id = f.content_id WHERE c.status = 'indexed' ORDER BY f.id" > "$work/archives"
for i in $(seq "$repeat"); do
	timed gcexportdata "$work/gcexportdata" -j "$jobs" < "$work/archives"
	timed floor "$work/floor" "$work/floor.db" "$rows" "$db_bytes"
done

t_g=$(awk '{print $1}' "$work/gotypedb.times" | median)
t_x=$(awk '{print $1}' "$work/gcexportdata.times" | median)
t_f=$(awk '{print $1}' "$work/floor.times" | median)
awk -v u="$units" -v b="$export_bytes" -v r="$rows" -v tg="$t_g" -v tx="$t_x" -v tf="$t_f" \
    -v db="$db_bytes" -v mg="$(maxrss gotypedb)" -v mx="$(maxrss gcexportdata)" -v mf="$(maxrss floor)" -v j="$jobs" -v n="$repeat" 'BEGIN {
	printf "corpus: go1.26 `go build std cmd` cache, %d units, %.1f MB export data; %d rows, %.1f MB database; -j %d, median of %d\n", u, b/1e6, r, db/1e6, j, n
	printf "%-14s %8s %9s %10s %12s %10s\n", "", "wall s", "MB/s", "units/s", "rows/s", "peak RSS"
	printf "%-14s %8.2f %9.1f %10.0f %12.0f %8.0f MB\n", "gotypedb", tg, b/1e6/tg, u/tg, r/tg, mg/1024
	printf "%-14s %8.2f %9.1f %10.0f %12s %8.0f MB\n", "gcexportdata", tx, b/1e6/tx, u/tx, "-", mx/1024
	printf "%-14s %8.2f %9s %10s %12.0f %8.0f MB\n", "sqlite floor", tf, "-", "-", r/tf, mf/1024
	printf "ratios: gotypedb/gcexportdata %.2fx time; gotypedb/floor %.2fx time\n", tg/tx, tg/tf
}'
