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
# Then one question across the whole cache, "every package that declares a
# type identical to the underlying type of TARGET" (default
# net.DNSConfigError, struct{Err error}): one gotypedb query against the Go
# program re-loading the archives to answer it (bench/gcexportdata
# -identical).  Both answers must be the same list.
#
# The three run back to back in each of REPEAT rounds (default 3); the
# median wall time is reported with peak RSS and CPU use from /usr/bin/time,
# then the median of each round's ratios.
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

# timed NAME CMD...: runs CMD, appends "seconds maxrss_kb cpu%" to $work/NAME.times
timed() {
	local name=$1; shift
	/usr/bin/time -f "%e %M %P" -o "$work/time.out" "$@" >"$work/$name.out" 2>"$work/$name.err"
	tr -d '%' < "$work/time.out" >> "$work/$name.times"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
maxrss() { awk '{print $2}' "$work/$1.times" | sort -n | tail -1; }
cpu() { awk '{print $3}' "$work/$1.times" | median; }

rm -f "$work"/*.times "$work/phases"
# One untimed run first: it gives the row count and database size the floor
# inserts, and the list of archives for gcexportdata (and warms the page
# cache for all three).
rm -f "$work/bench.db"*
"$bin" index --no-progress -j "$jobs" -d "$work/bench.db" "$cache" 2>/dev/null
q() { "$bin" query --format csv -d "$work/bench.db" "$1" | tail -n +2; }
units=$(q "SELECT count(*) FROM unit")
export_bytes=$(q "SELECT sum(export_size) FROM unit")
rows=$(q "SELECT (SELECT count(*) FROM string) + (SELECT count(*) FROM file) + (SELECT count(*) FROM content)
  + (SELECT count(*) FROM unit) + (SELECT count(*) FROM unit_section) + (SELECT count(*) FROM package)
  + (SELECT count(*) FROM typedef) + (SELECT count(*) FROM typedef_part) + (SELECT count(*) FROM uir_decl)
  + (SELECT count(*) FROM uir_unit) AS n")
db_bytes=$(stat -c %s "$work/bench.db")
q "SELECT f.path FROM file f JOIN content c ON c.id = f.content_id WHERE c.status = 'indexed' ORDER BY f.id" > "$work/archives"
# Then REPEAT rounds of the three back to back, so that a drift in the
# machine's speed (this VM's drifts by ±15% within minutes) moves all three
# alike: the ratios are the medians of each round's ratios.
for i in $(seq "$repeat"); do
	rm -f "$work/bench.db"*
	timed gotypedb "$bin" index --no-progress -j "$jobs" -d "$work/bench.db" "$cache"
	# "  time: L s loading, I s building indexes; the writer thread used W s of CPU"
	awk '/^  time: / {print $5, $13}' "$work/gotypedb.err" >> "$work/phases"
	timed gcexportdata "$work/gcexportdata" -j "$jobs" < "$work/archives"
	timed floor "$work/floor" "$work/floor.db" "$rows" "$db_bytes"
done
# ratio A B: the median over rounds of A's time / B's time
ratio() { paste "$work/$1.times" "$work/$2.times" | awk '{print $1 / $4}' | median; }

t_g=$(awk '{print $1}' "$work/gotypedb.times" | median)
t_x=$(awk '{print $1}' "$work/gcexportdata.times" | median)
t_f=$(awk '{print $1}' "$work/floor.times" | median)
awk -v u="$units" -v b="$export_bytes" -v r="$rows" -v tg="$t_g" -v tx="$t_x" -v tf="$t_f" \
    -v rx="$(ratio gotypedb gcexportdata)" -v rf="$(ratio gotypedb floor)" -v db="$db_bytes" -v mg="$(maxrss gotypedb)" -v mx="$(maxrss gcexportdata)" -v mf="$(maxrss floor)" -v j="$jobs" -v n="$repeat" \
    -v cg="$(cpu gotypedb)" -v cx="$(cpu gcexportdata)" -v cf="$(cpu floor)" 'BEGIN {
	printf "corpus: go1.26 `go build std cmd` cache, %d units, %.1f MB export data; %d rows, %.1f MB database; -j %d, median of %d rounds\n", u, b/1e6, r, db/1e6, j, n
	printf "%-14s %8s %9s %10s %12s %10s %6s\n", "", "wall s", "MB/s", "units/s", "rows/s", "peak RSS", "CPU"
	printf "%-14s %8.2f %9.1f %10.0f %12.0f %8.0f MB %5d%%\n", "gotypedb", tg, b/1e6/tg, u/tg, r/tg, mg/1024, cg
	printf "%-14s %8.2f %9.1f %10.0f %12s %8.0f MB %5d%%\n", "gcexportdata", tx, b/1e6/tx, u/tx, "-", mx/1024, cx
	printf "%-14s %8.2f %9s %10s %12.0f %8.0f MB %5d%%\n", "sqlite floor", tf, "-", "-", r/tf, mf/1024, cf
	printf "ratios (median of the rounds): gotypedb/gcexportdata %.2fx time; gotypedb/floor %.2fx time\n", rx, rf
}'
# What one SQLite database cannot spread over cores: gotypedb's writer
# thread (interning, inserting, then the index build the floor does not
# do), against the floor's own single thread.
t_i=$(awk '{print $1}' "$work/phases" | median)
t_w=$(awk '{print $2}' "$work/phases" | median)
awk -v ti="$t_i" -v tw="$t_w" -v tf="$t_f" 'BEGIN {
	printf "gotypedb writer thread: %.2f s of CPU, %.2fx the floor; of its wall time %.2f s is the end-of-run index build (%.2fx the floor)\n", tw, tw/tf, ti, ti/tf
	printf "  without the index build, which the floor does not do (interning and inserting every row): %.2f s of CPU, %.2fx the floor\n", tw - ti, (tw - ti)/tf
}'

# The question across the whole cache.
target=${TARGET:-net.DNSConfigError}
tpath=${target%.*}
tname=${target##*.}
sql="SELECT DISTINCT sp.text FROM uir_decl d JOIN package p ON p.id = d.package_id
 JOIN string sp ON sp.id = p.path_id
 WHERE d.under_typeid = (SELECT d2.under_typeid FROM uir_decl d2
   JOIN package p2 ON p2.id = d2.package_id JOIN string s2 ON s2.id = p2.path_id
   JOIN string n2 ON n2.id = d2.name_id WHERE s2.text = '$tpath' AND n2.text = '$tname' LIMIT 1)
 AND sp.text != 'main' ORDER BY 1"
# the query is timed as 50 whole `gotypedb query` processes (start, open,
# query, print) in a row, spawned from Python's subprocess module as
# /usr/bin/time spawns the Go program: one is shorter than /usr/bin/time
# can resolve, and a shell loop would add its own fork of bash (~0.5 ms
# here) to each
"$bin" query --format csv -d "$work/bench.db" "$sql" > "$work/query.out"
t_q=$(python3 -c '
import subprocess, sys, time
t = time.perf_counter()
for _ in range(50):
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print("%.5f" % ((time.perf_counter() - t) / 50))' "$bin" query --format csv -d "$work/bench.db" "$sql")
# and the statement alone, on an open connection (Python's sqlite3 module,
# the same SQLite library): what the query costs once the process is up
t_s=$(python3 -c '
import sqlite3, sys, time
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
db.execute(sys.argv[2]).fetchall()
t = time.perf_counter()
for _ in range(100):
    db.execute(sys.argv[2]).fetchall()
print("%.5f" % ((time.perf_counter() - t) / 100))' "$work/bench.db" "$sql")
for i in $(seq "$repeat"); do
	timed reload "$work/gcexportdata" -identical "$target" < "$work/archives"
done
tail -n +2 "$work/query.out" > "$work/query.list"
if ! cmp -s "$work/query.list" "$work/reload.out"; then
	echo "bench: the query and the Go program disagree:"; diff "$work/query.list" "$work/reload.out" | head; exit 1
fi
t_r=$(awk '{print $1}' "$work/reload.times" | median)
awk -v tq="$t_q" -v ts="$t_s" -v tr="$t_r" -v n="$(wc -l < "$work/query.list")" -v t="$target" 'BEGIN {
	printf "question: packages declaring a type identical to the underlying type of %s: %d packages, both agree\n", t, n
	printf "  Go program re-loading the archives %.2f s\n", tr
	printf "  gotypedb query process %.4f s (mean of 50: start, open, query, print): %.0fx faster\n", tq, tr/tq
	printf "  the SQL statement alone %.5f s (mean of 100 on an open connection): %.0fx faster\n", ts, tr/ts
}'
