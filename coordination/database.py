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



class RowIsImmutable(Exception):
    pass


def append_only(model):
    """Class decorator: the ORM refuses to update or delete rows of this model.

    The migrations add database triggers that refuse the same below the ORM.
    """
    def refuse(_mapper, _connection, _target):
        raise RowIsImmutable(f"{model.__tablename__} rows cannot be changed or deleted")

    event.listen(model, "before_update", refuse)
    event.listen(model, "before_delete", refuse)
    return model


def immutable_table_sql(dialect, table):
    """SQL that makes a table append-only: UPDATE and DELETE raise. Used by migrations."""
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} cannot be changed'); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} cannot be deleted'); END",
        ]
    if dialect == "postgresql":
        return [
            f"CREATE FUNCTION {table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{table} cannot be changed or deleted'; END $$",
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_immutable()",
        ]
    return []


def drop_immutable_table_sql(dialect, table):
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_update",
                f"DROP TRIGGER IF EXISTS {table}_no_delete"]
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}",
                f"DROP FUNCTION IF EXISTS {table}_immutable()"]
    return []
