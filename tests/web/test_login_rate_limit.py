"""Per-IP request limit on POST /login (Flask-Limiter), on top of the delays in test_auth."""
import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape

TOO_MANY = "Too many attempts. Please wait a moment and try again."


@pytest.fixture
def app_config():
    return {"LOGIN_RATE_LIMIT": "3 per minute"}


def attempt(client, email, password="wrong password", ip="203.0.113.7"):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": ip})


def test_fourth_post_from_one_ip_gets_a_friendly_429(client, make):
    users = [make.user() for _ in range(4)]  # different accounts: not the account delay
    for user in users[:3]:
        assert attempt(client, user.email).status_code == 200
    response = attempt(client, users[3].email)
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert 'lang="nl"' in page
    with force_locale("nl"):
        assert str(escape(gettext(TOO_MANY))) in page
    assert TOO_MANY not in page  # Dutch, not the English source text
    assert "Traceback" not in page
    assert response.headers["Content-Type"].startswith("text/html")


def test_the_throttle_blocks_the_right_password_too(client, make):
    user = make.user(password="een lang wachtwoord 42")
    for _ in range(3):
        attempt(client, "nobody@test.regie.nl")
    response = attempt(client, user.email, "een lang wachtwoord 42")
    assert response.status_code == 429
    assert client.get("/cases/").status_code == 302  # not logged in


def test_throttle_is_per_ip_and_only_for_posts(client, make):
    user = make.user(password="een lang wachtwoord 42")
    for _ in range(3):
        attempt(client, "nobody@test.regie.nl", ip="203.0.113.7")
    assert attempt(client, "nobody@test.regie.nl", ip="203.0.113.7").status_code == 429
    assert client.get("/login", environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code == 200
    other_ip = attempt(client, user.email, "een lang wachtwoord 42", ip="198.51.100.9")
    assert other_ip.status_code == 302
