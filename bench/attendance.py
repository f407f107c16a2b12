"""Attendance at scale (issue 4): the CSV import against a plain bulk insert of the same
rows, and the region scan at 1×, 2× and 4× its size, with ratios measured in one run.

Usage (from the project root): .venv/bin/python -m bench attendance [--scale 1]
    [--factors 1,2,4] [--only import|scan] [--seed 4]

Fresh SQLite files in a temporary directory; with DATABASE_URL set, the import is
measured on that server too, in schemas of its own that are dropped afterwards (and the
scan as well with --scan-postgres). Every measurement runs in a fresh process, so the
peak RSS printed is that measurement's own.
"""
import argparse
import multiprocessing
import os
import random
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from time import perf_counter

from bench import attendance_data as data
from bench.attendance_region import SCAN_ON, insert_absences
from bench.attendance_runs import (
    timed_import,
    timed_plain_insert,
    timed_raw_limit,
    timed_scan,
)
from coordination.extensions import db

IMPORT_STUDENTS = 30_000
IMPORT_ROWS = 1_000_000
SCHOOLS = 10                 # at 1×: 10 schools of 3,000 students
SCHOOL_STUDENTS = 3_000
ROWS_PER_STUDENT = 100       # at 1×: 3,000,000 absence rows
IMPORT_TARGET = 3.0          # issue 4: the import within 3× of the plain insert
RAW_TARGET = 3.0             # issue 12: and within 3× of the raw limit


