"""The rows every bundled query (queries/*.sql) must give on a database,
computed another way: in Python, from the base tables (read with Python's
sqlite3 module; the raw layer itself is checked against Go's own pkgbits
reader by tests/oracle/raw.sh), with counters and dicts instead of the
queries' views and SQL.  Compares them with the queries' json output
(OUT/NAME.json, as gotypedb printed it) and prints one line per query.

usage: truth.py DB OUT
"""
import collections
import json
import sqlite3
import sys

db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
db.text_factory = bytes
out_dir = sys.argv[2]
failed = []


def rows(sql):
    return db.execute(sql).fetchall()


def s(b):
    """A TEXT value as json prints it."""
    return b.decode("utf-8") if isinstance(b, bytes) else b


def order_key(v):
    """SQLite's order of one value: NULL, numbers, text (bytewise), BLOB."""
    if v is None:
        return (0, 0)
    if isinstance(v, (int, float)):
        return (1, v)
    return (2, v.encode() if isinstance(v, str) else v)


text = dict(rows("SELECT id, text FROM string"))
blob = {i for (i,) in rows("SELECT id FROM string WHERE typeof(text) = 'blob'")}
units = {i: dict(pkg=p, version=v, go=g, elems=e, size=z, strings=json.loads(sids))
         for i, p, v, g, e, z, sids in rows(
             "SELECT id, pkg_path, version, go_version, elems, export_size, string_ids FROM unit")}
typedef = {t: dict(kind=s(k), canon=text[c], package=p) for t, k, c, p in
           rows("SELECT typeid, kind, canonical_id, package_id FROM typedef")}
package_path = {i: text[p] for i, p in rows("SELECT id, path_id FROM package")}
decl = {i: (t, u) for i, t, u in rows("SELECT id, typeid, under_typeid FROM uir_decl")}
module_binary = dict(rows("SELECT id, binary_id FROM module"))
rtype = {(m, o): dict(typeid=t, bytes=b, string=sid) for m, o, t, b, sid in
         rows("SELECT module_id, off, typeid, bytes, string_id FROM rtype")}
# a module's path: the smallest path of a file holding its binary's content
content_paths = collections.defaultdict(list)
for path, cid in rows("SELECT path, content_id FROM file WHERE content_id IS NOT NULL"):
    content_paths[cid].append(path)
binary_content = dict(rows("SELECT id, content_id FROM binary"))
module_path = {m: min(content_paths[binary_content[b]]) for m, b in module_binary.items()}

# ---- types: export-data occurrences (distinct (type, unit)) and descriptors
occ = set()
for uid, objs, tids in rows("SELECT unit_id, objects, typeids FROM uir_unit"):
    for t in json.loads(tids):
        if t is not None:
            occ.add((t, uid))
    for _, d in json.loads(objs):
        t, under = decl[d]
        occ.add((t, uid))
        if under is not None:
            occ.add((under, uid))
t_units = collections.Counter(t for t, _ in occ)
t_pkgs = collections.defaultdict(set)
for t, u in occ:
    t_pkgs[t].add(units[u]["pkg"])
t_mods, t_bins, t_bytes, t_max = (collections.defaultdict(set), collections.defaultdict(set),
                                   collections.Counter(), collections.Counter())
for (m, _), r in rtype.items():
    t = r["typeid"]
    t_mods[t].add(m)
    t_bins[t].add(module_binary[m])
    t_bytes[t] += r["bytes"]
    t_max[t] = max(t_max[t], r["bytes"])
type_dup = {}
for t in set(t_units) | set(t_mods):
    u, m = t_units[t], len(t_mods[t])
    if u + m > 1:
        type_dup[t] = dict(canon=s(typedef[t]["canon"]), kind=typedef[t]["kind"], units=u,
                           packages=len(t_pkgs[t]), modules=m, binaries=len(t_bins[t]),
                           dup=t_bytes[t] - t_max[t])

# ---- strings: entries of every unit's String section, and the binaries
# whose names (or tags) hold them
s_units = collections.Counter(i for u in units.values() for i in u["strings"])
s_bins = collections.defaultdict(set)
for m, n, t in rows("SELECT module_id, name_id, tag_id FROM rname"):
    for i in (n, t):
        if i is not None:
            s_bins[i].add(module_binary[m])
string_dup = {i: (text[i], s_units[i], len(s_bins[i])) for i in set(s_units) | set(s_bins)
              if s_units[i] + len(s_bins[i]) > 1}


def blen(v):
    return len(v.encode() if isinstance(v, str) else v)


def i_blob(w):
    return w["_blob"]


