"""Queueing mail in the outbox and sending what is due, each message exactly once.

Sending claims a message with a conditional UPDATE (only one process wins), sends it,
then records `sent_at`. A failed send is retried with back-off and never lost. A claim
older than CLAIM_TIMEOUT (a sender killed mid-send) may be claimed again.
"""
import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import or_, select, update

from coordination.database import WriteTurns
from coordination.extensions import db
from coordination.mail.models import OutboxMessage
from coordination.timeutil import utcnow

CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=6)


def backoff(attempts):
    """2, 4, 8 … minutes after each failure, at most MAX_BACKOFF."""
    return min(timedelta(minutes=2 ** min(attempts, 12)), MAX_BACKOFF)


def queue(to_address, template, locale, **context):
    """Render `templates/mail/<template>.{txt,html}` in the recipient's language and add it
    to the outbox. The caller's service commits."""
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = render_template(f"mail/{template}.subject.txt", **context).strip()
        text = render_template(f"mail/{template}.txt", **context)
        html = render_template(f"mail/{template}.html", **context)
    message = OutboxMessage(to_address=to_address, subject=subject, body_text=text,
                            body_html=html)
    db.session.add(message)
    return message


def _claim(message_id, now):
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None),
               or_(OutboxMessage.claimed_at.is_(None),
                   OutboxMessage.claimed_at < now - CLAIM_TIMEOUT))
        .values(claimed_at=now))
    db.session.commit()
    return result.rowcount == 1


def _smtp_send(message):
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    with smtplib.SMTP(config["MAIL_HOST"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_STARTTLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def send_due(now=None, limit=100):
    """Send every due message once. Returns (sent, failed). Commits per message."""
    now = now or utcnow()
    due = db.session.scalars(
        select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None),
                                       OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id).limit(limit)).all()
    sent = failed = 0
    turns = WriteTurns()
    for message_id in due:
        if not _claim(message_id, now):
            turns.give_way()
            continue
        message = db.session.get(OutboxMessage, message_id)
        try:
            _smtp_send(message)
        except (OSError, smtplib.SMTPException) as exc:
            message.attempts += 1
            message.claimed_at = None
            message.last_error = str(exc)[:1000]
            message.next_attempt_at = now + backoff(message.attempts)
            failed += 1
        else:
            message.sent_at = utcnow()
            sent += 1
        db.session.commit()
        turns.give_way()
    return sent, failed
