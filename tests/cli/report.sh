# gotypedb report: a report file is checked whole (78, nothing runs), then
# run on the database: rows as the file's hints shape them, thresholds
# that set the exit status, parameters bound (an injection stays a value).
# What the reports print is compared with the same SQL through
# `gotypedb query`, and the counts with SQL written here.
source "$(dirname "$0")/lib.bash"

expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$XT"

# --check needs no database
expect_exit 0 "$bin" report --check -c tests/data/reports/good/example.yaml -d "$tmp/none.db"
expect_eq "$(cat "$tmp/out" "$tmp/err")" "" "a good file checks silently"
expect_exit 78 "$bin" report -c tests/data/reports/bad/columns-sort.yaml -d "$tmp/db"
expect_eq "$(cat "$tmp/err")" "gotypedb: tests/data/reports/bad/columns-sort.yaml:6:21: columns: \"bytes\" is not a column of report a's result
gotypedb: tests/data/reports/bad/columns-sort.yaml:7:24: sort: \"txt\" is not a column of report a's result
gotypedb: tests/data/reports/bad/columns-sort.yaml: 2 problems; nothing was run" "problems listed"
expect_eq "$(cat "$tmp/out")" "" "nothing run"
expect_exit 66 "$bin" report --check -c "$tmp/missing.yaml"

cat > "$tmp/r.yaml" <<'YAML'
version: 1
reports:
  - id: long-strings
    title: Strings of at least MIN bytes
    params:
      - {name: min, type: int, default: 10}
    sql: |
      SELECT text, length(text) AS n FROM string
      WHERE length(text) >= :min;  -- a final ';' and a comment
    warn:  {column: n, op: ">=", value: 20}
    error: {column: n, op: ">=", value: 40}
    sort: [n desc, text]
    limit: 3
  - id: one-string
    title: A string by its text
    params:
      - {name: text, type: text}
    sql: SELECT id, text FROM string WHERE text = :text
YAML
long=$(q "$tmp/db" 'SELECT count(*) FROM string WHERE length(text) >= 40')
mid=$(q "$tmp/db" 'SELECT count(*) FROM string WHERE length(text) >= 20')
[ "$long" -gt 0 ] || fail "the fixture has no string of 40 bytes"

# a parameter without default needs --param
expect_exit 64 "$bin" report -c "$tmp/r.yaml" -d "$tmp/db"
expect_grep "report one-string: parameter text has no default: give --param text=VALUE" "$tmp/err"
expect_exit 64 "$bin" report -c "$tmp/r.yaml" -d "$tmp/db" --param text=x --param nope=1
expect_grep "param nope: no report of $tmp/r.yaml declares it" "$tmp/err"
expect_exit 64 "$bin" report -c "$tmp/r.yaml" -d "$tmp/db" --param text=x --param min=ten
expect_grep "param min=ten: report long-strings takes an integer" "$tmp/err"
expect_exit 66 "$bin" report -c "$tmp/r.yaml" -d "$tmp/none.db" --param text=x

# the error threshold is crossed: exit 1, both crossings said on stderr
expect_exit 1 "$bin" report -c "$tmp/r.yaml" -d "$tmp/db" --format csv --param text=BlankField
rows() { [ "$1" -eq 1 ] && echo "1 row" || echo "$1 rows"; }
expect_eq "$(cat "$tmp/err")" "gotypedb: report long-strings: warn: $(rows "$mid") with n >= 20
gotypedb: report long-strings: error: $(rows "$long") with n >= 40" "notes"
"$bin" query -d "$tmp/db" --format csv "SELECT text, length(text) AS n FROM string WHERE length(text) >= 10 ORDER BY n DESC, text LIMIT 3" > "$tmp/want1"
"$bin" query -d "$tmp/db" --format csv "SELECT id, text FROM string WHERE text = 'BlankField'" > "$tmp/want2"
expect_eq "$(cat "$tmp/out")" "# long-strings: Strings of at least MIN bytes
$(cat "$tmp/want1")

# one-string: A string by its text
$(cat "$tmp/want2")" "rows"
[ "$(wc -l < "$tmp/want2")" -eq 2 ] || fail "BlankField is not a string of the fixture"

# raised past every string: no threshold crossed, exit 0
expect_exit 0 "$bin" report -c "$tmp/r.yaml" -d "$tmp/db" --param min=100000 --param text=x
expect_eq "$(cat "$tmp/err")" "" "no notes"

# a value is bound, not pasted: the injection matches no string and drops nothing
strings=$(q "$tmp/db" 'SELECT count(*) FROM string')
sum=$(sha256sum < "$tmp/db")
expect_exit 1 "$bin" report -c "$tmp/r.yaml" -d "$tmp/db" --format json -o "$tmp/r.json" \
	--param "text='; DROP TABLE string; --"
expect_eq "$(q "$tmp/db" 'SELECT count(*) FROM string')" "$strings" "strings after the injection"
expect_eq "$(sha256sum < "$tmp/db")" "$sum" "the database file after the injection"
python3 - "$tmp/r.json" "$long" "$mid" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert [x["id"] for x in r] == ["long-strings", "one-string"], r
assert len(r[0]["rows"]) == 3 and r[0]["error"]["rows"] == int(sys.argv[2]), r[0]
assert r[0]["warn"]["rows"] == int(sys.argv[3]) and r[0]["warn"]["op"] == ">=", r[0]["warn"]
assert r[1]["rows"] == [] and r[1]["warn"] is None, r[1]
PY

# -o is removed when the run fails
expect_exit 66 "$bin" report -c "$tmp/r.yaml" -d "$tmp/none.db" --param text=x -o "$tmp/gone.txt"
[ ! -e "$tmp/gone.txt" ] || fail "-o left behind after a failed run"

# without -c: the built-in reports, every one run
expect_exit 0 "$bin" report --check
expect_exit 0 "$bin" report -d "$tmp/db"
expect_eq "$(grep -c '^== ' "$tmp/out")" 8 "built-in reports"
expect_eq "$(grep '^== ' "$tmp/out" | cut -d: -f1 | tr '\n' ' ')" "== totals == strings == types == packages == modules == tree == generics == itabs " "their order"
expect_exit 0 "$bin" report -d "$tmp/db" --format json -o "$tmp/b.json"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); assert len(r) == 8 and len(r[0]["rows"]) == 1, r' "$tmp/b.json"

# markdown: for a CI summary; markup in values escaped, numbers right-aligned
expect_exit 0 "$bin" query -d "$tmp/db" --format markdown "SELECT 'a|b*c' AS t, 42 AS n, NULL AS z, x'00ff' AS b, 'x' || char(10) || '<y>' AS nl"
expect_eq "$(cat "$tmp/out")" '| t | n | z | b | nl |
| --- | --: | --- | --- | --- |
| a\|b\*c | 42 |  | x'"'"'00ff'"'"' | x\\n\<y\> |' "markdown table"
expect_exit 1 "$bin" report -c "$tmp/r.yaml" -d "$tmp/db" --format markdown --param text=BlankField
expect_grep '^## long-strings: Strings of at least MIN bytes$' "$tmp/out"
expect_grep "^\*\*error\*\*: $(rows "$long") with \`n >= 40\`$" "$tmp/out"
expect_eq "$(grep -c '^| ' "$tmp/out")" 8 "two tables: 3 and 1 rows, each under its header and alignment lines"
