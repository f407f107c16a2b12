"""The factors page: the team's view beside the family's own words, the picture on the
case page, audiences in the portal, and errors in Dutch on the form."""
from datetime import date

import pytest

from coordination.factors import services
from coordination.factors.models import CaseFactor


@pytest.fixture
def team(app, make):
    return make.case_team(date(2012, 3, 1))


def test_the_team_adds_a_risk_and_the_case_page_shows_the_picture(app, make, team):
    client = make.logged_in(app, team["mentor"])
    case = team["case"]
    response = client.post(f"/cases/{case.id}/factors", data={
        "kind": "risk", "text": "Is bullied", "area": "school", "domain": "classmates",
        "visibility": "team"})
    assert response.status_code == 302
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Is bullied" in page and "1 risico" in page
    assert "meer risico’s dan sterke kanten" in page


def test_a_risk_without_its_area_comes_back_with_a_dutch_error(app, make, team):
    client = make.logged_in(app, team["mentor"])
    case = team["case"]
    response = client.post(f"/cases/{case.id}/factors", data={
        "kind": "risk", "text": "Angst", "visibility": "team"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Kies het gebied" in body
    assert CaseFactor.query.count() == 0


def test_a_life_event_needs_its_day_and_not_in_the_future(app, make, team):
    client = make.logged_in(app, team["mentor"])
    case = team["case"]
    missing = client.post(f"/cases/{case.id}/factors", data={
        "kind": "life_event", "text": "Moved house", "visibility": "team"})
    future = client.post(f"/cases/{case.id}/factors", data={
        "kind": "life_event", "text": "Moved house", "visibility": "team",
        "happened_on": "2099-01-01"})
    assert missing.status_code == 422 and future.status_code == 422
    assert CaseFactor.query.count() == 0


def test_a_factor_follows_its_audience_in_the_portal(app, make, team):
    case, coordinator = team["case"], team["coordinator"]
    for text, visibility in (("for the team", "team"), ("for everyone", "everyone")):
        services.add(coordinator, case.id, "strength", text, visibility)
    parent_page = make.logged_in(app, team["parent"]).get(f"/cases/{case.id}/factors")
    youth_page = make.logged_in(app, team["youth"]).get(f"/cases/{case.id}/factors")
    for page in (parent_page, youth_page):
        body = page.get_data(as_text=True)
        assert page.status_code == 200
        assert "for everyone" in body and "for the team" not in body


def test_the_youth_adds_own_words_beside_the_team_view(app, make, team):
    case = team["case"]
    youth = make.logged_in(app, team["youth"])
    response = youth.post(f"/cases/{case.id}/factors/own", data={
        "family_kind": "helps", "text": "Mijn mentor die luistert", "visibility": "everyone"})
    assert response.status_code == 302
    team_page = make.logged_in(app, team["mentor"]).get(f"/cases/{case.id}/factors")
    body = team_page.get_data(as_text=True)
    own = body.index('id="own-view-title"')
    assert body.index("Mijn mentor die luistert") > own


def test_family_cannot_write_the_team_view_nor_end_its_items(app, make, team):
    case = team["case"]
    factor = services.add(team["coordinator"], case.id, "risk", "Angst", "everyone",
                          area="youth")
    parent = make.logged_in(app, team["parent"])
    assert parent.post(f"/cases/{case.id}/factors", data={
        "kind": "risk", "text": "x", "area": "home", "visibility": "team"}).status_code == 403
    assert parent.post(f"/cases/{case.id}/factors/{factor.id}/end").status_code == 403


def test_marking_no_longer_true_keeps_the_item(app, make, team):
    case = team["case"]
    factor = services.add(team["coordinator"], case.id, "risk", "Angst", "team", area="youth")
    client = make.logged_in(app, team["mentor"])
    response = client.post(f"/cases/{case.id}/factors/{factor.id}/end",
                           data={"reason": "Therapie helpt"})
    assert response.status_code == 302
    body = client.get(f"/cases/{case.id}/factors").get_data(as_text=True)
    assert "Angst" in body and "Therapie helpt" in body


def test_the_coordinator_chooses_two_kinds_and_the_api_keeps_the_primary(app, make, team):
    case = team["case"]
    client = make.logged_in(app, team["coordinator"])
    response = client.post(f"/cases/{case.id}/absence-kinds", data={
        "kinds": ["school_refusal", "withdrawal"], "primary": "withdrawal"})
    assert response.status_code == 302
    api = client.get(f"/api/v1/cases/{case.id}", headers=make.token(team["coordinator"]))
    assert api.get_json()["absence_kind"] == "withdrawal"


def test_two_kinds_without_the_best_fitting_one_is_refused(app, make, team):
    case = team["case"]
    client = make.logged_in(app, team["coordinator"])
    response = client.post(f"/cases/{case.id}/absence-kinds", data={
        "kinds": ["school_refusal", "withdrawal"]})
    assert response.status_code == 422
    assert "Kies welke van de aangevinkte soorten het best past." in response.get_data(
        as_text=True)


def test_the_case_page_names_every_kind_that_fits(app, make, team):
    from coordination.factors import kinds

    case = team["case"]
    kinds.choose(team["coordinator"], case.id, ["truancy", "exclusion"], "exclusion")
    page = make.logged_in(app, team["mentor"]).get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Soorten verzuim: Uitsluiten van schoolgang (door de school); Spijbelen" in page


def test_the_case_page_shows_the_kinds_and_leads_to_the_one_chooser(app, make, team):
    case = team["case"]
    client = make.logged_in(app, team["coordinator"])
    client.post(f"/cases/{case.id}/absence-kinds", data={
        "kinds": ["school_refusal", "withdrawal"], "primary": "withdrawal"})
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f'/cases/{case.id}/factors#kinds-title' in page
    assert 'action="/cases/{}/absence-kind"'.format(case.id) not in page
    assert client.post(f"/cases/{case.id}/absence-kind",
                       data={"absence_kind": "truancy"}).status_code in (404, 405)
