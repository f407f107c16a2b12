"""PostgreSQL: a request whose open transaction only read ends it with COMMIT, so that the
statements psycopg prepared stay prepared; one that wrote, or failed, still rolls back
(coordination/database.py, issue 12)."""
import pytest
import sqlalchemy as sa
from sqlalchemy import event

from coordination.accounts.models import User
from coordination.extensions import db


@pytest.fixture
def ends(app, database_url):
    """How each transaction on the engine ended, in order ("commit" / "rollback")."""
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite has no prepared statements to keep")
    seen = []

    def commit(_conn):
        seen.append("commit")

    def rollback(_conn):
        seen.append("rollback")

    event.listen(db.engine, "commit", commit)
    event.listen(db.engine, "rollback", rollback)
    yield seen
    event.remove(db.engine, "commit", commit)
    event.remove(db.engine, "rollback", rollback)


def _name(user_id):
    return db.session.scalar(sa.select(User.name).where(User.id == user_id))


def test_a_page_that_only_read_commits_and_keeps_the_prepared_statements(app, client, make,
                                                                        ends):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    make.login(client, coordinator)
    for _ in range(7):  # more than psycopg's prepare_threshold (5)
        assert client.get(f"/cases/{case.id}").status_code == 200
    assert ends and "rollback" not in ends
    with db.engine.connect() as conn:
        prepared = conn.execute(sa.text("SELECT count(*) FROM pg_prepared_statements")).scalar()
    # The pool hands the same connection out again: what the requests prepared is there.
    assert prepared > 0


def test_a_request_that_wrote_without_committing_is_rolled_back(app, client, make, ends):
    user = make.user("coordinator", name="Before")

    @app.route("/__test/write-and-forget")
    def write_and_forget():
        db.session.execute(sa.update(User).where(User.id == user.id).values(name="After"))
        return "ok"

    @app.route("/__test/write-and-fail")
    def write_and_fail():
        db.session.execute(sa.update(User).where(User.id == user.id).values(name="After"))
        raise RuntimeError("something broke after the write")

    assert client.get("/__test/write-and-forget").status_code == 200
    assert ends[-1] == "rollback"
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert client.get("/__test/write-and-fail").status_code == 500
    assert ends[-1] == "rollback"
    db.session.expire_all()
    assert _name(user.id) == "Before"
