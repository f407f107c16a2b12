"""The pages at the region's scale (issue 12), against GET /api/v1/me in the same run.

Usage: .venv/bin/python -m bench region [--factors 1,2] [--requests 20] [--warmup 2]
                                         [--instance DIR] [--keep]

For each factor: a throwaway instance directory, `flask db upgrade` and
`flask demo load --scale region --factor F` (SQLite; and again on DATABASE_URL when it is
set, in a schema of its own), gunicorn with 2 sync workers and REGIE_COUNT_QUERIES=1, then
sequential requests round-robin over the pages as the people whose pages they are:

- `GET /api/v1/me` (the trivial JSON route, the yardstick) and the signals of a student;
- the coordinator `regie@`: /worklist, /cases/, a case page, a student page;
- the officer of 1 school (`leerplicht@`) and of 25 schools (`rmc@`): /attendance/reports;
- a parent: their case page (the portal);
- the region overview (/region, /api/v1/region/overview) when the app has those routes.

The case, the student and the parent are picked at each size as comparable work (the
page of median size among the coordinator's cases, their students, and the first
PARENTS parents; `picks`), so that growth compares the same size of work; the run prints
which and their sizes.
Printed per page: bytes, queries (X-Query-Count), median, p95, × /api/v1/me; the RSS of
the two gunicorn workers before and after the 25-school reports page (from /proc), and,
with more than one factor, each page's median at F× over its median at 1× (the target:
within 1.3×, a page grows with the person's own work, not with the region).
`--instance DIR` (factor 1) or `--instance F=DIR` reuses a directory that already holds a
loaded region (SQLite only), e.g. `--factors 1,4 --instance /tmp/r1 --instance 4=/tmp/r4`.
"""
import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time

from bench.region_server import DOMAIN, RegionServer, request, worker_rss
from bench.server import WORKERS, log_in, percentile

LINK_CASE = re.compile(r'href="/cases/(\d+)"')
LINK_STUDENT = re.compile(r'href="/students/(\d+)"')
TARGET_HTML_MS = 100
TARGET_JSON_X = 3
TARGET_GROWTH = 1.3
PARENTS = 15  # parents whose portal pages are sized to pick the median one


def pages(server, overview=True):
    """[(label, path, headers)] as their people see them; notes for what was skipped."""
    port, notes = server.port, []
    cookies = {key: log_in(port, key) for key in ("regie", "leerplicht", "rmc")}
    token = server.output("users", "token", f"regie@{DOMAIN}").strip().splitlines()[-1]
    api = {"Authorization": f"Bearer {token}"}
    case_id, student_id, portal, parent = picks(server, cookies["regie"])
    cookies["ouder"] = log_in(port, parent)
    result = [
        ("GET /api/v1/me", "/api/v1/me", api),
        ("signals API, one student", f"/api/v1/students/{student_id}/signals", api),
        ("worklist", "/worklist", {"Cookie": cookies["regie"]}),
        ("case list /cases/", "/cases/", {"Cookie": cookies["regie"]}),
        ("case page", f"/cases/{case_id}", {"Cookie": cookies["regie"]}),
        ("student page", f"/students/{student_id}", {"Cookie": cookies["regie"]}),
        ("reports due, 1 school", "/attendance/reports", {"Cookie": cookies["leerplicht"]}),
        ("reports due, 25 schools", "/attendance/reports", {"Cookie": cookies["rmc"]}),
        ("portal (parent's case)", portal, {"Cookie": cookies["ouder"]}),
    ]
    if not overview:
        notes.append("region overview and its API not measured (--no-overview)")
        return result, notes
    analyst = {}
    try:  # the region's analyst (older region databases have none)
        analyst = {"Cookie": log_in(port, "analist")}
        token = server.output("users", "token", f"analist@{DOMAIN}").strip().splitlines()[-1]
        analyst_api = {"Authorization": f"Bearer {token}"}
    except SystemExit as failed:  # log_in and output exit with the reason
        notes.append(f"no analyst login: {str(failed)[:80]}")
        analyst_api = api
    for label, path, headers in (("region overview", "/region", analyst or cookies["rmc"]),
                                 ("region overview API", "/api/v1/region/overview",
                                  analyst_api)):
        status = request(port, path, headers)[0]
        if status == 200:
            result.append((label, path, headers))
        else:
            notes.append(f"{label} ({path}) skipped: it answered {status} "
                         "(the route is not in this build, or needs the analyst role)")
    return result, notes


