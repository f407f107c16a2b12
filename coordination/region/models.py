"""The region's figures, stored per school (issue 12): the overview counted over every
student of the region on every request (0.27 s at a region's size); the scheduler now
counts each school once and keeps the counts here, and a reader adds them up.

- `RegionFigure`: the raw counts (region/figures.py) of one group of a school's students:
  those with the same municipality of residence and level, so that an analyst's scope
  (linked schools, residents of linked municipalities: access.region_scope) selects whole
  groups; with the did-tier-2-help counts of their open tier-2 cases. A figure added to
  figures.COUNTS needs its column here (`_Counts`; tests/services/test_region_stored.py
  checks).
- `RegionSchoolFigure`: the same counts of a whole school by level (the sum of its
  `RegionFigure` rows of that level), written beside them: what an analyst linked to the
  school reads, without adding up.
- `RegionFigureStamp`: one row per school: the day its figures were counted for (`on`)
  and the `version` they were counted at. Every change to an input of a school's figures
  raises `version` (region/stored.py), so figures are fresh for a day D only when
  `on == D` and `counted_version == version`; readers count the other schools from the
  rows.
"""
from datetime import date

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db


class _Counts:
    """figures.COUNTS, one column each, the re-enrolment days and the did-tier-2-help
    counts of one group of a school's students."""
    students: Mapped[int] = mapped_column(default=0)
    tier_1: Mapped[int] = mapped_column(default=0)
    tier_2: Mapped[int] = mapped_column(default=0)
    tier_3: Mapped[int] = mapped_column(default=0)
    followup_open: Mapped[int] = mapped_column(default=0)
    thuiszitter_4w_3m: Mapped[int] = mapped_column(default=0)
    thuiszitter_over_3m: Mapped[int] = mapped_column(default=0)
    absolute_verzuim: Mapped[int] = mapped_column(default=0)
    reports_due: Mapped[int] = mapped_column(default=0)
    reports_made: Mapped[int] = mapped_column(default=0)
    reenrolled: Mapped[int] = mapped_column(default=0)
    overdue_agreements: Mapped[int] = mapped_column(default=0)
    meetings_without_decision: Mapped[int] = mapped_column(default=0)
    reenrolment_days: Mapped[list] = mapped_column(JSON)  # one number per re-enrolment
    tier2_improved: Mapped[int] = mapped_column(default=0)
    tier2_assessed: Mapped[int] = mapped_column(default=0)


class RegionFigure(_Counts, db.Model):
    __tablename__ = "region_figures"
    # The reader adds the rows up by school and level (region/stored.py): in this
    # index's order, without sorting; the scheduler finds a school's rows by it too.
    __table_args__ = (Index("ix_region_figures_school_id_level", "school_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    municipality_key: Mapped[str | None] = mapped_column(String(80))
    level: Mapped[str] = mapped_column(String(16))


class RegionSchoolFigure(_Counts, db.Model):
    """The same counts for all the students of a school with one level: the sum of the
    school's `RegionFigure` rows of that level, stored beside them so that an analyst
    linked to the school reads them as they are (bench/RESULTS.md §11a)."""
    __tablename__ = "region_school_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    level: Mapped[str] = mapped_column(String(16))


class RegionFigureStamp(db.Model):
    __tablename__ = "region_figure_stamps"

    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
    on: Mapped[date | None]
    counted_version: Mapped[int | None]
