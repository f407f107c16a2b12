"""The scheduler's tick at scale (issue 5): a tick with 100,000 planned items of which none
is due should cost about as much as with 100 (the pending index, not a scan); with 1,000
due items, the throughput. Fresh SQLite databases, same run.

    .venv/bin/python -m bench scheduler
"""
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("REGIE_INSTANCE_DIR", tempfile.mkdtemp(prefix="regie-bench-"))

from sqlalchemy import insert  # noqa: E402

from bench.attendance_data import app_for, migrate  # noqa: E402
from coordination import jobs  # noqa: E402
from coordination.accounts.models import User  # noqa: E402
from coordination.extensions import db  # noqa: E402
from coordination.notifications.models import Notification  # noqa: E402
from coordination.scheduler.models import ScheduledItem  # noqa: E402
from coordination.timeutil import utcnow  # noqa: E402


def fresh_app(folder, name):
    url = f"sqlite:///{Path(folder) / name}"
    migrate(url)
    app = app_for(url)
    app.config["MAIL_PORT"] = 9  # nothing listens: mail stays queued, as the bench wants
    return app


def planned(app, count, due_in):
    now = utcnow()
    rows = [{"key": f"bench:{due_in.days}:{i}", "kind": "digest", "user_id": None,
             "due_at": now + due_in, "attempts": 0} for i in range(count)]
    with app.app_context():
        for start in range(0, count, 10_000):
            db.session.execute(insert(ScheduledItem.__table__), rows[start:start + 10_000])
        db.session.commit()


def time_ticks(app, repeats=7):
    times = []
    with app.app_context():
        for _ in range(repeats):
            began = time.perf_counter()
            jobs.tick(utcnow())
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def due_throughput(app, count=1000):
    with app.app_context():
        users = [User(email=f"b{i}@bench.nl", name=f"B {i}", role="coordinator")
                 for i in range(count)]
        db.session.add_all(users)
        db.session.flush()
        db.session.add_all([Notification(user_id=u.id, kind="escalated", values={}) for u in users])
        db.session.add_all([ScheduledItem(key=f"due:{u.id}", kind="digest", user_id=u.id,
                                          due_at=utcnow() - timedelta(minutes=1)) for u in users])
        db.session.commit()
        began = time.perf_counter()
        result = jobs.tick(utcnow() + timedelta(minutes=1))
        return result["items"], time.perf_counter() - began


def main(argv=None):
    with tempfile.TemporaryDirectory() as folder:
        small, large = fresh_app(folder, "small.db"), fresh_app(folder, "large.db")
        planned(small, 100, timedelta(days=30))
        planned(large, 100_000, timedelta(days=30))
        t_small, t_large = time_ticks(small), time_ticks(large)
        done, seconds = due_throughput(fresh_app(folder, "due.db"))
    print("Scheduler tick (SQLite), median of 7 ticks, nothing due:")
    print(f"  100 planned items        {t_small * 1000:8.1f} ms")
    print(f"  100,000 planned items    {t_large * 1000:8.1f} ms   ratio {t_large / t_small:.2f}")
    print(f"1,000 due items: {done} done in {seconds:.2f} s = {done / seconds:,.0f} items/s "
          "(each its own transaction with a notification and a queued mail; "
          "includes the refused SMTP attempts)")


if __name__ == "__main__":
    sys.exit(main())
