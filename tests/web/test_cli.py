"""`flask users create` and `flask users token`, and the token on the API."""
from sqlalchemy import select

from coordination.accounts.models import ApiToken, User
from coordination.accounts.passwords import verify_password
from coordination.extensions import db

PASSWORD = "een lang wachtwoord 42"


def create(runner, email, role="coordinator", name="Fatima El Amrani", password=PASSWORD):
    args = ["users", "create", email, "--role", role, "--name", name]
    if password is not None:
        args += ["--password", password]
    return runner.invoke(args=args)


def user_by_email(email):
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_create_user(runner):
    result = create(runner, "F.ElAmrani@School.nl")
    assert result.exit_code == 0, result.output
    user = user_by_email("f.elamrani@school.nl")
    assert user is not None
    assert user.name == "Fatima El Amrani"
    assert user.role == "coordinator"
    assert user.active is True
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(user.password_hash, PASSWORD)
    assert str(user.id) in result.output


def test_created_user_can_log_in(runner, client):
    assert create(runner, "mentor@school.nl", role="professional").exit_code == 0
    response = client.post("/login", data={"email": "mentor@school.nl", "password": PASSWORD})
    assert response.status_code == 302


def test_create_user_without_password(runner):
    result = create(runner, "parent@example.nl", role="parent", password=None)
    assert result.exit_code == 0, result.output
    assert user_by_email("parent@example.nl").password_hash is None


def test_duplicate_email_fails_with_a_message(runner, make):
    make.user(email="taken@school.nl")
    result = create(runner, "Taken@School.nl")
    assert result.exit_code != 0
    assert "already" in result.output.lower() or "al een account" in result.output.lower()
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert db.session.scalars(select(User).where(User.email == "taken@school.nl")).all() != []
    assert len(db.session.scalars(select(User)).all()) == 1


def test_unknown_role_fails(runner):
    result = create(runner, "boss@school.nl", role="boss")
    assert result.exit_code != 0
    assert "boss" in result.output
    assert user_by_email("boss@school.nl") is None


def test_too_short_password_fails_with_a_message(runner):
    result = create(runner, "short@school.nl", password="kort")
    assert result.exit_code != 0
    assert "password" in result.output.lower() or "wachtwoord" in result.output.lower()
    assert isinstance(result.exception, SystemExit)
    assert user_by_email("short@school.nl") is None


def test_token_is_printed_on_the_last_line_and_works_on_the_api(runner, client, make):
    user = make.user(role="attendance_officer", name="Jan de Boer")
    result = runner.invoke(args=["users", "token", user.email])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    token = lines[-1]
    assert token.strip() == token and " " not in token and len(token) >= 32
    assert all(token not in line for line in lines[:-1])
    # Only the hash is stored.
    [row] = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)).all()
    assert row.token_hash != token

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.get_json() == {"id": user.id, "email": user.email,
                                   "name": "Jan de Boer", "role": "attendance_officer"}


def test_each_token_call_gives_a_new_working_token(runner, client, make):
    user = make.user()
    first = runner.invoke(args=["users", "token", user.email]).output.strip().splitlines()[-1]
    second = runner.invoke(args=["users", "token", user.email]).output.strip().splitlines()[-1]
    assert first != second
    for token in (first, second):
        assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}
                          ).status_code == 200


def test_token_for_unknown_email_fails(runner):
    result = runner.invoke(args=["users", "token", "nobody@school.nl"])
    assert result.exit_code != 0
    assert "nobody@school.nl" in result.output
    assert db.session.scalars(select(ApiToken)).all() == []


def test_bad_token_is_401_json(client, make):
    make.user()
    for headers in ({"Authorization": "Bearer not-a-real-token"},
                    {"Authorization": "Basic dXNlcjpwYXNz"},
                    {"Authorization": "Bearer "},
                    {}):
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401
        error = response.get_json()["error"]
        assert error["code"] == "unauthorized"
        assert error["message"]


def test_token_of_an_inactive_user_is_refused(runner, client, make):
    user = make.user()
    token = runner.invoke(args=["users", "token", user.email]).output.strip().splitlines()[-1]
    db.session.get(User, user.id).active = False
    db.session.commit()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
