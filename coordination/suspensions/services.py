"""The register of suspensions and expulsions: record, revise (a new revision, never an
edit), read with history. What a revision must hold is in checks.py; the reminder to
inform the inspectorate is in reminders.py.

Professionals who reach the student record and read it (`access.student_for`: 404 outside
reach); families do not see it. Every read and change is audited.
"""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from coordination import access, revisions
from coordination.attendance.calendars import calendar_for
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.rules import suspensions as rules
from coordination.suspensions import checks
from coordination.suspensions.checks import MAX_NOTE, MAX_REASON, MAX_SCHOOL_NAME
from coordination.suspensions.labels import EXPULSION_STEP_LABELS
from coordination.suspensions.models import (
    Expulsion,
    ExpulsionRevision,
    Suspension,
    SuspensionRevision,
)
from coordination.timeutil import today_local

EXPULSION_FIELDS = ("decided_on", "reason", "hearing_on", "attendance_officer_informed_on",
                    "inspectorate_informed_on", "new_school_name", "new_school_found_on",
                    "effective_on")


def _student(actor, student_id):
    """:raise NotFound: outside reach. :raise Forbidden: not a professional."""
    student = access.student_for(actor, student_id)
    if not actor.is_professional:
        raise Forbidden(_l("Only professionals record suspensions and expulsions."))
    return student


def check_can_record(actor, student_id):
    """:raise NotFound: the student is outside reach. :raise Forbidden: not a professional."""
    _student(actor, student_id)


def _open_case(student_id):
    # reach: the student is already in the actor's reach (or the scheduler asks)
    return db.session.scalar(select(Case).where(Case.student_id == student_id,
                                                Case.status == OPEN))


def _record(actor, student, model, revision_model, key, state):
    """Revision 1 of a new suspension or expulsion (`key`: its id column on the revision),
    linked to the student's open case if any; audited as "<kind>.record". Commits."""
    case = _open_case(student.id)
    item = model(student_id=student.id, case_id=case.id if case else None,
                 created_by_id=actor.id)
    db.session.add(item)
    db.session.flush()
    revision = revision_model(number=1, author_id=actor.id, note=None, **state,
                              **{key: item.id})
    db.session.add(revision)
    audit.record(actor, f"{key.removesuffix('_id')}.record", student=student, case=case,
                 **{key: item.id})
    db.session.commit()
    return revision


def _one(current, key, item_id, unknown):
    """The current revision of item `item_id` among `current`.
    :raise ValidationError: on `key`, `unknown`, when it is not there."""
    found = next((r for r in current if getattr(r, key) == item_id), None)
    if found is None:
        raise ValidationError(fields={key: [unknown]})
    return found


def _revise(actor, student, current, model, key, changes, note, withdrawn_message, check):
    """A new revision of `current` with `changes`; `check(state)` validates it. Audited as
    "<kind>.revise" with the fields changed. Commits."""
    before = current.state()
    state = {**before, **{k: v for k, v in changes.items() if k in before}}
    note = checks.note(note, state["withdrawn"] and not before["withdrawn"], withdrawn_message)
    check(state)
    fields = sorted(k for k in state if before.get(k) != state[k])
    if not fields:
        raise ValidationError(fields={"note": [_l("Nothing was changed.")]})
    item_id = getattr(current, key)
    revision = revisions.add(
        type(current)(number=current.number + 1, author_id=actor.id, note=note, **state,
                      **{key: item_id}),
        _l("Someone else changed this just now. Reload and try again."))
    case_id = db.session.scalar(select(model.case_id).where(model.id == item_id))
    audit.record(actor, f"{key.removesuffix('_id')}.revise", student=student,
                 case=db.session.get(Case, case_id), **{key: item_id}, fields=fields)
    db.session.commit()
    return revision


# --------------------------------------------------------------------- suspensions

def _suspension_days(student, suspension_id=None):
    """A `checks.suspension` context: the student's calendar and the current, not
    withdrawn periods of their other suspensions."""
    def context():
        others = [rules.Period(r.first_day, r.last_day)
                  for r in _current_suspensions(student.id)
                  if r.suspension_id != suspension_id and not r.withdrawn]
        return calendar_for(student.school), others
    return context


def record_suspension(actor, student_id, first_day, last_day, reason, told_in_writing_on,
                      inspectorate_informed_on=None):
    """Record a suspension (revision 1), linked to the student's open case if any. Commits.

    :raise NotFound: the student is outside reach. :raise Forbidden: not a professional.
    :raise ValidationError: see `checks.suspension`.
    """
    student = _student(actor, student_id)
    state = {"first_day": first_day, "last_day": last_day, "reason": reason,
             "told_in_writing_on": told_in_writing_on,
             "inspectorate_informed_on": inspectorate_informed_on, "withdrawn": False}
    checks.suspension(state, today_local(), _suspension_days(student))
    return _record(actor, student, Suspension, SuspensionRevision, "suspension_id", state)


def _current(model, item_id, newest_first, student_id):
    """The current revision of each of the student's entries of `model` (`item_id`: the
    revision's column naming the entry), by `newest_first` descending."""
    stmt = (revisions.newest(item_id).join(model, model.id == item_id)
            .where(model.student_id == student_id).order_by(newest_first.desc(), item_id))
    return db.session.scalars(stmt).all()


def _current_suspensions(student_id):
    return _current(Suspension, SuspensionRevision.suspension_id, SuspensionRevision.first_day,
                    student_id)