def in_child(function, *args):
    """function(*args) in a freshly spawned process (its own peak RSS); the result."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


class Backend:
    """Hands out fresh migrated databases: SQLite files in `directory`, or schemas on the
    DATABASE_URL server (`base_url`), dropped by close()."""

    def __init__(self, label, directory, base_url=None):
        self.label, self.directory, self.base_url = label, directory, base_url
        self.schemas = []

    def fresh(self, name):
        if self.base_url is None:
            url = f"sqlite:///{os.path.join(self.directory, name)}.db"
        else:
            schema = f"regie_bench_{os.getpid()}_{name}"
            self.schemas.append(schema)
            url = data.postgres_schema(self.base_url, schema)
        data.migrate(url)
        return url

    def close(self):
        for schema in self.schemas:
            data.drop_postgres_schema(self.base_url, schema)
        self.schemas = []


def prepare_import_db(url, students, seed):
    """One school of region midden with its students and an admin; returns the admin id."""
    with data.app_for(url).app_context():
        actor_id = data.add_importer()
        data.add_students(data.add_school(1), students, random.Random(seed))
        db.engine.dispose()
    return actor_id


def import_bench(backend, csv_path, students, rows, seed):
    """The plain insert and import_csv of the same file, each into its own fresh database."""
    plain_url = backend.fresh("plain")
    prepare_import_db(plain_url, students, seed)
    import_url = backend.fresh("import")
    actor_id = prepare_import_db(import_url, students, seed)
    plain = in_child(timed_plain_insert, plain_url, csv_path)
    imported = in_child(timed_import, import_url, csv_path, actor_id)
    raw = in_child(timed_raw_limit, plain_url, csv_path)
    if imported["errors"] or imported["stored"] != rows or plain["stored"] != rows:
        sys.exit(f"the import did not store the {rows} rows: {imported} / plain {plain}")
    result = {"backend": backend.label, "rows": rows, "plain": plain, "import": imported,
              "raw": raw, "ratio": imported["seconds"] / plain["seconds"],
              "raw_ratio": imported["seconds"] / raw["seconds"],
              # SQLite works in this process: its CPU time is the work, whatever else the
              # machine runs (PostgreSQL's share is in the server, not counted here).
              "raw_cpu_ratio": imported["cpu"] / raw["cpu"] if backend.base_url is None
              else None}
    print_import(result)
    return result


def grow_region(url, schools, target_schools, per_school, per_student, rng):
    """Add schools (with students and absences) until there are `target_schools`; returns
    the number of absence rows added."""
    added = 0
    with data.app_for(url).app_context():
        while schools < target_schools:
            schools += 1
            ids = data.add_students(data.add_school(schools), per_school, rng)
            added += insert_absences(db.engine, ids, per_student, rng)
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:  # what autovacuum would soon do in production
                conn.exec_driver_sql("ANALYZE")
        db.engine.dispose()
    return added


def scan_bench(backend, factors, per_school, seed):
    """scan() over every student at each factor; the database grows from one to the next."""
    url, rng = backend.fresh("scan"), random.Random(seed)
    results, rows = [], 0
    for factor in factors:
        start = perf_counter()
        schools = results[-1]["schools"] if results else 0
        rows += grow_region(url, schools, SCHOOLS * factor, per_school, ROWS_PER_STUDENT, rng)
        setup = perf_counter() - start
        measured = in_child(timed_scan, url, SCAN_ON)
        result = {"backend": backend.label, "factor": factor, "schools": SCHOOLS * factor,
                  "students": SCHOOLS * factor * per_school, "rows": rows, "setup": setup,
                  **measured}
        results.append(result)
        print_scan(result, results[0])
    counts = ", ".join(f"{code} {n:,}" for code, n in sorted(results[0]["counts"].items()))
    print(f"  signals at {factors[0]}× ({results[0]['students']:,} students): {counts or 'none'}")
    return results


# --- output ------------------------------------------------------------------------------

def rss(measured):
    return f"{measured['rss_peak']:.0f} MB (+{measured['rss_peak'] - measured['rss_before']:.0f})"


def print_import(result):
    rows = result["rows"]
    print(f"\nImport of {rows:,} rows ({result['backend']}), each into a fresh database:")
    for name, label in (("raw", "raw limit (parsed rows, scratch table)"),
                        ("plain", "plain bulk insert (executemany)"),
                        ("import", "import_csv (validate, stage, merge)")):
        measured = result[name]
        print(f"  {label:<38}{measured['seconds']:>8.1f} s{rows / measured['seconds']:>10,.0f}"
              f" rows/s   CPU {measured['cpu']:.1f} s   peak RSS {rss(measured)}")
    verdict = "within" if result["ratio"] <= IMPORT_TARGET else "NOT within"
    print(f"  import / plain: {result['ratio']:.2f}× ({verdict} the {IMPORT_TARGET:g}× target)")
    verdict = "within" if result["raw_ratio"] <= RAW_TARGET else "NOT within"
    print(f"  import / raw limit: {result['raw_ratio']:.2f}× ({verdict} the {RAW_TARGET:g}× "
          "target of issue 12)")
    if result["raw_cpu_ratio"] is not None:
        print(f"  import / raw limit in CPU time of the process: {result['raw_cpu_ratio']:.2f}×")


def print_scan(result, first):
    if result is first:
        print(f"\nRegion scan on {SCAN_ON} ({result['backend']}), every student of region "
              f"midden; the database grows from one size to the next:")
        print(f"  {'size':<6}{'students':>10}{'rows':>12}{'setup s':>9}{'scan s':>9}"
              f"{'µs/student':>12}{'× 1×':>7}  peak RSS")
    growth = result["seconds"] / first["seconds"]
    print(f"  {result['factor']}×{'':<4}{result['students']:>10,}{result['rows']:>12,}"
          f"{result['setup']:>9.1f}{result['seconds']:>9.1f}"
          f"{result['seconds'] / result['students'] * 1e6:>12.0f}{growth:>7.2f}  {rss(result)}")


def print_summary(imports, scans, seconds):
    print(f"\nSummary (whole run {seconds / 60:.1f} min)")
    print(f"  {'measurement':<34}{'backend':<14}{'seconds':>9}  ratio (baseline; target)")
    for result in imports:
        ok = "ok" if result["ratio"] <= IMPORT_TARGET else "MISSED"
        print(f"  {'import ' + format(result['rows'], ',') + ' rows':<34}{result['backend']:<14}"
              f"{result['import']['seconds']:>9.1f}  {result['ratio']:.2f}× the plain insert "
              f"of {result['plain']['seconds']:.1f} s (≤ {IMPORT_TARGET:g}×: {ok})")
        ok = "ok" if result["raw_ratio"] <= RAW_TARGET else "MISSED"
        cpu = (f"; CPU {result['raw_cpu_ratio']:.2f}×" if result["raw_cpu_ratio"] is not None
               else "")
        print(f"  {'':<34}{'':<14}{'':>9}  {result['raw_ratio']:.2f}× the raw limit "
              f"of {result['raw']['seconds']:.1f} s (≤ {RAW_TARGET:g}×: {ok}{cpu})")
    for results in scans:
        first = results[0]
        for result in results:
            label = f"scan {result['factor']}× ({result['students']:,} students)"
            growth = result["seconds"] / first["seconds"]
            linear = result["factor"] / first["factor"]
            print(f"  {label:<34}{result['backend']:<14}{result['seconds']:>9.1f}  "
                  f"{growth:.2f}× the {first['factor']}× scan (linear: {linear:g}×, "
                  f"growth/linear {growth / linear:.2f})")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench attendance",
        description="The attendance import against a plain bulk insert, and the region "
                    "scan at growing sizes (issue 4); see bench/README.md.")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply students and rows of both benches (e.g. 0.1: quick)")
    parser.add_argument("--factors", default="1,2,4", help="region sizes, multiples of 1×")
    parser.add_argument("--only", choices=("import", "scan"), help="run one bench only")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--scan-postgres", action="store_true",
                        help="with DATABASE_URL: run the region scan there too")
    return parser.parse_args(argv)


def backends(directory, scan_postgres):
    """[(backend, also scan there?)]: SQLite, then DATABASE_URL's server if set."""
    found = [(Backend("SQLite", directory), True)]
    if os.environ.get("DATABASE_URL"):
        url = os.environ["DATABASE_URL"]
        if not url.startswith("postgresql"):
            sys.exit("DATABASE_URL: only PostgreSQL is supported by this bench")
        found.append((Backend("PostgreSQL", directory, url), scan_postgres))
    return found


