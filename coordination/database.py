"""Database connection settings that belong to the engine, not to a model."""
import time
from contextlib import contextmanager

from sqlalchemy import event, text
from sqlalchemy.orm import Session, object_session


def init_app(app):
    """SQLite: foreign keys on, WAL journal and a busy timeout (SQLITE_BUSY_TIMEOUT_SECONDS),
    on every connection.

    Python's sqlite3 runs reads outside a transaction and begins one (`BEGIN`) just before
    the first INSERT/UPDATE/DELETE, when the reads are done: the write then waits for the
    lock in the busy handler. A transaction that is still reading when it first writes
    would have to upgrade its read lock, which SQLite refuses at once, without the busy
    handler, while another connection writes ("database is locked" whatever the timeout;
    `BEGIN IMMEDIATE` does not help then either): so never write while iterating over a
    query's rows on the same connection (the ORM fetches all rows first)."""
    from coordination.extensions import db

    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "postgresql":
        _commit_what_only_read(app, engine, db)
    if engine.dialect.name != "sqlite":
        return
    busy_ms = int(app.config["SQLITE_BUSY_TIMEOUT_SECONDS"] * 1000)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        if _shared_file(engine):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


WROTE = "regie.wrote"  # Connection.info: a statement other than a SELECT since BEGIN


def _commit_what_only_read(app, engine, db):
    """PostgreSQL: a request whose open transaction only read ends it with COMMIT, not
    ROLLBACK, so that the statements psycopg has prepared stay prepared.

    psycopg prepares a statement on the server once a connection has run it
    `prepare_threshold` (5) times, and PostgreSQL then stops planning it anew each time;
    but psycopg deallocates every prepared statement at a ROLLBACK, and Flask-SQLAlchemy
    ends every request by rolling back the transaction its last reads opened. So nothing
    stayed prepared, and every statement of every page was planned again: about a sixth
    of the case page's time (issue 12, bench/RESULTS.md §13). For a transaction that
    only read, COMMIT and ROLLBACK do the same. A transaction that ran anything but a
    SELECT, or a request that failed, is still rolled back."""

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.info.pop(WROTE, None)

    @event.listens_for(engine, "before_cursor_execute")
    def _note_writes(conn, _cursor, statement, *_args):
        if statement.lstrip()[:6].upper() != "SELECT":
            conn.info[WROTE] = True

    # Registered after Flask-SQLAlchemy's teardown, so it runs before that one removes
    # (and rolls back) the session.
    @app.teardown_appcontext
    def _commit_reads(exc):
        session = db.session()
        if (exc is not None or not session.in_transaction()
                or session.new or session.dirty or session.deleted):
            return
        try:
            if not session.connection().info.get(WROTE):
                session.commit()
        except Exception:  # noqa: BLE001 - the session's removal rolls back what is left
            app.logger.exception("could not end a read-only transaction")


def _shared_file(engine):
    """An SQLite database that other connections (processes) can open too."""
    return ":memory:" not in str(engine.url) and str(engine.url) != "sqlite://"


# SQLite has one write lock and no queue for it: a connection that wants it polls from its
# busy handler (at most every 100 ms), and a loop that commits and at once takes the lock
# again for the next item leaves it free only for the moment in between, which a poll
# seldom hits: a web request's audit write can wait past its busy timeout behind a
# scheduler working off a backlog. So a loop of write transactions pauses for GIVE_WAY
# seconds (longer than one poll) after every WRITE_TURN seconds: each waiting writer gets
# the lock within about WRITE_TURN plus one item.
WRITE_TURN = 0.25
GIVE_WAY = 0.2


class WriteTurns:
    """Turns for a loop of write transactions (the scheduler's due items, the outbox, the
    stored state's chunks): make one before the loop and call `give_way()` after each
    commit. SQLite: after WRITE_TURN seconds of the loop since its last pause, sleep
    GIVE_WAY seconds outside any transaction, so that writers waiting in SQLite's busy
    handler (web requests) take the lock. PostgreSQL locks rows, not the database, and
    queues its waiters: nothing to do."""

    def __init__(self):
        from coordination.extensions import db

        self.sqlite = db.engine.dialect.name == "sqlite" and _shared_file(db.engine)
        self.started = time.monotonic()

    def give_way(self):
        if self.sqlite and time.monotonic() - self.started >= WRITE_TURN:
            time.sleep(GIVE_WAY)
            self.started = time.monotonic()


class RowIsImmutable(Exception):
    pass


