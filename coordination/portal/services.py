"""Inviting parents and youth to the portal, and accepting an invitation.

A link is valid for 7 days and once; sending a new one makes older links stop working.
"""
import hashlib
import secrets
from datetime import timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from coordination.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password
from coordination.audit import services as audit
from coordination.cases.models import CaseMember
from coordination.cases.services import case_to_manage
from coordination.errors import NotFound, ValidationError
from coordination.extensions import db
from coordination.mail import services as mail
from coordination.portal.models import Invitation
from coordination.rules.portal import INVITATION_DAYS, youth_may_have_account
from coordination.timeutil import as_utc, today_local, utcnow


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invite(actor, case_id, member_id):
    """Queue an invitation mail for a parent or youth on the case. Commits; returns the link.

    :raise 403: the actor is not the case's coordinator.
    :raise ValidationError: not a family member; a youth under 12.
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
    token = secrets.token_urlsafe(32)
    db.session.add(Invitation(
        user_id=member.user_id, case_id=case.id, token_hash=_hash(token),
        created_by_id=actor.id, expires_at=utcnow() + timedelta(days=INVITATION_DAYS)))
    link = url_for("portal.welcome", token=token, _external=True)
    mail.queue(member.user.email, "invitation", member.user.locale, link=link,
               name=member.user.name, coordinator=case.coordinator, days=INVITATION_DAYS)
    audit.record(actor, "portal.invite", case=case, user_id=member.user_id)
    db.session.commit()
    return link


def valid_invitation(token):
    """The invitation for a token if it is unused, not expired and the newest for its user."""
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == _hash(token)))
    if invitation is None or invitation.used_at is not None:
        return None
    if as_utc(invitation.expires_at) < utcnow():
        return None
    newest = db.session.scalar(select(func.max(Invitation.id)).where(
        Invitation.user_id == invitation.user_id))
    return invitation if newest == invitation.id else None


def accept(token, password, repeat):
    """Set the password through a valid invitation; the link is used up. Commits."""
    invitation = valid_invitation(token)
    if invitation is None:
        raise NotFound(_l("This link no longer works. Ask your contact person for a new one."))
    errors = {}
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        errors["password"] = [_l("Choose a password of at least %(n)s characters.",
                                 n=MIN_PASSWORD_LENGTH)]
    elif password != repeat:
        errors["repeat"] = [_l("The two passwords are not the same.")]
    if errors:
        raise ValidationError(fields=errors)
    invitation.used_at = utcnow()
    invitation.user.password_hash = hash_password(password)
    audit.record(invitation.user, "portal.accept", user_id=invitation.user_id)
    db.session.commit()
    return invitation.user
