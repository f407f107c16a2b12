"""The server the region bench (bench/region.py) and the load test (bench/load.py) run
against: gunicorn on a database that holds the region, counting queries; one GET at a
time on a new connection, and the RSS of the workers from /proc."""
import http.client
import os
import subprocess
import sys
import time

from bench.server import ROOT, WORKERS, Server

DOMAIN = "demo.regie.nl"


def request(port, path, headers=None):
    """One GET on a new connection: (status, body, headers)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def worker_rss(master_pid):
    """{pid: (RSS MB, peak RSS MB)} of the gunicorn master's children, from /proc."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            if ppid != master_pid:
                continue
            fields = {}
            with open(f"/proc/{entry}/status") as status:
                for line in status:
                    key, _, value = line.partition(":")
                    fields[key] = value
            found[int(entry)] = (int(fields["VmRSS"].split()[0]) / 1024,
                                 int(fields["VmHWM"].split()[0]) / 1024)
        except (OSError, ValueError, KeyError, IndexError):
            continue
    return found


class RegionServer(Server):
    """gunicorn on a database that already holds the region; counts queries."""

    def __init__(self, instance_dir, database_url=None):
        super().__init__(instance_dir, database_url)
        self.env["REGIE_COUNT_QUERIES"] = "1"
        self.env["LOGIN_RATE_LIMIT"] = "1000 per minute"

    def output(self, *args):
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args],
                              cwd=ROOT, env=self.env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"flask {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def output_of(self, module, *args):
        """What `python -m module args` prints, run with the server's environment."""
        done = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"{module} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def load(self, factor):
        self.flask("db", "upgrade")
        start = time.perf_counter()
        out = self.output("demo", "load", "--scale", "region", "--factor", str(factor),
                          "--quiet")
        print(out.rstrip())
        return time.perf_counter() - start

    def __enter__(self):
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{self.port}",
                 "-w", str(WORKERS), "--timeout", "300", "wsgi:app"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if request(self.port, "/login")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        sys.exit(f"the app did not start:\n{self.log_path.read_text()}")
