"""The register through the pages: the section on the student and case pages, recording
and changing with Dutch messages a person can act on, and nothing for the family."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.suspensions.models import ExpulsionRevision, SuspensionRevision
from coordination.timeutil import today_local

NL = {"Accept-Language": "nl"}


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def team(make):
    school = make.school(region="midden")
    coordinator = make.user("coordinator")
    parent = make.user("parent")
    student = make.student(school, given_name="Daan", family_name="Visser")
    case = make.case(coordinator, student, members=[(parent, "parent")])
    return coordinator, parent, student, case


def suspension(**kw):
    return {"first_day": "2026-11-02", "last_day": "2026-11-04", "reason": "Vechtpartij",
            "told_in_writing_on": "2026-11-02", "inspectorate_informed_on": "", **kw}


def test_record_and_complete_a_suspension_from_the_case_page(app, client, make, team):
    coordinator, _parent, student, case = team
    make.login(client, coordinator)
    response = client.post(f"/students/{student.id}/suspensions",
                           data=suspension(back_case=case.id), headers=NL)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}#register-title")
    page = client.get(f"/cases/{case.id}", headers=NL).get_data(as_text=True)
    assert "Schorsingen en verwijderingen" in page
    assert "De schorsing staat in het register." in page
    assert "Vechtpartij" in page and "3 schooldagen" in page
    assert "de inspectie is nog niet ingelicht" in page
    revision = db.session.scalar(sa.select(SuspensionRevision))
    client.post(f"/students/{student.id}/suspensions/revise", headers=NL, data=suspension(
        suspension_id=revision.suspension_id, inspectorate_informed_on="2026-11-03"))
    page = client.get(f"/students/{student.id}", headers=NL).get_data(as_text=True)
    assert "Schorsingen en verwijderingen" in page
    assert "de inspectie is nog niet ingelicht" not in page
    assert "Geschiedenis (2 versies)" in page
    assert count(SuspensionRevision) == 2


@pytest.mark.parametrize("data, message", [
    (suspension(last_day="2026-11-01"), "De laatste dag ligt voor de eerste dag"),
    (suspension(last_day="2026-11-09"), "hoogstens één week (5 schooldagen)"),
    (suspension(told_in_writing_on=""), "de wet verplicht dat"),
    (suspension(told_in_writing_on=(today_local() + timedelta(days=3)).isoformat()),
     "zodra de brief aan leerling en ouders is verstuurd"),
    (suspension(first_day="1900-01-01"), "Geef een datum tussen"),
    (suspension(first_day="2026-13-45"), "Eerste dag:"),
])
def test_bad_input_is_refused_in_dutch_and_stores_nothing(app, client, make, team, data,
                                                         message):
    coordinator, _parent, student, _case = team
    make.login(client, coordinator)
    response = client.post(f"/students/{student.id}/suspensions", data=data, headers=NL,
                           follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert count(SuspensionRevision) == 0


def test_an_expulsion_is_not_final_without_another_school(app, client, make, team):
    coordinator, _parent, student, _case = team
    make.login(client, coordinator)
    data = {"decided_on": "2026-11-05", "reason": "Herhaald geweld",
            "hearing_on": "2026-11-03", "effective_on": "2026-11-20"}
    page = client.post(f"/students/{student.id}/expulsions", data=data, headers=NL,
                       follow_redirects=True).get_data(as_text=True)
    assert "pas definitief als een andere school de leerling wil toelaten" in page
    assert count(ExpulsionRevision) == 0
    data["effective_on"] = ""
    page = client.post(f"/students/{student.id}/expulsions", data=data, headers=NL,
                       follow_redirects=True).get_data(as_text=True)
    assert "De verwijdering staat in het register." in page
    assert "nog niet definitief" in page
    assert count(ExpulsionRevision) == 1


def test_the_family_does_not_see_the_register(app, client, make, team):
    coordinator, parent, student, case = team
    make.login(client, coordinator)
    client.post(f"/students/{student.id}/suspensions", data=suspension())
    family = app.test_client()
    make.login(family, parent)
    page = family.get(f"/cases/{case.id}", headers=NL).get_data(as_text=True)
    assert "Vechtpartij" not in page and "Schorsingen" not in page
    assert family.post(f"/students/{student.id}/suspensions",
                       data=suspension()).status_code == 403


def test_a_professional_outside_reach_gets_404_and_stores_nothing(app, client, make, team):
    _coordinator, _parent, student, _case = team
    make.login(client, make.user("coordinator"))
    assert client.post(f"/students/{student.id}/suspensions",
                       data=suspension()).status_code == 404
    assert client.post(f"/students/{student.id}/expulsions/revise",
                       data={"expulsion_id": "1"}).status_code == 404
    assert count(SuspensionRevision) == 0


def test_the_reminder_shows_in_the_bell_with_a_link(app, client, make, team):
    from coordination import jobs
    from coordination.timeutil import utcnow

    coordinator, _parent, student, case = team
    make.login(client, coordinator)
    client.post(f"/students/{student.id}/suspensions", data=suspension())
    jobs.tick(utcnow() + timedelta(days=2))
    page = client.get("/notifications/", headers=NL).get_data(as_text=True)
    assert "nog geen datum waarop de inspectie is ingelicht" in page
    assert f"/cases/{case.id}" in page
