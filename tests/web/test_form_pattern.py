"""Forms as people expect them (issue 11, finding 4; the GOV.UK error pattern) and the phone
(finding 5): after a wrong submit the form comes back as it was sent, with a summary on
top that takes focus and links to each wrong field, each field marked with its own message
in Dutch, at a URL that also answers GET; nothing is stored."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from coordination.agreements.models import Agreement
from coordination.extensions import db
from coordination.meetings.models import Meeting, PlannedMeeting
from coordination.tiers.models import AwayPeriod, CasePause, Review
from coordination.timeutil import today_local
from coordination.visits.labels import OUTCOME_LABELS
from coordination.visits.models import CaseRisk, HomeVisit
from coordination.visits.services import MAX_RISK


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def summary_links(page):
    """The fields the error summary links to."""
    match = re.search(r'<div class="alert alert--error error-summary"[^>]*>(.*?)</div>', page,
                      re.S)
    assert match, "no error summary"
    return re.findall(r'href="#([^"]+)"', match.group(1))


def marked(page, control_id):
    """The control is marked invalid and described by its own error message."""
    tag = re.search(rf'<(?:input|textarea|select)[^>]*id="{control_id}"[^>]*>', page).group(0)
    return 'aria-invalid="true"' in tag and "-error" in tag


@pytest.fixture
def team(make):
    coordinator = make.user("coordinator", name="Sanne Bakker")
    officer = make.user("attendance_officer", name="Peter van Dam")
    student = make.student(given_name="Daan", family_name="Visser", address="Kerkstraat 12")
    case = make.case(coordinator, student, members=[(officer, "attendance_officer")])
    return coordinator, officer, case


def test_a_wrong_review_comes_back_filled_in_with_its_error_on_the_field(client, make, team):
    coordinator, _, case = team
    make.login(client, coordinator)
    url = f"/cases/{case.id}/reviews"
    response = client.post(url, data={"outcome": "continue", "note": "  ",
                                      "next_review_on": "2001-01-01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and count(Review) == 0
    assert "Schrijf op wat de evaluatie liet zien." in page
    assert set(summary_links(page)) == {"review-note", "review-next"}
    assert marked(page, "review-note") and marked(page, "review-next")
    assert 'value="2001-01-01"' in page  # what was typed stays
    assert 'data-error-summary' in page and 'tabindex="-1"' in page and "autofocus" in page
    assert client.get(url).status_code == 200  # reloading the address works


def test_an_empty_pause_names_each_missing_day_and_the_reason(client, make, team):
    coordinator, _, case = team
    make.login(client, coordinator)
    response = client.post(f"/cases/{case.id}/pauses", data={"first": "", "last": "",
                                                            "reason": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and count(CasePause) == 0
    assert "Vul de eerste dag van de pauze in." in page
    assert "Vul de laatste dag van de pauze in." in page
    assert "Schrijf op waar de zaak op wacht." in page
    assert "niet voor de eerste" not in page


def test_the_empty_away_form_says_what_is_missing(client, make):
    coordinator = make.user("coordinator")
    make.user("professional", name="Mo Deputy")
    make.login(client, coordinator)
    response = client.post("/away", data={"first": "", "last": "", "deputy_id": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and count(AwayPeriod) == 0
    assert "Vul de eerste dag in dat je weg bent." in page
    assert "Vul de laatste dag in dat je weg bent." in page
    assert "niet voor de eerste" not in page
    assert set(summary_links(page)) == {"first", "last", "deputy_id"}


def test_a_day_that_is_no_date_gets_one_message_in_the_words_of_the_date_field(client, make):
    coordinator = make.user("coordinator")
    deputy = make.user("professional")
    make.login(client, coordinator)
    response = client.post("/away", data={"first": "morgen", "last": "2026-13-01",
                                          "deputy_id": str(deputy.id)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert page.count("Vul een echte datum in: dag, maand en jaar.") == 2 * 2  # summary + field
    assert "JJJJ" not in page and 'value="morgen"' in page


def test_a_wrong_meeting_keeps_what_was_typed(client, make, team):
    coordinator, _, case = team
    make.login(client, coordinator)
    url = f"/cases/{case.id}/meetings"
    response = client.post(url, data={"held_on": "", "attendees": "Sanne, Mo, moeder",
                                      "discussed": "", "decisions": "Mo belt maandag"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and count(Meeting) == 0
    assert "Sanne, Mo, moeder" in page and "Mo belt maandag" in page
    assert set(summary_links(page)) == {"held_on", "discussed"}
    assert client.get(url).status_code == 200


def test_planning_a_meeting_without_a_time_marks_the_date_and_time(client, make, team):
    coordinator, _, case = team
    make.login(client, coordinator)
    tomorrow = (today_local() + timedelta(days=1)).isoformat()
    response = client.post(f"/cases/{case.id}/meetings/planned",
                           data={"date": tomorrow, "time": "25:99", "place": "School"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and count(PlannedMeeting) == 0
    assert "Vul een tijd in, zoals 09:30." in page and marked(page, "plan-time")
    assert 'value="School"' in page
    ok = client.post(f"/cases/{case.id}/meetings/planned",
                     data={"date": tomorrow, "time": "09:30", "place": "School"})
    assert ok.status_code == 302 and ok.headers["Location"].endswith("#upcoming-title")
    assert count(PlannedMeeting) == 1


def test_a_decision_without_an_owner_comes_back_on_its_own_page(client, make, team):
    coordinator, _, case = team
    decision = make.decision(case, coordinator, text="Mentor belt elke maandag")
    make.login(client, coordinator)
    url = f"/cases/{case.id}/decisions/{decision.id}/agreement"
    assert "Mentor belt elke maandag" in client.get(url).get_data(as_text=True)
    response = client.post(url, data={"owner_user_id": "", "visibility": "everyone"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and count(Agreement) == 0
    assert "owner_user_id" in summary_links(page)
    assert client.get(f"/cases/{case.id}/decisions/{2**31 - 1}/agreement").status_code == 404


def test_a_wrong_home_visit_can_be_reloaded_and_puts_each_error_on_its_field(client, make,
                                                                             team):
    coordinator, officer, case = team
    make.login(client, officer)
    url = f"/cases/{case.id}/visits"
    stranger = make.user("professional")
    response = client.post(url, data={
        "outcome": "", "visited_on": today_local().isoformat(), "summary": "Niemand open",
        "visibility": "team", "agreement_text": "Daan belt morgen",
        "agreement_owner": str(stranger.id), "agreement_visibility": "everyone"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and count(HomeVisit) == 0
    first_choice = next(iter(OUTCOME_LABELS))
    assert {f"visit-outcome-{first_choice}", "visit-agreement-owner"} <= set(summary_links(page))
    assert marked(page, "visit-agreement-owner") and "Niemand open" in page
    assert 'aria-invalid="true"' in re.search(r'id="visit-outcome-met_parent"[^>]*>',
                                              page).group(0)
    reload = client.get(url)  # the address bar after a wrong submit: no 405
    assert reload.status_code == 200 and 'id="log-title"' in reload.get_data(as_text=True)


def test_a_saved_visit_lands_on_the_visit_section(client, make, team):
    coordinator, officer, case = team
    make.login(client, officer)
    response = client.post(f"/cases/{case.id}/visits", data={
        "outcome": "nobody_home", "visited_on": today_local().isoformat(),
        "summary": "Niemand thuis", "visibility": "team"})
    assert response.status_code == 302 and response.headers["Location"].endswith("#visits-title")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'alert alert--success' in page


def test_a_risk_too_long_is_refused_on_its_field_and_the_limit_comes_from_the_service(
        client, make, team):
    coordinator, _, case = team
    make.login(client, coordinator)
    assert f'maxlength="{MAX_RISK}"' in client.get(f"/cases/{case.id}/risks").get_data(as_text=True)
    response = client.post(f"/cases/{case.id}/risks", data={"text": "x" * (MAX_RISK + 1)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and count(CaseRisk) == 0
    assert summary_links(page) == ["risk-text"] and "x" * (MAX_RISK + 1) in page


def test_a_refused_form_page_is_not_a_read_of_the_case(client, make, team):
    from coordination.audit.models import AuditEvent

    coordinator, _, case = team
    make.login(client, coordinator)
    before = count(AuditEvent)
    client.post(f"/cases/{case.id}/tier", data={"tier": "2", "reason": ""})
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert "case.read" not in actions[before:]


def test_the_birth_date_hint_error_and_field_agree(client, make):
    coordinator = make.user("coordinator")
    school = make.school()
    coordinator.schools.append(school)
    db.session.commit()
    make.login(client, coordinator)
    page = client.get("/students/new").get_data(as_text=True)
    assert 'type="date"' in re.search(r'<input[^>]*id="date_of_birth"[^>]*>', page).group(0)
    assert "Dag, maand en jaar" in page and "JJJJ" not in page
    response = client.post("/students/new", data={"school_id": str(school.id)})
    page = response.get_data(as_text=True)
    assert "Vul de geboortedatum in." in page and "JJJJ" not in page
    assert marked(page, "date_of_birth")


def test_the_header_folds_behind_a_menu_button_served_from_static(client, make):
    make.login(client, make.user("coordinator"))
    page = client.get("/students/").get_data(as_text=True)
    assert 'data-menu-toggle aria-controls="main-menu"' in page and 'id="main-menu"' in page
    assert '<script src="/static/regie.js" defer></script>' in page
    script = client.get("/static/regie.js")
    assert script.status_code == 200
    script.close()


def test_an_attendance_officer_reaches_the_visit_from_the_top_of_the_case(client, make, team):
    coordinator, officer, case = team
    make.login(client, officer)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    shortcuts = page.index('class="shortcuts"')
    assert shortcuts < page.index("<h1")
    assert f'href="/cases/{case.id}/pre-visit"' in page[shortcuts:page.index("<h1")]
    assert f'href="/cases/{case.id}/visits#log-title"' in page[shortcuts:page.index("<h1")]
    make.login(client, coordinator)
    assert 'class="shortcuts"' not in client.get(f"/cases/{case.id}").get_data(as_text=True)
