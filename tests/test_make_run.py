"""`make run` as a newcomer uses it: the web, the scheduler and the mail catcher start
together; an invitation sent through the web is mailed by the scheduler, read in the
development mailbox and accepted by the new parent; one Ctrl-C stops everything.

Runs the real `make run` (Procfile.dev through honcho) on free ports with a throwaway
instance folder, and talks to it over HTTP like a browser without JavaScript would.
"""
import html
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from coordination.demo import loader

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 240  # setup check, migrations and the demo region (argon2, 600 students)
MAIL_SECONDS = 60
PARENT = "nieuwe.ouder@example.nl"
PASSWORD = "een zin die ik onthoud"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """Cookies and form posts over plain HTTP; redirects are followed."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        url = path if path.startswith("http") else self.base + path
        with self.opener.open(url, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def post(self, path, fields, token_from):
        """Post `fields` with the CSRF token of the page at `token_from`."""
        _, page = self.get(token_from)
        data = urllib.parse.urlencode({**fields, "csrf_token": CSRF.search(page)[1]}).encode()
        with self.opener.open(self.base + path, data=data, timeout=30) as response:
            return response.geturl(), response.read().decode()


def wait_for(what, check, seconds, proc, log):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"make run exited with {proc.returncode} while waiting for {what}:\n"
                        f"{log.read_text()}")
        try:
            found = check()
        except (urllib.error.URLError, ConnectionError, OSError):
            found = None
        if found:
            return found
        time.sleep(0.5)
    pytest.fail(f"no {what} within {seconds} s:\n{log.read_text()}")


def processes_with(marker):
    """The pids of running processes whose environment holds the marker."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:  # ended meanwhile, or not ours
                pass
    return found


def listening(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def invitation_link(mailbox_page, address):
    """The invitation link in the newest message to `address` on the mailbox page."""
    for message in mailbox_page.split('class="card mailbox__message"')[1:]:
        if address in message:
            found = re.search(r'<a href="([^"]*/welcome/[^"]+)">', message)
            return html.unescape(found[1]) if found else None
    return None


@pytest.fixture
def make_run(tmp_path):
    """`make run` in its own process group (a terminal's foreground job), on free ports."""
    if not shutil.which("make") or not Path("/proc/self/environ").exists():
        pytest.skip("needs make and /proc")
    web, mail, marker = free_port(), free_port(), f"regie-make-run-{uuid.uuid4()}"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "PUBLIC_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(REGIE_INSTANCE_DIR=str(tmp_path), WEB_PORT=str(web), MAIL_PORT=str(mail),
               SCHEDULER_TICK_SECONDS="2", SECRET_KEY="make-run-test-secret",
               REGIE_TEST_MARKER=marker)
    log = tmp_path / "make-run.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    run = {"proc": proc, "log": log, "web": web, "mail": mail, "marker": marker,
           "instance": tmp_path}
    try:
        yield run
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for pid in processes_with(marker):  # never leave a stray server behind
            os.kill(pid, signal.SIGKILL)


def test_make_run_mails_an_invitation_the_new_parent_accepts_then_ctrl_c_stops_all(make_run):
    proc, log, web = make_run["proc"], make_run["log"], make_run["web"]
    base = f"http://127.0.0.1:{web}"
    coordinator = Browser(base)
    wait_for("login page", lambda: coordinator.get("/login"), STARTUP_SECONDS, proc, log)

    banner = log.read_text()
    assert f"web        {base}" in banner and "scheduler  a tick every 2 s" in banner
    assert f"read it at {base}/dev/mailbox" in banner
    assert f"regie@{loader.DOMAIN}" in banner and loader.DEMO_PASSWORD in banner

    url, _ = coordinator.post("/login", {"email": f"regie@{loader.DOMAIN}",
                                         "password": loader.DEMO_PASSWORD}, "/login")
    assert not url.endswith("/login")
    with sqlite3.connect(make_run["instance"] / "regie.db") as db:
        [(case_id,)] = db.execute(
            "SELECT c.id FROM cases c JOIN users u ON u.id = c.coordinator_id "
            "WHERE u.email = ? AND c.status = 'open' ORDER BY c.id LIMIT 1",
            (f"regie@{loader.DOMAIN}",)).fetchall()
    case = f"/cases/{case_id}"
    url, _ = coordinator.post(f"{case}/members", {"email": PARENT, "name": "Nieuwe Ouder",
                                                  "role": "parent"}, case)
    assert url.endswith(case)

    # The web only queued the mail; the scheduler sends it to the catcher within a tick.
    mailbox = Browser(base)
    link = wait_for("invitation in the mailbox",
                    lambda: invitation_link(mailbox.get("/dev/mailbox")[1], PARENT),
                    MAIL_SECONDS, proc, log)
    assert link.startswith(f"{base}/welcome/")

    parent = Browser(base)
    url, page = parent.get(link)
    assert url == f"{base}/welcome" and 'name="password"' in page  # token left the URL
    url, page = parent.post("/welcome", {"password": PASSWORD, "repeat": PASSWORD}, "/welcome")
    assert url == base + case and "Nieuwe Ouder" in page

    # One Ctrl-C: the terminal sends SIGINT to the foreground process group.
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while processes_with(make_run["marker"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_with(make_run["marker"]) == [], log.read_text()
    assert not listening(web) and not listening(make_run["mail"])
    stopped = log.read_text()
    assert all(f"{name}.1 stopped" in stopped for name in ("web", "scheduler", "mail"))
