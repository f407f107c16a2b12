"""Issue 9, side door 4: a family account joins a case only by accepting an invitation
sent to that person; links come from PUBLIC_URL; accepting never resets a password."""
import pytest
import sqlalchemy as sa

from coordination import create_app
from coordination.accounts.models import LoginSession
from coordination.accounts.services import authenticate
from coordination.cases.models import CaseMember
from coordination.extensions import db
from coordination.mail.models import OutboxMessage

PASSWORD = "een lange zin als wachtwoord"
PUBLIC = "https://regie.example.nl"


@pytest.fixture
def app_config():
    return {"PUBLIC_URL": PUBLIC}


def members_of(case):
    return set(db.session.scalars(sa.select(CaseMember.user_id).where(
        CaseMember.case_id == case.id, CaseMember.removed_at.is_(None))))


def mailed_path():
    body = db.session.scalar(sa.select(OutboxMessage.body_text).order_by(OutboxMessage.id.desc()))
    link = next(word for word in body.split() if "/welcome/" in word)
    assert link.startswith(PUBLIC + "/welcome/")  # never the request's Host
    return link[len(PUBLIC):]


def two_cases(make, parent_password=None):
    parent = make.user("parent", password=parent_password)
    own = make.user("coordinator")
    case_a = make.case(own, members=[(parent, "parent")])
    other = make.user("coordinator")
    case_b = make.case(other)
    return parent, case_a, other, case_b


def test_a_parent_of_another_case_is_invited_not_added(client, make):
    parent, case_a, other, case_b = two_cases(make, PASSWORD)
    answer = client.post(f"/api/v1/cases/{case_b.id}/members", headers=make.token(other),
                         json={"user_id": parent.id, "role": "parent"})
    assert answer.status_code == 202
    assert answer.get_json()["status"] == "invited"
    assert parent.id not in members_of(case_b)
    assert db.session.scalar(sa.select(OutboxMessage.to_address)) == parent.email
    mailed_path()


def test_accepting_needs_the_login_of_that_account_and_keeps_its_password(app, client, make):
    parent, case_a, other, case_b = two_cases(make, PASSWORD)
    client.post(f"/api/v1/cases/{case_b.id}/members", headers=make.token(other),
                json={"user_id": parent.id, "role": "parent"})
    path = mailed_path()
    stranger = app.test_client()
    opened = stranger.get(path)
    assert opened.status_code == 302 and "/welcome/" not in opened.headers["Location"]
    page = stranger.get(opened.headers["Location"])
    assert 'type="password"' not in page.get_data(as_text=True)
    taken = stranger.post(opened.headers["Location"],
                          data={"password": "attacker password 1", "repeat": "attacker password 1"})
    assert taken.status_code in (403, 302) and parent.id not in members_of(case_b)
    db.session.expire_all()
    assert authenticate(parent.email, PASSWORD).id == parent.id
    assert authenticate(parent.email, "attacker password 1") is None
    # The parent, logged in as themselves, accepts; the password stays.
    own = make.login(app.test_client(), parent)
    location = own.get(path).headers["Location"]
    assert own.post(location).status_code == 302
    assert parent.id in members_of(case_b)
    db.session.expire_all()
    assert authenticate(parent.email, PASSWORD).id == parent.id
    assert own.get(f"/cases/{case_b.id}").status_code == 200


def test_setting_a_first_password_ends_every_other_session(app, client, make):
    parent, case_a, other, case_b = two_cases(make)
    earlier = make.login(app.test_client(), parent)
    assert earlier.get(f"/cases/{case_a.id}").status_code == 200
    client.post(f"/api/v1/cases/{case_b.id}/members", headers=make.token(other),
                json={"user_id": parent.id, "role": "parent"})
    assert parent.id not in members_of(case_b)
    family = app.test_client()
    location = family.get(mailed_path()).headers["Location"]
    done = family.post(location, data={"password": PASSWORD, "repeat": PASSWORD})
    assert done.status_code == 302 and parent.id in members_of(case_b)
    assert family.get(f"/cases/{case_b.id}").status_code == 200
    assert "/login" in earlier.get(f"/cases/{case_a.id}").headers.get("Location", "")
    open_sessions = db.session.scalar(sa.select(sa.func.count(LoginSession.id)).where(
        LoginSession.user_id == parent.id, LoginSession.ended_at.is_(None)))
    assert open_sessions == 1


