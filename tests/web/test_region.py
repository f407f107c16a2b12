"""The region through the API and the pages (API.md "The region"): shapes, "< 5", CSV,
422 for a bad quarter, and an analyst who sees figures and never a student or a case."""
import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from coordination.accounts.models import User
from coordination.api.openapi import DOCUMENT
from coordination.extensions import db
from coordination.signals.models import SignalEpisode
from coordination.timeutil import today_local

SCHEMAS = DOCUMENT["components"]["schemas"]


def follows(schema, value):
    """The answer has every field the document requires and none it does not name."""
    props = schema["properties"]
    assert set(schema["required"]) <= set(value) <= set(props), (sorted(value), sorted(props))
    for name, item in value.items():
        sub = props[name]
        if item is None and sub.get("nullable"):
            continue
        if sub.get("type") == "object" and "properties" in sub:
            follows(sub, item)
        elif sub.get("type") == "array" and "properties" in sub["items"]:
            for element in item:
                follows(sub["items"], element)
        elif "oneOf" in sub:
            assert item == "< 5" or (isinstance(item, (int, float)) and item >= 0), (name, item)


@pytest.fixture
def region(make):
    """Atlas (linked) with 6 tier-2 cases and 2 tier-3 cases; Baken (not linked) with its
    own cases; an analyst for Atlas."""
    atlas, baken = make.school(name="Atlas"), make.school(name="Baken")
    coordinator = make.user("coordinator")
    analyst = make.link(make.user("analyst"), atlas)
    cases = [make.case(coordinator, make.student(atlas), tier=2) for _ in range(6)]
    cases += [make.case(coordinator, make.student(atlas), tier=3) for _ in range(2)]
    make.case(coordinator, make.student(baken), tier=3)
    for case in cases[:5]:
        db.session.add(SignalEpisode(student_id=case.student_id, school_id=atlas.id,
                                     code="thuiszitter", since=date(2026, 8, 25),
                                     until=None, details={"band": "4w_3m"}))
    db.session.commit()
    return {"atlas": atlas, "baken": baken, "analyst": analyst, "cases": cases,
            "coordinator": coordinator}


def test_the_overview_has_the_shape_of_the_contract(client, make, region):
    response = client.get(f"/api/v1/region/overview?on={today_local().isoformat()}",
                          headers=make.token(region["analyst"]))
    assert response.status_code == 200
    body = response.get_json()
    follows(SCHEMAS["RegionOverview"], body)
    assert body["tiers"] == {"1": 0, "2": 6, "3": "< 5"}
    assert body["thuiszitters"] == {"4w_3m": 5, "over_3m": 0}
    assert body["followup"]["open"] == 0
    assert [s["name"] for s in body["by_school"]] == ["Atlas"]
    school = body["by_school"][0]
    assert school["school_id"] == region["atlas"].id and school["tiers"] == body["tiers"]
    assert body["tier_shares"]["2"] == {"share": 0.75, "expected": [0.05, 0.2],
                                        "verdict": "above"}


def test_the_overview_date_is_checked(client, make, region):
    headers = make.token(region["analyst"])
    for bad in ("2026-13-01", "yesterday", ""):
        response = client.get(f"/api/v1/region/overview?on={bad}", headers=headers)
        assert response.status_code == 422 and "on" in response.get_json()["error"]["fields"]


def test_the_quarterly_report_as_json_and_as_csv(client, make, region):
    headers = make.token(region["analyst"])
    response = client.get("/api/v1/region/thuiszitters?quarter=2026Q3", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    follows(SCHEMAS["ThuiszitterReport"], body)
    assert body["quarter"] == "2026Q3" and body["next"] is None
    assert body["items"] == [{"school_id": region["atlas"].id, "name": "Atlas",
                              "thuiszitters": {"4w_3m": 5, "over_3m": 0},
                              "thuiszitters_total": 5, "absolute_verzuim": 0}]
    as_csv = client.get("/api/v1/region/thuiszitters?quarter=2026Q3",
                        headers={**headers, "Accept": "text/csv"})
    assert as_csv.status_code == 200 and as_csv.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(as_csv.get_data(as_text=True))))
    assert rows[0]["school"] == "Atlas" and rows[0]["thuiszitters_4w_3m"] == "5"
    assert rows[-1]["school_id"] == "" and rows[-1]["thuiszitters_total"] == "5"


@pytest.mark.parametrize("quarter", ["2026Q5", "2026", "Q1-2026", "1800Q1"])
def test_a_bad_quarter_is_a_422_naming_the_field_in_dutch(client, make, region, quarter):
    response = client.get(f"/api/v1/region/thuiszitters?quarter={quarter}",
                          headers=make.token(region["analyst"]))
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["quarter"] == [
        "Geef een kwartaal als jaar, de letter Q en 1 tot 4, bijvoorbeeld 2026Q4."]


@pytest.mark.parametrize("role", ["admin", "coordinator", "professional",
                                  "attendance_officer", "parent", "youth"])
def test_other_roles_get_403_on_the_region(client, make, role):
    headers = make.token(make.user(role))
    for url in ("/api/v1/region/overview", "/api/v1/region/thuiszitters?quarter=2026Q3"):
        assert client.get(url, headers=headers).status_code == 403


def test_an_analyst_never_sees_a_student_or_a_case(app, make, region):
    analyst, case = region["analyst"], region["cases"][0]
    headers = make.token(analyst)
    api = app.test_client()
    for url in (f"/api/v1/students/{case.student_id}", f"/api/v1/cases/{case.id}",
                f"/api/v1/cases/{case.id}/agreements", f"/api/v1/students/{case.student_id}/signals",
                f"/api/v1/cases/{case.id}/access-log"):
        assert api.get(url, headers=headers).status_code == 404, url
    assert api.get("/api/v1/students", headers=headers).get_json()["items"] == []
    assert api.get("/api/v1/cases", headers=headers).get_json()["items"] == []
    page = make.login(app.test_client(), analyst)
    assert page.get(f"/cases/{case.id}").status_code == 404
    assert page.get(f"/students/{case.student_id}").status_code == 403
    assert page.get("/students/").status_code == 403


