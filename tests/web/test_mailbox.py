"""The development mailbox: `flask mail catch` keeps what arrives over SMTP, /dev/mailbox
lists it with the links clickable, and outside development the page does not exist."""
import shutil
import socket

import pytest

from coordination import create_app
from coordination.extensions import db
from coordination.mail import catcher
from coordination.mail import services as mail


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dev_app(monkeypatch, sqlite_template, tmp_path):
    """The app as `make run` configures it, with a mail catcher listening on a free port."""
    monkeypatch.setenv("REGIE_ENV", "development")
    shutil.copy(sqlite_template, tmp_path / "regie.db")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'regie.db'}",
                      "MAIL_PORT": free_port(), "MAILBOX_DIR": str(tmp_path / "mailbox")})
    controller = catcher.start(app.config["MAIL_HOST"], app.config["MAIL_PORT"],
                               app.config["MAILBOX_DIR"])
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    controller.stop()


def send_invitation(app, link):
    coordinator = type("Coordinator", (), {"name": "Sanne Bakker", "email": "regie@x.nl"})()
    with app.test_request_context():
        mail.queue("nieuwe.ouder@example.nl", "invitation", "nl", link=link, name="Petra",
                   coordinator=coordinator, days=7, has_account=False)
    db.session.commit()
    assert mail.send_due() == (1, 0)


def test_the_mailbox_shows_what_went_over_smtp_with_the_link_clickable(dev_app):
    page = dev_app.test_client().get("/dev/mailbox")
    assert page.status_code == 200 and "Nog geen e-mail" in page.text
    link = "http://127.0.0.1:5000/welcome/abc-123_XYZ"
    send_invitation(dev_app, link)
    page = dev_app.test_client().get("/dev/mailbox")
    assert page.status_code == 200
    assert "nieuwe.ouder@example.nl" in page.text and "Je uitnodiging voor Regie" in page.text
    assert f'<a href="{link}">{link}</a>' in page.text


def test_the_mailbox_escapes_what_it_shows(dev_app):
    send_invitation(dev_app, 'http://127.0.0.1:5000/welcome/x <script>alert(1)</script>')
    page = dev_app.test_client().get("/dev/mailbox")
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text


def test_the_mail_catcher_refuses_to_run_outside_development(runner):
    result = runner.invoke(args=["mail", "catch"])
    assert result.exit_code != 0 and "REGIE_ENV=development" in result.output


@pytest.mark.parametrize("profile", ["testing", "production"])
def test_outside_development_the_mailbox_does_not_exist(monkeypatch, profile, tmp_path):
    monkeypatch.setenv("REGIE_ENV", profile)
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "PUBLIC_URL": "https://regie.example.nl"})
    assert app.config["REGIE_ENV"] == profile
    assert "mailbox.index" not in app.view_functions
    assert not any(rule.rule.startswith("/dev") for rule in app.url_map.iter_rules())
    response = app.test_client().get("/dev/mailbox", base_url="https://regie.example.nl")
    assert response.status_code == 404
