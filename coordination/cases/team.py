"""The case team: professionals added by the coordinator, parents and the young person
invited by e-mail address (they join when they accept), and taking someone off the
team (the row is kept). Every change is audited."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError

from coordination.accounts.models import (
    ANALYST,
    FAMILY_ROLES,
    PARENT,
    PROFESSIONAL_ROLES,
    YOUTH,
    User,
    UserMunicipality,
    user_schools,
)
from coordination.accounts.services import find_by_email
from coordination.audit import services as audit
from coordination.cases.models import (
    PARENT_CASE_ROLE,
    PROFESSIONAL_CASE_ROLES,
    YOUTH_CASE_ROLE,
    Case,
    CaseMember,
)
from coordination.cases.services import (
    _ensure_member,
    _membership,
    case_to_manage,
    chosen_person,
)
from coordination.errors import Conflict, ValidationError
from coordination.extensions import db
from coordination.portal import invitations
from coordination.rules.audiences import youth_may_have_account
from coordination.timeutil import today_local, utcnow
from coordination.validation import clean_email, clean_text


def _check_role_fits(user, role, case):
    if user.role == PARENT and role != PARENT_CASE_ROLE:
        return _l("A parent account can only be added as parent.")
    if user.role == YOUTH and role != YOUTH_CASE_ROLE:
        return _l("A young person's account can only be added as young person.")
    if user.role == YOUTH and not youth_may_have_account(case.student.date_of_birth,
                                                         today_local()):
        return _l("A young person under 12 does not get an account.")
    if user.is_professional and role not in PROFESSIONAL_CASE_ROLES:
        return _l("Choose a professional role for a professional.")
    if user.role == "admin":
        return _l("An administrator cannot be a member of a case.")
    if user.role == ANALYST:  # figures only, never a case (API.md "The region")
        return _l("An analyst cannot be a member of a case.")
    return None


def _on_another_case(user_id, case_id):
    return db.session.scalar(select(CaseMember.id).where(
        CaseMember.user_id == user_id, CaseMember.case_id != case_id,
        CaseMember.removed_at.is_(None)).limit(1)) is not None


def _check_not_on_team(case, user):
    member = _membership(case.id, user.id)
    if user.id == case.coordinator_id or (member and member.removed_at is None):
        raise Conflict(_l("This person is already on the team."), code="already_member")


def _invite(actor, case, user, role):
    invitation = invitations.issue(actor, case, user)
    audit.record(actor, "member.invite", case=case, user_id=user.id, role=role)
    db.session.commit()
    return invitation


def add_member(actor, case_id, user_id, role, email=None):
    """Add a professional, parent or the youth to the case team: chosen by id, or a
    professional named by `email` (the page's field beside its list). Commits.

    A family account is linked to a case only by accepting an invitation sent to that
    person: one that already has a password or is on another case is not added but
    invited, and the `Invitation` is returned instead of the `CaseMember`. A family
    account without a password that is on no case yet (made for this family) is added at
    once, as a professional is; its portal invitation follows from the team list.

    :raise ValidationError: unknown person or address; the role does not fit; a youth
        under 12.
    :raise Conflict already_member: the person is already on the team.
    """
    case = case_to_manage(actor, case_id)
    user_id, field = chosen_person(user_id, email, _l("Choose a person."))
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        raise ValidationError(fields={field: [_l("This person does not exist.")]})
    problem = _check_role_fits(user, role, case)
    if problem:
        raise ValidationError(fields={"role": [problem]})
    _check_not_on_team(case, user)
    if user.is_family and (user.password_hash is not None or _on_another_case(user.id, case.id)):
        return _invite(actor, case, user, role)
    _ensure_member(case, user.id, role, actor)
    db.session.flush()
    member = _membership(case.id, user.id)
    audit.record(actor, "member.add", case=case, user_id=user.id, role=role)
    db.session.commit()
    return member


MAX_NAME = 120


def invite_family_member(actor, case_id, email, name, role):
    """Invite a parent or the youth by e-mail address; they join when they accept. An
    address without an account gets a new family account (no password yet). The answer
    is the same whether or not the address had an account. Commits; returns the invitation.

    :raise ValidationError: no valid address or name; not a family role; the address
        belongs to someone who cannot be invited; a youth under 12.
    :raise Conflict already_member: the person is already on the team.
    """
    case = case_to_manage(actor, case_id)
    errors = {}
    email = clean_email(email, "email", errors)
    message = _l("Write the person's name (at most %(max)d characters).", max=MAX_NAME)
    name = clean_text(name, "name", errors, missing=message, limit=MAX_NAME, too_long=message)
    if role not in (PARENT_CASE_ROLE, YOUTH_CASE_ROLE):
        errors["role"] = [_l("Invite a parent or the young person by e-mail address.")]
    if errors:
        raise ValidationError(fields=errors)
    user = find_by_email(email)
    if user is not None and (not user.active or not user.is_family):
        raise ValidationError(fields={"email": [
            _l("This address cannot be invited as parent or young person.")]})
    # A new account is made only once every check has passed (nothing half-stored).
    new = User(email=email, name=name, role=PARENT if role == PARENT_CASE_ROLE else YOUTH)
    problem = _check_role_fits(user or new, role, case)
    if problem:
        raise ValidationError(fields={"role": [problem]})
    if user is None:
        user = new
        db.session.add(user)
        try:
            db.session.flush()
        except IntegrityError:  # the same address invited at the same moment elsewhere
            db.session.rollback()
            raise Conflict(_l("Someone else invited this address just now. Try again."),
                           code="duplicate_email") from None
    _check_not_on_team(case, user)
    return _invite(actor, case, user, role)


def candidates(case):
    """People the coordinator may pick for the team and the hand-over from a list: the
    active professionals who work where this child is (linked to the student's school or
    to the municipality they live in), the case's coordinator and its current and previous
    team members, and the family accounts already linked to this student through one of
    their cases. Any other professional is named by e-mail address, and other family
    members are invited by address: never a list of the region's people, so the list does
    not grow with the region (issue 12). Rows of (id, name, role), by name."""
    on_case = select(CaseMember.user_id).where(CaseMember.case_id == case.id)
    own_family = (select(CaseMember.user_id).join(Case, Case.id == CaseMember.case_id)
                  .where(Case.student_id == case.student_id,
                         CaseMember.role.in_((PARENT_CASE_ROLE, YOUTH_CASE_ROLE))))
    works_here = _works_where(case.student) + [User.id == case.coordinator_id,
                                               User.id.in_(on_case)]
    return db.session.execute(select(User.id, User.name, User.role).where(
        User.active.is_(True),
        or_(and_(User.role.in_(PROFESSIONAL_ROLES), or_(*works_here)),
            and_(User.role.in_(FAMILY_ROLES), User.id.in_(own_family))),
    ).order_by(User.name)).all()


def coordinator_candidates(student, actor):
    """Who the form to open a case offers as coordinator: the active professionals who
    work where this child is (as in `candidates`) and the actor. Anyone else is named by
    e-mail address. Rows of (id, name), by name: bounded by the child, not the region."""
    return db.session.execute(select(User.id, User.name).where(
        User.active.is_(True), User.role.in_(PROFESSIONAL_ROLES),
        or_(User.id == actor.id, *_works_where(student)),
    ).order_by(User.name)).all()


def _works_where(student):
    """Conditions on User: linked to the student's school or to the municipality the
    student lives in."""
    works_here = [User.id.in_(select(user_schools.c.user_id)
                              .where(user_schools.c.school_id == student.school_id))]
    if student.municipality_key:
        works_here.append(User.id.in_(select(UserMunicipality.user_id)
                                      .where(UserMunicipality.key == student.municipality_key)))
    return works_here


def join_case(case, user, added_by_id):
    """Put a family account that accepted an invitation on the team (again); the caller
    commits."""
    role = PARENT_CASE_ROLE if user.role == PARENT else YOUTH_CASE_ROLE
    member = _membership(case.id, user.id)
    if member is None:
        db.session.add(CaseMember(case_id=case.id, user_id=user.id, role=role,
                                  added_by_id=added_by_id))
    elif member.removed_at is not None:
        member.removed_at = None
        member.role = role


def remove_member(actor, case_id, member_id):
    """Take someone off the team; the row is kept with the time of removal. Commits."""
    case = case_to_manage(actor, case_id)
    member = db.session.get(CaseMember, member_id)
    if member is None or member.case_id != case.id or member.removed_at is not None:
        raise ValidationError(fields={"member_id": [_l("This person is not on the team.")]})
    member.removed_at = utcnow()
    audit.record(actor, "member.remove", case=case, user_id=member.user_id)
    db.session.commit()
