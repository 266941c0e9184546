#!/usr/bin/env python3
"""Compares gotypedb's runtime views with what reflect says inside the program.

    reflect.py GOTYPEDB [--db DB] [--show N] [--label L] MANIFEST

MANIFEST has one line per binary, tab-separated:

    BINARY  FACTS  self
    BINARY  FACTS  own  GOOS

FACTS is what tests/oracle/reflect (the program) printed: for `self`, the
rows BINARY itself printed when it ran (or, for a c-shared library, its
exported function); for `own`, the rows a linux build of the same GOARCH
and toolchain printed, for a binary that does not run here (darwin,
windows).  The BINARY paths are indexed into a fresh database (or --db
names one, which is only read), and each binary's module is compared:

  self  every row, keyed as the program keys it: a descriptor by its
        offset from int's descriptor (v_rtype.off minus the off of the
        module's `int`), a code address by its distance from the anchor's
        code ((*main.Anchor).Mark: its v_rmethod tfn, and the fun0 of the
        v_ritab of main.AnchorI and *main.Anchor, which holds it), an itab
        by its interface and type (v_ritab.off is NULL outside the types
        region: before 1.27) and its offset where it has one; every column
        of the row must be equal.
  own   only the program's own types (the `own` rows: named in package
        main or innards, predeclared, or made only of those), keyed by
        their strings: each row, without its offsets and code addresses,
        must be among the module's rows (as many times as the program
        printed it: function-local types share a string); the module's
        GOARCH and Go version must be the facts', its GOOS the manifest's.

Exits 1, with a line "FAILED: ..." last, on a missing or differing row,
on fewer gotypedb rows of a view than the program printed for a module,
on two distinct descriptors of one module with the same typeid (or one
with none), on a binary gotypedb made no module of, and on anything
tests/oracle/indexed.py fails a comparison on (`gotypedb index` exiting
non-zero, a content in status 'error', a query that fails)."""
import os, sys, tempfile
from collections import Counter, defaultdict
from indexed import Database, fail_on

VIEWS = ("module", "rtype", "rmethod", "rfield", "rimethod", "ritab")

# What the views say, per module, in the program's column order (after
# its key); offsets and code addresses are made relative below.
SQL = {
    "module": "SELECT module_id, path, kind, go_version, goos, goarch FROM v_module",
    "rtype": "SELECT module_id, off, kind, string, size, align, pkgpath, name, typeid FROM v_rtype",
    "rmethod": "SELECT module_id, type_off, idx, name, pkgpath, mtyp, tfn FROM v_rmethod",
    "rfield": "SELECT module_id, type_off, idx, name, type, offset, tag, embedded FROM v_rfield",
    "rimethod": "SELECT module_id, type_off, idx, name, pkgpath, typ_off, typ FROM v_rimethod",
    "ritab": "SELECT module_id, off, interface, type, fun0 FROM v_ritab",
}

# v_module.kind for each -buildmode the program names in its module row.
KIND_OF = {"exe": "exe", "pie": "pie", "c-shared": "c-shared"}

UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def unescape(field):
    """The program writes \\, tab, newline and CR as \\\\, \\t, \\n, \\r."""
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field) and field[i + 1] in UNESCAPE:
            out.append(UNESCAPE[field[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_facts(path):
    """The program's rows by view: lists of tuples of strings."""
    facts = defaultdict(list)
    with open(path, encoding="utf-8", newline="\n") as f:
        for line in f:
            cols = [unescape(c) for c in line.rstrip("\n").split("\t")]
            facts[cols[0]].append(tuple(cols[1:]))
    return facts


def gotypedb_rows(db):
    """Every view's rows by module id."""
    rows = {}
    for view, sql in SQL.items():
        by_module = defaultdict(list)
        for r in db.query(sql):
            by_module[r[0]].append(tuple(r[1:]))
        rows[view] = by_module
    return rows


def typeid_problems(mod, rtypes):
    """A module holds one descriptor per Go type: two descriptors with one
    typeid are two types taken for one (function-local types that share a
    string, for example)."""
    offs = defaultdict(list)
    for r in rtypes:
        offs[r[-1]].append(r)
    out = []
    for typeid, rs in sorted(offs.items()):
        if typeid == "":
            out.append(f"{len(rs)} descriptors without a typeid, e.g. off {rs[0][0]} {rs[0][2]!r}")
        elif len(rs) > 1:
            out.append(f"typeid {typeid} on {len(rs)} descriptors: " +
                       ", ".join(f"off {r[0]} {r[2]!r}" for r in rs[:4]))
    return [f"module {mod}: {p}" for p in out]


class Module:
    """One module's rows from gotypedb, keyed as the program keys them."""

    def __init__(self, rows, mod):
        self.mod = mod
        self.rows = {v: rows[v].get(mod, []) for v in VIEWS}
        self.problems = []

    def relative(self, anchor):
        """Rows keyed by offsets from int's descriptor and code addresses
        from the anchor's code; None (with a problem) if an anchor is missing."""
        ints = [r for r in self.rows["rtype"] if r[1:3] == ("int", "int") and r[5:7] == ("", "int")]
        if len(ints) != 1:
            self.problems.append(f"{len(ints)} descriptors of int in module {self.mod}, not 1")
            return None
        base = int(ints[0][0])
        rel = lambda off: minus(off, base)
        ptr_anchor = str(int(anchor[0]) + base)
        tfn0 = [r[5] for r in self.rows["rmethod"] if r[0] == ptr_anchor and r[1] == "0"]
        fun0 = [r[3] for r in self.rows["ritab"] if r[1:3] == ANCHOR_ITAB]
        if len(tfn0) != 1 or len(fun0) != 1 or tfn0[0] in ("", "-1"):
            self.problems.append(f"module {self.mod}: no anchor: {len(tfn0)} methods 0 of *main.Anchor (off {ptr_anchor}, "
                                 f"tfn {tfn0[:1]}), {len(fun0)} itabs of {ANCHOR_ITAB}")
            return None
        itabs = defaultdict(list)
        for r in self.rows["ritab"]:
            itabs[r[1:3]].append((rel(r[0]) if r[0] != "" else None, minus(r[3], int(fun0[0]))))
        code = lambda a, at: a if a == "-1" else minus(a, int(at))
        return {
            "rtype": self.keyed("rtype", (((rel(r[0]),), r[1:7]) for r in self.rows["rtype"])),
            "rmethod": self.keyed("rmethod", (((rel(r[0]), r[1]), r[2:5] + (code(r[5], tfn0[0]),))
                                              for r in self.rows["rmethod"])),
            "rfield": self.keyed("rfield", (((rel(r[0]), r[1]), r[2:]) for r in self.rows["rfield"])),
            "rimethod": self.keyed("rimethod", (((rel(r[0]), r[1]), r[2:4] + (rel(r[4]), r[5]))
                                                for r in self.rows["rimethod"])),
            "ritab": itabs,
        }

    def keyed(self, view, pairs):
        """A dict of (key, row) pairs; a key twice (two rows of one
        descriptor's offset and index) is a problem."""
        d, dup = {}, []
        for k, v in pairs:
            if k in d:
                dup.append(k)
            d[k] = v
        if dup:
            self.problems.append(f"{view}: {len(dup)} rows with the key of another row of module {self.mod}, "
                                 f"e.g. {' '.join(dup[0])}")
        return d


def minus(value, base):
    """value - base as the program writes it; a value that is not a number
    (NULL: an empty field) is kept, marked, to show in a difference."""
    try:
        return str(int(value) - base)
    except ValueError:
        return f"not a number: {value!r}"


KEY_COLS = {"rtype": 1, "rmethod": 2, "rfield": 2, "rimethod": 2, "ritab": 1}

# The itab that holds the anchor's code: interface and type strings.
ANCHOR_ITAB = ("main.AnchorI", "*main.Anchor")


def itab_differs(itabs, row):
    """An itab of the program (ITAB_REL, interface, type, FUN0_CODE) against
    gotypedb's of the same interface and type strings: one must have the
    same code distance and, where v_ritab has an offset (the itab lies in
    the types region: always from 1.27), the same offset; None if one has."""
    got = itabs.get(row[1:3], [])
    if any(code == row[3] and off in (None, row[0]) for off, code in got):
        return None
    return f"ritab {row[0]}: reflect {row[1:]!r}, gotypedb (off, fun0) {got!r}"


def compare_self(m, facts, show):
    """Every row of the program against the row of the same key."""
    mine = m.relative(facts["anchor"][0])
    if mine is None:
        return {}, m.problems
    counts, problems = {}, []
    for view, k in KEY_COLS.items():
        bad = []
        for row in facts[view]:
            if view == "ritab":
                why = itab_differs(mine[view], row)
                bad += [why] if why else []
                continue
            key, want = row[:k], row[k:]
            got = mine[view].get(key)
            if got != want:
                bad.append(f"{view} {' '.join(key)}: reflect {want!r}, gotypedb {got!r}")
        counts[view] = (len(facts[view]), len(bad))
        problems += bad[:show] + ([f"{view}: {len(bad) - show} more differing rows"] if len(bad) > show else [])
    return counts, m.problems + problems


def own_rows(facts):
    """The program's rows of its own types, without offsets or code
    addresses: types by their strings (an itab if its type is own: the
    program's package variables make it, whatever the interface)."""
    own = {r[0] for r in facts["own"]}
    name = {r[0]: r[2] for r in facts["rtype"]}
    own_names = {name[o] for o in own}
    return {
        "rtype": Counter(r[1:] for r in facts["rtype"] if r[0] in own),
        "rmethod": Counter((name[r[0]],) + r[1:5] for r in facts["rmethod"] if r[0] in own),
        "rfield": Counter((name[r[0]],) + r[1:] for r in facts["rfield"] if r[0] in own),
        "rimethod": Counter((name[r[0]],) + r[1:4] + r[5:] for r in facts["rimethod"] if r[0] in own),
        "ritab": Counter(r[1:3] for r in facts["ritab"] if r[2] in own_names),
    }


def compare_own(m, facts, show):
    """The program's own types, by string, among the module's rows."""
    name = {r[0]: r[2] for r in m.rows["rtype"]}
    theirs = {
        "rtype": Counter(r[1:7] for r in m.rows["rtype"]),
        "rmethod": Counter((name.get(r[0], "?"),) + r[1:5] for r in m.rows["rmethod"]),
        "rfield": Counter((name.get(r[0], "?"),) + r[1:] for r in m.rows["rfield"]),
        "rimethod": Counter((name.get(r[0], "?"),) + r[1:4] + r[5:] for r in m.rows["rimethod"]),
        "ritab": Counter(r[1:3] for r in m.rows["ritab"]),
    }
    counts, problems = {}, []
    for view, want in own_rows(facts).items():
        missing = want - theirs[view]
        counts[view] = (sum(want.values()), sum(missing.values()))
        for row in sorted(missing)[:show]:
            problems.append(f"{view}: reflect's row {row!r} is not among gotypedb's")
        if len(missing) > show:
            problems.append(f"{view}: {len(missing) - show} more missing rows")
    return counts, problems


def compare_module(m, facts, mode, goos):
    """The module row: Go version and GOARCH, and the kind or GOOS."""
    if len(m.rows["module"]) != 1:
        return [f"{len(m.rows['module'])} v_module rows for module {m.mod}"]
    _, kind, version, got_os, arch = m.rows["module"][0]
    mode_, want_version, want_os, want_arch = facts["module"][0]
    want = (KIND_OF.get(mode_, mode_), want_version, want_os, want_arch)
    got = (kind, version, got_os, arch)
    if mode == "own":
        want, got = (want_version, goos, want_arch), (version, got_os, arch)
    return [] if got == want else [f"module: reflect {want!r}, gotypedb {got!r}"]


def main():
    args = sys.argv[1:]
    gotypedb, db_path, show, label, manifest = args[0], None, 10, "", None
    i = 1
    while i < len(args):
        if args[i] == "--db":
            db_path = args[i + 1]; i += 2
        elif args[i] == "--show":
            show = int(args[i + 1]); i += 2
        elif args[i] == "--label":
            label = args[i + 1]; i += 2
        else:
            manifest = args[i]; i += 1
    entries = [l.rstrip("\n").split("\t") for l in open(manifest, encoding="utf-8") if l.strip()]
    binaries = [os.path.realpath(e[0]) for e in entries]
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(gotypedb, binaries, tmp, db_path)
        rows = gotypedb_rows(db)
        state = db.state_of()
    problems = list(db.problems)
    module_of = defaultdict(list)
    for mod, rs in rows["module"].items():
        for r in rs:
            module_of[os.path.realpath(r[0])].append(mod)
    for mod, rs in rows["rtype"].items():
        problems += typeid_problems(mod, rs)
    for e, path in zip(entries, binaries):
        what = f"{label}{os.path.basename(path)}"
        mods = module_of.get(path, [])
        if len(mods) != 1:
            problems.append(f"{what}: {len(mods)} modules, not 1 ({state.get(path, 'not walked')})")
            print(f"reflect: {what}: not compared: {len(mods)} modules")
            continue
        m, facts = Module(rows, mods[0]), read_facts(e[1])
        if not facts.get("module") or not facts.get("anchor") or not facts.get("rtype"):
            problems.append(f"{what}: {e[1]} is not the program's facts (no module, anchor or rtype rows)")
            print(f"reflect: {what}: not compared: no facts")
            continue
        if e[2] == "self":
            counts, bad = compare_self(m, facts, show)
        else:
            counts, bad = compare_own(m, facts, show)
        bad += compare_module(m, facts, e[2], e[3] if len(e) > 3 else "")
        for view, (n, _) in counts.items():
            if len(m.rows[view]) < n:
                bad.append(f"{view}: gotypedb has {len(m.rows[view])} rows, fewer than the {n} of reflect's it is compared with")
        problems += [f"{what}: {p}" for p in bad]
        if not counts:
            print(f"reflect: {what} ({e[2]}): not compared: {bad[0]}")
            continue
        module_differs = int(any(p.startswith("module: ") for p in bad))
        differing = sum(d for _, d in counts.values()) + module_differs
        print(f"reflect: {what} ({e[2]}): module 1, " + ", ".join(f"{v} {n}" for v, (n, _) in counts.items()) +
              f" rows compared, {differing} differing")
    fail_on(problems)


main()
