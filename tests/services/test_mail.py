"""Mail goes through a real SMTP server on loopback (aiosmtpd): sent once, retried on failure."""
import socket

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from coordination.extensions import db
from coordination.mail import services as mail
from coordination.mail.models import OutboxMessage


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(app):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(MAIL_HOST="127.0.0.1", MAIL_PORT=controller.port)
    yield inbox
    controller.stop()


def queue_one(app, to="ouder@example.nl"):
    with app.test_request_context():
        mail.queue(to, "invitation", "nl", link="http://x/welcome/abc", name="Petra",
                   coordinator=type("C", (), {"name": "Sanne", "email": "s@x.nl"})(), days=7)
    db.session.commit()


def test_a_queued_message_arrives_once_in_dutch(app, smtp):
    queue_one(app)
    assert mail.send_due() == (1, 0)
    assert mail.send_due() == (0, 0)
    [envelope] = smtp.messages
    assert envelope.rcpt_tos == ["ouder@example.nl"]
    body = envelope.content.decode()
    assert "uitnodiging" in body.lower() and "http://x/welcome/abc" in body


def test_a_failed_send_is_kept_and_retried_later(app, smtp):
    queue_one(app)
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = free_port()  # nobody listens there
    assert mail.send_due() == (0, 1)
    message = db.session.scalar(sa.select(OutboxMessage))
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    app.config["MAIL_PORT"] = port
    assert mail.send_due() == (0, 0)  # not due yet: back-off
    assert mail.send_due(now=message.next_attempt_at) == (1, 0)
    assert len(smtp.messages) == 1


def test_notification_mail_speaks_the_recipients_language_and_tells_no_details(app, smtp, make):
    from datetime import date

    from coordination.notifications import services as notifications
    dutch = make.user("coordinator", email="nl@example.nl")
    english = make.user("coordinator", email="en@example.nl", locale="en")
    case = make.case(dutch, make.student(given_name="Geheimnaam"))
    notifications.notify([dutch.id, english.id], "escalated", date(2026, 11, 17), case_id=case.id,
                         tier=3, due="2026-11-16", intensive=True)
    db.session.commit()
    assert mail.send_due() == (2, 0)
    bodies = {e.rcpt_tos[0]: e.content.decode() for e in smtp.messages}
    assert "Er is nieuws" in bodies["nl@example.nl"]
    assert "There is an update" in bodies["en@example.nl"]
    assert all(f"/cases/{case.id}" in b and "Geheimnaam" not in b for b in bodies.values())


def test_back_off_grows_and_stays_bounded():
    from datetime import timedelta
    assert [mail.backoff(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (2, 4, 8)]
    assert mail.backoff(10_000) == mail.MAX_BACKOFF


def test_flask_mail_send_says_will_be_retried_only_when_something_failed(app, smtp):
    runner = app.test_cli_runner()
    queue_one(app)
    assert runner.invoke(args=["mail", "send"]).output.strip() == "mail: 1 sent, 0 failed"
    queue_one(app)
    app.config["MAIL_PORT"] = free_port()  # nobody listens there
    assert runner.invoke(args=["mail", "send"]).output.strip() == (
        "mail: 0 sent, 1 failed (will be retried)")
