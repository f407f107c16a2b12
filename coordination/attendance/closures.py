"""The school calendar as an admin keeps it: region holidays and closure days of a school
(DOMAIN.md §3b). The holidays shipped with the product are read-only."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access
from coordination.attendance import icalfiles
from coordination.attendance.holidays import REGION_HOLIDAYS
from coordination.attendance.models import CalendarClosure
from coordination.audit import services as audit
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.schools.models import REGIONS, School
from coordination.validation import in_range, range_message, storable

# The longest closure one entry may cover (a summer holiday is about 6 weeks); a typo in
# a year would otherwise close a school for decades.
MAX_DAYS = 100
NAME_MAX = 120
# An iCalendar file with many bad events names the first ones only.
MAX_PROBLEMS_SHOWN = 10


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


def _problems(first, last, name):
    """{field: [message]} for a closure's days and name (the limits of every entry)."""
    errors = {}
    if first is None:
        errors["first"] = [_l("Fill in the first day as YYYY-MM-DD.")]
    elif not in_range(first):
        errors["first"] = [range_message("event")]
    if last is None:
        errors["last"] = [_l("Fill in the last day as YYYY-MM-DD.")]
    elif not in_range(last):
        errors["last"] = [range_message("event")]
    elif first is not None and last < first:
        errors["last"] = [_l("The last day cannot be before the first day.")]
    elif first is not None and (last - first).days >= MAX_DAYS:
        errors["last"] = [_l("A closure is at most %(days)d days long.", days=MAX_DAYS)]
    if not name or len(name) > NAME_MAX or not storable(name):
        errors["name"] = [_l("Fill in a name (at most %(max)d characters).", max=NAME_MAX)]
    return errors


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
    errors.update(_problems(first, last, name))
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


def _event_problems(events):
    """One line per event that cannot be stored, naming it by number and name."""
    lines = []
    for event in events:
        problems = [event.problem] if event.problem else list(dict.fromkeys(
            str(m) for ms in _problems(event.closure.first, event.closure.last,
                                       event.name).values() for m in ms))
        lines += [_l("Event %(number)d (%(name)s): %(problem)s", number=event.number,
                     name=event.name[:NAME_MAX] or "-", problem=p) for p in problems]
    if len(lines) > MAX_PROBLEMS_SHOWN:
        more = len(lines) - MAX_PROBLEMS_SHOWN
        lines = lines[:MAX_PROBLEMS_SHOWN] + [
            _l("… and %(count)d more problems.", count=more)]
    return lines


def import_calendar(actor, school_id, stream):
    """A school's own days off from an iCalendar file (a binary stream): all events or
    none. An event whose days the school already has as a closure (same first and last
    day) is skipped, so importing the same file twice stores nothing new. Commits.

    Returns (imported, skipped).
    :raise 403: not an admin. :raise 404: no such school.
    :raise 422: on `file`: too large, not iCalendar, too many events, or events that
    cannot be stored (each named).
    """
    if not access.may_administer(actor):
        raise Forbidden()
    if school_id is None or db.session.get(School, school_id) is None:
        raise NotFound()
    config = current_app.config
    data = stream.read(config["CALENDAR_MAX_BYTES"] + 1)
    if len(data) > config["CALENDAR_MAX_BYTES"]:
        raise ValidationError(fields={"file": [_l(
            "The file is larger than %(kb)d kB.", kb=config["CALENDAR_MAX_BYTES"] // 1024)]})
    events = icalfiles.read_events(data, config["CALENDAR_MAX_EVENTS"])
    problems = _event_problems(events)
    if problems:
        raise ValidationError(fields={"file": problems})
    known = {(first, last) for first, last in db.session.execute(
        select(CalendarClosure.first, CalendarClosure.last)
        .where(CalendarClosure.school_id == school_id))}
    added = []
    for event in events:
        days = (event.closure.first, event.closure.last)
        if days not in known:
            known.add(days)
            added.append(CalendarClosure(school_id=school_id, first=days[0], last=days[1],
                                         name=event.name, by_id=actor.id))
    db.session.add_all(added)
    db.session.flush()
    audit.record(actor, "calendar.import", school_id=school_id,
                 closure_ids=[c.id for c in added], skipped=len(events) - len(added))
    db.session.commit()
    return len(added), len(events) - len(added)


def delete_closure(actor, closure_id):
    """Remove a holiday or closure entered by an admin (the shipped ones are data).
    Commits. :raise 403: not an admin. :raise 404: no such closure."""
    if not access.may_administer(actor):
        raise Forbidden()
    closure = db.session.get(CalendarClosure, closure_id)
    if closure is None:
        raise NotFound()
    audit.record(actor, "calendar.closure_delete", closure_id=closure.id,
                 region=closure.region, school_id=closure.school_id, name=closure.name,
                 first=closure.first.isoformat(), last=closure.last.isoformat())
    db.session.delete(closure)
    db.session.commit()
    return closure
