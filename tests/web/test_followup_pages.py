"""Home visits and the dropout follow-up through the pages: forms store through the
services, bad input stores nothing, and the family never sees what is not theirs."""
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from coordination.agreements.models import Agreement, AgreementRevision
from coordination.cases.models import Case
from coordination.extensions import db
from coordination.followup.models import (
    ContactAttempt,
    Deregistration,
    Enrolment,
    FollowUpStop,
    LeaverProfile,
    StartCheck,
)
from coordination.notifications.models import Notification
from coordination.timeutil import today_local
from coordination.visits.models import CaseRisk, HomeVisit


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def team(make):
    """A case with a coordinator, an attendance officer and a parent on it."""
    coordinator = make.user("coordinator", name="Sanne Bakker", phone="06-11112222")
    officer = make.user("attendance_officer", name="Peter van Dam")
    parent = make.user("parent")
    student = make.student(given_name="Daan", family_name="Visser", address="Kerkstraat 12",
                           postcode="3511 AB", city="Utrecht")
    case = make.case(coordinator, student, members=[(officer, "attendance_officer"),
                                                   (parent, "parent")])
    return coordinator, officer, parent, case


def visit(**kw):
    return {"outcome": "met_parent", "visited_on": today_local().isoformat(),
            "visited_at": "16:30", "address": "Kerkstraat 12, 3511 AB Utrecht",
            "summary": "Moeder thuis; Daan sliep nog", "visibility": "everyone",
            "confidential_note": "Vader heeft schulden", **kw}


def test_an_agreement_made_at_the_door_can_be_the_mothers(app, client, make, team):
    """Issue 11 finding 6: "Moeder belt de mentor voor vrijdag" is owned by the mother."""
    coordinator, officer, parent, case = team
    make.login(client, officer)
    form = client.get(f"/cases/{case.id}/visits").get_data(as_text=True)
    assert 'value="person"' in form and 'value="parents"' in form
    response = client.post(f"/cases/{case.id}/visits", data=visit(
        agreement_text="Moeder belt de mentor voor vrijdag", agreement_owner="person",
        agreement_owner_name="Moeder", agreement_visibility="everyone"))
    assert response.status_code == 302
    revision = db.session.scalar(sa.select(AgreementRevision))
    assert (revision.owner_user_id, revision.owner_kind, revision.owner_name) == (
        None, "person", "Moeder")
    nameless = client.post(f"/cases/{case.id}/visits", data=visit(
        agreement_text="Iemand belt", agreement_owner="person", agreement_owner_name=""))
    assert nameless.status_code == 422 and count(HomeVisit) == 1


def test_a_home_visit_with_an_agreement_in_one_step(app, client, make, team):
    coordinator, officer, parent, case = team
    make.login(client, officer)
    response = client.post(f"/cases/{case.id}/visits", data=visit(
        agreement_text="Daan komt maandag om 9 uur op school", agreement_owner=str(officer.id),
        agreement_visibility="everyone"))
    assert response.status_code == 302 and response.headers["Location"].endswith("#visits-title")
    assert (count(HomeVisit), count(Agreement)) == (1, 1)
    attempt = db.session.scalar(sa.select(ContactAttempt))
    assert (attempt.channel, attempt.reached) == ("home_visit", True)
    assert attempt.agreed == "Daan komt maandag om 9 uur op school"
    told = db.session.scalar(sa.select(Notification).where(Notification.kind == "home_visit"))
    assert told.user_id == coordinator.id
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Ouder gesproken" in page and "Moeder thuis; Daan sliep nog" in page
    assert "Vertrouwelijk" in page and "Vader heeft schulden" in page
    assert "Daan komt maandag om 9 uur op school" in page


