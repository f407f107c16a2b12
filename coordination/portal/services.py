"""Inviting parents and youth to a case, and accepting an invitation (issue 9).

A family account is linked to a case only through an invitation sent to that person and
accepted by them. A link is valid for 7 days and once; a newer one for the same person and
case makes older links stop working. An account that already has a password accepts while
logged in as itself and keeps its password; an account without one chooses it through the
link, and every other login session of that account ends.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from coordination.accounts.models import LoginSession
from coordination.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password
from coordination.audit import services as audit
from coordination.cases.models import CaseMember
from coordination.cases.services import case_to_manage
from coordination.cases.team import join_case
from coordination.errors import Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.portal import invitations
from coordination.rules.audiences import youth_may_have_account
from coordination.timeutil import today_local, utcnow

LINK_GONE = _l("This link no longer works. Ask your contact person for a new one.")


def invite(actor, case_id, member_id):
    """Queue a portal invitation for a parent or youth on the team who has no password
    yet. Commits; returns the link.

    :raise 403: the actor is not the case's coordinator.
    :raise ValidationError: not a family member; a youth under 12; already has an account.
    """
    case = case_to_manage(actor, case_id)
    member = db.session.get(CaseMember, member_id)
    if member is None or member.case_id != case.id or member.removed_at is not None:
        raise NotFound()
    if member.role not in ("parent", "youth"):
        raise ValidationError(fields={"member_id": [
            _l("Only parents and the young person are invited to the portal.")]})
    if member.role == "youth" and not youth_may_have_account(case.student.date_of_birth,
                                                             today_local()):
        raise ValidationError(fields={"member_id": [
            _l("A young person under 12 does not get a portal account.")]})
    if member.user.password_hash is not None:
        raise ValidationError(fields={"member_id": [
            _l("This person already has a portal account and can log in.")]})
    invitation = invitations.issue(actor, case, member.user)
    audit.record(actor, "portal.invite", case=case, user_id=member.user_id)
    db.session.commit()
    return invitation.link


def valid_invitation(token):
    """The invitation for a token if it still works, else None."""
    return invitations.valid(token)


def _usable(token):
    invitation = invitations.valid(token)
    if invitation is None:
        raise NotFound(LINK_GONE)
    return invitation


def join(actor, token):
    """The logged-in `actor` accepts an invitation sent to their own account (which has a
    password: it is kept). Commits; returns the case id.

    :raise NotFound: the link no longer works, or it was sent to someone else.
    """
    invitation = _usable(token)
    if actor is None or invitation.user_id != actor.id:
        raise NotFound(LINK_GONE)
    invitation.used_at = utcnow()
    join_case(invitation.case, actor, invitation.created_by_id)
    audit.record(actor, "portal.join", case=invitation.case, user_id=actor.id)
    db.session.commit()
    return invitation.case_id


def accept(token, password, repeat):
    """Choose the first password through a valid invitation and join its case; every
    other session of the account ends; the link is used up. Commits; returns the user.

    :raise NotFound: the link no longer works.
    :raise Forbidden: the account already has a password (log in and accept instead).
    :raise ValidationError: the password is too short or not repeated.
    """
    invitation = _usable(token)
    user = invitation.user
    if user.password_hash is not None:
        raise Forbidden(_l("Log in with your own password to accept this invitation."))
    errors = {}
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        errors["password"] = [_l("Choose a password of at least %(n)s characters.",
                                 n=MIN_PASSWORD_LENGTH)]
    elif password != repeat:
        errors["repeat"] = [_l("The two passwords are not the same.")]
    if errors:
        raise ValidationError(fields=errors)
    invitation.used_at = utcnow()
    user.password_hash = hash_password(password)
    db.session.execute(update(LoginSession).where(
        LoginSession.user_id == user.id, LoginSession.ended_at.is_(None)).values(ended_at=utcnow()))
    join_case(invitation.case, user, invitation.created_by_id)
    audit.record(user, "portal.accept", case=invitation.case, user_id=user.id)
    db.session.commit()
    return user
