"""Browser tests against the real app: gunicorn with two workers on a fresh SQLite demo.

The server is started once per session, after `flask db upgrade` and `flask demo load`
in a throwaway instance directory. The browser is Debian's chromium, driven by
Playwright; without /usr/bin/chromium the tests are skipped (REQUIRE_BROWSER=1: failed).
"""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP_SECONDS = 30


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(instance_dir):
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # always a fresh SQLite file in instance_dir
    env.update(REGIE_ENV="development", REGIE_INSTANCE_DIR=str(instance_dir),
               SECRET_KEY="e2e-secret-key-not-for-production", PYTHONUNBUFFERED="1",
               MAIL_PORT=str(_free_port()))  # not the mail catcher of a running `make run`
    return env


def _run_flask(env, *args):
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    if done.returncode:
        pytest.fail(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def _wait_until_up(proc, url, log_path):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"gunicorn exited with {proc.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.1)
    pytest.fail(f"{url} did not answer within {STARTUP_SECONDS} s:\n{log_path.read_text()}")


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory):
    """The served app's instance folder; its SQLite file is `regie.db`."""
    return tmp_path_factory.mktemp("e2e-instance")


@pytest.fixture(scope="session")
def base_url(instance_dir):
    """URL of the app served by gunicorn (2 workers) on a fresh demo database."""
    env = _server_env(instance_dir)
    _run_flask(env, "db", "upgrade")
    _run_flask(env, "demo", "load")
    port = _free_port()
    log_path = instance_dir / "gunicorn.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "2",
             "wsgi:app"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(proc, f"{url}/login", log_path)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, executable_path=CHROMIUM,
                                    args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, base_url):
    """open_page(viewport=None) -> a page in a fresh context (own cookies); closed after."""
    contexts = []

    def _open(viewport=None):
        options = {"base_url": base_url}
        if viewport:
            options["viewport"] = viewport
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()

