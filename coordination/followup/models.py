"""Leaving school, enrolling again, and the contact attempts in between (DOMAIN.md §7).
All logged history: rows are added, never changed."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow

# Seed 004 §2 (DOMAIN.md §7): the nine causes of leaving early named in the literature:
# verkeerde opleidingskeuze, schoolklimaat, geen stageplek, kwaliteit van het onderwijs,
# drempelloze doorstroom vmbo-mbo, groenpluk, persoonlijke problemen, ouderbetrokkenheid,
# multi-problematiek.
CAUSES = ("study_choice", "school_climate", "no_internship", "teaching_quality",
          "transition_vmbo_mbo", "labour_market", "personal_problems",
          "parental_involvement", "multiple_problems")
# The reason given when leaving: one of the causes, or a move, or something else.
REASONS = CAUSES + ("moved", "other")
# Seed 004 (Eimers & Bekhuis 2006): niet-kunners, verhinderden, opstappers; and
# opleidingswisselaars, who stop but start a new study in the same or the next school year.
LEAVER_KINDS = ("niet_kunner", "verhinderde", "opstapper", "opleidingswisselaar")
CHANNELS = ("phone", "text_message", "email", "letter", "home_visit", "via_school")
STOP_REASONS = ("startkwalificatie", "moved_out_of_region", "decision")
# The follow-up ended by itself at the end age (no person decided it: `by_id` is empty).
END_AGE = "end_age"


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
    move out of the region, or the end age reached)."""

    __tablename__ = "followup_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    on: Mapped[date]
    # None: the follow-up ended by itself (reason END_AGE).
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")


@append_only
class LeaverProfile(db.Model):
    """What kind of leaver this is and why they left (seed 004), as the team sees it now.
    A change is a new row; the newest is the current view."""

    __tablename__ = "leaver_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    causes: Mapped[list] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")


@append_only
class StartCheck(db.Model):
    """The September check after a zomeractie: did the young person actually start at the
    new school? `on` is the day they started, or the day it was checked when they did not."""

    __tablename__ = "start_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    started: Mapped[bool]
    on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")
