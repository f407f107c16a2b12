"""Meetings (MDO) on a case and the decisions they end in. Logged history: append-only.

A meeting can take the case's picture (coordination/factors/) as its starting point: its
agenda lists factors to discuss (`AgendaItem`), and a decision can point at the factor it
addresses (`DecisionFactor`). Both are rows of their own, written once.
"""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow


@append_only
class Meeting(db.Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    held_on: Mapped[date]
    attendees: Mapped[str] = mapped_column(Text)  # members and guests, by name and role
    discussed: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    decisions = relationship("Decision", order_by="Decision.id", lazy="selectin", viewonly=True)


@append_only
class Decision(db.Model):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    text: Mapped[str] = mapped_column(Text)


@append_only
class PlannedMeeting(db.Model):
    """A meeting to come, shown to the family in the portal (date, time, place)."""

    __tablename__ = "planned_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


@append_only
class AgendaItem(db.Model):
    """A factor of the case on a meeting's agenda: to discuss at a planned meeting, or
    discussed at a recorded one (exactly one of the two)."""

    __tablename__ = "meeting_agenda_items"
    __table_args__ = (
        UniqueConstraint("planned_meeting_id", "factor_id"),
        UniqueConstraint("meeting_id", "factor_id"),
        CheckConstraint("(planned_meeting_id IS NULL) <> (meeting_id IS NULL)",
                        name="one_meeting"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    planned_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("planned_meetings.id"),
                                                           index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    factor_id: Mapped[int] = mapped_column(ForeignKey("case_factors.id"), index=True)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    factor = relationship("CaseFactor", lazy="joined")


@append_only
class DecisionFactor(db.Model):
    """The factor a decision addresses: one per decision, set once."""

    __tablename__ = "decision_factors"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), unique=True)
    factor_id: Mapped[int] = mapped_column(ForeignKey("case_factors.id"), index=True)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    factor = relationship("CaseFactor", lazy="joined")
