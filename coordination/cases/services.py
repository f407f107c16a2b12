"""Opening cases, handing them over, notes and Kearney (b). Every read and change is
audited; the team is managed in team.py.

A case always has exactly one coordinator: `cases.coordinator_id` is NOT NULL and is
only ever replaced inside a hand-over, which is recorded in `coordinator_handovers`.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from coordination import access, limits
from coordination.accounts.models import (
    User,
)
from coordination.accounts.services import find_by_email
from coordination.audit import services as audit
from coordination.cases.models import (
    OPEN,
    Case,
    CaseMember,
    CaseNote,
    CaseRead,
    CoordinatorHandover,
    HardToAttendStatement,
)
from coordination.errors import Conflict, Forbidden, ValidationError
from coordination.extensions import db
from coordination.paging import page_of
from coordination.students.models import Student
from coordination.timeutil import today_local, utcnow
from coordination.validation import checked_text, clean_email, clean_text

CASE_ALREADY_OPEN = _l("This student already has an open case.")


def _professional(user_id, field):
    user = db.session.get(User, user_id) if user_id else None
    if user is None or not user.active:
        raise ValidationError(fields={field: [_l("This person does not exist.")]})
    if not user.is_professional:
        raise ValidationError(fields={field: [
            _l("Only a professional (coordinator, professional or attendance officer) "
               "can coordinate a case.")]})
    return user


# The field of a page form where another professional is named by address instead of
# chosen from the case page's list (the list holds only who works where the child is).
EMAIL_FIELD = "professional_email"


def professional_by_email(email, field=EMAIL_FIELD):
    """The active professional with this address. An address of a family account, of an
    inactive account or of nobody gets the same answer, so the form tells nothing about who
    has an account. :raise ValidationError: on `field`."""
    errors = {}
    email = clean_email(email, field, errors)
    if errors:
        raise ValidationError(fields=errors)
    user = find_by_email(email)
    if user is None or not user.active or not user.is_professional:
        raise ValidationError(fields={field: [
            _l("There is no professional with this e-mail address.")]})
    return user


def chosen_person(user_id, email, missing, field="user_id"):
    """(user id, field it came from): the person chosen from a list (`field`), or the
    professional whose address was typed beside it (`email`, not both).
    :raise ValidationError: neither (`missing` on `field`), both, or an unknown address."""
    if email is not None and email.strip():
        if user_id:
            raise ValidationError(fields={EMAIL_FIELD: [
                _l("Choose someone from the list or type an address, not both.")]})
        return professional_by_email(email).id, EMAIL_FIELD
    if not user_id:
        raise ValidationError(fields={field: [missing]})
    return user_id, field


def _default_case_role(user):
    return "attendance_officer" if user.role == "attendance_officer" else "other_professional"


def open_case(actor, student_id, coordinator_id, email=None):
    """Open a case for a student with a named coordinator: chosen by id, or named by
    `email` (the page's field beside its list, for someone not in it; when filled in, it
    names the coordinator instead of the list's choice, which has the actor preselected).

    :raise Forbidden: the actor is not a professional.
    :raise ValidationError: unknown student or one outside the actor's reach (the same
        answer, so nobody learns who exists or has a case), coordinator not a professional.
    :raise Conflict case_already_open: the student has an open case (also under a race:
        the partial unique index decides).
    """
    if not actor.is_professional:
        raise Forbidden()
    student = access.student_in_reach(actor, student_id)
    if student is None:
        raise ValidationError(fields={"student_id": [_l("This student does not exist.")]})
    if email is not None and email.strip():
        coordinator = professional_by_email(email)
    else:
        coordinator = _professional(coordinator_id, "coordinator_id")
    conflict = Conflict(CASE_ALREADY_OPEN, code="case_already_open")
    if open_case_of(student.id) is not None:
        raise conflict
    try:
        case = new_case(student.id, coordinator.id, actor.id, "case opened")
    except IntegrityError:
        db.session.rollback()
        raise conflict from None
    if actor.id != coordinator.id:
        # The professional who opened the case stays on it.
        db.session.add(CaseMember(case_id=case.id, user_id=actor.id,
                                  role=_default_case_role(actor), added_by_id=actor.id))
    audit.record(actor, "case.open", case=case, coordinator_id=coordinator.id)
    db.session.commit()
    return case


def open_case_of(student_id):
    """The student's open case, or None (there is at most one)."""
    # reach: by a student id the caller already holds in reach; internal uniqueness check
    return db.session.scalar(select(Case).where(Case.student_id == student_id,
                                                Case.status == OPEN))


