"""Audit events: who read or changed what, when and from where. Never changed or deleted.

Besides the ORM guard (`append_only`), the migration installs database triggers that refuse
UPDATE and DELETE on this table, on SQLite and PostgreSQL alike. Unlike the other
append-only tables it is never purged (coordination/database.py NEVER_PURGED).
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow


@append_only
class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    # Plain ids, no foreign keys: the log outlives the cases and students it describes
    # (the retention purge deletes those and leaves the events as they are).
    case_id: Mapped[int | None] = mapped_column(index=True)
    student_id: Mapped[int | None] = mapped_column(index=True)
    ip: Mapped[str | None] = mapped_column(String(45))
    detail: Mapped[dict | None] = mapped_column(JSON)