def test_a_family_account_on_no_case_and_without_password_is_added_at_once(client, make):
    parent, coordinator = make.user("parent"), make.user("coordinator")
    case = make.case(coordinator)
    answer = client.post(f"/api/v1/cases/{case.id}/members", headers=make.token(coordinator),
                         json={"user_id": parent.id, "role": "parent"})
    assert answer.status_code == 201 and parent.id in members_of(case)


def test_the_add_member_list_shows_no_family_accounts_of_the_region(app, client, make):
    loose = make.user("parent", name="Losse Ouder")
    parent, case_a, other, case_b = two_cases(make)
    page = make.login(client, other).get(f"/cases/{case_b.id}").get_data(as_text=True)
    assert loose.name not in page and parent.name not in page
    assert 'name="email"' in page  # family members are invited by e-mail address


def test_the_web_form_invites_a_family_member_by_email(app, client, make):
    parent, case_a, other, case_b = two_cases(make, PASSWORD)
    make.login(client, other)
    answer = client.post(f"/cases/{case_b.id}/members",
                         data={"email": parent.email.upper(), "name": "Petra", "role": "parent"})
    assert answer.status_code == 302
    assert parent.id not in members_of(case_b)
    assert db.session.scalar(sa.select(OutboxMessage.to_address)) == parent.email
    flashed = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "uitnodiging" in flashed.lower()
    assert "Uitgenodigd, nog niet aangenomen" in flashed and parent.name in flashed


def test_an_address_without_an_account_gets_a_new_family_account_that_joins_on_accepting(
        app, client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    make.login(client, coordinator)
    answer = client.post(f"/cases/{case.id}/members",
                         data={"email": "nieuwe.ouder@example.nl", "name": "Nieuwe Ouder",
                               "role": "parent"})
    assert answer.status_code == 302
    family = app.test_client()
    location = family.get(mailed_path()).headers["Location"]
    assert family.post(location, data={"password": PASSWORD, "repeat": PASSWORD}).status_code == 302
    assert authenticate("nieuwe.ouder@example.nl", PASSWORD) is not None
    assert family.get(f"/cases/{case.id}").status_code == 200
    # The link is used up, and a used link no longer works.
    assert family.get(mailed_path()).status_code == 404


def test_a_youth_account_is_never_made_for_a_child_under_12(app, client, make):
    from datetime import timedelta

    from coordination.accounts.models import User
    from coordination.timeutil import today_local
    coordinator = make.user("coordinator")
    case = make.case(coordinator, make.student(dob=today_local() - timedelta(days=365 * 11)))
    make.login(client, coordinator)
    answer = client.post(f"/cases/{case.id}/members",
                         data={"email": "kind@example.nl", "name": "Kind", "role": "youth"})
    assert answer.status_code == 422
    assert db.session.scalar(sa.select(User).where(User.email == "kind@example.nl")) is None
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def test_a_host_the_app_does_not_serve_answers_400(client):
    assert client.get("/login", base_url="http://evil.example").status_code == 400
    assert client.get("/api/v1/me", base_url="http://evil.example").status_code == 400
    assert client.get("/login").status_code == 200  # localhost in testing


def test_production_refuses_to_start_without_public_url(monkeypatch):
    monkeypatch.delenv("REGIE_ENV", raising=False)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_invitation_waits_while_the_person_logs_in(app, client, make):
    parent, case_a, other, case_b = two_cases(make, PASSWORD)
    client.post(f"/api/v1/cases/{case_b.id}/members", headers=make.token(other),
                json={"user_id": parent.id, "role": "parent"})
    family = app.test_client()
    location = family.get(mailed_path()).headers["Location"]
    page = family.get(location).get_data(as_text=True)
    assert "/login?next=/welcome" in page
    logged_in = family.post("/login?next=/welcome",
                            data={"email": parent.email, "password": PASSWORD})
    assert logged_in.headers["Location"] == "/welcome"
    assert "Uitnodiging aannemen" in family.get("/welcome").get_data(as_text=True)
    assert family.post("/welcome").headers["Location"].endswith(f"/cases/{case_b.id}")
    assert parent.id in members_of(case_b)
