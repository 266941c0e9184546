"""A gotypedb database of PATH..., checked against what the oracles read.

Every oracle comparison (compare.py, identity.py, reflect.py) starts here.
A comparison that left out what gotypedb failed on would pass on a decoder
that fails everything, so each of these is a problem that fails the
comparison (Database, for every comparison):

  * `gotypedb index` exits other than 0 (65: some content was corrupt);
  * a content in status 'error' (each is named, with its error);
  * a `gotypedb query` that fails;

and for the export-data comparisons (Indexed, a Database):

  * an archive the oracle reads (`oracle exports`: the files under PATH...
    in which gcexportdata finds export data, listed without asking
    gotypedb) that gotypedb did not index into a unit;
  * no unit at all.

    db = Database(gotypedb, paths, tmpdir)     # or db=DB: given, not indexed
    db.problems    one line per reason to fail
    db.query(sql)  CSV rows without the header
    db.state_of()  path -> what became of the file (status and reason)
    ix = Indexed(gotypedb, oracle, paths, tmpdir)
    ix.path_of     unit id -> one path of its content (what the oracle reads)
    ix.archives    the archives the oracle reads (real paths)

fail_on(problems) ends a comparison the same way for all.
"""
import csv, io, os, subprocess, sys

SHOW = 10  # problems of one kind named in full; the rest are counted


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def fail_on(problems):
    """Names every problem, then exits 1 with "FAILED: <the first>" as the
    last line; returns if there is none."""
    for p in problems:
        print(f"  problem: {p}")
    if problems:
        more = f" (and {len(problems) - 1} more problems above)" if len(problems) > 1 else ""
        print(f"FAILED: {problems[0]}{more}")
        sys.exit(1)


def files_under(paths):
    """Every regular file under PATH... (a file stands for itself), by real
    path, as gotypedb records them."""
    out = set()
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                for n in names:
                    f = os.path.join(root, n)
                    if os.path.isfile(f) and not os.path.islink(f):
                        out.add(os.path.realpath(f))
        else:
            out.add(os.path.realpath(p))
    return sorted(out)


class Database:
    def __init__(self, gotypedb, paths, tmp, db=None):
        self.gotypedb = gotypedb
        self.problems = []
        self.db = db or os.path.join(tmp, "t.db")
        if not db:
            rc, _, err = run([gotypedb, "index", "-d", self.db, "--no-progress"] + paths)
            if rc != 0:
                first = (err.splitlines() or [""])[0]
                self.problems.append(f"gotypedb index exited {rc}, not 0: {first}")
        self._contents_in_error()

    def query(self, sql):
        rc, out, err = run([self.gotypedb, "query", "-d", self.db, "--format", "csv", sql])
        if rc != 0:
            self.problems.append(f"gotypedb query exited {rc}: {err.strip()} (SQL: {' '.join(sql.split())[:200]})")
            return []
        r = list(csv.reader(io.StringIO(out)))
        return r[1:] if r else []

    def _note(self, what, items):
        for i in items[:SHOW]:
            self.problems.append(f"{what}: {i}")
        if len(items) > SHOW:
            self.problems.append(f"{what}: {len(items) - SHOW} more")

    def _contents_in_error(self):
        rows = self.query("SELECT f.path, c.error FROM content c JOIN file f ON f.content_id = c.id "
                          "WHERE c.status = 'error' ORDER BY f.path")
        self.errors = len(rows)
        self._note("content in error", [f"{p}: {e}" for p, e in rows])

    def state_of(self):
        """Every file gotypedb walked -> its content's status and reason, or
        why it has no content."""
        return {p: f"{s or 'no content'} {r or ''}".strip() for p, s, r in self.query(
            "SELECT f.path, c.status, coalesce(c.reason, c.error, f.skip_reason) FROM file f "
            "LEFT JOIN content c ON c.id = f.content_id")}


class Indexed(Database):
    def __init__(self, gotypedb, oracle, paths, tmp):
        super().__init__(gotypedb, paths, tmp)
        self._oracle_archives(oracle, paths)
        units = self.query("SELECT u.id, min(f.path) FROM unit u JOIN file f ON f.content_id = u.content_id "
                           "GROUP BY u.id")
        self.path_of = {uid: p for uid, p in units}
        if not self.path_of:
            self.problems.append("gotypedb indexed 0 units")
        self._archives_indexed()

    def _oracle_archives(self, oracle, paths):
        rc, out, err = run([oracle, "exports"], "".join(f + "\n" for f in files_under(paths)))
        if rc != 0:
            self.problems.append(f"oracle exports exited {rc}: {err.strip()[:400]}")
        self.archives = [l for l in out.splitlines() if l]

    def _archives_indexed(self):
        """Every archive the oracle reads must be a file whose content gotypedb
        made a unit of (copies share one content, hence one unit)."""
        unit_of = dict(self.query("SELECT f.path, u.id FROM file f JOIN unit u ON u.content_id = f.content_id"))
        state = self.state_of()
        missing = [p for p in self.archives if p not in unit_of]
        self._note("archive the oracle reads but gotypedb did not index",
                   [f"{p} ({state.get(p, 'not walked')})" for p in missing])
        self.units_of_archives = len({unit_of[p] for p in self.archives if p in unit_of})

    def summary(self):
        return (f"gotypedb: {len(self.path_of)} units ({self.errors} contents in error); "
                f"the oracle reads {len(self.archives)} archives ({self.units_of_archives} distinct units)")
