#!/usr/bin/env bash
# include/gotypedb/objfile.h against Go's own object-file readers, row by
# row, on real linker output: tests/crosscheck/objfile/prog built by every
# toolchain of toolchains.bash for each target below (ELF, Mach-O, PE;
# 32/64-bit; little and big endian; exe, PIE, c-shared, stripped; Go's
# internal linker, GNU ld, GNU ld with packed RELR relocations, lld), and
# each toolchain's own go command, and the C toolchains' test files of
# go1.26's debug/{elf,macho,pe} (a universal Mach-O among them).
#
# For each binary, tests/oracle/objfile (objoracle: debug/elf, debug/macho,
# debug/pe, debug/buildinfo and its own reading of the relocation rules)
# and tests/crosscheck/objdump (gotypedb) print the file's GOOS, GOARCH,
# pointer size and byte order, its sections (name, address, size), its
# symbols (name, value), its relocated words, moduledata's address and
# words, and the words at thousands of addresses (every relocated word,
# every symbol's, every 16th word of every section); any differing row
# fails.  For the binaries that run here (linux/amd64 and linux/386 PIE and
# c-shared) every word gotypedb says is relocated is also read in a running
# process (objoracle live: /proc/PID/mem, minus the load base): the dynamic
# loader's own result, which shares no reading of the rules with either.
#
# A toolchain that is missing is skipped loudly (a failure under CI=true);
# a build that fails, or a helper (gcc, gcc -m32, lld) that is missing
# where a target needs it, is a failure.
#
#   OBJDUMP=build/tests/objdump bash tests/crosscheck/objfile.sh [TAG...]
#   OBJFILE_TARGETS=REGEX   only the targets whose name matches (and no
#                           foreign files unless it matches "foreign")
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
objdump=${OBJDUMP:-build/tests/objdump}
prog=tests/crosscheck/objfile/prog
cache=${GOTYPEDB_CACHE_DIR:-$HOME/.cache/gotypedb-ci}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# NAME|ENV|BUILD FLAGS|NEEDS|CHECKS  (ENV and FLAGS: ';'-separated)
#   NEEDS: what must be on this machine (gcc: a cgo build; gcc32: gcc -m32,
#   Debian's gcc-multilib; lld: Debian's lld)
#   CHECKS: relocs (relocated words expected), relr (DT_RELR expected),
#   live (run it and read its memory), host/host32 (a c-shared library,
#   loaded by tests/crosscheck/objfile/host.c), md (moduledata found),
#   md126 (found from go1.26 on: stripped, by its section)
targets=(
	"linux-amd64-exe|GOOS=linux;GOARCH=amd64;CGO_ENABLED=0|||md"
	"linux-amd64-stripped|GOOS=linux;GOARCH=amd64;CGO_ENABLED=0|-ldflags=-s -w||md126"
	"linux-amd64-pie|GOOS=linux;GOARCH=amd64;CGO_ENABLED=0|-buildmode=pie||md relocs live"
	"linux-amd64-pie-stripped|GOOS=linux;GOARCH=amd64;CGO_ENABLED=0|-buildmode=pie;-ldflags=-s -w||md126 relocs live"
	"linux-amd64-pie-gnuld|GOOS=linux;GOARCH=amd64;CGO_ENABLED=1|-buildmode=pie;-ldflags=-linkmode=external|gcc|md relocs live"
	"linux-amd64-pie-lld|GOOS=linux;GOARCH=amd64;CGO_ENABLED=1|-buildmode=pie;-ldflags=-linkmode=external -extldflags=-fuse-ld=lld|lld|md relocs live"
	"linux-amd64-cshared|GOOS=linux;GOARCH=amd64;CGO_ENABLED=1|-buildmode=c-shared|gcc|md relocs live host"
	"linux-amd64-cshared-relr|GOOS=linux;GOARCH=amd64;CGO_ENABLED=1|-buildmode=c-shared;-ldflags=-extldflags=-Wl,-z,pack-relative-relocs|gcc|md relocs relr live host"
	"linux-386-exe|GOOS=linux;GOARCH=386;CGO_ENABLED=0|||md"
	"linux-386-pie|GOOS=linux;GOARCH=386;CGO_ENABLED=1;CC=gcc -m32|-buildmode=pie|gcc32|md relocs live"
	"linux-386-cshared|GOOS=linux;GOARCH=386;CGO_ENABLED=1;CC=gcc -m32|-buildmode=c-shared|gcc32|md relocs live host32"
	"linux-arm-exe|GOOS=linux;GOARCH=arm;GOARM=7;CGO_ENABLED=0|||md"
	"linux-arm64-exe|GOOS=linux;GOARCH=arm64;CGO_ENABLED=0|||md"
	"linux-arm64-pie|GOOS=linux;GOARCH=arm64;CGO_ENABLED=0|-buildmode=pie||md relocs"
	"linux-s390x-exe|GOOS=linux;GOARCH=s390x;CGO_ENABLED=0|||md"
	"linux-ppc64-exe|GOOS=linux;GOARCH=ppc64;CGO_ENABLED=0|||md"
	"linux-ppc64le-pie|GOOS=linux;GOARCH=ppc64le;CGO_ENABLED=0|-buildmode=pie||md relocs"
	"linux-riscv64-exe|GOOS=linux;GOARCH=riscv64;CGO_ENABLED=0|||md"
	"linux-loong64-exe|GOOS=linux;GOARCH=loong64;CGO_ENABLED=0|||md"
	"linux-loong64-pie|GOOS=linux;GOARCH=loong64;CGO_ENABLED=0|-buildmode=pie||md relocs"
	"darwin-amd64-exe|GOOS=darwin;GOARCH=amd64;CGO_ENABLED=0|-buildmode=exe||md"
	"darwin-amd64-pie|GOOS=darwin;GOARCH=amd64;CGO_ENABLED=0|-buildmode=pie||md relocs"
	"darwin-arm64-pie|GOOS=darwin;GOARCH=arm64;CGO_ENABLED=0|-buildmode=pie||md relocs"
	"windows-amd64|GOOS=windows;GOARCH=amd64;CGO_ENABLED=0|||md"
	"windows-386|GOOS=windows;GOARCH=386;CGO_ENABLED=0|||md"
	"windows-arm64|GOOS=windows;GOARCH=arm64;CGO_ENABLED=0|||md"
)

