"""Time each step of one scheduler tick (issue 12: what holds SQLite's write lock).

    REGIE_ENV=development REGIE_INSTANCE_DIR=/tmp/rg-1x SECRET_KEY=x \\
        .venv/bin/python bench/tick_steps.py

Runs, in the order of `jobs.tick`, every queue, every planner, the due items and the
mail once for now, printing wall and CPU seconds per step. It does the tick's work for
real on that database.
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coordination import create_app, jobs  # noqa: E402
from coordination.mail import services as mail  # noqa: E402
from coordination.scheduler import services as scheduler  # noqa: E402
from coordination.timeutil import utcnow  # noqa: E402


def main():
    app = create_app()
    with app.app_context():
        now = utcnow()
        steps = [(f"{q.__module__}.{q.__name__}", q) for q in (*jobs.QUEUES, *jobs.PLANNERS)]
        steps += [("scheduler.run_due", lambda n: scheduler.run_due(n, jobs.HANDLERS)),
                  ("mail.send_due", mail.send_due)]
        for name, step in steps:
            wall, cpu = time.perf_counter(), time.process_time()
            result = step(now)
            print(f"{name}: {time.perf_counter() - wall:.1f} s wall, "
                  f"{time.process_time() - cpu:.1f} s CPU -> {str(result)[:80]}", flush=True)


if __name__ == "__main__":
    main()
