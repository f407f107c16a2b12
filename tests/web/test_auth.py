"""Logging in and out: the real POST /login, server-side sessions, throttling, language."""
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import select

from coordination.accounts.models import LoginSession, User
from coordination.extensions import db
from coordination.timeutil import as_utc, utcnow

PASSWORD = "een lang wachtwoord 42"
LOGIN_ERROR = ("The email address or password is not right, or the account is locked "
               "for a while after too many attempts.")


def post_login(client, email, password, next=None):
    return client.post("/login", data={"email": email, "password": password},
                       query_string={"next": next} if next is not None else None)


def nl(msgid):
    """The text as the Dutch pages show it (escaped like Jinja does)."""
    with force_locale("nl"):
        return str(escape(gettext(msgid)))


def alert(response):
    """The text of the form error box of a page."""
    match = re.search(r'<div class="alert alert--error".*?</div>',
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


# --- per-account lockout --------------------------------------------------------------

def test_lockout_after_five_wrong_passwords_then_unlock(client, make):
    user = make.user(password=PASSWORD)
    for _ in range(5):
        assert post_login(client, user.email, "wrong password").status_code == 200

    response = post_login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert nl(LOGIN_ERROR) in alert(response)
    assert not is_logged_in(client)
    db.session.expire_all()
    locked = db.session.get(User, user.id)
    assert locked.locked_until is not None
    assert as_utc(locked.locked_until) > utcnow()

    locked.locked_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = post_login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)
    db.session.expire_all()
    unlocked = db.session.get(User, user.id)
    assert unlocked.failed_logins == 0
    assert unlocked.locked_until is None


def test_four_wrong_passwords_do_not_lock(client, make):
    user = make.user(password=PASSWORD)
    for _ in range(4):
        post_login(client, user.email, "wrong password")
    assert post_login(client, user.email, PASSWORD).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).failed_logins == 0


def test_lockout_is_per_account(client, make):
    victim = make.user(password=PASSWORD)
    other = make.user(password=PASSWORD)
    for _ in range(5):
        post_login(client, victim.email, "wrong password")
    assert post_login(client, other.email, PASSWORD).status_code == 302


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
