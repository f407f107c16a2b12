"""Home visits by attendance officers, and risks the team flags for them. Logged history."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow

# "nobody home" and "refused" are outcomes in their own right: the evidence trail of
# attempts is complete for the attendance officer's legal work.
OUTCOMES = ("met_youth", "met_parent", "met_both", "nobody_home", "refused")


@append_only
class HomeVisit(db.Model):
    __tablename__ = "home_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    visited_on: Mapped[date]
    visited_at: Mapped[str | None] = mapped_column(String(5))  # HH:MM, local time
    address: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)          # shared per `visibility`
    visibility: Mapped[str] = mapped_column(String(16))
    confidential_note: Mapped[str | None] = mapped_column(Text)  # professionals only
    next_visit_on: Mapped[date | None]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")


@append_only
class CaseRisk(db.Model):
    """A risk flagged by the team for visitors, e.g. "visit in pairs"."""

    __tablename__ = "case_risks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
