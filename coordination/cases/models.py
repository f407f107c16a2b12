"""A case: one per student at risk, with exactly one coordinator (regievoerder)."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow

OPEN = "open"
CLOSED = "closed"
TIERS = (1, 2, 3)
# DOMAIN.md §5 (Heyne et al. 2019, seed 002): four kinds of problematic absence.
ABSENCE_KINDS = ("unknown", "school_refusal", "truancy", "withdrawal", "exclusion")

# What a member does on this case. Family roles are for parent and youth users only.
PROFESSIONAL_CASE_ROLES = (
    "mentor", "care_coordinator", "attendance_officer", "school_doctor",
    "youth_care_worker", "previous_coordinator", "other_professional",
)
PARENT_CASE_ROLE = "parent"
YOUTH_CASE_ROLE = "youth"
CASE_ROLES = PROFESSIONAL_CASE_ROLES + (PARENT_CASE_ROLE, YOUTH_CASE_ROLE)


class Case(db.Model):
    __tablename__ = "cases"
    __table_args__ = (
        # At most one open case per student, enforced by the database itself.
        Index(
            "uq_cases_one_open_per_student", "student_id", unique=True,
            sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'"),
        ),
        CheckConstraint("tier IN (1, 2, 3)", name="tier_range"),
        CheckConstraint("status IN ('open', 'closed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    tier: Mapped[int] = mapped_column(default=1)
    absence_kind: Mapped[str] = mapped_column(String(32), default="unknown")
    # NOT NULL: a case is never without a coordinator.
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    # The tier clock (DOMAIN.md §6): kept in step by coordination/tiers/services.py.
    review_from: Mapped[date | None]
    next_review_on: Mapped[date | None] = mapped_column(index=True)
    goal_due_on: Mapped[date | None]
    intensive_overdue: Mapped[bool] = mapped_column(default=False)
    # Follow-up mode: the student left school without a startkwalificatie (DOMAIN.md §7).
    followup: Mapped[bool] = mapped_column(default=False)

    student = relationship("Student", lazy="joined")
    coordinator = relationship("User", foreign_keys=[coordinator_id], lazy="joined")
    members = relationship(
        "CaseMember", back_populates="case", order_by="CaseMember.id",
        primaryjoin="and_(CaseMember.case_id == Case.id, CaseMember.removed_at.is_(None))",
        viewonly=True,
    )
    handovers = relationship(
        "CoordinatorHandover", order_by="CoordinatorHandover.id", viewonly=True
    )


class CaseMember(db.Model):
    """Someone on the team around a case: a professional, a parent or the youth."""

    __tablename__ = "case_members"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]

    case = relationship(Case, back_populates="members")
    user = relationship("User", foreign_keys=[user_id], lazy="joined")


class CoordinatorHandover(db.Model):
    """Append-only history of who held the coordinator seat; the first row is the opening."""

    __tablename__ = "coordinator_handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    by_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    from_user = relationship("User", foreign_keys=[from_user_id], lazy="joined")
    to_user = relationship("User", foreign_keys=[to_user_id], lazy="joined")
    by_user = relationship("User", foreign_keys=[by_user_id], lazy="joined")


@append_only
class CaseNote(db.Model):
    """A confidential note by a professional: never shown to parents or youth."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    author = relationship("User", lazy="joined")


@append_only
class HardToAttendStatement(db.Model):
    """Kearney's criterion (b) (DOMAIN.md §4): the team states that for two weeks or more
    it has been very hard for the student to go to school or stay there, and that this
    disrupts family life or wellbeing. A judgement, so it is recorded, never computed:
    `holds` False withdraws an earlier statement; the latest row is what holds now."""

    __tablename__ = "hard_to_attend_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    holds: Mapped[bool]
    stated_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    by = relationship("User", lazy="joined")


class CaseRead(db.Model):
    """When someone last opened the case page: what parents and youth wrote after it is
    new to them (the worklist's `comment_new`). One row per person and case, moved on."""

    __tablename__ = "case_reads"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
