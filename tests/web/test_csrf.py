"""CSRF protection on the forms (on in every real config; the other tests switch it off)."""
import re

import pytest

PASSWORD = "een lang wachtwoord 42"


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def csrf_token(page):
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
    assert match, "no csrf_token in the page"
    return match.group(1)


def test_login_without_token_is_refused(client, make):
    user = make.user(password=PASSWORD)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)
    assert client.get("/cases/").status_code == 302


def test_login_with_a_wrong_token_is_refused(client, make):
    user = make.user(password=PASSWORD)
    client.get("/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "csrf_token": "forged"})
    assert response.status_code == 400
    assert client.get("/cases/").status_code == 302


def test_login_with_the_token_from_the_form_works(client, make):
    user = make.user(password=PASSWORD)
    token = csrf_token(client.get("/login"))
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/cases/").status_code == 200


def test_token_of_another_browser_is_refused(app, client, make):
    user = make.user(password=PASSWORD)
    token = csrf_token(app.test_client().get("/login"))
    client.get("/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 400


def test_logout_and_language_need_the_token(client, make):
    user = make.user(password=PASSWORD)
    token = csrf_token(client.get("/login"))
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert client.post("/logout").status_code == 400
    assert client.get("/cases/").status_code == 200  # still logged in
    assert client.post("/language", data={"locale": "en"}).status_code == 400
    assert 'lang="nl"' in client.get("/cases/").get_data(as_text=True)

    page = client.get("/cases/")
    assert client.post("/logout", data={"csrf_token": csrf_token(page)}).status_code == 302
    assert client.get("/cases/").status_code == 302


def test_api_with_bearer_token_needs_no_csrf(client, make):
    user = make.user(role="admin")
    response = client.post("/api/v1/schools", headers=make.token(user),
                           json={"name": "Het Lyceum", "brin": "12AB", "region": "midden"})
    assert response.status_code == 201, response.get_json()
