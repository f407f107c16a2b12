"""The worklist page: the start page of every professional (issue 11)."""
from datetime import timedelta

from coordination.timeutil import today_local


def test_professionals_start_on_their_worklist_grouped_by_when(client, make):
    coordinator = make.user("coordinator")
    today = today_local()
    late = make.case(coordinator, next_review_on=today - timedelta(days=3))
    soon = make.case(coordinator, next_review_on=today + timedelta(days=2))
    make.login(client, coordinator)
    assert client.get("/").headers["Location"] == "/worklist"
    page = client.get("/worklist", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Te laat" in page and "Deze week" in page
    assert page.index(f'href="/cases/{late.id}"') < page.index(f'href="/cases/{soon.id}"')
    assert f"Evaluatie te laat: {late.student.full_name}" in page


def test_families_keep_their_case_as_start_page_and_get_no_worklist(client, make):
    parent = make.user("parent")
    make.case(make.user("coordinator"), members=[(parent, "parent")])
    make.login(client, parent)
    assert client.get("/").headers["Location"] != "/worklist"
    assert client.get("/worklist").status_code == 403


def test_an_empty_worklist_says_so(client, make):
    make.login(client, make.user("attendance_officer"))
    page = client.get("/worklist").get_data(as_text=True)
    assert "Deze week is er niets te doen." in page