def test_the_analysts_start_page_is_the_overview_with_its_menu(app, make, region):
    page = make.login(app.test_client(), region["analyst"])
    response = page.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/region")
    html = page.get("/region").get_data(as_text=True)
    assert 'href="/region/thuiszitters"' in html and 'href="/cases/"' not in html
    assert "&lt; 5" in html  # tier 3: 2 cases
    assert '<th scope="row">Atlas</th>' in html and "<caption" in html
    assert "Baken" not in html


def test_every_overview_table_downloads_as_csv(app, make, region):
    page = make.login(app.test_client(), region["analyst"])
    for table in ("total", "tiers", "by_school", "by_level", "wegwijzer"):
        response = page.get(f"/region/overview.csv?table={table}")
        assert response.status_code == 200 and response.mimetype == "text/csv", table
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        assert len(rows) >= 2, table
    tiers = page.get("/region/overview.csv?table=tiers").get_data(as_text=True)
    assert "3,< 5," in tiers and "2,6,75.0,5,20,above" in tiers
    assert page.get("/region/overview.csv?table=students").status_code == 422


def test_the_printable_quarterly_report(app, make, region):
    page = make.login(app.test_client(), region["analyst"])
    html = page.get("/region/thuiszitters?quarter=2026Q3").get_data(as_text=True)
    assert "<tfoot>" in html and '<th scope="row">Atlas</th>' in html
    bad = page.get("/region/thuiszitters?quarter=2026Q9")
    assert bad.status_code == 422
    assert 'aria-invalid="true"' in bad.get_data(as_text=True)
    assert page.get("/region/thuiszitters.csv?quarter=2026Q3").mimetype == "text/csv"


def test_other_roles_get_403_on_the_region_pages(app, make):
    page = make.login(app.test_client(), make.user("coordinator"))
    assert page.get("/region").status_code == 403
    assert page.get("/region/thuiszitters").status_code == 403


def test_create_an_analyst_on_the_command_line(runner, make):
    school = make.school()
    result = runner.invoke(args=["users", "create", "beleid@swv.nl", "--role", "analyst",
                                 "--name", "Bo Beleid", "--school-id", str(school.id),
                                 "--municipality", "Zeist", "--municipality", "De Bilt"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    user = db.session.scalar(select(User).where(User.email == "beleid@swv.nl"))
    assert user.role == "analyst" and [s.id for s in user.schools] == [school.id]
    assert sorted(m.name for m in user.municipalities) == ["De Bilt", "Zeist"]
    refused = runner.invoke(args=["users", "create", "m@swv.nl", "--role", "professional",
                                  "--name", "M", "--municipality", "Zeist"])
    assert refused.exit_code != 0


def test_an_admin_creates_an_analyst_in_the_user_form(app, make):
    school = make.school()
    page = make.login(app.test_client(), make.user("admin"))
    response = page.post("/admin/users/new", data={
        "email": "analist@gemeente.nl", "name": "An Analist", "role": "analyst",
        "schools": [str(school.id)], "municipalities": "Zeist"})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    user = db.session.scalar(select(User).where(User.email == "analist@gemeente.nl"))
    assert user.role == "analyst" and [m.name for m in user.municipalities] == ["Zeist"]


def test_the_analyst_sees_each_schools_wegwijzer_scores_and_never_a_case(app, make, region):
    """The latest Wegwijzer beside the tiers: medians, "< 5" for a domain scored by fewer
    than five participants; through the page, the CSV and the API."""
    from coordination.wegwijzer.models import Participant, Round, Score, Trajectory

    atlas, coordinator = region["atlas"], region["coordinator"]
    row = Trajectory(school_id=atlas.id, title="Wegwijzer", started_by_id=coordinator.id)
    db.session.add(row)
    db.session.flush()
    first = Round(trajectory_id=row.id, number=1, started_by_id=coordinator.id)
    db.session.add(first)
    db.session.flush()
    for n, value in enumerate((3, 5, 6, 6, 8)):
        person = Participant(trajectory_id=row.id, round_id=first.id, group="team",
                             name=f"Member {n}",
                             invited_by_id=coordinator.id)
        db.session.add(person)
        db.session.flush()
        db.session.add(Score(participant_id=person.id, domain="school_climate", score=value))
        if n < 2:
            db.session.add(Score(participant_id=person.id, domain="classmates", score=1))
    db.session.commit()
    page = make.login(app.test_client(), region["analyst"])
    html = page.get("/region").get_data(as_text=True)
    assert "Wegwijzer" in html and "Schoolklimaat" in html
    school = app.test_client().get("/api/v1/region/overview",
                                   headers=make.token(region["analyst"])).get_json()[
        "by_school"][0]
    follows(SCHEMAS["RegionOverview"]["properties"]["by_school"]["items"], school)
    assert school["wegwijzer"]["domains"]["school_climate"] == 6
    assert school["wegwijzer"]["domains"]["classmates"] == "< 5"
    rows = list(csv.DictReader(io.StringIO(
        page.get("/region/overview.csv?table=wegwijzer").get_data(as_text=True))))
    assert rows[0]["school_climate_median"] == "6" and rows[0]["classmates_median"] == "< 5"
    case = region["cases"][0]
    assert page.get(f"/cases/{case.id}").status_code == 404
    assert page.get(f"/cases/{case.id}/factors").status_code == 404
