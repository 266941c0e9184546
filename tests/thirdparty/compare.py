"""The check set's gotypedb database against the manifest and GoReSym.

    compare.py GOTYPEDB DB CACHE MANIFEST KNOWN GORESYM_DIR

For every binary of the manifest's check set (CACHE/check/LABEL) this
fails (a line "FAILED: LABEL: what"), and exits 1 at the end, when:

  * gotypedb did not index it (no file row, a content not 'indexed': the
    error or reason is quoted), or found no module in it;
  * its Go release (when gotypedb read one) or GOOS/GOARCH is not the
    manifest's;
  * a typelink or an itab does not resolve to an rtype row of its module;
  * GoReSym's reading differs, unless KNOWN explains it (below):
      - its typelinks count (moduledata) is not gotypedb's;
      - a typelinked type of gotypedb's is not among the types GoReSym
        read (GoReSym failed on it), or GoReSym read a type at an address
        where gotypedb has none (gotypedb missed it, or GoReSym misread),
        or both read the same address with a different string;
      - the same for itabs (GoReSym names one "interface_I_impl_T", at the
        itab's address);
      - GoReSym read no types at all.
    Every difference is printed type by type, with the string each side
    gives.

GORESYM_DIR holds GoReSym's JSON per binary (SHA256.json.gz, by the
binary's hash); a binary without one (no GoReSym here) is compared with the
manifest only, and its GoReSym columns read "-".

KNOWN (tests/thirdparty/goresym-known.tsv) lists the differences that are
explained, one a line, tab-separated: a regex on the label, the kind of
difference (no-types, typelinks-count, goresym-lacks, gotypedb-lacks,
string, itab-goresym-lacks, itab-gotypedb-lacks, itab-string), a regex that
must match the whole type string (for string and itab-string, the pair
"GORESYM'S => GOTYPEDB'S", so that it can say how the two relate; for
no-types, the empty string; for typelinks-count, GoReSym's count), and the
explanation.  An explanation that
matched nothing is reported (a stale line hides nothing, but says so).

It ends with a table per binary: gotypedb's Go release and layout,
format/arch, typelinks, rtypes and itabs, then GoReSym's typelinks count,
the typelinked types it read, all types it read, and its itabs.
"""
import csv, gzip, io, json, os, re, subprocess, sys

SHOW = 20  # differences of one kind and binary printed in full


def query(gotypedb, db, sql):
    p = subprocess.run([gotypedb, "query", "--format", "csv", "-d", db, sql],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"FAILED: gotypedb query exited {p.returncode}: {p.stderr.strip()}\n  {sql}")
    return list(csv.reader(io.StringIO(p.stdout)))[1:]


def manifest_rows(path):
    rows = []
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if f[0] in ("check", "both"):
            rows.append(dict(label=f[5], platform=f[6], go=f[7], buildinfo=f[8], sha=f[9]))
    return rows


def known_lines(path):
    out = []
    for n, line in enumerate(open(path), 1):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) != 4:
            sys.exit(f"FAILED: {path}:{n}: expected 4 tab-separated fields")
        out.append(dict(n=n, label=re.compile(f[0]), kind=f[1], string=re.compile(f[2]), why=f[3], used=0))
    return out


class Known:
    def __init__(self, lines):
        self.lines = lines

    def why(self, label, kind, string):
        for k in self.lines:
            if k["kind"] == kind and k["label"].fullmatch(label) and k["string"].fullmatch(string):
                k["used"] += 1
                return k["why"]
        return None


def goresym_reading(path):
    """GoReSym's JSON reduced to what is compared: the moduledata's typelinks
    count; types and itabs by address (the first string seen at each)."""
    if not os.path.exists(path):
        return None
    with gzip.open(path, "rt") as f:
        text = f.read()
    try:
        d = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as e:
        return dict(error=f"JSON: {e}", typelinks=None, types={}, itabs={})
    meta = d.get("ModuleMeta") or {}
    types, itabs = {}, {}
    for t in d.get("Types") or []:
        types.setdefault(t["VA"], t["Str"])
    for t in d.get("Interfaces") or []:
        if t["Str"].startswith("interface_") and "_impl_" in t["Str"] and t.get("Kind") == "Interface" and not t.get("Reconstructed"):
            itabs.setdefault(t["VA"], t["Str"])
        else:
            types.setdefault(t["VA"], t["Str"])
    tl = (meta.get("Typelinks") or {}).get("Len")
    return dict(error=d.get("Error") or d.get("error"), version=d.get("Version"), typelinks=tl, types=types, itabs=itabs)


def by_module(rows, n_key=1):
    out = {}
    for r in rows:
        out.setdefault(r[0], []).append(r[n_key:])
    return out


