"""Security headers, cookie flags, session lifetimes and the generic error pages."""
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext
from markupsafe import escape

import config
from coordination import create_app
from coordination.extensions import db

PASSWORD = "een lang wachtwoord 42"
NOT_FOUND = "This page or item does not exist, or you may not see it."
SERVER_ERROR = "Something went wrong on our side. Please try again later."


def nl(msgid):
    with force_locale("nl"):
        return str(escape(gettext(msgid)))


def assert_page_headers(response):
    csp = response.headers["Content-Security-Policy"]
    directives = [d.strip() for d in csp.split(";")]
    assert "default-src 'self'" in directives
    assert "frame-ancestors 'none'" in directives
    assert "object-src 'none'" in directives
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer",
                                                   "strict-origin-when-cross-origin")
    assert "no-store" in response.headers["Cache-Control"]


def session_cookie_header(response):
    [header] = [h for h in response.headers.getlist("Set-Cookie")
                if h.startswith("regie_session=")]
    return header


def cookie_attributes(header):
    return {part.strip().split("=", 1)[0].lower() for part in header.split(";")[1:]}


def test_login_page_headers(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert_page_headers(response)


def test_authenticated_page_headers(client, make):
    make.login(client, make.user())
    response = client.get("/cases/")
    assert response.status_code == 200
    assert_page_headers(response)


def test_api_answers_are_not_cached(client, make):
    response = client.get("/api/v1/me", headers=make.token(make.user()))
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_static_files_may_be_cached(client):
    response = client.get("/static/regie.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_no_hsts_over_plain_http_in_testing(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


# --- cookies and lifetimes -----------------------------------------------------------------

def test_session_cookie_flags_after_login(client, make):
    user = make.user(password=PASSWORD)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    header = session_cookie_header(response)
    attributes = cookie_attributes(header)
    assert "httponly" in attributes
    assert "samesite=lax" in header.lower().replace(" ", "")
    assert "secure" not in attributes  # the testing profile runs over plain HTTP
    # A permanent cookie, bounded by the absolute lifetime (8 h), not Flask's 31 days.
    expires = parsedate_to_datetime(
        next(p.split("=", 1)[1] for p in header.split(";") if p.strip().lower().startswith("expires=")))
    left = expires - datetime.now(timezone.utc)
    assert timedelta(hours=7) < left <= timedelta(hours=8, minutes=1)


def test_production_profile_sets_secure_cookie_and_hsts(app, make, monkeypatch):
    """The default profile (no REGIE_ENV, not TESTING) is production: Secure cookie, HSTS."""
    monkeypatch.delenv("REGIE_ENV", raising=False)
    prod = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                       "WTF_CSRF_ENABLED": False, "PUBLIC_URL": "https://localhost"})
    assert prod.config["SESSION_COOKIE_SECURE"] is True
    assert prod.config["TESTING"] is False
    user = make.user(password=PASSWORD)
    try:
        response = prod.test_client().post("/login", base_url="https://localhost",
                                           data={"email": user.email, "password": PASSWORD})
    finally:
        with prod.app_context():
            db.engine.dispose()  # its own engine: close its pooled connection
    assert response.status_code == 302
    header = session_cookie_header(response)
    assert {"secure", "httponly"} <= cookie_attributes(header)
    assert "samesite=lax" in header.lower().replace(" ", "")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_config_profiles():
    assert config.Config.SESSION_COOKIE_SECURE is True
    assert config.DevelopmentConfig.SESSION_COOKIE_SECURE is False
    assert config.Config.SESSION_COOKIE_HTTPONLY is True
    assert config.Config.SESSION_COOKIE_SAMESITE == "Lax"
    assert config.Config.SESSION_COOKIE_NAME == "regie_session"
    assert config.Config.REMEMBER_COOKIE_DURATION == timedelta(0)


def test_session_lifetimes_by_default(app):
    assert config.Config.PERMANENT_SESSION_LIFETIME == timedelta(hours=8)
    assert config.Config.SESSION_IDLE_MINUTES == 30
    assert config.Config.SESSION_ABSOLUTE_HOURS == 8
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=8)
    assert app.config["SESSION_IDLE_MINUTES"] == 30


# --- error pages --------------------------------------------------------------------------

def test_404_is_the_generic_dutch_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert 'lang="nl"' in page
    assert nl(NOT_FOUND) in page
    assert NOT_FOUND not in page  # Dutch, not the English source text
    assert "The requested URL was not found" not in page  # not Werkzeug's default page
    assert_page_headers(response)


def test_404_for_a_logged_in_user(client, make):
    make.login(client, make.user())
    response = client.get("/cases/999999")
    assert response.status_code == 404
    assert nl(NOT_FOUND) in response.get_data(as_text=True)


@pytest.fixture
def boom(app):
    """Routes that fail with an unexpected error (added before the first request)."""
    def fail():
        raise RuntimeError("secret internal detail 8472")

    def fail_in_the_database():
        db.session.execute(sa.text("SELECT * FROM no_such_table"))

    app.add_url_rule("/boom", "boom", fail)
    app.add_url_rule("/api/v1/boom", "api_boom", fail)
    app.add_url_rule("/db-boom", "db_boom", fail_in_the_database)
    return app


def test_500_is_the_generic_page_without_traceback(boom, client):
    response = client.get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert nl(SERVER_ERROR) in page
    assert SERVER_ERROR not in page
    assert 'lang="nl"' in page
    assert "Traceback" not in page
    assert "secret internal detail" not in page
    assert "RuntimeError" not in page
    assert_page_headers(response)


def test_500_after_a_database_error_still_shows_the_page(boom, client, make):
    """On PostgreSQL a failed statement aborts the transaction; the error page (which
    loads the logged-in user) must still render, and the next request must work."""
    make.login(client, make.user())
    response = client.get("/db-boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert nl(SERVER_ERROR) in page
    assert "no_such_table" not in page
    assert client.get("/cases/").status_code == 200


def test_api_500_is_json_without_detail(boom, client):
    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    body = response.get_json()
    assert body["error"]["code"] == "server_error"
    assert "secret internal detail" not in response.get_data(as_text=True)


def test_api_404_is_json(client, make):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.is_json
    error = response.get_json()["error"]
    assert error["code"] == "not_found"
    assert isinstance(error["message"], str) and error["message"]
    assert error["fields"] == {}


def test_api_404_for_a_missing_item_is_json(client, make):
    response = client.get("/api/v1/students/999999", headers=make.token(make.user()))
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.fixture
def proxied_app(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                      "PROXY_COUNT": 1})
    yield app
    with app.app_context():
        db.engine.dispose()


def test_behind_one_proxy_the_client_address_comes_from_x_forwarded_for(proxied_app):
    from flask import request

    @proxied_app.get("/_test/ip")
    def ip():
        return request.remote_addr

    response = proxied_app.test_client().get("/_test/ip", headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.get_data(as_text=True) == "203.0.113.9"
