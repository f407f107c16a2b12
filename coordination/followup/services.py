"""Dropout follow-up: leaving school opens (or continues) a case in follow-up mode with one
plan of reminders; a child of compulsory age who leaves with no new school goes to the
attendance officer of their municipality at once instead (absoluut verzuim); re-enrolment
ends the follow-up from its date; at the end age it ends by itself with a closing record;
contact attempts are logged, and three unanswered in a row call for a home visit."""
from datetime import time

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from coordination import access, limits
from coordination.accounts.models import ATTENDANCE_OFFICER, User, UserMunicipality
from coordination.audit import services as audit
from coordination.cases.models import CaseMember
from coordination.cases.services import case_to_manage, new_case, open_case_of
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.followup.ending import end_age, end_followup
from coordination.followup.models import (
    STOP_REASONS,
    Deregistration,
    Enrolment,
    FollowUpStop,
)
from coordination.followup.records import (  # noqa: F401  (their import path stays)
    ATTEMPT_TEXT_MAX,
    NOTE_MAX,
    START_CHECK_STEP,
    UNANSWERED_FOR_VISIT,
    attempts,
    case_history,
    case_to_record,
    log_attempt,
    record_leaver_profile,
    record_start_check,
    start_checks_due,
)
from coordination.notifications import services as notifications
from coordination.rules import followup as rules
from coordination.rules.legal_status import Exemption as RuleExemption
from coordination.rules.legal_status import exempt_on
from coordination.scheduler import services as scheduler
from coordination.scheduler.models import ScheduledItem
from coordination.schools.models import School
from coordination.students.models import Exemption, Student
from coordination.tiers.services import local_moment
from coordination.timeutil import AMSTERDAM, today_local
from coordination.validation import clean_text


def _start_case(actor, student):
    """The open case (its coordinator stays), or a new one with the actor coordinating."""
    return open_case_of(student.id) or new_case(student.id, actor.id, actor.id,
                                                "follow-up after leaving school")


def student_to_write(actor, student_id):
    """The student, for a professional who may see them: 403 for other roles, else 404."""
    if not actor.is_professional:
        raise Forbidden()
    return access.student_for(actor, student_id)


def _last_left_on(student_id):
    return db.session.scalar(select(func.max(Deregistration.left_on)).where(
        Deregistration.student_id == student_id))


def _has_new_school(student_id, left_on):
    """An enrolment recorded that starts on or after leaving (a school switch)."""
    return db.session.scalar(select(Enrolment.id).where(
        Enrolment.student_id == student_id, Enrolment.enrolled_on >= left_on).limit(1)) is not None


def _exempt(student, day):
    rows = db.session.scalars(select(Exemption).where(Exemption.student_id == student.id))
    return exempt_on([RuleExemption(r.first, r.last, r.reason) for r in rows], day)


def _plan(case, student, left_on):
    for reminder in rules.plan(left_on, student.date_of_birth, end_age()):
        scheduler.plan(f"followup:{case.id}:{left_on.isoformat()}:{reminder.kind}:"
                       f"{reminder.due.isoformat()}", "followup", local_moment(reminder.due),
                       case_id=case.id, user_id=case.coordinator_id,
                       payload={"step": reminder.kind})


def attendance_officers_of(student):
    """The active attendance officers of the municipality where the student lives
    (DOMAIN.md §3), lowest id first."""
    if not student.municipality_key:
        return []
    return db.session.scalars(select(User).join(
        UserMunicipality, UserMunicipality.user_id == User.id).where(
        UserMunicipality.key == student.municipality_key, User.role == ATTENDANCE_OFFICER,
        User.active.is_(True)).order_by(User.id)).all()


def _to_attendance_officer(actor, student):
    """Absoluut verzuim: the open case gets the attendance officers of the student's
    municipality on its team, or a new case is opened with the first of them coordinating;
    they are told at once. Without such an officer the actor's case is used, as before."""
    officers = attendance_officers_of(student)
    case = open_case_of(student.id)
    if case is None:
        coordinator = officers[0] if officers else actor
        case = new_case(student.id, coordinator.id, actor.id,
                        "absoluut verzuim: left school of compulsory age without a new school")
    for officer in officers:
        if officer.id == case.coordinator_id:
            continue
        member = db.session.scalar(select(CaseMember).where(CaseMember.case_id == case.id,
                                                            CaseMember.user_id == officer.id))
        if member is None:
            db.session.add(CaseMember(case_id=case.id, user_id=officer.id,
                                      role="attendance_officer", added_by_id=actor.id))
        elif member.removed_at is not None:
            member.removed_at, member.role = None, "attendance_officer"
    notifications.notify([o.id for o in officers] or [case.coordinator_id], "absolute_verzuim",
                         today_local(), case_id=case.id)
    return case


