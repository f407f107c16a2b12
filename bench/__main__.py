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
import http.client
import http.cookiejar
import math
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from coordination.demo import loader  # noqa: E402  (demo logins, no app needed)

WORKERS = 2
STARTUP_SECONDS = 30
TRIVIAL = "/api/v1/openapi.json"
CASE_CARD = re.compile(r'<li class="card">.*?</li>', re.S)
CASE_LINK = re.compile(r'<a href="(/cases/\d+)">')
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn on a migrated database with the demo loaded; a context manager."""

    def __init__(self, instance_dir, database_url=None):
        self.env = dict(os.environ, REGIE_ENV="development",
                        REGIE_INSTANCE_DIR=str(instance_dir),
                        SECRET_KEY="bench-secret-key-not-for-production")
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.port = free_port()
        self.log_path = Path(instance_dir) / "gunicorn.log"
        self.proc = None

    def flask(self, *args):
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args],
                              cwd=ROOT, env=self.env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"flask {' '.join(args)} failed:\n{done.stdout}{done.stderr}")

    def __enter__(self):
        self.flask("db", "upgrade")
        self.flask("demo", "load", "--if-empty")
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{self.port}",
                 "-w", str(WORKERS), "wsgi:app"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                status, _ = get(self.port, "/login")
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        sys.exit(f"the app did not start:\n{self.log_path.read_text()}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __exit__(self, *exc):
        self.stop()


def get(port, path, cookie=None):
    """One GET on a new connection: (status, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def log_in(port, key="regie"):
    """Log in through the form (CSRF token included); return the Cookie header value."""
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/login").read().decode()
    token = CSRF.search(form)
    data = {"email": f"{key}@{loader.DOMAIN}", "password": loader.DEMO_PASSWORD}
    if token:
        data["csrf_token"] = token.group(1)
    with opener.open(f"{base}/login", urllib.parse.urlencode(data).encode()) as response:
        if urllib.parse.urlsplit(response.url).path == "/login":
            sys.exit(f"logging in as {data['email']} failed")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(port, cookie, paths, requests, warmup):
    """Seconds per request for each path, sent round-robin so drift hits all alike."""
    times = {path: [] for path in paths}
    for i in range(warmup + requests):
        for path in paths:
            start = time.perf_counter()
            status, body = get(port, path, cookie)
            elapsed = time.perf_counter() - start
            if status != 200:
                sys.exit(f"GET {path} answered {status} (session lost?)")
            if i >= warmup:
                times[path].append(elapsed)
    return times


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
