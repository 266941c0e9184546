# Sourced by tests/cli/*.sh: a temp dir, the binary, and small assertions.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${GOTYPEDB:-build/gotypedb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XT=tests/data/xtools_test_go1.20_u.a

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_exit CODE COMMAND...: runs COMMAND, stdout to $tmp/out, stderr to $tmp/err
expect_exit() {
	local want=$1 rc=0; shift
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[ "$rc" -eq "$want" ] || fail "exit $rc, want $want: $* (stderr: $(head -c 400 "$tmp/err"))"
}

# q DB SQL: one value
q() { "$bin" query --format csv -d "$1" "$2" | tail -n +2; }

expect_eq() { [ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"; }
expect_grep() { grep -q -- "$1" "$2" || fail "'$1' not in $2: $(head -c 400 "$2")"; }
