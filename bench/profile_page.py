"""One page in-process, for finding where its time goes (issue 12).

Usage (the instance holds a loaded region, e.g. one kept by `bench region --keep`):

    REGIE_ENV=development REGIE_INSTANCE_DIR=/tmp/rg-1x SECRET_KEY=x \\
        .venv/bin/python bench/profile_page.py EMAIL PATH [N] [--profile]

Logs EMAIL in (a server-side session, no password; for a PATH under /api/ a new bearer
token of EMAIL instead), sends N (3) GETs of PATH through the test client and prints
size, queries, median wall and CPU time and each time; with --profile also every query
of the last request with its time (--full-sql: not cut at 200 characters), and
cProfile's top 45 of one more request.
Writes what the page writes (audit events, a session or a token) to that database.
"""
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, select  # noqa: E402

from coordination import create_app  # noqa: E402
from coordination.accounts.models import User  # noqa: E402
from coordination.extensions import db  # noqa: E402


def main(argv):
    profile = "--profile" in argv
    full = "--full-sql" in argv
    argv = [a for a in argv if a not in ("--profile", "--full-sql")]
    email, path = argv[0], argv[1]
    count = int(argv[2]) if len(argv) > 2 else 3
    app = create_app()

    @app.route("/__bench_login/<int:user_id>")
    def _login(user_id):
        from coordination.accounts import sessions

        sessions.start_session(db.session.get(User, user_id))
        return "ok"

    queries = []
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == email))

        @event.listens_for(db.engine, "before_cursor_execute")
        def _before(conn, *_args):
            conn.info["bench_t0"] = time.perf_counter()

        @event.listens_for(db.engine, "after_cursor_execute")
        def _after(conn, _cursor, statement, *_args):
            took = (time.perf_counter() - conn.info["bench_t0"]) * 1000
            text = " ".join(statement.split())
            queries.append(f"{took:8.1f} ms  {text if full else text[:200]}")

    client = app.test_client()
    headers = {}
    if path.startswith("/api/"):  # the API takes bearer tokens only
        from coordination.accounts import tokens

        with app.app_context():
            headers["Authorization"] = "Bearer " + tokens.issue_token(
                db.session.get(User, user_id))
    else:
        assert client.get(f"/__bench_login/{user_id}").status_code == 200
    times, cpu = [], []
    for _ in range(count):
        queries.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        answer = client.get(path, headers=headers)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert answer.status_code == 200, (answer.status_code, answer.data[:300])
    # CPU time of this process: steadier than wall time on a machine shared with others.
    print(f"{path}: {len(answer.data)} bytes, {len(queries)} queries, median "
          f"{statistics.median(times) * 1000:.1f} ms, CPU median "
          f"{statistics.median(cpu[1:] or cpu) * 1000:.1f} ms (first request left out), "
          f"each {[round(t * 1000) for t in times]}")
    if profile:
        print("\n".join(queries))
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(path, headers=headers)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main(sys.argv[1:])
