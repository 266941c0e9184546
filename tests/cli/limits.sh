# Valid Go whose types are huge written out, deeply nested, or embedded on
# exponentially many paths (tests/data/limits, made by its gen.sh): each
# costs database and memory in proportion to its export data, and nesting
# at gotypedb's limit decodes on a small `ulimit -s` (the decoding threads
# set their own stack), one level more is unsupported, not corrupt.
source "$(dirname "$0")/lib.bash"
L=tests/data/limits

# type A1 = struct{X, Y A0} ... A20 in two packages: 2^20 copies of A0
# written out, 2.5 KB of export data each
expect_exit 0 "$bin" index --no-progress -d "$tmp/a.db" $L/alias20a.a $L/alias20b.a
size=$(stat -c %s "$tmp/a.db")
[ "$size" -lt 2000000 ] || fail "alias20: a $size-byte database for 5 KB of export data"
expect_eq "$(q "$tmp/a.db" "SELECT count(DISTINCT typeid) || ' ' || count(*) FROM uir_object o
	JOIN string n ON n.id = o.name_id WHERE n.text = 'V'")" "1 2" "V's type: one typeid in two packages"
expect_eq "$(q "$tmp/a.db" "SELECT max(length(s.text)) <= 2 * 512 + 16 FROM typedef t
	JOIN string s ON s.id = t.canonical_id")" 1 "canonical strings bounded"
expect_eq "$(q "$tmp/a.db" "SELECT count(*) > 0 FROM typedef t JOIN string s ON s.id = t.canonical_id
	WHERE s.text GLOB 'struct{X #[0-9a-f]*;Y #[0-9a-f]*}'")" 1 "parts by reference"
expect_eq "$(q "$tmp/a.db" "SELECT object_string FROM v_uir_object WHERE name = 'V' ORDER BY 1 LIMIT 1")" \
	"var example.com/limits/alias20a.V example.com/limits/alias20a.A20" "V as go/types prints it"

# interfaces embedding two that embed one, 20 levels: 2^20 paths to M
expect_exit 0 "$bin" index --no-progress -d "$tmp/d.db" $L/diamond20.a
expect_eq "$(q "$tmp/d.db" "SELECT group_concat(name) FROM v_uir_method
	WHERE type_name = 'L20' AND method_set = 'interface'")" M "L20's method set"

# 10000 types nested, and declarations and types alternating 10000 deep,
# decode on a 512 KiB process stack; 10001 types nested are unsupported
(
	ulimit -s 512
	expect_exit 0 "$bin" index --no-progress -j 1 -d "$tmp/n.db" $L/deep10000.a $L/named5000.a $L/deep10001.a
)
expect_eq "$(q "$tmp/n.db" "SELECT count(*) FROM unit")" 2 "units at the limit"
expect_eq "$(q "$tmp/n.db" "SELECT count(*) FROM typedef WHERE kind = 'slice'")" 9999 "slices at the limit"
expect_eq "$(q "$tmp/n.db" "SELECT c.status || ' ' || c.reason || ': ' || c.error FROM content c
	JOIN file f ON f.content_id = c.id WHERE f.path LIKE '%/deep10001.a'")" \
	"rejected limit-exceeded: __.PKGDEF: Meta 0: object 0: Obj 0 (V): unsupported: Type 10000: type nesting deeper than 10000" \
	"one level past the limit"
# crafted (tests/data/crafted): an alias in its own right-hand side has no
# finite type; refused as corrupt at once, not after 10000 levels
expect_exit 65 "$bin" index --no-progress -d "$tmp/c.db" tests/data/crafted/alias-cycle.a
expect_eq "$(q "$tmp/c.db" "SELECT c.status || ' ' || c.reason || ': ' || c.error FROM content c")" \
	"error corrupt: __.PKGDEF: Obj 14: the semantic layer's types: a type contains itself (an alias in its own definition)" \
	"an alias that contains itself"
echo "limits ok"
