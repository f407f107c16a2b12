"""Leaving school, enrolling again, and the contact attempts in between (DOMAIN.md §7).
All logged history: rows are added, never changed."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow

# DOMAIN.md §7: causes of leaving early (seed 004).
REASONS = ("study_choice", "school_climate", "no_internship", "teaching_quality",
           "transition_vmbo_mbo", "labour_market", "personal_problems",
           "parental_involvement", "multiple_problems", "moved", "other")
CHANNELS = ("phone", "text_message", "email", "letter", "home_visit", "via_school")
STOP_REASONS = ("startkwalificatie", "moved_out_of_region", "decision")


@append_only
class Deregistration(db.Model):
    __tablename__ = "deregistrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    left_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(200))
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


@append_only
class Enrolment(db.Model):
    __tablename__ = "enrolments"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    enrolled_on: Mapped[date]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


@append_only
class ContactAttempt(db.Model):
    __tablename__ = "contact_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    on: Mapped[date]
    channel: Mapped[str] = mapped_column(String(16))
    reached: Mapped[bool]
    said: Mapped[str | None] = mapped_column(Text)
    agreed: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")


@append_only
class FollowUpStop(db.Model):
    """A recorded end of the follow-up other than re-enrolment (a decision, a diploma, a
    move out of the region)."""

    __tablename__ = "followup_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    on: Mapped[date]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
