# Re-indexing: unchanged files are skipped, copies share one content,
# --force re-decodes, a bad file is recorded with its error and the run goes on.
source "$(dirname "$0")/lib.bash"

mkdir -p "$tmp/in/a" "$tmp/in/b"
cp "$XT" "$tmp/in/a/x.a"
cp "$XT" "$tmp/in/b/copy.a"
printf 'hello\n' > "$tmp/in/notes.txt"
: > "$tmp/in/empty"
head -c 300 "$XT" > "$tmp/in/truncated.a"

expect_exit 65 "$bin" index --no-progress -d "$tmp/db" "$tmp/in"
expect_grep "gotypedb: $tmp/in/truncated.a: offset 0x38: member __.PKGDEF claims 461 bytes but the file has 232" "$tmp/err"
expect_grep '5 files in .* 1 units indexed, 0 binaries indexed, 1 duplicate contents, 0 unchanged, 1 errors' "$tmp/err"
expect_grep 'skipped: 1 empty, 1 not-go-output' "$tmp/err"
expect_eq "$(q "$tmp/db" 'SELECT count(*) FROM file')" 5 "files"
expect_eq "$(q "$tmp/db" "SELECT count(DISTINCT content_id) FROM file WHERE path LIKE '%.a' AND path NOT LIKE '%truncated%'")" 1 "copies share a content"
expect_eq "$(q "$tmp/db" "SELECT status || ' ' || reason FROM content c JOIN file f ON f.content_id = c.id WHERE f.path LIKE '%truncated.a'")" "error corrupt" "bad content recorded"
expect_eq "$(q "$tmp/db" "SELECT skip_reason FROM file WHERE path LIKE '%notes.txt'")" "not-go-output" "skip reason"

# again: nothing changed
expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$tmp/in"
expect_grep '5 files in .* 0 units indexed, 0 binaries indexed, 0 duplicate contents, 5 unchanged, 0 errors' "$tmp/err"

# a new path with known content costs no decode
cp "$XT" "$tmp/in/third.a"
expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$tmp/in"
expect_grep '6 files in .* 0 units indexed, 0 binaries indexed, 1 duplicate contents, 5 unchanged' "$tmp/err"
expect_eq "$(q "$tmp/db" 'SELECT count(*) FROM unit')" 1 "one unit"

# --force: decoded again, rows replaced, not doubled
rows() { q "$tmp/db" 'SELECT (SELECT count(*) FROM unit_string) || "/" || (SELECT count(*) FROM uir_ref) || "/" || (SELECT count(*) FROM uir_element)'; }
before=$(rows)
expect_exit 65 "$bin" index --no-progress --force -d "$tmp/db" "$tmp/in"
expect_grep '6 files in .* 1 units indexed, 0 binaries indexed, 2 duplicate contents, 0 unchanged, 1 errors' "$tmp/err"
expect_eq "$(rows)" "$before" "rows after --force"
expect_eq "$(q "$tmp/db" 'SELECT count(*) FROM unit')" 1 "one unit after --force"

# nested and repeated roots are walked once
expect_exit 65 "$bin" index --no-progress -d "$tmp/db2" "$tmp/in/a" "$tmp/in" "$tmp/in/a/x.a"
expect_eq "$(q "$tmp/db2" 'SELECT count(*) FROM file')" 6 "each file once"

# declarations merge across runs: two runs into one database give the
# declarations and types of one run over both halves, each stored once
fx=tests/fixtures/out/go1.26
mkdir -p "$tmp/fx/1" "$tmp/fx/2"
n=0
for a in "$fx"/*.a; do
	n=$((n + 1))
	cp "$a" "$tmp/fx/$((n % 2 + 1))/"
done
expect_exit 0 "$bin" index --no-progress -d "$tmp/merged" "$tmp/fx/1"
expect_exit 0 "$bin" index --no-progress -d "$tmp/merged" "$tmp/fx/2"
expect_exit 0 "$bin" index --no-progress -d "$tmp/once" "$tmp/fx"
counts='SELECT (SELECT count(*) FROM package) || "/" || (SELECT count(*) FROM uir_decl) || "/" || (SELECT count(DISTINCT hash) FROM uir_decl) || "/" || (SELECT count(*) FROM typedef) || "/" || (SELECT count(*) FROM typedef_part)'
expect_eq "$(q "$tmp/merged" "$counts")" "$(q "$tmp/once" "$counts")" "declarations and types merged across runs"
expect_eq "$(q "$tmp/merged" 'SELECT count(*) - count(DISTINCT hash) FROM uir_decl')" 0 "each declaration once"
expect_exit 0 "$bin" index --no-progress --force -d "$tmp/merged" "$tmp/fx"
expect_eq "$(q "$tmp/merged" "$counts")" "$(q "$tmp/once" "$counts")" "declarations and types after --force"

# new rows are numbered by SQLite (max + 1) and checked against the
# writer's numbering: a table written to behind the writer's back (here by
# a trigger) stops the run with a clear error and leaves the database as it was
expect_exit 0 "$bin" index --no-progress -d "$tmp/meddled" "$tmp/fx/1"
before=$(q "$tmp/meddled" 'SELECT count(*) || "/" || max(id) FROM string')
sqlite3 "$tmp/meddled" "CREATE TRIGGER meddle AFTER INSERT ON string WHEN new.text NOT LIKE 'meddle%'
  BEGIN INSERT INTO string(id, text) VALUES (new.id + 100000, 'meddle' || new.id); END"
expect_exit 74 "$bin" index --no-progress -d "$tmp/meddled" "$tmp/fx/2"
expect_grep 'gotypedb: database: string: the row gotypedb numbered [0-9]* got id [0-9]* from SQLite' "$tmp/err"
expect_eq "$(q "$tmp/meddled" 'SELECT count(*) || "/" || max(id) FROM string')" "$before" "strings after the stopped run"

# the same ids whatever the number of threads
"$bin" index --no-progress -j 1 -d "$tmp/j1" "$tmp/in" 2>/dev/null || true
"$bin" index --no-progress -j 4 -d "$tmp/j4" "$tmp/in" 2>/dev/null || true
dump() { "$bin" query --format csv -d "$1" 'SELECT f.id, f.path, f.content_id, c.hash, u.id FROM file f LEFT JOIN content c ON c.id = f.content_id LEFT JOIN unit u ON u.content_id = c.id ORDER BY f.id'; }
expect_eq "$(dump "$tmp/j1")" "$(dump "$tmp/j4")" "ids with -j1 and -j4"
echo "reindex ok"
