#!/usr/bin/env bash
# gotypedb's runtime views against reflect inside the program itself:
# tests/oracle/reflect (a Go program, stdlib only) built by every toolchain
# of toolchains.bash for each target below, as an executable, PIE and
# c-shared library, each also stripped (-ldflags=-s -w).  The linux builds
# run (amd64 and 386 natively, a c-shared library from host.c; arm64, arm,
# s390x, ppc64le, ppc64 and riscv64 under Debian's qemu-user) and print
# their facts; the darwin and windows builds do not run here and are
# compared with what the linux build of the same GOARCH and toolchain
# printed, on the program's own types only, by their strings (reflect.py:
# "own").  Each toolchain's binaries are indexed into one database and
# reflect.py compares every binary's module, row by row.
#
# A toolchain that is missing is skipped loudly (a failure under CI=true);
# a build that fails, a program that fails, a helper that is missing (gcc,
# gcc -m32, qemu-user, the cross loaders) and any differing row fail.
# The binaries are kept under $GOTYPEDB_CACHE_DIR/reflect, keyed by the
# program's source, so that a run after the first only runs and compares;
# the Go build cache is objfile.sh's (the same targets' standard library).
#
#   GOTYPEDB=build/gotypedb bash tests/oracle/reflect.sh [TAG...]
#   REFLECT_TARGETS=REGEX   only the targets whose name matches
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
gotypedb=${GOTYPEDB:-build/gotypedb}
prog=tests/oracle/reflect
cache=${GOTYPEDB_CACHE_DIR:-$HOME/.cache/gotypedb-ci}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# NAME|ENV|BUILDMODE|RUN
#   ENV: ';'-separated.  RUN: how it runs here: native, host or host32 (a
#   c-shared library, loaded by host.c), qemu-ARCH [LOADER] (qemu-user;
#   a PIE runs through the target's dynamic loader, from Debian's
#   libc6-ARCH-cross, named here rather than by the PIE: go1.19 names
#   /lib64/ld64.so.1 for ppc64le, whose loader is ld64.so.2), or
#   own:TARGET (does not run: compared with the facts TARGET printed, by
#   string).
targets=(
	"linux-amd64-exe|GOOS=linux;GOARCH=amd64;CGO_ENABLED=0|exe|native"
	"linux-amd64-pie|GOOS=linux;GOARCH=amd64;CGO_ENABLED=0|pie|native"
	"linux-amd64-cshared|GOOS=linux;GOARCH=amd64;CGO_ENABLED=1|c-shared|host"
	"linux-386-exe|GOOS=linux;GOARCH=386;CGO_ENABLED=0|exe|native"
	"linux-386-pie|GOOS=linux;GOARCH=386;CGO_ENABLED=1;CC=gcc -m32|pie|native"
	"linux-386-cshared|GOOS=linux;GOARCH=386;CGO_ENABLED=1;CC=gcc -m32|c-shared|host32"
	"linux-arm64-exe|GOOS=linux;GOARCH=arm64;CGO_ENABLED=0|exe|qemu-aarch64"
	"linux-arm64-pie|GOOS=linux;GOARCH=arm64;CGO_ENABLED=0|pie|qemu-aarch64 /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1"
	"linux-arm-exe|GOOS=linux;GOARCH=arm;GOARM=7;CGO_ENABLED=0|exe|qemu-arm"
	"linux-s390x-exe|GOOS=linux;GOARCH=s390x;CGO_ENABLED=0|exe|qemu-s390x"
	"linux-ppc64le-exe|GOOS=linux;GOARCH=ppc64le;CGO_ENABLED=0|exe|qemu-ppc64le"
	"linux-ppc64le-pie|GOOS=linux;GOARCH=ppc64le;CGO_ENABLED=0|pie|qemu-ppc64le /usr/powerpc64le-linux-gnu/lib64/ld64.so.2"
	"linux-ppc64-exe|GOOS=linux;GOARCH=ppc64;CGO_ENABLED=0|exe|qemu-ppc64"
	"linux-riscv64-exe|GOOS=linux;GOARCH=riscv64;CGO_ENABLED=0|exe|qemu-riscv64"
	"darwin-amd64-exe|GOOS=darwin;GOARCH=amd64;CGO_ENABLED=0|exe|own:linux-amd64-exe"
	"darwin-amd64-pie|GOOS=darwin;GOARCH=amd64;CGO_ENABLED=0|pie|own:linux-amd64-exe"
	"darwin-arm64-pie|GOOS=darwin;GOARCH=arm64;CGO_ENABLED=0|pie|own:linux-arm64-exe"
	"windows-amd64-exe|GOOS=windows;GOARCH=amd64;CGO_ENABLED=0|exe|own:linux-amd64-exe"
)
# (Not built: PIEs of 386, arm, s390x and riscv64, which Go links only
# externally, with a C toolchain for the target; ppc64 has no PIE; a
# c-shared library needs a C toolchain for the target, here amd64 and 386.)

# source_key: a hash of everything the binaries are built from.
source_key() {
	(cd "$prog" && find . -type f \( -name '*.go' -o -name go.mod -o -name '*.c' \) | LC_ALL=C sort |
		xargs sha256sum) | sha256sum | cut -c1-16
}

