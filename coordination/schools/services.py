"""Schools: created and edited by an admin (or on the command line)."""
import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access
from coordination.audit import services as audit
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.rules.timetable import (
    MAX_HOURS,
    WEEKDAYS,
    format_weekdays,
    parse_weekdays,
    resolve,
)
from coordination.schools.models import REGIONS, School, SchoolTimetable
from coordination.students.models import LEVELS

BRIN = re.compile(r"^[0-9]{2}[A-Z]{2}$")
MAX_NAME = 160


def _check(name, brin, region):
    errors = {}
    if not name or len(name) > MAX_NAME:
        errors["name"] = [_l("Fill in the name of the school (at most %(max)d characters).",
                             max=MAX_NAME)]
    if not BRIN.match(brin):
        errors["brin"] = [_l("A BRIN code is 2 digits and 2 letters, for example 12AB.")]
    if region not in REGIONS:
        errors["region"] = [_l("Choose a holiday region.")]
    if errors:
        raise ValidationError(fields=errors)


def create_school(actor, name, brin, region):
    """Create a school; `actor` None is the command line. Commits.

    :raise Forbidden: not an admin. :raise ValidationError: name, BRIN code or region wrong.
    :raise Conflict duplicate_brin: the BRIN code is taken.
    """
    if actor is not None and not access.may_administer(actor):
        raise Forbidden()
    name, brin = (name or "").strip(), (brin or "").strip().upper()
    _check(name, brin, region)
    _check_brin_free(brin)
    school = School(name=name, brin=brin, region=region)
    db.session.add(school)
    db.session.flush()
    audit.record(actor, "school.create", school_id=school.id, brin=brin)
    db.session.commit()
    return school


def _check_brin_free(brin, school_id=None):
    taken = db.session.scalar(select(School.id).where(School.brin == brin))
    if taken is not None and taken != school_id:
        raise Conflict(_l("A school with this BRIN code already exists."),
                       fields={"brin": [_l("This BRIN code is already in use.")]},
                       code="duplicate_brin")


def school_to_edit(actor, school_id):
    """:raise Forbidden: not an admin. :raise NotFound: no such school."""
    if not access.may_administer(actor):
        raise Forbidden()
    school = db.session.get(School, school_id) if 0 < school_id <= 2 ** 31 - 1 else None
    if school is None:
        raise NotFound()
    return school


def update_school(actor, school_id, name, brin, region):
    """Change a school's name, BRIN code and holiday region; 409 when the BRIN code is
    another school's. Commits."""
    school = school_to_edit(actor, school_id)
    brin = brin.strip().upper()
    _check_brin_free(brin, school.id)
    before = {"name": school.name, "brin": school.brin, "region": school.region}
    school.name, school.brin, school.region = name.strip(), brin, region
    after = {"name": school.name, "brin": school.brin, "region": school.region}
    audit.record(actor, "school.update", school_id=school.id,
                 fields=sorted(k for k in before if before[k] != after[k]))
    db.session.commit()
    return school


def list_schools():
    return db.session.scalars(select(School).order_by(School.name)).all()


def named(ids):
    """The schools with these ids, by name (for filters over rows that carry ids)."""
    if not ids:
        return []
    return db.session.scalars(select(School).where(School.id.in_(ids))
                              .order_by(School.name)).all()


def linked_schools(user):
    """The schools a professional is linked to (where they register students)."""
    return db.session.scalars(select(School).where(School.id.in_(access.linked_school_ids(user)))
                              .order_by(School.name)).all()


# ----------------------------------------------------------------------------- timetables

def may_set_timetable(actor, school_id):
    """A school's staff (a professional linked to it) or an admin sets its timetables."""
    return access.may_administer(actor) or access.school_in_reach(actor, school_id)


def _school_for_timetable(actor, school_id):
    """:raise NotFound: no such school, or not the actor's (an admin sees every school)."""
    school = db.session.get(School, school_id) if 0 < school_id <= 2 ** 31 - 1 else None
    if school is None or not may_set_timetable(actor, school.id):
        raise NotFound()
    return school


def timetable_of(actor, school_id):
    """(school, {level or None: SchoolTimetable}) for the timetable page (school data, no
    student's: not audited, its changes are). :raise NotFound: no such school, or not the
    actor's."""
    school = _school_for_timetable(actor, school_id)
    rows = db.session.scalars(select(SchoolTimetable).where(
        SchoolTimetable.school_id == school.id)).all()
    return school, {row.level: row for row in rows}