def run(args, directory):
    students = max(1, round(IMPORT_STUDENTS * args.scale))
    rows = max(1, round(IMPORT_ROWS * args.scale))
    factors = [int(f) for f in args.factors.split(",")]
    csv_path = os.path.join(directory, "absences.csv")
    imports, scans = [], []
    if args.only != "scan":
        start = perf_counter()
        data.write_import_csv(csv_path, students, rows, args.seed)
        print(f"wrote {rows:,} rows for {students:,} students to the import file "
              f"({os.path.getsize(csv_path) / 1e6:.0f} MB) in {perf_counter() - start:.1f} s")
    for backend, scan_there in backends(directory, args.scan_postgres):
        try:
            if args.only != "scan":
                imports.append(import_bench(backend, csv_path, students, rows, args.seed))
            if args.only != "import" and scan_there:
                per_school = max(1, round(SCHOOL_STUDENTS * args.scale))
                scans.append(scan_bench(backend, factors, per_school, args.seed))
        finally:
            backend.close()
    return imports, scans


def main(argv=None):
    args = parse_args(argv)
    start = perf_counter()
    with tempfile.TemporaryDirectory(prefix="regie-bench-attendance-") as directory:
        # Read by the app in this process and in every spawned one.
        os.environ["REGIE_INSTANCE_DIR"] = directory
        os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
        os.environ.setdefault("REGIE_ENV", "development")  # a loopback PUBLIC_URL
        imports, scans = run(args, directory)
    print_summary(imports, scans, perf_counter() - start)


if __name__ == "__main__":
    main()
