"""What the team records on a follow-up case: contact attempts (three unanswered in a row
call for a home visit), the kind of leaver and the causes, the September start check, and
the history the case page shows. followup.services re-exports these names."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from coordination import access, limits
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.followup.models import (
    CAUSES,
    CHANNELS,
    LEAVER_KINDS,
    ContactAttempt,
    Deregistration,
    FollowUpStop,
    LeaverProfile,
    StartCheck,
)
from coordination.notifications import services as notifications
from coordination.scheduler.models import ScheduledItem
from coordination.students.models import Student
from coordination.timeutil import AMSTERDAM, as_utc, today_local
from coordination.validation import checked_text, clean_text

UNANSWERED_FOR_VISIT = 3
NOTE_MAX = limits.TEXT
# What was said and what was agreed in one contact attempt.
ATTEMPT_TEXT_MAX = limits.LONG_TEXT
# The step of the follow-up plan that is the September start check.
START_CHECK_STEP = "start_check"


def log_attempt(actor, case_id, on, channel, reached, said=None, agreed=None, now=None):
    """Log a contact attempt; three unanswered in a row tell the coordinator. Commits.

    :raise 404: case not visible. :raise 403: not a professional. :raise 422: no channel
        from the list, no day, or a text over ATTEMPT_TEXT_MAX.
    """
    case = case_to_record(actor, case_id)
    if channel not in CHANNELS or on is None:
        raise ValidationError(fields={"channel": [_l("Choose how contact was tried, and when.")]})
    errors = {}
    said = clean_text(said, "said", errors, limit=ATTEMPT_TEXT_MAX)
    agreed = clean_text(agreed, "agreed", errors, limit=ATTEMPT_TEXT_MAX)
    if errors:
        raise ValidationError(fields=errors)
    db.session.add(ContactAttempt(case_id=case.id, on=on, channel=channel, reached=bool(reached),
                                  said=said or None, agreed=agreed or None, by_id=actor.id))
    db.session.flush()
    last = db.session.scalars(select(ContactAttempt.reached).where(
        ContactAttempt.case_id == case.id).order_by(ContactAttempt.id.desc())
        .limit(UNANSWERED_FOR_VISIT)).all()
    if len(last) == UNANSWERED_FOR_VISIT and not any(last):
        notifications.notify([case.coordinator_id], "unreachable", on, case_id=case.id)
    audit.record(actor, "case.contact_attempt", case=case, reached=bool(reached))
    db.session.commit()



def attempts(case):
    return db.session.scalars(select(ContactAttempt).where(ContactAttempt.case_id == case.id)
                              .order_by(ContactAttempt.on.desc(), ContactAttempt.id.desc())).all()



def _note(note):
    return checked_text(note, "note", limit=NOTE_MAX, too_long=_l(
        "The note is too long (at most %(max)d characters).", max=NOTE_MAX)) or None



def case_to_record(actor, case_id):
    """The case, for a professional on it. :raise NotFound: not visible. :raise Forbidden:
    not a professional."""
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    return case



def record_leaver_profile(actor, case_id, kind, causes, note=None):
    """Record what kind of leaver this is and the causes (seed 004); a change is a new
    record, the history stays. Commits.

    :raise 404: case not visible. :raise 403: not a professional. :raise 422: no kind from
        the list, or a cause not on the list.
    """
    case = case_to_record(actor, case_id)
    causes = list(dict.fromkeys(causes or ()))
    errors = {}
    if kind not in LEAVER_KINDS:
        errors["kind"] = [_l("Choose the kind of leaver from the list.")]
    if any(cause not in CAUSES for cause in causes):
        errors["causes"] = [_l("Choose the causes from the list.")]
    if errors:
        raise ValidationError(fields=errors)
    profile = LeaverProfile(case_id=case.id, kind=kind, causes=causes, note=_note(note),
                            by_id=actor.id)
    db.session.add(profile)
    audit.record(actor, "case.leaver_profile", case=case, kind=kind, causes=causes)
    db.session.commit()
    return profile



def record_start_check(actor, case_id, started, on, note=None):
    """The September check after a zomeractie: did they start at the new school (`on`: the
    day they started, or the day it was checked)? Commits.

    :raise 404: case not visible. :raise 403: not a professional. :raise 422: no answer, or
        no day or a day in the future.
    """
    case = case_to_record(actor, case_id)
    errors = {}
    if started not in (True, False):
        errors["started"] = [_l("Choose yes or no.")]
    if on is None or on > today_local():
        errors["on"] = [_l("Fill in the day (not in the future).")]
    if errors:
        raise ValidationError(fields=errors)
    check = StartCheck(case_id=case.id, started=started, on=on, note=_note(note), by_id=actor.id)
    db.session.add(check)
    audit.record(actor, "case.start_check", case=case, started=started, on=on.isoformat())
    db.session.commit()
    return check



def case_history(case):
    """What the case page shows of the follow-up: leaver profiles, start checks and the
    recorded ends (newest first), for a case the caller has already read."""
    def any_of(model, where):
        return select(model.id).where(where).exists()

    # One statement says which of the four exist (most cases have none of them, issue 12);
    # only those that do are read.
    models = (LeaverProfile, StartCheck, FollowUpStop)
    left, *present = db.session.execute(select(
        any_of(Deregistration, Deregistration.student_id == case.student_id),
        *(any_of(model, model.case_id == case.id) for model in models))).one()

    def newest(model, there):
        if not there:
            return []
        return db.session.scalars(select(model).where(model.case_id == case.id)
                                  .order_by(model.id.desc())).all()
    profiles, checks, stops = (newest(m, there) for m, there in zip(models, present))
    return {"left_school": bool(left), "profiles": profiles, "start_checks": checks,
            "stops": stops}



def start_checks_due(actor, horizon, cases=None):
    """The September start checks due by `horizon` on the open cases the actor coordinates
    and can see, with no start check recorded since that year's zomeractie: a list of
    (case_id, student_id, due_on, student name), for the worklist. `cases`: a SELECT of
    those cases to look at instead (the case page: its one case)."""
    if cases is None:
        cases = access.visible_cases(actor).where(Case.status == OPEN,
                                                  Case.coordinator_id == actor.id)
    visible = cases.with_only_columns(Case.id, Case.student_id).subquery()  # the columns used
    rows = db.session.execute(
        select(ScheduledItem.case_id, ScheduledItem.due_at, ScheduledItem.payload,
               Student.id, Student.given_name, Student.family_name)
        .join(visible, visible.c.id == ScheduledItem.case_id)
        .join(Student, Student.id == visible.c.student_id)
        .where(ScheduledItem.kind == "followup", ScheduledItem.cancelled_at.is_(None),
               ScheduledItem.key.like(f"%:{START_CHECK_STEP}:%"))).all()
    due = []
    for case_id, due_at, payload, student_id, given, family in rows:
        due_on = as_utc(due_at).astimezone(AMSTERDAM).date()
        if (payload or {}).get("step") == START_CHECK_STEP and due_on <= horizon:
            due.append((case_id, student_id, due_on, f"{given} {family}"))
    if not due:
        return []
    checked = db.session.execute(select(StartCheck.case_id, func.max(StartCheck.on)).where(
        StartCheck.case_id.in_({row[0] for row in due})).group_by(StartCheck.case_id))
    last = dict(checked.all())
    return [row for row in due
            if last.get(row[0]) is None or last[row[0]] < row[2].replace(month=6, day=1)]
