"""Accounts: creating users, logging in, API tokens."""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from coordination.accounts.models import (
    ATTENDANCE_OFFICER, PROFESSIONAL_ROLES, ROLES, ApiToken, User, UserMunicipality,
    municipality_key,
)
from coordination.accounts.passwords import (
    MIN_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password,
)
from coordination.errors import Conflict, Forbidden, ValidationError
from coordination.extensions import db
from coordination.schools.models import School
from coordination.timeutil import as_utc, utcnow


def normalise_email(email):
    return (email or "").strip().lower()


def find_by_email(email):
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password_rules(password):
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(fields={"password": [
            _l("Choose a password of at least %(n)s characters.", n=MIN_PASSWORD_LENGTH)
        ]})


def create_user(email, name, role, password=None, job_title=None, phone=None,
                school_ids=(), actor=None, municipalities=()):
    """Create a user; raise Conflict when the email is taken. Commits.

    Professionals are linked to `school_ids`, attendance officers also to the
    `municipalities` whose residents they act for (access.py: reach).
    """
    if actor is not None and actor.role != "admin":
        raise Forbidden()
    if role not in ROLES:
        raise ValidationError(fields={"role": [_l("Choose one of the listed roles.")]})
    check_password_rules(password)
    email = normalise_email(email)
    if find_by_email(email):
        raise Conflict(_l("There is already an account with this email address."),
                       fields={"email": [_l("This email address is already in use.")]},
                       code="duplicate_email")
    user = User(email=email, name=name.strip(), role=role, job_title=job_title or None,
                phone=phone or None)
    if password:
        user.password_hash = hash_password(password)
    _link(user, school_ids, municipalities)
    db.session.add(user)
    db.session.commit()
    return user


def _link(user, school_ids, municipalities):
    school_ids, names = set(school_ids or ()), [" ".join(m.split()) for m in municipalities or ()]
    if (school_ids and not user.is_professional) or (names and user.role != ATTENDANCE_OFFICER):
        raise ValidationError(fields={"school_id": [_l(
            "Only professionals are linked to schools, and only attendance officers to "
            "municipalities.")]})
    schools = list(db.session.scalars(select(School).where(School.id.in_(school_ids))))
    if len(schools) != len(school_ids):
        raise ValidationError(fields={"school_id": [_l("This school does not exist.")]})
    if any(not name or len(name) > 80 for name in names):
        raise ValidationError(fields={"municipality": [_l(
            "Give the municipality's name (at most 80 characters).")]})
    user.schools = schools
    user.municipalities = [UserMunicipality(key=key, name=name) for key, name in
                           {municipality_key(n): n for n in names}.items()]


def authenticate(email, password):
    """Return the user for a correct email and password, else None.

    Per-account throttle: after LOGIN_MAX_FAILURES wrong passwords the account is
    locked for LOGIN_LOCKOUT_MINUTES, even for the right password. Commits.
    """
    user = find_by_email(email)
    now = utcnow()
    if user is None:
        verify_password(None, password)  # same work as for a real account
        return None
    if user.locked_until and as_utc(user.locked_until) > now:
        return None
    if not user.active or not verify_password(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
            user.locked_until = now + timedelta(
                minutes=current_app.config["LOGIN_LOCKOUT_MINUTES"])
            user.failed_logins = 0
        db.session.commit()
        return None
    user.failed_logins = 0
    user.locked_until = None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.session.commit()
    return user


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user):
    """Create a new API token for a user and return it; only its hash is stored. Commits."""
    token = secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, token_hash=_token_hash(token)))
    db.session.commit()
    return token


def user_for_token(token):
    row = db.session.execute(
        select(User).join(ApiToken, ApiToken.user_id == User.id).where(
            ApiToken.token_hash == _token_hash(token), ApiToken.revoked_at.is_(None)
        )
    ).scalar_one_or_none()
    if row is None or not row.active:
        return None
    return row


def set_locale(user, locale):
    user.locale = locale
    db.session.commit()


def list_users():
    return db.session.scalars(select(User).options(selectinload(User.schools))
                              .order_by(func.lower(User.name))).all()


def professionals():
    """Users who may coordinate or join a case as a professional."""
    return db.session.scalars(
        select(User).where(User.role.in_(PROFESSIONAL_ROLES), User.active.is_(True))
        .order_by(func.lower(User.name))
    ).all()