# What a toolchain's linker cannot build without a C toolchain for the
# target: a loong64 PIE, which go1.19-go1.23 link only externally (their
# cmd/link mustLinkExternal and internal/platform.InternalLinkPIESupported
# do not list linux/loong64; go1.26's does).
unsupported() { # TAG TARGET
	case "$1:$2" in
	go1.19*:linux-loong64-pie | go1.2[123]:linux-loong64-pie)
		echo "$1 links a loong64 PIE only externally (no loong64 C toolchain here)" ;;
	*) return 1 ;;
	esac
}

have() { # NEED: 0 if this machine has it
	case "$1" in
	gcc) command -v gcc >/dev/null ;;
	gcc32) echo 'int main(void){return 0;}' | gcc -m32 -x c -o "$work/m32" - 2>/dev/null ;;
	lld) command -v ld.lld >/dev/null ;;
	esac
}

build() { # TAG TARGET-ROW OUT: builds prog; 1 on failure (its messages on stderr)
	local name envs flags needs checks
	local -a env_args flag_args
	IFS='|' read -r name envs flags needs checks <<<"$2"
	IFS=';' read -r -a env_args <<<"$envs"
	IFS=';' read -r -a flag_args <<<"$flags"
	tc_row "$1"
	# shellcheck disable=SC2086
	(cd "$prog" && env $tc_env GOFLAGS= GOCACHE="$cache/objfile-$1" "${env_args[@]}" \
		"$tc_go" build -o "$3" "${flag_args[@]}" .)
}

