"""Test harness.

Every test that uses the `app` fixture runs on SQLite and, when TEST_DATABASE_URL points
at a PostgreSQL server (scripts/with-postgres.sh starts one), on PostgreSQL too.
The schema is built once per database by running the real migrations; each test then
starts from empty tables (SQLite: a copy of the migrated file; PostgreSQL: TRUNCATE).
"""
import contextvars
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key")
os.environ.setdefault("REGIE_INSTANCE_DIR", tempfile.mkdtemp(prefix="regie-test-"))

import pytest  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from flask.globals import _cv_app  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402

from coordination import create_app  # noqa: E402
from coordination.extensions import db  # noqa: E402
from tests import apischema, factories  # noqa: E402

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"]


def _migrate(url, instance_dir):
    from flask_migrate import upgrade

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "template.db"
    _migrate(f"sqlite:///{path}", path.parent)
    return path


@pytest.fixture(scope="session")
def postgres_url():
    if not POSTGRES_URL:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
        pytest.skip("no PostgreSQL server (run the suite through scripts/with-postgres.sh)")
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    _migrate(POSTGRES_URL, None)
    return POSTGRES_URL


class IsolatedClient(FlaskClient):
    """A test client whose requests get their own app context (own `g`, own DB session),
    as in production, even though the test itself holds an app context open. Every API
    answer is checked against the OpenAPI document (tests/apischema.py)."""

    def open(self, *args, **kwargs):
        def run():
            _cv_app.set(None)
            return super(IsolatedClient, self).open(*args, **kwargs)

        response = contextvars.copy_context().run(run)
        apischema.check(self.application, response)
        return response


def _truncate_postgres(app):
    with app.app_context():
        tables = [t.name for t in db.metadata.sorted_tables]
        with db.engine.begin() as conn:
            conn.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    if request.param == "sqlite":
        path = tmp_path / "regie.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def app_config():
    """Override in a test module to change settings."""
    return {}


@pytest.fixture
def app(database_url, app_config, tmp_path):
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
              "WTF_CSRF_ENABLED": False, **app_config}
    app = create_app(config)
    app.test_client_class = IsolatedClient
    if database_url.startswith("postgresql"):
        _truncate_postgres(app)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make():
    return factories
