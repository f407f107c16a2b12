"""Due items: the scheduler's truth lives in the database.

Every reminder or deadline is a row with a due time and a unique key. A tick claims a
row atomically, acts and marks it done in the same transaction as the action's own
changes, so each item takes effect exactly once: also with two schedulers, after a
`kill -9` mid-tick (the claim expires, the work was rolled back) and after days of
downtime (overdue rows are simply due).
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db
from coordination.timeutil import utcnow


class ScheduledItem(db.Model):
    __tablename__ = "scheduled_items"
    __table_args__ = (
        Index("ix_scheduled_items_pending", "due_at",
              sqlite_where=text("done_at IS NULL AND cancelled_at IS NULL"),
              postgresql_where=text("done_at IS NULL AND cancelled_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)  # makes planning idempotent
    kind: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    due_at: Mapped[datetime]
    payload: Mapped[dict | None] = mapped_column(JSON)
    claimed_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
