"""Invitation links: a one-time token, valid INVITATION_DAYS, mailed to the person invited.

Only the token's SHA-256 is stored. The link is built from PUBLIC_URL, never from the Host
a request came with. Per person and case only the newest invitation works.
"""
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from coordination.accounts.tokens import hash_token
from coordination.cases.models import CaseMember
from coordination.extensions import db
from coordination.mail import services as mail
from coordination.portal.models import Invitation
from coordination.rules.portal import INVITATION_DAYS
from coordination.timeutil import as_utc, utcnow


def link_for(token):
    return f"{current_app.config['PUBLIC_URL']}/welcome/{token}"


def issue(actor, case, user):
    """Add an invitation for `user` to `case` and queue its mail; the caller audits and
    commits. An account with a password is asked to log in and accept (it keeps its
    password); one without chooses a password through the link. Returns the invitation."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation(user_id=user.id, case_id=case.id, token_hash=hash_token(token),
                            created_by_id=actor.id,
                            expires_at=utcnow() + timedelta(days=INVITATION_DAYS))
    db.session.add(invitation)
    db.session.flush()
    invitation.link = link_for(token)  # for the caller (tests, the coordinator's page)
    mail.queue(user.email, "invitation", user.locale, link=invitation.link, name=user.name,
               coordinator=case.coordinator, days=INVITATION_DAYS,
               has_account=user.password_hash is not None)
    return invitation


def valid(token):
    """The invitation for a token if it is unused, not expired and the newest for its
    person and case; else None."""
    if not token or not isinstance(token, str):
        return None
    invitation = db.session.scalar(select(Invitation).where(
        Invitation.token_hash == hash_token(token)))
    if invitation is None or invitation.used_at is not None:
        return None
    if as_utc(invitation.expires_at) < utcnow():
        return None
    newest = db.session.scalar(select(func.max(Invitation.id)).where(
        Invitation.user_id == invitation.user_id, Invitation.case_id == invitation.case_id))
    return invitation if newest == invitation.id else None


def pending_for(case):
    """Invitations to this case that still work and whose person has not joined yet,
    newest first (for the coordinator's team list)."""
    joined = select(CaseMember.user_id).where(CaseMember.case_id == case.id,
                                              CaseMember.removed_at.is_(None))
    newest = (select(func.max(Invitation.id)).where(Invitation.case_id == case.id)
              .group_by(Invitation.user_id))
    rows = db.session.scalars(select(Invitation).where(
        Invitation.id.in_(newest), Invitation.used_at.is_(None),
        Invitation.user_id.not_in(joined)).order_by(Invitation.id.desc())).all()
    return [i for i in rows if as_utc(i.expires_at) >= utcnow()]
