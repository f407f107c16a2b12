"""The case page's meetings start from the picture: factors on a planned meeting's agenda
(each shown only to who may see the factor), factors discussed, a decision pointing at
the factor it addresses, and the factor's own entry saying where it came up."""
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.factors import services as factors
from coordination.meetings import planning
from coordination.meetings import services as meetings
from coordination.meetings.models import AgendaItem
from coordination.timeutil import AMSTERDAM


@pytest.fixture
def team(app, make):
    coordinator, parent = make.user("coordinator"), make.user("parent")
    case = make.case(coordinator, student_row=make.student(dob=date(2012, 3, 1)), members=[
        (parent, "parent")])
    shared = factors.add(coordinator, case.id, "risk", "Is bullied", "everyone", area="school")
    secret = factors.add(coordinator, case.id, "risk", "Father drinks", "team", area="home")
    return {"coordinator": coordinator, "parent": parent, "case": case, "shared": shared,
            "secret": secret}


def _plan(client, case, factor_ids):
    day = date.today() + timedelta(days=7)
    return client.post(f"/cases/{case.id}/meetings/planned", data={
        "date": day.isoformat(), "time": "10:00", "place": "Room 2",
        "factor_ids": [str(i) for i in factor_ids]})


def test_the_parent_sees_on_the_agenda_only_what_is_shared_with_them(app, make, team):
    case = team["case"]
    coordinator = make.logged_in(app, team["coordinator"])
    assert _plan(coordinator, case, [team["shared"].id, team["secret"].id]).status_code == 302
    team_page = coordinator.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Op de agenda" in team_page and "Father drinks" in team_page
    parent_page = make.logged_in(app, team["parent"]).get(f"/cases/{case.id}").get_data(
        as_text=True)
    assert "Op de agenda" in parent_page and "Is bullied" in parent_page
    assert "Father drinks" not in parent_page


def test_a_factor_of_another_case_comes_back_with_a_dutch_error(app, make, team):
    other = make.case(team["coordinator"])
    foreign = factors.add(team["coordinator"], other.id, "risk", "Elsewhere", "everyone",
                          area="home")
    client = make.logged_in(app, team["coordinator"])
    response = _plan(client, team["case"], [foreign.id])
    assert response.status_code == 422
    assert "Kies factoren van deze zaak die nog kloppen." in response.get_data(as_text=True)
    response = client.post(f"/cases/{team['case'].id}/meetings", data={
        "held_on": date.today().isoformat(), "attendees": "a", "discussed": "b",
        "factor_ids": ["not-a-number"]})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(AgendaItem.id))) == 0


def test_the_parent_cannot_put_factors_on_the_agenda(app, make, team):
    case = team["case"]
    planned = planning.plan(team["coordinator"], case.id, _next_week(), "Room 2")
    response = make.logged_in(app, team["parent"]).post(
        f"/cases/{case.id}/meetings/planned/{planned.id}/agenda",
        data={"factor_ids": [str(team["shared"].id)]})
    assert response.status_code == 403


def _next_week():
    return datetime.combine(date.today() + timedelta(days=7), datetime.min.time().replace(
        hour=10), tzinfo=AMSTERDAM)


def test_a_decision_points_at_its_factor_and_the_picture_says_so(app, make, team):
    case = team["case"]
    client = make.logged_in(app, team["coordinator"])
    response = client.post(f"/cases/{case.id}/meetings", data={
        "held_on": date.today().isoformat(), "attendees": "Sanne, Mo",
        "discussed": "The class", "decisions": "Mentor talks with the class",
        "factor_ids": [str(team["shared"].id)]})
    assert response.status_code == 302
    decision = meetings.for_case(team["coordinator"], case)[0].decisions[0]
    form_page = client.get(f"/cases/{case.id}/decisions/{decision.id}/factor")
    assert form_page.status_code == 200 and "Is bullied" in form_page.get_data(as_text=True)
    response = client.post(f"/cases/{case.id}/decisions/{decision.id}/factor",
                           data={"factor_id": str(team["shared"].id)})
    assert response.status_code == 302
    case_page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Besproken factoren" in case_page and "Pakt aan: Is bullied" in case_page
    picture = client.get(f"/cases/{case.id}/factors").get_data(as_text=True)
    assert "Besproken in het overleg van" in picture
    assert "Aangepakt met een besluit van het overleg van" in picture
    assert "Mentor talks with the class" in picture
    # The decisions are the team's record: the parent's picture does not mention them.
    family = make.logged_in(app, team["parent"]).get(f"/cases/{case.id}/factors")
    assert "Mentor talks with the class" not in family.get_data(as_text=True)


def test_the_agenda_page_adds_factors_to_a_planned_meeting(app, make, team):
    case = team["case"]
    planned = planning.plan(team["coordinator"], case.id, _next_week(), "Room 2")
    client = make.logged_in(app, team["coordinator"])
    assert client.get(f"/cases/{case.id}/meetings/planned/{planned.id}/agenda").status_code == 200
    response = client.post(f"/cases/{case.id}/meetings/planned/{planned.id}/agenda",
                           data={"factor_ids": [str(team["secret"].id)]})
    assert response.status_code == 302
    picture = client.get(f"/cases/{case.id}/factors").get_data(as_text=True)
    assert "Op de agenda van het overleg van" in picture
    empty = client.post(f"/cases/{case.id}/meetings/planned/{planned.id}/agenda", data={})
    assert empty.status_code == 422