def test_bad_visit_input_comes_back_filled_in_and_stores_nothing(app, client, make, team):
    coordinator, officer, parent, case = team
    make.login(client, officer)
    response = client.post(f"/cases/{case.id}/visits", data=visit(outcome=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "data-error-summary" in page
    assert "Moeder thuis; Daan sliep nog" in page  # the officer does not type it again
    stranger = make.user("professional")
    response = client.post(f"/cases/{case.id}/visits", data=visit(
        agreement_text="Daan belt morgen", agreement_owner=str(stranger.id)))
    assert response.status_code == 422  # a bad agreement keeps the visit out too
    response = client.post(f"/cases/{case.id}/visits", data=visit(next_visit_on="morgen"))
    assert response.status_code == 422
    future = (today_local() + timedelta(days=1)).isoformat()
    assert client.post(f"/cases/{case.id}/visits", data=visit(visited_on=future)).status_code == 422
    assert (count(HomeVisit), count(Agreement), count(ContactAttempt)) == (0, 0, 0)


def test_the_family_never_sees_confidential_notes(app, client, make, team):
    coordinator, officer, parent, case = team
    make.login(client, officer)
    client.post(f"/cases/{case.id}/visits", data=visit())
    client.post(f"/cases/{case.id}/visits", data=visit(
        outcome="nobody_home", summary="Alleen voor het team", visibility="team",
        confidential_note=""))
    family = make.login(app.test_client(), parent)
    page = family.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Moeder thuis; Daan sliep nog" in page
    assert "Vader heeft schulden" not in page and "Vertrouwelijk" not in page
    assert "Alleen voor het team" not in page and "Niemand thuis" not in page
    assert family.get(f"/cases/{case.id}/pre-visit").status_code == 403
    assert family.get(f"/cases/{case.id}/letter").status_code == 403
    assert family.post(f"/cases/{case.id}/visits", data=visit()).status_code == 403
    assert count(HomeVisit) == 2


def test_contact_attempts_risks_and_the_pre_visit_card(app, client, make, team):
    coordinator, officer, parent, case = team
    make.login(client, officer)
    client.post(f"/cases/{case.id}/contact-attempts", data={
        "on": today_local().isoformat(), "channel": "phone", "reached": "0",
        "said": "Voicemail ingesproken"})
    bad = client.post(f"/cases/{case.id}/contact-attempts", data={"channel": "pigeon"})
    assert bad.status_code == 422 and "data-error-summary" in bad.get_data(as_text=True)
    client.post(f"/cases/{case.id}/risks", data={"text": "Bezoek met z'n tweeën"})
    client.post(f"/cases/{case.id}/risks", data={"text": ""})
    assert (count(ContactAttempt), count(CaseRisk)) == (1, 1)
    card = client.get(f"/cases/{case.id}/pre-visit").get_data(as_text=True)
    for text in ("Bezoek met z&#39;n tweeën", "Sanne Bakker", "06-11112222",
                 "Kerkstraat 12, 3511 AB Utrecht", "Gebeld", "niet bereikt"):
        assert text in card
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Voicemail ingesproken" in page and "Bezoek met z&#39;n tweeën" in page


def test_leaving_school_and_enrolling_again_on_the_student_page(app, client, make):
    officer = make.user("attendance_officer", municipalities=["Utrecht"])
    student = make.student(make.school(region="midden"), dob=date(2007, 4, 10),
                           municipality="Utrecht")
    make.login(client, officer)
    url = f"/students/{student.id}"
    client.post(f"{url}/deregistrations", data={"left_on": today_local().isoformat(),
                                                 "reason": ""})
    assert count(Deregistration) == 0
    client.post(f"{url}/deregistrations", data={"left_on": today_local().isoformat(),
                                                 "reason": "school_climate"})
    case = db.session.scalar(sa.select(Case))
    assert case.followup and case.coordinator_id == officer.id
    assert "De sfeer op school" in client.get(url).get_data(as_text=True)
    client.post(f"{url}/enrolments", data={"school_id": "", "enrolled_on": "2027-01-11"})
    assert count(Enrolment) == 0
    school = make.school(name="ROC Midden")
    yesterday = (today_local() - timedelta(days=1)).isoformat()
    refused = client.post(f"{url}/enrolments", data={"school_id": school.id,
                                                     "enrolled_on": yesterday},
                          follow_redirects=True).get_data(as_text=True)
    assert count(Enrolment) == 0 and "kan niet beginnen voor de dag" in refused
    client.post(f"{url}/enrolments", data={"school_id": school.id,
                                           "enrolled_on": today_local().isoformat()})
    db.session.expire_all()
    assert count(Enrolment) == 1 and not db.session.get(Case, case.id).followup
    assert "ingeschreven bij ROC Midden" in client.get(url).get_data(as_text=True)


def test_the_coordinator_stops_the_follow_up(app, client, make, team):
    coordinator, officer, parent, case = team
    case.followup = True
    db.session.commit()
    assert make.login(app.test_client(), officer).post(
        f"/cases/{case.id}/followup/stop", data={"reason": "decision"}).status_code == 403
    make.login(client, coordinator)
    assert "Nazorg stoppen" in client.get(f"/cases/{case.id}").get_data(as_text=True)
    client.post(f"/cases/{case.id}/followup/stop", data={"reason": "bored"})
    assert count(FollowUpStop) == 0
    client.post(f"/cases/{case.id}/followup/stop", data={"reason": "decision",
                                                          "note": "Werkt bij een garage"})
    db.session.expire_all()
    assert count(FollowUpStop) == 1 and not db.session.get(Case, case.id).followup


def test_the_kind_of_leaver_the_causes_and_the_start_check_on_the_case_page(app, client, make,
                                                                            team):
    coordinator, officer, parent, case = team
    case.followup = True
    db.session.commit()
    url = f"/cases/{case.id}"
    assert make.login(app.test_client(), parent).post(
        f"{url}/followup/profile", data={"kind": "opstapper"}).status_code == 403
    make.login(client, officer)
    page = client.get(url).get_data(as_text=True)
    assert "Soort schoolverlater en oorzaken" in page and "Startcontrole in september" in page
    client.post(f"{url}/followup/profile", data={"kind": "nobody"})
    assert count(LeaverProfile) == 0
    client.post(f"{url}/followup/profile", data={"kind": "opstapper", "causes": ["labour_market"]})
    client.post(f"{url}/followup/profile", data={
        "kind": "verhinderde", "causes": ["personal_problems", "parental_involvement"],
        "note": "Zorgen thuis"})
    client.post(f"{url}/followup/start-check", data={"started": "0",
                                                       "on": today_local().isoformat()})
    assert (count(LeaverProfile), count(StartCheck)) == (2, 1)
    page = client.get(url).get_data(as_text=True)
    assert page.index("Verhinderde: veel problemen") < page.index("Opstapper: weinig")
    assert "Weinig steun van de ouders" in page and "Niet begonnen" in page


def followup_case(make, coordinator, postcode, name, members=()):
    student = make.student(given_name=name, postcode=postcode, address="Dorpsstraat 1",
                           city="Utrecht")
    return make.case(coordinator, student, members=members, followup=True)


def test_the_zomeractie_list_groups_by_postcode_and_hides_cases_of_others(app, client, make):
    officer, other = make.user("attendance_officer"), make.user("coordinator")
    followup_case(make, officer, "3511 AB", "Anna")
    followup_case(make, officer, "3430 CD", "Bram")
    followup_case(make, other, "3511 XY", "Cees", members=[(officer, "attendance_officer")])
    followup_case(make, other, "3511 ZZ", "Dirk")  # not the officer's
    make.case(officer, make.student(given_name="Eva", postcode="3511 AA"))  # no follow-up
    make.login(client, officer)
    page = client.get("/followup/").get_data(as_text=True)
    assert page.index("Postcodegebied 3430") < page.index("Bram") < page.index(
        "Postcodegebied 3511") < page.index("Anna")
    assert "Cees" in page and "2 jongeren" in page
    assert "Dirk" not in page and "Eva" not in page
    mentor = make.login(app.test_client(), make.user("professional"))
    assert mentor.get("/followup/").status_code == 403


def test_the_letter_shows_the_coordinators_contact_details_in_dutch(app, client, make, team):
    coordinator, officer, parent, case = team
    officer.locale = "en"
    db.session.commit()
    make.login(client, officer)
    none = client.get(f"/cases/{case.id}/letter", headers={"Accept-Language": "nl"})
    assert "no letter to print" in none.get_data(as_text=True)  # officer reads English
    assert "Beste Daan," not in none.get_data(as_text=True)     # not in follow-up: no letter
    case.followup = True
    db.session.commit()
    page = client.get(f"/cases/{case.id}/letter").get_data(as_text=True)
    for text in ("Beste Daan,", "Daan Visser", "Kerkstraat 12", "3511 AB Utrecht",
                 "Sanne Bakker", "06-11112222", coordinator.email, "Met vriendelijke groet"):
        assert text in page
    outsider = make.login(app.test_client(), make.user("coordinator"))
    assert outsider.get(f"/cases/{case.id}/letter").status_code == 404


def upload(client, text):
    return client.post("/followup/import", data={"file": (io.BytesIO(text.encode()), "lijst.csv")},
                       content_type="multipart/form-data")


def test_the_import_page_reports_row_errors_and_stores_nothing(app, client, make):
    school = make.school(brin="04KX")
    officer = make.user("attendance_officer", schools=[school])
    make.student(school, student_number="1001", dob=date(2010, 1, 1))
    make.login(client, officer)
    assert client.get("/followup/import").status_code == 200
    bad = upload(client, "student_number,school_brin\n1001,04KX\n9999,04KX\n")
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "<td>3</td>" in page and "Er is niets opgeslagen" in page
    assert count(Case) == 0
    good = upload(client, "student_number,school_brin,reason\n1001,04KX,moved\n")
    assert good.status_code == 200 and count(Case) == 1
    assert "Nazorgzaken geopend" in good.get_data(as_text=True)
    assert client.post("/followup/import", data={}).status_code == 422
