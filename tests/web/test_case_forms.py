"""The case page's own forms (open, hand over, add to the team) go through the one submit
helper: a refusal by the service lands on the field it is about, the page comes back as it
was sent (422) without a second audited read, and nothing is stored."""
import re

import sqlalchemy as sa

from coordination.audit.models import AuditEvent
from coordination.cases.models import Case, CaseMember, CoordinatorHandover
from coordination.extensions import db


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def reads(case):
    return db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.action == "case.read", AuditEvent.case_id == case.id))


def field_error(page, control_id):
    """The error message shown under the control, or None."""
    match = re.search(rf'<p class="error-text" id="{control_id}-error">([^<]*)</p>', page)
    return match and match.group(1)


def test_handing_over_to_the_coordinator_again_is_refused_on_the_person_field(client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    make.login(client, coordinator)
    response = client.post(f"/cases/{case.id}/coordinator",
                           data={"user_id": coordinator.id, "reason": "Vakantie"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(page, "new_coordinator").startswith("Deze persoon is al de regievoerder.")
    assert "Vakantie" in page  # what was typed stays
    assert count(CoordinatorHandover) == 1 and reads(case) == 0


def test_adding_a_team_member_twice_is_refused_with_the_form_as_sent(client, make):
    coordinator, mentor = make.user("coordinator"), make.user("professional")
    case = make.case(coordinator, members=[(mentor, "mentor")])
    make.login(client, coordinator)
    response = client.post(f"/cases/{case.id}/members",
                           data={"user_id": mentor.id, "role": "mentor"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "data-error-summary" in page
    assert "Deze persoon zit al in het team." in page
    assert count(CaseMember) == 1 and reads(case) == 0


def test_adding_a_professional_says_the_team_is_updated(client, make):
    coordinator, mentor = make.user("coordinator"), make.user("professional")
    case = make.case(coordinator)
    make.login(client, coordinator)
    response = client.post(f"/cases/{case.id}/members",
                           data={"user_id": mentor.id, "role": "mentor"})
    assert response.status_code == 302 and count(CaseMember) == 1
    assert "Het team is bijgewerkt." in client.get(response.headers["Location"]).get_data(
        as_text=True)


def test_a_refused_new_case_goes_back_to_the_student_page_with_the_reason(client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    make.link(coordinator, case.student.school)
    make.login(client, coordinator)
    response = client.post("/cases/", data={"student_id": case.student_id,
                                            "coordinator_id": coordinator.id})
    assert response.status_code == 302 and count(Case) == 1
    assert response.headers["Location"].endswith(f"/students/{case.student_id}#cases-title")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'class="alert alert--error"' in page
    missing = client.post("/cases/", data={"student_id": case.student_id, "coordinator_id": ""})
    assert missing.headers["Location"].endswith(f"/students/{case.student_id}#cases-title")
    assert count(Case) == 1


def test_the_student_page_opens_a_case_with_a_coordinator_named_by_address(client, make):
    school = make.school()
    student = make.student(school)
    coordinator = make.link(make.user("coordinator"), school)
    far = make.user("coordinator", name="Verre Collega")
    make.login(client, coordinator)
    page = client.get(f"/students/{student.id}").get_data(as_text=True)
    assert 'id="open_coordinator_email"' in page and "Verre Collega" not in page
    refused = client.post("/cases/", data={"student_id": student.id,
                                           "coordinator_id": coordinator.id,
                                           "professional_email": "nobody@test.regie.nl"})
    assert refused.status_code == 302 and count(Case) == 0
    assert "Er is geen professional met dit e-mailadres." in client.get(
        refused.headers["Location"]).get_data(as_text=True)
    opened = client.post("/cases/", data={"student_id": student.id,
                                          "coordinator_id": coordinator.id,
                                          "professional_email": far.email})
    assert opened.status_code == 302 and count(Case) == 1
    assert db.session.scalar(sa.select(Case.coordinator_id)) == far.id


def test_the_case_page_takes_its_text_limits_from_the_services(client, make):
    from coordination.cases import services
    from coordination.followup.services import NOTE_MAX

    coordinator = make.user("coordinator")
    case = make.case(coordinator, followup=True)
    make.login(client, coordinator)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert re.search(rf'id="note-text"[^>]*maxlength="{services.MAX_NOTE}"', page)
    assert re.search(rf'id="hard-note"[^>]*maxlength="{services.HARD_TO_ATTEND_NOTE_MAX}"', page)
    stop = client.get(f"/cases/{case.id}/followup/stop").get_data(as_text=True)
    assert re.search(rf'id="stop-note"[^>]*maxlength="{NOTE_MAX}"', stop)  # its own page


def test_the_selects_list_who_works_where_the_child_is_and_an_address_names_anyone_else(
        client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    nearby = make.link(make.user("professional", name="Nearby Mentor"), case.student.school)
    far = make.user("coordinator", name="Far Away")
    make.login(client, coordinator)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f'<option value="{nearby.id}">Nearby Mentor</option>' in page
    assert "Far Away" not in page
    assert '<label for="new_coordinator_email">' in page and 'id="member_email"' in page

    response = client.post(f"/cases/{case.id}/coordinator",
                           data={"user_id": "", "professional_email": far.email,
                                 "reason": "Overstap"})
    assert response.status_code == 302 and count(CoordinatorHandover) == 2
    db.session.expire_all()
    assert db.session.get(Case, case.id).coordinator_id == far.id


def test_an_unknown_address_is_refused_on_its_own_field(client, make):
    coordinator, parent = make.user("coordinator"), make.user("parent")
    case = make.case(coordinator)
    make.login(client, coordinator)
    for path, data, control in (
            ("coordinator", {"user_id": "", "reason": "Overstap"}, "new_coordinator_email"),
            ("members", {"user_id": "", "role": "mentor"}, "member_email")):
        for address in ("niemand@test.regie.nl", parent.email):
            response = client.post(f"/cases/{case.id}/{path}",
                                   data={**data, "professional_email": address})
            page = response.get_data(as_text=True)
            assert response.status_code == 422 and "data-error-summary" in page
            assert field_error(page, control) == "Er is geen professional met dit e-mailadres."
            assert f'href="#{control}"' in page  # the summary links to the field
            assert f'value="{address}"' in page  # what was typed stays
    assert count(CoordinatorHandover) == 1 and count(CaseMember) == 0 and reads(case) == 0


def test_neither_a_person_nor_an_address_asks_for_a_person(client, make):
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    make.login(client, coordinator)
    response = client.post(f"/cases/{case.id}/members",
                           data={"user_id": "", "professional_email": "", "role": "mentor"})
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "member_user_id") == "Kies een persoon."
