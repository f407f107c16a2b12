"""The register of suspensions and expulsions: record, revise (a new revision, never an
edit), read with history. The reminder to inform the inspectorate is in reminders.py.

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
from coordination.suspensions.labels import EXPULSION_STEP_LABELS
from coordination.suspensions.models import (
    Expulsion,
    ExpulsionRevision,
    Suspension,
    SuspensionRevision,
)
from coordination.timeutil import today_local
from coordination.validation import in_range, range_message

MAX_REASON = 2000
MAX_NOTE = 1000
MAX_SCHOOL_NAME = 200

SUSPENSION_DATES = ("first_day", "last_day", "told_in_writing_on", "inspectorate_informed_on")
EXPULSION_DATES = ("decided_on", "hearing_on", "attendance_officer_informed_on",
                   "inspectorate_informed_on", "new_school_found_on", "effective_on")
# Dates of something that has happened: never in the future.
SUSPENSION_PAST = ("told_in_writing_on", "inspectorate_informed_on")
EXPULSION_PAST = ("decided_on", "hearing_on", "attendance_officer_informed_on",
                  "inspectorate_informed_on", "new_school_found_on")
FUTURE_MESSAGES = {
    "told_in_writing_on": _l("This date is in the future: record it once the letter to the "
                             "student and the parents has been sent."),
    "inspectorate_informed_on": _l("This date is in the future: fill it in once the "
                                   "inspectorate has been informed."),
    "attendance_officer_informed_on": _l("This date is in the future: fill it in once the "
                                         "attendance officer has been informed."),
    "decided_on": _l("This date is in the future: record the expulsion once the school "
                     "board has decided."),
    "hearing_on": _l("This date is in the future: fill it in once the student, the parents "
                     "and the teacher have been heard."),
    "new_school_found_on": _l("This date is in the future: fill it in once another school "
                              "has agreed to admit the student."),
}


# ------------------------------------------------------------------------- helpers

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


def _text(errors, state, name, limit, required_message=None):
    value = (state.get(name) or "").strip()
    if not value and required_message:
        errors[name] = [required_message]
    elif len(value) > limit:
        errors[name] = [_l("Use at most %(max)d characters.", max=limit)]
    state[name] = value or None


def _dates(errors, state, names, past, today):
    for name in names:
        value = state.get(name)
        if value is None:
            continue
        if not in_range(value):
            errors[name] = [range_message("event")]
        elif name in past and value > today:
            errors[name] = [FUTURE_MESSAGES[name]]


def _raise(errors):
    if errors:
        raise ValidationError(fields=errors)


def _note(note, withdrawn, what):
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(fields={"note": [_l("Use at most %(max)d characters.",
                                                  max=MAX_NOTE)]})
    if withdrawn and not note:
        raise ValidationError(fields={"note": [what]})
    return note or None


# --------------------------------------------------------------------- suspensions

def _periods_of_others(student_id, suspension_id=None):
    """The current, not withdrawn periods of the student's other suspensions."""
    return [rules.Period(r.first_day, r.last_day)
            for r in _current_suspensions(student_id)
            if r.suspension_id != suspension_id and not r.withdrawn]


def _validate_suspension(student, state, today, suspension_id=None):
    errors = {}
    _text(errors, state, "reason", MAX_REASON,
          _l("Write down the reason for the suspension; the student and the parents are "
             "given it in writing."))
    if state.get("first_day") is None:
        errors["first_day"] = [_l("Give the first day of the suspension (YYYY-MM-DD).")]
    if state.get("last_day") is None:
        errors["last_day"] = [_l("Give the last day of the suspension (YYYY-MM-DD); for "
                                 "one day, the same date as the first day.")]
    if state.get("told_in_writing_on") is None:
        errors["told_in_writing_on"] = [_l(
            "Give the date the reason was given to the student and the parents in writing: "
            "the law requires it.")]
    _dates(errors, state, SUSPENSION_DATES, SUSPENSION_PAST, today)
    if not errors and state["last_day"] < state["first_day"]:
        errors["last_day"] = [_l(
            "The last day is before the first day (%(first)s): give a last day on or after "
            "it.", first=state["first_day"].isoformat())]
    if errors or state.get("withdrawn"):
        _raise(errors)
        return
    period = rules.Period(state["first_day"], state["last_day"])
    calendar = calendar_for(student.school)
    others = _periods_of_others(student.id, suspension_id)
    if not calendar.school_days(period.first, period.last):
        errors["last_day"] = [_l(
            "There is no school day from %(first)s to %(last)s (a weekend or a holiday): "
            "check the dates.", first=period.first.isoformat(), last=period.last.isoformat())]
    elif rules.overlaps(period, others):
        errors["first_day"] = [_l(
            "The student is already suspended on some of these days: change that suspension "
            "instead of recording a second one.")]
    else:
        days = len(rules.run_with(calendar, period, others))
        if rules.too_long(days):
            errors["last_day"] = [_l(
                "By law a suspension lasts at most one week (%(max)d school days) in a row; "
                "this would be %(days)d school days in a row. Shorten it; for longer, the "
                "school board follows the expulsion procedure.",
                max=rules.SUSPENSION_MAX_DAYS, days=days)]
    _raise(errors)


