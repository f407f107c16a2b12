"""X-Query-Count (coordination/querycount.py): the benches' query counter, on only with
REGIE_COUNT_QUERIES=1; and the pages the region bench measures send the same number of
queries whatever the number of cases and students (issue 12)."""
import pytest

from coordination.querycount import HEADER


@pytest.fixture
def app_config(request, monkeypatch):
    if request.function.__name__ != "test_off_by_default":
        monkeypatch.setenv("REGIE_COUNT_QUERIES", "1")
    return {}


def _count(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return int(response.headers[HEADER])


def test_every_response_says_how_many_queries_it_sent(client, make):
    coordinator = make.user("coordinator")
    make.case(coordinator)
    make.login(client, coordinator)
    assert _count(client, "/cases/") >= 2  # the session's user, the cases
    response = client.get("/login")
    assert response.headers[HEADER].isdigit()


def test_off_by_default(client, make):
    coordinator = make.user("coordinator")
    make.login(client, coordinator)
    assert HEADER not in client.get("/cases/").headers


def _grow(make, coordinator, school, cases):
    for _ in range(cases):
        student = make.student(school)
        make.case(coordinator, student, members=[(make.user("professional"), "mentor")])


def test_pages_send_as_many_queries_for_many_cases_as_for_few(client, make):
    school = make.school()
    coordinator = make.user("coordinator")
    make.link(coordinator, school)
    make.login(client, coordinator)
    _grow(make, coordinator, school, 2)
    few = {path: _count(client, path) for path in ("/cases/", "/worklist")}
    _grow(make, coordinator, school, 8)
    many = {path: _count(client, path) for path in ("/cases/", "/worklist")}
    assert many == few
