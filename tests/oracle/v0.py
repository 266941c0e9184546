#!/usr/bin/env python3
"""V0 (go1.19 unified) export data: gotypedb's semantic views against
go1.19's own go/importer, row by row.

    v0.py GOTYPEDB V0ORACLE [--show N] [--label L] PATH...

Lists the package archives under PATH... (every regular file that is an
ar archive whose first member is __.PKGDEF), indexes PATH... into a fresh
database, and compares v_uir_object with `V0ORACLE objects` and
v_uir_method with `V0ORACLE methods` (tests/oracle/v0: go/importer and
go/types of go1.19.8), for every archive.

gotypedb prints what go1.26.8's go/types prints (for every UIR version).
The rows of go1.19's go/types are normalised for exactly the rendering
differences listed in NORMALISATIONS below, each fixed in a later Go
release and each counted; any other difference fails.  So does an
archive in error or rejected, a unit that is not V0, an archive gotypedb
did not index, an oracle error, or a run with no objects."""
import csv, io, os, re, subprocess, sys, tempfile, unicodedata
from collections import Counter

# Each: name, reason.  A row of go1.19's side is dropped ("local types")
# or paired with gotypedb's row of the same key when the object strings
# differ only as a rule below says (explain()).
NORMALISATIONS = [
    ("local types",
     "go1.19's importer declares a function's local types (T·1: the "
     "compiler's vargen suffix) in package scope; later importers skip them "
     "(go.dev/issue/55110; go1.21's gcimporter: splitVargenSuffix); their "
     "object and method rows are dropped from go1.19's side"),
    ("interface receivers",
     "go1.19's importer gives a named interface's methods the *Interface as "
     "receiver, printed `func (interface).M`; later importers give them the "
     "named type (go.dev/issue/49906; go1.21's gcimporter), `func (path.T).M`: "
     "tests/oracle/v0 names the named type whose interface declares the method"),
    ("union terms",
     "go1.19's go/types prints union terms `~int|~int8`, later releases "
     "`~int | ~int8` as gofmt does (go.dev/issue/53279; go1.21's termSep)"),
    ("alias type parameters",
     "go1.19's go/types has no Alias type: an alias's type is the aliased "
     "*Named, and ObjectString prints that Named's type parameters (its "
     "origin's, for an instance such as List[int]) after the alias's name; "
     "with materialized aliases (types.Alias, go.dev/issue/63223, the "
     "default from go1.23) it prints the alias's own"),
    ("method order",
     "go1.19's go/types sorts an interface's methods by Id() (the name if "
     "exported, else path.name: go1.19's typeset.go byUniqueMethodName); "
     "later releases put the exported ones (unicode.IsUpper of the first "
     "rune) first, then sort by name (object.less in go1.21, object.cmp in "
     "go1.26), so an exported non-ASCII name such as Äpfel moves before the "
     "unexported ones: go1.19's interface method rows are renumbered and "
     "its interface{...} method lists reordered by the later rule"),
]
LOCAL = re.compile(r"·[0-9]*$")
IFACE_RECV = "func (interface)"
METHOD_ITEM = re.compile(r"^(\w+)\(")


def exported(name):
    """go/token.IsExported: the first rune is upper case (Lu)."""
    return bool(name) and unicodedata.category(name[0]) == "Lu"


def method_key(name):
    """Later releases' method order: exported first, then by name bytewise."""
    return (not exported(name), name.encode())


def renumber_methods(theirs, owners):
    """Normalisation "method order" for method rows: each named interface's
    rows (set 'interface') renumbered in later releases' order; returns the
    rows, their owners re-keyed, and how many rows moved."""
    groups, out, moved = {}, Counter(), 0
    for k, n in theirs.items():
        if k[3] == "interface":
            groups.setdefault(k[:4], []).append(k)
        else:
            out[k] += n
    new_owners = {k: v for k, v in owners.items() if k[3] != "interface"}
    for g in groups.values():
        g.sort(key=lambda k: (method_key(k[5]), int(k[4])))
        for i, k in enumerate(g):
            nk = k[:4] + (str(i),) + k[5:]
            moved += nk != k
            out[nk] += theirs[k]
            if k in owners:
                new_owners[nk] = owners[k]
    return out, new_owners, moved


def end_quote(s, j):
    """The index of the '"' closing the quoted string opened at s[j]."""
    j += 1
    while j < len(s) and s[j] != '"':
        j += 2 if s[j] == "\\" else 1
    return j


