"""Long lists are paged in the database (issue 12): 50 a page with counts, filters kept
in the pager's links, and a page that runs the same number of queries whatever the
number of rows behind it."""
import re

import pytest
from sqlalchemy import event

from coordination.extensions import db


def count_queries(client, url):
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200, url
    return len(statements)


def cases(make, coordinator, school, count, **kw):
    return [make.case(coordinator, make.student(school), **kw) for _ in range(count)]


def test_the_case_list_shows_50_a_page_with_counts_and_a_labelled_pager(app, client, make):
    coordinator, school = make.user("coordinator"), make.school()
    cases(make, coordinator, school, 53)
    make.login(client, coordinator)
    first = client.get("/cases/").get_data(as_text=True)
    assert first.count('class="card"') == 50
    assert "Zaak 1-50 van 53." in first
    assert re.search(r'<nav class="pager" aria-label="[^"]+">', first), first[-3000:]
    assert 'href="/cases/?page=2"' in first and 'rel="prev"' not in first
    second = client.get("/cases/?page=2").get_data(as_text=True)
    assert second.count('class="card"') == 3 and "Zaak 51-53 van 53." in second
    # Beyond the last page: the last page.
    assert "Zaak 51-53 van 53." in client.get("/cases/?page=99").get_data(as_text=True)


def test_the_case_list_filters_by_tier_and_school_and_keeps_them_in_the_pager(app, client,
                                                                             make):
    coordinator, school, other = make.user("coordinator"), make.school(), make.school()
    cases(make, coordinator, school, 51, tier=2)
    cases(make, coordinator, school, 2, tier=3)
    cases(make, coordinator, other, 1, tier=2)
    make.login(client, coordinator)
    tier3 = client.get("/cases/?tier=3").get_data(as_text=True)
    assert tier3.count('class="card"') == 2 and "Zaak 1-2 van 2." in tier3
    page = client.get(f"/cases/?tier=2&school={school.id}").get_data(as_text=True)
    assert "Zaak 1-50 van 51." in page
    assert f'href="/cases/?page=2&amp;school={school.id}&amp;tier=2"' in page
    assert f'<option value="{other.id}">{other.name}</option>' in page
    assert client.get("/cases/?tier=9").status_code == 400


def test_a_parent_with_one_case_still_goes_straight_to_it(app, client, make):
    coordinator, parent = make.user("coordinator"), make.user("parent")
    case = make.case(coordinator, members=[(parent, "parent")])
    make.login(client, parent)
    response = client.get("/cases/")
    assert response.status_code == 302 and response.location.endswith(f"/cases/{case.id}")


def test_the_cases_api_pages_with_the_next_cursor(app, client, make):
    coordinator, school = make.user("coordinator"), make.school()
    cases(make, coordinator, school, 52)
    headers = make.token(coordinator)
    first = client.get("/api/v1/cases", headers=headers).get_json()
    assert len(first["items"]) == 50 and first["next"] == "2"
    second = client.get(f"/api/v1/cases?page={first['next']}", headers=headers).get_json()
    assert len(second["items"]) == 2 and second["next"] is None
    assert {c["id"] for c in first["items"]}.isdisjoint(c["id"] for c in second["items"])


def test_the_student_list_pages_searches_and_filters_by_school(app, client, make):
    professional, school, other = make.user("professional"), make.school(), make.school()
    make.link(professional, school)
    make.link(professional, other)
    for n in range(55):
        make.student(school, family_name=f"Jansen{n:02d}")
    make.student(other, family_name="Bakker")
    make.login(client, professional)
    first = client.get("/students/").get_data(as_text=True)
    assert first.count('class="card"') == 50 and "Leerling 1-50 van 56." in first
    assert "Bakker" in first  # by name: Bakker first
    page = client.get(f"/students/?school={school.id}&page=2").get_data(as_text=True)
    assert page.count('class="card"') == 5 and "Leerling 51-55 van 55." in page
    found = client.get("/students/?q=jansen0").get_data(as_text=True)
    assert "Leerling 1-10 van 10." in found and "Bakker" not in found


def test_the_zomeractie_list_pages_and_counts_each_area_on_every_page(app, client, make):
    officer = make.user("attendance_officer")
    for n in range(52):
        make.case(officer, make.student(postcode="3511 AB" if n < 51 else "3600 CD",
                                        family_name=f"Visser{n:02d}"), followup=True)
    make.case(officer, make.student(postcode=None), followup=True)
    make.login(client, officer)
    first = client.get("/followup/").get_data(as_text=True)
    assert first.count('class="card followup-row"') == 50
    assert "Jongere 1-50 van 53." in first and "51 jongeren" in first
    second = client.get("/followup/?page=2").get_data(as_text=True)
    assert second.count('class="card followup-row"') == 3
    # The area that began on page 1 still shows its count in all; no postcode comes last.
    assert "51 jongeren" in second and second.index("3600") < second.index("area-none")


@pytest.mark.parametrize("url", ["/cases/", "/cases/?tier=1", "/students/",
                                 "/students/?q=sam&page=2", "/api/v1/cases", "/followup/"])
def test_a_list_page_runs_the_same_queries_for_4_rows_as_for_120(app, client, make, url):
    coordinator, school = make.user("coordinator"), make.school()
    make.link(coordinator, school)
    kind = {"followup": True} if url.startswith("/followup/") else {}
    if kind:
        coordinator.role = "attendance_officer"
        db.session.commit()
    cases(make, coordinator, school, 4, **kind)
    if url.startswith("/api/"):
        client.environ_base["HTTP_AUTHORIZATION"] = make.token(coordinator)["Authorization"]
    else:
        make.login(client, coordinator)
    count_queries(client, url)  # a first request settles the session's own bookkeeping
    few = count_queries(client, url)
    cases(make, coordinator, school, 116, **kind)
    for _ in range(20):  # another school's students: outside the list, in the database
        make.student()
    assert count_queries(client, url) == few
