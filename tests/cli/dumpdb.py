"""Prints a gotypedb database as sorted lines, ids aside: what two
databases that hold the same things have in common however each numbered
its rows (tests/cli/merge.sh compares merged shards with one index).

Every table: a row's own id is left out and every reference (a column
declared REFERENCES, and the ids packed in JSON: unit.string_ids,
uir_unit.objects and .typeids) is replaced by what identifies the row it
names: a string by its text, a content by its hash, a file by its path, a
package by its path and name, a type by its canonical string, a
declaration by its hash, a unit by its content, a binary by its content
and ordinal, a module by its binary and ordinal.  Every view: its rows
with the columns that hold ids left out.  Read with Python's sqlite3, not
with gotypedb.

usage: dumpdb.py [--tables] DB > DUMP   (--tables: the tables only)
"""
import json
import sqlite3
import sys

tables_only = sys.argv[1] == "--tables"
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[-1], uri=True)
db.text_factory = bytes


def rows(sql):
    return db.execute(sql).fetchall()


text = dict(rows("SELECT id, text FROM string"))
content = {i: h.hex() for i, h in rows("SELECT id, hash FROM content")}
package = {i: (text[p], text[n]) for i, p, n in rows("SELECT id, path_id, name_id FROM package")}
typedef = {i: text[c] for i, c in rows("SELECT typeid, canonical_id FROM typedef")}
decl = {i: h.hex() for i, h in rows("SELECT id, hash FROM uir_decl")}
unit = {i: content[c] for i, c in rows("SELECT id, content_id FROM unit")}
binary = {i: (content[c], o) for i, c, o in rows("SELECT id, content_id, ordinal FROM binary")}
module = {i: (binary[b], o) for i, b, o in rows("SELECT id, binary_id, ordinal FROM module")}
file = dict(rows("SELECT id, path FROM file"))
keys = {"string": text, "content": content, "package": package, "typedef": typedef, "uir_decl": decl,
        "unit": unit, "binary": binary, "module": module, "file": file}


def ids(value, table):
    if value is None:
        return None
    return [None if v is None else keys[table][v] for v in json.loads(value)]


packed = {
    ("unit", "string_ids"): lambda v: ids(v, "string"),
    ("uir_unit", "objects"): lambda v: [[i, decl[d]] for i, d in json.loads(v)],
    ("uir_unit", "typeids"): lambda v: ids(v, "typedef"),
}

out = []
objects = rows("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name")
for kind, name in objects:
    name = name.decode()
    if name.startswith("sqlite_"):
        continue
    cols = [r[1].decode() for r in rows("PRAGMA table_info(%s)" % name)]
    if kind == b"table":
        pk = [r[1].decode() for r in rows("PRAGMA table_info(%s)" % name) if r[5] > 0]
        own = pk[0] if len(pk) == 1 and pk[0] in ("id", "typeid") else None
        refs = {r[3].decode(): r[2].decode() for r in rows("PRAGMA foreign_key_list(%s)" % name)}
        for row in rows("SELECT * FROM %s" % name):
            vals = []
            for c, v in zip(cols, row):
                if c == own:
                    continue
                if (name, c) in packed:
                    v = packed[(name, c)](v)
                elif c in refs and refs[c] in keys and v is not None:
                    v = keys[refs[c]][v]
                vals.append(v)
            out.append("%s\t%r" % (name, vals))
    elif not tables_only:
        keep = [i for i, c in enumerate(cols) if not (c == "id" or c.endswith("_id") or c.endswith("typeid"))]
        for row in rows("SELECT * FROM %s" % name):
            out.append("%s\t%r" % (name, [row[i] for i in keep]))
out.sort()
sys.stdout.write("\n".join(out) + "\n")