def closing(s, i):
    """The index of the bracket closing the one at s[i], skipping quoted
    strings (tags); len(s) if unbalanced."""
    depth, j = 0, i
    while j < len(s):
        if s[j] == '"':
            j = end_quote(s, j)
        elif s[j] in "({[":
            depth += 1
        elif s[j] in ")}]":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return len(s)


def split_items(s):
    """s split at the '; ' separators outside brackets and quotes."""
    items, start, j = [], 0, 0
    while j < len(s):
        if s[j] == '"':
            j = end_quote(s, j)
        elif s[j] in "({[":
            j = closing(s, j)
        elif s.startswith("; ", j):
            items.append(s[start:j])
            start = j + 2
        j += 1
    items.append(s[start:])
    return items


def reorder_interfaces(s):
    """Normalisation "method order" for object strings: the methods of every
    interface{...} in s sorted by later releases' rule (they print the
    methods, then the embedded types)."""
    out, i = [], 0
    while (j := s.find("interface{", i)) >= 0:
        k = closing(s, j + 9)
        items = [reorder_interfaces(it) for it in split_items(s[j + 10:k])] if k > j + 10 else []
        methods = [it for it in items if METHOD_ITEM.match(it)]
        others = [it for it in items if not METHOD_ITEM.match(it)]
        methods.sort(key=lambda it: method_key(METHOD_ITEM.match(it).group(1)))
        out.append(s[i:j + 10] + "; ".join(methods + others) + "}")
        i = k + 1
    out.append(s[i:])
    return "".join(out)


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def rows(text):
    r = list(csv.reader(io.StringIO(text)))
    return r[1:] if r else []


def archives(roots):
    """Package archives under roots, by the same rule as tests/oracle/raw."""
    found = []
    for root in roots:
        walk = [(root, [], [""])] if os.path.isfile(root) else os.walk(root)
        for d, _, files in walk:
            for f in files:
                p = os.path.join(d, f) if f else d
                if os.path.islink(p) or not os.path.isfile(p):
                    continue
                with open(p, "rb") as fh:
                    head = fh.read(24)
                if head[:8] == b"!<arch>\n" and head[8:].startswith(b"__.PKGDEF"):
                    found.append(p)
    return sorted(found)


def drop_local_types(theirs, name_col):
    """Normalisation "local types": go1.19's rows for T·N names."""
    kept = Counter({k: v for k, v in theirs.items() if not LOCAL.search(k[name_col])})
    return kept, sum(theirs.values()) - sum(kept.values())


def interface_receiver(theirs, owner):
    """go1.19's `func (interface).rest` as later releases print it,
    `func (OWNER).rest`, where the oracle found the named type OWNER whose
    interface declares the method; else None."""
    if not theirs.startswith(IFACE_RECV) or not owner:
        return None
    return f"func ({owner})" + theirs[len(IFACE_RECV):]


def alias_type_params(mine, theirs, prefix):
    """go1.19's `type P.N[...] = RHS` as later releases print it,
    `type P.N = RHS` (gotypedb's mine), or None."""
    rest = mine[len(prefix):]
    if not (mine.startswith(prefix + " = ") and theirs.startswith(prefix + "[")
            and theirs.endswith("]" + rest)):
        return None
    return mine


def explain(key, mine, theirs, owner):
    """The normalisations that turn go1.19's object string into gotypedb's
    for the row key (owner: see interface_receiver, None for objects), or
    None when they do not."""
    applied = []
    if owner is not None:
        t = interface_receiver(theirs, owner)
        name = "interface receivers"
    elif key[3] == "alias":
        t = alias_type_params(mine, theirs, f"type {key[1]}.{key[2]}")
        name = "alias type parameters"
    else:
        t = None
    if t is not None:
        applied.append(name)
        theirs = t
    if mine != theirs and reorder_interfaces(theirs) != theirs:
        t = reorder_interfaces(theirs)
        if t == mine or (" | " in mine and mine.replace(" | ", "|") == t):
            applied.append("method order")
            theirs = t
    if mine != theirs and " | " in mine and mine.replace(" | ", "|") == theirs:
        applied.append("union terms")
        theirs = mine
    return applied if applied and mine == theirs else None


def pair(only_mine, only_theirs, col, owners, touched):
    """Pairs the rows of one key whose object strings (column col) differ
    only by the normalisations; counts them per normalisation in touched.
    owners: the method rows' receiver owners, None for objects."""
    by_key = {}
    for k in only_theirs.elements():
        by_key.setdefault(k[:col] + k[col + 1:], []).append(k)
    for k in list(only_mine.elements()):
        for t in by_key.get(k[:col] + k[col + 1:], []):
            if only_theirs[t] <= 0:
                continue
            applied = explain(k, k[col], t[col], None if owners is None else owners.get(t, ""))
            if applied:
                only_mine[k] -= 1
                only_theirs[t] -= 1
                for a in applied:
                    touched[a] += 1
                break


