# The html report (--format html) opened in headless Chromium with the
# network cut off (a network namespace of its own where one can be made,
# else a proxy and a resolver that go nowhere): the page loads and asks for
# nothing, a screenshot is written, every chart has as many rectangles of
# non-zero area (measured by the browser) as the database has bars, leaves
# and groups (counted with the sqlite3 shell, not gotypedb), and a click on
# a header sorts the table by that column.  chromium is a test dependency
# (scripts/install-deps.sh): missing, it fails this test.
source "$(dirname "$0")/lib.bash"

chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || fail "chromium is missing: bash scripts/install-deps.sh installs it"
command -v sqlite3 >/dev/null || fail "the sqlite3 shell is missing: bash scripts/install-deps.sh"

rc=0
"$bin" index --no-progress -d "$tmp/db" tests/fixtures/out tests/data/rtype >/dev/null 2>&1 || rc=$?
[ $rc -eq 0 ] || [ $rc -eq 65 ] || fail "index: exit $rc"

# Every chart draws all of its rows (limit above their number): the
# strings' bars, and the treemap of module -> package -> type.
cat > "$tmp/charts.yaml" <<'YAML'
version: 1
reports:
  - id: strings
    title: Strings repeated across units
    builtin: string_dup
    params:
      - {name: min_bytes, type: int, default: 8}
    limit: 10
    chart: {value: bytes_saved, by: [string], limit: 10000}
  - id: tree
    title: Where duplicate type descriptors' bytes go
    builtin: dup_tree
    limit: 10
    chart: {value: bytes, by: [module, package, type], limit: 10000}
YAML
expect_exit 0 "$bin" report -d "$tmp/db" -c "$tmp/charts.yaml" --format html -o "$tmp/r.html"

# The truth, from the database by the sqlite3 shell: one bar per string of
# 8 bytes or more in several units or binaries; a treemap rect per descriptor row, per
# (module, package) and per module.
sq() { sqlite3 -readonly -batch -noheader "$tmp/db" "$1"; }
# (string_dup's places: unit String sections and binaries' names and tags)
bars=$(sq "WITH p(id, b) AS (SELECT string_id, NULL FROM unit_string
	UNION ALL SELECT n.name_id, m.binary_id FROM rname n JOIN module m ON m.id = n.module_id
	UNION ALL SELECT n.tag_id, m.binary_id FROM rname n JOIN module m ON m.id = n.module_id WHERE n.tag_id IS NOT NULL)
	SELECT count(*) FROM (SELECT p.id FROM p JOIN string s ON s.id = p.id
	WHERE length(CAST(s.text AS BLOB)) >= 8 GROUP BY p.id
	HAVING count(*) FILTER (WHERE b IS NULL) + count(DISTINCT b) > 1)")
tree_sql=$(sed -e '/^--/d' -e 's/^ORDER BY.*//' queries/dup_tree.sql)
leaves=$(sq "SELECT count(*) FROM (SELECT module, package, type FROM ($tree_sql) WHERE bytes > 0 GROUP BY 1, 2, 3)")
groups=$(sq "SELECT count(DISTINCT module) + count(DISTINCT module || x'00' || package) FROM ($tree_sql) WHERE bytes > 0")
[ "$bars" -gt 5 ] && [ "$leaves" -gt 50 ] && [ "$groups" -gt 10 ] ||
	fail "the fixtures chart too little: $bars bars, $leaves leaves, $groups groups"

# Nothing in the page may be fetched: no URL but the SVG namespace's name,
# and a Content-Security-Policy that allows no fetch at all.
if grep -o 'https\?://[^"]*' "$tmp/r.html" | grep -v '^http://www.w3.org/2000/svg$' >"$tmp/urls"; then
	fail "the page names URLs: $(head -3 "$tmp/urls")"
fi
expect_grep "Content-Security-Policy\" content=\"default-src 'none';" "$tmp/r.html"

# Run in the browser, after the page's own script: each chart's rects with
# an area above zero, the resources the page asked for, and a sort by the
# strings table's bytes_saved column (its 5th) ascending.
cat > "$tmp/probe.js" <<'JS'
<script>
(function () {
  var out = [];
  document.querySelectorAll('svg.chart').forEach(function (svg, i) {
    var n = 0, all = svg.querySelectorAll('rect');
    all.forEach(function (r) { var b = r.getBoundingClientRect(); if (b.width * b.height > 0) n++; });
    out.push('chart' + i + ' ' + n + ' of ' + all.length);
  });
  out.push('resources ' + performance.getEntriesByType('resource').length);
  var t = document.querySelector('#report-strings table.rows'), th = t.tHead.rows[0].cells[4];
  th.click();
  var v = Array.prototype.map.call(t.tBodies[0].rows, function (r) { return Number(r.cells[4].textContent); });
  var sorted = v.every(function (x, k) { return k === 0 || v[k - 1] <= x; });
  out.push('sorted ' + th.textContent + ' ' + sorted + ' ' + th.getAttribute('aria-sort'));
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();
</script>
JS
sed -e '/^<\/body>/{r '"$tmp/probe.js" -e 'N}' "$tmp/r.html" > "$tmp/probe.html"
grep -q "id = 'probe'" "$tmp/probe.html" || fail "the probe was not added"

offline=()
if unshare -n true 2>/dev/null; then
	offline=(unshare -n)
fi
browse() {
	timeout 120 "${offline[@]}" "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--no-first-run --disable-background-networking --proxy-server=http://127.0.0.1:9 \
		--host-resolver-rules='MAP * ~NOTFOUND' --user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chromium.log"
}
browse --window-size=1100,1600 --screenshot="$tmp/shot.png" "file://$tmp/r.html" >/dev/null ||
	fail "chromium could not take a screenshot: $(tail -3 "$tmp/chromium.log")"
[ "$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
	fail "the screenshot is not a PNG"
[ "$(stat -c %s "$tmp/shot.png")" -gt 20000 ] || fail "the screenshot is nearly empty"
browse --virtual-time-budget=5000 --dump-dom "file://$tmp/probe.html" > "$tmp/dom.html" ||
	fail "chromium could not load the page: $(tail -3 "$tmp/chromium.log")"
sed -n '/<pre id="probe">/,/<\/pre>/p' "$tmp/dom.html" | sed -e 's/<[^>]*>//g' > "$tmp/probe.txt"
expect_eq "$(cat "$tmp/probe.txt")" "chart0 $bars of $bars
chart1 $((leaves + groups)) of $((leaves + groups))
resources 0
sorted bytes_saved true ascending" "what the browser measured"
echo "report_html ok: the browser measured $(paste -sd";" "$tmp/probe.txt" | sed "s/;/; /g")"
