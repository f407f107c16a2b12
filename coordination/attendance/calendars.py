"""Building a school's calendar from the shipped region holidays and the closures an
admin entered for its region and for the school itself."""
from sqlalchemy import or_, select

from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.attendance.models import CalendarClosure
from coordination.extensions import db
from coordination.rules.calendar import Closure, SchoolCalendar
from coordination.schools.models import School


def calendar_for(school):
    rows = db.session.scalars(select(CalendarClosure).where(or_(
        CalendarClosure.region == school.region, CalendarClosure.school_id == school.id)))
    closures = list(REGION_HOLIDAYS.get(school.region, ())) + [
        Closure(r.first, r.last, r.name) for r in rows]
    return SchoolCalendar(closures)


class CalendarCache:
    """One calendar per school id, built on first use (for imports and region scans)."""

    def __init__(self):
        self._calendars = {}

    def get(self, school_id):
        if school_id not in self._calendars:
            self._calendars[school_id] = calendar_for(db.session.get(School, school_id))
        return self._calendars[school_id]
