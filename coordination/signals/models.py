"""Stored signal state (issue 12): what the pure rules compute for a student, kept so
that pages read it instead of recomputing it over the region.

- `SignalStamp`: one row per student: the day the state was computed for (`on`), and a
  `version` that every change to a rule's input (absences, calendar, leaving, enrolment,
  exemption, a recorded report, the student's facts) raises while it sets `on` to None.
  A student whose stamp is not for the day read (or who has none) is stale: readers
  compute it from the rows, the scheduler stores it. The scheduler marks a stamp fresh
  only if its version is still the one it read before computing, so a change committed
  meanwhile is never hidden.
- `SignalEpisode`: a signal code held by a student from `since`; `until` is the last day
  it was seen true once it no longer holds (None while it holds). Current episodes are the
  signals true on the stamp's day; closed ones are the history the region's quarterly
  thuiszitter report reads.
- `DueReportState`: the reports due (DUO and RMC) on the stamp's day.
- `Tier2Effect`: did tier 2 help? (attendance/effect.py) per open tier-2 case, for the
  day `on`, from the student's inputs at `stamp_version` and the move to tier 2 on
  `moved_on` (signals/effects.py): the region overview counts these instead of reading a
  year of absences of every tier-2 case on every request.
"""
from datetime import date

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db


class SignalStamp(db.Model):
    __tablename__ = "signal_stamps"

    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), primary_key=True)
    on: Mapped[date | None] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(default=0)
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
    # The reports-due list's order: a page is read along it, not sorted from every row.
    __table_args__ = (Index("ix_due_report_states_list_order", "end", "student_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    start: Mapped[date]
    end: Mapped[date]
    hours: Mapped[float | None]
    deadline: Mapped[date] = mapped_column(index=True)
    calendar_missing: Mapped[bool] = mapped_column(default=False)


class Tier2Effect(db.Model):
    __tablename__ = "tier2_effects"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    on: Mapped[date]
    stamp_version: Mapped[int]
    moved_on: Mapped[date | None]   # the latest move to tier 2 by `on` (None: none)
    helped: Mapped[bool | None]     # None: fewer than 6 school weeks after it yet