# compare WHAT FILE: oracle and gotypedb row by row; sets rows, relocs, md
compare() {
	local what=$1 file=$2 base=$work/cmp
	rows=0 relocs=0 md=0
	if ! "$work/objoracle" addrs "$file" > "$base.addrs" 2> "$base.err" ||
	   ! "$work/objoracle" dump "$file" 2>> "$base.err" | LC_ALL=C sort > "$base.want" ||
	   [ -s "$base.err" ]; then
		tc_fail "$what" "the oracle cannot read it: $(head -3 "$base.err")"
		return 1
	fi
	if ! "$objdump" "$file" "$base.addrs" 2> "$base.err" | LC_ALL=C sort > "$base.got" ||
	   [ -s "$base.err" ]; then
		tc_fail "$what" "$(head -3 "$base.err")"
		return 1
	fi
	rows=$(wc -l < "$base.want")
	relocs=$(grep -c $'\treloc\t' "$base.want")
	md=$(grep -c $'\tmd\t' "$base.want")
	local differ
	differ=$(diff "$base.want" "$base.got" | grep -c '^[<>]')
	echo "objfile: $what: $rows rows ($relocs relocated words, $md moduledata words), $differ differing"
	if [ "$differ" -ne 0 ]; then
		diff "$base.want" "$base.got" | grep '^[<>]' | head -10 | sed 's/^/  /'
		tc_fail "$what" "$differ rows differ from Go's debug/elf, debug/macho, debug/pe"
		return 1
	fi
}

# live WHAT FILE HOST: gotypedb's relocated words against a running process
live() {
	local what=$1 file=$2 host=$3 base=$work/live differ
	grep $'\treloc\t' "$work/cmp.got" | awk -F'\t' '{print $1, $3}' > "$base.addrs"
	grep $'\treloc\t' "$work/cmp.got" > "$base.want"
	local -a cmd=("$file")
	[ -z "$host" ] || cmd=("$host" "$file")
	if ! "$work/objoracle" live "$file" "$base.addrs" "${cmd[@]}" 2> "$base.err" |
		LC_ALL=C sort > "$base.got" || [ -s "$base.err" ]; then
		tc_fail "$what" "live: $(head -3 "$base.err")"
		return 1
	fi
	# A word the program itself rewrote before it said "ready" (a package
	# variable's pointer, set again at init to the heap) holds a pointer
	# out of the file's image, where the loader can only have written one
	# into it (base + an address of the image): not the loader's work, not
	# compared, and counted.
	python3 - "$file" "$base.want" "$base.got" "$base.rewritten" <<'PY'
import subprocess, sys
end = 0
for line in subprocess.run(["readelf", "-l", "-W", sys.argv[1]], capture_output=True, text=True).stdout.splitlines():
    f = line.split()
    if f and f[0] == "LOAD":
        end = max(end, int(f[2], 16) + int(f[5], 16))
rows = lambda p: {l.split("\t")[2]: l for l in open(p).read().splitlines()}
want, got = rows(sys.argv[2]), rows(sys.argv[3])
rewritten = [a for a in want if a in got and got[a] != want[a]
             and int(want[a].split("\t")[3], 16) < end <= int(got[a].split("\t")[3], 16)]
with open(sys.argv[4], "w") as out:
    out.write("".join(a + "\n" for a in rewritten))
with open(sys.argv[3], "w") as out:
    out.write("".join((want[a] if a in rewritten else got[a]) + "\n" for a in sorted(got)))
PY
	LC_ALL=C sort -o "$base.got" "$base.got"
	differ=$(diff "$base.want" "$base.got" | grep -c '^[<>]')
	echo "objfile: $what: live: $(wc -l < "$base.got") relocated words in the running process, $differ differing" \
		"($(wc -l < "$base.rewritten") rewritten by the program, pointing out of the image: not compared)"
	if [ "$differ" -ne 0 ]; then
		diff "$base.want" "$base.got" | grep '^[<>]' | head -10 | sed 's/^/  /'
		tc_fail "$what" "$differ relocated words differ from the running process's"
	fi
}

# expectations WHAT TAG FILE CHECKS: what the target must show
expectations() {
	local what=$1 tag=$2 file=$3 checks=" $4 "
	case "$checks" in *" md "*) [ "$md" -gt 0 ] || tc_fail "$what" "no moduledata found" ;; esac
	case "$checks:$tag" in
	*" md126 "*:go1.2[6-9]*) [ "$md" -gt 0 ] || tc_fail "$what" "no moduledata found (.go.module)" ;;
	esac
	case "$checks" in *" relocs "*) [ "$relocs" -gt 1000 ] ||
		tc_fail "$what" "$relocs relocated words, a PIE or shared object has thousands" ;; esac
	case "$checks" in *" relr "*) readelf -d "$file" | grep -q '(RELR)' ||
		tc_fail "$what" "no DT_RELR: the linker did not pack the relocations" ;; esac
}

