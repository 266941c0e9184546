#!/usr/bin/env bash
# Real third-party Go binaries (make check-thirdparty): the check set of
# tests/thirdparty/manifest.tsv, one binary per Go release 1.16-1.27 and per
# format and architecture (npm-shipped esbuild and buf, a few Debian
# packages), indexed by gotypedb and compared with the manifest and with
# GoReSym.  Not part of `make check`: it needs the network (npm, Debian's
# archive) the first time, and a few minutes.
#
#   1. tests/thirdparty/fetch.sh check: the binaries, pinned by SHA-256;
#   2. GoReSym -t -p on each (tests/thirdparty/goresym.bash: GORESYM or
#      GORESYM_SRC), its JSON kept in the cache per binary and GoReSym commit
#      ($GOTYPEDB_3P_CACHE/goresym/COMMIT/json/SHA256.json.gz);
#   3. gotypedb index of the set into a new database: it must exit 0;
#   4. tests/thirdparty/compare.py: no content in error, every binary
#      indexed with one module of the manifest's Go release and GOOS/GOARCH,
#      every typelink and itab resolved to an rtype of its module, and
#      GoReSym's reading the same, type by type, or the difference explained
#      in tests/thirdparty/goresym-known.tsv; then the table per binary.
#
# What cannot be had (no network for a first fetch, no npm, no go, no
# GoReSym source) is a loud skip ("SKIPPED: ..."), and a failure under
# CI=true (tests/crosscheck/toolchains.bash's rule).  A binary that is not as
# pinned is a failure either way.
#
# Environment: GOTYPEDB (default build/gotypedb), GOTYPEDB_3P_CACHE,
# GORESYM / GORESYM_SRC, KEEP=1 (keep the database; its path is printed).
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/crosscheck/toolchains.bash
source tests/thirdparty/goresym.bash
bin=${GOTYPEDB:-build/gotypedb}
cache=${GOTYPEDB_3P_CACHE:-$HOME/.cache/gotypedb-3p}
manifest=tests/thirdparty/manifest.tsv
work=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

[ -x "$bin" ] || { tc_fail "thirdparty" "$bin is missing (make)"; tc_exit; }

tests/thirdparty/fetch.sh check
case $? in
0) ;;
2) tc_unavailable "thirdparty: fetch" "the check set could not be fetched (see fetch: UNAVAILABLE above)"; tc_exit ;;
*) tc_fail "thirdparty: fetch" "binaries not as the manifest pins them (see fetch: FAILED above)"; tc_exit ;;
esac

# GoReSym's JSON per binary, made once per binary and GoReSym commit.
json_dir=$cache/goresym/$goresym_commit/json
if goresym=$(goresym_path 2>"$work/goresym.why"); then
	echo "thirdparty: GoReSym $goresym_commit ($goresym)"
	mkdir -p "$json_dir"
	while IFS=$'\t' read -r set _ _ _ _ label _ _ _ sha; do
		case $set in check|both) ;; *) continue ;; esac
		[ -s "$json_dir/$sha.json.gz" ] && continue
		# GoReSym's exit status is kept with its output: a binary it fails on
		# is compared as "read no types", not retried on every run.
		"$goresym" -t -p "$cache/check/$label" 2>"$json_dir/$sha.err" | gzip -1 > "$json_dir/$sha.json.tmp" || true
		mv "$json_dir/$sha.json.tmp" "$json_dir/$sha.json.gz"
	done < "$manifest"
	json_arg=$json_dir
else
	tc_unavailable "thirdparty: GoReSym" "$(cat "$work/goresym.why")"
	json_arg=$work/no-goresym
fi

echo "thirdparty: $("$bin" --version) index $cache/check"
"$bin" index --no-progress -d "$work/check.db" "$cache/check" 2>&1 | tail -15
st=${PIPESTATUS[0]}
[ "$st" -eq 0 ] || tc_fail "thirdparty: gotypedb index" "exit $st"
[ "${KEEP:-0}" != 1 ] || echo "thirdparty: database $work/check.db"

python3 tests/thirdparty/compare.py "$bin" "$work/check.db" "$cache" "$manifest" \
	tests/thirdparty/goresym-known.tsv "$json_arg" ||
	tc_fail "thirdparty: compare" "gotypedb and the manifest or GoReSym differ (FAILED: lines above)"
tc_exit
