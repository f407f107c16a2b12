"""The region's figures, stored per school (issue 12): the overview counted over every
student of the region on every request (0.27 s at a region's size); the scheduler now
counts each school once and keeps the counts here, and a reader adds them up.

- `RegionFigure`: the raw counts (region/figures.py) of one group of a school's students:
  those with the same municipality of residence and level, so that an analyst's scope
  (linked schools, residents of linked municipalities: access.region_scope) selects whole
  groups; with the did-tier-2-help counts of their open tier-2 cases. A figure added to
  figures.COUNTS needs its column here (tests/services/test_region_stored.py checks).
- `RegionSchoolFigure`: one row per school: the same counts of the whole school by
  level (the sums of its `RegionFigure` rows of each level), written beside them as one
  JSON value, so that an analyst linked to the school reads them as they are, with the
  school, without adding up (bench/RESULTS.md §11a).
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


class RegionFigure(db.Model):
    __tablename__ = "region_figures"
    # The reader adds the rows up by school and level (region/stored.py): in this
    # index's order, without sorting; the scheduler finds a school's rows by it too.
    __table_args__ = (Index("ix_region_figures_school_id_level", "school_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    municipality_key: Mapped[str | None] = mapped_column(String(80))
    level: Mapped[str] = mapped_column(String(16))
    # figures.COUNTS, one column each (summed in SQL by the reader):
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


class RegionSchoolFigure(db.Model):
    __tablename__ = "region_school_figures"

    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), primary_key=True)
    # {"levels": {level: [[the counts in the order of figures.COUNTS], [re-enrolment
    # days]]}, "tier2": [improved, assessed]}: region/stored.py writes and reads it.
    figures: Mapped[dict] = mapped_column(JSON)


class RegionFigureStamp(db.Model):
    __tablename__ = "region_figure_stamps"

    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
    on: Mapped[date | None]
    counted_version: Mapped[int | None]
