#!/usr/bin/env bash
# Bad input, binaries: the crafted Go binaries of tests/data/rtype and real
# ones built by the Go toolchains, and damaged copies of each
# (tests/badinput/mutate_bin.c: truncated at every section boundary,
# moduledata fields, NameOffs, TypeOffs and pointers pointed outside,
# counts made huge, descriptor cycles, bits flipped), through the
# sanitizer build:
#   * each file on its own (tests/badinput/rtcheck.c): no crash, the
#     records hold together, a failure says why, at most RTCHECK_SECONDS
#     per file and a peak RSS of RTCHECK_MB + RTCHECK_MB_PER_MB times its
#     size;
#   * all in one `gotypedb index`: exit 65, every message
#     `gotypedb: FILE: where: what` (naming the address for a damaged
#     table), every damaged copy but a bit flip refused (an error, or a
#     counted skip or rejection), the crafted ones as their names say, and
#     no partial rows in the runtime tables.
#
#   bash tests/badinput/binaries.sh           (make check) the crafted files,
#                                            and go1.26's linux/amd64 build
#   bash tests/badinput/binaries.sh --sweep   (make check-badinput-sweep) every
#                                            toolchain of toolchains.bash,
#                                            every target below, more flips
#   BADINPUT_TARGETS=REGEX picks the real builds (TOOLCHAIN-TARGET, e.g.
#   'go1.19-indexed-linux-amd64-stripped').
# A toolchain that is missing is skipped loudly, and is a failure under
# CI=true (tests/crosscheck/toolchains.bash); a build that fails is a
# failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
bin=${SAN_GOTYPEDB:-build/san/gotypedb}
tools=${BADINPUT_TOOLS:-build/san/tests}
prog=tests/crosscheck/objfile/prog
cache=${GOTYPEDB_CACHE_DIR:-$HOME/.cache/gotypedb-ci}
seconds=${RTCHECK_SECONDS:-10} mb=${RTCHECK_MB:-192} mb_per_mb=${RTCHECK_MB_PER_MB:-8}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sweep=0
[ "${1:-}" = --sweep ] && sweep=1

# NAME|ENV|BUILD FLAGS  (';'-separated): the targets of the sweep; make
# check builds the first.
targets=(
	"linux-amd64-exe|GOOS=linux;GOARCH=amd64;CGO_ENABLED=0|-ldflags=-w"
	"linux-amd64-stripped|GOOS=linux;GOARCH=amd64;CGO_ENABLED=0|-ldflags=-s -w"
	"linux-amd64-pie|GOOS=linux;GOARCH=amd64;CGO_ENABLED=0|-buildmode=pie;-ldflags=-w"
	"linux-386-exe|GOOS=linux;GOARCH=386;CGO_ENABLED=0|-ldflags=-w"
	"linux-arm-exe|GOOS=linux;GOARCH=arm;GOARM=7;CGO_ENABLED=0|-ldflags=-w"
	"linux-arm64-exe|GOOS=linux;GOARCH=arm64;CGO_ENABLED=0|-ldflags=-w"
	"linux-s390x-exe|GOOS=linux;GOARCH=s390x;CGO_ENABLED=0|-ldflags=-w"
	"linux-ppc64le-pie|GOOS=linux;GOARCH=ppc64le;CGO_ENABLED=0|-buildmode=pie;-ldflags=-w"
	"darwin-arm64-pie|GOOS=darwin;GOARCH=arm64;CGO_ENABLED=0|-buildmode=pie;-ldflags=-w"
	"windows-amd64|GOOS=windows;GOARCH=amd64;CGO_ENABLED=0|-ldflags=-w"
	"windows-386|GOOS=windows;GOARCH=386;CGO_ENABLED=0|-ldflags=-w"
)

fail() { echo "badinput/binaries: $*"; exit 1; }

for t in craft mutate_bin rtcheck; do
	[ -x "$tools/$t" ] || fail "$tools/$t is not built (make $tools/$t)"
done

# The committed crafted binaries are what craft writes.
mkdir -p "$tmp/crafted"
"$tools/craft" "$tmp/crafted" || fail "craft failed"
if ! diff -r tests/data/rtype "$tmp/crafted" > "$tmp/diff"; then
	head -5 "$tmp/diff"
	fail "tests/data/rtype is not what craft writes: $tools/craft tests/data/rtype"
fi

