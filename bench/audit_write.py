"""What the audit write of a read costs on the database (issue 12: the signals API is a
read plus one audit row). Against an empty schema: `record` and commit, the same row by
a Core INSERT, a bare SELECT and commit, and `record` with an asynchronous commit.

    scripts/with-postgres.sh .venv/bin/python bench/audit_write.py

(uses TEST_DATABASE_URL, the throwaway cluster, and a scratch instance directory)
"""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ["DATABASE_URL"] = os.environ["TEST_DATABASE_URL"]
os.environ.setdefault("REGIE_ENV", "development")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("REGIE_INSTANCE_DIR", tempfile.mkdtemp(prefix="regie-audit-"))

from sqlalchemy import insert, text  # noqa: E402

from coordination import create_app  # noqa: E402
from coordination.accounts.models import User  # noqa: E402
from coordination.audit.log import record  # noqa: E402
from coordination.audit.models import AuditEvent  # noqa: E402
from coordination.extensions import db  # noqa: E402


def main(rounds=300):
    app = create_app()
    with app.app_context():
        db.create_all()
        user = User(email="bench@example.nl", name="Bench", role="coordinator")
        db.session.add(user)
        db.session.commit()

        def orm():
            record(user, "student.signals", on="2026-11-26")
            db.session.commit()

        def core():
            db.session.execute(insert(AuditEvent).values(
                actor_id=user.id, actor_role=user.role, action="student.signals",
                detail={"on": "2026-11-26"}))
            db.session.commit()

        def select_only():
            db.session.execute(text("SELECT 1"))
            db.session.commit()

        def asynchronous():
            db.session.execute(text("SET LOCAL synchronous_commit TO off"))
            orm()

        for name, action in (("record + commit", orm), ("Core INSERT + commit", core),
                             ("SELECT 1 + commit", select_only),
                             ("record + asynchronous commit", asynchronous)) * 2:
            for _ in range(20):
                action()
            wall, cpu = [], []
            for _ in range(rounds):
                start, start_cpu = time.perf_counter(), time.process_time()
                action()
                wall.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            print(f"{name:30s} wall median {statistics.median(wall) * 1000:6.2f} ms, "
                  f"CPU {statistics.median(cpu) * 1000:5.2f} ms")


if __name__ == "__main__":
    main()
