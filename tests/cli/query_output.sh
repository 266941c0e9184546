# Query output is exact: every byte of a value in csv, valid JSON always and
# one document however many statements, nothing of a failed JSON query,
# table memory and output bounded, cells cut only on a terminal.
source "$(dirname "$0")/lib.bash"

export TMPDIR="$tmp/tmpdir"
mkdir -p "$TMPDIR"
expect_exit 0 "$bin" index --no-progress -d "$tmp/db" "$XT"
db=$tmp/db

# json_ok FILE: FILE is one valid JSON document, in UTF-8
json_ok() {
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || fail "$1 is not UTF-8: $(head -c 300 "$1" | od -c | head)"
	[ "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('$1') AS TEXT))")" = 1 ] ||
		fail "$1 is not valid JSON: $(head -c 300 "$1")"
}

# ---- every byte: NUL inside text, text that is not UTF-8, BLOBs
values="SELECT 'a' || char(0) || 'b' AS nul, CAST(x'ff41' AS TEXT) AS bad, x'00ff' AS blob,
	'q\"x,y' AS quoted, NULL AS n, 1.5 AS f, -7 AS i"
expect_exit 0 "$bin" query -d "$db" --format csv "$values"
printf 'nul,bad,blob,quoted,n,f,i\n"a\0b",\377A,x'"'"'00ff'"'"',"q""x,y",,1.5,-7\n' > "$tmp/want"
cmp "$tmp/out" "$tmp/want" || fail "csv: $(od -c "$tmp/out")"

expect_exit 0 "$bin" query -d "$db" --format json "$values"
json_ok "$tmp/out"
expect_eq "$(cat "$tmp/out")" '[
{"nul":"a\u0000b","bad":"x'"'"'ff41'"'"'","blob":"x'"'"'00ff'"'"'","quoted":"q\"x,y","n":null,"f":1.5,"i":-7}
]' "json values"

# table: control characters, C1 controls and bytes that are not UTF-8 are
# escaped; the output is valid UTF-8 and holds no control byte but \n
expect_exit 0 "$bin" query -d "$db" "SELECT 'a' || char(0) || 'b' AS nul, CAST(x'ff41' AS TEXT) AS bad,
	'x' || char(27) || '[2J' AS esc, char(155) AS c1, 'é' || char(9) AS tab, 12 AS n"
expect_eq "$(cat "$tmp/out")" 'nul     bad    esc       c1      tab  n
------  -----  --------  ------  ---  --
a\x00b  \xffA  x\x1b[2J  \u009b  é\t  12' "table escapes"
iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null || fail "table output is not UTF-8"
! LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' < "$tmp/out") || fail "a control byte in the table"

# a column name is a key like a value
expect_exit 0 "$bin" query -d "$db" --format json "$(printf 'SELECT 1 AS [k\tq"]')"
json_ok "$tmp/out"
expect_eq "$(cat "$tmp/out")" $'[\n{"k\\tq\\"":1}\n]' "a key escaped"

# ---- several statements: one JSON document; table and csv one after another
expect_exit 0 "$bin" query -d "$db" --format json "SELECT 1 AS a; SELECT 2 AS b WHERE 0; SELECT 3 AS c"
json_ok "$tmp/out"
expect_eq "$(cat "$tmp/out")" $'[\n[\n{"a":1}\n],\n[],\n[\n{"c":3}\n]\n]' "json of three statements"
expect_exit 0 "$bin" query -d "$db" --format json "/* no statement */"
expect_eq "$(cat "$tmp/out")" '[]' "json of no statement"
expect_exit 0 "$bin" query -d "$db" --format csv "SELECT 1 AS a; SELECT 2 AS b"
expect_eq "$(cat "$tmp/out")" $'a\n1\n\nb\n2' "csv of two statements"

# ---- an error half-way: JSON prints nothing, table and csv what came before
fails_at_3="SELECT value AS v, json_extract(CASE WHEN value = 3 THEN '{' ELSE '{}' END, '\$.a') AS x
	FROM json_each('[1,2,3,4]')"
expect_exit 64 "$bin" query -d "$db" --format json "SELECT 1 AS first; $fails_at_3"
expect_grep 'gotypedb: query:1:20: malformed JSON' "$tmp/err"
[ ! -s "$tmp/out" ] || fail "a failed JSON query printed $(head -c 200 "$tmp/out")"
expect_exit 64 "$bin" query -d "$db" --format csv "$fails_at_3"
expect_eq "$(cat "$tmp/out")" $'v,x\n1,\n2,' "csv up to the error"
expect_exit 64 "$bin" query -d "$db" "$fails_at_3"
expect_eq "$(cat "$tmp/out")" $'v  x\n-  -\n1\n2' "table up to the error"
expect_eq "$(ls -A "$TMPDIR")" "" "no temporary file left"

