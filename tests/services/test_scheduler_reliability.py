"""Every due item takes effect exactly once: two schedulers at once, a scheduler killed
with SIGKILL halfway, and a scheduler that was down for days. Real processes running
`flask scheduler tick` against the same database."""
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.mail.models import OutboxMessage
from coordination.notifications.models import Notification
from coordination.scheduler.models import ScheduledItem
from coordination.timeutil import utcnow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def due_items(app, make):
    """plan(n, due_at): n users, each with one unread notification and one due digest item."""
    def plan(n, due_at):
        users = [make.user("coordinator") for _ in range(n)] if n <= 20 else _many_users(n)
        for user in users:
            db.session.add(Notification(user_id=user.id, kind="escalated", values={}))
        db.session.add_all([ScheduledItem(key=f"test:{u.id}", kind="digest", user_id=u.id,
                                          due_at=due_at) for u in users])
        db.session.commit()
        return users
    return plan


def _many_users(n):
    from coordination.accounts.models import User
    users = [User(email=f"many{i}@test.regie.nl", name=f"M {i}", role="coordinator")
             for i in range(n)]
    db.session.add_all(users)
    db.session.commit()
    return users


def tick(app, moment, **popen):
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "MAIL_PORT": "9", "REGIE_ENV": "development"}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "scheduler",
                             "tick", "--now", moment.isoformat()], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **popen)


def outcome():
    db.session.expire_all()
    done = db.session.scalar(sa.select(sa.func.count(ScheduledItem.id)).where(
        ScheduledItem.done_at.is_not(None)))
    mails = db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)))
    distinct = db.session.scalar(sa.select(sa.func.count(sa.distinct(OutboxMessage.to_address))))
    return done, mails, distinct


def test_two_schedulers_at_once_send_each_reminder_once(app, due_items):
    due_items(1000, utcnow() - timedelta(minutes=1))
    moment = utcnow() + timedelta(minutes=1)
    first, second = tick(app, moment), tick(app, moment)
    outputs = [p.communicate(timeout=120)[0].decode() for p in (first, second)]
    assert first.returncode == second.returncode == 0, outputs
    assert outcome() == (1000, 1000, 1000)
    assert sum(int(o.split(": ")[1].split()[0]) for o in outputs) == 1000  # items done


def test_a_scheduler_killed_halfway_loses_and_repeats_nothing(app, due_items):
    due_items(1500, utcnow() - timedelta(minutes=1))
    moment = utcnow() + timedelta(minutes=1)
    victim = tick(app, moment)
    deadline = time.monotonic() + 60
    while outcome()[0] < 100 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    victim.stdout.close()
    halfway = outcome()[0]
    assert 0 < halfway < 1500, "the kill should land halfway"
    survivor = tick(app, moment)
    survivor.communicate(timeout=120)
    assert survivor.returncode == 0
    assert outcome() == (1500, 1500, 1500)


def test_after_three_days_down_each_missed_reminder_runs_once(app, due_items):
    now = utcnow() + timedelta(minutes=1)
    for day in (3, 2, 1):
        due_items(5, now - timedelta(days=day))
    first = tick(app, now)
    first.communicate(timeout=60)
    again = tick(app, now)
    out = again.communicate(timeout=60)[0].decode()
    assert outcome() == (15, 15, 15)
    assert ": 0 due item(s) done" in out


def test_scheduler_run_is_its_own_process_and_ticks_at_once(app, due_items):
    due_items(3, utcnow() - timedelta(minutes=1))
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "MAIL_PORT": "9", "REGIE_ENV": "development"}
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "scheduler", "run"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    try:
        lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
                line.startswith("tick ") for line in lines):
            lines.append(process.stdout.readline())
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
    assert any(": 3 due item(s) done" in line for line in lines), lines