def revise_suspension(actor, student_id, suspension_id, changes, note=None):
    """Write a new revision with `changes` (field: new value; None clears an optional date).
    Commits.

    :raise NotFound, Forbidden: as record_suspension. :raise ValidationError: an unknown
    suspension, invalid values or nothing changed. :raise Conflict: revised at the same time.
    """
    student = _student(actor, student_id)
    current = _one(_current_suspensions(student.id), "suspension_id", suspension_id,
                   _l("This suspension is not in the register of this student."))
    return _revise(actor, student, current, Suspension, "suspension_id", changes, note,
                   _l("Write down why the suspension is withdrawn."),
                   lambda state: checks.suspension(state, today_local(),
                                                   _suspension_days(student, suspension_id)))


# ---------------------------------------------------------------------- expulsions

def record_expulsion(actor, student_id, **values):
    """Record an expulsion decision and the steps taken so far (revision 1). Commits.

    :raise NotFound, Forbidden: as record_suspension. :raise ValidationError: invalid values.
    """
    student = _student(actor, student_id)
    state = {name: values.get(name) for name in EXPULSION_FIELDS}
    state["withdrawn"] = False
    checks.expulsion(state, today_local())
    return _record(actor, student, Expulsion, ExpulsionRevision, "expulsion_id", state)


def _current_expulsions(student_id):
    return _current(Expulsion, ExpulsionRevision.expulsion_id, ExpulsionRevision.decided_on,
                    student_id)


def revise_expulsion(actor, student_id, expulsion_id, changes, note=None):
    """A new revision of an expulsion (a step taken, a date corrected). Commits.

    :raise: as revise_suspension.
    """
    student = _student(actor, student_id)
    current = _one(_current_expulsions(student.id), "expulsion_id", expulsion_id,
                   _l("This expulsion is not in the register of this student."))
    return _revise(actor, student, current, Expulsion, "expulsion_id", changes, note,
                   _l("Write down why the expulsion is withdrawn."),
                   lambda state: checks.expulsion(state, today_local()))


# --------------------------------------------------------------------------- reading

@dataclass
class Entry:
    """One suspension or expulsion as the register shows it."""

    current: object
    history: list = field(default_factory=list)  # every revision, oldest first
    school_days: int | None = None  # suspensions only
    needs_inspectorate: bool = False
    reminder: bool = False  # suspensions: the inspectorate date is missing
    open_steps: list = field(default_factory=list)  # expulsions only


def _histories(model, key, ids):
    grouped = {}
    if ids:
        for revision in db.session.scalars(select(model).where(key.in_(ids))
                                           .order_by(key, model.number)):
            grouped.setdefault(getattr(revision, key.key), []).append(revision)
    return grouped


def _register(student):
    # One statement says whether there are any (most students have neither, issue 12);
    # only the kinds there are are read.
    any_suspension, any_expulsion = db.session.execute(select(
        select(Suspension.id).where(Suspension.student_id == student.id).exists(),
        select(Expulsion.id).where(Expulsion.student_id == student.id).exists())).one()
    suspensions = _current_suspensions(student.id) if any_suspension else []
    expulsions = _current_expulsions(student.id) if any_expulsion else []
    # The school days of a suspension need the calendar: not read without one (issue 12).
    calendar = calendar_for(student.school) if suspensions else None
    s_hist = _histories(SuspensionRevision, SuspensionRevision.suspension_id,
                        [r.suspension_id for r in suspensions])
    e_hist = _histories(ExpulsionRevision, ExpulsionRevision.expulsion_id,
                        [r.expulsion_id for r in expulsions])
    entries = []
    for revision in suspensions:
        days = len(calendar.school_days(revision.first_day, revision.last_day))
        entries.append(Entry(
            revision, s_hist.get(revision.suspension_id, []), days,
            needs_inspectorate=not revision.withdrawn and rules.needs_inspectorate(days),
            reminder=rules.inspectorate_reminder_due(days, revision.inspectorate_informed_on,
                                                     revision.withdrawn)))
    removals = [Entry(r, e_hist.get(r.expulsion_id, []),
                      open_steps=[] if r.withdrawn else rules.expulsion_open_steps(r.state()))
                for r in expulsions]
    return {"suspensions": entries, "expulsions": removals}


def register_for(actor, student_id):
    """The student's suspensions and expulsions with their histories, newest first.
    Audited. Commits.

    :raise NotFound: outside reach. :raise Forbidden: not a professional.
    """
    student = _student(actor, student_id)
    register = _register(student)
    audit.record(actor, "suspension.list", student=student,
                 suspensions=len(register["suspensions"]),
                 expulsions=len(register["expulsions"]))
    db.session.commit()
    return register


def section(actor, student, reached=False):
    """What the "Suspensions and expulsions" section of the student and case pages shows:
    empty for those who may not read the register (the family). Not audited on its own:
    the page's read (`student.read`, `case.read`) is the one event of the page.
    `reached`: the caller loaded `student` within the actor's reach already (the case
    page: the student of a case the actor is on is in their reach), not checked again.

    :raise NotFound: the student is outside the actor's reach.
    """
    if not actor.is_professional:
        return {}
    if not reached:
        student = _student(actor, student.id)
    return {"register": _register(student), "register_student": student,
            "register_limits": {"reason": MAX_REASON, "note": MAX_NOTE,
                                "school": MAX_SCHOOL_NAME},
            "register_today": today_local(), "expulsion_step_labels": EXPULSION_STEP_LABELS}