# build TAG ROW STRIP OUT: builds the program (from the binary cache if
# there); 1 on failure, its messages in OUT.err.
build() {
	local tag=$1 name envs mode run flags bin
	local -a env_args
	IFS='|' read -r name envs mode run <<<"$2"
	IFS=';' read -r -a env_args <<<"$envs"
	bin=$cache/reflect/$key/$tag-$name$3
	if [ ! -f "$bin" ]; then
		flags="-X=main.buildMode=$mode"
		[ -z "$3" ] || flags="-s -w $flags"
		tc_row "$tag"
		mkdir -p "${bin%/*}"
		# shellcheck disable=SC2086
		(cd "$prog" && env $tc_env GOFLAGS= GOCACHE="$cache/objfile-$tag" "${env_args[@]}" \
			"$tc_go" build -buildmode="$mode" -ldflags="$flags" -o "$bin.tmp" .) > "$4.err" 2>&1 &&
			mv "$bin.tmp" "$bin" || return 1
		rm -f "$bin.h" # a c-shared build's C header
	fi
	cp "$bin" "$4"
}

# facts ROW BIN: runs BIN (or its host) and prints its rows; 1 on failure,
# its messages on stderr.
facts() {
	local name envs mode run loader
	local -a cmd
	IFS='|' read -r name envs mode run <<<"$1"
	read -r run loader <<<"$run"
	case "$run" in
	native) cmd=("$2") ;;
	host) cmd=("$work/host" "$2") ;;
	host32) cmd=("$work/host32" "$2") ;;
	qemu-*) cmd=("$run" ${loader:+"$loader"} "$2") ;;
	esac
	"${cmd[@]}"
}

have() { # RUN: whether this machine can run a target so
	local run loader
	read -r run loader <<<"$1"
	case "$run" in
	host) [ -x "$work/host" ] ;;
	host32) [ -x "$work/host32" ] ;;
	qemu-*) command -v "$run" >/dev/null && { [ -z "$loader" ] || [ -f "$loader" ]; } ;;
	*) true ;;
	esac
}

# run_tag TAG: builds, runs and compares every target of TAG.
run_tag() {
	local tag=$1 dir=$work/$1 row name envs mode run strip what bin ref pids=()
	mkdir -p "$dir"
	: > "$dir/manifest"
	# two builds at a time, each target's plain build before any stripped
	# one, so that no two builds compile the same standard library at once
	for strip in "" -stripped; do
		for row in "${targets[@]}"; do
			IFS='|' read -r name envs mode run <<<"$row"
			[[ $name =~ ${REFLECT_TARGETS:-.} ]] || continue
			build "$tag" "$row" "$strip" "$dir/$name$strip" &
			pids+=($!)
			if [ ${#pids[@]} -ge 2 ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
		done
	done
	wait
	for row in "${targets[@]}"; do
		IFS='|' read -r name envs mode run <<<"$row"
		[[ $name =~ ${REFLECT_TARGETS:-.} ]] || continue
		for strip in "" -stripped; do
			what="reflect: $tag $name$strip" bin=$dir/$name$strip
			if [ ! -f "$bin" ]; then
				tc_fail "$what" "go build failed: $(tail -3 "$bin.err" | paste -sd' ')"
				continue
			fi
			case "$run" in
			own:*)
				ref=$dir/${run#own:}.facts
				if [ -f "$ref" ]; then
					printf '%s\t%s\town\t%s\n' "$bin" "$ref" "${name%%-*}" >> "$dir/manifest"
				else
					echo "$what: not compared: no facts of ${run#own:} (not in REFLECT_TARGETS, or failed above)"
				fi
				continue ;;
			esac
			if ! have "$run"; then
				tc_fail "$what" "cannot run it here: $run (scripts/install-deps.sh --go-all installs what it needs)"
				continue
			fi
			if ! facts "$row" "$bin" > "$bin.facts" 2> "$bin.err" || [ -s "$bin.err" ]; then
				tc_fail "$what" "the program failed: $(head -3 "$bin.err" | paste -sd' ')"
				continue
			fi
			# (the plain build's, $dir/$name.facts, are also the
			# reference of the targets that do not run)
			printf '%s\t%s\tself\n' "$bin" "$bin.facts" >> "$dir/manifest"
		done
	done
	if ! python3 tests/oracle/reflect.py "$gotypedb" --label "$tag " "$dir/manifest"; then
		tc_fail "reflect: $tag" "gotypedb's runtime views differ from reflect (the FAILED line above)"
	fi
	rm -rf "$dir"
}

if [ ! -x "$gotypedb" ]; then
	tc_fail "reflect" "$gotypedb is not built (make)"
	tc_exit
fi
if ! tc_need "reflect: generated.go" go1.26; then
	tc_exit
fi
if ! (cd "$prog" && env $tc_env GOFLAGS= "$tc_go" run gen_types.go) > "$work/generated.go" 2> "$work/gen.err"; then
	tc_fail "reflect: generated.go" "go run gen_types.go failed: $(head -3 "$work/gen.err" | paste -sd' ')"
elif ! cmp -s "$work/generated.go" "$prog/generated.go"; then
	tc_fail "reflect: generated.go" "is not what gen_types.go writes (go run gen_types.go > generated.go)"
fi
gcc -o "$work/host" -x c "$prog/host.c" -ldl 2> "$work/host.err" ||
	tc_fail "reflect: host.c" "gcc failed: $(head -3 "$work/host.err")"
gcc -m32 -o "$work/host32" -x c "$prog/host.c" -ldl 2> "$work/host.err" ||
	tc_fail "reflect: host.c" "gcc -m32 failed (gcc-multilib): $(head -3 "$work/host.err")"
key=$(source_key)
# binaries of sources not built for a week are of no more use
mkdir -p "$cache/reflect/$key" && touch "$cache/reflect/$key"
find "$cache/reflect" -mindepth 1 -maxdepth 1 ! -name "$key" -mtime +7 -exec rm -rf {} +
tags=("$@")
[ ${#tags[@]} -gt 0 ] || tags=(go1.19-indexed go1.21 go1.22 go1.23 go1.26 go1.27)
for tag in "${tags[@]}"; do
	tc_need "reflect: $tag" "$tag" || continue
	run_tag "$tag"
done
tc_exit
