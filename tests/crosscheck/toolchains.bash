# Sourced: the Go toolchains the cross-checks use, each as
#   TAG  GO-COMMAND  ENV  EXPECTED-UIR-VERSIONS  EXPECTED-FINGERPRINT-HASH
# A toolchain that is not installed is skipped with a message.
toolchains=(
	"go1.19-unified|/usr/lib/go-1.19/bin/go|GOEXPERIMENT=unified|0|md5"
	"go1.21|/usr/lib/go-1.21/bin/go|GOTOOLCHAIN=local|1|md5"
	"go1.22|/usr/lib/go-1.22/bin/go|GOTOOLCHAIN=local|1|md5"
	"go1.23|/usr/lib/go-1.23/bin/go|GOTOOLCHAIN=local|1|md5"
	"go1.26|go|GOTOOLCHAIN=local|2|sha256"
	"go1.27|go|GOTOOLCHAIN=go1.27.3|4 5|sha256"
)

# toolchain_go TAG: prints "GO ENV..." if TAG's toolchain is usable, else fails.
toolchain_cmd() {
	local t
	for t in "${toolchains[@]}"; do
		IFS='|' read -r tag gocmd env versions hash <<<"$t"
		[ "$tag" = "$1" ] || continue
		command -v "$gocmd" >/dev/null 2>&1 || return 1
		case $tag in
		go1.26) env GOTOOLCHAIN=local "$gocmd" version 2>/dev/null | grep -q ' go1.26' || return 1 ;;
		go1.27) env GOTOOLCHAIN=go1.27.3 GOFLAGS= "$gocmd" version >/dev/null 2>&1 || return 1 ;;
		esac
		echo "$gocmd $env"
		return 0
	done
	return 1
}

# tc_field TAG N: field N (3 versions, 4 hash) of TAG's row.
tc_field() {
	local t
	for t in "${toolchains[@]}"; do
		IFS='|' read -r tag gocmd env versions hash <<<"$t"
		[ "$tag" = "$1" ] || continue
		case $2 in 3) echo "$versions" ;; 4) echo "$hash" ;; esac
	done
}

# std_cache TAG [PKGS]: builds PKGS (default std) with TAG's toolchain into a
# cache kept between runs under $GOTYPEDB_CACHE_DIR, and prints its path.
std_cache() {
	local tag=$1 pkgs=${2:-std} cmd dir
	cmd=$(toolchain_cmd "$tag") || return 1
	dir=${GOTYPEDB_CACHE_DIR:-$HOME/.cache/gotypedb-ci}/$tag-${pkgs// /-}
	mkdir -p "$dir"
	# shellcheck disable=SC2086
	(cd /tmp && env GOCACHE="$dir" GOFLAGS= CGO_ENABLED=0 ${cmd#* } ${cmd%% *} build $pkgs) >&2 || return 1
	echo "$dir"
}
