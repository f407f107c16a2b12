"""Absences from the school's registration, the school calendar, and DUO reports made.

Absences are logged history: a correction is a new row pointing at the one it corrects
(`corrects_id`); the corrected row stays. The effective absences are the rows nobody
corrected, minus withdrawn ones.
"""
from datetime import date, datetime, time

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from coordination.database import append_only
from coordination.extensions import db
from coordination.timeutil import utcnow


@append_only
class Absence(db.Model):
    __tablename__ = "absences"
    __table_args__ = (
        # A row identical to one already stored is a duplicate, not a second absence.
        Index("uq_absences_identity", "student_id", "day", "start", "end", "kind", unique=True,
              sqlite_where=text("corrects_id IS NULL"),
              postgresql_where=text("corrects_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"))
    day: Mapped[date]
    start: Mapped[time]
    end: Mapped[time]
    kind: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(8))  # 'import' or 'manual'
    import_id: Mapped[int | None] = mapped_column(ForeignKey("attendance_imports.id"))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("absences.id"), index=True)
    withdrawn: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


Index("ix_absences_student_day", Absence.student_id, Absence.day)


class AbsenceStaging(db.Model):
    """Rows of an import in progress; emptied in the same transaction."""

    __tablename__ = "absence_staging"
    __table_args__ = (
        # merge.py compares the rows of one import per student and day (overlaps); it
        # also serves every query on import_id alone, which needs no index of its own.
        Index("ix_absence_staging_import_student_day", "import_id", "student_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int]
    row: Mapped[int | None]  # the row number in the file, for row errors
    student_id: Mapped[int]
    day: Mapped[date]
    start: Mapped[time]
    end: Mapped[time]
    kind: Mapped[str] = mapped_column(String(16))


IMPORT_STATUSES = ("queued", "running", "done", "failed")


class AttendanceImport(db.Model):
    """One attendance file: imported at once, or queued and run outside the web request
    (API.md: `GET /attendance/imports/{id}`)."""

    __tablename__ = "attendance_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    filename: Mapped[str | None] = mapped_column(String(255))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    status: Mapped[str] = mapped_column(String(8), default="done")
    # Where a queued upload waits (under the instance folder); removed when it has run.
    upload_path: Mapped[str | None] = mapped_column(String(255))
    rows: Mapped[int] = mapped_column(default=0)
    imported: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    corrected: Mapped[int] = mapped_column(default=0)
    errors: Mapped[list | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class CalendarClosure(db.Model):
    """A holiday of a region, or a closure day of one school, entered by an admin."""

    __tablename__ = "calendar_closures"
    __table_args__ = (
        CheckConstraint("(region IS NULL) <> (school_id IS NULL)", name="region_or_school"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str | None] = mapped_column(String(8))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    first: Mapped[date]
    last: Mapped[date]
    name: Mapped[str] = mapped_column(String(120))
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


@append_only
class DuoReport(db.Model):
    """That a report to DUO's verzuimloket was made for a signal (date and reference).
    For a 16-hour report, `start` (first absence day) and `end` (the day 16 hours were
    reached): counting for the next one starts the day after `end` (API.md)."""

    __tablename__ = "duo_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    signal_since: Mapped[date]
    start: Mapped[date | None]
    end: Mapped[date | None]
    reported_on: Mapped[date]
    reference: Mapped[str] = mapped_column(String(64))
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
