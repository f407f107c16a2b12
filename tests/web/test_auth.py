"""Logging in and out: the real POST /login, server-side sessions, throttling, language."""
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import select

from coordination.accounts.models import LoginSession, LoginThrottle, User
from coordination.audit.models import AuditEvent
from coordination.extensions import db
from coordination.timeutil import as_utc, utcnow

PASSWORD = "een lang wachtwoord 42"
LOGIN_ERROR = ("The email address or password is not right, or there were too many "
               "attempts: wait a moment and try again.")
STRANGER = "203.0.113.9"


def post_login(client, email, password, next=None, address="127.0.0.1"):
    return client.post("/login", data={"email": email, "password": password},
                       query_string={"next": next} if next is not None else None,
                       environ_base={"REMOTE_ADDR": address})


def nl(msgid):
    """The text as the Dutch pages show it (escaped like Jinja does)."""
    with force_locale("nl"):
        return str(escape(gettext(msgid)))


def alert(response):
    """The text of the form error box of a page."""
    match = re.search(r'<div class="alert alert--error[^"]*".*?</div>',
                      response.get_data(as_text=True), re.S)
    assert match, "no form error shown"
    return match.group(0)


def sessions_of(user):
    db.session.expire_all()
    return db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)).all()


def is_logged_in(client):
    response = client.get("/cases/")
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]
        return False
    assert response.status_code == 200
    return True


# --- logging in ------------------------------------------------------------------------

def test_right_password_redirects_to_start_page(client, make):
    user = make.user(password=PASSWORD)
    response = post_login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert is_logged_in(client)
    [record] = sessions_of(user)
    assert record.ended_at is None
    assert record.ip == "127.0.0.1"


def test_email_is_matched_without_case_and_spaces(client, make):
    user = make.user(password=PASSWORD, email="mentor@school.nl")
    response = post_login(client, "  Mentor@School.NL ", PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)
    assert len(sessions_of(user)) == 1


def test_wrong_password_shows_error_on_dutch_page(client, make):
    user = make.user(password=PASSWORD)
    response = post_login(client, user.email, PASSWORD + "x")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'lang="nl"' in page
    assert nl(LOGIN_ERROR) in alert(response)
    assert not is_logged_in(client)
    assert sessions_of(user) == []


def test_login_error_text_is_dutch(client, make):
    """The catalog is compiled by `make translations` (part of `make test`)."""
    user = make.user(password=PASSWORD)
    response = post_login(client, user.email, "wrong password")
    box = alert(response)
    assert nl(LOGIN_ERROR) != LOGIN_ERROR, "no Dutch translation (is the .mo compiled?)"
    assert "wachtwoord" in box
    assert LOGIN_ERROR not in box


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(client, make):
    user = make.user(password=PASSWORD)
    wrong_password = post_login(client, user.email, "wrong password")
    unknown_email = post_login(client, "nobody@test.regie.nl", "wrong password")
    assert unknown_email.status_code == wrong_password.status_code == 200
    assert alert(unknown_email) == alert(wrong_password)
    # The email address typed in is kept in the form for both; nothing else differs.
    assert not is_logged_in(client)


def test_account_without_password_cannot_log_in(client, make):
    user = make.user()  # no password_hash
    response = post_login(client, user.email, "not a real password")
    assert response.status_code == 200
    assert nl(LOGIN_ERROR) in alert(response)
    assert not is_logged_in(client)


def test_inactive_user_cannot_log_in(client, make):
    user = make.user(password=PASSWORD, active=False)
    response = post_login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert nl(LOGIN_ERROR) in alert(response)
    assert not is_logged_in(client)
    assert sessions_of(user) == []


def test_deactivated_user_loses_a_running_session(client, make):
    user = make.user(password=PASSWORD)
    post_login(client, user.email, PASSWORD)
    assert is_logged_in(client)
    db.session.get(User, user.id).active = False
    db.session.commit()
    assert not is_logged_in(client)