def new_case(student_id, coordinator_id, opened_by_id, reason):
    """Add an open case with the first row of its coordinator history; the caller commits.

    :raise IntegrityError: the student already has an open case (the partial unique index).
    """
    case = Case(student_id=student_id, coordinator_id=coordinator_id, opened_by_id=opened_by_id)
    db.session.add(case)
    db.session.flush()
    db.session.add(CoordinatorHandover(case_id=case.id, to_user_id=coordinator_id,
                                       by_user_id=opened_by_id, reason=reason))
    return case


def read_case(actor, case_id, *options):
    """The case, if the actor may see it (NotFound otherwise); the read is audited.
    `options`: loader options for the read (see access.case_for)."""
    case = access.case_for(actor, case_id, *options)
    audit.record(actor, "case.read", case=case)
    db.session.commit()
    return case


def open_case_page(actor, case_id):
    """The case for its page: the read is audited and the viewer's read mark moves to now
    (what parents and youth wrote before is no longer new to them), in one transaction.
    :raise NotFound:"""
    # The team and the hand-overs come with the case: one statement, not three (issue 12).
    options = (joinedload(Case.members), joinedload(Case.handovers))
    case = access.case_for(actor, case_id, *options)
    audit.record(actor, "case.read", case=case)
    # One UPDATE moves the mark; only the first visit inserts one (issue 12: a statement
    # and a commit fewer than reading the mark first).
    moved = db.session.execute(
        update(CaseRead).where(CaseRead.case_id == case.id, CaseRead.user_id == actor.id)
        .values(seen_at=utcnow()), execution_options={"synchronize_session": False})
    if not moved.rowcount:
        db.session.add(CaseRead(case_id=case.id, user_id=actor.id, seen_at=utcnow()))
    try:
        db.session.commit()
    except IntegrityError:  # the same page opened twice at the same moment: one mark is enough
        db.session.rollback()
        case = read_case(actor, case_id, *options)
    return case


def list_cases(actor, number=1, school_id=None, tier=None):
    """A page of the open cases the actor coordinates or is a member of, coordinated ones
    first, newest first; optionally of one school or one tier. Counted and sliced in SQL."""
    stmt = access.visible_cases(actor).where(Case.status == OPEN)
    if school_id is not None:
        # reach: narrows access.visible_cases above to one school
        stmt = stmt.where(Case.student_id.in_(
            select(Student.id).where(Student.school_id == school_id)))
    if tier is not None:
        stmt = stmt.where(Case.tier == tier)
    page = page_of(stmt.order_by((Case.coordinator_id != actor.id), Case.opened_at.desc(),
                                 Case.id.desc()), number)
    audit.record(actor, "case.list", count=page.total)
    db.session.commit()
    return page


def case_schools(actor):
    """[(id, name)] of the schools of the actor's open cases, for the list's filter."""
    from coordination.schools.models import School

    # reach: the schools of access.visible_cases(actor), names only
    return db.session.execute(
        select(School.id, School.name).where(School.id.in_(
            select(Student.school_id).join(Case, Case.student_id == Student.id).where(
                Case.id.in_(access.visible_cases(actor).where(Case.status == OPEN)
                            .with_only_columns(Case.id)))))
        .order_by(School.name)).all()


def _require_coordinator(actor, case):
    if case.coordinator_id != actor.id:
        raise Forbidden(_l("Only the coordinator of this case can do this."))


def case_to_manage(actor, case_id):
    """The case if the actor is its coordinator: 404 when not visible, 403 when not theirs."""
    case = access.case_for(actor, case_id)
    _require_coordinator(actor, case)
    return case


def _membership(case_id, user_id):
    return db.session.scalar(select(CaseMember).where(
        CaseMember.case_id == case_id, CaseMember.user_id == user_id))


def hand_over(actor, case_id, to_user_id, reason, email=None):
    """Give the coordinator seat to another professional, chosen by id or named by `email`
    (the page's field beside its list); the history is kept. Commits.

    The previous coordinator stays on the team as 'previous_coordinator'.
    :raise ValidationError: no such professional; no reason; already the coordinator.
    """
    case = case_to_manage(actor, case_id)
    to_user_id, field = chosen_person(to_user_id, email, _l("Choose the new coordinator."))
    new = _professional(to_user_id, field)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": [_l("Write down why the case is handed over.")]})
    if new.id == case.coordinator_id:
        raise ValidationError(fields={field: [_l("This person is already the coordinator.")]})
    previous_id = case.coordinator_id
    case.coordinator_id = new.id
    db.session.add(CoordinatorHandover(case_id=case.id, from_user_id=previous_id,
                                       to_user_id=new.id, by_user_id=actor.id, reason=reason))
    _ensure_member(case, previous_id, "previous_coordinator", actor)
    audit.record(actor, "case.handover", case=case, from_user_id=previous_id,
                 to_user_id=new.id)
    db.session.commit()
    db.session.refresh(case)
    return case


