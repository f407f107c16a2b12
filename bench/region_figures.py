"""The region overview in-process, first with no figures stored (every school counted
from the rows, as before), then after the scheduler's pass that stores them per school
(region/stored.py), and whether both give the same overview. Usage, on an instance that
holds a loaded region (it writes the figures there):

    REGIE_ENV=development REGIE_INSTANCE_DIR=/tmp/rgb-1x SECRET_KEY=x \\
        .venv/bin/python bench/region_figures.py
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
from coordination.region import stored  # noqa: E402
from coordination.region.models import RegionFigure, RegionFigureStamp  # noqa: E402
from coordination.signals import effects  # noqa: E402
from coordination.timeutil import today_local  # noqa: E402


def timed(label, action):
    started = time.perf_counter()
    result = action()
    print(f"{label}: {(time.perf_counter() - started) * 1000:.0f} ms")
    return result


def main():
    app = create_app()
    with app.app_context():
        analyst = db.session.scalar(select(User).where(User.email.like("analist@%")))
        today = today_local()
        print(f"verdicts stored first: {effects.refresh_stale(today)}")
        db.session.execute(delete(RegionFigure))
        db.session.execute(delete(RegionFigureStamp))
        db.session.commit()
        for _ in range(3):
            live = timed("overview, no figures stored (counted)",
                         lambda: region.overview(analyst, today))
        done = timed("stored.refresh_stale (the scheduler; every school)",
                     lambda: stored.refresh_stale(today))
        print(f"schools counted: {done}")
        for _ in range(5):
            read = timed("overview, figures stored", lambda: region.overview(analyst, today))
        print(f"same overview: {live == read}")


if __name__ == "__main__":
    main()
