"""Database connection settings that belong to the engine, not to a model."""
from sqlalchemy import event


def init_app(app):
    """SQLite: foreign keys on, WAL journal and a busy timeout, on every connection."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    from coordination.extensions import db

    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        if ":memory:" not in str(engine.url) and str(engine.url) != "sqlite://":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

