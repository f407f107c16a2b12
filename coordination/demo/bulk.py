"""Bulk inserts for the region demo: one binary COPY a table on PostgreSQL, Core
executemany in batches elsewhere. The same rows in the same order, so the same ids, on
both databases."""
from sqlalchemy import insert

from coordination.extensions import db


def insert_rows(table, rows, batch):
    """Insert `rows` (dicts with the same keys, as Core executemany takes them) into
    `table`; the columns they leave out get their Python-side default as with Core. On
    PostgreSQL a None in a JSON column becomes SQL NULL, not JSON null (no demo table
    has one)."""
    if not rows:
        return
    if db.session.get_bind().dialect.name != "postgresql":
        for i in range(0, len(rows), batch):
            db.session.execute(insert(table), rows[i:i + batch])
        return
    given = list(rows[0])
    defaults = [(column.name, column.default) for column in table.columns
                if column.name not in rows[0] and column.default is not None
                and (column.default.is_scalar or column.default.is_callable)]
    columns = given + [name for name, _ in defaults]
    cursor = db.session.connection().connection.dbapi_connection.cursor()
    types = column_types(cursor, table.name, columns)  # not while the COPY runs
    with cursor.copy(copy_sql(table.name, columns)) as copy:
        copy.set_types(types)
        for row in rows:
            copy.write_row([row[name] for name in given]
                           + [default.arg if default.is_scalar else default.arg(None)
                              for _, default in defaults])


def copy_sql(table, columns):
    """A binary COPY … FROM STDIN of these columns (PostgreSQL; see column_types)."""
    names = ", ".join(db.session.get_bind().dialect.identifier_preparer.quote(c)
                      for c in columns)
    return f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)"


def column_types(cursor, table, columns):
    """The type oids of these columns as the database has them, for a binary COPY's
    set_types: binary is about 8× less work a row for the client than text."""
    cursor.execute("SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass "
                   "AND attnum > 0 AND NOT attisdropped", (table,))
    oids = dict(cursor.fetchall())
    return [oids[column] for column in columns]
