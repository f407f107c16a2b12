"""The school calendar as an admin keeps it: region holidays and closure days of a school
(DOMAIN.md §3b). The holidays shipped with the product are read-only."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access
from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.attendance.models import CalendarClosure
from coordination.audit import services as audit
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.schools.models import REGIONS, School

# The longest closure one entry may cover (a summer holiday is about 6 weeks); a typo in
# a year would otherwise close a school for decades.
MAX_DAYS = 100
NAME_MAX = 120


def shipped_holidays():
    """[(region, Closure)] shipped as data (coordination/attendance/holidays.py)."""
    return [(region, closure) for region in REGIONS
            for closure in REGION_HOLIDAYS.get(region, ())]


def list_closures():
    """[(CalendarClosure, school name or None)] entered by admins, by first day."""
    return db.session.execute(
        select(CalendarClosure, School.name)
        .outerjoin(School, School.id == CalendarClosure.school_id)
        .order_by(CalendarClosure.first, CalendarClosure.id)).all()


def add_closure(actor, region, school_id, first, last, name):
    """A holiday of a region or a closure of one school (exactly one of the two). Commits.

    :raise 403: not an admin. :raise 422: dates, name or region/school invalid.
    """
    if not access.may_administer(actor):
        raise Forbidden()
    region = region or None
    school_id = school_id or None
    name = (name or "").strip()
    errors = {}
    if (region is None) == (school_id is None):
        errors["region"] = [_l("Choose a holiday region or a school: one of the two.")]
    elif region is not None and region not in REGIONS:
        errors["region"] = [_l("Choose a holiday region.")]
    elif school_id is not None and db.session.get(School, school_id) is None:
        errors["school_id"] = [_l("This school does not exist.")]
    if first is None:
        errors["first"] = [_l("Fill in the first day as YYYY-MM-DD.")]
    if last is None:
        errors["last"] = [_l("Fill in the last day as YYYY-MM-DD.")]
    elif first is not None and last < first:
        errors["last"] = [_l("The last day cannot be before the first day.")]
    elif first is not None and (last - first).days >= MAX_DAYS:
        errors["last"] = [_l("A closure is at most %(days)d days long.", days=MAX_DAYS)]
    if not name or len(name) > NAME_MAX:
        errors["name"] = [_l("Fill in a name (at most %(max)d characters).", max=NAME_MAX)]
    if errors:
        raise ValidationError(fields=errors)
    closure = CalendarClosure(region=region, school_id=school_id, first=first, last=last,
                              name=name, by_id=actor.id)
    db.session.add(closure)
    db.session.flush()
    audit.record(actor, "calendar.closure_add", closure_id=closure.id, region=region,
                 school_id=school_id, first=first.isoformat(), last=last.isoformat())
    db.session.commit()
    return closure
