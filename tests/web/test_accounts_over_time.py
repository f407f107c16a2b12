"""Accounts over time: API tokens expire and can be ended, admins edit and deactivate
users (which ends their sessions and tokens at once), account and school changes are
audited, and the demo never loads in production."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from coordination.accounts.models import ApiToken, LoginSession, User
from coordination.audit.models import AuditEvent
from coordination.extensions import db
from coordination.schools.models import School
from coordination.timeutil import utcnow

PASSWORD = "een lang wachtwoord 42"


def events(action):
    db.session.expire_all()
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                              .order_by(AuditEvent.id)).all()


def tokens_of(user):
    db.session.expire_all()
    return db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                              .order_by(ApiToken.id)).all()


def me(client, headers):
    return client.get("/api/v1/me", headers=headers).status_code


# --- API tokens ----------------------------------------------------------------------------

def test_a_token_works_until_api_token_days_have_passed(app, client, make):
    user = make.user()
    headers = make.token(user)
    assert me(client, headers) == 200
    [row] = tokens_of(user)
    row.created_at = utcnow() - timedelta(days=app.config["API_TOKEN_DAYS"], minutes=-1)
    db.session.commit()
    assert me(client, headers) == 200
    row.created_at = utcnow() - timedelta(days=app.config["API_TOKEN_DAYS"], minutes=1)
    db.session.commit()
    assert me(client, headers) == 401


@pytest.mark.parametrize("app_config", [{"API_TOKEN_DAYS": 1}])
def test_the_lifetime_is_a_setting(client, make):
    user = make.user()
    headers = make.token(user)
    [row] = tokens_of(user)
    row.created_at = utcnow() - timedelta(hours=25)
    db.session.commit()
    assert me(client, headers) == 401


def test_revoke_tokens_on_the_command_line_ends_every_token_of_that_user(runner, client,
                                                                         make):
    user, other = make.user(email="mentor@school.nl"), make.user()
    first, second, others = make.token(user), make.token(user), make.token(other)
    result = runner.invoke(args=["users", "revoke-tokens", "Mentor@School.nl"])
    assert result.exit_code == 0, result.output
    assert "revoked 2 token(s)" in result.output
    assert me(client, first) == me(client, second) == 401
    assert me(client, others) == 200
    [event] = events("token.revoke")
    assert event.actor_id is None and event.detail == {"user_id": user.id, "count": 2}


def test_revoke_tokens_for_an_unknown_email_fails_cleanly(runner):
    result = runner.invoke(args=["users", "revoke-tokens", "nobody@school.nl"])
    assert result.exit_code != 0
    assert "no user with email" in result.output


def test_issuing_a_token_is_audited(runner, make):
    user = make.user(email="mentor@school.nl")
    result = runner.invoke(args=["users", "token", "mentor@school.nl"])
    assert result.exit_code == 0
    [row] = tokens_of(user)
    [event] = events("token.issue")
    assert event.detail == {"user_id": user.id, "token_id": row.id}


def test_the_account_page_lists_own_tokens_and_ends_one(client, make):
    user, other = make.user(), make.user()
    keep, end = make.token(user), make.token(user)
    make.token(other)
    make.login(client, user)
    page = client.get("/account")
    assert page.status_code == 200
    rows = tokens_of(user)
    text = page.get_data(as_text=True)
    for row in rows:
        assert f"/account/tokens/{row.id}/revoke" in text
    assert f"/account/tokens/{tokens_of(other)[0].id}/revoke" not in text

    response = client.post(f"/account/tokens/{rows[1].id}/revoke")
    assert response.status_code == 302
    assert me(client, end) == 401
    assert me(client, keep) == 200
    assert f"/account/tokens/{rows[1].id}/revoke" not in client.get("/account").get_data(
        as_text=True)
    [event] = events("token.revoke")
    assert event.actor_id == user.id and event.detail["token_id"] == rows[1].id


def test_someone_elses_token_cannot_be_ended_and_answers_404(client, make):
    user, other = make.user(), make.user()
    headers = make.token(other)
    make.login(client, user)
    [row] = tokens_of(other)
    assert client.post(f"/account/tokens/{row.id}/revoke").status_code == 404
    assert client.post(f"/account/tokens/{2 ** 63}/revoke").status_code == 404
    assert me(client, headers) == 200


# --- admins edit and deactivate users ------------------------------------------------------

@pytest.fixture
def admin_client(client, make):
    admin = make.user("admin")
    make.login(client, admin)
    client.admin = admin
    return client


def test_admin_edits_name_job_title_phone_role_and_schools(admin_client, make):
    school_a, school_b = make.school(), make.school()
    user = make.user("professional", job_title="mentor")
    user.schools = [db.session.get(School, school_a.id)]
    db.session.commit()
    page = admin_client.get(f"/admin/users/{user.id}/edit")
    assert page.status_code == 200
    assert user.name in page.get_data(as_text=True)

    response = admin_client.post(f"/admin/users/{user.id}/edit", data={
        "name": "Anouk de Wit", "role": "attendance_officer", "job_title": "leerplichtambtenaar",
        "phone": "030 123 4567", "schools": [str(school_b.id)]})
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(User, user.id)
    assert (saved.name, saved.role, saved.job_title, saved.phone) == (
        "Anouk de Wit", "attendance_officer", "leerplichtambtenaar", "030 123 4567")
    assert [s.id for s in saved.schools] == [school_b.id]
    [event] = events("user.update")
    assert event.actor_id == admin_client.admin.id
    assert event.detail == {"user_id": user.id, "fields": [
        "job_title", "name", "phone", "role", "schools"],
        "role_from": "professional", "role_to": "attendance_officer"}


@pytest.mark.parametrize("role, new_role", [
    ("professional", "admin"), ("professional", "parent"), ("parent", "coordinator"),
    ("youth", "parent"), ("admin", "coordinator"),
])
def test_a_role_changes_only_among_the_professional_roles(admin_client, make, role, new_role):
    user = make.user(role)
    response = admin_client.post(f"/admin/users/{user.id}/edit",
                                 data={"name": user.name, "role": new_role})
    assert response.status_code == 200  # the form again, with the error
    db.session.expire_all()
    assert db.session.get(User, user.id).role == role
    assert events("user.update") == []


def test_editing_an_unknown_user_is_404(admin_client):
    assert admin_client.get("/admin/users/999999/edit").status_code == 404
    assert admin_client.get(f"/admin/users/{2 ** 63}/edit").status_code == 404


def test_deactivation_ends_sessions_and_tokens_at_once(app, admin_client, make):
    user = make.user(password=PASSWORD)
    browser = app.test_client()
    assert browser.post("/login", data={"email": user.email, "password": PASSWORD}
                        ).status_code == 302
    assert browser.get("/cases/").status_code == 200
    headers = make.token(user)
    assert me(browser, headers) == 200

    response = admin_client.post(f"/admin/users/{user.id}/deactivate")
    assert response.status_code == 302

    assert browser.get("/cases/").status_code == 302  # back to the login page
    assert me(browser, headers) == 401
    db.session.expire_all()
    assert all(s.ended_at is not None for s in db.session.scalars(
        select(LoginSession).where(LoginSession.user_id == user.id)))
    assert all(t.revoked_at is not None for t in tokens_of(user))
    [event] = events("user.deactivate")
    assert event.actor_id == admin_client.admin.id
    assert event.detail == {"user_id": user.id, "sessions_ended": 1, "tokens_revoked": 1}
    # and the right password no longer logs in
    assert browser.post("/login", data={"email": user.email, "password": PASSWORD}
                        ).status_code == 200


def test_reactivation_lets_the_user_log_in_again_but_old_tokens_stay_ended(app, admin_client,
                                                                           make):
    user = make.user(password=PASSWORD)
    headers = make.token(user)
    admin_client.post(f"/admin/users/{user.id}/deactivate")
    assert admin_client.post(f"/admin/users/{user.id}/reactivate").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).active
    assert me(app.test_client(), headers) == 401
    assert app.test_client().post("/login", data={"email": user.email, "password": PASSWORD}
                                  ).status_code == 302
    assert [e.detail for e in events("user.reactivate")] == [{"user_id": user.id}]


def test_an_admin_cannot_deactivate_their_own_account(admin_client):
    admin = admin_client.admin
    admin_client.post(f"/admin/users/{admin.id}/deactivate")
    db.session.expire_all()
    assert db.session.get(User, admin.id).active
    assert events("user.deactivate") == []


def test_the_user_list_shows_who_is_deactivated(admin_client, make):
    make.user(active=False, name="Oud Account")
    page = admin_client.get("/admin/users").get_data(as_text=True)
    assert "Oud Account" in page and "Gedeactiveerd" in page


def test_admin_creating_a_user_is_audited(admin_client):
    response = admin_client.post("/admin/users/new", data={
        "email": "nieuw@school.nl", "name": "Nieuw", "role": "coordinator"})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "nieuw@school.nl"))
    [event] = events("user.create")
    assert event.actor_id == admin_client.admin.id
    assert event.detail == {"user_id": user.id, "role": "coordinator"}


# --- schools --------------------------------------------------------------------------------

def test_admin_creates_and_edits_a_school_and_both_are_audited(admin_client, make):
    response = admin_client.post("/admin/schools/new", data={
        "name": "Het Baken", "brin": "12ab", "region": "midden"})
    assert response.status_code == 302
    school = db.session.scalar(select(School).where(School.brin == "12AB"))
    [created] = events("school.create")
    assert created.detail == {"school_id": school.id, "brin": "12AB"}

    assert admin_client.get(f"/admin/schools/{school.id}/edit").status_code == 200
    response = admin_client.post(f"/admin/schools/{school.id}/edit", data={
        "name": "Het Baken Zeist", "brin": "12AB", "region": "noord"})
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(School, school.id)
    assert (saved.name, saved.region) == ("Het Baken Zeist", "noord")
    [updated] = events("school.update")
    assert updated.actor_id == admin_client.admin.id
    assert updated.detail == {"school_id": school.id, "fields": ["name", "region"]}


def test_a_school_cannot_take_another_schools_brin(admin_client, make):
    make.school(brin="34CD")
    school = make.school(brin="56EF")
    response = admin_client.post(f"/admin/schools/{school.id}/edit", data={
        "name": school.name, "brin": "34cd", "region": school.region})
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(School, school.id).brin == "56EF"
    assert events("school.update") == []


# --- the demo -------------------------------------------------------------------------------

@pytest.mark.parametrize("app_config", [{"REGIE_ENV": "production"}])
def test_demo_load_refuses_to_run_in_production(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "refusing to load demo data in production" in result.output
    assert "REGIE_ENV=development" in result.output
    assert db.session.scalar(select(User.id)) is None


def test_the_default_profile_is_production(monkeypatch):
    from flask import Flask

    from config import load_config

    monkeypatch.delenv("REGIE_ENV", raising=False)
    app = Flask(__name__)
    load_config(app, {"PUBLIC_URL": "https://regie.example.nl"})  # required in production
    assert app.config["REGIE_ENV"] == "production"
