"""Schools and the holiday region their calendar follows."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db
from coordination.timeutil import utcnow

# DOMAIN.md §3b: three holiday regions with nationally advised dates.
REGIONS = ("noord", "midden", "zuid")


class School(db.Model):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    # BRIN: the four-character code DUO gives every school.
    brin: Mapped[str] = mapped_column(String(8), unique=True)
    region: Mapped[str] = mapped_column(String(8))
    # DOMAIN.md §3: the school counts lesson hours (each lesson of at most 60 minutes is
    # an hour) instead of clock hours for the 16-hour report.
    lesson_hours: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self):
        return f"<School {self.brin}>"


class SchoolTimetable(db.Model):
    """Hours per school day and the weekdays taught at a school, for one level (None: the
    school's default for every level without its own row). rules/timetable.py reads it."""

    __tablename__ = "school_timetables"
    __table_args__ = (UniqueConstraint("school_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    level: Mapped[str | None] = mapped_column(String(16))
    hours_per_day: Mapped[float]
    # ISO weekdays taught, as digits: "12345" is Monday to Friday.
    weekdays: Mapped[str] = mapped_column(String(5))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
