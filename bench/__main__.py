"""Latency of the main pages against a trivial endpoint of the same app, in one run.

Usage (from the project root): .venv/bin/python -m bench [--requests N] [--warmup N]
    .venv/bin/python -m bench attendance [...]   (bench/attendance.py: import and scan)
    .venv/bin/python -m bench scheduler          (bench/scheduler.py: the tick at scale)
    .venv/bin/python -m bench upload [--mb 50]   (bench/upload.py: a large attendance upload)
    .venv/bin/python -m bench region [...]       (bench/region.py: the pages at region scale)
    .venv/bin/python -m bench load [...]         (bench/load.py: Locust, 50 users)
    .venv/bin/python -m bench all                (latency and attendance, default options)

Starts the app as deployed (gunicorn, 2 sync workers) on a fresh SQLite demo database,
logs in as the demo coordinator and sends sequential requests, round-robin over the
endpoints, one new connection each (sync workers close the connection after every
response). With DATABASE_URL set, the same is measured again on that database.
Standard library only.
"""
import argparse
import os
import re
import statistics
import sys
import tempfile

from bench.server import (
    CASE_CARD,
    CASE_LINK,
    TRIVIAL,
    WORKERS,
    Server,
    get,
    log_in,
    measure,
    percentile,
)


def run(label, database_url, requests, warmup):
    with tempfile.TemporaryDirectory(prefix="regie-bench-") as instance_dir:
        with Server(instance_dir, database_url) as server:
            cookie = log_in(server.port)
            status, body = get(server.port, "/cases/", cookie)
            cards = CASE_CARD.findall(body.decode())
            mine = [CASE_LINK.search(card).group(1) for card in cards if "<strong>" in card]
            if status != 200 or not mine:
                sys.exit(f"the case list shows no case the coordinator coordinates ({status})")
            case_page = mine[0]  # the case page as its coordinator sees it, forms included
            sizes = {p: len(get(server.port, p, cookie)[1])
                     for p in (TRIVIAL, "/cases/", case_page)}
            times = measure(server.port, cookie, list(sizes), requests, warmup)
    base = statistics.median(times[TRIVIAL])
    print(f"\n{label}: gunicorn {WORKERS} sync workers, {requests} sequential requests per "
          f"endpoint after {warmup} warm-up rounds, {len(cards)} cases in the list")
    print(f"{'endpoint':<26}{'bytes':>8}{'median ms':>11}{'p95 ms':>9}{'× trivial':>11}")
    for path, values in times.items():
        median = statistics.median(values)
        print(f"GET {path:<22}{sizes[path]:>8}{median * 1000:>11.2f}"
              f"{percentile(values, 0.95) * 1000:>9.2f}{median / base:>11.1f}")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["attendance"]:
        from bench import attendance
        return attendance.main(argv[1:])
    if argv[:1] == ["scheduler"]:
        from bench import scheduler
        return scheduler.main(argv[1:])
    if argv[:1] == ["upload"]:
        from bench import upload
        return upload.main(argv[1:])
    if argv[:1] == ["region"]:
        from bench import region
        return region.main(argv[1:])
    if argv[:1] == ["load"]:
        from bench import load
        return load.main(argv[1:])
    if argv[:1] == ["all"]:
        latency(argv[1:])
        from bench import attendance
        return attendance.main([])
    return latency(argv)


def latency(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.split("\n")[0],
        epilog="Also: python -m bench attendance [--help] (import and region scan at scale); "
               "python -m bench all (both).")
    parser.add_argument("--requests", type=int, default=300, help="measured per endpoint")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured rounds first")
    args = parser.parse_args(argv)
    run("SQLite (fresh demo database)", None, args.requests, args.warmup)
    if os.environ.get("DATABASE_URL"):
        url = os.environ["DATABASE_URL"]
        shown = re.sub(r"//[^@/]*@", "//…@", url)
        run(f"DATABASE_URL {shown}", url, args.requests, args.warmup)


if __name__ == "__main__":
    main()
