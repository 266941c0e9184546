#!/usr/bin/env bash
# The raw layer against Go's own reader, row by row: tests/oracle/raw
# (rawdump, over a copy of go1.27.3's internal/pkgbits; it reads V0-V5)
# and gotypedb each read the same archives, and every unit's header
# (version, flags, sync markers, fingerprint, export data size), sections
# (unit_section: elems, bytes), elements (uir_element), reference-table
# entries (uir_ref) and String elements' bytes (unit_string joined to
# string) must be equal.  Over every committed fixture (tests/fixtures/out,
# except go1.19-indexed: the rejected `i` format), tests/data/*.a, and a
# whole build cache per toolchain (tests/crosscheck/toolchains.bash).
#
# A comparison fails when gotypedb exits non-zero or stores any content as
# rejected or in error, when the two sides do not list the same units (by
# path), or when any row differs.  Rows are keyed by the unit's rank in the
# byte order of its path, the same on both sides when the unit lists are
# equal; both sides are streamed into text files, sorted, and compared with
# cmp, printing counts and the first differing rows.
#
# A toolchain that is missing is a loud skip, a failure under CI=true; a
# reader or a cache that does not build is a failure
# (tests/crosscheck/toolchains.bash).  `raw.sh PATH...` compares just PATH....
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
bin=${GOTYPEDB:-build/gotypedb}
out=build/oracle/raw
show=${SHOW:-10}
mkdir -p "$out"

# Go's reader, built by the machine's Go: without it nothing here can run.
reader="raw: every comparison (Go's reader, tests/oracle/raw)"
tc_need "$reader" go1.26 || tc_exit
# shellcheck disable=SC2086
if ! (cd tests/oracle/raw && env $tc_env GOFLAGS= "$tc_go" build -o "../../../$out/rawdump" .) 2>"$out/build.err"; then
	tc_fail "$reader" "go build of tests/oracle/raw failed with $tc_version: $(head -3 "$out/build.err" | paste -sd' ')"
	tc_exit
fi

# The rows per file, gotypedb's side; a unit is numbered by its path's rank
# (row_number over the path, BINARY collation: byte order, as Go's sort).
ranked="WITH o(uid, ord) AS (SELECT u.id, row_number() OVER (ORDER BY f.path)
  FROM file f JOIN unit u ON u.content_id = f.content_id)"
declare -A sql=(
	[units]="SELECT f.path, u.version, u.flags, u.sync_markers, hex(u.fingerprint), u.export_size
	  FROM file f JOIN unit u ON u.content_id = f.content_id"
	[sections]="$ranked SELECT o.ord, s.section, s.elems, s.bytes
	  FROM o JOIN unit_section s ON s.unit_id = o.uid"
	[elements]="$ranked SELECT o.ord, e.section, e.idx, e.off, e.len
	  FROM o JOIN uir_element e ON e.unit_id = o.uid"
	[refs]="$ranked SELECT o.ord, r.section, r.idx, r.slot, r.ref_section, r.ref_idx
	  FROM o JOIN uir_ref r ON r.unit_id = o.uid"
	[strings]="$ranked SELECT o.ord, us.idx, hex(CAST(s.text AS BLOB))
	  FROM o JOIN unit_string us ON us.unit_id = o.uid JOIN string s ON s.id = us.string_id"
)
kinds=(units sections elements refs strings)