# build TAG ROW OUT: prog for the target; 1 on failure
build() {
	local name envs flags
	local -a env_args flag_args
	IFS='|' read -r name envs flags <<<"$2"
	IFS=';' read -r -a env_args <<<"$envs"
	IFS=';' read -r -a flag_args <<<"$flags"
	tc_row "$1"
	# shellcheck disable=SC2086
	(cd "$prog" && env $tc_env GOFLAGS= GOCACHE="$cache/badinput-$1" "${env_args[@]}" \
		"$tc_go" build -o "$3" "${flag_args[@]}" .)
}

# The originals to damage: the crafted ones that decode, and real ones
# (built into $tmp/real).
mkdir -p "$tmp/real"
if [ $sweep -eq 1 ]; then
	originals=(tests/data/rtype/ok-*)
	tags=(go1.19-indexed go1.21 go1.22 go1.23 go1.26 go1.27)
	rows=("${targets[@]}")
else # one of each moduledata layout, pointer size and byte order
	originals=(tests/data/rtype/ok-go1.{16-32be,16-64le,18-64le,20-64le,21-64le-nosym,23-32le}
		   tests/data/rtype/ok-go1.{24-64le-noswiss,26-64be,27-32le,27-64be-nosym})
	tags=(go1.26)
	rows=("${targets[0]}")
fi
for tag in "${tags[@]}"; do
	tc_need "badinput: $tag" "$tag" || continue
	for row in "${rows[@]}"; do
		out=$tmp/real/$tag-${row%%|*}
		[[ "$tag-${row%%|*}" =~ ${BADINPUT_TARGETS:-.} ]] || continue
		if ! build "$tag" "$row" "$out" 2> "$tmp/build.err"; then
			tc_fail "badinput: $tag ${row%%|*}" "go build failed: $(tail -3 "$tmp/build.err")"
			continue
		fi
	done
done

