#!/usr/bin/env bash
# Runs every input of a fuzzing corpus on its own through the fuzz target and
# prints the slowest and the most memory-hungry: what each input costs by
# itself, apart from what the fuzzing process accumulates.
#   tests/fuzz/replay.sh [CORPUS_DIR...]   (default build/fuzz/corpus tests/fuzz/seeds)
#   FUZZ_TARGET=build/fuzz/fuzz_rtype tests/fuzz/replay.sh build/fuzz/rtcorpus
# Exit 1 if any input takes 1 s or more, or a peak RSS of 256 MB or more.
set -uo pipefail
cd "$(dirname "$0")/../.."
target=${FUZZ_TARGET:-build/fuzz/fuzz_unit}
[ -x "$target" ] || { echo "replay: build $target first (make fuzz)"; exit 2; }
[ $# -gt 0 ] || set -- build/fuzz/corpus tests/fuzz/seeds
n=0 worst_ms=0 worst_ms_file= worst_mb=0 worst_mb_file=
while IFS= read -r -d '' f; do
	out=$(ASAN_OPTIONS=quarantine_size_mb=8 "$target" -runs=1 -print_final_stats=1 "$f" 2>&1) || {
		echo "replay: FAILED: $f:"; echo "$out" | tail -20; exit 1; }
	ms=$(echo "$out" | sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p')
	mb=$(echo "$out" | sed -n 's/^stat::peak_rss_mb: *\([0-9]*\)$/\1/p')
	n=$((n + 1))
	[ "${ms:-0}" -le "$worst_ms" ] || { worst_ms=$ms; worst_ms_file=$f; }
	[ "${mb:-0}" -le "$worst_mb" ] || { worst_mb=$mb; worst_mb_file=$f; }
done < <(find "$@" -type f -print0)
echo "replay: $n inputs; slowest $worst_ms ms ($worst_ms_file); peak RSS $worst_mb MB ($worst_mb_file)"
[ "$worst_ms" -lt 1000 ] && [ "$worst_mb" -lt 256 ]
