# Sourced by tests/thirdparty/check.sh and bench/runtime.sh: the GoReSym
# (mandiant/GoReSym, MIT) they compare gotypedb with, at one pinned commit.
#
# The Go module proxy refuses GoReSym (403), so its source comes from a git
# repository that holds the pinned commit (a clone of mandiant/GoReSym,
# bare or not), given as GORESYM_SRC.  goresym_path then builds it once with
# go1.26.8 (its dependencies come from the module proxy, checked against its
# go.sum) into the third-party cache, and prints the binary's path:
#
#   GORESYM=/path/to/GoReSym          use this binary as it is (its commit is
#                                     then the caller's word; the build below
#                                     is what pins it)
#   GORESYM_SRC=/path/to/GoReSym.git  build goresym_commit from this repository
#                                     into $GOTYPEDB_3P_CACHE/goresym/COMMIT/
#
# Neither set: goresym_path fails with why, which the callers turn into a
# loud skip (a failure under CI=true).

goresym_commit=78c02cc73064da84dd528220a234e9bd9f133d81   # 2026-03-05 "add support for Go runtime v1.26 (#85)"

# goresym_path: prints the GoReSym binary to run, building it if needed;
# returns 1 with the reason on stderr when there is none.
goresym_path() {
	local cache=${GOTYPEDB_3P_CACHE:-$HOME/.cache/gotypedb-3p} out src work want got
	if [ -n "${GORESYM:-}" ]; then
		[ -x "$GORESYM" ] || { echo "GORESYM=$GORESYM is not an executable" >&2; return 1; }
		echo "$GORESYM"
		return 0
	fi
	out=$cache/goresym/$goresym_commit/GoReSym
	[ -x "$out" ] && { echo "$out"; return 0; }
	src=${GORESYM_SRC:-}
	[ -n "$src" ] || { echo "neither GORESYM (a GoReSym binary) nor GORESYM_SRC (a git repository of mandiant/GoReSym holding $goresym_commit) is set" >&2; return 1; }
	git -C "$src" rev-parse -q --verify "$goresym_commit^{commit}" >/dev/null 2>&1 ||
		{ echo "GORESYM_SRC=$src: not a git repository holding commit $goresym_commit" >&2; return 1; }
	tc_resolve go1.26 || { echo "building GoReSym needs go1.26.8: $tc_why" >&2; return 1; }
	work=$(mktemp -d)
	# test/ holds only test binaries (a zip that not every copy stores);
	# everything else must come out whole: as many files as the commit lists.
	git -C "$src" archive "$goresym_commit" ':(exclude)test' 2>"$work.err" | tar -x -C "$work"
	want=$(git -C "$src" ls-tree -r "$goresym_commit" | awk '$2 == "blob" && $4 !~ /^test\//' | wc -l)
	got=$(find "$work" -type f -o -type l | wc -l)
	if [ "$want" -ne "$got" ]; then
		echo "GoReSym $goresym_commit from $src: $got files out of $want: $(cat "$work.err")" >&2
		rm -rf "$work" "$work.err"
		return 1
	fi
	mkdir -p "$(dirname "$out")"
	if ! (cd "$work" && env GOTOOLCHAIN=local GOFLAGS=-mod=mod "$tc_go" build -trimpath -o "$out.tmp" . >&2); then
		echo "GoReSym $goresym_commit: go build failed" >&2
		rm -rf "$work" "$work.err"
		return 1
	fi
	rm -rf "$work" "$work.err"
	mv "$out.tmp" "$out"
	echo "$out"
}
