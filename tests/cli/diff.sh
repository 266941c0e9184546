# gotypedb diff on the fixture pair tests/fixtures/diff (gen.sh): one
# program built twice, the new build adding one struct type (shapes.Square,
# which the program keeps in an any) and one method (Circle.Perimeter).
# The diff must show exactly those: the declarations as go/types writes
# them, and the type descriptors whose bytes changed with the sizes the
# compiler gave their symbols (out/TRUTH, written by the toolchain, not by
# gotypedb); the binary's change is their sum and nothing else.  Then
# every format, and databases diff refuses.
source "$(dirname "$0")/lib.bash"

fx=tests/fixtures/diff/out
expect_exit 0 "$bin" index --no-progress -d "$tmp/old.db" "$fx/old"
expect_exit 0 "$bin" index --no-progress -d "$tmp/new.db" "$fx/new"
expect_exit 0 "$bin" diff --format json -o "$tmp/d.json" "$tmp/old.db" "$tmp/new.db"

python3 - "$tmp/d.json" "$fx/TRUTH" <<'PY' || fail "the diff is not what the toolchain says"
import json, sys
reports = {r["id"]: r["rows"] for r in json.load(open(sys.argv[1]))}
truth = {"old": {}, "new": {}}
for line in open(sys.argv[2]):
    side, size, sym = line.split()
    truth[side][sym[len("type:"):]] = int(size)

# types: every descriptor whose size differs between the builds, or that one
# build lacks, with its bytes; and Square's underlying struct{S float64}, a
# new type of the export data that no descriptor of its own describes (the
# named type's descriptor carries its fields)
want = {}
for t in set(truth["old"]) | set(truth["new"]):
    o, n = truth["old"].get(t, 0), truth["new"].get(t, 0)
    if o != n:
        status = "added" if t not in truth["old"] else "removed" if t not in truth["new"] else "changed"
        want[t] = (status, o, n, n - o)
want["struct{S float64}"] = ("added", 0, 0, 0)
got = {r["type"]: (r["status"], r["old_bytes"], r["new_bytes"], r["change"]) for r in reports["types"]}
assert got == want, (got, want)
assert sorted(want) == ["*gotypedb.test/diff/shapes.Circle", "*gotypedb.test/diff/shapes.Square",
                        "gotypedb.test/diff/shapes.Circle", "gotypedb.test/diff/shapes.Square",
                        "struct{S float64}"], sorted(want)

# declarations: exactly the two added, as go/types' ObjectString writes them
decls = [(r["package"], r["kind"], r["name"], r["change"], r["old"], r["new"]) for r in reports["declarations"]]
assert decls == [
    ("gotypedb.test/diff/shapes", "method", "Circle.Perimeter", "added", None,
     "func (gotypedb.test/diff/shapes.Circle).Perimeter() float64"),
    ("gotypedb.test/diff/shapes", "type", "Square", "added", None,
     "type gotypedb.test/diff/shapes.Square struct{S float64}"),
], decls

# the binary (one on each side, so matched) grew by those descriptors and
# by nothing else; one descriptor more per added type, no itab changed
delta = sum(w[3] for w in want.values())
b = reports["binaries"]
assert len(b) == 1 and b[0]["binary"] == "prog" and b[0]["change"] == delta, (b, delta)
assert b[0]["new_types"] - b[0]["old_types"] == 2 and b[0]["old_itabs"] == b[0]["new_itabs"], b
assert reports["itabs"] == [], reports["itabs"]
totals = {r["metric"]: r for r in reports["totals"]}
assert totals["type descriptor bytes"]["change"] == delta, totals
assert totals["declarations"]["change"] == 1, totals   # Square; Circle's with its new method replaces the old
# export data: only the changed package
assert [r["package"] for r in reports["packages"]] == ["gotypedb.test/diff/shapes"], reports["packages"]
strings = {r["string"] for r in reports["strings"] if r["change"] == "added"}
assert {'"Square"', '"Perimeter"', '"S"'} <= strings and not [r for r in reports["strings"] if r["change"] == "removed"], strings
PY

# the same diff in every format
expect_exit 0 "$bin" diff "$tmp/old.db" "$tmp/new.db"
expect_grep '^== types: Types$' "$tmp/out"
expect_grep '^\*gotypedb.test/diff/shapes.Circle  *pointer  *changed  *88  *104  *16  *18.18 ' "$tmp/out"
expect_exit 0 "$bin" diff --format csv "$tmp/old.db" "$tmp/new.db"
expect_grep '^gotypedb.test/diff/shapes,type,Square,added,,type gotypedb.test/diff/shapes.Square struct{S float64}$' "$tmp/out"
expect_exit 0 "$bin" diff --format markdown "$tmp/old.db" "$tmp/new.db"
expect_grep '^## declarations: Declarations$' "$tmp/out"
expect_grep '^| prog | 62912 | 63120 | 208 | 0.33 |' "$tmp/out"
expect_exit 0 "$bin" diff --format html -o "$tmp/d.html" "$tmp/old.db" "$tmp/new.db"
expect_grep '<section id="report-types">' "$tmp/d.html"
expect_grep '<h1>gotypedb diff</h1>' "$tmp/d.html"

# a report file of one's own: a threshold on growth fails the job
cat > "$tmp/grow.yaml" <<'YAML'
version: 1
reports:
  - id: growth
    title: Type descriptor growth per binary
    sql: |
      SELECT n.path AS binary, (SELECT sum(bytes) FROM new.rtype) - (SELECT sum(bytes) FROM old.rtype) AS grew
      FROM new.v_module n
    error: {column: grew, op: ">", value: 100}
YAML
expect_exit 1 "$bin" diff -c "$tmp/grow.yaml" "$tmp/old.db" "$tmp/new.db"
expect_grep "gotypedb: report growth: error: 1 row with grew > 100" "$tmp/err"
expect_exit 0 "$bin" diff -c "$tmp/grow.yaml" "$tmp/new.db" "$tmp/new.db"
# its SQL is checked against both schemas before anything runs
printf 'version: 1\nreports:\n  - id: a\n    title: A\n    sql: SELECT count(*) FROM older.rtype\n' > "$tmp/bad.yaml"
expect_exit 78 "$bin" diff --check -c "$tmp/bad.yaml"
expect_grep "bad.yaml:5:31: sql: no such table: older.rtype" "$tmp/err"

# what diff refuses: a database of another schema version (a copy with
# user_version changed by the sqlite3 shell), not a gotypedb database, none
cp "$tmp/old.db" "$tmp/v5.db"
sqlite3 "$tmp/v5.db" "PRAGMA user_version = 5"
expect_exit 64 "$bin" diff "$tmp/v5.db" "$tmp/new.db"
expect_eq "$(cat "$tmp/err")" "gotypedb: $tmp/v5.db: schema version 5, and this gotypedb reads 7: index its inputs again with this gotypedb" "another schema version"
sqlite3 "$tmp/other.db" "CREATE TABLE t(x)"
expect_exit 64 "$bin" diff "$tmp/old.db" "$tmp/other.db"
expect_eq "$(cat "$tmp/err")" "gotypedb: $tmp/other.db: not a gotypedb database (application_id 0)" "not ours"
expect_exit 66 "$bin" diff "$tmp/old.db" "$tmp/none.db"
expect_exit 64 "$bin" diff "$tmp/old.db"
expect_exit 64 "$bin" diff -d "$tmp/old.db" "$tmp/old.db" "$tmp/new.db"
echo "diff ok"