def _ensure_member(case, user_id, role, actor):
    member = _membership(case.id, user_id)
    if member is None:
        db.session.add(CaseMember(case_id=case.id, user_id=user_id, role=role,
                                  added_by_id=actor.id))
    elif member.removed_at is not None:
        member.removed_at = None
        member.role = role


MAX_NOTE = limits.CASE_NOTE


def add_note(actor, case_id, text):
    """A confidential note on the case, by a professional on it. Commits."""
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    text = checked_text(text, "text", _l("Write the note."), MAX_NOTE)
    note = CaseNote(case_id=case.id, author_id=actor.id, text=text)
    db.session.add(note)
    audit.record(actor, "note.add", case=case)
    db.session.commit()
    return note


def notes_for(actor, case):
    """Confidential notes, newest first; none at all for parents and youth."""
    if not actor.is_professional:
        return []
    return db.session.scalars(select(CaseNote).where(CaseNote.case_id == case.id)
                              .order_by(CaseNote.id.desc())).all()


HARD_TO_ATTEND_NOTE_MAX = limits.TEXT


def state_hard_to_attend(actor, case_id, holds, stated_on, note):
    """Record the team's judgement on Kearney's criterion (b) (DOMAIN.md §4): for two weeks
    or more it has been very hard for the student to go to school, and it disrupts the
    family (`holds` True), or withdraw the statement that holds (`holds` False). A new
    row each time, never changed or deleted. Commits.

    :raise 404: case not visible. :raise 403: not a professional.
    :raise 422: date missing or in the future, note missing or too long, nothing to
        withdraw.
    """
    case = access.case_for(actor, case_id)
    if not actor.is_professional:
        raise Forbidden()
    errors = {}
    if stated_on is None:
        errors["stated_on"] = [_l("Fill in the date as YYYY-MM-DD.")]
    elif stated_on > today_local():
        errors["stated_on"] = [_l("The date cannot be in the future.")]
    message = _l("Write what the team saw (at most %(max)d characters).",
                 max=HARD_TO_ATTEND_NOTE_MAX)
    note = clean_text(note, "note", errors, message, HARD_TO_ATTEND_NOTE_MAX, message)
    current = hard_to_attend_history(case.id)
    if not holds and not (current and current[0].holds):
        errors["holds"] = [_l("There is no statement to withdraw.")]
    if errors:
        raise ValidationError(fields=errors)
    row = HardToAttendStatement(case_id=case.id, holds=bool(holds), stated_on=stated_on,
                                note=note, by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "case.hard_to_attend", case=case, holds=row.holds,
                 stated_on=stated_on.isoformat())
    db.session.commit()
    return row


def hard_to_attend_history(case_id):
    """The statements on Kearney's criterion (b) on a case the caller has read, newest
    first: the first one is what holds now."""
    return db.session.scalars(select(HardToAttendStatement).where(
        HardToAttendStatement.case_id == case_id)
        .order_by(HardToAttendStatement.id.desc())).all()


def hard_to_attend_statements(student_id):
    """The statements on criterion (b) on every case of a student the caller has read,
    newest first."""
    # reach: the cases of a student the caller already reached
    return db.session.scalars(select(HardToAttendStatement).join(
        Case, Case.id == HardToAttendStatement.case_id).where(Case.student_id == student_id)
        .order_by(HardToAttendStatement.id.desc())).all()


def hard_to_attend_now(student_id, statements=None):
    """The statement of criterion (b) that holds for the student (on any of their cases,
    the latest row decides per case), or None; for the signals of a student the caller
    has read. `statements`: hard_to_attend_statements, when the caller has them."""
    rows = hard_to_attend_statements(student_id) if statements is None else statements
    latest = {}
    for row in rows:
        latest.setdefault(row.case_id, row)
    holding = [row for row in latest.values() if row.holds]
    return max(holding, key=lambda row: row.id) if holding else None
