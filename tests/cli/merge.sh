# gotypedb merge: shards of one set of inputs (split by directory: export
# data of several toolchains, binaries of every release) merged in either
# order equal one index of them all, every table and view dumped by
# tests/cli/dumpdb.py (Python's sqlite3, ids resolved to what identifies
# their rows); merging again adds nothing; an existing database takes a
# shard; inputs that are not gotypedb's of this schema version are refused
# before anything is written.
source "$(dirname "$0")/lib.bash"

a=(tests/fixtures/out/go1.26 tests/fixtures/out/go1.19-unified tests/data/rtype)
b=(tests/fixtures/out/go1.27 tests/fixtures/out/go1.22 tests/fixtures/diff/out/new)
c=(tests/fixtures/diff/out/old)
idx() { # DB PATH...: index, a corrupt file or two allowed (exit 65)
	local db=$1 rc=0; shift
	"$bin" index --no-progress -d "$db" "$@" >/dev/null 2>&1 || rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 65 ] || fail "index $*: exit $rc"
}
idx "$tmp/a.db" "${a[@]}"
idx "$tmp/b.db" "${b[@]}"
idx "$tmp/c.db" "${c[@]}"
idx "$tmp/whole.db" "${a[@]}" "${b[@]}" "${c[@]}"
dump() { python3 tests/cli/dumpdb.py "$1" > "$2" || fail "dumpdb.py $1 failed"; }
dump "$tmp/whole.db" "$tmp/whole.dump"
[ "$(grep -c '^rtype	' "$tmp/whole.dump")" -gt 1000 ] && [ "$(grep -c '^uir_decl	' "$tmp/whole.dump")" -gt 100 ] ||
	fail "the inputs hold too little to test a merge"

expect_exit 0 "$bin" merge -d "$tmp/abc.db" "$tmp/a.db" "$tmp/b.db" "$tmp/c.db"
expect_grep "3 databases merged into $tmp/abc.db" "$tmp/err"
expect_exit 0 "$bin" merge -d "$tmp/cba.db" "$tmp/c.db" "$tmp/b.db" "$tmp/a.db"
dump "$tmp/abc.db" "$tmp/abc.dump"
dump "$tmp/cba.db" "$tmp/cba.dump"
diff "$tmp/whole.dump" "$tmp/abc.dump" > "$tmp/d1" || fail "a+b+c differs from one index: $(head -5 "$tmp/d1")"
diff "$tmp/abc.dump" "$tmp/cba.dump" > "$tmp/d2" || fail "the order of the inputs matters: $(head -5 "$tmp/d2")"

# no duplicate rows: what identifies a row is unique in the merged database
expect_eq "$(sqlite3 "$tmp/abc.db" "SELECT (SELECT count(*) - count(DISTINCT hash) FROM uir_decl)
	+ (SELECT count(*) - count(DISTINCT hash) FROM content) + (SELECT count(*) - count(DISTINCT text) FROM string)
	+ (SELECT count(*) - count(DISTINCT canonical_id) FROM typedef)")" 0 "duplicates"

# again: nothing new; into an existing database: the same as merging all
expect_exit 0 "$bin" merge -d "$tmp/abc.db" "$tmp/b.db"
expect_grep "0 new contents, [0-9]* files, 0 new strings" "$tmp/err"
dump "$tmp/abc.db" "$tmp/again.dump"
diff "$tmp/abc.dump" "$tmp/again.dump" > "$tmp/d3" || fail "merging a shard again changed the database: $(head -5 "$tmp/d3")"
cp "$tmp/a.db" "$tmp/grow.db"
expect_exit 0 "$bin" merge -d "$tmp/grow.db" "$tmp/c.db" "$tmp/b.db"
dump "$tmp/grow.db" "$tmp/grow.dump"
diff -q "$tmp/whole.dump" "$tmp/grow.dump" >/dev/null || fail "merging into an existing shard differs"
# and what gotypedb answers on it is what it answers on one index
for q in @dup_totals @type_dup @summary; do
	"$bin" query -d "$tmp/whole.db" --format csv "$q" > "$tmp/q1" || fail "$q on the index"
	"$bin" query -d "$tmp/abc.db" --format csv "$q" > "$tmp/q2" || fail "$q on the merge"
	diff -q "$tmp/q1" "$tmp/q2" >/dev/null || fail "$q differs: $(diff "$tmp/q1" "$tmp/q2" | head -4)"
done

# refused before anything is written: another schema version (user_version
# changed by the sqlite3 shell), not a gotypedb database, missing, OUT itself
cp "$tmp/c.db" "$tmp/v5.db"
sqlite3 "$tmp/v5.db" "PRAGMA user_version = 5"
expect_exit 64 "$bin" merge -d "$tmp/new.db" "$tmp/a.db" "$tmp/v5.db"
expect_eq "$(cat "$tmp/err")" "gotypedb: $tmp/v5.db: schema version 5, and this gotypedb merges version 7: index its inputs again with this gotypedb" "another schema version"
[ ! -e "$tmp/new.db" ] || fail "a refused merge created its database"
sum=$(sha256sum < "$tmp/grow.db")
sqlite3 "$tmp/other.db" "CREATE TABLE t(x)"
expect_exit 64 "$bin" merge -d "$tmp/grow.db" "$tmp/a.db" "$tmp/other.db"
expect_eq "$(cat "$tmp/err")" "gotypedb: $tmp/other.db: not a gotypedb database (application_id 0)" "not ours"
printf 'not a database at all, but long enough to be read as one...%.0s' {1..100} > "$tmp/junk.db"
expect_exit 64 "$bin" merge -d "$tmp/grow.db" "$tmp/junk.db"
expect_grep "junk.db: not a gotypedb database: file is not a database" "$tmp/err"
expect_exit 66 "$bin" merge -d "$tmp/grow.db" "$tmp/none.db"
expect_exit 64 "$bin" merge -d "$tmp/grow.db" "$tmp/grow.db"
expect_grep "is $tmp/grow.db itself" "$tmp/err"
expect_eq "$(sha256sum < "$tmp/grow.db")" "$sum" "a refused merge left its database as it was"
expect_exit 64 "$bin" merge -d "$tmp/grow.db"
echo "merge ok"