# check_batch: every check over the files of $tmp/in (crafted/ as they
# are, real/ as built, N/ the damaged copies of original N): each on its
# own, then one index run.
check_batch() {
	local rc files msgs bad wrong partial left nomsg i f w
	files=$(find "$tmp/in" -type f | wc -l)
	rm -rf "$tmp"/db* "$tmp/refused" "$tmp"/refused.db*
	# Each on its own: time, memory, the records' invariants.
	find "$tmp/in" -type f -print0 | xargs -0 "$tools/rtcheck" "$seconds" "$mb" "$mb_per_mb" > "$tmp/rtcheck" 2>&1
	rc=$?
	grep -v '^rtcheck: [0-9]* files:' "$tmp/rtcheck" | head -10
	tail -1 "$tmp/rtcheck"
	[ $rc -eq 0 ] || tc_fail "badinput: rtcheck" "$(grep -c '' "$tmp/rtcheck") lines of failures"

	# All in one index run.
	timeout 600 "$bin" index --no-progress -j 2 -d "$tmp/db" "$tmp/in" 2> "$tmp/stderr"
	rc=$?
	[ $rc -eq 65 ] || { tail -5 "$tmp/stderr"; fail "expected exit 65 (corrupt input), got $rc"; }
	if grep -q -E 'Sanitizer|runtime error' "$tmp/stderr"; then
		grep -m5 -E 'Sanitizer|runtime error' "$tmp/stderr"
		fail "a sanitizer's report"
	fi
	# every message names the file, where and what; for a damaged table (not
	# a truncated file, not a crafted one), the address
	msgs=$(grep -v -E '^gotypedb: [0-9]+ files in|^  (time|skipped|rejected)' "$tmp/stderr")
	bad=$(grep -v -E "^gotypedb: $tmp/in/[^:]+: [^:]+: .+" <<<"$msgs")
	[ -z "$bad" ] || { echo "$bad" | head -5; fail "messages without file, where and what"; }
	bad=$(grep -E "^gotypedb: $tmp/in/[0-9]+/[a-z]" <<<"$msgs" | grep -v -E "/(cut|flip)-[0-9]+: " |
		grep -v -E ': .*0x[0-9a-f]+')
	[ -z "$bad" ] || { echo "$bad" | head -5; fail "messages about a damaged table without its address"; }

	# ... and says what the damage was
	what=(
		"md-|moduledata at 0x|no moduledata: no word|typelinks at 0x|itablinks at 0x"
		"str-|: name at 0x[0-9a-f]+: not in the file's bytes"
		"ptrtothis-|PtrToThis: type at 0x[0-9a-f]+: outside the module's types"
		"mname-|method 0: name at 0x[0-9a-f]+: not in the file's bytes"
		"mtyp-|method 0: TypeOff -8: before the module's types"
		"kind-|: kind 0, not 1-26"
		"elem-|: type pointer 0x[0-9a-f]+: outside the module's types"
		"count-|: fields at 0x[0-9a-f]+: [0-9]+ entries of [0-9]+ bytes run past its section"
		"icount-|: interface methods at 0x[0-9a-f]+: [0-9]+ entries of 8 bytes run past its section"
		"tl-|: type at 0x[0-9a-f]+: not aligned to [48] bytes"
		"il-|: itab [0-9]+: Inter: address 0x10: not in any loaded section"
		"cycle-|: contains itself through unnamed types, a cycle no named type closes"
	)
	for w in "${what[@]}"; do
		bad=$(grep -E "^gotypedb: $tmp/in/[0-9]+/${w%%|*}" <<<"$msgs" | grep -v -E "${w#*|}")
		[ -z "$bad" ] || { echo "$bad" | head -3; fail "${w%%|*}* messages that do not say ${w#*|}"; }
	done

	q() { "$bin" query --format csv -d "$tmp/db" "$1" | tail -n +2; }
	[ "$(q "SELECT count(*) FROM file")" -eq "$files" ] || fail "not every file recorded"
	# what each file must have become
	wrong=$(q "SELECT f.path || ': ' || coalesce(c.status, 'skipped ' || f.skip_reason) FROM file f
	           LEFT JOIN content c ON c.id = f.content_id
	           WHERE (f.path GLOB '*/in/[0-9]*/*' AND f.path NOT GLOB '*/flip-*' AND c.status = 'indexed')
	              OR (f.path GLOB '*/crafted/ok-*' AND coalesce(c.status, '') != 'indexed')
	              OR (f.path GLOB '*/crafted/err-*' AND coalesce(c.status, '') != 'error')
	              OR (f.path GLOB '*/crafted/rej-*' AND coalesce(c.status, '') != 'rejected')
	              OR (f.path GLOB '*/crafted/skip-*' AND coalesce(f.skip_reason, '') != 'not-go-binary')
	              OR (f.path GLOB '*/real/*' AND coalesce(c.status, '') != 'indexed')")
	[ -z "$wrong" ] || { echo "$wrong" | head -10; fail "$(wc -l <<<"$wrong") files not refused or decoded as they must be"; }
	# no partial rows: a refused content has no rows, and no row hangs loose
	partial=$(q "SELECT
	   (SELECT count(*) FROM binary b JOIN content c ON c.id = b.content_id WHERE c.status != 'indexed')
	 + (SELECT count(*) FROM binary WHERE content_id NOT IN (SELECT id FROM content))
	 + (SELECT count(*) FROM content c WHERE c.status = 'indexed' AND c.id NOT IN (SELECT content_id FROM binary))
	 + (SELECT count(*) FROM binary WHERE id NOT IN (SELECT binary_id FROM module))
	 + (SELECT count(*) FROM binary_dep WHERE binary_id NOT IN (SELECT id FROM binary))
	 + (SELECT count(*) FROM binary_setting WHERE binary_id NOT IN (SELECT id FROM binary))
	 + (SELECT count(*) FROM module WHERE binary_id NOT IN (SELECT id FROM binary))
	 + (SELECT count(*) FROM rtype WHERE module_id NOT IN (SELECT id FROM module))
	 + (SELECT count(*) FROM rtype WHERE typeid NOT IN (SELECT typeid FROM typedef))
	 + (SELECT count(*) FROM rname WHERE module_id NOT IN (SELECT id FROM module))
	 + (SELECT count(*) FROM rmethod x WHERE NOT EXISTS (SELECT 1 FROM rtype r
	     WHERE r.module_id = x.module_id AND r.off = x.type_off))
	 + (SELECT count(*) FROM rfield x WHERE NOT EXISTS (SELECT 1 FROM rtype r
	     WHERE r.module_id = x.module_id AND r.off = x.type_off))
	 + (SELECT count(*) FROM rimethod x WHERE NOT EXISTS (SELECT 1 FROM rtype r
	     WHERE r.module_id = x.module_id AND r.off = x.type_off))
	 + (SELECT count(*) FROM rparam x WHERE NOT EXISTS (SELECT 1 FROM rtype r
	     WHERE r.module_id = x.module_id AND r.off = x.type_off))
	 + (SELECT count(*) FROM itab x WHERE NOT EXISTS (SELECT 1 FROM rtype r
	     WHERE r.module_id = x.module_id AND r.off = x.inter_off))
	 + (SELECT count(*) FROM typelink x WHERE NOT EXISTS (SELECT 1 FROM rtype r
	     WHERE r.module_id = x.module_id AND r.off = x.type_off))
	 + (SELECT count(*) FROM typedef_part WHERE typeid NOT IN (SELECT typeid FROM typedef)) AS n")
	[ "$partial" -eq 0 ] || fail "$partial partial rows"
	# ... and the refused files alone leave no row but their file and content
	mkdir -p "$tmp/refused"
	i=0
	while IFS= read -r f; do
		i=$((i + 1))
		ln "$f" "$tmp/refused/$i-${f##*/}"
	done < <(q "SELECT f.path FROM file f LEFT JOIN content c ON c.id = f.content_id
	            WHERE coalesce(c.status, '') != 'indexed'")
	"$bin" index --no-progress -j 2 -d "$tmp/refused.db" "$tmp/refused" 2> /dev/null
	rc=$?
	[ $rc -eq 65 ] || fail "the refused files alone: expected exit 65, got $rc"
	left=$("$bin" query --format csv -d "$tmp/refused.db" "SELECT (SELECT count(*) FROM binary)
	 + (SELECT count(*) FROM binary_dep) + (SELECT count(*) FROM binary_setting) + (SELECT count(*) FROM module)
	 + (SELECT count(*) FROM rtype) + (SELECT count(*) FROM rname) + (SELECT count(*) FROM rmethod)
	 + (SELECT count(*) FROM rfield) + (SELECT count(*) FROM rimethod) + (SELECT count(*) FROM rparam)
	 + (SELECT count(*) FROM itab) + (SELECT count(*) FROM typelink) + (SELECT count(*) FROM typedef)
	 + (SELECT count(*) FROM typedef_part) + (SELECT count(*) FROM package) + (SELECT count(*) FROM string) AS n" |
		tail -n +2)
	[ "$left" -eq 0 ] || fail "the refused files alone left $left rows"
	nomsg=$(q "SELECT count(*) FROM content WHERE status != 'indexed' AND (error IS NULL OR error = '')")
	[ "$nomsg" -eq 0 ] || fail "$nomsg refused contents without a message"
	echo "badinput/binaries: $(q "SELECT count(*) FROM content WHERE status = 'indexed'") indexed," \
		"$(q "SELECT count(*) FROM content WHERE status = 'error'") errors," \
		"$(q "SELECT count(*) FROM content WHERE status = 'rejected'") rejected," \
		"$(q "SELECT count(*) FROM file WHERE skip_reason IS NOT NULL") skipped;" \
		"$(q "SELECT count(*) FROM rtype") descriptors"
	total=$((total + files))
}

# Damaged copies, checked a batch at a time (the disk holds one batch):
# the crafted originals with few flips, then each real one with many
# (their tables are large).
damage() { # ORIGINAL N FLIPS
	mkdir -p "$tmp/in/$2"
	"$tools/mutate_bin" "$1" "$tmp/in/$2" $(($2 + 1)) "$3" > /dev/null || fail "mutate_bin $1 failed"
}
total=0
mkdir -p "$tmp/in/crafted"
cp tests/data/rtype/* "$tmp/in/crafted/"
for i in "${!originals[@]}"; do
	damage "${originals[$i]}" "$i" 8
done
echo "badinput/binaries: crafted: ${#originals[@]} originals damaged, $(find "$tmp/in" -type f | wc -l) files"
check_batch
n=${#originals[@]}
for f in "$tmp"/real/*; do
	[ -f "$f" ] || continue
	rm -rf "$tmp/in"
	mkdir -p "$tmp/in/real"
	cp "$f" "$tmp/in/real/"
	damage "$f" "$n" $((sweep ? 256 : 32))
	echo "badinput/binaries: ${f##*/}: $(find "$tmp/in" -type f | wc -l) files"
	check_batch
	n=$((n + 1))
done
echo "badinput/binaries: $total files in all, no crash, no partial rows"
tc_exit
