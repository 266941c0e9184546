#!/usr/bin/env bash
# Runtime type tables of real Go binaries: gotypedb against GoReSym, and
# gotypedb at scale.  Prints figures; asserts nothing.
#
#   bash bench/runtime.sh            (make bench-runtime)
#
#   1. Per binary of the check set (tests/thirdparty/fetch.sh check: one
#      binary per Go release 1.16-1.27 and per format and architecture):
#      `gotypedb index` of that one file into a new database, and
#      `GoReSym -t -p FILE` (its JSON into a file), back to back, binary by
#      binary, in each of REPEAT rounds (default 3), so that a drift in the
#      machine's speed moves both alike.  Wall time (to the microsecond)
#      and peak RSS from bench/timed.c; the medians per binary and
#      GoReSym's time and peak
#      RSS over gotypedb's.  A binary GoReSym reads no types from (a Go
#      release it does not know) is listed but left out of the ratios.
#   2. Scale: `gotypedb index -j JOBS` (default 2) over the scale set (at
#      least 50 binaries, over 1 GB; Debian packages built with Go and the
#      npm-shipped ones), into a new database, REPEAT rounds: wall time,
#      peak RSS and the rows it wrote.
#
# Targets from issue 13: per binary at least 20x faster than GoReSym and at
# most 1/10 of its peak RSS; the scale set on 2 cores in under 60 s with a
# peak RSS under 256 MiB.
#
# GoReSym (pinned in tests/thirdparty/goresym.bash): GORESYM=BINARY, or
# GORESYM_SRC=a git repository of mandiant/GoReSym holding the pinned commit
# (built once with go1.26.8 into the cache).  Without either, part 1 is
# skipped (said so) and part 2 still runs.
#
# Environment: REPEAT, JOBS, BENCH_FILTER (a regex: only check-set binaries
# whose label matches), BENCH_SCALE=0 (skip part 2), BENCH_DIR (where the
# databases and timings go; default a new temporary directory),
# GOTYPEDB_3P_CACHE (see fetch.sh), GOTYPEDB (default build/gotypedb).
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/crosscheck/toolchains.bash
source tests/thirdparty/goresym.bash
repeat=${REPEAT:-3}
jobs=${JOBS:-2}
bin=${GOTYPEDB:-build/gotypedb}
cache=${GOTYPEDB_3P_CACHE:-$HOME/.cache/gotypedb-3p}
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
[ -x "$bin" ] || { echo "bench/runtime.sh: $bin is missing (make)"; exit 1; }
tests/thirdparty/fetch.sh all

# timed OUT CMD...: runs CMD, prints "seconds maxrss_kb status".
cc -O2 -static -o "$work/timed" bench/timed.c || { echo "bench/runtime.sh: cannot build bench/timed.c"; exit 1; }
timed() { "$work/timed" "$@"; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR ? v[int((NR+1)/2)] : "nan")}'; }