def record_suspension(actor, student_id, first_day, last_day, reason, told_in_writing_on,
                      inspectorate_informed_on=None):
    """Record a suspension (revision 1), linked to the student's open case if any. Commits.

    :raise NotFound: the student is outside reach. :raise Forbidden: not a professional.
    :raise ValidationError: see `_validate_suspension`.
    """
    student = _student(actor, student_id)
    state = {"first_day": first_day, "last_day": last_day, "reason": reason,
             "told_in_writing_on": told_in_writing_on,
             "inspectorate_informed_on": inspectorate_informed_on, "withdrawn": False}
    _validate_suspension(student, state, today_local())
    case = _open_case(student.id)
    suspension = Suspension(student_id=student.id, case_id=case.id if case else None,
                            created_by_id=actor.id)
    db.session.add(suspension)
    db.session.flush()
    revision = SuspensionRevision(suspension_id=suspension.id, number=1, author_id=actor.id,
                                  note=None, **state)
    db.session.add(revision)
    audit.record(actor, "suspension.record", student=student, case=case,
                 suspension_id=suspension.id)
    db.session.commit()
    return revision


def _current_suspensions(student_id):
    stmt = (revisions.newest(SuspensionRevision.suspension_id)
            .join(Suspension, Suspension.id == SuspensionRevision.suspension_id)
            .where(Suspension.student_id == student_id)
            .order_by(SuspensionRevision.first_day.desc(), SuspensionRevision.suspension_id))
    return db.session.scalars(stmt).all()


def _current_suspension(student_id, suspension_id):
    for revision in _current_suspensions(student_id):
        if revision.suspension_id == suspension_id:
            return revision
    raise ValidationError(fields={"suspension_id": [
        _l("This suspension is not in the register of this student.")]})


def _changed(before, after):
    return sorted(k for k in after if before.get(k) != after[k])


def _add_revision(model, current, key, actor, state, note):
    return revisions.add(
        model(number=current.number + 1, author_id=actor.id, note=note, **state,
              **{key: getattr(current, key)}),
        _l("Someone else changed this just now. Reload and try again."))


def revise_suspension(actor, student_id, suspension_id, changes, note=None):
    """Write a new revision with `changes` (field: new value; None clears an optional date).
    Commits.

    :raise NotFound, Forbidden: as record_suspension. :raise ValidationError: an unknown
    suspension, invalid values or nothing changed. :raise Conflict: revised at the same time.
    """
    student = _student(actor, student_id)
    current = _current_suspension(student.id, suspension_id)
    before = current.state()
    state = {**before, **{k: v for k, v in changes.items() if k in before}}
    note = _note(note, state["withdrawn"] and not before["withdrawn"],
                 _l("Write down why the suspension is withdrawn."))
    _validate_suspension(student, state, today_local(), suspension_id)
    fields = _changed(before, state)
    if not fields:
        raise ValidationError(fields={"note": [_l("Nothing was changed.")]})
    revision = _add_revision(SuspensionRevision, current, "suspension_id", actor, state, note)
    audit.record(actor, "suspension.revise", student=student,
                 case=db.session.get(Case, _case_of(Suspension, suspension_id)),
                 suspension_id=suspension_id, fields=fields)
    db.session.commit()
    return revision


def _case_of(model, item_id):
    """The case a suspension or expulsion was recorded on (None without one)."""
    return db.session.scalar(select(model.case_id).where(model.id == item_id))


# ---------------------------------------------------------------------- expulsions