def median_of(sizes):
    """The key of the median size of {key: bytes} (the lower middle; ties by key)."""
    ordered = sorted(sizes, key=lambda key: (sizes[key], key))
    return ordered[(len(ordered) - 1) // 2]


def picks(server, coordinator):
    """(case id, student id, portal path, parent login key) of comparable work at every
    size: the coordinator's case (of the first page of /cases/) whose case page is the
    median size of them all, the student (of those cases) whose student page is the
    median size, and of the first PARENTS parents by email the one whose portal page is
    the median size. Prints what it picked and the sizes."""
    port = server.port
    _, body, _ = request(port, "/cases/", {"Cookie": coordinator})
    case_ids = sorted(set(int(i) for i in LINK_CASE.findall(body.decode())))
    case_sizes, student_sizes = {}, {}
    for case_id in case_ids:
        _, body, _ = request(port, f"/cases/{case_id}", {"Cookie": coordinator})
        case_sizes[case_id] = len(body)
        student_id = int(LINK_STUDENT.search(body.decode()).group(1))
        if student_id not in student_sizes:
            student_sizes[student_id] = len(request(port, f"/students/{student_id}",
                                                    {"Cookie": coordinator})[1])
    portals = {}
    for key in server.output_of("bench.region_parents", str(PARENTS)).split():
        cookie = log_in(port, key)
        _, _, headers = request(port, "/cases/", {"Cookie": cookie})
        path = headers.get("Location", "/cases/").replace(f"http://127.0.0.1:{port}", "")
        portals[key] = (path, len(request(port, path, {"Cookie": cookie})[1]))
    case_id = median_of(case_sizes)
    student_id = median_of(student_sizes)
    parent = median_of({key: size for key, (_path, size) in portals.items()})

    def spread(sizes):
        return f"{min(sizes) / 1024:.0f}-{max(sizes) / 1024:.0f} KB"
    print(f"picked: case {case_id} ({case_sizes[case_id] / 1024:.0f} KB; {len(case_sizes)} "
          f"cases {spread(case_sizes.values())}), student {student_id} "
          f"({student_sizes[student_id] / 1024:.0f} KB; {len(student_sizes)} students "
          f"{spread(student_sizes.values())}), parent {parent} "
          f"({portals[parent][1] / 1024:.1f} KB; {len(portals)} parents "
          f"{spread([size for _path, size in portals.values()])})")
    return case_id, student_id, portals[parent][0], parent


def measure(port, targets, requests, warmup):
    times = {label: [] for label, _, _ in targets}
    for i in range(warmup + requests):
        for label, path, headers in targets:
            start = time.perf_counter()
            status, _, _ = request(port, path, headers)
            elapsed = time.perf_counter() - start
            if status != 200:
                sys.exit(f"GET {path} ({label}) answered {status}")
            if i >= warmup:
                times[label].append(elapsed)
    return times


def run(label, factor, database_url, requests, warmup, instance=None, keep=False,
        loaded=False, overview=True):
    made = instance is None
    instance_dir = tempfile.mkdtemp(prefix="regie-region-") if made else instance
    url = database_url
    schema = None
    try:
        if database_url and not loaded:
            from bench.attendance_data import postgres_schema

            schema = f"regie_region_{os.getpid()}_{str(factor).replace('.', '_')}"
            url = postgres_schema(database_url, schema)
        server = RegionServer(instance_dir, url)
        load_seconds = server.load(factor) if (made or database_url) and not loaded else None
        with server:
            targets, notes = pages(server, overview)
            before = worker_rss(server.proc.pid)
            for page, path, headers in targets:  # every page twice: both workers warm
                if "25 schools" not in page:
                    request(server.port, path, headers)
                    request(server.port, path, headers)
            warm = worker_rss(server.proc.pid)
            heavy = next(t for t in targets if "25 schools" in t[0])
            for _ in range(6):
                request(server.port, heavy[1], heavy[2])
            after = worker_rss(server.proc.pid)
            info = {}
            for page, path, headers in targets:
                _, body, answer = request(server.port, path, headers)
                info[page] = (len(body), answer.get("X-Query-Count", "?"))
            times = measure(server.port, targets, requests, warmup)
        print(f"\n{label}, region × {factor}: gunicorn {WORKERS} sync workers, {requests} "
              f"sequential requests per page after {warmup} warm-up rounds"
              + (f"; loaded in {load_seconds:.0f} s" if load_seconds else "")
              + f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        base = statistics.median(times["GET /api/v1/me"])
        print(f"{'page':<28}{'bytes':>9}{'queries':>9}{'median ms':>11}{'p95 ms':>9}"
              f"{'× me':>8}  target")
        medians = {}
        for page, values in times.items():
            median = statistics.median(values)
            medians[page] = median
            size, queries = info[page]
            print(f"{page:<28}{size:>9}{queries:>9}{median * 1000:>11.1f}"
                  f"{percentile(values, 0.95) * 1000:>9.1f}{median / base:>8.1f}  "
                  f"{verdict(page, median, base, medians)}")
        print("gunicorn workers, RSS MB (fresh → all other pages twice → 6× reports due of "
              "25 schools; peak):")
        for pid in sorted(after):
            print(f"  worker {pid}: {before.get(pid, (0, 0))[0]:.0f} → "
                  f"{warm.get(pid, (0, 0))[0]:.0f} → {after[pid][0]:.0f} "
                  f"(+{after[pid][0] - warm.get(pid, (0, 0))[0]:.0f} MB for the 25-school "
                  f"page; peak {after[pid][1]:.0f} MB)")
        for note in notes:
            print("  note:", note)
        return medians
    finally:
        if schema:
            from bench.attendance_data import drop_postgres_schema

            drop_postgres_schema(database_url, schema)
        if made and not keep:
            shutil.rmtree(instance_dir, ignore_errors=True)
        elif made:
            print(f"  kept: {instance_dir}")


def verdict(page, median, base, medians):
    if page == "GET /api/v1/me":
        return ""
    if page == "reports due, 25 schools" and "reports due, 1 school" in medians:
        ratio = median / medians["reports due, 1 school"]
        return f"{ratio:.1f}× 1 school ({'ok' if ratio <= 3 else 'MISSED'}: ≤ 3×)"
    if "API" in page:
        ratio = median / base
        return f"{'ok' if ratio <= TARGET_JSON_X else 'MISSED'}: ≤ {TARGET_JSON_X}× me"
    return f"{'ok' if median * 1000 < TARGET_HTML_MS else 'MISSED'}: < {TARGET_HTML_MS} ms"


def growth(label, results):
    factors = sorted(results)
    if len(factors) < 2:
        return
    first = results[factors[0]]
    me = "GET /api/v1/me"
    print(f"\n{label}: each page's median at F× over its median at {factors[0]}× "
          f"(target ≤ {TARGET_GROWTH}); then the same of its × me (the runs at two sizes "
          "are minutes apart: on a shared machine the load drifts, and × me drifts less)")
    print(f"{'page':<28}" + "".join(f"{f'{f}×':>10}{f'{f}× of × me':>14}"
                                    for f in factors[1:]))
    for page in first:
        cells = ""
        for f in factors[1:]:
            grown = results[f].get(page, float("nan")) / first[page]
            cells += f"{grown:>10.2f}{grown / (results[f][me] / first[me]):>14.2f}"
        print(f"{page:<28}{cells}")


def instance_of(value):
    """`DIR` or `F=DIR` → (factor, DIR)."""
    factor, sep, directory = value.partition("=")
    return (float(factor), directory) if sep else (1.0, value)


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench region",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--factors", default="1",
                        help="region sizes, comma-separated (e.g. 1,2 or 1,4)")
    parser.add_argument("--factor", type=float, help="one extra size besides 1 (= --factors 1,F)")
    parser.add_argument("--requests", type=int, default=20, help="measured per page")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured rounds first")
    parser.add_argument("--instance", action="append", default=[],
                        help="reuse an instance directory that holds a loaded SQLite region: "
                             "DIR (factor 1) or F=DIR (factor F); may be given once per factor")
    parser.add_argument("--keep", action="store_true", help="keep the instance directories")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--no-overview", action="store_true",
                        help="leave out the region overview and its API (seconds each at "
                             "the region's size: they dominate a run)")
    parser.add_argument("--loaded", action="store_true",
                        help="DATABASE_URL already holds the region (factor 1): measure it "
                             "as it is, no schema of its own, nothing loaded or dropped")
    args = parser.parse_args(argv)
    factors = [1.0, args.factor] if args.factor else [float(f) for f in args.factors.split(",")]
    instances = dict(instance_of(value) for value in args.instance)
    results = {}
    for factor in factors if args.only != "postgresql" else ():
        reuse = instances.get(factor)
        results[factor] = run("SQLite", factor, None, args.requests, args.warmup, reuse,
                              args.keep, overview=not args.no_overview)
    growth("SQLite", results)
    if os.environ.get("DATABASE_URL") and args.only != "sqlite":
        url = os.environ["DATABASE_URL"]
        results = {f: run("PostgreSQL", f, url, args.requests, args.warmup,
                          loaded=args.loaded, overview=not args.no_overview) for f in factors}
        growth("PostgreSQL", results)