per_binary() {
	local goresym files f label i line
	if ! goresym=$(goresym_path); then
		echo "bench/runtime.sh: SKIPPED: gotypedb vs GoReSym: no GoReSym (see tests/thirdparty/goresym.bash)"
		return 0
	fi
	files=()
	for f in "$cache"/check/*; do
		label=$(basename "$f")
		[[ $label =~ ${BENCH_FILTER:-.} ]] && files+=("$f")
	done
	echo "gotypedb index (one file, -j $jobs, new database) vs GoReSym -t -p ($goresym_commit), $repeat interleaved rounds, medians"
	rm -f "$work"/*.g.times "$work"/*.r.times
	for i in $(seq "$repeat"); do
		for f in "${files[@]}"; do
			label=$(basename "$f")
			rm -f "$work/one.db"*
			timed "$work/g.out" "$bin" index --no-progress -j "$jobs" -d "$work/one.db" "$f" >> "$work/$label.g.times"
			timed "$work/r.out" "$goresym" -t -p "$f" >> "$work/$label.r.times"
			# Whether GoReSym read any type (a release it does not know
			# gives an empty list or an error).
			if [ "$i" -eq 1 ]; then
				python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1])).get("Types") else 1)' "$work/r.out" &&
					echo yes > "$work/$label.r.types" || echo no > "$work/$label.r.types"
			fi
		done
	done
	printf '%-50s %6s %9s %9s %8s %9s %9s %8s\n' binary MB "gotypedb" "GoReSym" "speedup" "g RSS" "R RSS" "RSS/"
	for f in "${files[@]}"; do
		label=$(basename "$f")
		local tg tr mg mr sg sr mb ok
		tg=$(awk '{print $1}' "$work/$label.g.times" | median)
		tr=$(awk '{print $1}' "$work/$label.r.times" | median)
		mg=$(awk '{print $2}' "$work/$label.g.times" | median)
		mr=$(awk '{print $2}' "$work/$label.r.times" | median)
		sg=$(awk '$3 != 0 {n++} END {print n+0}' "$work/$label.g.times")
		sr=$(awk '$3 != 0 {n++} END {print n+0}' "$work/$label.r.times")
		mb=$(stat -c %s "$f" | awk '{printf "%.1f", $1/1e6}')
		ok=$(cat "$work/$label.r.types")
		awk -v l="$label" -v mb="$mb" -v tg="$tg" -v tr="$tr" -v mg="$mg" -v mr="$mr" -v sg="$sg" -v sr="$sr" -v ok="$ok" 'BEGIN {
			note = ""
			if (sg > 0) note = note " gotypedb-failed"
			if (sr > 0) note = note " GoReSym-failed"
			if (ok != "yes") note = note " GoReSym-no-types"
			printf "%-50s %6s %8.3fs %8.3fs %7.1fx %6.0f MB %6.0f MB %7.1fx%s\n", l, mb, tg, tr, tr/tg, mg/1024, mr/1024, mr/mg, note
		}'
		if [ "$ok" = yes ] && [ "$sg" -eq 0 ]; then
			awk -v tg="$tg" -v tr="$tr" -v mg="$mg" -v mr="$mr" 'BEGIN {print tr/tg, mr/mg}' >> "$work/ratios"
		fi
	done
	[ -s "$work/ratios" ] || return 0
	local n
	n=$(wc -l < "$work/ratios")
	# summary COLUMN TARGET NAME: median, min and max of a ratio column and
	# how many binaries reach TARGET.
	summary() {
		sort -g -k"$1" "$work/ratios" | awk -v c="$1" -v t="$2" -v what="$3" -v n="$n" '
			{ v[NR] = $c; if ($c >= t) k++ }
			END { printf "  %s: median %.1fx (min %.1fx, max %.1fx), %d of %d binaries at >= %dx\n", what, v[int((n+1)/2)], v[1], v[n], k, n, t }'
	}
	echo "over the $n binaries both read:"
	summary 1 20 "speedup (GoReSym's time / gotypedb's)"
	summary 2 10 "peak RSS (GoReSym's / gotypedb's)"
}

scale() {
	local n bytes i
	n=$(find "$cache/scale" -type f | wc -l)
	bytes=$(find "$cache/scale" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
	echo "scale: gotypedb index -j $jobs over $cache/scale: $n binaries, $((bytes / 1000000)) MB; new database each round, $repeat rounds"
	rm -f "$work/scale.times"
	for i in $(seq "$repeat"); do
		rm -f "$work/scale.db"*
		timed "$work/scale.out" "$bin" index --no-progress -j "$jobs" -d "$work/scale.db" "$cache/scale" >> "$work/scale.times"
	done
	awk '$3 != 0 {print "scale: gotypedb index exited " $3 " (see " w "/scale.out.err)"}' w="$work" "$work/scale.times"
	grep -E '^(gotypedb: |  )' "$work/scale.out.err" | tail -12 || true
	local rows_n db_bytes
	# The rows the run wrote, as its summary line says ("...; N rows, ...").
	rows_n=$(grep -o '[0-9]* rows' "$work/scale.out.err" | tail -1 | awk '{print $1}')
	db_bytes=$(stat -c %s "$work/scale.db")
	sort -g -k1 "$work/scale.times" | awk -v b="$bytes" -v r="$rows_n" -v db="$db_bytes" \
		-v m="$(awk '{print $2}' "$work/scale.times" | sort -g | tail -1)" '
		{ t[NR] = $1 }
		END {
			k = NR; med = t[int((k+1)/2)]
			printf "scale: wall %.2f s median (min %.2f, max %.2f), %.0f MB/s; peak RSS %.0f MB (max of the rounds); %d rows, %.1f MB database\n",
				med, t[1], t[k], b/1e6/med, m/1024, r, db/1e6
			printf "  targets: under 60 s: %s; peak RSS under 256 MiB: %s\n", med < 60 ? "met" : "NOT met", m < 262144 ? "met" : "NOT met"
		}'
}

per_binary
[ "${BENCH_SCALE:-1}" = 0 ] || scale
echo "(timings, outputs and databases in $work)"