def check_timetable(hours, weekdays, required=True):
    """{field: [message]} for hours per school day and ISO weekdays; with `required`
    False both may be empty (nothing of one's own)."""
    errors = {}
    if hours is None:
        if required:
            errors["hours_per_day"] = [_l("Fill in the hours per school day.")]
    elif not 0 < hours <= MAX_HOURS:
        errors["hours_per_day"] = [_l("Fill in more than 0 and at most %(max)s hours.",
                                      max=int(MAX_HOURS))]
    if not weekdays:
        if required:
            errors["weekdays"] = [_l("Choose the days the student has school.")]
    elif not set(weekdays) <= set(WEEKDAYS):
        errors["weekdays"] = [_l("Choose days from Monday to Friday.")]
    return errors


def set_timetable(actor, school_id, level, hours, weekdays):
    """Hours per school day and weekdays taught at a school for a level (None: the school's
    default). Commits.

    :raise NotFound: no such school, or not the actor's. :raise ValidationError: level,
    hours or days invalid.
    """
    school = _school_for_timetable(actor, school_id)
    level = level or None
    errors = check_timetable(hours, weekdays)
    if level is not None and level not in LEVELS:
        errors["level"] = [_l("Choose a level.")]
    if errors:
        raise ValidationError(fields=errors)
    row = db.session.scalar(select(SchoolTimetable).where(
        SchoolTimetable.school_id == school.id,
        SchoolTimetable.level.is_(None) if level is None else SchoolTimetable.level == level))
    if row is None:
        row = SchoolTimetable(school_id=school.id, level=level)
        db.session.add(row)
    row.hours_per_day, row.weekdays, row.by_id = float(hours), format_weekdays(weekdays), \
        actor.id
    audit.record(actor, "school.timetable", school_id=school.id, level=level,
                 hours_per_day=row.hours_per_day, weekdays=row.weekdays)
    db.session.commit()
    return row


def remove_timetable(actor, school_id, level):
    """Remove a school's timetable for a level (None: its default): the level follows the
    school's default again (and that, six hours Monday to Friday); nothing to remove is
    no error. Commits. :raise NotFound: no such school, or not the actor's."""
    school = _school_for_timetable(actor, school_id)
    level = level or None
    row = db.session.scalar(select(SchoolTimetable).where(
        SchoolTimetable.school_id == school.id,
        SchoolTimetable.level.is_(None) if level is None else SchoolTimetable.level == level))
    if row is None:
        return
    db.session.delete(row)
    audit.record(actor, "school.timetable_remove", school_id=school.id, level=level)
    db.session.commit()


def set_lesson_hours(actor, school_id, lesson_hours):
    """Whether the school counts lesson hours (each lesson of at most 60 minutes is an
    hour) instead of clock hours for the 16-hour report (DOMAIN.md §3). Commits.
    :raise NotFound: no such school, or not the actor's."""
    school = _school_for_timetable(actor, school_id)
    school.lesson_hours = bool(lesson_hours)
    audit.record(actor, "school.lesson_hours", school_id=school.id,
                 lesson_hours=school.lesson_hours)
    db.session.commit()
    return school


def timetables_for(students):
    """{student id: rules.timetable.Timetable}: the student's own hours and days over the
    school's for their level over the school's default; the school's lesson-hours setting.
    One query for all schools and levels, whatever the number of students."""
    school_ids = {s.school_id for s in students}
    layers = {}
    if school_ids:
        for row in db.session.scalars(select(SchoolTimetable).where(
                SchoolTimetable.school_id.in_(school_ids))):
            layers[(row.school_id, row.level)] = (row.hours_per_day,
                                                  parse_weekdays(row.weekdays))
    return {s.id: resolve([layers.get((s.school_id, None), (None, None)),
                           layers.get((s.school_id, s.level), (None, None)),
                           (s.timetable_hours, parse_weekdays(s.timetable_weekdays))],
                          s.school.lesson_hours)
            for s in students}


def timetable_schools(actor):
    """The schools whose timetables the actor sets: every school for an admin, the linked
    ones for a professional. :raise Forbidden: any other role."""
    if access.may_administer(actor):
        return list_schools()
    if not actor.is_professional:
        raise Forbidden()
    return linked_schools(actor)
