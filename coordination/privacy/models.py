"""The rights of the people in the file (AVG): export and the retention purge."""
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db


class PurgePermit(db.Model):
    """SQLite only holds a row here inside a purge's own transaction (never committed):
    the append-only tables' DELETE triggers let a delete through only while it exists.
    PostgreSQL uses `SET LOCAL regie.purge = 'on'` instead (coordination/database.py)."""

    __tablename__ = "purge_permits"

    id: Mapped[int] = mapped_column(primary_key=True)