def main():
    gotypedb, db, cache, manifest, known_path, goresym_dir = sys.argv[1:7]
    known = Known(known_lines(known_path))
    failures = []
    explained = 0

    def fail(label, what):
        failures.append(f"{label}: {what}")
        print(f"FAILED: {label}: {what}")

    def differ(label, kind, items, fmt):
        """items: (string, detail) pairs of one kind of difference."""
        nonlocal explained
        shown = 0
        unexplained = []
        for s, detail in items:
            w = known.why(label, kind, s)
            if w is None:
                unexplained.append((s, detail))
            else:
                explained += 1
        for s, detail in unexplained[:SHOW]:
            print(f"  {label}: {kind}: {fmt(s, detail)}")
        if len(unexplained) > SHOW:
            print(f"  {label}: {kind}: ... and {len(unexplained) - SHOW} more")
        if unexplained:
            fail(label, f"{len(unexplained)} unexplained difference(s) with GoReSym: {kind}")
        return len(items) - len(unexplained)

    # --- what gotypedb wrote, for every file under CACHE/check ------------
    # (Looked up by content, not by v_module's path: a content several paths
    # share holds its modules once.)
    check_dir = os.path.realpath(os.path.join(cache, "check"))
    files = {r[0]: r[1:] for r in query(gotypedb, db, f"""
        SELECT f.path, coalesce(c.status, ''), coalesce(c.error, ''), coalesce(c.kind, ''), coalesce(c.id, '')
        FROM file f LEFT JOIN content c ON c.id = f.content_id
        WHERE f.path LIKE '{check_dir}/%'""")}
    modules = {}
    for r in query(gotypedb, db, """
        SELECT b.content_id, m.id, coalesce(b.go_version, ''), b.goos, b.goarch, b.format,
               m.layout || ' ' || m.found
        FROM module m JOIN binary b ON b.id = m.binary_id ORDER BY b.ordinal, m.ordinal"""):
        modules.setdefault(r[0], []).append(r[1:])
    counts = {r[0]: r[1:] for r in query(gotypedb, db, """
        SELECT m.id,
               (SELECT count(*) FROM typelink t WHERE t.module_id = m.id),
               (SELECT count(*) FROM rtype r WHERE r.module_id = m.id),
               (SELECT count(*) FROM itab i WHERE i.module_id = m.id)
        FROM module m""")}
    unresolved_tl = by_module(query(gotypedb, db, """
        SELECT t.module_id, t.idx, t.type_off FROM typelink t
        LEFT JOIN rtype r ON r.module_id = t.module_id AND r.off = t.type_off
        WHERE r.off IS NULL ORDER BY t.module_id, t.idx"""))
    unresolved_itab = by_module(query(gotypedb, db, """
        SELECT i.module_id, i.idx, i.addr, i.inter_off, i.type_off,
               a.off IS NOT NULL, b.off IS NOT NULL FROM itab i
        LEFT JOIN rtype a ON a.module_id = i.module_id AND a.off = i.inter_off
        LEFT JOIN rtype b ON b.module_id = i.module_id AND b.off = i.type_off
        WHERE a.off IS NULL OR b.off IS NULL ORDER BY i.module_id, i.idx"""))
    typelinked = by_module(query(gotypedb, db, """
        SELECT t.module_id, m.types + t.type_off, coalesce(v.string, '') FROM typelink t
        JOIN module m ON m.id = t.module_id
        LEFT JOIN v_rtype v ON v.module_id = t.module_id AND v.off = t.type_off"""))
    rtypes = by_module(query(gotypedb, db, """
        SELECT v.module_id, m.types + v.off, v.string FROM v_rtype v JOIN module m ON m.id = v.module_id"""))
    itabs = by_module(query(gotypedb, db, """
        SELECT i.module_id, i.addr, 'interface_' || si.text || '_impl_' || st.text FROM itab i
        JOIN rtype a ON a.module_id = i.module_id AND a.off = i.inter_off JOIN string si ON si.id = a.string_id
        JOIN rtype b ON b.module_id = i.module_id AND b.off = i.type_off JOIN string st ON st.id = b.string_id"""))

    table = []
    for row in manifest_rows(manifest):
        label = row["label"]
        path = os.path.join(check_dir, label)
        g_cols = ["-"] * 6
        r_cols = ["-"] * 4
        f = files.get(path)
        if f is None:
            fail(label, "not indexed (no file row)")
            table.append([label] + g_cols + r_cols)
            continue
        status, error, kind, content_id = f
        if status != "indexed":
            fail(label, f"content {status or 'missing'}{': ' + error if error else ''}")
        mods = modules.get(content_id, [])
        if not mods:
            fail(label, f"no module (content kind '{kind}', status '{status}')")
            table.append([label] + g_cols + r_cols)
            continue
        if len(mods) != 1:
            fail(label, f"{len(mods)} modules, one expected in an executable")
        mid, go, goos, goarch, fmt_, layout = mods[0]
        if go and go != row["go"]:
            fail(label, f"Go release {go}, the manifest (go version) says {row['go']}")
        if not go and row["buildinfo"] == "yes":
            fail(label, f"no Go release read, though the build info says {row['go']}")
        if f"{goos}/{goarch}" != row["platform"]:
            fail(label, f"platform {goos}/{goarch}, the manifest says {row['platform']}")
        n_tl, n_rt, n_it = (int(x) for x in counts.get(mid, ["0", "0", "0"]))
        for r in unresolved_tl.get(mid, [])[:SHOW]:
            print(f"  {label}: typelink {r[0]} (type_off {r[1]}) has no rtype")
        if mid in unresolved_tl:
            fail(label, f"{len(unresolved_tl[mid])} of {n_tl} typelinks do not resolve to an rtype")
        for r in unresolved_itab.get(mid, [])[:SHOW]:
            print(f"  {label}: itab {r[0]} at {int(r[1]):#x}: inter_off {r[2]} {'resolves' if r[4] == '1' else 'has no rtype'}, "
                  f"type_off {r[3]} {'resolves' if r[5] == '1' else 'has no rtype'}")
        if mid in unresolved_itab:
            fail(label, f"{len(unresolved_itab[mid])} of {n_it} itabs do not resolve to an rtype (interface and type)")
        g_cols = [go or "-", f"{fmt_} {goos}/{goarch}", layout, n_tl, n_rt, n_it]

        gr = goresym_reading(os.path.join(goresym_dir, row["sha"] + ".json.gz"))
        if gr is None:
            table.append([label] + g_cols + r_cols)
            continue
        if not gr["types"] and not gr["itabs"]:
            why = known.why(label, "no-types", "")
            if why is None:
                fail(label, f"GoReSym read no types (its error: {gr['error'] or 'none'})")
            else:
                explained += 1
            table.append([label] + g_cols + ["none"] * 4)
            continue
        g_tl = {int(va): s for va, s in typelinked.get(mid, [])}
        g_rt = {int(va): s for va, s in rtypes.get(mid, [])}
        g_it = {int(va): s for va, s in itabs.get(mid, [])}
        r_ty, r_it = gr["types"], gr["itabs"]
        if gr["typelinks"] != n_tl:
            differ(label, "typelinks-count", [(str(gr["typelinks"]), n_tl)],
                   lambda s, d: f"GoReSym's moduledata has {s} typelinks, gotypedb {d}")
        differ(label, "goresym-lacks", [(g_tl[va], va) for va in sorted(g_tl) if va not in r_ty],
               lambda s, d: f"{s!r} at {d:#x}: typelinked, GoReSym did not read it")
        differ(label, "gotypedb-lacks", [(r_ty[va], va) for va in sorted(r_ty) if va not in g_rt],
               lambda s, d: f"{s!r} at {d:#x}: read by GoReSym, no rtype in gotypedb")
        differ(label, "string", [(f"{r_ty[va]} => {g_rt[va]}", va) for va in sorted(r_ty) if va in g_rt and g_rt[va] != r_ty[va]],
               lambda s, d: f"at {d:#x}: GoReSym => gotypedb: {s!r}")
        differ(label, "itab-goresym-lacks", [(g_it[va], va) for va in sorted(g_it) if va not in r_it],
               lambda s, d: f"{s!r} at {d:#x}: GoReSym did not read this itab")
        differ(label, "itab-gotypedb-lacks", [(r_it[va], va) for va in sorted(r_it) if va not in g_it],
               lambda s, d: f"{s!r} at {d:#x}: read by GoReSym, no itab in gotypedb")
        differ(label, "itab-string", [(f"{r_it[va]} => {g_it[va]}", va) for va in sorted(r_it) if va in g_it and g_it[va] != r_it[va]],
               lambda s, d: f"at {d:#x}: GoReSym => gotypedb: {s!r}")
        r_cols = [gr["typelinks"], sum(1 for va in g_tl if va in r_ty), len(r_ty), len(r_it)]
        table.append([label] + g_cols + r_cols)

    for k in known.lines:
        if not k["used"]:
            print(f"note: {known_path}:{k['n']} explained nothing in this run")
    head = ["binary", "go", "format arch", "layout found", "typelinks", "rtypes", "itabs",
            "R typelinks", "R typelinked read", "R types", "R itabs"]
    widths = [max(len(str(r[i])) for r in table + [head]) for i in range(len(head))]
    print()
    for r in [head] + table:
        print("  ".join(str(v).ljust(w) if i < 4 else str(v).rjust(w) for i, (v, w) in enumerate(zip(r, widths))))
    print(f"\n{len(table)} binaries; {explained} differences with GoReSym explained by {known_path}; "
          f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
