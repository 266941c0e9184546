#!/usr/bin/env bash
# Fetches the real third-party Go binaries of tests/thirdparty/manifest.tsv
# into a cache that is never committed, and checks each against the
# manifest: its SHA-256 and the Go release it says it was built with.
#
#   tests/thirdparty/fetch.sh [check|scale|all]     (default: all)
#   tests/thirdparty/fetch.sh --rows SET ORIGIN PACKAGE VERSION
#
# Cache (GOTYPEDB_3P_CACHE, default ~/.cache/gotypedb-3p):
#   dl/          the packages as fetched: npm tarballs (`npm pack`, which
#                checks the registry's integrity hash) and Debian packages
#                (`apt-get download`, checked by apt against the signed
#                archive)
#   files/SHA256 each binary once, read-only
#   check/LABEL, scale/LABEL
#                hard links into files/: the two directories the checks and
#                the benchmark index (a binary may be in both)
#
# Every run re-hashes every file of the sets it fetches: a binary whose hash
# is not the manifest's is a failure, never refetched or relinked quietly
# (the pinned inputs are what makes two runs' figures comparable).  A
# Debian version that the archive no longer serves (a point release
# replaced it) fails too: pin the new version and hashes in the manifest.
#
# --rows downloads one package and prints a manifest row for every Go
# binary in it (hash, Go release, GOOS/GOARCH), for adding to the manifest.
#
# Needs npm, apt-get, dpkg-deb and go (any release that reads build info:
# `go version -m FILE`).  Exit status: 0 when every file is there and as
# pinned; 1 when any is not as pinned (each said on stderr with "fetch:
# FAILED:"); 2 when only what could not be had stands in the way: a tool
# missing, a package that could not be downloaded ("fetch: UNAVAILABLE:"),
# which the callers treat as a loud skip, or a failure under CI=true.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
manifest=$here/manifest.tsv
cache=${GOTYPEDB_3P_CACHE:-$HOME/.cache/gotypedb-3p}
failures=0
unavailable=0

fail() {
	echo "fetch: FAILED: $*" >&2
	failures=$((failures + 1))
}

unavailable() {
	echo "fetch: UNAVAILABLE: $*" >&2
	unavailable=$((unavailable + 1))
}

# archive ORIGIN PACKAGE VERSION: fetches the package into dl/ (once) and
# prints its path.  Returns 1 when it could not be had (network, registry
# down), 3 when the registry says it has no such version (the manifest is
# then out of date: a failure).
archive() {
	local origin=$1 pkg=$2 version=$3 name out
	mkdir -p "$cache/dl"
	case $origin in
	npm)
		name=$(echo "${pkg#@}-$version.tgz" | tr / -)
		if [ ! -s "$cache/dl/$name" ]; then
			local err st=0
			err=$(mktemp)
			out=$(cd "$cache/dl" && npm pack --loglevel=error "$pkg@$version" 2>"$err") || st=$?
			if [ "$st" -ne 0 ]; then
				echo "npm pack $pkg@$version: $(grep -m1 -v 'complete log' "$err")" >&2
				grep -qE 'code (E404|ETARGET)' "$err" && st=3 || st=1
				rm -f "$err"
				return "$st"
			fi
			rm -f "$err"
			[ "$out" = "$name" ] || { echo "npm pack $pkg@$version wrote $out, not $name" >&2; return 1; }
		fi ;;
	deb)
		# apt-get download names the file PKG_VERSION_ARCH.deb, with the
		# version's ':' written %3a.
		name=$(cd "$cache/dl" && ls -- "${pkg}_${version//:/%3a}"_*.deb 2>/dev/null | head -1) || true
		if [ -z "$name" ]; then
			if ! out=$(cd "$cache/dl" && apt-get download -q "$pkg=$version" 2>&1); then
				echo "apt-get download $pkg=$version: $(echo "$out" | grep -m1 '^E:')" >&2
				if echo "$out" | grep -q "^E: Version '.*' was not found"; then
					echo "  (not served: run apt-get update; if it still is not, a point release replaced it: pin the new version and its hashes)" >&2
					return 3
				fi
				return 1
			fi
			name=$(cd "$cache/dl" && ls -- "${pkg}_${version//:/%3a}"_*.deb | head -1)
		fi ;;
	*) echo "unknown origin $origin" >&2; return 1 ;;
	esac
	echo "$cache/dl/$name"
}

