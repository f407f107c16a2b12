"""API tokens: issued to a user, only their hash stored, ending by age or revocation."""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from coordination.accounts.models import ApiToken, User
from coordination.audit import services as audit
from coordination.errors import NotFound
from coordination.extensions import db
from coordination.timeutil import as_utc, utcnow
from coordination.validation import DB_INT_MAX


def hash_token(token):
    """What is stored of a secret token (API token, invitation or Wegwijzer link): its
    SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_lifetime():
    return timedelta(days=current_app.config["API_TOKEN_DAYS"])


def issue_token(user, actor=None):
    """Create a new API token for a user and return it; only its hash is stored. It works
    for API_TOKEN_DAYS days. `actor` None is the command line. Commits."""
    token = secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=hash_token(token))
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "token.issue", user_id=user.id, token_id=row.id)
    db.session.commit()
    return token


def user_for_token(token, now=None):
    """The active user of a token that is neither revoked nor expired, else None."""
    oldest = (now or utcnow()) - token_lifetime()
    row = db.session.execute(
        select(User).join(ApiToken, ApiToken.user_id == User.id).where(
            ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None),
            ApiToken.created_at > oldest)
    ).scalar_one_or_none()
    if row is None or not row.active:
        return None
    return row


def tokens_of(user):
    """A user's tokens, newest first, each with `expires_at`."""
    rows = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                              .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())).all()
    for row in rows:
        row.expires_at = as_utc(row.created_at) + token_lifetime()
    return rows


def revoke_all(user, now):
    return db.session.execute(
        update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)).rowcount


def revoke_tokens(user, actor=None):
    """End every token of a user at once; returns how many were still valid. Commits."""
    count = revoke_all(user, utcnow())
    audit.record(actor, "token.revoke", user_id=user.id, count=count)
    db.session.commit()
    return count


def revoke_own_token(actor, token_id):
    """End one of the actor's own tokens. :raise NotFound: not theirs or no such token.
    Commits."""
    row = db.session.get(ApiToken, token_id) if 0 < token_id <= DB_INT_MAX else None
    if row is None or row.user_id != actor.id:
        raise NotFound()
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        audit.record(actor, "token.revoke", user_id=actor.id, token_id=row.id, count=1)
        db.session.commit()
    return row