now() { echo "$EPOCHREALTIME"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# cpu: user + system seconds of the finished child processes so far, as
# the machine may be shared and wall time alone says little.  Call it
# without a subshell: a subshell's `times` counts only its own children.
cpu() {
	times >"$out/times"
	awk 'NR == 2 { gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 }' "$out/times"
}

# gotypedb_rows DB DIR: one file per kind, no header row.
gotypedb_rows() {
	local k pids=()
	for k in "${kinds[@]}"; do
		{ "$bin" query --format csv -d "$1" "${sql[$k]}" | tail -n +2 >"$2/$k"; } &
		pids+=($!)
	done
	local p rc=0
	for p in "${pids[@]}"; do wait "$p" || rc=1; done
	return $rc
}

# differ LABEL KIND G O: prints the count of differing rows and the first
# of each side; the files are sorted.
differ() {
	local only_g only_o
	only_g=$(LC_ALL=C comm -23 "$3" "$4" | wc -l)
	only_o=$(LC_ALL=C comm -13 "$3" "$4" | wc -l)
	echo "raw: $1: $2: $((only_g + only_o)) differing rows ($only_g only gotypedb, $only_o only Go's reader)"
	LC_ALL=C comm -23 "$3" "$4" | head -n "$show" | sed 's/^/    gotypedb:      /'
	LC_ALL=C comm -13 "$3" "$4" | head -n "$show" | sed 's/^/    Go'"'"'s reader: /'
}

# compare LABEL PATH...: one run over the units under PATH...
compare() {
	local label=$1; shift
	local roots=() p t0 t1 t2 t3 tmp rc=0 ok=1
	for p in "$@"; do roots+=("$(realpath "$p")"); done
	tmp=$(mktemp -d "$out/run.XXXXXX")
	mkdir "$tmp/g" "$tmp/o"
	t0=$(now)
	cpu >"$out/cpu0"
	"$bin" index --no-progress -d "$tmp/db" "${roots[@]}" 2>"$tmp/index.err" || rc=$?
	local bad
	bad=$("$bin" query --format csv -d "$tmp/db" \
		"SELECT count(*) FROM content WHERE status != 'indexed'" | tail -n +2) || bad="?"
	if [ "$rc" -ne 0 ] || [ "$bad" != 0 ]; then
		echo "raw: $label: gotypedb index exited $rc with $bad contents rejected or in error:"
		head -n "$show" "$tmp/index.err" | sed 's/^/    /'
		ok=0
	fi
	t1=$(now)
	gotypedb_rows "$tmp/db" "$tmp/g" & local gpid=$!
	"$out/rawdump" "$tmp/o" "${roots[@]}" 2>"$tmp/rawdump.err" & local opid=$!
	if ! wait $gpid; then echo "raw: $label: gotypedb query failed"; ok=0; fi
	if ! wait $opid; then
		echo "raw: $label: Go's reader failed:"; head -n "$show" "$tmp/rawdump.err" | sed 's/^/    /'; ok=0
	fi
	t2=$(now)
	local k counts=""
	for k in "${kinds[@]}"; do
		LC_ALL=C sort -S 256M -o "$tmp/g/$k" "$tmp/g/$k" &
		LC_ALL=C sort -S 256M -o "$tmp/o/$k" "$tmp/o/$k" &
		wait
	done
	# the units by path first: rows are keyed by rank, so they are only
	# comparable when both sides list the same paths
	cut -d, -f1 "$tmp/g/units" >"$tmp/g/paths"
	cut -d, -f1 "$tmp/o/units" >"$tmp/o/paths"
	if [ ! -s "$tmp/o/paths" ]; then
		echo "raw: $label: no units read"
		ok=0
	elif ! cmp -s "$tmp/g/paths" "$tmp/o/paths"; then
		echo "raw: $label: the two sides list different units (by path), rows not compared:"
		differ "$label" "units" "$tmp/g/paths" "$tmp/o/paths"
		ok=0
	else
		for k in "${kinds[@]}"; do
			counts+=" $(wc -l <"$tmp/o/$k") $k,"
			cmp -s "$tmp/g/$k" "$tmp/o/$k" && continue
			differ "$label" "$k" "$tmp/g/$k" "$tmp/o/$k"
			ok=0
		done
	fi
	t3=$(now)
	cpu >"$out/cpu1"
	local verdict="0 differing rows"
	[ $ok -eq 1 ] || verdict=FAILED
	[ -n "$counts" ] || counts=" rows not compared,"
	echo "raw: $label:${counts%,}: $verdict" \
		"($(secs "$t0" "$t3") s: index $(secs "$t0" "$t1") s, both sides' rows $(secs "$t1" "$t2") s," \
		"sort and compare $(secs "$t2" "$t3") s; CPU $(secs "$(cat "$out/cpu0")" "$(cat "$out/cpu1")") s)"
	if [ $ok -eq 1 ]; then
		rm -rf "$tmp"
	else
		tc_fail "raw: $label" "gotypedb and Go's reader disagree or one failed (above); kept $tmp"
	fi
}

if [ $# -gt 0 ]; then # raw.sh PATH...: just these
	compare "$*" "$@"
	tc_exit
fi
for dir in tests/fixtures/out/*/; do
	tag=$(basename "$dir")
	[ "$tag" = go1.19-indexed ] && continue # the `i` format: rejected, no units
	compare "$tag fixtures" "$dir"
done
compare "tests/data" tests/data/*.a

for cache in "go1.19-unified|std" "go1.21|std" "go1.22|std" "go1.23|std cmd" \
	"go1.26|std cmd" "go1.27|std cmd"; do
	IFS='|' read -r tag pkgs <<<"$cache"
	tc_need "raw: $tag $pkgs" "$tag" || continue
	rc=0
	dir=$(std_cache "$tag" "$pkgs") || rc=$?
	case $rc in
	0) compare "$tag $pkgs" "$dir" ;;
	1) tc_unavailable "raw: $tag $pkgs" "toolchain $tag: unavailable to std_cache (its message above)" ;;
	*) tc_fail "raw: $tag $pkgs" "go build $pkgs failed with $tc_version (its messages above)" ;;
	esac
done
tc_exit
