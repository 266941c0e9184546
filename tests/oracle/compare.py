#!/usr/bin/env python3
"""Diffs gotypedb's semantic views with go/types, row by row.

    compare.py GOTYPEDB ORACLE [--fallback ORACLE2] [--show N] [--label L] PATH...

Indexes PATH... into a fresh database, feeds one path per indexed unit to
the oracle (tests/oracle: gcexportdata into go/types), and compares
v_uir_object with `oracle objects` and v_uir_method with `oracle methods`.
Prints units, packages, objects and methods compared and the differing
rows (first --show of each side).  Exits 1, with a line "FAILED: ..." last,
if any row differs, gotypedb read fewer units, objects or methods than
go/types, or failed on anything the oracle reads (tests/oracle/indexed.py:
an index exit other than 0, a content in error, an archive not indexed, no
unit at all), or the oracle failed on an archive gotypedb indexed.

The reference is go1.26.8's go/types (ORACLE built by the machine's Go).  It
cannot load V5 archives with generic methods; --fallback names an oracle
built by go1.27.3, used for exactly the archives ORACLE fails on (go1.27's
go/types prints a few things differently, e.g. `type T any` as
`interface{}`, so it is not the reference elsewhere)."""
import csv, io, os, sys, tempfile
from collections import Counter
from indexed import Indexed, fail_on, run


def rows(text):
    r = list(csv.reader(io.StringIO(text)))
    return r[1:] if r else []


def main():
    args = sys.argv[1:]
    show, label, fallback = 10, "", None
    gotypedb, oracle = args[0], args[1]
    paths = []
    i = 2
    while i < len(args):
        if args[i] == "--show":
            show = int(args[i + 1]); i += 2
        elif args[i] == "--fallback":
            fallback = args[i + 1]; i += 2
        elif args[i] == "--label":
            label = args[i + 1]; i += 2
        else:
            paths.append(args[i]); i += 1
    with tempfile.TemporaryDirectory() as tmp:
        ix = Indexed(gotypedb, oracle, paths, tmp)
        path_of = ix.path_of
        mine_obj = Counter(tuple([path_of[r[0]]] + r[1:]) for r in ix.query(
            "SELECT unit_id, package_path, name, kind, object_string, coalesce(value, '') FROM v_uir_object"))
        mine_meth = Counter(tuple([path_of[r[0]]] + r[1:]) for r in ix.query(
            "SELECT unit_id, package_path, type_name, method_set, idx, name, object_string FROM v_uir_method"))
        listing = "".join(p + "\n" for p in sorted(path_of.values()))
        orc = {}
        oracle_errors = []
        fallback_used = []
        primary_rows = {}
        for mode in ("objects", "methods"):
            rc, out, err = run([oracle, mode], listing)
            errs = [l for l in err.splitlines() if l] or ([f"oracle {mode} exited {rc}"] if rc else [])
            got = Counter(tuple(r) for r in rows(out))
            primary_rows[mode] = {k[1:] for k in got}
            if errs and fallback:
                failed_paths = sorted({e.split(": ")[1] for e in errs if e.startswith("oracle: ")})
                rc2, out2, err2 = run([fallback, mode], "".join(p + "\n" for p in failed_paths))
                got += Counter(tuple(r) for r in rows(out2))
                fallback_used = failed_paths
                errs = [l for l in err2.splitlines() if l] or ([f"fallback oracle {mode} exited {rc2}"] if rc2 else [])
            if errs:
                oracle_errors = errs
            orc[mode] = got
    problems = list(ix.problems)
    pkgs = {(r[0], r[1]) for r in orc["objects"]}
    print(f"{label}{ix.summary()}")
    print(f"  go/types: {len(pkgs)} packages, {sum(orc['objects'].values())} objects, "
          f"{sum(orc['methods'].values())} methods, {len(oracle_errors)} archives it failed on; "
          f"gotypedb: {sum(mine_obj.values())} objects, {sum(mine_meth.values())} methods")
    for e in oracle_errors[:show]:
        problems.append(f"the oracle failed on an archive gotypedb indexed: {e}")
    if fallback_used:
        print(f"  {len(fallback_used)} archives read by the fallback oracle: " + " ".join(
            os.path.basename(p) for p in fallback_used))
    if len(oracle_errors) > show:
        problems.append(f"the oracle failed on {len(oracle_errors) - show} more archives")
    for name, mine, theirs in (("objects", mine_obj, orc["objects"]), ("methods", mine_meth, orc["methods"])):
        if sum(mine.values()) < sum(theirs.values()):
            problems.append(f"gotypedb has fewer {name} ({sum(mine.values())}) than go/types "
                            f"({sum(theirs.values())})")
        only_mine, only_theirs = mine - theirs, theirs - mine
        # In the fallback's archives, a row go1.27's go/types prints
        # differently is not a difference if go1.26.8's go/types printed
        # gotypedb's row for the same object in another archive.
        release = Counter()
        if fallback_used:
            fb = set(fallback_used)
            for k in list(only_mine):
                if k[0] in fb and k[1:] in primary_rows[name]:
                    peers = [t for t in only_theirs if t[0] == k[0] and t[1:3] == k[1:3]]
                    if peers:
                        release[k] += 1
                        only_theirs[peers[0]] -= 1
                        only_mine[k] -= 1
            only_mine, only_theirs = +only_mine, +only_theirs
        if release:
            print(f"  {name}: {sum(release.values())} rows of the fallback's archives that go1.27.3's go/types "
                  f"prints differently, where gotypedb's row is what go1.26.8's prints for the same object elsewhere")
            for k in sorted(release)[:show]:
                print(f"    go1.26.8 prints: {k[1:]}")
        n = sum(only_mine.values()) + sum(only_theirs.values())
        print(f"  {name}: {n} differing rows ({sum(only_mine.values())} only gotypedb, "
              f"{sum(only_theirs.values())} only go/types)")
        for tag, c in (("gotypedb", only_mine), ("go/types", only_theirs)):
            for k in sorted(c)[:show]:
                print(f"    {tag}: {k[1:]}")
        if n:
            problems.append(f"{n} {name} rows differ")
    fail_on(problems)


main()
