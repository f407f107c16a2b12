"""Dropout follow-up: leaving school opens (or continues) a case in follow-up mode with one
plan of reminders; a child of compulsory age who leaves with no new school goes to the
attendance officer of their municipality at once instead (absoluut verzuim); re-enrolment
ends the follow-up from its date; at the end age it ends by itself with a closing record;
contact attempts are logged, and three unanswered in a row call for a home visit."""
from dataclasses import replace
from datetime import datetime, time

from flask import current_app
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import case as sql_case
from sqlalchemy import func, literal_column, select

from coordination import access
from coordination.accounts.models import ATTENDANCE_OFFICER, User, UserMunicipality
from coordination.audit import services as audit
from coordination.cases.models import OPEN, Case, CaseMember
from coordination.cases.services import case_to_manage, new_case, open_case_of
from coordination.errors import Forbidden, ValidationError
from coordination.extensions import db
from coordination.followup.models import (
    END_AGE,
    STOP_REASONS,
    ContactAttempt,
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
from coordination.paging import page_of
from coordination.rules import followup as rules
from coordination.rules.legal_status import Exemption as RuleExemption
from coordination.rules.legal_status import birthday, exempt_on, latest_birth_date_for_age
from coordination.scheduler import services as scheduler
from coordination.scheduler.models import ScheduledItem
from coordination.schools.models import School
from coordination.students.models import Exemption, Student
from coordination.tiers.services import local_moment
from coordination.timeutil import AMSTERDAM, as_utc, today_local

# The end-age sweep handles this many cases per transaction (bounded chunks).
END_AGE_CHUNK = 200
END_AGE_SWEEP_AT = time(6, 30)  # Dutch time, before the day's reminders at 07:00
# Scheduler kinds of the follow-up: its reminders, and the day a future enrolment starts.
FOLLOWUP_KINDS = ("followup", "followup_enrolment")


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


def _last_left_on(student_id):
    return db.session.scalar(select(func.max(Deregistration.left_on)).where(
        Deregistration.student_id == student_id))


def _has_new_school(student_id, left_on):
    """An enrolment recorded that starts on or after leaving (a school switch)."""
    return db.session.scalar(select(Enrolment.id).where(
        Enrolment.student_id == student_id, Enrolment.enrolled_on >= left_on).limit(1)) is not None


def _enrolled_on_day(student_id, day):
    """Enrolled on `day`: the latest enrolment that has started is not older than the latest
    leaving that has happened (as the signals count it)."""
    enrolled = db.session.scalar(select(func.max(Enrolment.enrolled_on)).where(
        Enrolment.student_id == student_id, Enrolment.enrolled_on <= day))
    left = db.session.scalar(select(func.max(Deregistration.left_on)).where(
        Deregistration.student_id == student_id, Deregistration.left_on <= day))
    return enrolled is not None and (left is None or enrolled >= left)


def _exempt(student, day):
    rows = db.session.scalars(select(Exemption).where(Exemption.student_id == student.id))
    return exempt_on([RuleExemption(r.first, r.last, r.reason) for r in rows], day)


def _plan(case, student, left_on):
    for reminder in rules.plan(left_on, student.date_of_birth, _end_age()):
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
    reason = (reason or "").strip()
    errors = {}
    if left_on is None or left_on > today_local():
        errors["left_on"] = [_l("Fill in the day the student left school (not in the future).")]
    if not reason or len(reason) > 200:
        errors["reason"] = [_l("Give the reason for leaving (at most 200 characters).")]
    if errors:
        raise ValidationError(fields=errors)
    case, absolute = None, False
    new_school = _has_new_school(student.id, left_on)
    if rules.absolute_verzuim_at_leaving(student.date_of_birth, student.has_startkwalificatie,
                                         left_on, student.vso_profile,
                                         _exempt(student, left_on), new_school):
        case, absolute = _to_attendance_officer(actor, student), True
    elif not new_school and rules.needs_follow_up(
            student.date_of_birth, student.has_startkwalificatie, left_on, _end_age()):
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


def _pending_followup(case_id):
    return db.session.scalars(select(ScheduledItem).where(
        ScheduledItem.case_id == case_id, ScheduledItem.kind.in_(FOLLOWUP_KINDS),
        ScheduledItem.done_at.is_(None), ScheduledItem.cancelled_at.is_(None))).all()


def _zomeractie_sent(case_id):
    return any((item.payload or {}).get("step") == "zomeractie" for item in db.session.scalars(
        select(ScheduledItem).where(ScheduledItem.case_id == case_id,
                                    ScheduledItem.kind == "followup",
                                    ScheduledItem.done_at.is_not(None))))


def _end_followup(case, now, keep_start_check=False, running=None):
    """Cancel what is pending (but not `running`, the due item being handled);
    `keep_start_check`: the September check after a zomeractie that was sent stays (did
    they really start at the new school?)."""
    keep = keep_start_check and _zomeractie_sent(case.id)
    for item in _pending_followup(case.id):
        if item is not running and not (
                keep and (item.payload or {}).get("step") == START_CHECK_STEP):
            item.cancelled_at = now
    case.followup = False


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
            _end_followup(case, now, keep_start_check=True)
        else:
            scheduler.plan(f"followup_enrolment:{case.id}:{record.id}", "followup_enrolment",
                           local_moment(enrolled_on, time(0, 0)), case_id=case.id,
                           payload={"enrolled_on": enrolled_on.isoformat()})
    audit.record(actor, "student.enrol", student=student, enrolled_on=enrolled_on.isoformat())
    db.session.commit()
    return record


def on_enrolment_day(item, now):
    """The scheduler's handler: an enrolment dated in the future has started; the follow-up
    ends unless the student left again since. Commits with the due item."""
    case = db.session.get(Case, item.case_id)
    if case is not None and case.followup and _enrolled_on_day(
            case.student_id, as_utc(item.due_at).astimezone(AMSTERDAM).date()):
        _end_followup(case, now, keep_start_check=True, running=item)


def stop(actor, case_id, reason, note, on, now):
    """End the follow-up for another reason: a diploma (recorded on the student, with the
    day), a move, a decision (e.g. work). Commits."""
    case = case_to_manage(actor, case_id)
    if reason not in STOP_REASONS:
        raise ValidationError(fields={"reason": [_l("Choose a reason from the list.")]})
    db.session.add(FollowUpStop(case_id=case.id, reason=reason, note=(note or "").strip() or None,
                                on=on, by_id=actor.id))
    _end_followup(case, now)
    if reason == "startkwalificatie":
        case.student.has_startkwalificatie = True
        case.student.startkwalificatie_on = on
        audit.record(actor, "student.startkwalificatie", student=case.student, on=on.isoformat())
    audit.record(actor, "case.followup_stop", case=case, reason=reason)
    db.session.commit()


def _past_end_age(today):
    """A SELECT of the open follow-up cases whose young person has reached the end age."""
    cutoff = latest_birth_date_for_age(today, _end_age())
    # reach: the scheduler's own sweep over every follow-up; no reader
    return (select(Case).join(Student, Student.id == Case.student_id)
            .where(Case.status == OPEN, Case.followup.is_(True), Student.date_of_birth <= cutoff))


def plan_end_age_sweep(now):
    """Plan today's end-age sweep once, and only while some follow-up has reached the end
    age (planning twice changes nothing). Commits."""
    today = now.astimezone(AMSTERDAM).date()
    if db.session.scalar(_past_end_age(today).with_only_columns(Case.id).limit(1)) is not None:
        scheduler.plan(f"followup_end_age:{today.isoformat()}", "followup_end_age",
                       datetime.combine(today, END_AGE_SWEEP_AT, tzinfo=AMSTERDAM))
    db.session.commit()


def _end_chunk(now):
    """End at most END_AGE_CHUNK follow-ups that reached the end age, each with a closing
    record that says so and a note to the coordinator. The caller commits. Returns the
    number ended."""
    today = now.astimezone(AMSTERDAM).date()
    end_age = _end_age()
    cases = db.session.scalars(_past_end_age(today).order_by(Case.id)
                               .limit(END_AGE_CHUNK)).all()
    for case in cases:
        db.session.add(FollowUpStop(case_id=case.id, reason=END_AGE, note=None, by_id=None,
                                    on=birthday(case.student.date_of_birth, end_age)))
        _end_followup(case, now)
        notifications.notify([case.coordinator_id], "followup_end_age", today,
                             case_id=case.id, age=end_age)
        audit.record(None, "case.followup_end_age", case=case, end_age=end_age)
    return len(cases)


def end_at_age(now):
    """Every follow-up whose young person has reached the end age ends by itself; the case
    leaves the follow-up and the summer list. In chunks, each committed; running it twice
    changes nothing. Returns the number ended."""
    ended = 0
    while True:
        done = _end_chunk(now)
        db.session.commit()
        ended += done
        if done < END_AGE_CHUNK:
            return ended


def on_end_age_sweep(item, now):
    """The scheduler's handler: one chunk, committed with the due item; a full chunk plans
    the next one at once (each chunk runs exactly once, like every due item)."""
    if _end_chunk(now) == END_AGE_CHUNK:
        scheduler.plan(f"followup_end_age:{item.id}:next", "followup_end_age", now)


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


def on_followup_reminder(item, now):
    """Tell the coordinator a follow-up step is due. An enrolment that has started since
    ends the follow-up instead; the September start check comes also after the follow-up
    ended by enrolment (did they really start?)."""
    case = db.session.get(Case, item.case_id)
    if case is None or case.status != OPEN:
        return
    step = item.payload["step"]
    due_on = as_utc(item.due_at).astimezone(AMSTERDAM).date()
    if case.followup and _enrolled_on_day(case.student_id, due_on):
        _end_followup(case, now, keep_start_check=True, running=item)
    if case.followup or step == START_CHECK_STEP:
        notifications.notify([case.coordinator_id], "followup", now.astimezone(AMSTERDAM).date(),
                             case_id=case.id, step=step)


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


def _area():
    """A student's postcode area in SQL: the first 4 characters of the postcode, '' when
    there is none. Literals, not parameters, so that PostgreSQL sees the same expression
    in the SELECT and the GROUP BY."""
    return func.substr(func.trim(func.coalesce(Student.postcode, literal_column("''"))),
                       literal_column("1"), literal_column("4"))


def summer_list(actor, number=1):
    """The zomeractie list, 50 a page: the open follow-up cases the actor sees, by
    postcode area (its 4 digits; no postcode last). The page's items are (area or None,
    [(case, last contact attempt)], that area's count on every page); counted, ordered
    and sliced in SQL."""
    check_list_user(actor)
    # Nobody at or past the end age, also before the day's sweep has run.
    too_old = latest_birth_date_for_age(today_local(), _end_age())
    # reach: visible_cases; the join and the inner SELECT only narrow those by age
    stmt = access.visible_cases(actor).join(Student, Student.id == Case.student_id).where(
        Case.status == OPEN, Case.followup.is_(True), Student.date_of_birth > too_old)
    unknown = sql_case((_area() == "", 1), else_=0)
    page = page_of(stmt.order_by(
        unknown, func.replace(func.coalesce(Student.postcode, ""), " ", ""),
        func.coalesce(Student.address, ""), Student.family_name, Case.id), number)
    areas = {_area_of(c.student) for c in page.items}
    counts = dict(db.session.execute(
        stmt.with_only_columns(_area(), func.count(Case.id)).where(
            _area().in_([a or "" for a in areas])).group_by(_area()))
        .all()) if areas else {}
    last = _last_attempts([c.id for c in page.items])
    groups = {}
    for item in page.items:
        groups.setdefault(_area_of(item.student), []).append((item, last.get(item.id)))
    audit.record(actor, "followup.summer_list", count=page.total)
    db.session.commit()
    return replace(page, items=[(area, rows, counts.get(area or "", len(rows)))
                                for area, rows in groups.items()])


def _area_of(student):
    return (student.postcode or "").strip()[:4] or None


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
