"""The register of suspensions (schorsing) and expulsions (verwijdering) of a student.

Append-only, like the agreements log: a `Suspension` or `Expulsion` only holds its
identity; its state is its newest revision. Filling in a date later (the inspectorate was
informed) or correcting one is a new revision; revisions are never updated or deleted
(ORM guard here, database triggers in the migration).
"""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow


class _Entry:
    """The identity of a register entry (its state is in its revisions)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), index=True)
    # The student's open case when the entry was recorded, if there was one.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Suspension(_Entry, db.Model):
    __tablename__ = "suspensions"

    revisions = relationship("SuspensionRevision", order_by="SuspensionRevision.number",
                             viewonly=True)


@append_only
class SuspensionRevision(db.Model):
    __tablename__ = "suspension_revisions"
    __table_args__ = (UniqueConstraint("suspension_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    suspension_id: Mapped[int] = mapped_column(ForeignKey("suspensions.id"), index=True)
    number: Mapped[int]
    first_day: Mapped[date]
    last_day: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    # The day the reason was given to the student and the parents in writing.
    told_in_writing_on: Mapped[date]
    inspectorate_informed_on: Mapped[date | None]
    # Recorded in error: kept in the history, no longer counted or reminded of.
    withdrawn: Mapped[bool] = mapped_column(default=False)
    # Why this revision was written (empty for the first).
    note: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User", lazy="joined")

    def state(self):
        return {"first_day": self.first_day, "last_day": self.last_day, "reason": self.reason,
                "told_in_writing_on": self.told_in_writing_on,
                "inspectorate_informed_on": self.inspectorate_informed_on,
                "withdrawn": self.withdrawn}


class Expulsion(_Entry, db.Model):
    __tablename__ = "expulsions"

    revisions = relationship("ExpulsionRevision", order_by="ExpulsionRevision.number",
                             viewonly=True)


@append_only
class ExpulsionRevision(db.Model):
    __tablename__ = "expulsion_revisions"
    __table_args__ = (UniqueConstraint("expulsion_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    expulsion_id: Mapped[int] = mapped_column(ForeignKey("expulsions.id"), index=True)
    number: Mapped[int]
    decided_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    # The steps the law asks for, each with its date (None: not yet).
    hearing_on: Mapped[date | None]  # student, parents and teacher heard
    attendance_officer_informed_on: Mapped[date | None]
    inspectorate_informed_on: Mapped[date | None]
    new_school_name: Mapped[str | None] = mapped_column(String(200))
    new_school_found_on: Mapped[date | None]
    effective_on: Mapped[date | None]
    withdrawn: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User", lazy="joined")

    def state(self):
        return {"decided_on": self.decided_on, "reason": self.reason,
                "hearing_on": self.hearing_on,
                "attendance_officer_informed_on": self.attendance_officer_informed_on,
                "inspectorate_informed_on": self.inspectorate_informed_on,
                "new_school_name": self.new_school_name,
                "new_school_found_on": self.new_school_found_on,
                "effective_on": self.effective_on, "withdrawn": self.withdrawn}
