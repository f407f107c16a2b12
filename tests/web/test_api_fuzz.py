"""Schemathesis against /api/v1/openapi.json (issue 9): with a token of every role, on a
small seeded database, generated requests (valid and invalid) never get a server error
and every answer matches the document. Runs the WSGI app in process, no network.

EXAMPLES per operation, role and generation mode (valid, invalid data); the total is
printed at the end of the run (`-s`).
"""
import os
import shutil
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import checks
from schemathesis.generation import GenerationMode

from coordination import create_app
from coordination.extensions import db
from tests import factories
from tests.conftest import BACKENDS, IsolatedClient, _truncate_postgres

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 25))
ROLES = ("admin", "coordinator", "professional", "attendance_officer", "parent", "youth",
         "analyst")
CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance]
NEGATIVE_CHECKS = CHECKS + [checks.negative_data_rejection]


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory):
    """An app on a small region: one school, a case with a team, an agreement."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("fuzz") / "regie.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                      "WTF_CSRF_ENABLED": False})
    app.test_client_class = IsolatedClient
    if url.startswith("postgresql"):
        _truncate_postgres(app)
    with app.app_context():
        school = factories.school()
        users = {role: factories.user(role) for role in ROLES}
        for role in ("coordinator", "professional", "attendance_officer", "analyst"):
            users[role].schools.append(school)
        db.session.commit()
        student = factories.student(school, dob=date(2010, 3, 4))
        factories.student(school)
        case = factories.case(users["coordinator"], student, members=[
            (users["professional"], "mentor"), (users["attendance_officer"],
                                                "attendance_officer"),
            (users["parent"], "parent"), (users["youth"], "youth")])
        factories.agreement(case, users["coordinator"], due_date=date(2026, 12, 1))
        headers = {role: factories.token(user) for role, user in users.items()}
        yield app, headers
        db.session.remove()
        db.engine.dispose()


def run_operation(operation, tokens, mode):
    """EXAMPLES generated cases for one operation in one mode, each sent with the token of
    every role."""
    strategy = operation.as_strategy(generation_mode=mode)
    count = 0

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case):
        nonlocal count
        count += 1
        for headers in tokens:
            case.call_and_validate(
                headers=headers,
                checks=NEGATIVE_CHECKS if mode is GenerationMode.NEGATIVE else CHECKS)

    try:
        run()
    except Unsatisfiable:  # nothing to make invalid (an operation without input)
        assert mode is GenerationMode.NEGATIVE
    return count


def test_the_api_never_fails_and_keeps_to_its_document(seeded):
    app, headers = seeded
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    total = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            total += run_operation(operation, list(headers.values()), mode)
    print(f"schemathesis: {total} examples")
    assert total > 0
