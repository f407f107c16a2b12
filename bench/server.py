"""What the benchmarks share: the project root, a gunicorn server of the app on a fresh
instance, logging in as a demo user, timed GETs and percentiles. Standard library only
(plus the demo's logins).

Kept apart from bench/__main__.py so that bench.region and bench.load import it without
importing the command-line entry point (which imports them back).
"""
import http.client
import http.cookiejar
import math
import os
import re
import socket
import subprocess
import sys
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
