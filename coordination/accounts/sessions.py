"""Login sessions kept on the server, so that logout and timeouts really end them.

The signed cookie only carries a random session id; the row in `login_sessions`
decides whether it is still valid: not ended, not idle longer than
SESSION_IDLE_MINUTES, not older than SESSION_ABSOLUTE_HOURS.
"""
import secrets
from datetime import timedelta

from flask import current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from coordination.accounts.models import LoginSession
from coordination.audit import services as audit
from coordination.extensions import db
from coordination.timeutil import as_utc, utcnow

TOUCH_EVERY = timedelta(seconds=60)
# An invitation opened before logging in survives the login (portal.views).
PENDING_INVITATION = "invitation"


def init_login(app, login_manager):
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user)


def start_session(user):
    pending = session.get(PENDING_INVITATION)
    session.clear()
    if pending:
        session[PENDING_INVITATION] = pending
    record = LoginSession(
        id=secrets.token_urlsafe(32), user_id=user.id, ip=request.remote_addr
    )
    db.session.add(record)
    db.session.commit()
    session["sid"] = record.id
    session.permanent = True
    login_user(user)


def load_user(user_id):
    sid = session.get("sid")
    if not sid:
        return None
    record = db.session.get(LoginSession, sid)
    if record is None or record.ended_at is not None or str(record.user_id) != user_id:
        return None
    now = utcnow()
    idle = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    absolute = timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"])
    if now - as_utc(record.last_seen_at) > idle or now - as_utc(record.created_at) > absolute:
        record.ended_at = now
        db.session.commit()
        return None
    if not record.user.active:
        return None
    if now - as_utc(record.last_seen_at) > TOUCH_EVERY:
        record.last_seen_at = now
        db.session.commit()
    return record.user


def end_session():
    """End the server-side record of this login and write the logout's audit event."""
    if current_user.is_authenticated:  # asked first: it checks the record ended below
        audit.record(current_user, "logout")
    sid = session.get("sid")
    record = db.session.get(LoginSession, sid) if sid else None
    if record and record.ended_at is None:
        record.ended_at = utcnow()
    db.session.commit()
    logout_user()
    session.clear()
