#!/usr/bin/env bash
# Installs what gotypedb needs from Debian's packages, if missing.
#   install-deps.sh            build and test dependencies (chromium: the
#                              html report's test opens it headless;
#                              man-db: the man page's test)
#   install-deps.sh --go-all   also the Go toolchains the fixture and
#                              cross-check tests compare against,
#                              python3 for the oracle comparisons,
#                              gcc -m32 and lld for the object-file check,
#                              qemu-user and the arm64 and ppc64le dynamic
#                              loaders to run the reflect oracle's builds
#   install-deps.sh --thirdparty
#                              what make check-thirdparty and make
#                              bench-runtime need beyond the build: npm (to
#                              fetch esbuild and buf; any npm will do, so
#                              Debian's only where none is on PATH),
#                              python3, and time (/usr/bin/time: peak RSS)
set -euo pipefail

need=(build-essential pkg-config libsqlite3-dev libyaml-dev libcmocka-dev
      libxxhash-dev nettle-dev libgmp-dev libelf-dev sqlite3 golang-1.19-src strace chromium man-db)
backports=()
if [ "${1:-}" = "--go-all" ]; then
	need+=(golang-1.19-go clang python3 gcc-multilib lld qemu-user libc6-arm64-cross libc6-ppc64el-cross)
	backports=(golang-1.21-go golang-1.22-go golang-1.23-go)
fi
if [ "${1:-}" = "--thirdparty" ]; then
	need+=(python3 time)
	command -v npm >/dev/null || need+=(npm)
fi

missing=()
for p in "${need[@]}" "${backports[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "installing: ${missing[*]}" >&2
if [ ${#backports[@]} -gt 0 ] && ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
	$sudo tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
$sudo apt-get update -q
regular=() bp=()
for p in "${missing[@]}"; do
	case " ${backports[*]} " in *" $p "*) bp+=("$p") ;; *) regular+=("$p") ;; esac
done
[ ${#regular[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${regular[@]}"
[ ${#bp[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -t bookworm-backports "${bp[@]}"