# unpack ORIGIN ARCHIVE: unpacks the package, once per run, into a
# directory removed at exit, and sets unpacked to it.  (Not in a $(...):
# the subshell would forget it, and remove it.)
declare -A unpacked_dirs
unpack_root=
unpacked=
unpack() {
	unpacked=${unpacked_dirs[$2]:-}
	[ -z "$unpacked" ] || return 0
	[ -n "$unpack_root" ] || { unpack_root=$(mktemp -d); trap 'rm -rf "$unpack_root"' EXIT; }
	unpacked=$(mktemp -d -p "$unpack_root")
	case $1 in
	npm) tar -xzf "$2" -C "$unpacked" ;;
	deb) dpkg-deb -x "$2" "$unpacked" ;;
	esac
	unpacked_dirs[$2]=$unpacked
}

# go_release FILE: the Go release FILE was built with, and "yes"/"no" for
# whether it has build info.  Without build info (some projects strip
# it), `go version` cannot say; the release is then the first go1.N[.M]
# string in the file, "-" if none (in the binaries pinned, that is the
# runtime's buildVersion; the hash pins the file, this only keeps the
# manifest's column honest).
go_release() {
	local v
	# (`go version FILE` exits 0 and prints nothing for a file it cannot
	# read; -m fails.)
	if v=$(go version -m "$1" 2>/dev/null) && [ -n "$v" ]; then
		echo "${v%%$'\n'*}" | awk '{print $2, "yes"}'
		return
	fi
	v=$(LC_ALL=C grep -a -o -m1 -E 'go1\.[0-9]+(\.[0-9]+)?(rc[0-9]+|beta[0-9]+)?' "$1" | head -1) || true
	echo "${v:--} no"
}

# platform FILE: GOOS/GOARCH from the build info (Go 1.18+), "-" without.
platform() {
	{ go version -m "$1" 2>/dev/null || true; } | awk '$1 == "build" && $2 ~ /^GO(OS|ARCH)=/ {
		split($2, kv, "="); v[kv[1]] = kv[2] } END { if (v["GOOS"] != "") print v["GOOS"] "/" v["GOARCH"]; else print "-" }'
}

