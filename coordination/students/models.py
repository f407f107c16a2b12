"""Students as the school registers them."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from coordination.accounts.models import municipality_key
from coordination.extensions import db
from coordination.timeutil import utcnow

LEVELS = (
    "vmbo-b", "vmbo-k", "vmbo-gt", "havo", "vwo", "pro", "vso",
    "mbo-1", "mbo-2", "mbo-3", "mbo-4",
)
# DOMAIN.md §3: vso students with these profiles are no longer kwalificatieplichtig.
VSO_PROFILES = ("vervolgonderwijs", "arbeidsmarkt", "dagbesteding")


class Student(db.Model):
    __tablename__ = "students"
    __table_args__ = (UniqueConstraint("school_id", "student_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    student_number: Mapped[str] = mapped_column(String(32))
    given_name: Mapped[str] = mapped_column(String(80))
    family_name: Mapped[str] = mapped_column(String(120))
    date_of_birth: Mapped[date]
    level: Mapped[str] = mapped_column(String(16))
    has_startkwalificatie: Mapped[bool] = mapped_column(default=False)
    # The day the startkwalificatie was recorded as reached (e.g. when the follow-up stopped
    # for it); None when unknown or not reached.
    startkwalificatie_on: Mapped[date | None]
    vso_profile: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(7))
    city: Mapped[str | None] = mapped_column(String(80))
    # Municipality of residence (woongemeente): attendance officers of that municipality
    # reach the student (DOMAIN.md §3). `municipality_key` is the form compared.
    municipality: Mapped[str | None] = mapped_column(String(80))
    municipality_key: Mapped[str | None] = mapped_column(String(80), index=True)
    # The student's own timetable (a BBL student, a part-time schedule): hours per school
    # day and ISO weekdays taught ("1": Monday only); None: the school's for the level.
    timetable_hours: Mapped[float | None]
    timetable_weekdays: Mapped[str | None] = mapped_column(String(5))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    school = relationship("School", lazy="joined")

    @validates("municipality")
    def _keep_key(self, _name, value):
        value = " ".join(value.split()) if value else None
        self.municipality_key = municipality_key(value)
        return value

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"

    def __repr__(self):
        return f"<Student {self.id}>"


class Exemption(db.Model):
    """A vrijstelling (Leerplichtwet art. 5, 11, 15) recorded on the student: from `first`
    through `last` (none: until further notice). While it holds, the DUO and thuiszitter
    signals are off (API.md "Signal codes")."""

    __tablename__ = "exemptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"), index=True)
    first: Mapped[date]
    last: Mapped[date | None]
    reason: Mapped[str] = mapped_column(String(200))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
