"""When a rule's input changes, the stored signal state it fed is stale (issue 12).

One listener on the ORM session sees every row added, changed or deleted in a flush and
marks stale (`on` None, `version` + 1) the `SignalStamp` of each student whose signals
may change, in the same transaction: readers then compute that student from the rows
until the scheduler has stored the new state (`signals.services.refresh_stale`).
Inputs written in bulk, beside the ORM (the attendance merge), call `invalidate`.

What feeds the rules, and whose state it makes stale:
- an absence, exemption, leaving, enrolment or DUO report: that student;
- a student's school, level, date of birth, startkwalificatie, VSO profile or own
  timetable: that student;
- a school's own closure, timetable, region or lesson-hours setting: its students;
- a region's holiday: the students of its schools.
The shipped region holidays (`attendance/holidays.py`) and the setting DUO_REPORT_ADULTS
are code and configuration: after changing either, run `flask signals rebuild`.
"""
from sqlalchemy import event, insert, inspect, select, update
from sqlalchemy.orm import Session

from coordination.attendance.models import Absence, CalendarClosure, DuoReport
from coordination.followup.models import Deregistration, Enrolment
from coordination.region import stale as region_stale
from coordination.schools.models import School, SchoolTimetable
from coordination.signals.models import SignalStamp
from coordination.students.models import Exemption, Student

STAMPS = SignalStamp.__table__
PENDING = "regie_signals_stale"  # key in Session.info: (kind, value) pairs to invalidate

STUDENT_FIELDS = ("school_id", "level", "date_of_birth", "has_startkwalificatie",
                  "vso_profile", "timetable_hours", "timetable_weekdays")
# Models whose rows belong to one student: any change to them makes that student stale.
PER_STUDENT = (Absence, Exemption, Deregistration, Enrolment, DuoReport)


def invalidate(session, students=None, schools=None, region=None):
    """Make stale, in the session's transaction, the state of the students given as ids or
    as a SELECT of ids, of the students of the given schools, or of a region's schools."""
    # reach: bookkeeping of stored state after a write; nothing is read or shown to anyone
    condition = None
    if students is not None:
        condition = STAMPS.c.student_id.in_(students)
    elif schools is not None:
        # reach: bookkeeping after a write (a calendar change marks its schools' students)
        condition = STAMPS.c.student_id.in_(
            select(Student.id).where(Student.school_id.in_(schools)))
    elif region is not None:
        # reach: bookkeeping after a write (a region-wide change marks its students)
        condition = STAMPS.c.student_id.in_(select(Student.id).where(
            Student.school_id.in_(select(School.id).where(School.region == region))))
    if condition is not None:
        # Core, on the flush's connection: no ORM bookkeeping inside a flush.
        session.connection().execute(update(STAMPS).where(condition).values(
            on=None, version=STAMPS.c.version + 1))
        # The stored did-tier-2-help verdicts of these students are no longer fresh, so
        # neither are the region figures that count them.
        region_stale.mark(session, students=students, schools=schools if region is None
                          else select(School.id).where(School.region == region))


def _changed(obj, fields):
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _affected(obj, changed_only):
    """(kind, value) of the state `obj` feeds, or None."""
    if isinstance(obj, PER_STUDENT):
        return ("student", obj.student_id)
    if isinstance(obj, Student):
        if not changed_only or _changed(obj, STUDENT_FIELDS):
            return ("student", obj.id)
    elif isinstance(obj, CalendarClosure):
        return ("school", obj.school_id) if obj.school_id else ("region", obj.region)
    elif isinstance(obj, School) and changed_only and _changed(obj, ("region",
                                                                     "lesson_hours")):
        return ("school", obj.id)
    elif isinstance(obj, SchoolTimetable):
        return ("school", obj.school_id)
    return None




@event.listens_for(Session, "before_flush")
def _collect(session, _context, _instances):
    pending = session.info.setdefault(PENDING, set())
    for objects, changed_only in ((session.new, False), (session.dirty, True),
                                  (session.deleted, False)):
        for obj in objects:
            found = _affected(obj, changed_only)
            if found is not None and found[1] is not None:
                pending.add(found)


@event.listens_for(Session, "after_flush")
def _apply(session, _context):
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    students = [v for k, v in pending if k == "student"]
    schools = [v for k, v in pending if k == "school"]
    if students:
        invalidate(session, students=students)
    if schools:
        invalidate(session, schools=schools)
    for region in {v for k, v in pending if k == "region"}:
        invalidate(session, region=region)


def stamp_new(session, student_ids):
    """Give students added beside the ORM (the roster import's bulk INSERT, which fires
    no mapper events) their stamp, stale until the scheduler computes it: every student
    has one, so readers find the stale ones from the stamps alone (signals.services)."""
    if student_ids:
        session.execute(insert(STAMPS), [{"student_id": student_id, "on": None, "version": 0,
                                          "calendar_missing": False}
                                         for student_id in student_ids])


@event.listens_for(Student, "after_insert")
def _new_student(_mapper, connection, student):
    """Every student has a stamp, stale until the scheduler computes it."""
    connection.execute(insert(STAMPS).values(student_id=student.id, on=None, version=0,
                                             calendar_missing=False))