def main():
    args = sys.argv[1:]
    show, label = 10, ""
    gotypedb, oracle = args[0], args[1]
    paths = []
    i = 2
    while i < len(args):
        if args[i] == "--show":
            show = int(args[i + 1]); i += 2
        elif args[i] == "--label":
            label = args[i + 1]; i += 2
        else:
            paths.append(os.path.realpath(args[i])); i += 1
    status = 0

    def fail(msg):
        nonlocal status
        print(f"{label}FAILED: {msg}")
        status = 1

    listed = archives(paths)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "t.db")
        rc, _, err = run([gotypedb, "index", "-d", db, "--no-progress"] + paths)
        if rc != 0:
            fail(f"gotypedb index exited {rc}: " + " | ".join(err.splitlines()[:show]))
        q = lambda sql: rows(run([gotypedb, "query", "-d", db, "--format", "csv", sql])[1])
        bad = q("SELECT count(*) FROM content WHERE status != 'indexed'")[0][0]
        if bad != "0":
            fail(f"{bad} contents rejected or in error")
        versions = {r[0] for r in q("SELECT DISTINCT version FROM unit")}
        if versions != {"0"}:
            fail(f"unit versions {sorted(versions)}, want only V0")
        unit_paths = q("SELECT f.path, u.id FROM file f JOIN unit u ON u.content_id = f.content_id")
        paths_of = {}
        for p, uid in unit_paths:
            paths_of.setdefault(uid, []).append(p)
        indexed = sorted(p for p, _ in unit_paths)
        if indexed != listed:
            only_g, only_l = set(indexed) - set(listed), set(listed) - set(indexed)
            fail(f"gotypedb indexed {len(indexed)} archives, {len(listed)} listed; "
                 f"only gotypedb: {sorted(only_g)[:show]}, not indexed: {sorted(only_l)[:show]}")

        def mine(sql):
            return Counter(tuple([p] + r[1:]) for r in q(sql) for p in paths_of.get(r[0], []))

        mine_obj = mine("SELECT unit_id, package_path, name, kind, object_string, "
                        "coalesce(value, '') FROM v_uir_object")
        mine_meth = mine("SELECT unit_id, package_path, type_name, method_set, idx, name, "
                         "object_string FROM v_uir_method")
        listing = "".join(p + "\n" for p in listed)
        theirs, owners = {}, {}
        for mode in ("objects", "methods"):
            rc, out, err = run([oracle, mode], listing)
            if rc != 0 or err:
                fail(f"v0oracle {mode} exited {rc}: " + " | ".join(err.splitlines()[:show]))
            theirs[mode] = Counter(tuple(r[:7]) for r in rows(out))
            if mode == "methods":
                owners = {tuple(r[:7]): r[7] for r in rows(out)}

    touched = Counter()
    theirs_obj, touched["local types"] = drop_local_types(theirs["objects"], 2)
    theirs_meth, n = drop_local_types(theirs["methods"], 2)
    touched["local types"] += n
    theirs_meth, owners, touched["method order"] = renumber_methods(theirs_meth, owners)
    pkgs = {(r[0], r[1]) for r in theirs_obj}
    print(f"{label}archives {len(listed)}, units {len(paths_of)}; packages {len(pkgs)}, "
          f"objects {sum(theirs_obj.values())}, methods {sum(theirs_meth.values())}")
    if not theirs_obj:
        fail("no objects compared")
    for name, m, t, col, own in (("objects", mine_obj, theirs_obj, 4, None),
                                  ("methods", mine_meth, theirs_meth, 6, owners)):
        only_mine, only_theirs = m - t, t - m
        pair(only_mine, only_theirs, col, own, touched)
        only_mine, only_theirs = +only_mine, +only_theirs
        n = sum(only_mine.values()) + sum(only_theirs.values())
        print(f"  {name}: {n} differing rows ({sum(only_mine.values())} only gotypedb, "
              f"{sum(only_theirs.values())} only go1.19 go/types)")
        for tag, c in (("gotypedb", only_mine), ("go1.19", only_theirs)):
            for k in sorted(c)[:show]:
                print(f"    {tag}: {k}")
        if n:
            status = 1
    for name, reason in NORMALISATIONS:
        print(f"  normalised, {name}: {touched[name]} rows ({reason})")
    sys.exit(status)


main()
