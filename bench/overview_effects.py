"""The region overview in-process, first with nothing stored (every tier-2 case's
did-it-help verdict computed from its absences), then after the scheduler's pass that
stores them (signals/effects.py), and whether both give the same figure. Usage, on an
instance that holds a loaded region (it writes the verdicts there):

    REGIE_ENV=development REGIE_INSTANCE_DIR=/tmp/rgb-1x SECRET_KEY=x \\
        .venv/bin/python bench/overview_effects.py
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import delete, select  # noqa: E402

from coordination import create_app  # noqa: E402
from coordination.accounts.models import User  # noqa: E402
from coordination.extensions import db  # noqa: E402
from coordination.region import services as region  # noqa: E402
from coordination.signals import effects  # noqa: E402
from coordination.signals.models import Tier2Effect  # noqa: E402
from coordination.timeutil import today_local  # noqa: E402


def timed(label, action):
    started = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def main():
    app = create_app()
    with app.app_context():
        analyst = db.session.scalar(select(User).where(User.email.like("analist@%")))
        today = today_local()
        db.session.execute(delete(Tier2Effect))
        db.session.commit()
        live = timed("overview, nothing stored (computed)",
                     lambda: region.overview(analyst, today))
        stored = timed("effects.refresh_stale (the scheduler, once a day)",
                       lambda: effects.refresh_stale(today))
        print(f"verdicts stored: {stored}")
        for _ in range(3):
            read = timed("overview, verdicts stored", lambda: region.overview(analyst, today))
        same = live.total["tier2_improved"] == read.total["tier2_improved"]
        print(f"same figure: {same} {read.total['tier2_improved']}")


if __name__ == "__main__":
    main()
