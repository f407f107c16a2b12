"""Dropout follow-up: leaving school opens (or continues) a case in follow-up mode with a
plan of reminders; re-enrolment ends every pending reminder at once; contact attempts are
logged, and three unanswered in a row call for a home visit."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from coordination import access
from coordination.attendance.calendars import calendar_for
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case
from coordination.cases.services import case_to_manage, new_case, open_case_of
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.followup.models import (
    CHANNELS,
    STOP_REASONS,
    ContactAttempt,
    Deregistration,
    Enrolment,
    FollowUpStop,
)
from coordination.notifications import services as notifications
from coordination.rules import followup as rules
from coordination.scheduler import services as scheduler
from coordination.scheduler.models import ScheduledItem
from coordination.schools.models import School
from coordination.students.models import Student
from coordination.tiers.services import local_moment
from coordination.timeutil import AMSTERDAM, today_local

UNANSWERED_FOR_VISIT = 3

def _start_case(actor, student):
    """The open case (its coordinator stays), or a new one with the actor coordinating."""
    return open_case_of(student.id) or new_case(student.id, actor.id, actor.id,
                                                "follow-up after leaving school")


def _end_age():
    return current_app.config["FOLLOWUP_END_AGE"]


def student_to_write(actor, student_id):
    """The student, for a professional who may see them: 403 for other roles, else 404."""
    if not actor.is_professional:
        raise Forbidden()
    return access.student_for(actor, student_id)


def deregister(actor, student_id, left_on, reason, check_access=True, commit=True):
    """Record that the student left school; start the follow-up when it applies. Commits.

    :raise ValidationError: no date, a date in the future, no reason.
    """
    if check_access:
        student = student_to_write(actor, student_id)
    else:  # a regional list names young people the actor cannot see yet
        student = db.session.get(Student, student_id)
    reason = (reason or "").strip()
    errors = {}
    if left_on is None or left_on > today_local():
        errors["left_on"] = [_l("Fill in the day the student left school (not in the future).")]
    if not reason or len(reason) > 200:
        errors["reason"] = [_l("Give the reason for leaving (at most 200 characters).")]
    if errors:
        raise ValidationError(fields=errors)
    case = None
    if rules.needs_follow_up(student.date_of_birth, student.has_startkwalificatie, left_on,
                             _end_age()):
        case = _start_case(actor, student)
        case.followup = True
        for reminder in rules.plan(left_on, student.date_of_birth,
                                   calendar_for(student.school), _end_age()):
            scheduler.plan(f"followup:{case.id}:{left_on.isoformat()}:{reminder.kind}:"
                           f"{reminder.due.isoformat()}", "followup", local_moment(reminder.due),
                           case_id=case.id, user_id=case.coordinator_id,
                           payload={"step": reminder.kind})
    record = Deregistration(student_id=student.id, case_id=case.id if case else None,
                            left_on=left_on, reason=reason, by_id=actor.id)
    db.session.add(record)
    audit.record(actor, "student.deregister", student=student, case=case)
    if commit:
        db.session.commit()
    return record


def _end_followup(case, now):
    scheduler.cancel_pending(now, case.id, ["followup"])
    case.followup = False


def enrol(actor, student_id, school_id, enrolled_on, now):
    """The student is enrolled again: every pending follow-up reminder ends at once."""
    student = student_to_write(actor, student_id)
    errors = {}
    if enrolled_on is None:
        errors["enrolled_on"] = [_l("Fill in the day of enrolment.")]
    if db.session.get(School, school_id or 0) is None:
        errors["school_id"] = [_l("This school does not exist.")]
    if errors:
        raise ValidationError(fields=errors)
    record = Enrolment(student_id=student.id, school_id=school_id, enrolled_on=enrolled_on,
                       by_id=actor.id)
    db.session.add(record)
    case = open_case_of(student.id)
    if case is not None and case.followup:
        _end_followup(case, now)
    audit.record(actor, "student.enrol", student=student)
    db.session.commit()
    return record


def stop(actor, case_id, reason, note, on, now):
    """End the follow-up for another reason: a diploma, a move, a decision (e.g. work)."""
    case = case_to_manage(actor, case_id)
    if reason not in STOP_REASONS:
        raise ValidationError(fields={"reason": [_l("Choose a reason from the list.")]})
    db.session.add(FollowUpStop(case_id=case.id, reason=reason, note=(note or "").strip() or None,
                                on=on, by_id=actor.id))
    _end_followup(case, now)
    audit.record(actor, "case.followup_stop", case=case, reason=reason)
    db.session.commit()


def reminders(actor, case_id):
    """Planned, sent and cancelled reminders of a case (API.md), oldest first. Audited;
    commits. :raise 404: not visible. :raise 403: not a professional."""
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    items = db.session.scalars(select(ScheduledItem).where(ScheduledItem.case_id == case.id)
                               .order_by(ScheduledItem.due_at, ScheduledItem.id)).all()
    audit.record(actor, "case.reminders", case=case, count=len(items))
    db.session.commit()
    return items


def log_attempt(actor, case_id, on, channel, reached, said=None, agreed=None, now=None):
    """Log a contact attempt; three unanswered in a row tell the coordinator. Commits."""
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    if channel not in CHANNELS or on is None:
        raise ValidationError(fields={"channel": [_l("Choose how contact was tried, and when.")]})
    db.session.add(ContactAttempt(case_id=case.id, on=on, channel=channel, reached=bool(reached),
                                  said=(said or "").strip() or None,
                                  agreed=(agreed or "").strip() or None, by_id=actor.id))
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


def on_followup_reminder(item, now):
    case = db.session.get(Case, item.case_id)
    if case is not None and case.status == OPEN and case.followup:
        notifications.notify([case.coordinator_id], "followup", now.astimezone(AMSTERDAM).date(),
                             case_id=case.id,
                             step=item.payload["step"])



def check_list_user(actor):
    """The follow-up lists and the list import are for coordinators and attendance
    officers. :raise Forbidden: other roles."""
    if not access.may_import_lists(actor):
        raise Forbidden()


def _last_attempts(case_ids):
    """{case_id: its most recent contact attempt} (one query)."""
    if not case_ids:
        return {}
    rank = func.row_number().over(partition_by=ContactAttempt.case_id,
                                  order_by=(ContactAttempt.on.desc(), ContactAttempt.id.desc()))
    ranked = (select(ContactAttempt.id, rank.label("n"))
              .where(ContactAttempt.case_id.in_(case_ids)).subquery())
    rows = db.session.scalars(select(ContactAttempt).join(ranked, ranked.c.id == ContactAttempt.id)
                              .where(ranked.c.n == 1)).all()
    return {row.case_id: row for row in rows}


def summer_list(actor):
    """The zomeractie list: the open follow-up cases the actor sees, grouped by postcode
    area (its 4 digits; no postcode last), each as (case, last contact attempt)."""
    check_list_user(actor)
    cases = db.session.scalars(access.visible_cases(actor).where(
        Case.status == OPEN, Case.followup.is_(True))).unique().all()
    last = _last_attempts([case.id for case in cases])
    groups = {}
    for case in sorted(cases, key=lambda c: ((c.student.postcode or "").replace(" ", ""),
                                             c.student.address or "", c.student.family_name)):
        area = (case.student.postcode or "").strip()[:4] or None
        groups.setdefault(area, []).append((case, last.get(case.id)))
    audit.record(actor, "followup.summer_list", count=len(cases))
    db.session.commit()
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))


def letter(actor, case_id):
    """The case and the day the student left school (None if not recorded), for the
    letter within 4 weeks. :raise NotFound: not visible. :raise Forbidden: family."""
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    left_on = db.session.scalar(select(Deregistration.left_on).where(
        Deregistration.student_id == case.student_id).order_by(Deregistration.id.desc()).limit(1))
    audit.record(actor, "case.letter", case=case)
    db.session.commit()
    return case, left_on


def school_moves(student):
    """Leaving and re-enrolling of the student, newest first, as dicts with kind ('left'
    or 'enrolled'), on, and reason or school (the school's name)."""
    left = db.session.scalars(select(Deregistration).where(Deregistration.student_id == student.id))
    enrolled = db.session.execute(select(Enrolment, School.name).join(
        School, School.id == Enrolment.school_id).where(Enrolment.student_id == student.id))
    moves = [{"kind": "left", "on": r.left_on, "reason": r.reason, "at": r.at} for r in left]
    moves += [{"kind": "enrolled", "on": r.enrolled_on, "school": name, "at": r.at}
              for r, name in enrolled]
    return sorted(moves, key=lambda move: (move["on"], move["at"]), reverse=True)
