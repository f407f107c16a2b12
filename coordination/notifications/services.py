"""Telling people: an in-app notification, and an email without sensitive detail.

Mail goes to the outbox and is sent by the scheduler process, never inside a web
request. Users who chose the daily digest get one mail a day instead.
"""
from flask import current_app
from sqlalchemy import func, select, update

from coordination.accounts.models import User
from coordination.extensions import db
from coordination.mail import services as mail
from coordination.notifications.models import Notification
from coordination.rules.timers import acting_for
from coordination.tiers.models import AwayPeriod


def with_deputies(user_ids, on):
    """The users plus the deputies of those who are away on `on` (DOMAIN.md §9; issue 5)."""
    periods = [(p.user_id, p.deputy_id, p.first, p.last) for p in db.session.scalars(
        select(AwayPeriod).where(AwayPeriod.user_id.in_(user_ids), AwayPeriod.first <= on,
                                 AwayPeriod.last >= on))]
    receivers = []
    for user_id in user_ids:
        for receiver in acting_for(user_id, periods, on):
            if receiver not in receivers:
                receivers.append(receiver)
    return receivers


def notify(user_ids, kind, on, case_id=None, **values):
    """A notification per receiver (deputies included) and a mail for those who want one
    now. The caller commits (a scheduler item commits it with its own change)."""
    receivers = db.session.scalars(select(User).where(
        User.id.in_(with_deputies(list(user_ids), on)), User.active.is_(True))).all()
    for user in receivers:
        db.session.add(Notification(user_id=user.id, case_id=case_id, kind=kind, values=values))
        if not user.digest:
            mail.queue(user.email, "notification", user.locale, name=user.name,
                       link=_link(case_id))
    return receivers


def _link(case_id):
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    return f"{base}/cases/{case_id}" if case_id else f"{base}/notifications"


def unread_count(user):
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)))


def recent(user, limit=50):
    return db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.id.desc()).limit(limit)).all()


def mark_read(user, now, notification_id=None):
    """Mark one (or all) of the user's notifications read. Commits."""
    stmt = update(Notification).where(Notification.user_id == user.id,
                                      Notification.read_at.is_(None))
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    db.session.execute(stmt.values(read_at=now))
    db.session.commit()


def digest(user, since, now):
    """Queue one mail with the count of the user's unread notifications since `since`."""
    count = db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None),
        Notification.created_at > since, Notification.created_at <= now))
    if count:
        mail.queue(user.email, "digest", user.locale, name=user.name, count=count,
                   link=_link(None))
    return count


def set_digest(user, wanted):
    user.digest = wanted
    db.session.commit()