def _check_leaving(left_on, reason):
    """The reason for leaving, cleaned. :raise ValidationError: no day, a day in the
    future, no reason or a longer one than limits.LEAVING_REASON."""
    errors = {}
    if left_on is None or left_on > today_local():
        errors["left_on"] = [_l("Fill in the day the student left school (not in the future).")]
    message = _l("Give the reason for leaving (at most %(max)d characters).",
                 max=limits.LEAVING_REASON)
    reason = clean_text(reason, "reason", errors, message, limits.LEAVING_REASON, message)
    if errors:
        raise ValidationError(fields=errors)
    return reason


def deregister(actor, student_id, left_on, reason, check_access=True, commit=True):
    """Record that the student left school. Of compulsory age with no new school and no
    exemption: absoluut verzuim, to the attendance officer at once (no letters). Otherwise
    the follow-up starts when it applies (12 until the end age, no startkwalificatie); a
    follow-up already running keeps its one plan. Commits.

    `record.absolute_verzuim` tells which way it went.

    :raise ValidationError: no date, a date in the future, no reason.
    """
    if check_access:
        student = student_to_write(actor, student_id)
    else:  # a regional list names young people the actor cannot see yet
        student = db.session.get(Student, student_id)
    reason = _check_leaving(left_on, reason)
    case, absolute = None, False
    new_school = _has_new_school(student.id, left_on)
    if rules.absolute_verzuim_at_leaving(student.date_of_birth, student.has_startkwalificatie,
                                         left_on, student.vso_profile,
                                         _exempt(student, left_on), new_school):
        case, absolute = _to_attendance_officer(actor, student), True
    elif not new_school and rules.needs_follow_up(
            student.date_of_birth, student.has_startkwalificatie, left_on, end_age()):
        case = _start_case(actor, student)
        if not case.followup:  # leaving twice keeps one plan
            case.followup = True
            _plan(case, student, left_on)
    record = Deregistration(student_id=student.id, case_id=case.id if case else None,
                            left_on=left_on, reason=reason, by_id=actor.id)
    record.absolute_verzuim = absolute
    db.session.add(record)
    audit.record(actor, "student.deregister", student=student, case=case,
                 absolute_verzuim=absolute)
    if commit:
        db.session.commit()
    return record


def enrol(actor, student_id, school_id, enrolled_on, now):
    """The student is enrolled again. The follow-up ends from `enrolled_on`: at once when
    that day has come, else on that day (the reminders before it still come). Commits.

    :raise ValidationError: no date, an unknown school, or a date before the last day the
        student left school.
    """
    student = student_to_write(actor, student_id)
    errors = {}
    if enrolled_on is None:
        errors["enrolled_on"] = [_l("Fill in the day of enrolment.")]
    elif rules.enrolment_before_leaving(enrolled_on, last := _last_left_on(student.id)):
        errors["enrolled_on"] = [_l(
            "The enrolment cannot start before the day the student left school (%(day)s).",
            day=format_date(last, "long"))]
    if db.session.get(School, school_id or 0) is None:
        errors["school_id"] = [_l("This school does not exist.")]
    if errors:
        raise ValidationError(fields=errors)
    record = Enrolment(student_id=student.id, school_id=school_id, enrolled_on=enrolled_on,
                       by_id=actor.id)
    db.session.add(record)
    db.session.flush()
    case = open_case_of(student.id)
    if case is not None and case.followup:
        if enrolled_on <= now.astimezone(AMSTERDAM).date():
            end_followup(case, now, keep_start_check=True)
        else:
            scheduler.plan(f"followup_enrolment:{case.id}:{record.id}", "followup_enrolment",
                           local_moment(enrolled_on, time(0, 0)), case_id=case.id,
                           payload={"enrolled_on": enrolled_on.isoformat()})
    audit.record(actor, "student.enrol", student=student, enrolled_on=enrolled_on.isoformat())
    db.session.commit()
    return record


def stop(actor, case_id, reason, note, on, now):
    """End the follow-up for another reason: a diploma (recorded on the student, with the
    day), a move, a decision (e.g. work). Commits."""
    case = case_to_manage(actor, case_id)
    if reason not in STOP_REASONS:
        raise ValidationError(fields={"reason": [_l("Choose a reason from the list.")]})
    db.session.add(FollowUpStop(case_id=case.id, reason=reason, note=(note or "").strip() or None,
                                on=on, by_id=actor.id))
    end_followup(case, now)
    if reason == "startkwalificatie":
        case.student.has_startkwalificatie = True
        case.student.startkwalificatie_on = on
        audit.record(actor, "student.startkwalificatie", student=case.student, on=on.isoformat())
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