# --- logout and timeouts -----------------------------------------------------------------

def test_logout_really_ends_the_session(app, client, make):
    user = make.user(password=PASSWORD)
    assert post_login(client, user.email, PASSWORD).status_code == 302
    cookie = client.get_cookie("regie_session")
    assert cookie is not None
    value = cookie.value

    # The copied cookie works in another client before logging out...
    before = app.test_client()
    before.set_cookie("regie_session", value)
    assert is_logged_in(before)

    response = client.post("/logout")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert not is_logged_in(client)

    # ...and not after: the server-side record is ended, not just the cookie cleared.
    replay = app.test_client()
    replay.set_cookie("regie_session", value)
    response = replay.get("/cases/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    [record] = sessions_of(user)
    assert record.ended_at is not None


def test_login_replaces_the_session_contents(client, make):
    """Logging in starts a new server-side session; an earlier one stays separate."""
    user = make.user(password=PASSWORD)
    post_login(client, user.email, PASSWORD)
    first = client.get_cookie("regie_session").value
    post_login(client, user.email, PASSWORD)
    second = client.get_cookie("regie_session").value
    assert first != second
    assert len({r.id for r in sessions_of(user)}) == 2


def _age_session(user, idle=None, age=None):
    [record] = sessions_of(user)
    now = utcnow()
    if idle is not None:
        record.last_seen_at = now - idle
    if age is not None:
        record.created_at = now - age
    db.session.commit()
    return record.id


@pytest.mark.parametrize("idle, still_in", [
    (timedelta(minutes=29), True),
    (timedelta(minutes=31), False),
])
def test_idle_timeout(client, make, idle, still_in):
    user = make.user(password=PASSWORD)
    post_login(client, user.email, PASSWORD)
    sid = _age_session(user, idle=idle)
    assert is_logged_in(client) is still_in
    db.session.expire_all()
    record = db.session.get(LoginSession, sid)
    assert (record.ended_at is None) is still_in
    if still_in:
        # Using the session moves last_seen_at forward.
        assert utcnow() - as_utc(record.last_seen_at) < timedelta(minutes=5)


def test_idle_session_stays_ended_when_used_again(client, make):
    user = make.user(password=PASSWORD)
    post_login(client, user.email, PASSWORD)
    _age_session(user, idle=timedelta(minutes=31))
    assert not is_logged_in(client)
    # Even if last_seen_at were fresh again, an ended session does not come back.
    _age_session(user, idle=timedelta(0))
    assert not is_logged_in(client)


@pytest.mark.parametrize("age, still_in", [
    (timedelta(hours=7, minutes=59), True),
    (timedelta(hours=8, minutes=1), False),
])
def test_absolute_lifetime(client, make, age, still_in):
    user = make.user(password=PASSWORD)
    post_login(client, user.email, PASSWORD)
    _age_session(user, idle=timedelta(minutes=1), age=age)
    assert is_logged_in(client) is still_in


# --- throttling: growing delays, never a lock a stranger can keep shut ----------------

def throttle_rows():
    db.session.expire_all()
    return {row.key.split(":")[0]: row for row in db.session.scalars(select(LoginThrottle))}


def let_the_wait_pass(kind):
    row = throttle_rows()[kind]
    row.next_allowed_at = utcnow() - timedelta(seconds=1)
    db.session.commit()


def test_a_strangers_wrong_passwords_delay_the_real_user_only_until_the_wait_passed(client,
                                                                                    make):
    user = make.user(password=PASSWORD)
    for _ in range(5):
        post_login(client, user.email, "guess", address=STRANGER)

    # Right now the right password is refused too, with the usual words...
    response = post_login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert nl(LOGIN_ERROR) in alert(response)
    assert not is_logged_in(client)
    # ...but the wait is one second, not a lock-out.
    account = throttle_rows()["account"]
    assert account.failures == 5
    assert as_utc(account.next_allowed_at) - as_utc(account.last_failure_at) == timedelta(
        seconds=1)

    let_the_wait_pass("account")
    assert post_login(client, user.email, PASSWORD).status_code == 302
    assert is_logged_in(client)
    assert "account" not in throttle_rows()  # a good login starts the count afresh


def test_four_wrong_passwords_cost_no_wait(client, make):
    user = make.user(password=PASSWORD)
    for _ in range(4):
        post_login(client, user.email, "wrong password")
    assert throttle_rows()["account"].next_allowed_at is None
    assert post_login(client, user.email, PASSWORD).status_code == 302


def test_the_delay_is_per_account(client, make):
    victim = make.user(password=PASSWORD)
    other = make.user(password=PASSWORD)
    for _ in range(5):
        post_login(client, victim.email, "wrong password", address=STRANGER)
    assert post_login(client, other.email, PASSWORD, address=STRANGER).status_code == 302


def test_the_delay_is_per_address_too(app, client, make):
    """One address trying many accounts waits, whichever account it tries next; other
    addresses do not."""
    user = make.user(password=PASSWORD)
    free = app.config["LOGIN_ADDRESS_FREE_FAILURES"]
    for n in range(free):
        post_login(client, f"guess{n}@test.regie.nl", "guess", address=STRANGER)
    assert nl(LOGIN_ERROR) in alert(post_login(client, user.email, PASSWORD, address=STRANGER))
    assert post_login(client, user.email, PASSWORD).status_code == 302


def test_unknown_wrong_and_throttled_get_the_same_answer_and_the_same_work(client, make,
                                                                          monkeypatch):
    """Same status, same text, and exactly one argon2 verification each, so that the time
    tells nothing either."""
    from coordination.accounts import services

    calls = []
    real_verify = services.verify_password
    monkeypatch.setattr(services, "verify_password",
                        lambda h, p: calls.append(h) or real_verify(h, p))
    user = make.user(password=PASSWORD)
    for _ in range(5):
        post_login(client, user.email, "guess", address=STRANGER)
    calls.clear()

    unknown = post_login(client, "nobody@test.regie.nl", "guess")
    wrong = post_login(client, make.user(password=PASSWORD).email, "guess")
    throttled = post_login(client, user.email, PASSWORD)
    assert unknown.status_code == wrong.status_code == throttled.status_code == 200
    assert alert(unknown) == alert(wrong) == alert(throttled)
    assert len(calls) == 3
    assert calls[0] is None  # the unknown email is checked against the dummy hash


def test_attempts_while_throttled_do_not_lengthen_the_wait(client, make):
    user = make.user(password=PASSWORD)
    for _ in range(5):
        post_login(client, user.email, "guess", address=STRANGER)
    before = throttle_rows()["account"]
    failures, next_allowed = before.failures, before.next_allowed_at
    for _ in range(3):
        post_login(client, user.email, "guess", address=STRANGER)
    after = throttle_rows()["account"]
    assert (after.failures, after.next_allowed_at) == (failures, next_allowed)


def test_the_counters_are_shared_by_every_worker(app, database_url, client, make):
    """A second app on the same database (another gunicorn worker) sees the same wait."""
    from coordination import create_app
    from tests.conftest import IsolatedClient

    user = make.user(password=PASSWORD)
    for _ in range(5):
        post_login(client, user.email, "guess", address=STRANGER)
    # A wait longer than starting a second app takes on a busy machine (the first is 1 s).
    row = throttle_rows()["account"]
    row.next_allowed_at = utcnow() + timedelta(minutes=5)
    db.session.commit()
    other_worker = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                               "WTF_CSRF_ENABLED": False})
    other_worker.test_client_class = IsolatedClient
    try:
        response = post_login(other_worker.test_client(), user.email, PASSWORD)
    finally:  # close its connections even when the check fails (no leak into later tests)
        with other_worker.app_context():
            db.engine.dispose()
    assert response.status_code == 200


