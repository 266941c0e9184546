#!/usr/bin/env python3
"""Diffs gotypedb's semantic views with go/types, row by row.

    compare.py GOTYPEDB ORACLE [--fallback ORACLE2] [--show N] [--label L] PATH...

Indexes PATH... into a fresh database, feeds one path per indexed unit to
the oracle (tests/oracle: gcexportdata into go/types), and compares
v_uir_object with `oracle objects` and v_uir_method with `oracle methods`.
Prints packages, objects and methods compared and the differing rows
(first --show of each side); exits 1 if any row differs or the oracle
failed on an archive gotypedb indexed.

The reference is go1.26.8's go/types (ORACLE built by the machine's Go).  It
cannot load V5 archives with generic methods; --fallback names an oracle
built by go1.27.3, used for exactly the archives ORACLE fails on (go1.27's
go/types prints a few things differently, e.g. `type T any` as
`interface{}`, so it is not the reference elsewhere)."""
import csv, io, os, subprocess, sys, tempfile
from collections import Counter


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


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
        db = os.path.join(tmp, "t.db")
        rc, out, err = run([gotypedb, "index", "-d", db, "--no-progress"] + paths)
        if rc not in (0, 65):
            sys.exit("compare: gotypedb index failed:\n" + err)
        q = lambda sql: rows(run([gotypedb, "query", "-d", db, "--format", "csv", sql])[1])
        units = q("SELECT u.id, min(f.path) FROM unit u JOIN file f ON f.content_id = u.content_id "
                  "GROUP BY u.id")
        path_of = {uid: p for uid, p in units}
        failed = q("SELECT count(*) FROM content WHERE status = 'error'")[0][0]
        mine_obj = Counter(tuple([path_of[r[0]]] + r[1:]) for r in q(
            "SELECT unit_id, package_path, name, kind, object_string, coalesce(value, '') FROM v_uir_object"))
        mine_meth = Counter(tuple([path_of[r[0]]] + r[1:]) for r in q(
            "SELECT unit_id, package_path, type_name, method_set, idx, name, object_string FROM v_uir_method"))
        listing = "".join(p + "\n" for p in sorted(path_of.values()))
        orc = {}
        oracle_errors = []
        fallback_used = []
        primary_rows = {}
        for mode in ("objects", "methods"):
            rc, out, err = run([oracle, mode], listing)
            errs = [l for l in err.splitlines() if l]
            got = Counter(tuple(r) for r in rows(out))
            primary_rows[mode] = {k[1:] for k in got}
            if errs and fallback:
                failed_paths = sorted({e.split(": ")[1] for e in errs if e.startswith("oracle: ")})
                rc2, out2, err2 = run([fallback, mode], "".join(p + "\n" for p in failed_paths))
                got += Counter(tuple(r) for r in rows(out2))
                fallback_used = failed_paths
                errs = [l for l in err2.splitlines() if l]
            if errs:
                oracle_errors = errs
            orc[mode] = got
    status = 0
    pkgs = {(r[0], r[1]) for r in orc["objects"]}
    print(f"{label}units {len(path_of)} (gotypedb errors: {failed}), oracle errors {len(oracle_errors)}; "
          f"packages {len(pkgs)}, objects {sum(orc['objects'].values())}, "
          f"methods {sum(orc['methods'].values())}")
    for e in oracle_errors[:show]:
        print("  oracle:", e)
    if fallback_used:
        print(f"  {len(fallback_used)} archives read by the fallback oracle: " + " ".join(
            os.path.basename(p) for p in fallback_used))
    bad_archives = {e.split(": ")[1] for e in oracle_errors if e.startswith("oracle: ")}
    for name, mine, theirs in (("objects", mine_obj, orc["objects"]), ("methods", mine_meth, orc["methods"])):
        mine = Counter({k: v for k, v in mine.items() if k[0] not in bad_archives})
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
        status |= n != 0
    sys.exit(1 if status or oracle_errors else 0)


main()