def go_plain(v):
    """Go's quoting of printable ASCII without runs of 8: the strings whose
    quoted form this truth writes itself."""
    b = v.encode() if isinstance(v, str) else v
    if not all(0x20 <= c < 0x7f for c in b):
        return None
    t = b.decode()
    if any(t[i:i + 8] == t[i] * 8 for i in range(len(t))):
        return None
    return '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'


def expect(name, want, key=None):
    got = json.load(open("%s/%s.json" % (out_dir, name)))
    if isinstance(got, dict):
        got = [got]
    if key:
        got, want = sorted(got, key=key), sorted(want, key=key)
    if got != want:
        diff = next(((g, w) for g, w in zip(got, want) if g != w), (len(got), len(want)))
        failed.append(name)
        print("truth: %s: differs: got %r, want %r" % (name, diff[0], diff[1]))
    else:
        print("truth: %s: %d rows as computed from the base tables" % (name, len(got)))


# string_dup (min_bytes unbound: 1)
want = []
for i, (t, n, nb) in sorted(((i, v) for i, v in string_dup.items() if blen(v[0]) >= 1),
                           key=lambda kv: (-(kv[1][1] + kv[1][2] - 1) * blen(kv[1][0]), kv[0] in blob, kv[1][0])):
    want.append(dict(string=None, units=n, binaries=nb, bytes=blen(t), bytes_saved=(n + nb - 1) * blen(t), _t=t,
                     _blob=i in blob))
got = json.load(open("%s/string_dup.json" % out_dir))
quoted = [g["string"] for g in got]
if len(set(quoted)) != len(quoted):
    failed.append("string_dup")
    print("truth: string_dup: two strings print alike")
for g, w in zip(got, want):
    plain = None if i_blob(w) else go_plain(w["_t"])
    w["string"] = plain if plain is not None else g["string"]
    del w["_t"], w["_blob"]
expect("string_dup", want)

# type_dup: non-basic, by dup_bytes, units, canonical
want = [dict(type=v["canon"], kind=v["kind"], units=v["units"], packages=v["packages"],
             modules=v["modules"], binaries=v["binaries"], dup_bytes=v["dup"])
        for v in type_dup.values() if v["kind"] != "basic"]
want.sort(key=lambda r: (-r["dup_bytes"], -r["units"], r["type"].encode()))
expect("type_dup", want)

# generic_dup
want = [dict(instance=v["canon"], packages=v["packages"], units=v["units"], modules=v["modules"])
        for v in type_dup.values()
        if v["kind"] == "named" and "[" in v["canon"] and (v["packages"] > 1 or v["modules"] > 1)]
want.sort(key=lambda r: (-r["packages"], -r["modules"], r["instance"].encode()))
expect("generic_dup", want)

# package_dup: named types of v_type_dup by their package
by_pkg = collections.defaultdict(lambda: [0, 0, 0, 0])
for t, v in type_dup.items():
    if v["kind"] == "named" and typedef[t]["package"] is not None:
        a = by_pkg[s(package_path[typedef[t]["package"]])]
        a[0] += 1
        a[1] += v["units"]
        a[2] += v["modules"]
        a[3] += v["dup"]
want = [dict(package=p, types=a[0], units=a[1], modules=a[2], dup_bytes=a[3]) for p, a in by_pkg.items()]
want.sort(key=lambda r: (-r["dup_bytes"], -r["units"], r["package"].encode()))
expect("package_dup", want)

# module_dup: each module's descriptors of types found in other modules too
shared = {t for t, ms in t_mods.items() if len(ms) > 1}
by_mod = collections.defaultdict(lambda: [0, 0, 0, 0])
binary_version = dict(rows("SELECT id, go_version FROM binary"))
for (m, _), r in rtype.items():
    a = by_mod[m]
    if r["typeid"] in shared:
        a[0] += 1
        a[1] += r["bytes"]
    a[2] += 1
    a[3] += r["bytes"]
want = [dict(module=s(module_path[m]), go_version=s(binary_version[module_binary[m]]), types=a[0], bytes=a[1],
             of_types=a[2], of_bytes=a[3]) for m, a in by_mod.items()]
want.sort(key=lambda r: (-r["bytes"], r["module"].encode()))
expect("module_dup", want)

# dup_tree: those descriptors one by one, with their package
pkgpath_of = {}
for m, o, name_id, pp in rows("SELECT r.module_id, r.off, r.name_id, s.text FROM rtype r"
                              " LEFT JOIN rname n ON n.module_id = r.module_id AND n.off = r.pkgpath_off"
                              " LEFT JOIN string s ON s.id = n.name_id"):
    pkgpath_of[(m, o)] = ("(unnamed)" if name_id is None or text[name_id] in (b"", "") else
                          "(predeclared)" if not pp else s(pp))
want = [dict(module=s(module_path[m]), package=pkgpath_of[(m, o)], type=s(text[r["string"]]), bytes=r["bytes"])
        for (m, o), r in rtype.items() if r["typeid"] in shared]
