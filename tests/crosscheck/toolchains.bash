# Sourced by every script that runs a Go toolchain (tests/fixtures/gen.sh,
# tests/crosscheck/fingerprints.sh and memory.sh, tests/oracle/run.sh, raw.sh
# and v0.sh, bench/run.sh): the toolchains the cross-checks use, and the one
# rule for a toolchain that cannot be used.
#
# The rule (a check that quietly does nothing catches nothing):
#   * A toolchain that is not installed, cannot be fetched, or is not the
#     release its row names is UNAVAILABLE.  Under CI (CI=true) that is a
#     failure; elsewhere it is a loud skip: a line starting "SKIPPED:" and an
#     entry in the closing summary.
#   * A toolchain that is there but whose build fails (a std cache, the
#     oracle, the fixtures) is a FAILURE, in CI or not.
#   * Every check names the toolchain it runs with, as `go version` says.
#
# Use:
#   source tests/crosscheck/toolchains.bash
#   tc_need "fingerprints: go1.22" go1.22 || continue   # prints the toolchain,
#                                  # or SKIPPED:/FAILED: and returns 1
#   cache=$(std_cache go1.22 std) || { tc_fail "fingerprints: go1.22" "go build std failed"; continue; }
#   tc_fail WHAT WHY               # a failure: "FAILED: WHAT: WHY"
#   tc_exit [STATUS]               # the summary (when run alone), then exits
#                                  # non-zero if STATUS or any tc_fail/CI failure
# A driver that runs several such scripts (tests/check-toolchains.sh) exports
# GOTYPEDB_TC_LOG, a file where each SKIPPED:/FAILED: line is also appended
# (and "RAN: WHAT: go version ..." for each toolchain used), and prints the
# summary of them all at its end instead.

# Each row: TAG|GO-COMMAND|ENV|RELEASE|UIR-VERSIONS|FINGERPRINT-HASH
#   RELEASE is what `go env GOVERSION` must print: the committed fixtures
#   (tests/fixtures/out/TAG) record it, so another release is not this
#   toolchain.  UIR-VERSIONS and FINGERPRINT-HASH are what its export data
#   must show (empty: not unified IR).  ENV is also recorded in the fixtures'
#   MANIFEST, so it stays as gen.sh wrote it.
toolchains=(
	"go1.19-unified|/usr/lib/go-1.19/bin/go|GOEXPERIMENT=unified GOTOOLCHAIN=local|go1.19.8|0|md5"
	"go1.19-indexed|/usr/lib/go-1.19/bin/go|GOTOOLCHAIN=local|go1.19.8||"
	"go1.21|/usr/lib/go-1.21/bin/go|GOTOOLCHAIN=local|go1.21.13|1|md5"
	"go1.22|/usr/lib/go-1.22/bin/go|GOTOOLCHAIN=local|go1.22.12|1|md5"
	"go1.23|/usr/lib/go-1.23/bin/go|GOTOOLCHAIN=local|go1.23.5|1|md5"
	"go1.26|go|GOTOOLCHAIN=local|go1.26.8|2|sha256"
	"go1.27|go|GOTOOLCHAIN=go1.27.3|go1.27.3|4 5|sha256"
)

tc_status=0     # 1 once anything failed
tc_notes=()     # this script's SKIPPED:/FAILED: lines, for its summary

# tc_row TAG: sets tc_go tc_env tc_release tc_versions tc_hash from TAG's row.
tc_row() {
	local t tag
	for t in "${toolchains[@]}"; do
		IFS='|' read -r tag tc_go tc_env tc_release tc_versions tc_hash <<<"$t"
		[ "$tag" = "$1" ] && return 0
	done
	echo "toolchains.bash: no toolchain row $1" >&2
	return 1
}

# tc_go_run GO-ARGS...: runs TAG's go (after tc_row) in its environment,
# outside any module, without the caller's GOFLAGS.
tc_go_run() {
	# shellcheck disable=SC2086
	(cd /tmp && env $tc_env GOFLAGS= "$tc_go" "$@")
}

