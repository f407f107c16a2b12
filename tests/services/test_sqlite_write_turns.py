"""SQLite has one write lock and no queue for it. While the scheduler works off a backlog
of due items (a transaction per item, one after another), a web request's audit write
must still get the lock within its busy timeout. A real scheduler process (`flask
scheduler tick`) and this process's writes, against the same SQLite file."""
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from coordination.accounts.models import User
from coordination.audit.models import AuditEvent
from coordination.audit.services import record
from coordination.extensions import db
from coordination.notifications.models import Notification
from coordination.scheduler.models import ScheduledItem
from coordination.timeutil import utcnow

ROOT = Path(__file__).resolve().parents[2]
ITEMS = 200
BUSY_TIMEOUT = 1.0  # seconds: short, so that waiting behind the backlog would show


@pytest.fixture
def database_url(tmp_path, sqlite_template):
    """SQLite only: PostgreSQL queues its waiting writers itself."""
    path = tmp_path / "regie.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def app_config():
    return {"SQLITE_BUSY_TIMEOUT_SECONDS": BUSY_TIMEOUT}


def _backlog(n):
    """n users, each with an unread notification and a digest due a minute ago."""
    users = [User(email=f"backlog{i}@test.regie.nl", name=f"B {i}", role="coordinator")
             for i in range(n)]
    db.session.add_all(users)
    db.session.flush()
    db.session.add_all([Notification(user_id=u.id, kind="escalated", values={})
                        for u in users])
    db.session.add_all([ScheduledItem(key=f"backlog:{u.id}", kind="digest", user_id=u.id,
                                      due_at=utcnow() - timedelta(minutes=1)) for u in users])
    db.session.commit()
    return users[0]


DONE = sa.select(sa.func.count(ScheduledItem.id)).where(ScheduledItem.done_at.is_not(None))


def test_requests_write_while_the_scheduler_works_off_a_backlog(app):
    actor = _backlog(ITEMS)
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "MAIL_PORT": "9", "REGIE_ENV": "development",
           "SQLITE_BUSY_TIMEOUT_SECONDS": str(BUSY_TIMEOUT)}
    moment = utcnow() + timedelta(minutes=1)
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "scheduler", "tick", "--now",
         moment.isoformat()], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    amid, errors = [], []  # writes made while the scheduler was amid its items; failures
    engine = db.engine

    def request_writes():
        """What a page does last: one audit event and a commit, on its own connection."""
        while scheduler.poll() is None:
            with engine.connect() as connection:
                before = connection.scalar(DONE)
                try:
                    connection.execute(sa.insert(AuditEvent).values(
                        actor_id=actor.id, actor_role=actor.role, action="worklist.read"))
                    connection.commit()
                except sa.exc.OperationalError as exc:  # "database is locked"
                    errors.append(exc)
                    return
                if 0 < before < ITEMS and 0 < connection.scalar(DONE) < ITEMS:
                    amid.append(before)
            time.sleep(0.02)

    requests = [threading.Thread(target=request_writes) for _ in range(2)]  # 2 web workers
    for thread in requests:
        thread.start()
    output = scheduler.communicate(timeout=300)[0].decode()
    for thread in requests:
        thread.join()
    assert errors == []
    assert scheduler.returncode == 0, output
    assert f": {ITEMS} due item(s) done, 0 failed" in output, output
    assert len(amid) >= 10, f"only {len(amid)} writes amid the backlog: no contention shown"


def test_a_request_that_read_first_waits_for_the_write_lock(app, make):
    """A page reads, then writes its audit event. The reads run outside a transaction and
    are over before the write begins one, so the write waits for another connection's
    write lock (in the busy handler) instead of failing at once as a read lock that has
    to be upgraded would."""
    actor = make.user("coordinator")
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    holding, release = threading.Event(), threading.Event()

    def other_writer():
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO audit_events (action, at) VALUES ('other', "
                      "'2026-01-01 00:00:00')")
        holding.set()
        release.wait(10)
        other.execute("COMMIT")
        other.close()

    writer = threading.Thread(target=other_writer)
    writer.start()
    try:
        assert holding.wait(10)
        assert db.session.scalars(sa.select(User)).all() == [actor]  # the page's reads
        threading.Timer(0.3, release.set).start()  # the other commits while this waits
        record(actor, "worklist.read", on="2026-01-01", count=0)
        db.session.commit()
    finally:
        release.set()
        writer.join()
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert sorted(actions) == ["other", "worklist.read"]