expect("dup_tree", want, key=lambda r: (-r["bytes"], r["module"], r["package"], r["type"]))

# itab_dup: (interface, type) pairs by typeid in several modules
pairs = collections.defaultdict(lambda: [set(), 0, None, None])
for m, io, to in rows("SELECT module_id, inter_off, type_off FROM itab"):
    it, tt = rtype[(m, io)], rtype[(m, to)]
    p = pairs[(it["typeid"], tt["typeid"])]
    p[0].add(m)
    p[1] += 1
    p[2] = it["string"] if p[2] is None else min(p[2], it["string"])
    p[3] = tt["string"] if p[3] is None else min(p[3], tt["string"])
want = [dict(interface=s(text[p[2]]), type=s(text[p[3]]), modules=len(p[0]), itabs=p[1])
        for p in pairs.values() if len(p[0]) > 1]
want.sort(key=lambda r: (-r["modules"], r["interface"].encode(), r["type"].encode()))
expect("itab_dup", want)

# dup_totals
listed = [(t, n + nb) for t, n, nb in string_dup.values() if blen(t) >= 1]
saved = sum((k - 1) * blen(t) for t, k in listed)
nonbasic = [v for v in type_dup.values() if v["kind"] != "basic"]
expect("dup_totals", [dict(strings_repeated=len(listed), string_bytes_saved=saved,
                           types_repeated=len(nonbasic), type_dup_bytes=sum(v["dup"] for v in nonbasic),
                           itabs_repeated=sum(1 for p in pairs.values() if len(p[0]) > 1))])

# summary: two statements
refs = collections.Counter()
for uid, r in rows("SELECT unit_id, refs FROM unit_section WHERE refs IS NOT NULL"):
    refs[uid] += sum(len(e) // 2 for e in json.loads(r))
groups = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
for uid, u in units.items():
    g = groups[(u["version"], s(u["go"]))]
    g[0] += 1
    g[1] += u["elems"]
    g[2] += refs[uid]
    g[3] += len(u["strings"])
    g[4] += u["size"]
first = [dict(version=k[0], go_version=k[1], units=g[0], elements=g[1], refs=g[2], unit_strings=g[3],
              export_bytes=g[4]) for k, g in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1].encode()))]
status = collections.Counter(s(st) for (st,) in rows("SELECT status FROM content"))
second = [dict(distinct_strings=len(text), files=len(rows("SELECT id FROM file")), indexed=status["indexed"],
               rejected=status["rejected"], errors=status["error"])]
got = json.load(open("%s/summary.json" % out_dir))
if got != [first, second]:
    failed.append("summary")
    print("truth: summary: differs: got %r, want %r" % (got, [first, second]))
else:
    print("truth: summary: %d + 1 rows as computed from the base tables" % len(first))



# ---- the other formats say what json says: csv read by Python's csv
# module, html by its html.parser, markdown's cells unescaped, the table's
# lines holding each value; cell by cell, for every query of one statement
import csv
import html.parser
import io
import re


def cell(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return str(v)


class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, d):
        if self.cell is not None:
            self.cell += d


for name in sorted(set(f.rsplit(".", 1)[0] for f in __import__("os").listdir(out_dir)) - {"summary", "reports"}):
    data = json.load(open("%s/%s.json" % (out_dir, name)))
    data = data if isinstance(data, list) else [data]
    cols = list(data[0]) if data else None
    want = [[cell(r[c]) for c in cols] for r in data] if cols else []
    problems = []
    with open("%s/%s.csv" % (out_dir, name), newline="", encoding="utf-8") as f:
        got = list(csv.reader(f))
    if cols and (got[0] != cols or got[1:] != want):
        problems.append("csv")
    p = Cells()
    p.feed(open("%s/%s.html" % (out_dir, name), encoding="utf-8").read())
    if cols and (p.rows[0] != cols or p.rows[1:] != want):
        problems.append("html")
    md = open("%s/%s.markdown" % (out_dir, name), encoding="utf-8").read().splitlines()
    md_rows = [[re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", line)[1:-1]]
               for line in md if line.startswith("|")]
    if cols and (md_rows[0] != cols or md_rows[2:] != want):
        problems.append("markdown")
    table = open("%s/%s.table" % (out_dir, name), encoding="utf-8").read().splitlines()
    if len(table) != len(want) + 2 or any(v not in line for r, line in zip(want, table[2:]) for v in r):
        problems.append("table")
    if problems:
        failed.append(name)
        print("truth: %s: %s differ from json" % (name, ", ".join(problems)))
    else:
        print("truth: %s: csv, html, markdown and table say what json says (%d rows)" % (name, len(want)))

sys.exit(1 if failed else 0)
