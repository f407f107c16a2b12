"""The tiered model on a case (DOMAIN.md §6): tier decisions, reviews, pauses, deputies.
All logged history: rows are added, never changed."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow

OUTCOMES = ("continue", "escalate", "deescalate", "close")


@append_only
class TierChange(db.Model):
    """A move between tiers: a decision (by_id set) or an escalation by the timer."""

    __tablename__ = "tier_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_tier: Mapped[int]
    to_tier: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    automatic: Mapped[bool] = mapped_column(default=False)
    on: Mapped[date]
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")


@append_only
class Review(db.Model):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    reviewed_on: Mapped[date]
    next_review_on: Mapped[date | None]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")


@append_only
class CasePause(db.Model):
    """The case waits for an external party (e.g. a youth-care waiting list): the review
    clock stands still from `first` to `last`."""

    __tablename__ = "case_pauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    first: Mapped[date]
    last: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


@append_only
class AwayPeriod(db.Model):
    """A coordinator is away; everything addressed to them also goes to the deputy."""

    __tablename__ = "away_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    deputy_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    first: Mapped[date]
    last: Mapped[date]
    at: Mapped[datetime] = mapped_column(default=utcnow)

    deputy = relationship("User", foreign_keys=[deputy_id], lazy="joined")