run_target() { # TAG ROW
	local tag=$1 name envs flags needs checks what out host=
	IFS='|' read -r name envs flags needs checks <<<"$2"
	what="$tag $name"
	[[ $name =~ ${OBJFILE_TARGETS:-.} ]] || return
	if why=$(unsupported "$tag" "$name"); then
		echo "objfile: $what: not built: $why"
		return
	fi
	if [ -n "$needs" ] && ! have "$needs"; then
		tc_fail "$what" "needs $needs (scripts/install-deps.sh --go-all installs it)"
		return
	fi
	out=$work/$tag-$name
	if ! build "$tag" "$2" "$out" 2> "$work/build.err"; then
		tc_fail "$what" "go build failed: $(tail -3 "$work/build.err")"
		return
	fi
	compare "$what" "$out" || return
	expectations "$what" "$tag" "$out" "$checks"
	case " $checks " in
	*" host32 "*) host=$work/host32 ;;
	*" host "*) host=$work/host ;;
	esac
	case " $checks " in *" live "*) live "$what" "$out" "$host" ;; esac
}

# The toolchain's own go command: a large Go binary as its release was
# built (Debian's stripped, the Go project's not).
toolchain_binary() { # TAG
	local root
	[[ toolchain =~ ${OBJFILE_TARGETS:-.} ]] || return
	if ! root=$(tc_row "$1" && tc_go_run env GOROOT) || [ ! -f "$root/bin/go" ]; then
		tc_fail "$1 toolchain" "no bin/go under its GOROOT ($root)"
		return
	fi
	compare "$1 toolchain $root/bin/go" "$(readlink -f "$root/bin/go")"
}

# The C toolchains' test files of go1.26's debug packages.
foreign() {
	local root t f
	root=$(tc_row go1.26 && tc_go_run env GOROOT) || return
	for t in elf/testdata/gcc-amd64-linux-exec elf/testdata/gcc-386-freebsd-exec \
		 elf/testdata/gcc-riscv64-linux-exec macho/testdata/gcc-amd64-darwin-exec.base64 \
		 macho/testdata/fat-gcc-386-amd64-darwin-exec.base64 pe/testdata/gcc-amd64-mingw-exec \
		 pe/testdata/gcc-386-mingw-exec; do
		f=$root/src/debug/$t
		if [ ! -f "$f" ]; then
			tc_fail "objfile: $t" "not in $root"
			continue
		fi
		case "$t" in *.base64) base64 -d "$f" > "$work/foreign"; f=$work/foreign ;; esac
		compare "foreign ${t%.base64}" "$f"
	done
}

if [ ! -x "$objdump" ]; then
	tc_fail "objfile" "$objdump is not built (make build/tests/objdump)"
	tc_exit
fi
if ! tc_need "objfile: oracle" go1.26; then
	tc_exit
fi
if ! (cd tests/oracle/objfile && env $tc_env GOFLAGS= "$tc_go" build -o "$work/objoracle" .) 2> "$work/build.err"; then
	tc_fail "objfile: oracle" "does not build: $(tail -3 "$work/build.err")"
	tc_exit
fi
have gcc && gcc -o "$work/host" tests/crosscheck/objfile/host.c -ldl
have gcc32 && gcc -m32 -o "$work/host32" tests/crosscheck/objfile/host.c -ldl
[[ foreign =~ ${OBJFILE_TARGETS:-.} ]] && foreign
tags=("$@")
[ ${#tags[@]} -gt 0 ] || tags=(go1.19-indexed go1.21 go1.22 go1.23 go1.26 go1.27)
for tag in "${tags[@]}"; do
	tc_need "objfile: $tag" "$tag" || continue
	for row in "${targets[@]}"; do
		run_target "$tag" "$row"
	done
	toolchain_binary "$tag"
done
tc_exit
