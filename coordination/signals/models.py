"""Stored signal state (issue 12): what the pure rules compute for a student, kept so
that pages read it instead of recomputing it over the region.

- `SignalStamp`: one row per student, the day the state was computed for; a student
  without a stamp (or with an older one) is stale and is recomputed before it is read.
  Anything that changes a rule's input (absences, calendar, leaving, enrolment,
  exemption, a recorded report, the student's facts) deletes the stamps it affects.
- `SignalEpisode`: a signal code held by a student from `since`; `until` is the last day
  it was seen true once it no longer holds (None while it holds). Current episodes are the
  signals true on the stamp's day; closed ones are the history the region's quarterly
  thuiszitter report reads.
- `DueReportState`: the reports due (DUO and RMC) on the stamp's day.
"""
from datetime import date

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db


class SignalStamp(db.Model):
    __tablename__ = "signal_stamps"

    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), primary_key=True)
    on: Mapped[date] = mapped_column(index=True)
    calendar_missing: Mapped[bool] = mapped_column(default=False)


class SignalEpisode(db.Model):
    __tablename__ = "signal_episodes"
    __table_args__ = (
        Index("ix_signal_episodes_student_code", "student_id", "code"),
        Index("ix_signal_episodes_school_code", "school_id", "code", "until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"))
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    code: Mapped[str] = mapped_column(String(40))
    since: Mapped[date]
    until: Mapped[date | None]
    details: Mapped[dict] = mapped_column(JSON, default=dict)


class DueReportState(db.Model):
    __tablename__ = "due_report_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    start: Mapped[date]
    end: Mapped[date]
    hours: Mapped[float | None]
    deadline: Mapped[date] = mapped_column(index=True)
    calendar_missing: Mapped[bool] = mapped_column(default=False)