# --- audit of logins ---------------------------------------------------------------------

def audit_events(action):
    db.session.expire_all()
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                              .order_by(AuditEvent.id)).all()


def test_login_failed_login_throttled_attempt_and_logout_are_audited(client, make):
    user = make.user(password=PASSWORD)
    post_login(client, user.email, "guess", address=STRANGER)
    [failed] = audit_events("login.failed")
    assert (failed.actor_id, failed.ip, failed.detail) == (
        user.id, STRANGER, {"reason": "wrong_password"})

    for _ in range(4):
        post_login(client, user.email, "guess", address=STRANGER)
    post_login(client, user.email, "guess", address=STRANGER)
    [throttled] = audit_events("login.throttled")
    assert throttled.actor_id == user.id and throttled.ip == STRANGER

    let_the_wait_pass("account")
    post_login(client, user.email, PASSWORD)
    [success] = audit_events("login.success")
    assert (success.actor_id, success.actor_role, success.ip) == (user.id, user.role,
                                                                  "127.0.0.1")
    client.post("/logout")
    [logout] = audit_events("logout")
    assert logout.actor_id == user.id


def test_a_failed_login_for_an_unknown_email_keeps_no_email(client):
    """Nobody needs a stranger's typed address: the event has no actor and no email,
    only the time and the client address."""
    post_login(client, "someone.private@example.nl", "guess", address=STRANGER)
    [event] = audit_events("login.failed")
    assert (event.actor_id, event.actor_role, event.ip) == (None, None, STRANGER)
    assert event.detail == {"reason": "unknown_account"}
    assert "someone.private" not in str(event.detail)
    assert all("someone.private" not in row.key for row in throttle_rows().values())


