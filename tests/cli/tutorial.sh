# The README's report tutorial stays true: its reports.yaml (the first yaml
# block after "### Tutorial"), run on the fixtures it names, prints its
# output block exactly, the two threshold lines on stderr, and exits 1.
source "$(dirname "$0")/lib.bash"
python3 - README.md "$tmp" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = text[text.index("### Tutorial"):].splitlines()
blocks, cur, lang = [], None, None
for line in lines:
    if cur is None and line.startswith("```"):
        cur, lang = [], line[3:]
    elif cur is not None and line == "```":
        blocks.append((lang, "\n".join(cur) + "\n"))
        cur = None
    elif cur is not None:
        cur.append(line)
yaml = next(b for l, b in blocks if l == "yaml")
out = next(b for l, b in blocks if l == "")
open(sys.argv[2] + "/reports.yaml", "w").write(yaml)
open(sys.argv[2] + "/want", "w").write(out)
PY
[ -s "$tmp/reports.yaml" ] && [ -s "$tmp/want" ] || fail "no tutorial in the README"
rc=0
"$bin" index --no-progress -d "$tmp/fx.db" tests/fixtures/out tests/data/rtype >/dev/null 2>&1 || rc=$?
[ $rc -eq 0 ] || [ $rc -eq 65 ] || fail "index: exit $rc"
expect_exit 0 "$bin" report --check -c "$tmp/reports.yaml"
expect_exit 1 "$bin" report -d "$tmp/fx.db" -c "$tmp/reports.yaml"
diff "$tmp/want" "$tmp/out" > "$tmp/d" || fail "the README's output is not what the report prints: $(head -8 "$tmp/d")"
expect_eq "$(cat "$tmp/err")" "gotypedb: report type-dup: warn: 14 rows with dup_bytes > 1000
gotypedb: report type-dup: error: 1 row with dup_bytes > 4000" "the README's stderr"
echo "tutorial ok"