# a big JSON result goes through a temporary file, which leaves no trace
expect_exit 0 "$bin" query -d "$db" --format json \
	"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 30000) SELECT i, printf('%.50c', 'x') AS s FROM c"
json_ok "$tmp/out"
expect_eq "$(grep -c '"s":' "$tmp/out")" 30000 "big json rows"
expect_eq "$(ls -A "$TMPDIR")" "" "no temporary file left"

# ---- table: widths from a prefix of the rows, the rest streamed
many="WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000)"
expect_exit 0 "$bin" query -d "$db" "$many SELECT i, CASE i WHEN 2500 THEN printf('%.300c', 'y') ELSE 'ab' END AS s, 'z' AS t FROM c"
expect_eq "$(sed -n 3p "$tmp/out")" '   1  ab  z' "a prefix row"
expect_eq "$(sed -n 2502p "$tmp/out")" "2500  $(printf 'y%.0s' $(seq 300))  z" "a long cell after the prefix, whole"
expect_eq "$(sed -n 3002p "$tmp/out")" '3000  ab  z' "the last row"
# one long cell in the prefix pads no column beyond 256 characters
expect_exit 0 "$bin" query -d "$db" "$many SELECT CASE i WHEN 1 THEN printf('%.5000c', 'y') ELSE 'ab' END AS s, i FROM c"
expect_eq "$(sed -n 4p "$tmp/out")" "ab$(printf ' %.0s' $(seq 256))   2" "padding capped"
[ "$(wc -c < "$tmp/out")" -lt 1000000 ] || fail "table output $(wc -c < "$tmp/out") bytes"

# on a terminal, cells are cut to fit its width (script(1) makes the pty)
if command -v script >/dev/null; then
	script -qec "stty cols 40; $bin query -d $db \"SELECT 'short' AS a, printf('%.100c', 'w') AS wide, 7 AS n\"" /dev/null \
		| tr -d '\r' > "$tmp/tty"
	expect_eq "$(cat "$tmp/tty")" "a      wide$(printf ' %.0s' $(seq 28))n
-----  $(printf -- '-%.0s' $(seq 30))  -
short  $(printf 'w%.0s' $(seq 29))…  7" "cut to 40 columns"
elif [ "${CI:-}" = true ]; then
	fail "script(1) is missing (bsdutils)"
else
	echo "SKIPPED: the terminal test (no script(1))" >&2
fi

# ---- a fixture indexed, then queried in every format: the same rows
expect_exit 0 "$bin" index --no-progress -d "$tmp/fx.db" tests/fixtures/out/go1.26
objects="SELECT package_path, name, kind, object_string, value FROM v_uir_object ORDER BY 1, 2, 4"
n=$(q "$tmp/fx.db" "SELECT count(*) FROM ($objects)")
[ "$n" -gt 100 ] || fail "only $n objects in the go1.26 fixtures"
expect_exit 0 "$bin" query -d "$tmp/fx.db" --format json "$objects"
json_ok "$tmp/out"
expect_eq "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$tmp/out') AS TEXT))")" "$n" "json rows"
expect_exit 0 "$bin" query -d "$tmp/fx.db" "$objects"
expect_eq "$(($(wc -l < "$tmp/out") - 2))" "$n" "table rows"

# html: one page whose table holds every row, cell for cell what Python's
# sqlite3 module reads of the database (NULL an empty cell); -o writes it
# to a file, and a failed query leaves no file behind
expect_exit 0 "$bin" query -d "$tmp/fx.db" --format html -o "$tmp/q.html" "$objects"
expect_eq "$(cat "$tmp/out")" "" "-o: nothing on stdout"
python3 - "$tmp/fx.db" "$tmp/q.html" "$objects" <<'PY' || fail "html rows differ from the database's"
import html.parser, sqlite3, sys
class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.cell = None; self.head = []; self.th = None
    def handle_starttag(self, tag, attrs):
        if tag == "tr": self.rows.append([])
        if tag == "td": self.cell = ""
        if tag == "th": self.th = ""
    def handle_endtag(self, tag):
        if tag == "td": self.rows[-1].append(self.cell); self.cell = None
        if tag == "th": self.head.append(self.th); self.th = None
    def handle_data(self, d):
        if self.cell is not None: self.cell += d
        if self.th is not None: self.th += d
p = Cells(); p.feed(open(sys.argv[2], encoding="utf-8").read())
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
cur = db.execute(sys.argv[3])
want = [["" if v is None else str(v) for v in row] for row in cur]
got = [r for r in p.rows if r]
assert p.head == [d[0] for d in cur.description], p.head
assert got == want, next((g, w) for g, w in zip(got, want) if g != w) if len(got) == len(want) else (len(got), len(want))
PY
expect_exit 64 "$bin" query -d "$tmp/fx.db" --format html -o "$tmp/bad.html" "SELECT 1; SELECT nope"
[ ! -e "$tmp/bad.html" ] || fail "-o left behind after a failed query"

echo "query output ok"
