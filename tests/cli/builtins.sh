# Every bundled query and the default reports, in every format, on the
# committed fixtures: byte for byte the goldens of tests/golden/builtins,
# whose rows truth.py recomputes from the base tables in Python and whose
# csv, html, markdown and table it reads back against json.
source "$(dirname "$0")/lib.bash"
GOTYPEDB=$bin bash tests/golden/builtins/gen.sh --check > "$tmp/log" 2>&1 || fail "$(tail -20 "$tmp/log")"
tail -1 "$tmp/log"
