"""Accounts: creating, editing and closing users, logging in (API tokens: tokens.py)."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from coordination.accounts import throttle
from coordination.accounts import tokens as api_tokens
from coordination.accounts.models import (
    ADMIN,
    ANALYST,
    ATTENDANCE_OFFICER,
    PROFESSIONAL_ROLES,
    ROLES,
    LoginSession,
    User,
    UserMunicipality,
    municipality_key,
    user_schools,
)
from coordination.accounts.passwords import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from coordination.audit import services as audit
from coordination.errors import Conflict, Forbidden, NotFound, ValidationError
from coordination.extensions import db
from coordination.schools.models import School
from coordination.timeutil import utcnow
from coordination.validation import DB_INT_MAX


def normalise_email(email):
    return (email or "").strip().lower()


def find_by_email(email):
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password_rules(password):
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(fields={"password": [
            _l("Choose a password of at least %(n)s characters.", n=MIN_PASSWORD_LENGTH)
        ]})


# Ids beyond PostgreSQL's INTEGER are no row at all (and must not reach the database).
def _require_admin(actor):
    if actor is not None and actor.role != ADMIN:
        raise Forbidden()


def create_user(email, name, role, password=None, job_title=None, phone=None,
                school_ids=(), actor=None, municipalities=()):
    """Create a user; raise Conflict when the email is taken. `actor` None is the command
    line. Commits.

    Professionals are linked to `school_ids`, attendance officers also to the
    `municipalities` whose residents they act for (access.py: reach).
    """
    _require_admin(actor)
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
    db.session.flush()
    audit.record(actor, "user.create", user_id=user.id, role=role)
    db.session.commit()
    return user


def _link(user, school_ids, municipalities):
    school_ids, names = set(school_ids or ()), [" ".join(m.split()) for m in municipalities or ()]
    if ((school_ids and not (user.is_professional or user.role == ANALYST))
            or (names and user.role not in (ATTENDANCE_OFFICER, ANALYST))):
        raise ValidationError(fields={"school_id": [_l(
            "Only professionals and analysts are linked to schools, and only attendance "
            "officers and analysts to municipalities.")]})
    schools = list(db.session.scalars(select(School).where(School.id.in_(school_ids))))
    if len(schools) != len(school_ids):
        raise ValidationError(fields={"school_id": [_l("This school does not exist.")]})
    if any(not name or len(name) > 80 for name in names):
        raise ValidationError(fields={"municipality": [_l(
            "Give the municipality's name (at most 80 characters).")]})
    user.schools = schools
    kept = {m.key: m for m in user.municipalities}
    user.municipalities = [kept.get(key) or UserMunicipality(key=key, name=name)
                           for key, name in {municipality_key(n): n for n in names}.items()]


def user_to_edit(actor, user_id):
    """:raise Forbidden: for anyone but an admin. :raise NotFound: no such user."""
    if actor.role != ADMIN:
        raise Forbidden()
    user = db.session.get(User, user_id) if 0 < user_id <= DB_INT_MAX else None
    if user is None:
        raise NotFound()
    return user


def role_choices(user):
    """The roles an existing account may get: a professional moves between the
    professional roles; every other role stays as it is (an admin or a family account is
    a different kind of account, made anew)."""
    if user.role in PROFESSIONAL_ROLES:
        return [r for r in ROLES if r in PROFESSIONAL_ROLES]
    return [user.role]


def update_user(actor, user_id, name, role, job_title=None, phone=None, school_ids=(),
                municipalities=()):
    """Change a user's name, job title, phone, role (see `role_choices`), schools and (for
    attendance officers) municipalities.

    :raise Forbidden: not an admin. :raise NotFound: no such user.
    :raise ValidationError: a role outside `role_choices`. Commits.
    """
    user = user_to_edit(actor, user_id)
    if role not in role_choices(user):
        raise ValidationError(fields={"role": [_l(
            "A professional can get another professional role; other roles cannot change.")]})
    before = {"name": user.name, "role": user.role, "job_title": user.job_title,
              "phone": user.phone, "schools": sorted(s.id for s in user.schools),
              "municipalities": sorted(m.key for m in user.municipalities)}
    user.name = name.strip()
    user.role = role
    user.job_title = job_title or None
    user.phone = phone or None
    _link(user, school_ids, municipalities)
    after = {"name": user.name, "role": user.role, "job_title": user.job_title,
             "phone": user.phone, "schools": sorted(s.id for s in user.schools),
             "municipalities": sorted(m.key for m in user.municipalities)}
    changed = sorted(k for k in before if before[k] != after[k])
    audit.record(actor, "user.update", user_id=user.id, fields=changed,
                 **({"role_from": before["role"], "role_to": role} if "role" in changed else {}))
    db.session.commit()
    return user


def deactivate_user(actor, user_id, now=None):
    """Close an account: it can no longer log in, and its login sessions and API tokens
    end at this moment.

    :raise Conflict: an admin deactivating their own account. Commits.
    """
    user = user_to_edit(actor, user_id)
    if user.id == actor.id:
        raise Conflict(_l("You cannot deactivate your own account."), code="own_account")
    if not user.active:
        return user
    now = now or utcnow()
    user.active = False
    sessions = db.session.execute(
        update(LoginSession).where(LoginSession.user_id == user.id,
                                   LoginSession.ended_at.is_(None)).values(ended_at=now))
    tokens = api_tokens.revoke_all(user, now)
    audit.record(actor, "user.deactivate", user_id=user.id, sessions_ended=sessions.rowcount,
                 tokens_revoked=tokens)
    db.session.commit()
    return user


def reactivate_user(actor, user_id):
    """Open a closed account again; its old sessions and tokens stay ended. Commits."""
    user = user_to_edit(actor, user_id)
    if user.active:
        return user
    user.active = True
    audit.record(actor, "user.reactivate", user_id=user.id)
    db.session.commit()
    return user


def authenticate(email, password, address=None, now=None):
    """Return the user for a correct email and password, else None.

    Throttled per account and per client address (rules/logins.py): while either has
    to wait, the attempt is refused without looking at the password. Every attempt, also
    for an unknown email and while throttled, costs one argon2 verification, so that the
    answer takes the same time whatever the reason. Each attempt writes an audit event;
    for an unknown email without the email (a stranger's typo is nobody's business;
    the address and time are kept). Commits.
    """
    now = now or utcnow()
    email = normalise_email(email)
    user = find_by_email(email)
    keys = (throttle.account_key(email), throttle.address_key(address))
    correct = verify_password(user.password_hash if user else None, password)
    if throttle.throttled(keys, now):
        audit.record(user, "login.throttled")
        db.session.commit()
        return None
    if user is None or not correct or not user.active:
        throttle.count_failure(keys, now)
        reason = ("unknown_account" if user is None else
                  "wrong_password" if not correct else "inactive")
        audit.record(user, "login.failed", reason=reason)
        db.session.commit()
        return None
    throttle.clear(keys[0])
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(user, "login.success")
    db.session.commit()
    return user


def forget_old_login_failures(now):
    """Drop throttle counters nobody has failed on for a while (a scheduler step). Commits."""
    throttle.delete_forgotten(now)
    db.session.commit()


def set_locale(user, locale):
    user.locale = locale
    db.session.commit()


def list_users():
    return db.session.scalars(select(User).options(selectinload(User.schools))
                              .order_by(func.lower(User.name))).all()


def colleagues(user):
    """(id, name) of the active professionals who share a school or a municipality with
    `user` (not `user`), by name: the list to pick a deputy from. Anyone else is named by
    e-mail address, so the list grows with the person's own work, not the region."""
    shared = [User.id.in_(select(user_schools.c.user_id).where(user_schools.c.school_id.in_(
        select(user_schools.c.school_id).where(user_schools.c.user_id == user.id)))),
              User.id.in_(select(UserMunicipality.user_id).where(UserMunicipality.key.in_(
                  select(UserMunicipality.key).where(UserMunicipality.user_id == user.id))))]
    return [tuple(row) for row in db.session.execute(
        select(User.id, User.name).where(User.role.in_(PROFESSIONAL_ROLES),
                                         User.active.is_(True), User.id != user.id,
                                         or_(*shared))
        .order_by(func.lower(User.name)))]
