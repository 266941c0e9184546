#!/usr/bin/env bash
# An independent cross-check that needs no trust in the decoder: index the
# whole `go build std` cache of each toolchain and verify that every unit's
# fingerprint matched the hash its release used (MD5 up to go1.24rc1,
# SHA-256 from go1.24rc2), with the expected pkgbits version.  A mismatch
# would be stored as an error content, so "0 mismatches" is 0 errors.
# Then decode every public element of every unit into the model, each
# consumed exactly to its end (tests/crosscheck/decode_all.c).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
bin=${GOTYPEDB:-build/gotypedb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tag in go1.19-unified go1.22 go1.26 go1.27; do
	# go1.26 and go1.27 build std and cmd: the caches tests/oracle/run.sh compares
	pkgs=std
	case $tag in go1.26|go1.27) pkgs="std cmd" ;; esac
	tc_need "fingerprints: $tag" "$tag" || continue
	if ! cache=$(std_cache "$tag" "$pkgs"); then
		tc_fail "fingerprints: $tag" "go build $pkgs failed with $tc_version (its messages above)"
		continue
	fi
	db=$tmp/$tag.db
	rc=0
	"$bin" index --no-progress -d "$db" "$cache" 2>"$tmp/err" || rc=$?
	q() { "$bin" query --format csv -d "$db" "$1" | tail -n +2; }
	units=$(q "SELECT count(*) FROM unit")
	errors=$(q "SELECT count(*) FROM content WHERE status = 'error'")
	wronghash=$(q "SELECT count(*) FROM unit WHERE fingerprint_hash != '$tc_hash'")
	got_versions=$(q "SELECT group_concat(DISTINCT version) FROM unit")
	echo "fingerprints: $tag: $units units, $errors errors, $wronghash with a hash other than $tc_hash, versions $got_versions (exit $rc)"
	ok=1
	[ "$rc" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$wronghash" -eq 0 ] && [ "$units" -gt 100 ] || ok=0
	case " $tc_versions " in *" $got_versions "*) ;; *) ok=0 ;; esac
	if [ $ok -eq 0 ]; then
		tc_fail "fingerprints: $tag" "want exit 0, 0 errors, hash $tc_hash, versions in ($tc_versions), over 100 units"
		head -5 "$tmp/err"
	fi
	if [ -n "${DECODE_ALL:-}" ]; then
		if out=$("$DECODE_ALL" "$cache" 2>&1); then
			echo "decode: $tag: $out"
		else
			tc_fail "decode: $tag" "$(echo "$out" | head -3)"
		fi
	fi
done
tc_exit