# tc_resolve TAG: 0 if TAG's toolchain is usable, with tc_version set to its
# `go version` line; else 1 with tc_why saying why not.
tc_resolve() {
	local got
	tc_version= tc_why=
	tc_row "$1" || { tc_why="no such toolchain in toolchains.bash"; return 1; }
	if ! command -v "$tc_go" >/dev/null 2>&1; then
		tc_why="not installed ($tc_go not found)"
		return 1
	fi
	# stdout only: the first run of a GOTOOLCHAIN=goX.Y.Z says on stderr
	# "go: downloading goX.Y.Z", which is no part of the version
	if ! got=$(tc_go_run env GOVERSION 2>/dev/null); then
		tc_why="cannot run or fetch it ($tc_env $tc_go env GOVERSION: $(tc_go_run env GOVERSION 2>&1 | tail -1))"
		return 1
	fi
	if [ "$got" != "$tc_release" ]; then
		tc_why="$tc_go is $got ($tc_env), not the expected $tc_release"
		return 1
	fi
	tc_version=$(tc_go_run version 2>&1)
}

# tc_note LINE: prints LINE and keeps it for the summary.
tc_note() {
	echo "$1"
	tc_notes+=("$1")
	[ -z "${GOTYPEDB_TC_LOG:-}" ] || echo "$1" >> "$GOTYPEDB_TC_LOG"
}

# tc_fail WHAT WHY: a failure, in or out of CI.
tc_fail() {
	tc_note "FAILED: $1: $2"
	tc_status=1
}

# tc_unavailable WHAT WHY: WHAT cannot run for want of a toolchain; a
# failure under CI, a loud skip elsewhere.
tc_unavailable() {
	if [ "${CI:-}" = true ]; then
		tc_fail "$1" "$2 (CI=true: every toolchain must be there)"
	else
		tc_note "SKIPPED: $1: $2"
	fi
}

# tc_need WHAT TAG: 0 if TAG's toolchain is usable, after printing
# "WHAT: go version ... (GO ENV)"; else 1 after tc_unavailable.
tc_need() {
	if tc_resolve "$2"; then
		echo "$1: $tc_version ($tc_go $tc_env)"
		[ -z "${GOTYPEDB_TC_LOG:-}" ] || echo "RAN: $1: $tc_version" >> "$GOTYPEDB_TC_LOG"
		return 0
	fi
	tc_unavailable "$1" "toolchain $2: $tc_why"
	return 1
}

# tc_summary: what this script skipped and what failed.
tc_summary() {
	[ ${#tc_notes[@]} -gt 0 ] || return 0
	echo "summary: ${#tc_notes[@]} parts skipped or failed:"
	printf '  %s\n' "${tc_notes[@]}"
}

# tc_exit [STATUS]: the summary (unless a driver prints it), then exit:
# non-zero if STATUS is or anything failed.
tc_exit() {
	[ -n "${GOTYPEDB_TC_LOG:-}" ] || tc_summary
	if [ "${1:-0}" -ne 0 ] || [ "$tc_status" -ne 0 ]; then
		exit 1
	fi
	exit 0
}

# std_cache TAG [PKGS]: builds PKGS (default std) with TAG's toolchain into a
# cache kept between runs under $GOTYPEDB_CACHE_DIR, and prints its path.
# Returns 1 if the toolchain is unavailable (call tc_need first to say so),
# 2 if go build failed (its messages went to stderr).
std_cache() {
	local tag=$1 pkgs=${2:-std} dir
	tc_resolve "$tag" || { echo "std_cache: $tag: $tc_why" >&2; return 1; }
	dir=${GOTYPEDB_CACHE_DIR:-$HOME/.cache/gotypedb-ci}/$tag-${pkgs// /-}
	mkdir -p "$dir" || return 2
	# shellcheck disable=SC2086
	GOCACHE=$dir CGO_ENABLED=0 tc_go_run build $pkgs >&2 || return 2
	echo "$dir"
}