# The one deliberate way around append-only tables: the retention purge
# (coordination/privacy/services.py) deletes the rows of a case whose retention period
# has passed. Updates are never allowed, and the audit log is never purged.
NEVER_PURGED = frozenset({"audit_events"})
PURGE_FLAG = "regie_purge"  # key in Session.info while a purge runs
PURGE_SETTING = "regie.purge"  # PostgreSQL: SET LOCAL regie.purge = 'on' in the purge's transaction
PURGE_PERMITS = "purge_permits"  # SQLite: a row here, inside the purge's transaction only
# Created along with the first trigger that reads it: SQLite refuses to rename any table
# (as batch migrations do) while a trigger names a table that does not exist.
PURGE_PERMITS_SQL = (f"CREATE TABLE IF NOT EXISTS {PURGE_PERMITS} "
                     f"(id INTEGER NOT NULL, CONSTRAINT pk_{PURGE_PERMITS} PRIMARY KEY (id))")

_APPEND_ONLY = set()


def append_only(model):
    """Class decorator: the ORM refuses to update or delete rows of this model, also in
    bulk (`delete(Model)`), except deletes inside a retention purge (`purging`).

    The migrations add database triggers that refuse the same below the ORM.
    """
    def refuse_update(_mapper, _connection, _target):
        raise RowIsImmutable(f"{model.__tablename__} rows cannot be changed or deleted")

    def refuse_delete(_mapper, _connection, target):
        session = object_session(target)
        if not _may_purge(session, model.__tablename__):
            raise RowIsImmutable(f"{model.__tablename__} rows cannot be changed or deleted")

    event.listen(model, "before_update", refuse_update)
    event.listen(model, "before_delete", refuse_delete)
    _APPEND_ONLY.add(model.__tablename__)
    return model


def _may_purge(session, table):
    return (session is not None and session.info.get(PURGE_FLAG) is True
            and table not in NEVER_PURGED)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state):
    """Bulk UPDATE/DELETE statements skip the mapper events above: refuse them here."""
    if not (state.is_update or state.is_delete):
        return
    name = getattr(getattr(state.bind_mapper, "local_table", None), "name", None)
    if name not in _APPEND_ONLY:
        return
    if state.is_delete and _may_purge(state.session, name):
        return
    raise RowIsImmutable(f"{name} rows cannot be changed or deleted")


@contextmanager
def purging(session):
    """Within this block the session may delete rows of append-only tables (never of the
    audit log, never an UPDATE): the ORM flag, and for the database triggers a permit
    that lives only inside the current transaction. The caller commits after the block."""
    dialect = session.get_bind().dialect.name
    session.info[PURGE_FLAG] = True
    if dialect == "postgresql":
        session.execute(text(f"SET LOCAL {PURGE_SETTING} = 'on'"))
    elif dialect == "sqlite":
        session.execute(text(f"INSERT INTO {PURGE_PERMITS} (id) VALUES (1)"))
    try:
        yield
    finally:
        session.info.pop(PURGE_FLAG, None)
        if dialect == "postgresql":
            session.execute(text(f"SET LOCAL {PURGE_SETTING} = 'off'"))
        elif dialect == "sqlite":
            session.execute(text(f"DELETE FROM {PURGE_PERMITS}"))


def immutable_table_sql(dialect, table, purgeable=None):
    """SQL that makes a table append-only: UPDATE raises, and DELETE raises except inside
    a retention purge (`purging`); `purgeable=False` (and every table in NEVER_PURGED)
    refuses DELETE always. Used by migrations."""
    if purgeable is None:
        purgeable = table not in NEVER_PURGED
    if dialect == "sqlite":
        when = f"WHEN NOT EXISTS (SELECT 1 FROM {PURGE_PERMITS}) " if purgeable else ""
        return [PURGE_PERMITS_SQL] * purgeable + [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} cannot be changed'); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} {when}"
            f"BEGIN SELECT RAISE(ABORT, '{table} cannot be deleted'); END",
        ]
    if dialect == "postgresql":
        return [
            immutable_function_sql(table, purgeable),
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_immutable()",
        ]
    return []


def immutable_function_sql(table, purgeable):
    """PostgreSQL: the trigger function behind `{table}_immutable` (replaced in place)."""
    allow = (f"IF TG_OP = 'DELETE' AND current_setting('{PURGE_SETTING}', true) = 'on' "
             f"THEN RETURN OLD; END IF; ") if purgeable else ""
    return (f"CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {allow}"
            f"RAISE EXCEPTION '{table} cannot be changed or deleted'; END $$")


def sqlite_delete_trigger_sql(table, purgeable):
    """SQLite: the statement that creates `{table}_no_delete` (after dropping the old one)."""
    return immutable_table_sql("sqlite", table, purgeable)[-1]


def drop_immutable_table_sql(dialect, table):
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_update",
                f"DROP TRIGGER IF EXISTS {table}_no_delete"]
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}",
                f"DROP FUNCTION IF EXISTS {table}_immutable()"]
    return []