# --- where to go after login -------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "evil.example",
])
def test_next_off_site_goes_to_start_page(client, make, target):
    user = make.user(password=PASSWORD)
    response = post_login(client, user.email, PASSWORD, next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_local_next_is_followed(client, make):
    user = make.user(password=PASSWORD)
    response = post_login(client, user.email, PASSWORD, next="/students/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/students/"
    assert client.get("/students/").status_code == 200


def test_login_required_page_sends_back_after_login(client, make):
    user = make.user(password=PASSWORD)
    response = client.get("/students/")
    assert response.status_code == 302
    login_url = response.headers["Location"]
    assert login_url.startswith("/login?next=")
    response = client.post(login_url, data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/students/"


# --- language ------------------------------------------------------------------------------

def test_language_switch_is_remembered_on_the_user(app, client, make):
    user = make.user(password=PASSWORD)
    post_login(client, user.email, PASSWORD)
    assert 'lang="nl"' in client.get("/cases/").get_data(as_text=True)

    response = client.post("/language", data={"locale": "en", "next": "/cases/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/cases/"
    page = client.get("/cases/").get_data(as_text=True)
    assert 'lang="en"' in page
    assert ">Log out<" in page and "Uitloggen" not in page
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "en"

    fresh = app.test_client()
    assert 'lang="nl"' in fresh.get("/login").get_data(as_text=True)
    post_login(fresh, user.email, PASSWORD)
    page = fresh.get("/cases/").get_data(as_text=True)
    assert 'lang="en"' in page
    assert ">Log out<" in page


def test_language_switch_without_login(client):
    response = client.post("/language", data={"locale": "en", "next": "/login"})
    assert response.headers["Location"] == "/login"
    assert 'lang="en"' in client.get("/login").get_data(as_text=True)
    client.post("/language", data={"locale": "nl"})
    assert 'lang="nl"' in client.get("/login").get_data(as_text=True)


def test_unknown_language_is_ignored(client, make):
    user = make.user(password=PASSWORD)
    post_login(client, user.email, PASSWORD)
    client.post("/language", data={"locale": "xx"})
    assert 'lang="nl"' in client.get("/cases/").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).locale is None


def test_language_next_off_site_is_not_followed(client):
    response = client.post("/language", data={"locale": "en", "next": "//evil.example"})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