# rows SET ORIGIN PACKAGE VERSION: a manifest row per Go binary in the package.
rows() {
	local set=$1 origin=$2 pkg=$3 version=$4 a d f path sum rel bi plat
	a=$(archive "$origin" "$pkg" "$version")
	unpack "$origin" "$a"
	d=$unpacked
	find "$d" -type f | sort | while read -r f; do
		# Only object files: ELF, Mach-O (thin or fat) or PE.
		case $(head -c 4 "$f" | od -An -tx1 | tr -d ' ') in
		7f454c46|cffaedfe|cefaedfe|feedfacf|feedface|cafebabe|4d5a*) ;;
		*) continue ;;
		esac
		read -r rel bi < <(go_release "$f")
		[ "$rel" != - ] || continue
		path=${f#"$d"}
		[ "$origin" = deb ] || path=${path#/}
		sum=$(sha256sum "$f" | awk '{print $1}')
		plat=$(platform "$f")
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$origin" "$pkg" "$version" "$path" \
			"${pkg##*/}-$version-$(basename "$path")" "$plat" "$rel" "$bi" "$sum"
	done
}

# link_file SET LABEL SHA: hard-links files/SHA as SET/LABEL.
link_file() {
	mkdir -p "$cache/$1"
	ln -f "$cache/files/$3" "$cache/$1/$2"
}

# verify_file FILE SHA GO BUILDINFO: 0 if FILE is as the manifest pins it.
verify_file() {
	local sum rel bi
	sum=$(sha256sum "$1" | awk '{print $1}')
	[ "$sum" = "$2" ] || { echo "sha256 $sum, the manifest pins $2"; return 1; }
	read -r rel bi < <(go_release "$1")
	[ "$rel $bi" = "$3 $4" ] || { echo "built with $rel (build info: $bi), the manifest says $3 (build info: $4)"; return 1; }
}

# fetch_row SET ORIGIN PACKAGE VERSION PATH LABEL PLATFORM GO BUILDINFO SHA
fetch_row() {
	local set=$1 origin=$2 pkg=$3 version=$4 path=$5 label=$6 go=$8 bi=$9 sha=${10}
	local a tmp why
	if [ ! -f "$cache/files/$sha" ]; then
		local st=0
		a=$(archive "$origin" "$pkg" "$version") || st=$?
		case $st in
		0) ;;
		3) fail "$label: $origin $pkg $version is not served"; return ;;
		*) unavailable "$label: cannot fetch $origin $pkg $version"; return ;;
		esac
		mkdir -p "$cache/files"
		unpack "$origin" "$a"
		tmp=$(mktemp -p "$cache/files")
		if ! cp "$unpacked/$path" "$tmp"; then
			rm -f "$tmp"
			fail "$label: $path not in $a"
			return
		fi
		chmod 0555 "$tmp"
		mv "$tmp" "$cache/files/$sha.new"
		if ! why=$(verify_file "$cache/files/$sha.new" "$sha" "$go" "$bi"); then
			fail "$label: $origin $pkg $version $path: $why"
			rm -f "$cache/files/$sha.new"
			return
		fi
		mv "$cache/files/$sha.new" "$cache/files/$sha"
	elif ! why=$(verify_file "$cache/files/$sha" "$sha" "$go" "$bi"); then
		fail "$label: the cached $cache/files/$sha: $why"
		return
	fi
	case $set in
	check|scale) link_file "$set" "$label" "$sha" ;;
	both) link_file check "$label" "$sha"; link_file scale "$label" "$sha" ;;
	esac
}

main() {
	local want=${1:-all} n=0 bytes=0
	case $want in check|scale|all) ;; *) echo "usage: fetch.sh [check|scale|all] | --rows SET ORIGIN PACKAGE VERSION" >&2; exit 64 ;; esac
	for tool in npm apt-get dpkg-deb go sha256sum; do
		command -v "$tool" >/dev/null || { echo "fetch: UNAVAILABLE: $tool is missing" >&2; exit 2; }
	done
	# Labels are file names in one directory: a repeated one would hide a file.
	local dup
	dup=$(grep -v '^#' "$manifest" | cut -f6 | sort | uniq -d | head -1)
	[ -z "$dup" ] || { echo "fetch: FAILED: label $dup twice in $manifest" >&2; exit 1; }
	# A set's directory holds only what the manifest lists now.
	local s
	for s in check scale; do
		[ "$want" = all ] || [ "$want" = "$s" ] || continue
		rm -rf "$cache/$s"
	done
	while IFS=$'\t' read -r set origin pkg version path label plat go bi sha; do
		case $set in '#'*|'') continue ;; esac
		[ "$want" = all ] || [ "$set" = "$want" ] || [ "$set" = both ] || continue
		fetch_row "$set" "$origin" "$pkg" "$version" "$path" "$label" "$plat" "$go" "$bi" "$sha"
		n=$((n + 1))
		[ -f "$cache/files/$sha" ] && bytes=$((bytes + $(stat -c %s "$cache/files/$sha")))
	done < "$manifest"
	echo "fetch: $n binaries ($want), $((bytes / 1000000)) MB, in $cache; $failures failed, $unavailable unavailable" >&2
	[ "$failures" -eq 0 ] || exit 1
	[ "$unavailable" -eq 0 ] || exit 2
}

if [ "${1:-}" = --rows ]; then
	shift
	[ $# -eq 4 ] || { echo "usage: fetch.sh --rows SET ORIGIN PACKAGE VERSION" >&2; exit 64; }
	rows "$@"
else
	main "$@"
fi
