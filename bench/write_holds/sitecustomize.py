"""Which transactions hold SQLite's write lock, and for how long (a diagnostic, not part of
the app). Put this directory on PYTHONPATH of the processes to watch, e.g.

    PYTHONPATH=bench/write_holds WRITE_HOLDS_LOG=/tmp/holds.log \\
        .venv/bin/python -m bench load --only sqlite --instance DIR

Python imports `sitecustomize` at start-up in every process (gunicorn's workers, the
scheduler): each write transaction that lasts over 0.5 s, from its first INSERT/UPDATE/
DELETE to its commit or rollback, is logged with the process, the statement and the app's
frames that began it. The time includes waiting for the lock: a rollback after about the
busy timeout is a "database is locked" failure; a long commit is a holder.
"""
import os
import sys
import time
import traceback

from sqlalchemy import event
from sqlalchemy.engine import Engine

LOG = os.environ.get("WRITE_HOLDS_LOG", "/tmp/write-holds.log")
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")
_writing = {}


def _key(conn):
    return id(conn.connection.dbapi_connection) if conn.connection else id(conn)


def _app_frames():
    return " < ".join(f"{f.filename.split('/coordination/')[-1]}:{f.lineno}:{f.name}"
                      for f in reversed(traceback.extract_stack(limit=40))
                      if "/coordination/" in f.filename)[:600]


@event.listens_for(Engine, "before_cursor_execute")
def _first_write(conn, _cursor, statement, _params, _context, _executemany):
    key = _key(conn)
    if key not in _writing and statement.lstrip()[:6].upper() in WRITES:
        _writing[key] = (time.monotonic(), time.time(), " ".join(statement.split())[:90],
                         _app_frames())


def _end(conn, how):
    started = _writing.pop(_key(conn), None)
    if started and time.monotonic() - started[0] > 0.5:
        with open(LOG, "a") as log:
            log.write(f"{time.strftime('%H:%M:%S', time.gmtime(started[1]))} "
                      f"pid={os.getpid()} {' '.join(sys.argv[1:5])[:60]} "
                      f"held={time.monotonic() - started[0]:.2f}s {how} {started[2]} "
                      f"@ {started[3]}\n")


event.listen(Engine, "commit", lambda conn: _end(conn, "commit"))
event.listen(Engine, "rollback", lambda conn: _end(conn, "rollback"))