def _validate_expulsion(state, today):
    errors = {}
    _text(errors, state, "reason", MAX_REASON,
          _l("Write down the reason for the expulsion: the school board must always give "
             "one."))
    _text(errors, state, "new_school_name", MAX_SCHOOL_NAME)
    if state.get("decided_on") is None:
        errors["decided_on"] = [_l("Give the date the school board decided (YYYY-MM-DD).")]
    _dates(errors, state, EXPULSION_DATES, EXPULSION_PAST, today)
    if errors:
        _raise(errors)
    decided = state["decided_on"]
    if state["hearing_on"] and state["hearing_on"] > decided:
        errors["hearing_on"] = [_l(
            "The hearing comes before the decision: the school board decides after hearing "
            "the student, the parents and the teacher.")]
    if bool(state["new_school_name"]) != bool(state["new_school_found_on"]):
        name = "new_school_name" if not state["new_school_name"] else "new_school_found_on"
        errors[name] = [_l("Give both the other school and the date it agreed to admit the "
                           "student.")]
    effective = state["effective_on"]
    if effective is not None:
        if not state["new_school_found_on"]:
            errors["effective_on"] = [_l(
                "An expulsion is only final once another school has agreed to admit the "
                "student: record that school first.")]
        elif effective < max(decided, state["new_school_found_on"]):
            errors["effective_on"] = [_l(
                "The expulsion takes effect on or after the decision and the day another "
                "school was found (%(date)s).",
                date=max(decided, state["new_school_found_on"]).isoformat())]
    _raise(errors)


EXPULSION_FIELDS = ("decided_on", "reason", "hearing_on", "attendance_officer_informed_on",
                    "inspectorate_informed_on", "new_school_name", "new_school_found_on",
                    "effective_on")


def record_expulsion(actor, student_id, **values):
    """Record an expulsion decision and the steps taken so far (revision 1). Commits.

    :raise NotFound, Forbidden: as record_suspension. :raise ValidationError: invalid values.
    """
    student = _student(actor, student_id)
    state = {name: values.get(name) for name in EXPULSION_FIELDS}
    state["withdrawn"] = False
    _validate_expulsion(state, today_local())
    case = _open_case(student.id)
    expulsion = Expulsion(student_id=student.id, case_id=case.id if case else None,
                          created_by_id=actor.id)
    db.session.add(expulsion)
    db.session.flush()
    revision = ExpulsionRevision(expulsion_id=expulsion.id, number=1, author_id=actor.id,
                                 note=None, **state)
    db.session.add(revision)
    audit.record(actor, "expulsion.record", student=student, case=case,
                 expulsion_id=expulsion.id)
    db.session.commit()
    return revision


def _current_expulsions(student_id):
    stmt = (revisions.newest(ExpulsionRevision.expulsion_id)
            .join(Expulsion, Expulsion.id == ExpulsionRevision.expulsion_id)
            .where(Expulsion.student_id == student_id)
            .order_by(ExpulsionRevision.decided_on.desc(), ExpulsionRevision.expulsion_id))
    return db.session.scalars(stmt).all()


def revise_expulsion(actor, student_id, expulsion_id, changes, note=None):
    """A new revision of an expulsion (a step taken, a date corrected). Commits.

    :raise: as revise_suspension.
    """
    student = _student(actor, student_id)
    current = next((r for r in _current_expulsions(student.id)
                    if r.expulsion_id == expulsion_id), None)
    if current is None:
        raise ValidationError(fields={"expulsion_id": [
            _l("This expulsion is not in the register of this student.")]})
    before = current.state()
    state = {**before, **{k: v for k, v in changes.items() if k in before}}
    note = _note(note, state["withdrawn"] and not before["withdrawn"],
                 _l("Write down why the expulsion is withdrawn."))
    _validate_expulsion(state, today_local())
    fields = _changed(before, state)
    if not fields:
        raise ValidationError(fields={"note": [_l("Nothing was changed.")]})
    revision = _add_revision(ExpulsionRevision, current, "expulsion_id", actor, state, note)
    audit.record(actor, "expulsion.revise", student=student,
                 case=db.session.get(Case, _case_of(Expulsion, expulsion_id)),
                 expulsion_id=expulsion_id, fields=fields)
    db.session.commit()
    return revision


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
    suspensions = _current_suspensions(student.id)
    expulsions = _current_expulsions(student.id)
    calendar = calendar_for(student.school)
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


def section(actor, student):
    """What the "Suspensions and expulsions" section of the student and case pages shows:
    empty for those who may not read the register (the family). Not audited on its own:
    the page's read (`student.read`, `case.read`) is the one event of the page.

    :raise NotFound: the student is outside the actor's reach.
    """
    if not actor.is_professional:
        return {}
    return {"register": _register(_student(actor, student.id)), "register_student": student,
            "register_limits": {"reason": MAX_REASON, "note": MAX_NOTE,
                                "school": MAX_SCHOOL_NAME},
            "register_today": today_local(), "expulsion_step_labels": EXPULSION_STEP_LABELS}
